"""status_series gives, in one statement, what status_summary gives day by day.

Random province histories (test_history_property's World: reports confirmed, returned and
unreviewed, extensions, then later edits of every kind: withdrawals, re-imports, issue dates
moved, successions, late reports) are read at every month-end and odd days, as known at several
moments, over the scopes the IOC uses; every point must equal the day's own summary.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
import time_machine

from tiendo.plans.models import Item, ItemKind
from tiendo.plans.services import item_upsert
from tiendo.progress.models import Decision, Lifecycle
from tiendo.progress.services import update_record
from tiendo.status.selectors import AsOf, Scope, status_series, status_summary
from tiendo.status.tests.test_history_property import World, moment
from tiendo.testing import at, make_agency, make_item, make_plan

pytestmark = pytest.mark.django_db

DAYS = [
    dt.date(2023, 12, 31),
    dt.date(2024, 1, 10),
    dt.date(2024, 1, 31),
    dt.date(2024, 2, 29),
    dt.date(2024, 3, 15),
    dt.date(2024, 3, 31),
    dt.date(2024, 4, 20),
    dt.date(2024, 4, 30),
    dt.date(2024, 5, 31),
    dt.date(2024, 6, 30),
]


def scopes(world: World) -> dict[str, Scope]:
    both = [world.plan, world.late_plan]
    return {
        "province": Scope(plans=both),
        "plan": Scope(plan=world.plan),
        "models": Scope(plans=both, kind=ItemKind.MODEL),
        "group": Scope(plan=world.plan, group=world.groups[0]),
        "sites too": Scope(plans=both, top_level_only=False),
        **{f"agency {a.name}": Scope(plans=both, agency=a) for a in world.agencies},
        "the province's agencies": Scope(plans=both, agency=world.province),
    }


@pytest.mark.parametrize("seed", range(5))
def test_each_day_of_the_series_equals_that_days_summary(seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 (repeatable histories, not secrets)
    world = World(rng)
    world.history()
    edits = [world.edit(moment(rng, dt.date(2024, 7, 2), dt.date(2025, 6, 30))) for _ in range(25)]
    known = [at(dt.date(2024, 3, 1), 12), at(dt.date(2024, 6, 30), 12), at(dt.date(2026, 1, 1))]
    compared = 0
    for known_at in known:
        for name, scope in scopes(world).items():
            series = status_series(scope, AsOf.make(DAYS[-1], known_at), DAYS)
            expected = []
            for day in DAYS:
                counts = status_summary(scope, AsOf.make(day, known_at)).all
                expected.append((day, counts.done, counts.total))
            got = [(p.day, p.done, p.total) for p in series]
            assert got == expected, (seed, name, known_at, edits)
            compared += sum(1 for _, done, total in expected if done or total)
    # The histories reach the figures: most points count something.
    assert compared > 100


def withdraw(item: Item, on: dt.date, *, recorded: dt.datetime) -> None:
    """The item withdrawn from its plan from `on`, through the item service, at `recorded`."""
    with time_machine.travel(recorded, tick=False):
        item_upsert(
            plan=item.plan,
            kind=item.kind,
            code=item.code,
            title=item.title,
            lead_agency=item.lead_agency,
            deadline=item.deadline,
            target=item.target,
            withdrawn_on=on,
        )


def test_the_series_sees_withdrawal_issue_date_and_a_confirmation_after_k() -> None:
    province = make_agency("UBND tỉnh thử")
    plan = make_plan(province, issued_on=dt.date(2024, 2, 10), recorded_at=at(dt.date(2024, 2, 1)))
    kept = make_item(plan, recorded_at=at(dt.date(2024, 2, 1)))
    withdrawn = make_item(plan, recorded_at=at(dt.date(2024, 2, 1)))
    withdraw(withdrawn, dt.date(2024, 4, 1), recorded=at(dt.date(2024, 4, 2)))
    update_record(
        item=kept,
        valid_on=dt.date(2024, 1, 20),  # before the plan was issued: counts from its issue
        state=Lifecycle.DONE,
        percent=100,
        completed_on=dt.date(2024, 1, 20),
        recorded_at=at(dt.date(2024, 2, 20)),
        decision=Decision.CONFIRMED,
        reviewed_at=at(dt.date(2024, 2, 21)),
    )
    days = [dt.date(2024, 1, 31), dt.date(2024, 2, 29), dt.date(2024, 3, 31), dt.date(2024, 4, 30)]
    late = AsOf.make(days[-1], at(dt.date(2024, 5, 1)))
    got = [(p.done, p.total) for p in status_series(Scope(plan=plan), late, days)]
    assert got == [(0, 0), (1, 2), (1, 2), (1, 1)]
    # Before the confirmation and the withdrawal were recorded: awaiting, and still two items.
    early = AsOf.make(days[-1], at(dt.date(2024, 2, 20), 23))
    got = [(p.done, p.total) for p in status_series(Scope(plan=plan), early, days)]
    assert got == [(0, 0), (0, 2), (0, 2), (0, 2)]
    with pytest.raises(ValueError):
        status_series(Scope(plan=plan), AsOf.make(days[0], late.known_at), days)


def test_same_day_reports_later_reports_returns_and_withdrawal_of_a_done_item() -> None:
    province = make_agency("UBND tỉnh thử")
    plan = make_plan(province, issued_on=dt.date(2024, 1, 5), recorded_at=at(dt.date(2024, 1, 5)))
    same_day, withdrawn, undone, returned = (
        make_item(plan, recorded_at=at(dt.date(2024, 1, 5))) for _ in range(4)
    )

    def report(item: Any, valid_on: dt.date, state: str, sent: dt.date, decision: str) -> None:
        update_record(
            item=item,
            valid_on=valid_on,
            state=state,
            percent=100 if state == Lifecycle.DONE else 40,
            completed_on=valid_on if state == Lifecycle.DONE else None,
            recorded_at=at(sent),
            decision=decision,
            reviewed_at=at(sent, 15) if decision else None,
            review_note="Thiếu sản phẩm." if decision == Decision.RETURNED else "",
        )

    # Two reports valid the same day: the one sent later stands (still in progress).
    report(same_day, dt.date(2024, 3, 10), Lifecycle.DONE, dt.date(2024, 3, 11), Decision.CONFIRMED)
    report(same_day, dt.date(2024, 3, 10), Lifecycle.IN_PROGRESS, dt.date(2024, 3, 12), "")
    # Done, then withdrawn from the plan on 15/4: neither done nor counted from then.
    report(withdrawn, dt.date(2024, 3, 5), Lifecycle.DONE, dt.date(2024, 3, 5), Decision.CONFIRMED)
    withdraw(withdrawn, dt.date(2024, 4, 15), recorded=at(dt.date(2024, 4, 16)))
    # Done in February, then reported back in progress in March.
    report(undone, dt.date(2024, 2, 20), Lifecycle.DONE, dt.date(2024, 2, 20), Decision.CONFIRMED)
    report(undone, dt.date(2024, 3, 20), Lifecycle.IN_PROGRESS, dt.date(2024, 3, 20), "")
    # Reported done and returned.
    report(returned, dt.date(2024, 2, 1), Lifecycle.DONE, dt.date(2024, 2, 2), Decision.RETURNED)

    days = [dt.date(2024, 2, 29), dt.date(2024, 3, 10), dt.date(2024, 3, 31), dt.date(2024, 4, 30)]
    as_of = AsOf.make(days[-1], at(dt.date(2024, 5, 1)))
    got = [(p.done, p.total) for p in status_series(Scope(plan=plan), as_of, days)]
    assert got == [(1, 4), (2, 4), (1, 4), (0, 3)]
    for day, point in zip(days, got, strict=True):
        counts = status_summary(Scope(plan=plan), AsOf.make(day, as_of.known_at)).all
        assert point == (counts.done, counts.total), day
