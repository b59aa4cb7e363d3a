"""Counting rows moved from one K to another (selectors._additive) equal the engine's from raw
facts: random writes of every kind arrive one after another, and after each the figures as known
now, some still receiving facts and some settled, are read with the memo on and off."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.plans.services import item_extend_deadline
from tiendo.status import selectors
from tiendo.status.selectors import (
    AsOf,
    DeadlineClass,
    Scope,
    item_statuses,
    status_by,
    status_overall_and_by_plan,
    status_series,
    status_summary,
)
from tiendo.status.tests.test_history_property import EDITS, World
from tiendo.status.tests.test_series import DAYS, scopes
from tiendo.testing import at, make_agency, make_item, make_plan, report_done

pytestmark = pytest.mark.django_db


def figures(world: World, scope_set: dict[str, Scope]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for day in (dt.date(2024, 3, 31), dt.date(2024, 6, 30), timezone.localdate()):
        as_of = AsOf.make(day)  # K = now, as the IOC asks
        for name, scope in scope_set.items():
            summary = status_summary(scope, as_of)
            out[f"{name} {day}"] = (
                summary.all.by_state,
                summary.all.by_class,
                {kind: c.by_class for kind, c in summary.by_kind.items()},
                {group: c.by_state for group, c in summary.by_group.items()},
            )
        overall, per_plan = status_overall_and_by_plan(scope_set["province"], as_of)
        out[f"by plan {day}"] = (
            overall.all.by_class,
            {plan: s.all.by_state for plan, s in per_plan.items()},
        )
        out[f"by agency {day}"] = {
            agency: c.by_class
            for agency, c in status_by(scope_set["province"], as_of, "lead_agency_id").items()
        }
        lists = {
            "upcoming": dict(
                deadline_classes=[DeadlineClass.DUE_SOON, DeadlineClass.IN_TIME],
                deadline_until=day + dt.timedelta(days=60),
                by_deadline=True,
                limit=4,
            ),
            "bottlenecks": dict(
                deadline_classes=[DeadlineClass.OVERDUE], by_deadline=True, limit=5
            ),
            "urgent, second page": dict(by_urgency=True, limit=6, offset=6),
            "by deadline, every class": dict(by_deadline=True, limit=8),
            "in plan order": dict(limit=7, offset=2),
        }
        for name, asked in lists.items():
            for scope_name in ("province", "sites too"):
                out[f"list {name} {scope_name} {day}"] = [
                    (s.item.pk, s.state, s.deadline_class, s.deadline_now, s.done_on, s.percent)
                    for s in item_statuses(scope_set[scope_name], as_of, **asked)  # type: ignore[arg-type]
                ]
    series_at = AsOf.make(DAYS[-1])
    for name in ("province", "models", "sites too", "the province's agencies"):
        out[f"series {name}"] = status_series(scope_set[name], series_at, DAYS)
    return out


@pytest.mark.parametrize("seed", range(3))
def test_figures_moved_over_random_writes_equal_the_engine(
    seed: int, remembering: Any, settings: Any, monkeypatch: Any
) -> None:
    rng = random.Random(seed)  # noqa: S311 (repeatable histories, not secrets)
    # Lists keep 0 to 2 rows beyond the page: items leaving a list run it short, and it is cut.
    monkeypatch.setattr(selectors, "LIST_SLACK", seed)
    world = World(rng)
    world.history()
    Agency.objects.update(path_changed_at=at(dt.date(2024, 1, 1)))  # set-up: placed long ago
    scope_set = scopes(world)
    moves = []
    moved = selectors._moved

    def counting_moves(*args: Any) -> Any:
        rows = moved(*args)
        moves.append(rows is not None)
        return rows

    monkeypatch.setattr(selectors, "_moved", counting_moves)

    def compare(step: str) -> None:
        settings.TIENDO_FIGURE_MEMO = True
        remembered = figures(world, scope_set)
        settings.TIENDO_FIGURE_MEMO = False
        engine = figures(world, scope_set)
        settings.TIENDO_FIGURE_MEMO = True
        for key, value in engine.items():
            assert remembered[key] == value, (seed, step, key)

    clock = timezone.now()
    compare("before any write")  # the settled base, worked out whole
    kinds = []
    # Every kind of write once, in a random order, then a few more at random.
    for step, kind in enumerate([*rng.sample(EDITS, len(EDITS)), *rng.choices(EDITS, k=4)]):
        clock += dt.timedelta(minutes=rng.choice([1, 2, 7]))
        kinds.append(world.edit(clock, kind))
        # Read while the write is recent (moved from the last settled K') or once it settled.
        with time_machine.travel(clock + dt.timedelta(seconds=rng.choice([20, 400])), tick=False):
            compare(f"{step}: {kinds[-1]}")
    assert sum(moves) > 50, (kinds, len(moves))  # most figures came from moved rows


def test_a_report_counts_at_once_and_only_its_item_is_read_again(remembering: Any) -> None:
    """The rows at the settled K' are moved by the one item reported since: the statements the
    second view runs name that item only."""
    plan = make_plan(make_agency("UBND tỉnh thử"), recorded_at=at(dt.date(2024, 1, 5)))
    items = [make_item(plan, recorded_at=at(dt.date(2024, 1, 5))) for _ in range(6)]
    Agency.objects.update(path_changed_at=at(dt.date(2024, 1, 1)))
    scope, day = Scope(plan=plan), dt.date(2024, 3, 31)
    assert status_summary(scope, AsOf.make(day)).all.done == 0  # settled: worked out whole
    report_done(items[3], dt.date(2024, 3, 1), recorded_at=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        summary = status_summary(scope, AsOf.make(day))
    assert (summary.all.done, summary.all.total) == (1, 6)
    engine = [q["sql"] for q in queries if "COUNT(*)" in q["sql"]]
    assert len(engine) == 2  # the item at the settled K' and now
    assert all(f"IN ({items[3].pk})" in sql for sql in engine), engine


@pytest.mark.parametrize("order", ["plan", "deadline", "urgency"])
def test_lists_are_ordered_in_python_as_the_database_orders_them(order: str) -> None:
    """Moved lists are sorted by selectors._list_order: it must give the statement's own order,
    NULL deadlines (recurring items) and done items included, on either database."""
    plan = make_plan(make_agency("UBND tỉnh thử"), recorded_at=at(dt.date(2024, 1, 5)))
    deadlines = [dt.date(2024, 2, 1), dt.date(2024, 4, 2), dt.date(2024, 4, 20), None]
    items = [
        make_item(plan, deadline=deadlines[n % 4], recorded_at=at(dt.date(2024, 1, 5)))
        for n in range(12)
    ]
    for item in items[::3]:  # done: recurring, overdue-then-done, due soon and in time ones
        report_done(item, dt.date(2024, 3, 20))
    as_of = AsOf.make(dt.date(2024, 3, 31), at(dt.date(2024, 4, 1)), due_soon_days=3)
    by_deadline, by_urgency = order == "deadline", order == "urgency"
    sql, params = selectors._status_rows_sql(
        Scope(plan=plan), as_of, (), (), False, by_deadline=by_deadline, by_urgency=by_urgency
    )
    rows = selectors._fetch(sql, params)
    assert len(rows) == 12 and any(row[3] is None for row in rows)
    shuffled = random.Random(order).sample(rows, len(rows))  # noqa: S311
    assert sorted(shuffled, key=selectors._list_order(by_deadline, by_urgency)) == rows


def test_an_item_moving_past_unread_rows_does_not_take_their_place(
    remembering: Any, monkeypatch: Any
) -> None:
    """A list keeps its first rows only: an item that moves from inside them to beyond the last
    kept row may have unread rows before it, so the list is read again, not filled with it."""
    monkeypatch.setattr(selectors, "LIST_SLACK", 0)
    plan = make_plan(make_agency("UBND tỉnh thử"), recorded_at=at(dt.date(2024, 1, 5)))
    items = [
        make_item(plan, deadline=dt.date(2024, 2, n), recorded_at=at(dt.date(2024, 1, 5)))
        for n in range(1, 7)
    ]
    Agency.objects.update(path_changed_at=at(dt.date(2024, 1, 1)))

    def bottlenecks() -> list[int]:
        as_of = AsOf.make(dt.date(2024, 3, 31))
        listed = item_statuses(
            Scope(plan=plan),
            as_of,
            deadline_classes=[DeadlineClass.OVERDUE],
            by_deadline=True,
            limit=3,
        )
        return [s.item.pk for s in listed]

    assert bottlenecks() == [item.pk for item in items[:3]]  # settled: the first three kept
    item_extend_deadline(
        item=items[1],
        new_deadline=dt.date(2024, 3, 10),  # still overdue on 31/3, now after all the others
        reason="Gia hạn theo đề nghị của đơn vị.",
        decided_on=dt.date(2024, 2, 1),
    )
    assert bottlenecks() == [items[0].pk, items[2].pk, items[3].pk]
