from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest

from tiendo.lib.periods import (
    PeriodKind,
    Window,
    add_working_days,
    custom_window,
    due_date,
    fixed_holidays,
    holidays_for,
    makeup_workdays_for,
    standard_window,
    windows_in_year,
)

D = dt.date


def holiday_dates(year: int) -> set[dt.date]:
    return {day for day, _ in holidays_for(year)}


def test_period_kinds_have_vietnamese_labels() -> None:
    assert [kind.label for kind in PeriodKind] == [
        "Tháng",
        "Quý",
        "6 tháng",
        "9 tháng",
        "Năm",
        "Đột xuất, chuyên đề",
    ]
    assert PeriodKind("half") is PeriodKind.HALF


def test_quarter_one_window_runs_from_15_december_to_14_march() -> None:
    assert standard_window(PeriodKind.QUARTER, 2024, 1) == Window(
        kind=PeriodKind.QUARTER,
        year=2024,
        number=1,
        starts_on=D(2023, 12, 15),
        cutoff=D(2024, 3, 14),
        label="Quý I/2024",
    )


def test_quarter_four_window_runs_from_15_september_to_14_december() -> None:
    window = standard_window(PeriodKind.QUARTER, 2024, 4)
    assert (window.starts_on, window.cutoff, window.label) == (
        D(2024, 9, 15),
        D(2024, 12, 14),
        "Quý IV/2024",
    )


def test_january_window_starts_in_december_of_the_previous_year() -> None:
    window = standard_window(PeriodKind.MONTH, 2024, 1)
    assert (window.starts_on, window.cutoff, window.label) == (
        D(2023, 12, 15),
        D(2024, 1, 14),
        "Tháng 1/2024",
    )


def test_march_window_runs_from_15_february_to_14_march() -> None:
    window = standard_window(PeriodKind.MONTH, 2024, 3)
    assert (window.starts_on, window.cutoff, window.label) == (
        D(2024, 2, 15),
        D(2024, 3, 14),
        "Tháng 3/2024",
    )


def test_half_nine_month_and_year_windows_all_open_on_15_december() -> None:
    got = [
        (w.starts_on, w.cutoff, w.label)
        for w in (
            standard_window(PeriodKind.HALF, 2024),
            standard_window(PeriodKind.NINE, 2024),
            standard_window(PeriodKind.YEAR, 2024),
        )
    ]
    assert got == [
        (D(2023, 12, 15), D(2024, 6, 14), "6 tháng đầu năm 2024"),
        (D(2023, 12, 15), D(2024, 9, 14), "9 tháng năm 2024"),
        (D(2023, 12, 15), D(2024, 12, 14), "Năm 2024"),
    ]


def test_month_thirteen_is_refused_in_vietnamese() -> None:
    with pytest.raises(ValueError, match=r"^Tháng 13 không hợp lệ; tháng phải từ 1 đến 12\.$"):
        standard_window(PeriodKind.MONTH, 2024, 13)


def test_quarter_zero_is_refused_in_vietnamese() -> None:
    with pytest.raises(ValueError, match=r"^Quý 0 không hợp lệ; quý phải từ 1 đến 4\.$"):
        standard_window(PeriodKind.QUARTER, 2024, 0)


def test_a_second_half_year_window_is_refused() -> None:
    with pytest.raises(ValueError, match="6 tháng chỉ có một kỳ trong năm; số thứ tự 2"):
        standard_window(PeriodKind.HALF, 2024, 2)


def test_custom_kind_has_no_standard_window() -> None:
    with pytest.raises(ValueError, match="không có khoảng thời gian mặc định"):
        standard_window(PeriodKind.CUSTOM, 2024)


def test_custom_window_can_close_at_the_end_of_the_quarter() -> None:
    window = custom_window(D(2024, 1, 1), D(2024, 3, 31))
    assert (window.kind, window.year, window.label) == (
        PeriodKind.CUSTOM,
        2024,
        "Từ 01/01/2024 đến 31/03/2024",
    )


def test_custom_window_refuses_a_cutoff_before_its_start() -> None:
    with pytest.raises(ValueError, match="Ngày chốt số liệu 31/12/2023 trước ngày bắt đầu"):
        custom_window(D(2024, 1, 1), D(2023, 12, 31))


def test_a_year_has_twelve_monthly_windows_chained_without_gaps() -> None:
    windows = windows_in_year(PeriodKind.MONTH, 2024)
    assert [w.number for w in windows] == list(range(1, 13))
    for previous, following in pairwise(windows):
        assert following.starts_on == previous.cutoff + dt.timedelta(days=1)
    assert windows[-1].cutoff == D(2024, 12, 14)


def test_a_year_has_four_quarters_and_one_nine_month_window() -> None:
    assert [w.label for w in windows_in_year(PeriodKind.QUARTER, 2025)] == [
        "Quý I/2025",
        "Quý II/2025",
        "Quý III/2025",
        "Quý IV/2025",
    ]
    assert [w.label for w in windows_in_year(PeriodKind.NINE, 2025)] == ["9 tháng năm 2025"]


def test_working_days_skip_the_weekend() -> None:
    # Thursday 14/3/2024 -> Friday 15/3, then Monday 18/3.
    assert add_working_days(D(2024, 3, 14), 2, holidays=()) == D(2024, 3, 18)


def test_zero_working_days_is_the_day_itself_even_on_a_sunday() -> None:
    assert add_working_days(D(2024, 4, 14), 0, holidays=()) == D(2024, 4, 14)


def test_negative_working_days_are_refused() -> None:
    with pytest.raises(ValueError, match="không âm"):
        add_working_days(D(2024, 4, 14), -1, holidays=())


def test_quarter_one_report_of_2024_is_due_on_monday_18_march() -> None:
    cutoff = standard_window(PeriodKind.QUARTER, 2024, 1).cutoff
    assert due_date(cutoff, holiday_dates(2024)) == D(2024, 3, 18)


def test_due_date_jumps_over_the_tet_holiday_of_2024() -> None:
    # Wednesday 7/2/2024; Tết runs 8/2 to 14/2.
    assert due_date(D(2024, 2, 7), holiday_dates(2024)) == D(2024, 2, 16)


def test_due_date_jumps_over_the_bridged_april_days_of_2024() -> None:
    # Friday 26/4/2024; 29/4 bridged, 30/4 and 1/5 holidays.
    assert due_date(D(2024, 4, 26), holiday_dates(2024)) == D(2024, 5, 3)


def test_a_makeup_saturday_counts_as_a_working_day() -> None:
    workdays = makeup_workdays_for(2024)
    assert workdays == [D(2024, 5, 4)]
    assert due_date(D(2024, 5, 2), holiday_dates(2024), extra_workdays=workdays) == D(2024, 5, 4)
    assert due_date(D(2024, 5, 2), holiday_dates(2024)) == D(2024, 5, 6)


def test_fixed_holidays_follow_the_labour_code() -> None:
    assert fixed_holidays(2025) == [
        (D(2025, 1, 1), "Tết Dương lịch"),
        (D(2025, 4, 30), "Ngày Chiến thắng"),
        (D(2025, 5, 1), "Ngày Quốc tế Lao động"),
        (D(2025, 9, 1), "Quốc khánh (ngày liền kề)"),
        (D(2025, 9, 2), "Quốc khánh"),
    ]


def test_holidays_of_2024_combine_fixed_lunar_and_announced_days_in_date_order() -> None:
    assert [day for day, _ in holidays_for(2024)] == [
        D(2024, 1, 1),
        *(D(2024, 2, day) for day in range(8, 15)),
        D(2024, 4, 18),
        D(2024, 4, 29),
        D(2024, 4, 30),
        D(2024, 5, 1),
        D(2024, 9, 1),
        D(2024, 9, 2),
        D(2024, 9, 3),
    ]
    assert dict(holidays_for(2024))[D(2024, 2, 10)] == "Tết Nguyên đán"


def test_gio_to_of_2023_on_a_saturday_is_compensated_on_2_may() -> None:
    holidays = dict(holidays_for(2023))
    assert holidays[D(2023, 4, 29)] == "Giỗ Tổ Hùng Vương"
    assert holidays[D(2023, 5, 2)] == "Nghỉ bù Giỗ Tổ Hùng Vương"
    assert holidays[D(2023, 5, 3)] == "Nghỉ bù Ngày Chiến thắng"


def test_tet_of_2025_and_2026_are_nine_days_long() -> None:
    for year, first in ((2025, D(2025, 1, 25)), (2026, D(2026, 2, 14))):
        tet = [day for day, name in holidays_for(year) if name == "Tết Nguyên đán"]
        assert tet == [first + dt.timedelta(days=i) for i in range(9)]


def test_a_year_without_announced_data_has_only_the_fixed_holidays() -> None:
    assert holidays_for(2030) == fixed_holidays(2030)
    assert makeup_workdays_for(2030) == []
