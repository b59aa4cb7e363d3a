from django.contrib import admin
from django.http import HttpRequest

from tiendo.plans.models import DeadlineChange, Item, Plan, Programme, TaskGroup


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
