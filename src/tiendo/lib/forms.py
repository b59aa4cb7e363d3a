"""Small helpers shared by the web forms: dates and numbers as Vietnamese officials write them,
and a service's refusal shown on the form that asked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from tiendo.lib.dates import EARLIEST_DATE, date_window_error, format_known_at
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


# K in links: ISO in Vietnam's time ("2024-04-02T14:00", as a datetime-local control would send
# it); typed and shown as dd/mm/yyyy hh:mm, like dates, whatever the browser's language.
KNOWN_AT_PARAM_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%H:%M %d/%m/%Y", "%d/%m/%Y"]
KNOWN_AT_HELP = "ngày/tháng/năm giờ:phút, ví dụ 02/04/2024 14:00"
KNOWN_AT_INVALID = (
    "Thời điểm ghi nhận dữ liệu không hợp lệ; hãy nhập ngày/tháng/năm giờ:phút (ví dụ "
    "02/04/2024 14:00). Số liệu đang hiển thị theo dữ liệu ghi nhận đến bây giờ."
)


def known_at_param(value: dt.datetime) -> str:
    """K as links carry it: '2024-04-02T14:00' in Vietnam's time (seconds only when it has them)."""
    local = timezone.localtime(value, timezone.get_default_timezone())
    return local.strftime("%Y-%m-%dT%H:%M:%S" if local.second else "%Y-%m-%dT%H:%M")


def known_at_text(value: dt.datetime) -> str:
    """K as people type it back: '02/04/2024 14:00' in Vietnam's time."""
    local = timezone.localtime(value, timezone.get_default_timezone())
    return local.strftime("%d/%m/%Y %H:%M:%S" if local.second else "%d/%m/%Y %H:%M")


class KnownAtInput(forms.TextInput):
    """K typed and shown as dd/mm/yyyy hh:mm (a native date-time picker would follow the
    browser's language: 04/02/2024, 02:00 PM in an English Chromium)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "placeholder": "dd/mm/yyyy hh:mm",
            "autocomplete": "off",
            "title": KNOWN_AT_HELP,
            "size": "16",
        }
        super().__init__(attrs={**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return known_at_text(value)
        formatted: str | None = super().format_value(value)
        return formatted


class KnownAtField(forms.Field):
    """K, the moment up to which recorded facts count ("Theo dữ liệu ghi nhận đến"): read as
    Vietnam's time unless it carries an offset; never in the future (nothing is known yet)."""

    widget = KnownAtInput
    default_error_messages = {"invalid": KNOWN_AT_INVALID}

    def to_python(self, value: Any) -> dt.datetime | None:
        if value in self.empty_values:
            return None
        moment = value if isinstance(value, dt.datetime) else self._parse(str(value).strip())
        if moment is None or not (EARLIEST_DATE <= moment.date() <= dt.date(9000, 1, 1)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, timezone.get_default_timezone())
        return moment

    @staticmethod
    def _parse(text: str) -> dt.datetime | None:
        if len(text) > 40:
            return None
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            pass
        for fmt in KNOWN_AT_PARAM_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt)  # noqa: DTZ007 - made aware by the caller
            except ValueError:
                continue
        return None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, dt.datetime) and value > timezone.now():
            raise forms.ValidationError(
                f"Thời điểm ghi nhận dữ liệu {format_known_at(value)} chưa đến: chỉ xem được số "
                "liệu theo dữ liệu đã ghi nhận đến bây giờ hoặc trước đó. Số liệu đang hiển thị "
                "theo dữ liệu ghi nhận đến bây giờ.",
                code="future",
            )


class AsOfForm(forms.Form):
    """The cut-off date D of a page (`ngay` in the URL), today when absent or unreadable, and
    the moment K of what was recorded (`ghi_nhan`), now when absent or unreadable.

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

    ghi_nhan = KnownAtField(
        label="Theo dữ liệu ghi nhận đến",
        required=False,
        help_text="Giờ và ngày; để trống: đến bây giờ.",
    )

    def passed(self) -> dict[str, Any]:
        """The fields that could be read, whatever failed beside them (cleaned once)."""
        if not self.is_bound:
            return {}
        self.is_valid()  # errors stay in self.errors
        return getattr(self, "cleaned_data", {})

    def as_of_date(self) -> dt.date:
        return self.passed().get("ngay") or timezone.localdate()

    def known_at(self) -> dt.datetime | None:
        """K as asked (aware), or None for now: AsOf.make(form.as_of_date(), form.known_at())."""
        value = self.passed().get("ghi_nhan")
        return value if isinstance(value, dt.datetime) else None

    def known_at_value(self) -> str:
        """K as the page's input shows it ('02/04/2024 14:00'), '' when not asked."""
        known_at = self.known_at()
        return known_at_text(known_at) if known_at else ""

    def asof_query(self) -> str:
        """D (the page's: today when not asked) and K when asked, for links to item lists and
        item pages: 'ngay=2024-03-31&ghi_nhan=2024-04-02T14%3A00'."""
        return urlencode({"ngay": self.as_of_date().isoformat(), **self.as_of_params()})

    def as_of_params(self) -> dict[str, str]:
        """D and K as they were asked, for links that keep them ({} when neither was)."""
        data = self.passed()
        params = {}
        if data.get("ngay"):
            params["ngay"] = data["ngay"].isoformat()
        if known_at := self.known_at():
            params["ghi_nhan"] = known_at_param(known_at)
        return params


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
