"""Reporting periods of Nghị định 09/2019/NĐ-CP and the working days that set report deadlines.

Periodic reports do not cover calendar months: their data window closes on the 14th so that the
report can be compiled and sent before the month ends. A plan may override these defaults; this
module only knows the defaults and how to count working days after a cut-off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from tiendo.lib.dates import ROMAN_QUARTERS, format_date


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    NINE = "nine"
    YEAR = "year"
    CUSTOM = "custom"

    @property
    def label(self) -> str:
        return PERIOD_KIND_LABELS[self]


# The one list of period names; progress.models.PeriodKind (the stored choice) takes them.
PERIOD_KIND_LABELS: dict[PeriodKind, str] = {
    PeriodKind.MONTH: "Tháng",
    PeriodKind.QUARTER: "Quý",
    PeriodKind.HALF: "6 tháng",
    PeriodKind.NINE: "9 tháng",
    PeriodKind.YEAR: "Năm",
    PeriodKind.CUSTOM: "Đột xuất, chuyên đề",
}

CUTOFF_DAY = 14
"""The data window closes on the 14th and the next one opens on the 15th."""

# Kinds that are counted from 15/12 of the previous year to the 14th of this month.
_YEAR_TO_DATE_END_MONTH = {PeriodKind.HALF: 6, PeriodKind.NINE: 9, PeriodKind.YEAR: 12}


@dataclass(frozen=True)
class Window:
    """The data window of one report: facts from starts_on to cutoff (both included)."""

    kind: PeriodKind
    year: int
    number: int
    starts_on: dt.date
    cutoff: dt.date
    label: str


def _opening_day(year: int, month: int) -> dt.date:
    """The 15th of the month before `month` (of the previous year for January)."""
    if month == 1:
        return dt.date(year - 1, 12, CUTOFF_DAY + 1)
    return dt.date(year, month - 1, CUTOFF_DAY + 1)


def standard_window(kind: PeriodKind, year: int, number: int = 1) -> Window:
    """The default window of a periodic report; `number` is the month or quarter, else 1."""
    if kind is PeriodKind.MONTH:
        if not 1 <= number <= 12:
            raise ValueError(f"Tháng {number} không hợp lệ; tháng phải từ 1 đến 12.")
        return Window(
            kind=kind,
            year=year,
            number=number,
            starts_on=_opening_day(year, number),
            cutoff=dt.date(year, number, CUTOFF_DAY),
            label=f"Tháng {number}/{year}",
        )
    if kind is PeriodKind.QUARTER:
        if not 1 <= number <= 4:
            raise ValueError(f"Quý {number} không hợp lệ; quý phải từ 1 đến 4.")
        last_month = number * 3
        return Window(
            kind=kind,
            year=year,
            number=number,
            starts_on=_opening_day(year, last_month - 2),
            cutoff=dt.date(year, last_month, CUTOFF_DAY),
            label=f"Quý {ROMAN_QUARTERS[number]}/{year}",
        )
    if kind in _YEAR_TO_DATE_END_MONTH:
        if number != 1:
            raise ValueError(
                f"Kỳ báo cáo {kind.label.lower()} chỉ có một kỳ trong năm; "
                f"số thứ tự {number} không hợp lệ."
            )
        labels = {
            PeriodKind.HALF: f"6 tháng đầu năm {year}",
            PeriodKind.NINE: f"9 tháng năm {year}",
            PeriodKind.YEAR: f"Năm {year}",
        }
        return Window(
            kind=kind,
            year=year,
            number=1,
            starts_on=_opening_day(year, 1),
            cutoff=dt.date(year, _YEAR_TO_DATE_END_MONTH[kind], CUTOFF_DAY),
            label=labels[kind],
        )
    raise ValueError("Kỳ báo cáo đột xuất/tùy chọn không có khoảng thời gian mặc định.")


def custom_window(starts_on: dt.date, cutoff: dt.date) -> Window:
    """An ad hoc window, or a report "đến hết quý" that closes on a date of its own."""
    if cutoff < starts_on:
        raise ValueError(
            f"Ngày chốt số liệu {format_date(cutoff)} trước ngày bắt đầu {format_date(starts_on)}."
        )
    return Window(
        kind=PeriodKind.CUSTOM,
        year=cutoff.year,
        number=1,
        starts_on=starts_on,
        cutoff=cutoff,
        label=f"Từ {format_date(starts_on)} đến {format_date(cutoff)}",
    )


def windows_in_year(kind: PeriodKind, year: int) -> list[Window]:
    """Every default window of one kind whose cut-off falls in `year`."""
    counts = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4}
    return [standard_window(kind, year, n) for n in range(1, counts.get(kind, 1) + 1)]


def add_working_days(
    day: dt.date,
    n: int,
    holidays: Collection[dt.date],
    *,
    extra_workdays: Collection[dt.date] = (),
) -> dt.date:
    """The n-th working day after `day` (n=0 gives `day` itself).

    `extra_workdays` are Saturdays worked in exchange for a bridged weekday (ngày làm bù),
    which the Government announces together with the holiday calendar.
    """
    if n < 0:
        raise ValueError(f"Số ngày làm việc phải không âm (nhận được {n}).")
    current = day
    remaining = n
    while remaining:
        current += dt.timedelta(days=1)
        weekend = current.weekday() >= 5 and current not in extra_workdays
        if not weekend and current not in holidays:
            remaining -= 1
    return current


def due_date(
    cutoff: dt.date,
    holidays: Collection[dt.date],
    working_days: int = 2,
    *,
    extra_workdays: Collection[dt.date] = (),
) -> dt.date:
    """The report deadline: provinces commonly allow 2 working days after the cut-off."""
    return add_working_days(cutoff, working_days, holidays, extra_workdays=extra_workdays)


# --- Public holidays -------------------------------------------------------------------------
# Seed data: an administrator will maintain these in a table. Solar-calendar holidays come from
# Bộ luật Lao động 2019 (Điều 112, in force since 2021); everything else is announced each year
# by the Government (Tết and Giỗ Tổ follow the lunar calendar; bridges and make-up days are
# decided case by case), so it can only be listed, not computed.

VIETNAM_FIXED_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "Tết Dương lịch"),
    (4, 30, "Ngày Chiến thắng"),
    (5, 1, "Ngày Quốc tế Lao động"),
    # The law gives 2/9 plus one adjacent day, 1/9 or 3/9, chosen each year (2024 took 3/9,
    # listed in ANNOUNCED_DAYS_OFF). 1/9 is the usual choice and the default here.
    (9, 1, "Quốc khánh (ngày liền kề)"),
    (9, 2, "Quốc khánh"),
)


def fixed_holidays(year: int) -> list[tuple[dt.date, str]]:
    return [(dt.date(year, month, day), name) for month, day, name in VIETNAM_FIXED_HOLIDAYS]


def _days(first: dt.date, last: dt.date, name: str) -> list[tuple[dt.date, str]]:
    count = (last - first).days + 1
    return [(first + dt.timedelta(days=i), name) for i in range(count)]


TET = "Tết Nguyên đán"
GIO_TO = "Giỗ Tổ Hùng Vương"

# The whole announced break for public servants, weekends included (harmless for counting).
LUNAR_HOLIDAYS: dict[int, list[tuple[dt.date, str]]] = {
    2023: [
        *_days(dt.date(2023, 1, 20), dt.date(2023, 1, 26), TET),
        (dt.date(2023, 4, 29), GIO_TO),  # a Saturday: compensated on 2/5 (ANNOUNCED_DAYS_OFF)
    ],
    2024: [
        *_days(dt.date(2024, 2, 8), dt.date(2024, 2, 14), TET),
        (dt.date(2024, 4, 18), GIO_TO),
    ],
    2025: [
        # 27/1 was bridged in exchange for Saturday 8/2 (MAKEUP_WORKDAYS).
        *_days(dt.date(2025, 1, 25), dt.date(2025, 2, 2), TET),
        (dt.date(2025, 4, 7), GIO_TO),
    ],
    2026: [
        # Reported as approved (27 tháng Chạp to mùng 6); check against the official notice.
        *_days(dt.date(2026, 2, 14), dt.date(2026, 2, 22), TET),
        (dt.date(2026, 4, 26), GIO_TO),  # a Sunday: compensated on 27/4
    ],
}

# Weekdays off besides the holidays themselves: compensation for a holiday on a weekend
# (nghỉ bù) and weekdays bridged in exchange for a Saturday (nghỉ hoán đổi).
ANNOUNCED_DAYS_OFF: dict[int, list[tuple[dt.date, str]]] = {
    2023: [
        (dt.date(2023, 1, 2), "Nghỉ bù Tết Dương lịch"),
        (dt.date(2023, 5, 2), "Nghỉ bù Giỗ Tổ Hùng Vương"),
        (dt.date(2023, 5, 3), "Nghỉ bù Ngày Chiến thắng"),
        (dt.date(2023, 9, 4), "Nghỉ bù Quốc khánh"),
    ],
    2024: [
        (dt.date(2024, 4, 29), "Nghỉ hoán đổi dịp 30/4 - 1/5"),
        (dt.date(2024, 9, 3), "Quốc khánh (ngày liền kề)"),
    ],
    2025: [
        (dt.date(2025, 5, 2), "Nghỉ hoán đổi dịp 30/4 - 1/5"),
    ],
    2026: [
        (dt.date(2026, 1, 2), "Nghỉ hoán đổi dịp Tết Dương lịch"),  # Công văn 12729/VPCP-KGVX
        (dt.date(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương"),
        # uncertain: Bộ Nội vụ's proposal (1/9 + 2/9, bridging 31/8); check the final decision.
        (dt.date(2026, 8, 31), "Nghỉ hoán đổi dịp Quốc khánh"),
    ],
}

# Saturdays worked to pay for a bridged weekday.
MAKEUP_WORKDAYS: dict[int, list[tuple[dt.date, str]]] = {
    2024: [(dt.date(2024, 5, 4), "Làm bù cho ngày 29/4")],
    2025: [
        (dt.date(2025, 2, 8), "Làm bù cho ngày 27/1"),  # uncertain: recalled, not re-checked
        (dt.date(2025, 4, 26), "Làm bù cho ngày 2/5"),
    ],
    2026: [
        (dt.date(2026, 1, 10), "Làm bù cho ngày 2/1"),
        (dt.date(2026, 8, 22), "Làm bù cho ngày 31/8"),  # uncertain: see 31/8 above
    ],
}


def holidays_for(year: int) -> list[tuple[dt.date, str]]:
    """Every known day off in `year`, sorted, one entry per date (the first name wins)."""
    by_date: dict[dt.date, str] = {}
    for day, name in [
        *fixed_holidays(year),
        *LUNAR_HOLIDAYS.get(year, []),
        *ANNOUNCED_DAYS_OFF.get(year, []),
    ]:
        by_date.setdefault(day, name)
    return sorted(by_date.items())


def makeup_workdays_for(year: int) -> list[dt.date]:
    return sorted(day for day, _ in MAKEUP_WORKDAYS.get(year, []))
