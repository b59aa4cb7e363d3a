"""Counting rows moved from one K to another (selectors._additive) equal the engine's from raw
facts: random writes of every kind arrive one after another, and after each the figures as known
now, some still receiving facts and some settled, are read with the memo on and off."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.status import selectors
from tiendo.status.selectors import (
    AsOf,
    Scope,
    status_by,
    status_overall_and_by_plan,
    status_series,
    status_summary,
)
from tiendo.status.tests.test_history_property import EDITS, World
from tiendo.status.tests.test_series import DAYS, scopes
from tiendo.testing import at, make_agency, make_item, make_plan

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
    series_at = AsOf.make(DAYS[-1])
    for name in ("province", "models", "sites too", "the province's agencies"):
        out[f"series {name}"] = status_series(scope_set[name], series_at, DAYS)
    return out


@pytest.mark.parametrize("seed", range(3))
def test_figures_moved_over_random_writes_equal_the_engine(
    seed: int, remembering: Any, settings: Any, monkeypatch: Any
) -> None:
    rng = random.Random(seed)  # noqa: S311 (repeatable histories, not secrets)
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
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tiendo.progress.models import Decision, Lifecycle
    from tiendo.progress.services import update_record

    plan = make_plan(make_agency("UBND tỉnh thử"), recorded_at=at(dt.date(2024, 1, 5)))
    items = [make_item(plan, recorded_at=at(dt.date(2024, 1, 5))) for _ in range(6)]
    Agency.objects.update(path_changed_at=at(dt.date(2024, 1, 1)))
    scope, day = Scope(plan=plan), dt.date(2024, 3, 31)
    assert status_summary(scope, AsOf.make(day)).all.done == 0  # settled: worked out whole
    update_record(
        item=items[3],
        valid_on=dt.date(2024, 3, 1),
        state=Lifecycle.DONE,
        percent=100,
        completed_on=dt.date(2024, 3, 1),
        decision=Decision.CONFIRMED,
    )
    with CaptureQueriesContext(connection) as queries:
        summary = status_summary(scope, AsOf.make(day))
    assert (summary.all.done, summary.all.total) == (1, 6)
    engine = [q["sql"] for q in queries if "COUNT(*)" in q["sql"]]
    assert len(engine) == 2  # the item at the settled K' and now
    assert all(f"IN ({items[3].pk})" in sql for sql in engine), engine
