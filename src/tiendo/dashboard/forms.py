"""Filters of the dashboard pages, kept in the URL so a view can be bookmarked and sent."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from tiendo.progress.models import Lifecycle
from tiendo.status.selectors import DeadlineClass


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class AsOfForm(forms.Form):
    ngay = forms.DateField(
        label="Số liệu tính đến ngày",
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={
            "invalid": "Ngày chốt số liệu không hợp lệ; hãy chọn một ngày (ví dụ 31/03/2024)."
        },
    )

    def as_of_date(self) -> dt.date:
        value = self.cleaned_data.get("ngay") if self.is_valid() else None
        return value or timezone.localdate()


class ItemFilterForm(AsOfForm):
    nhom = forms.IntegerField(label="Nhóm nhiệm vụ", required=False, min_value=1)
    trang_thai = forms.ChoiceField(
        label="Tình trạng", required=False, choices=[("", "Tất cả"), *Lifecycle.choices]
    )
    han = forms.ChoiceField(
        label="Tiến độ so với thời hạn",
        required=False,
        choices=[("", "Tất cả"), ("unfinished", "Chưa hoàn thành"), *DeadlineClass.choices],
    )
