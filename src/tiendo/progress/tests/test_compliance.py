"""Reporting compliance per period and agency: on time, late, returned, missing."""

from __future__ import annotations

import datetime as dt

import pytest

from tiendo.progress.models import Decision, Lifecycle, PeriodKind
from tiendo.progress.periods import period_open
from tiendo.progress.services import update_record
from tiendo.readmodels.reporting import compliance_for_period
from tiendo.testing import VN, make_cast, make_item

pytestmark = pytest.mark.django_db


def test_compliance_counts_each_agencys_reports_against_the_due_date() -> None:
    cast = make_cast()
    period = cast.period  # Quý I/2024: 15/12/2023 – 14/3/2024, due 2 working days later
    assert (period.cutoff, period.due_on) == (dt.date(2024, 3, 14), dt.date(2024, 3, 18))
    on_time, late, returned, missing = (
        cast.item,
        make_item(cast.plan, lead=cast.health, deadline=dt.date(2024, 12, 31)),
        make_item(cast.plan, lead=cast.health, deadline=dt.date(2024, 12, 31)),
        make_item(cast.plan, lead=cast.health, deadline=dt.date(2024, 12, 31)),
    )

    def send(item: object, day: int, decision: str = Decision.CONFIRMED) -> None:
        update_record(
            item=item,  # type: ignore[arg-type]
            period=period,
            valid_on=period.cutoff,
            state=Lifecycle.IN_PROGRESS,
            recorded_at=dt.datetime(2024, 3, day, 16, tzinfo=VN),
            decision=decision,
            review_note="Thiếu số liệu" if decision == Decision.RETURNED else "",
        )

    send(on_time, 18)
    send(late, 20)
    send(returned, 15, Decision.RETURNED)
    rows = {row.agency: row for row in compliance_for_period(period)}
    health = rows[cast.health]
    assert (health.expected, health.on_time, health.late, health.returned, health.missing) == (
        4,
        1,
        1,
        1,
        1,
    )
    assert health.missing_item_ids == [missing.pk]
    assert health.rate == 50.0
    justice = rows[cast.justice]
    assert (justice.expected, justice.missing) == (1, 1)


def test_items_done_before_the_period_need_no_report() -> None:
    cast = make_cast()
    update_record(
        item=cast.other_item,
        valid_on=dt.date(2024, 3, 1),
        state=Lifecycle.DONE,
        completed_on=dt.date(2024, 2, 28),
        recorded_at=dt.datetime(2024, 3, 2, tzinfo=VN),
    )
    second_quarter = period_open(
        actor=None, plan=cast.plan, kind=PeriodKind.QUARTER, year=2024, number=2, holidays=set()
    )
    rows = {row.agency: row for row in compliance_for_period(second_quarter)}
    assert cast.justice not in rows
    assert rows[cast.health].expected == 1
