"""Remembered figures (status/memo.py): the figures at K equal those at K', the last fact recorded
by K; settled figures are served from memory; a new fact is never missed."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.agencies.services import agency_upsert
from tiendo.plans.models import ItemKind
from tiendo.status import memo
from tiendo.status.selectors import AsOf, Scope, item_statuses, status_series, status_summary
from tiendo.status.tests.test_history_property import World, moment
from tiendo.testing import at, make_agency, make_item, make_plan, report_done

pytestmark = pytest.mark.django_db


def settle_tree() -> None:
    """Test set-up only: the agencies made for the test took their place in the tree long ago."""
    Agency.objects.update(path_changed_at=at(dt.date(2024, 1, 1)))


def recorded_moments(rng: random.Random, per_column: int = 3) -> list[dt.datetime]:
    """A few moments stored in each date-time column of the apps holding facts: chosen without
    memo.FACT_TIMES, so a column missing there shows up as a K whose figures differ."""
    moments: set[dt.datetime] = set()
    for label in ("plans", "progress", "agencies"):
        for model in apps.get_app_config(label).get_models():
            for f in model._meta.get_fields():
                if isinstance(f, models.DateTimeField):
                    values = model._default_manager.exclude(**{f.name: None})
                    column = sorted(set(values.values_list(f.name, flat=True)))
                    moments.update(rng.sample(column, min(per_column, len(column))))
    return sorted(moments)


def figures(world: World, known_at: dt.datetime) -> list[Any]:
    both = Scope(plans=[world.plan, world.late_plan])
    out: list[Any] = []
    for day in (dt.date(2024, 3, 31), dt.date(2024, 6, 30)):
        as_of = AsOf.make(day, known_at)
        scopes = [both, Scope(plans=both.plans, kind=ItemKind.TASK), Scope(plan=world.plan)]
        scopes += [Scope(plans=both.plans, agency=agency) for agency in world.agencies]
        for scope in scopes:
            summary = status_summary(scope, as_of)
            out.append((summary.all.by_state, summary.all.by_class, summary.groups_total))
        out.append(
            [
                (
                    s.item.pk,
                    s.state,
                    s.deadline_class,
                    s.deadline_now,
                    s.target_now,
                    s.known,
                    s.responsible_agency_id,
                )
                for s in item_statuses(both, as_of)
            ]
        )
    return out


@pytest.mark.parametrize("seed", range(3))
def test_the_figures_at_k_are_those_at_the_last_fact_recorded_by_k(seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 (repeatable histories, not secrets)
    world = World(rng)
    world.history()
    for _ in range(12):
        world.edit(moment(rng, dt.date(2024, 7, 2), dt.date(2025, 6, 30)))
    # Just after a fact (its own K' is itself) and just before it (K' is an earlier one).
    checked = 0
    for fact in recorded_moments(rng):
        for known_at in (fact + dt.timedelta(seconds=1), fact - dt.timedelta(seconds=1)):
            last = memo.last_fact_at(known_at)
            if last is None:
                continue
            assert last <= known_at
            assert figures(world, known_at) == figures(world, last), (seed, known_at, last)
            checked += 1
    assert checked > 30


def test_settled_figures_are_remembered_and_a_new_fact_is_never_missed(remembering: Any) -> None:
    province = make_agency("UBND tỉnh thử")
    plan = make_plan(province, issued_on=dt.date(2024, 1, 5), recorded_at=at(dt.date(2024, 1, 5)))
    first, second = (make_item(plan, recorded_at=at(dt.date(2024, 1, 5))) for _ in range(2))
    report_done(first, dt.date(2024, 2, 1))
    settle_tree()
    scope = Scope(plan=plan)
    day = dt.date(2024, 3, 31)

    def counted() -> tuple[tuple[int, int], int, list[Any], list[Any]]:
        as_of = AsOf.make(day)  # K = now, as the IOC asks
        with CaptureQueriesContext(connection) as queries:
            summary = status_summary(scope, as_of)
            rows = [(s.item.pk, s.state) for s in item_statuses(scope, as_of)]
            series = [(p.done, p.total) for p in status_series(scope, as_of, [day])]
        engine = [q for q in queries if "COUNT(*)" in q["sql"] or "deadline_class" in q["sql"]]
        assert summary.as_of.known_at == as_of.known_at  # the page still says its own K
        return (summary.all.done, summary.all.total), len(engine), rows, series

    figures, ran, rows, series = counted()
    assert figures == (1, 2) and series == [(1, 2)] and ran >= 3
    again, ran_again, rows_again, series_again = counted()
    assert (again, rows_again, series_again) == (figures, rows, series)
    assert ran_again == 0  # every statement's rows came from memory

    # A report sent just now: the figures are live until it has settled, and include it.
    report_done(second, dt.date(2024, 3, 1), recorded_at=timezone.now())
    fresh, ran_fresh, _, fresh_series = counted()
    assert fresh == (2, 2) and fresh_series == [(2, 2)] and ran_fresh >= 3
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6), tick=False):
        settled, ran_settled, _, _ = counted()
        assert settled == (2, 2) and ran_settled >= 3  # K' moved: a new key, computed once
        assert counted()[:2] == ((2, 2), 0)
    # A past K stays remembered beside it, with its own figures.
    past = AsOf.make(day, at(dt.date(2024, 4, 1)))
    assert status_summary(scope, past).all.done == 1


def test_the_memo_is_off_when_turned_off(remembering: Any, settings: Any) -> None:
    settings.TIENDO_FIGURE_MEMO = False
    plan = make_plan(make_agency("UBND tỉnh thử"), recorded_at=at(dt.date(2024, 1, 5)))
    make_item(plan, recorded_at=at(dt.date(2024, 1, 5)))
    settle_tree()
    assert memo.settled_known_at(timezone.now()) is None
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert status_summary(Scope(plan=plan), AsOf.make(dt.date(2024, 3, 31))).all.total == 1
        assert any("COUNT(*)" in q["sql"] for q in queries)


def test_a_body_moved_into_the_subtree_counts_at_once(remembering: Any) -> None:
    province = make_agency("UBND tỉnh thử")
    health = make_agency("Sở Y tế", parent=province)
    elsewhere = make_agency("UBND tỉnh khác")
    moved = make_agency("Trung tâm Công nghệ thông tin", parent=elsewhere)
    plan = make_plan(province, recorded_at=at(dt.date(2024, 1, 5)))
    make_item(plan, lead=health, recorded_at=at(dt.date(2024, 1, 5)))
    make_item(plan, lead=moved, recorded_at=at(dt.date(2024, 1, 5)))
    settle_tree()
    scope = Scope(plan=plan, agency=province)

    def total() -> int:
        return status_summary(scope, AsOf.make(dt.date(2024, 3, 31))).all.total

    assert total() == 1
    assert total() == 1  # now from memory
    agency_upsert(code=moved.code, name=moved.name, kind=moved.kind, parent=province)
    assert total() == 2  # the move is the latest fact: not settled, counted live
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6), tick=False):
        assert total() == 2  # settled again, under the move's moment
