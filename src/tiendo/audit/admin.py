from django.contrib import admin
from django.http import HttpRequest

from tiendo.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """The audit trail is read-only here: nobody adds, edits or deletes its rows by hand."""

    list_display = ["at", "actor", "ip", "action", "summary"]
    list_filter = ["action"]
    search_fields = ["summary", "object_id", "actor__username"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
