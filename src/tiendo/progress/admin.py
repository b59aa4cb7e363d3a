from django.contrib import admin
from django.http import HttpRequest

from tiendo.progress.models import Evidence, Holiday, ProgressUpdate, ReportingPeriod


class ReadOnlyMixin:
    """Reported facts are appended through the reporting pages; nothing here edits or deletes."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyMixin, admin.ModelAdmin[ProgressUpdate]):
    list_display = ["item", "agency", "valid_on", "state", "percent", "recorded_at", "decision"]
    list_filter = ["state", "decision", "item__plan"]
    search_fields = ["item__code", "item__title", "agency__name"]
    date_hierarchy = "valid_on"


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyMixin, admin.ModelAdmin[Evidence]):
    list_display = ["file_name", "kind", "size", "update", "uploaded_at"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin[ReportingPeriod]):
    list_display = ["plan", "label", "starts_on", "cutoff", "due_on", "closed_at"]
    list_filter = ["plan", "kind"]
    # Closing and reopening go through period_close / period_reopen (audited) on the web.
    readonly_fields = ["closed_at"]

    def has_delete_permission(
        self, request: HttpRequest, obj: ReportingPeriod | None = None
    ) -> bool:
        return False


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin[Holiday]):
    list_display = ["day", "name"]
    date_hierarchy = "day"
