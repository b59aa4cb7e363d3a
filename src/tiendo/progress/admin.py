from django.contrib import admin
from django.http import HttpRequest

from tiendo.progress.models import ProgressUpdate


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin[ProgressUpdate]):
    """Updates are appended; a correction is a new update, so nothing here edits or deletes."""

    list_display = ["item", "valid_on", "state", "percent", "recorded_at"]
    list_filter = ["state", "item__plan"]
    search_fields = ["item__code", "item__title"]
    autocomplete_fields = ["item"]
    readonly_fields = ["recorded_at"]
    date_hierarchy = "valid_on"

    def has_change_permission(
        self, request: HttpRequest, obj: ProgressUpdate | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: ProgressUpdate | None = None
    ) -> bool:
        return False
