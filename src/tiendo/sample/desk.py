"""The reporting cycle as it stands on the day the sample is loaded.

Reports of closed periods are history (loader.py): sent, some late, confirmed the next morning, a
few returned and sent again. Reports of the periods still open are in motion on that day: some
sent on time, some late, some returned with a reason and not answered yet, some awaiting the
standing body's review, some not sent at all and, for the agencies with demo accounts, drafts
waiting for their head. Only what happened before the day began is on the record, and every
choice is seeded by plan, item and cut-off, so loading on the same day gives the same sample.

The agencies with demo accounts get a fixed share of that work in the latest period whose due
date has passed (SCRIPTS), so that each demo user has something to do whatever the day.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from tiendo.lib.periods import add_working_days
from tiendo.sample.stories import VN

# Why the standing body returns a report; from 2025 also for the reorganisation.
RETURN_REASONS = (
    "Báo cáo chưa nêu sản phẩm định lượng cụ thể; đề nghị bổ sung số liệu so với chỉ tiêu.",
    "Tỷ lệ hoàn thành chưa khớp với kết quả nêu trong báo cáo; đề nghị rà soát lại.",
    "Chưa có tài liệu minh chứng cho kết quả đã báo cáo.",
)
RETURN_REASONS_2025 = (
    *RETURN_REASONS,
    "Báo cáo chưa cập nhật đơn vị thực hiện sau sắp xếp; đề nghị ghi rõ đơn vị kế thừa.",
)


class Outcome(StrEnum):
    """What became of one expected report of an open period, by the day of loading."""

    MISSING = "missing"  # nothing sent, no draft
    DRAFT = "draft"  # a reporter's draft, not yet put before the head
    READY = "ready"  # a draft put before the head (trình lãnh đạo), not sent
    SENT = "sent"  # sent; confirmed if reviewed, else awaiting review
    RETURNED = "returned"  # returned with a reason, not answered yet
    REVISING = "revising"  # returned, and a revision draft is being written
    RESENT = "resent"  # returned, and sent again


@dataclass(frozen=True)
class Fate:
    """One report's path through the cycle; times are None where that step has not happened."""

    outcome: Outcome
    sent_at: dt.datetime | None = None
    reviewed_at: dt.datetime | None = None
    note: str = ""
    resent_at: dt.datetime | None = None
    resent_reviewed_at: dt.datetime | None = None


# The share of each demo agency's reports in the latest period past its due date, in order of its
# items: who has to revise, send, review or write what (the rest follow fate()).
SCRIPTS: dict[str, tuple[Outcome, ...]] = {
    "SYT": (Outcome.RETURNED, Outcome.READY, Outcome.SENT, Outcome.MISSING, Outcome.DRAFT),
    "SKHCN": (Outcome.READY, Outcome.REVISING, Outcome.SENT, Outcome.MISSING),
}


@dataclass(frozen=True)
class Clock:
    """The day the sample is loaded; facts recorded before its midnight have happened."""

    today: dt.date
    holidays: Collection[dt.date]

    @property
    def horizon(self) -> dt.datetime:
        return dt.datetime.combine(self.today, dt.time(), VN)

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), VN)

    def working_day(self, day: dt.date, after: int = 0) -> dt.date:
        """The day itself if it is a working day (else the next one), then `after` more."""
        first = add_working_days(day - dt.timedelta(days=1), 1, self.holidays)
        return add_working_days(first, after, self.holidays)


def fate(key: str, cutoff: dt.date, due: dt.date, clock: Clock, *, can_draft: bool) -> Fate:
    """The path of the report of `key` (plan/item) for the period with this cut-off and due date.

    can_draft: the agency has demo accounts, so a report not sent yet may be a draft in hand.
    """
    rng = random.Random(f"open/{key}/{cutoff}")  # noqa: S311 - reproducible sample
    roll = rng.random()
    if roll < 0.08:
        return Fate(Outcome.MISSING)
    if roll < 0.72:
        day = min(due, clock.working_day(cutoff, rng.choice([1, 1, 2])))
    else:
        day = clock.working_day(due + dt.timedelta(days=rng.choice([1, 1, 2, 3, 4, 6, 9, 13])))
    sent = clock.at(day, rng.randint(8, 16), rng.choice([0, 15, 30, 45]))
    if sent >= clock.horizon:
        if can_draft:
            return Fate(Outcome.READY if rng.random() < 0.5 else Outcome.DRAFT)
        return Fate(Outcome.MISSING)
    review_day = clock.working_day(day, rng.choice([1, 1, 2, 3, 5]))
    reviewed = clock.at(review_day, rng.randint(8, 10), 30)
    if reviewed >= clock.horizon or rng.random() < 0.3:
        return Fate(Outcome.SENT, sent_at=sent)
    if rng.random() >= 0.12:
        return Fate(Outcome.SENT, sent_at=sent, reviewed_at=reviewed)
    note = RETURN_REASONS_2025[rng.randrange(len(RETURN_REASONS_2025))]
    again_day = clock.working_day(review_day, rng.choice([1, 2, 3, 5]))
    again = clock.at(again_day, 15)
    if again >= clock.horizon:
        revising = can_draft and rng.random() < 0.5
        outcome = Outcome.REVISING if revising else Outcome.RETURNED
        return Fate(outcome, sent_at=sent, reviewed_at=reviewed, note=note)
    again_reviewed = clock.at(clock.working_day(again_day, 1), 9, 30)
    return Fate(
        Outcome.RESENT,
        sent_at=sent,
        reviewed_at=reviewed,
        note=note,
        resent_at=again,
        resent_reviewed_at=again_reviewed if again_reviewed < clock.horizon else None,
    )


def scripted(outcome: Outcome, cutoff: dt.date, clock: Clock, number: int) -> Fate:
    """A demo agency's report with a fixed outcome: sent on the first working day after the
    cut-off and reviewed on the next one (both before its due date, which has passed); number
    picks the reason when it is returned."""
    day = clock.working_day(cutoff, 1)
    sent = clock.at(day, 15)
    reviewed = clock.at(clock.working_day(day, 1), 9, 30)
    if outcome == Outcome.SENT:
        return Fate(outcome, sent_at=sent)
    if outcome in (Outcome.RETURNED, Outcome.REVISING):
        note = RETURN_REASONS_2025[number % len(RETURN_REASONS_2025)]
        return Fate(outcome, sent_at=sent, reviewed_at=reviewed, note=note)
    return Fate(outcome)
