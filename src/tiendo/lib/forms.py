"""Small helpers shared by the web forms: dates and numbers as Vietnamese officials write them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from tiendo.lib.dates import date_window_error
from tiendo.lib.text import format_decimal, parse_number

# dd/mm/yyyy first: what every page prints and what people type; ISO for links and old bookmarks.
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
DATE_HELP = "ngày/tháng/năm, ví dụ 31/03/2024"


class DateInput(forms.DateInput):
    """A date typed and shown as dd/mm/yyyy whatever the browser's language (a native date
    picker would follow the browser's locale: mm/dd/yyyy in an English Chromium)."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "pattern": r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}",
            "title": DATE_HELP,
            "size": "10",
            "class": "date",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


class DateField(forms.DateField):
    """A date typed as dd/mm/yyyy (ISO accepted) inside the plausible window of lib/dates."""

    widget = DateInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_FORMATS)
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, dt.date):
            problem = date_window_error(value, str(self.label or "Ngày"))
            if problem:
                raise forms.ValidationError(problem, code="out_of_range")


def date_field(label: str, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    """A DateField reading dd/mm/yyyy (and ISO) with a Vietnamese message for nonsense."""
    messages = {"invalid": f"“{label}” không hợp lệ; hãy nhập {DATE_HELP}."}
    messages.update(kwargs.pop("error_messages", {}))
    return DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages=messages,
        **kwargs,
    )


class AsOfForm(forms.Form):
    """The cut-off date of a page (`ngay` in the URL), today when absent or unreadable."""

    ngay = DateField(
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


class NumberInput(forms.TextInput):
    """Shows a stored Decimal the way it is typed ('460', '1.275.000', '1.250,5')."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return format_decimal(value)
        formatted: str | None = super().format_value(value)
        return formatted


class NumberField(forms.CharField):
    """A number typed the Vietnamese way ('1.250', '85,5'); words are refused with a reason."""

    widget = NumberInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, Decimal):
            return value
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_number(text)
        except ValueError:
            raise forms.ValidationError(
                f"“{text}” không phải là một số. Chỉ tiêu này được đo bằng số: hãy nhập giá trị "
                "đạt được (ví dụ 1.250 hoặc 85,5); không ghi “có”, “N/A” hay “xem mô tả”.",
                code="invalid",
            ) from None

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != (Decimal(initial) if initial not in (None, "") else None)
        except forms.ValidationError:
            return True


class TextField(forms.CharField):
    """Free text from a textarea: browsers send line breaks as CRLF, everything else (the API,
    imports, the sample) writes LF; read both as LF so a form saved unchanged changes nothing."""

    def to_python(self, value: Any) -> str | None:
        text: str | None = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n") if text else text


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def errors_text(form: forms.Form) -> str:
    """All of a form's error messages as one sentence for a flash message."""
    return " ".join(str(message) for errors in form.errors.values() for message in errors)
