from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path

from tiendo.accounts.access import actor_for, may_load_directory, require_directory_loader
from tiendo.agencies.directory import (
    DirectoryLoad,
    directory_load,
    province_label,
    provinces_2025,
)
from tiendo.agencies.models import Agency, AgencySuccession
from tiendo.agencies.services import agency_record_succession, agency_upsert
from tiendo.lib.admin import ServiceWriteAdmin, adopt, formset_saved


class SuccessionFormSet(BaseInlineFormSet[AgencySuccession, Agency, Any]):
    """The successors added in one save are one decision for agency_record_succession: one date,
    one form, one basis; the first row is the primary successor."""

    def clean(self) -> None:
        super().clean()
        new = [row for row in self.extra_forms if row.has_changed() and row.is_valid()]
        decisions = {
            (row.cleaned_data["effective_on"], row.cleaned_data["kind"], row.cleaned_data["note"])
            for row in new
        }
        if len(decisions) > 1:
            raise ValidationError(
                "Các cơ quan kế thừa ghi cùng một lần phải có cùng ngày có hiệu lực, hình thức "
                "và căn cứ; cơ quan ghi đầu tiên là cơ quan kế thừa chính."
            )


class SuccessionInline(admin.TabularInline[AgencySuccession, Agency]):
    """Successions are history: recorded once through agency_record_succession, never edited or
    deleted here (the work an abolished body had on a day must stay where it was). Only the links
    in force are shown; those a later statement superseded stay in the table, unlisted."""

    model = AgencySuccession
    formset = SuccessionFormSet
    fk_name = "predecessor"
    extra = 0
    fields = ["successor", "effective_on", "kind", "note", "is_primary"]
    readonly_fields = ["is_primary"]
    autocomplete_fields = ["successor"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AgencySuccession]:
        return super().get_queryset(request).filter(superseded_at__isnull=True)

    def has_add_permission(self, request: HttpRequest, obj: Agency | None = None) -> bool:
        # agency_record_succession replaces an agency's whole set of successors: once one is on
        # record, adding another here would rewrite it.
        recorded = (
            obj is not None
            and obj.pk is not None
            and obj.successions.filter(superseded_at__isnull=True).exists()
        )
        return not recorded and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Agency | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Agency | None = None) -> bool:
        return False


class DirectoryLoadForm(forms.Form):
    province = forms.TypedChoiceField(
        label="Tỉnh, thành phố",
        coerce=int,
        choices=lambda: [(int(p.code), province_label(p)) for p in provinces_2025()],
    )


@admin.register(Agency)
class AgencyAdmin(ServiceWriteAdmin[Agency]):
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

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # The link to the directory load is offered to whoever access.py lets load.
        context = {
            **(extra_context or {}),
            "may_load_directory": may_load_directory(actor_for(request)),
        }
        return super().changelist_view(request, context)

    def load_directory_view(self, request: HttpRequest) -> TemplateResponse:
        """'Nạp danh mục cơ quan của tỉnh': pick one of the 34, load it, see what was written."""
        actor = actor_for(request)
        require_directory_loader(actor)
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

    def get_readonly_fields(self, request: HttpRequest, obj: Agency | None = None) -> list[str]:
        # agency_upsert finds an agency by its code: a changed code would make a new agency.
        return ["code"] if obj else []

    def save_model(
        self, request: HttpRequest, obj: Agency, form: ModelForm[Agency], change: bool
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
        adopt(obj, saved)

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm[Agency],
        formset: BaseInlineFormSet[Any, Agency, Any],
        change: bool,
    ) -> None:
        new = [row.cleaned_data for row in formset.extra_forms if row.has_changed()]
        links = []
        if new:
            links = agency_record_succession(
                predecessor=formset.instance,
                successors=[row["successor"] for row in new],
                effective_on=new[0]["effective_on"],
                kind=new[0]["kind"],
                note=new[0]["note"],
                actor=actor_for(request),
            )
        formset_saved(formset, new=links)

    def has_delete_permission(self, request: HttpRequest, obj: Agency | None = None) -> bool:
        # Agencies are never deleted: they end (valid_to) and pass their work on.
        return False
