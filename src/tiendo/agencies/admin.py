from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from tiendo.accounts.access import actor_for
from tiendo.agencies.models import Agency, AgencySuccession
from tiendo.agencies.services import agency_upsert


class SuccessionInline(admin.TabularInline[AgencySuccession, Agency]):
    model = AgencySuccession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline]

    def save_model(
        self, request: HttpRequest, obj: Agency, form: ModelForm[Any], change: bool
    ) -> None:
        saved = agency_upsert(
            code=obj.code,
            name=obj.name,
            kind=obj.kind,
            parent=obj.parent,
            short_name=obj.short_name,
            valid_from=obj.valid_from,
            valid_to=obj.valid_to,
            actor=actor_for(request),
        )
        obj.pk, obj.path = saved.pk, saved.path

    def has_delete_permission(self, request: HttpRequest, obj: Agency | None = None) -> bool:
        # Agencies are never deleted: they end (valid_to) and pass their work on.
        return False
