from django.contrib import admin
from django.http import HttpRequest

from tiendo.meetings.models import Freeze


@admin.register(Freeze)
class FreezeAdmin(admin.ModelAdmin[Freeze]):
    """A meeting's frozen figures are read-only here: nobody edits or deletes them."""

    list_display = ["title", "cutoff", "known_at", "created_by", "agency", "created_at"]
    search_fields = ["title"]
    date_hierarchy = "created_at"
    fields = [
        "title",
        "page",
        "cutoff",
        "known_at",
        "filters",
        "plans",
        "created_by",
        "agency",
        "created_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Freeze | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Freeze | None = None) -> bool:
        return False
