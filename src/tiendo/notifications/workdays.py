"""Working days for reminders: weekends and the holiday table that report due dates count
(progress.Holiday, seeded from lib.periods and kept by the administrator)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from tiendo.lib.dates import format_date
from tiendo.progress.models import Holiday

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
# The longest run of days off looked through (Tết with its weekends is about ten).
LONGEST_BREAK = 31


@dataclass(frozen=True)
class Calendar:
    holidays: Mapping[dt.date, str]

    @classmethod
    def load(cls) -> Calendar:
        return cls(dict(Holiday.objects.values_list("day", "name")))

    def works(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def on_or_before(self, day: dt.date) -> dt.date:
        """The day itself if it is a working day, else the working day before it."""
        for back in range(LONGEST_BREAK):
            candidate = day - dt.timedelta(days=back)
            if self.works(candidate):
                return candidate
        return day

    def on_or_after(self, day: dt.date) -> dt.date:
        for ahead in range(LONGEST_BREAK):
            candidate = day + dt.timedelta(days=ahead)
            if self.works(candidate):
                return candidate
        return day

    def week_start(self, day: dt.date) -> dt.date | None:
        """The first working day of day's week (Monday, unless it is a holiday)."""
        monday = day - dt.timedelta(days=day.weekday())
        for offset in range(7):
            candidate = monday + dt.timedelta(days=offset)
            if self.works(candidate):
                return candidate
        return None

    def day_off(self, day: dt.date) -> str:
        """'' for a working day, else what the day is ('Chủ nhật', 'Tết Nguyên đán')."""
        if self.works(day):
            return ""
        return self.holidays.get(day) or WEEKDAYS[day.weekday()]

    def deadline(self, day: dt.date, then: str = "") -> str:
        """'31/03/2024 (Chủ nhật, ngày nghỉ)': a deadline on a day off says so; `then` adds
        what is left ('20/03/2024 (còn 7 ngày)', '31/03/2024 (Chủ nhật, ngày nghỉ; còn 2
        ngày)')."""
        notes = [f"{off}, ngày nghỉ"] if (off := self.day_off(day)) else []
        notes += [then] if then else []
        return f"{format_date(day)} ({'; '.join(notes)})" if notes else format_date(day)
