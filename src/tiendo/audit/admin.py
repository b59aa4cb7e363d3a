from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join

from tiendo.audit.labels import action_label, object_type_label
from tiendo.audit.models import AuditEvent
from tiendo.audit.selectors import describe_changes


class ActionFilter(admin.SimpleListFilter):
    """The actions on record, by their Vietnamese names (the codes stay in the URL)."""

    title = "thao tác"
    parameter_name = "action"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        codes = AuditEvent.objects.order_by().values_list("action", flat=True).distinct()
        return sorted(((code, action_label(code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """The audit trail is read-only here: nobody adds, edits or deletes its rows by hand."""

    list_display = ["at", "actor", "ip", "action_name", "summary"]
    list_filter = [ActionFilter]
    search_fields = ["summary", "object_id", "actor__username"]
    date_hierarchy = "at"
    fields = [
        "at",
        "actor",
        "ip",
        "action_name",
        "summary",
        "object_name",
        "object_id",
        "item",
        "changes",
    ]
    readonly_fields = ["action_name", "object_name", "changes"]

    @admin.display(description="thao tác", ordering="action")
    def action_name(self, event: AuditEvent) -> str:
        return action_label(event.action)

    @admin.display(description="đối tượng", ordering="object_type")
    def object_name(self, event: AuditEvent) -> str:
        return object_type_label(event.object_type)

    @admin.display(description="nội dung thay đổi")
    def changes(self, event: AuditEvent) -> str:
        # The same words as the item's history: field labels and values, before → after.
        rows = [
            (c.label, c.after) if c.before is None else (c.label, f"{c.before} → {c.after}")
            for c in describe_changes(event)
        ]
        return format_html_join("\n", "<div>{}: {}</div>", rows) or "–"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
