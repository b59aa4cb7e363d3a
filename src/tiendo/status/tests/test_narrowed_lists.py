"""Lists asked for some unfinished classes (the IOC's upcoming and bottlenecks) read only the items
whose deadline can fall in them; the result must be exactly the full list filtered afterwards, and
one statement's overall summary must equal status_summary."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from tiendo.status.selectors import (
    AsOf,
    DeadlineClass,
    Scope,
    item_statuses,
    status_overall_and_by_plan,
    status_summary,
)
from tiendo.status.tests.test_history_property import World, moment
from tiendo.testing import at, make_agency, make_item, make_plan

pytestmark = pytest.mark.django_db

ASKED: list[tuple[tuple[str, ...], int | None]] = [
    ((DeadlineClass.OVERDUE,), None),
    ((DeadlineClass.DUE_SOON,), None),
    ((DeadlineClass.IN_TIME,), None),
    ((DeadlineClass.DUE_SOON, DeadlineClass.IN_TIME), 14),
    ((DeadlineClass.OVERDUE, DeadlineClass.IN_TIME), None),
    ((), 30),
    ((DeadlineClass.DONE_LATE,), None),
]


@pytest.mark.parametrize("seed", range(4))
def test_a_list_of_some_classes_is_the_full_list_filtered(seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 (repeatable histories, not secrets)
    world = World(rng)
    world.history()
    for _ in range(10):
        world.edit(moment(rng, dt.date(2024, 7, 2), dt.date(2025, 6, 30)))
    scope = Scope(plans=[world.plan, world.late_plan])
    seen: set[str] = set()
    for day in (
        dt.date(2024, 2, 20),
        dt.date(2024, 3, 31),
        dt.date(2024, 5, 31),
        dt.date(2024, 8, 15),
    ):
        for known_at in (at(dt.date(2024, 4, 1), 12), at(dt.date(2026, 1, 1))):
            as_of = AsOf.make(day, known_at, due_soon_days=21)
            every = item_statuses(scope, as_of, by_deadline=True)
            seen.update(s.deadline_class for s in every)
            for classes, days in ASKED:
                until = day + dt.timedelta(days=days) if days is not None else None
                expected = [
                    s.item.pk
                    for s in every
                    if (not classes or s.deadline_class in classes)
                    and (until is None or (s.deadline_now is not None and s.deadline_now <= until))
                ]
                got = item_statuses(
                    scope, as_of, deadline_classes=classes, deadline_until=until, by_deadline=True
                )
                assert [s.item.pk for s in got] == expected, (seed, day, known_at, classes, days)
            overall, per_plan = status_overall_and_by_plan(scope, as_of)
            alone = status_summary(scope, as_of)
            assert (overall.all, overall.by_kind, overall.by_group) == (
                alone.all,
                alone.by_kind,
                alone.by_group,
            )
            assert sum(s.all.total for s in per_plan.values()) == alone.all.total
    # The histories reach every unfinished class, so each narrowing was put to the test.
    assert {DeadlineClass.OVERDUE, DeadlineClass.DUE_SOON, DeadlineClass.IN_TIME} <= seen


def test_the_bounds_of_each_class_are_kept() -> None:
    province = make_agency("UBND tỉnh thử")
    plan = make_plan(province, issued_on=dt.date(2024, 1, 5), recorded_at=at(dt.date(2024, 1, 5)))
    day = dt.date(2024, 3, 20)
    by_offset = {
        offset: make_item(
            plan, deadline=day + dt.timedelta(days=offset), recorded_at=at(dt.date(2024, 1, 5))
        )
        for offset in (-1, 0, 3, 4, 14, 15)
    }
    as_of = AsOf.make(day, at(dt.date(2024, 4, 1)), due_soon_days=3)
    scope = Scope(plan=plan)

    def offsets(classes: tuple[str, ...], until: dt.date | None = None) -> list[int]:
        got = item_statuses(scope, as_of, deadline_classes=classes, deadline_until=until)
        return sorted(o for o, item in by_offset.items() if item.pk in {s.item.pk for s in got})

    assert offsets((DeadlineClass.OVERDUE,)) == [-1]
    assert offsets((DeadlineClass.DUE_SOON,)) == [0, 3]
    assert offsets((DeadlineClass.IN_TIME,)) == [4, 14, 15]
    upcoming = (DeadlineClass.DUE_SOON, DeadlineClass.IN_TIME)
    assert offsets(upcoming, day + dt.timedelta(days=14)) == [0, 3, 4, 14]
    assert offsets((DeadlineClass.DUE_SOON,), day + dt.timedelta(days=3)) == [0, 3]
    assert offsets((DeadlineClass.OVERDUE,), day + dt.timedelta(days=30)) == [-1]
