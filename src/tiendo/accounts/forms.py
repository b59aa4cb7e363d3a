"""Forms of a person's own account pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from tiendo.accounts.models import API_TOKEN_DAYS_MESSAGE as DAYS_MESSAGE
from tiendo.accounts.models import API_TOKEN_MAX_DAYS


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Tên, mục đích",
        max_length=100,
        help_text="Để nhận ra mã sau này, ví dụ: “Đồng bộ với phần mềm báo cáo của Sở”.",
        error_messages={
            "required": "Cần đặt tên cho mã truy cập.",
            "max_length": "Tên mã truy cập không quá 100 ký tự.",
        },
    )
    days = forms.IntegerField(
        label="Thời hạn (ngày)",
        min_value=1,
        max_value=API_TOKEN_MAX_DAYS,
        error_messages={
            "required": DAYS_MESSAGE,
            "invalid": DAYS_MESSAGE,
            "min_value": DAYS_MESSAGE,
            "max_value": DAYS_MESSAGE,
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        default = settings.TIENDO_API_TOKEN_DAYS
        self.fields["days"].initial = default
        self.fields[
            "days"
        ].help_text = (
            f"Từ 1 đến {API_TOKEN_MAX_DAYS} ngày (mặc định {default}); hết hạn, mã tự hết hiệu lực."
        )
