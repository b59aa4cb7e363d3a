"""Filters of the dashboard pages, kept in the URL so a view can be bookmarked and sent."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.lib.forms import DATE_FORMATS, DateInput
from tiendo.plans.models import ItemKind, Plan, TaskGroup
from tiendo.progress.models import Lifecycle
from tiendo.status.selectors import DeadlineClass


class AsOfForm(forms.Form):
    ngay = forms.DateField(
        label="Số liệu tính đến ngày",
        required=False,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
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


class IocFilterForm(AsOfForm):
    """Filters of the operations-centre pages: plan, group, agency subtree, kind, cut-off."""

    ke_hoach = forms.IntegerField(label="Kế hoạch", required=False, min_value=1)
    nhom = forms.IntegerField(label="Nhóm nhiệm vụ", required=False, min_value=1)
    don_vi = forms.CharField(label="Cơ quan, đơn vị (mã)", required=False, max_length=32)
    loai = forms.ChoiceField(
        label="Loại", required=False, choices=[("", "Tất cả"), *ItemKind.choices]
    )

    def __init__(self, *args: Any, plans: QuerySet[Plan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plans = plans
        self.plan: Plan | None = None
        self.group: TaskGroup | None = None
        self.agency: Agency | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ke_hoach"):
            self.plan = self.plans.filter(pk=data["ke_hoach"]).first()
            if self.plan is None:
                self.add_error(
                    "ke_hoach", "Không tìm thấy kế hoạch này, hoặc bạn không có quyền xem."
                )
        if data.get("nhom"):
            self.group = TaskGroup.objects.filter(pk=data["nhom"], plan__in=self.plans).first()
            if self.group is None or (self.plan and self.group.plan_id != self.plan.pk):
                self.group = None
                self.add_error("nhom", "Nhóm nhiệm vụ không thuộc kế hoạch đã chọn.")
        if data.get("don_vi"):
            self.agency = Agency.objects.filter(code=data["don_vi"].strip()).first()
            if self.agency is None:
                self.add_error(
                    "don_vi", f"Không tìm thấy cơ quan, đơn vị có mã “{data['don_vi']}”."
                )
        return data

    def querystring(self) -> str:
        """The valid filters, for links that keep them (bookmarks, drill-down)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        day = data.get("ngay")
        parts = {
            "ngay": day.isoformat() if day else "",
            "ke_hoach": self.plan.pk if self.plan else "",
            "nhom": self.group.pk if self.group else "",
            "don_vi": self.agency.code if self.agency else "",
            "loai": data.get("loai") or "",
        }
        return urlencode({k: v for k, v in parts.items() if v})
