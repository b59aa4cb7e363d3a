from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tiendo.accounts.access import actor_for
from tiendo.audit.services import audit_record, snapshot
from tiendo.plans.models import (
    DeadlineChange,
    ExtensionRequest,
    Item,
    Plan,
    Programme,
    TargetChange,
    TaskGroup,
)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin[Programme]):
    list_display = ["code", "name", "decision"]


class TaskGroupInline(admin.TabularInline[TaskGroup, Plan]):
    model = TaskGroup
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin[Plan]):
    list_display = ["number", "title", "issued_on", "issuing_agency", "is_illustrative"]
    search_fields = ["number", "title"]
    autocomplete_fields = ["issuing_agency"]
    inlines = [TaskGroupInline]


@admin.register(TaskGroup)
class TaskGroupAdmin(admin.ModelAdmin[TaskGroup]):
    list_display = ["plan", "code", "name"]
    list_filter = ["plan"]
    search_fields = ["name"]


class DeadlineChangeInline(admin.TabularInline[DeadlineChange, Item]):
    """Extensions are appended with their reason; earlier ones are never edited."""

    model = DeadlineChange
    extra = 0
    readonly_fields = ["recorded_at"]

    def has_change_permission(self, request: HttpRequest, obj: Item | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Item | None = None) -> bool:
        return False


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin[Item]):
    list_display = ["code", "title", "kind", "plan", "group", "lead_agency", "deadline"]
    list_filter = ["plan", "kind", "is_recurring"]
    search_fields = ["code", "title", "lead_agency__name"]
    autocomplete_fields = ["lead_agency", "coordinating_agencies", "group", "parent"]
    readonly_fields = ["recorded_at"]
    inlines = [DeadlineChangeInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Item | None = None) -> list[str]:
        # Once assigned, deadline and target change only by gia hạn / điều chỉnh with a reason.
        fixed = ["deadline", "is_recurring", "target", "baseline"] if obj else []
        return ["recorded_at", *fixed]

    def save_model(self, request: HttpRequest, obj: Item, form: Any, change: bool) -> None:
        before = snapshot(Item.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        audit_record(
            actor=actor_for(request),
            action="item.update" if change else "item.create",
            obj=obj,
            item=obj,
            summary=f"Quản trị {'sửa' if change else 'thêm'} {obj.code}: {obj.title[:200]}",
            before=before,
            after=snapshot(obj),
        )


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(admin.ModelAdmin[ExtensionRequest]):
    """Requests are made and decided on the item pages; here they are only read."""

    list_display = ["item", "requested_deadline", "requested_by", "decision", "decided_at"]
    list_filter = ["decision"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: ExtensionRequest | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: ExtensionRequest | None = None
    ) -> bool:
        return False


@admin.register(TargetChange)
class TargetChangeAdmin(admin.ModelAdmin[TargetChange]):
    list_display = ["item", "new_target", "decided_on", "reason"]

    def has_change_permission(self, request: HttpRequest, obj: TargetChange | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: TargetChange | None = None) -> bool:
        return False
