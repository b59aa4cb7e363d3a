from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.forms import ModelForm
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import URLPattern, path

from tiendo.accounts.access import actor_for
from tiendo.agencies.directory import (
    DirectoryLoad,
    directory_load,
    province_label,
    provinces_2025,
)
from tiendo.agencies.models import Agency, AgencySuccession
from tiendo.agencies.services import agency_upsert


class SuccessionInline(admin.TabularInline[AgencySuccession, Agency]):
    model = AgencySuccession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]


class DirectoryLoadForm(forms.Form):
    province = forms.TypedChoiceField(
        label="Tỉnh, thành phố",
        coerce=int,
        choices=lambda: [(int(p.code), province_label(p)) for p in provinces_2025()],
    )


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline]

    def get_urls(self) -> list[URLPattern]:
        load = path(
            "nap-danh-muc/",
            self.admin_site.admin_view(self.load_directory_view),
            name="agencies_agency_load_directory",
        )
        return [load, *super().get_urls()]

    def load_directory_view(self, request: HttpRequest) -> TemplateResponse:
        """'Nạp danh mục cơ quan của tỉnh': pick one of the 34, load it, see what was written."""
        actor = actor_for(request)
        if not actor.is_superuser:
            raise PermissionDenied("Chỉ quản trị hệ thống được nạp danh mục cơ quan của tỉnh.")
        form = DirectoryLoadForm(request.POST if request.method == "POST" else None)
        result: DirectoryLoad | None = None
        if form.is_valid():
            result = directory_load(code=form.cleaned_data["province"], actor=actor)
        context = {
            **self.admin_site.each_context(request),
            "title": "Nạp danh mục cơ quan của tỉnh",
            "opts": self.opts,
            "form": form,
            "result": result,
        }
        return TemplateResponse(request, "admin/agencies/load_directory.html", context)

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
