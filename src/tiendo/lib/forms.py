"""Small helpers shared by the web forms: dates and numbers as Vietnamese officials write them,
and a service's refusal shown on the form that asked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
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


def id_filter(label: str) -> forms.IntegerField:
    """A filter naming a row by its id in the URL (?nhom=12); a wrong one is reported and left
    out, the other filters still apply."""
    wrong = f"{label} không hợp lệ; đã bỏ qua điều kiện này."
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1,
        error_messages={"invalid": wrong, "min_value": wrong},
    )


class AsOfForm(forms.Form):
    """The cut-off date of a page (`ngay` in the URL), today when absent or unreadable.

    The pages' filter forms build on it: a filter that cannot be read is reported and left out,
    and the others, the cut-off among them, still apply (passed()).
    """

    ngay = DateField(
        label="Số liệu tính đến ngày",
        required=False,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={
            "invalid": "Ngày chốt số liệu không hợp lệ; hãy chọn một ngày (ví dụ 31/03/2024)."
        },
    )

    def passed(self) -> dict[str, Any]:
        """The fields that could be read, whatever failed beside them (cleaned once)."""
        if not self.is_bound:
            return {}
        self.is_valid()  # errors stay in self.errors
        return getattr(self, "cleaned_data", {})

    def as_of_date(self) -> dt.date:
        return self.passed().get("ngay") or timezone.localdate()


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


def add_refusal(
    form: forms.BaseForm, error: ValidationError, renamed: Mapping[str, str] | None = None
) -> None:
    """A service's ValidationError on the form that called it: each message at the field it
    names (a service's name for it renamed to the form's through renamed), else at the top.

    The rule and its words live in the service or the model only; the form does not check it
    again. A name the form does not have goes to the top, never to a ValueError.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    names = renamed or {}
    for field, errors in error.error_dict.items():
        name = names.get(field, field)
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, errors)
