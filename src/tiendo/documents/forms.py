"""The report request: scope, cut-off and the document's particulars chosen by the user."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from tiendo.documents.particulars import AUTHORITIES, ReportSpec
from tiendo.documents.report import Section
from tiendo.lib.forms import DATE_FORMATS, DateField, DateInput
from tiendo.plans.models import Plan
from tiendo.status.selectors import AsOf


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("-").strip() for line in text.splitlines() if line.strip()]


class ReportForm(forms.Form):
    plans = forms.ModelMultipleChoiceField(
        label="Kế hoạch",
        queryset=Plan.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn ít nhất một kế hoạch."},
    )
    ngay = DateField(
        label="Số liệu tính đến ngày",
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Ngày chốt số liệu không hợp lệ.", "required": "Chọn ngày."},
    )
    known_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)
    number = forms.CharField(label="Số, ký hiệu báo cáo", initial="/BC-", max_length=40)
    parent_body = forms.CharField(label="Cơ quan chủ quản", required=False, max_length=120)
    issuing_body = forms.CharField(label="Cơ quan ban hành", max_length=120)
    place = forms.CharField(label="Địa danh", max_length=60)
    issued_on = DateField(label="Ngày ban hành", widget=DateInput(), input_formats=DATE_FORMATS)
    summary = forms.CharField(label="Trích yếu", max_length=300)
    addressees = forms.CharField(
        label="Kính gửi (mỗi dòng một cơ quan)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    authority = forms.ChoiceField(
        label="Thẩm quyền ký",
        required=False,
        choices=[(a, a or "Ký trực tiếp") for a in AUTHORITIES],
    )
    authority_body = forms.CharField(
        label="Sau thẩm quyền (ví dụ GIÁM ĐỐC, UBND TỈNH)", required=False, max_length=120
    )
    signer_position = forms.CharField(label="Chức vụ người ký", max_length=120)
    signer_name = forms.CharField(label="Họ và tên người ký", max_length=120)
    recipients = forms.CharField(
        label="Nơi nhận (mỗi dòng một nơi)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, plans: QuerySet[Plan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = plans  # type: ignore[attr-defined]

    def spec(self) -> ReportSpec:
        data = self.cleaned_data
        known_at: dt.datetime = data.get("known_at") or timezone.now().replace(microsecond=0)
        return ReportSpec(
            plans=list(data["plans"].order_by("issued_on", "number")),
            as_of=AsOf.make(data["ngay"], known_at),
            number=data["number"].strip(),
            issuing_body=data["issuing_body"],
            parent_body=data.get("parent_body", ""),
            place=data["place"],
            issued_on=data["issued_on"],
            summary=data["summary"],
            addressees=_lines(data.get("addressees", "")),
            authority=data.get("authority", ""),
            authority_body=data.get("authority_body", ""),
            signer_position=data["signer_position"],
            signer_name=data["signer_name"],
            recipients=_lines(data.get("recipients", "")),
        )


def sections_from_post(post: Any, count: int) -> list[Section] | None:
    """The edited text of each section (paragraphs separated by blank lines), if sent."""
    if "section_0_heading" not in post:
        return None
    sections = []
    for n in range(count):
        heading = post.get(f"section_{n}_heading", "").strip()
        text = post.get(f"section_{n}_text", "")
        paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        sections.append(Section(heading, paragraphs))
    return sections
