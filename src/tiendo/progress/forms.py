"""The update form (with obstacles and recommendations), review and period forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from tiendo.accounts.access import province_of
from tiendo.agencies.models import Agency, AgencyKind
from tiendo.lib.forms import DATE_FORMATS, DateField, DateInput, NumberField, TextField
from tiendo.plans.models import Item
from tiendo.progress.models import (
    PERCENT_OVER_100,
    REPORTABLE_STATES,
    Decision,
    Lifecycle,
    ObstacleCategory,
    PeriodKind,
    ProgressUpdate,
    new_form_token,
)
from tiendo.progress.services import ObstacleInput, RecommendationInput, UpdateInput


def addressee_choices(province: Agency) -> list[tuple[str, list[tuple[int, str]]]]:
    """Bodies a recommendation can be addressed to: ministries first, then the item's own
    province and its departments (never another province's bodies), as valid today."""
    today = timezone.localdate()
    valid = Agency.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today)
    )
    groups: list[tuple[str, QuerySet[Agency]]] = [
        ("Bộ, ngành Trung ương", valid.filter(kind=AgencyKind.MINISTRY)),
        ("UBND tỉnh", valid.filter(pk=province.pk)),
        (
            "Sở, ban, ngành",
            valid.filter(
                kind__in=[AgencyKind.DEPARTMENT, AgencyKind.OFFICE, AgencyKind.POLICE],
                path__startswith=province.path,
            ),
        ),
    ]
    return [
        (label, [(a.pk, a.name) for a in agencies.order_by("name")]) for label, agencies in groups
    ]


class UpdateForm(forms.Form):
    valid_on = DateField(
        label="Số liệu tính đến ngày", widget=DateInput(), input_formats=DATE_FORMATS
    )
    state = forms.ChoiceField(label="Tình trạng thực hiện", choices=REPORTABLE_STATES)
    percent = forms.IntegerField(
        label="Tỷ lệ hoàn thành (%)",
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "max_value": PERCENT_OVER_100,
            "min_value": "Tỷ lệ hoàn thành không được âm.",
            "invalid": "Tỷ lệ hoàn thành phải là số nguyên từ 0 đến 100.",
        },
    )
    achieved = NumberField(label="Kết quả đạt được", required=False)
    completed_on = DateField(
        label="Ngày hoàn thành", required=False, widget=DateInput(), input_formats=DATE_FORMATS
    )
    narrative = TextField(
        label="Kết quả thực hiện, sản phẩm",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A new report's one-time token: sent twice, the form gives back the draft it made.
    token = forms.CharField(widget=forms.HiddenInput, required=False, initial=new_form_token)

    obstacle_rows = 3
    recommendation_rows = 3

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        if item.unit:
            self.fields["achieved"].label = f"Kết quả đạt được ({item.unit})"
        choices = addressee_choices(province_of(item.plan.issuing_agency))
        addressees = [("", "— Chọn cơ quan nhận kiến nghị —"), *choices]
        for n in range(1, self.obstacle_rows + 1):
            self.fields[f"obstacle_{n}_category"] = forms.ChoiceField(
                label="Nhóm nguyên nhân",
                required=False,
                choices=[("", "— Chọn nhóm nguyên nhân —"), *ObstacleCategory.choices],
            )
            self.fields[f"obstacle_{n}_text"] = TextField(
                label="Khó khăn, vướng mắc",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for n in range(1, self.recommendation_rows + 1):
            self.fields[f"rec_{n}_to"] = forms.TypedChoiceField(
                label="Kiến nghị tới", required=False, choices=addressees, coerce=int
            )
            self.fields[f"rec_{n}_text"] = TextField(
                label="Nội dung kiến nghị", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def obstacle_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"obstacle_{n}_category"], self[f"obstacle_{n}_text"])
            for n in range(1, self.obstacle_rows + 1)
        ]

    def recommendation_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"rec_{n}_to"], self[f"rec_{n}_text"])
            for n in range(1, self.recommendation_rows + 1)
        ]

    def clean_valid_on(self) -> Any:
        value = self.cleaned_data.get("valid_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(
                "Ngày số liệu không được sau hôm nay (%(today)s): báo cáo ghi nhận kết quả đã "
                "đạt được, không ghi trước.",
                params={"today": timezone.localdate().strftime("%d/%m/%Y")},
            )
        return value

    def clean_completed_on(self) -> Any:
        value = self.cleaned_data.get("completed_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError("Ngày hoàn thành không được sau hôm nay.")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A finished report's completion day and a number for an item without a target are
        # the model's and the service's rules: their refusal comes back here (add_refusal).
        for n in range(1, self.obstacle_rows + 1):
            category, text = data.get(f"obstacle_{n}_category"), data.get(f"obstacle_{n}_text")
            if text and not category:
                self.add_error(f"obstacle_{n}_category", "Chọn nhóm nguyên nhân của khó khăn này.")
            if category and not text:
                self.add_error(f"obstacle_{n}_text", "Ghi rõ nội dung khó khăn, vướng mắc.")
        for n in range(1, self.recommendation_rows + 1):
            to, text = data.get(f"rec_{n}_to"), data.get(f"rec_{n}_text")
            if text and not to:
                self.add_error(f"rec_{n}_to", "Chọn cơ quan nhận kiến nghị.")
            if to and not text:
                self.add_error(f"rec_{n}_text", "Ghi rõ nội dung kiến nghị.")
        return data

    def to_input(self) -> UpdateInput:
        data = self.cleaned_data
        addressees = Agency.objects.in_bulk(
            [
                data[f"rec_{n}_to"]
                for n in range(1, self.recommendation_rows + 1)
                if data.get(f"rec_{n}_to")
            ]
        )
        return UpdateInput(
            valid_on=data["valid_on"],
            state=data["state"],
            percent=data.get("percent"),
            achieved=data.get("achieved"),
            completed_on=data.get("completed_on") if data["state"] == Lifecycle.DONE else None,
            narrative=data.get("narrative", ""),
            obstacles=[
                ObstacleInput(data[f"obstacle_{n}_category"], data[f"obstacle_{n}_text"])
                for n in range(1, self.obstacle_rows + 1)
                if data.get(f"obstacle_{n}_text")
            ],
            recommendations=[
                RecommendationInput(addressees[data[f"rec_{n}_to"]], data[f"rec_{n}_text"])
                for n in range(1, self.recommendation_rows + 1)
                if data.get(f"rec_{n}_text") and data.get(f"rec_{n}_to") in addressees
            ],
        )

    @classmethod
    def initial_from(cls, update: ProgressUpdate) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "valid_on": update.valid_on,
            "state": update.state,
            "percent": update.percent,
            "achieved": update.achieved,
            "completed_on": update.completed_on,
            "narrative": update.narrative,
            "version": update.version,
        }
        for n, obstacle in enumerate(update.obstacles.all()[: cls.obstacle_rows], start=1):
            initial[f"obstacle_{n}_category"] = obstacle.category
            initial[f"obstacle_{n}_text"] = obstacle.description
        for n, rec in enumerate(update.recommendations.all()[: cls.recommendation_rows], start=1):
            initial[f"rec_{n}_to"] = rec.addressee_id
            initial[f"rec_{n}_text"] = rec.content
        return initial


class ReviewForm(forms.Form):
    """The standing body's decision; a return without its reason is refused by update_review."""

    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.HiddenInput)
    note = TextField(
        label="Lý do trả lại, ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label="Tài liệu minh chứng (PDF, DOCX, XLSX, ảnh PNG/JPEG)",
        error_messages={"required": "Chọn một tệp để tải lên.", "empty": "Tệp tải lên rỗng."},
    )


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label="Loại kỳ", choices=PeriodKind.choices)
    year = forms.IntegerField(label="Năm", required=False, min_value=2020, max_value=2100)
    number = forms.IntegerField(
        label="Tháng / quý", required=False, min_value=1, max_value=12, initial=1
    )
    starts_on = DateField(
        label="Số liệu từ ngày", required=False, widget=DateInput(), input_formats=DATE_FORMATS
    )
    cutoff = DateField(
        label="Ngày chốt số liệu", required=False, widget=DateInput(), input_formats=DATE_FORMATS
    )
    due_on = DateField(
        label="Hạn gửi báo cáo (để trống: 2 ngày làm việc sau ngày chốt)",
        required=False,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
    )
    label = forms.CharField(label="Tên kỳ (tùy chọn)", required=False, max_length=100)
    # Which of year or dates each kind needs is period_open's rule (add_refusal shows it).
