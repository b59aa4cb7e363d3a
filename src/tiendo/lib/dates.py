"""Dates as officials write them, and parsing of cut-off dates typed by people."""

from __future__ import annotations

import datetime as dt
import re

_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")

ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


class DateInputError(ValueError):
    """A date typed by a person that we cannot read; the message is for that person."""


def parse_date(raw: str, *, field: str = "Ngày") -> dt.date:
    """Read dd/mm/yyyy (as officials write) or yyyy-mm-dd (as browsers send)."""
    match = _ISO.match(raw) or _DMY.match(raw)
    if match is None:
        raise DateInputError(
            f'{field} "{raw}" không hợp lệ; hãy nhập theo dạng ngày/tháng/năm (31/03/2024) '
            "hoặc năm-tháng-ngày (2024-03-31)."
        )
    a, b, c = (int(part) for part in match.groups())
    year, month, day = (a, b, c) if match.re is _ISO else (c, b, a)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateInputError(f'{field} "{raw}" không tồn tại trong lịch.') from None


def parse_known_at(raw: str, *, option: str = "Thời điểm ghi nhận") -> dt.datetime:
    """A moment K typed on the command line, ISO 8601 ("2024-04-02T14:00", with or without an
    offset such as "+07:00"); one without an offset is Vietnam's time (TIME_ZONE)."""
    from django.utils import timezone

    try:
        value = dt.datetime.fromisoformat(raw.strip())
    except ValueError:
        raise DateInputError(
            f"{option} “{raw}” không hợp lệ; hãy ghi theo ISO 8601, ví dụ 2024-04-02T14:00 "
            "hoặc 2024-04-02T14:00+07:00."
        ) from None
    return value if timezone.is_aware(value) else timezone.make_aware(value)


# Dates people enter are Đề án 06's (from 2022) and its plans' horizons (to 2030 and a little
# beyond): anything outside this window is a typing slip (0001, 9999), refused with a message.
EARLIEST_DATE = dt.date(2020, 1, 1)
YEARS_AHEAD = 10


def date_window_error(value: dt.date, field: str = "Ngày") -> str | None:
    """Why a date entered as data is implausible, or None when it is fine."""
    latest = dt.date(dt.date.today().year + YEARS_AHEAD, 12, 31)  # noqa: DTZ011 - a year is enough
    if value < EARLIEST_DATE:
        return f"{field} {format_date(value)} trước năm {EARLIEST_DATE.year}: hãy kiểm tra lại năm."
    if value > latest:
        return f"{field} {format_date(value)} quá xa (sau năm {latest.year}): hãy kiểm tra lại năm."
    return None


def format_date(value: dt.date) -> str:
    """31/03/2024: day and month always with two digits, as in official tables."""
    return value.strftime("%d/%m/%Y")


def format_known_at(value: dt.datetime) -> str:
    """A moment K as the pages state it, in Vietnam's time: '14:00 ngày 02/04/2024'."""
    from django.utils import timezone

    local = timezone.localtime(value, timezone.get_default_timezone())
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def format_date_long(value: dt.date, place: str | None = None) -> str:
    """'Nghệ An, ngày 05 tháng 01 năm 2024' (Nghị định 30: zero before days < 10 and months 1-2)."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    text = f"ngày {value.day:02d} tháng {month} năm {value.year}"
    return f"{place}, {text}" if place else text


def quarter_of(value: dt.date) -> int:
    return (value.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> dt.date:
    month = quarter * 3
    next_first = dt.date(year + (month == 12), month % 12 + 1, 1)
    return next_first - dt.timedelta(days=1)


def cutoff_phrase(as_of: dt.date) -> str:
    """How a report names its cut-off: 'đến hết quý I' at a quarter end, else the date.

    The year is left to the report's date line, as officials write it.
    """
    if as_of == quarter_end(as_of.year, quarter_of(as_of)):
        if as_of.month == 12:
            return f"đến hết năm {as_of.year}"
        return f"đến hết quý {ROMAN_QUARTERS[quarter_of(as_of)]}"
    return f"đến ngày {format_date(as_of)}"
