from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from tiendo.accounts.access import actor_for, may_manage_periods, plans_for_user
from tiendo.lib.admin import ServiceWriteAdmin, adopt
from tiendo.progress.models import Evidence, Holiday, ProgressUpdate, ReportingPeriod
from tiendo.progress.periods import (
    holiday_remove,
    holiday_save,
    period_close,
    period_open,
    period_reopen,
)


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


class PlanChoices:
    """An admin page whose rows belong to a plan (periods, reminder rules): the plans offered
    are those the person may read, their province's (accounts.access.plans_for_user)."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "plan":
            kwargs["queryset"] = plans_for_user(actor_for(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class PeriodOpenForm(forms.ModelForm[ReportingPeriod]):
    """What period_open takes: a Nghị định 09 window (kind, year, number) or a custom one (its
    dates). Only plan and kind are the model's fields here; the window is the service's."""

    year = forms.IntegerField(
        label="Năm",
        required=False,
        min_value=2020,
        max_value=2100,
        help_text="Với kỳ tháng, quý, 6 tháng, 9 tháng và năm.",
    )
    number = forms.IntegerField(
        label="Tháng / quý",
        required=False,
        min_value=1,
        max_value=12,
        initial=1,
        help_text="Tháng (1–12) của kỳ tháng, quý (1–4) của kỳ quý.",
    )
    starts_on = forms.DateField(
        label="Số liệu từ ngày",
        required=False,
        widget=AdminDateWidget,
        help_text="Với kỳ đột xuất, chuyên đề.",
    )
    cutoff = forms.DateField(
        label="Ngày chốt số liệu",
        required=False,
        widget=AdminDateWidget,
        help_text="Với kỳ đột xuất, chuyên đề.",
    )
    due_on = forms.DateField(
        label="Hạn gửi báo cáo",
        required=False,
        widget=AdminDateWidget,
        help_text="Để trống: 2 ngày làm việc sau ngày chốt số liệu.",
    )
    label = forms.CharField(
        label="Tên kỳ",
        required=False,
        max_length=100,
        help_text="Để trống: tên theo kỳ, ví dụ “Quý 1/2024”.",
    )

    class Meta:
        model = ReportingPeriod
        fields = ["plan", "kind"]

    # Which of year or dates each kind needs is period_open's rule: its refusal is shown at
    # the field it names (lib.admin.ServiceWriteAdmin).


class PeriodCloseForm(forms.ModelForm[ReportingPeriod]):
    """A period on record changes in one way only: closed (period_close) or reopened
    (period_reopen). Its window and due date are read, not edited."""

    closed = forms.BooleanField(
        label="Đóng kỳ báo cáo",
        required=False,
        help_text="Kỳ đã đóng thì báo cáo của kỳ không soạn, sửa hay gửi được nữa. "
        "Bỏ chọn để mở lại kỳ.",
    )

    class Meta:
        model = ReportingPeriod
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["closed"] = self.instance.closed_at is not None


PERIOD_FIELDS = ["plan", "kind", "label", "starts_on", "cutoff", "due_on", "closed_at"]
OPEN_FIELDS = ["plan", "kind", "year", "number", "starts_on", "cutoff", "due_on", "label"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(PlanChoices, ServiceWriteAdmin[ReportingPeriod]):
    """Periods are opened through period_open, closed and reopened through period_close and
    period_reopen (as on the plan's page "Kỳ báo cáo"), by whoever access.py lets manage them."""

    list_display = ["plan", "label", "starts_on", "cutoff", "due_on", "closed_at"]
    list_filter = ["plan", "kind"]

    def get_fields(
        self, request: HttpRequest, obj: ReportingPeriod | None = None
    ) -> tuple[str, ...]:
        if obj is None:
            return tuple(OPEN_FIELDS)
        # "closed" is the change form's one field: shown to whoever may close the period.
        closing = ("closed",) if self.has_change_permission(request, obj) else ()
        return (*PERIOD_FIELDS, *closing)

    def get_readonly_fields(
        self, request: HttpRequest, obj: ReportingPeriod | None = None
    ) -> list[str]:
        return list(PERIOD_FIELDS) if obj else []

    def get_form(
        self,
        request: HttpRequest,
        obj: ReportingPeriod | None = None,
        change: bool = False,
        **kwargs: Any,
    ) -> type[ModelForm[ReportingPeriod]]:
        # Each form's other fields are the services' arguments, not the model's.
        form, fields = (PeriodCloseForm, []) if obj else (PeriodOpenForm, ["plan", "kind"])
        kwargs.update(form=form, fields=fields)
        return super().get_form(request, obj, change, **kwargs)

    def save_model(
        self,
        request: HttpRequest,
        obj: ReportingPeriod,
        form: ModelForm[ReportingPeriod],
        change: bool,
    ) -> None:
        actor = actor_for(request)
        data = form.cleaned_data
        if change:
            if data["closed"] and obj.closed_at is None:
                period_close(actor=actor, period=obj)
            elif not data["closed"] and obj.closed_at is not None:
                period_reopen(actor=actor, period=obj)
            return
        period = period_open(
            actor=actor,
            plan=data["plan"],
            kind=data["kind"],
            year=data["year"],
            number=data["number"] or 1,
            starts_on=data["starts_on"],
            cutoff=data["cutoff"],
            due_on=data["due_on"],
            label=data["label"],
        )
        adopt(obj, period)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and may_manage_periods(actor_for(request))

    def has_change_permission(
        self, request: HttpRequest, obj: ReportingPeriod | None = None
    ) -> bool:
        return super().has_change_permission(request, obj) and may_manage_periods(
            actor_for(request), obj.plan if obj else None
        )

    def has_delete_permission(
        self, request: HttpRequest, obj: ReportingPeriod | None = None
    ) -> bool:
        return False


@admin.register(Holiday)
class HolidayAdmin(ServiceWriteAdmin[Holiday]):
    """The days off (the Government announces them each year): added, corrected and taken back
    through holiday_save / holiday_remove, audited, by whoever may manage reporting periods."""

    list_display = ["day", "name"]
    date_hierarchy = "day"

    def save_model(
        self, request: HttpRequest, obj: Holiday, form: ModelForm[Holiday], change: bool
    ) -> None:
        # The form has already written its values into obj: the service is given the row as
        # stored, so the audit says what changed.
        stored = Holiday.objects.get(pk=obj.pk) if change else None
        saved = holiday_save(actor=actor_for(request), day=obj.day, name=obj.name, holiday=stored)
        adopt(obj, saved)

    def delete_model(self, request: HttpRequest, obj: Holiday) -> None:
        holiday_remove(actor=actor_for(request), holiday=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Holiday]) -> None:
        actor = actor_for(request)
        for holiday in queryset:
            holiday_remove(actor=actor, holiday=holiday)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and may_manage_periods(actor_for(request))

    def has_change_permission(self, request: HttpRequest, obj: Holiday | None = None) -> bool:
        return super().has_change_permission(request, obj) and may_manage_periods(
            actor_for(request)
        )

    def has_delete_permission(self, request: HttpRequest, obj: Holiday | None = None) -> bool:
        return super().has_delete_permission(request, obj) and may_manage_periods(
            actor_for(request)
        )
