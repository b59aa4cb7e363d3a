"""Load a scale into the benchmark database, time the engine against the floor, report.

Imported by run.py once Django is set up: it uses the models and the engine.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

import psycopg
from django.test.utils import override_settings

from database import BenchError, Connection, rebuild, reset_sequences, set_aside_indexes
from datagen import (
    CUTOFF,
    KNOWN_AT,
    SCALES,
    Loaded,
    load_agencies,
    load_items,
    load_plans,
    load_revisions,
)
from docbench import DocResult, markdown
from floor import VARIANTS, floor_counts, floor_params
from report import Result, Timing, machine, table
from tiendo.agencies.directory import province_code
from tiendo.agencies.models import Agency, AgencyKind
from tiendo.status.selectors import AsOf, Scope, status_by_plan, status_counts, status_summary

BULK_TABLES = [
    "plans_item",
    "plans_itemrevision",
    "plans_deadlinechange",
    "progress_progressupdate",
]
ALL_TABLES = [
    "agencies_agency",
    "plans_programme",
    "plans_plan",
    "plans_taskgroup",
    "plans_planrevision",
    *BULK_TABLES,
]
PROVINCE = 40  # Nghệ An, the province the project started in
Row = tuple[Any, ...]
P = ParamSpec("P")
T = TypeVar("T")


def load(url: str, scale_name: str, seed: int) -> tuple[Loaded, float]:
    """Generate and load the scale; returns the row counts and the seconds it took."""
    scale = SCALES[scale_name]
    rng = random.Random(seed)  # noqa: S311 (synthetic data wants repeatability, not secrecy)
    started = time.monotonic()
    loaded = Loaded()
    with psycopg.connect(url) as conn:
        conn.execute("SET maintenance_work_mem = '1GB'")
        aside = set_aside_indexes(conn, BULK_TABLES)
        provinces = load_agencies(conn, scale)
        plans = load_plans(conn, provinces, scale, rng)
        conn.commit()
        loaded.items, loaded.top_level_items, loaded.deadline_changes, loaded.updates = load_items(
            url, plans, scale, rng
        )
        step = time.monotonic()
        print(f"item revisions: {load_revisions(conn):,}", flush=True)
        conn.commit()
        print(f"rebuilding {len(aside.rebuilds)} indexes and keys…", flush=True)
        rebuild(conn, aside)
        reset_sequences(conn, ALL_TABLES)
        print(f"  {time.monotonic() - step:.0f} s; VACUUM ANALYZE…", flush=True)
        step = time.monotonic()
        conn.autocommit = True
        conn.execute("VACUUM (ANALYZE)")
        print(f"  {time.monotonic() - step:.0f} s", flush=True)
        loaded.agencies = (
            len(provinces) + 1 + sum(len(p.bodies) + len(p.communes) for p in provinces)
        )
        loaded.provinces = len(provinces)
        loaded.communes = sum(len(p.communes) for p in provinces)
        loaded.plans = len(plans)
        loaded.groups = sum(len(p.groups) for p in plans)
    return loaded, time.monotonic() - started


def count_rows(url: str) -> Loaded:
    """Row counts of an already loaded database (when a run reuses one)."""
    with psycopg.connect(url) as conn:

        def count(query: str) -> int:
            found = conn.execute(query.encode()).fetchone()
            return int(found[0]) if found else 0

        return Loaded(
            agencies=count("SELECT COUNT(*) FROM agencies_agency"),
            provinces=count("SELECT COUNT(*) FROM agencies_agency WHERE kind = 'province'"),
            communes=count("SELECT COUNT(*) FROM agencies_agency WHERE kind = 'commune'"),
            plans=count("SELECT COUNT(*) FROM plans_plan"),
            groups=count("SELECT COUNT(*) FROM plans_taskgroup"),
            items=count("SELECT COUNT(*) FROM plans_item"),
            top_level_items=count("SELECT COUNT(*) FROM plans_item WHERE parent_id IS NULL"),
            deadline_changes=count("SELECT COUNT(*) FROM plans_deadlinechange"),
            updates=count("SELECT COUNT(*) FROM progress_progressupdate"),
        )


@dataclass(frozen=True)
class Figure:
    """A figure the engine computes, and how to count it with the floor."""

    what: str
    scope: Scope
    keys: tuple[str, ...]
    compute: Callable[[Scope, AsOf], int]  # runs the engine, returns the items it counted
    variants: tuple[str, ...]


def _summary_total(scope: Scope, as_of: AsOf) -> int:
    return status_summary(scope, as_of).all.total


def _by_plan_total(scope: Scope, as_of: AsOf) -> int:
    return sum(summary.all.total for summary in status_by_plan(scope, as_of).values())


def figures() -> list[Figure]:
    province = Agency.objects.get(code=province_code(PROVINCE), kind=AgencyKind.PROVINCE)
    summary_keys = ("kind", "group_id")
    return [
        Figure("status_summary, whole country", Scope(), summary_keys, _summary_total, VARIANTS),
        Figure(
            f"status_summary, one province ({province.short_name})",
            Scope(agency=province),
            summary_keys,
            _summary_total,
            # Reading every update to keep a thirty-fourth of them is never the faster floor.
            ("lateral",),
        ),
        Figure(
            "status_by_plan, whole country",
            Scope(),
            ("plan_id", *summary_keys),
            _by_plan_total,
            VARIANTS,
        ),
    ]


def _timed(run: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> tuple[float, T]:
    started = time.perf_counter()
    value = run(*args, **kwargs)
    return time.perf_counter() - started, value


def check(figure: Figure, as_of: AsOf, floor_rows: Sequence[Row]) -> int:
    """Fail loudly unless the engine's counts are the floor's; returns the items counted."""
    engine_rows = [
        (*key, state, deadline_class, n)
        for key, state, deadline_class, n in status_counts(figure.scope, as_of, by=figure.keys)
    ]
    engine, floor = Counter(engine_rows), Counter(tuple(r) for r in floor_rows)
    if engine != floor:
        only_engine = sorted((engine - floor).items(), key=str)[:10]
        only_floor = sorted((floor - engine).items(), key=str)[:10]
        raise BenchError(
            f"{figure.what}: the engine and the floor disagree.\n"
            f"  only in the engine: {only_engine}\n  only in the floor: {only_floor}"
        )
    return sum(int(r[-1]) for r in floor_rows)


def measure(url: str, runs: int) -> list[Result]:
    """The engine from raw facts against its floors: the memo off (a settled K would be served
    from memory after the warm-up round; moving.py measures that path)."""
    as_of = AsOf.make(CUTOFF, KNOWN_AT, due_soon_days=3)
    with override_settings(TIENDO_FIGURE_MEMO=False), psycopg.connect(url, autocommit=True) as conn:
        return [measure_figure(conn, figure, as_of, runs) for figure in figures()]


def measure_figure(conn: Connection, figure: Figure, as_of: AsOf, runs: int) -> Result:
    """Check the engine against every floor variant, then time them all."""
    path = figure.scope.agency.path if figure.scope.agency else None
    params = floor_params(as_of.date, as_of.known_at, as_of.due_soon_days, path)
    items = 0
    for variant in figure.variants:
        rows = floor_counts(conn, figure.keys, variant=variant, params=params)
        items = check(figure, as_of, rows)
    # Engine and floor alternate, so drift (cache, autovacuum, neighbours) hits both alike.
    engine: list[float] = []
    engine_sql: list[float] = []  # status_counts alone: the statement and its fetch
    floors: dict[str, list[float]] = {variant: [] for variant in figure.variants}
    for attempt in range(runs + 1):  # the first round warms up and is not kept
        spent, counted = _timed(figure.compute, figure.scope, as_of)
        if counted != items:
            raise BenchError(f"{figure.what}: engine counted {counted} items, floor {items}")
        sql_spent, _ = _timed(status_counts, figure.scope, as_of, by=figure.keys)
        if attempt:
            engine.append(spent)
            engine_sql.append(sql_spent)
        for variant in figure.variants:
            spent, _ = _timed(floor_counts, conn, figure.keys, variant=variant, params=params)
            if attempt:
                floors[variant].append(spent)
    best = min(figure.variants, key=lambda variant: statistics.median(floors[variant]))
    result = Result(
        what=figure.what,
        items=items,
        engine=Timing(engine),
        engine_sql=Timing(engine_sql),
        floor=Timing(floors[best]),
        floor_variant=best,
    )
    each_floor = "".join(f", {v} {Timing(t).median_ms:,.0f} ms" for v, t in floors.items())
    print(
        f"{figure.what}: {items:,} items, engine {result.engine.median_ms:,.0f} ms"
        f" (SQL {result.engine_sql.median_ms:,.0f} ms){each_floor}, ratio {result.ratio:.2f}",
        flush=True,
    )
    return result


def server_facts(url: str) -> str:
    with psycopg.connect(url) as conn:
        values = []
        for setting in ("server_version", "shared_buffers", "work_mem", "jit"):
            found = conn.execute(f"SHOW {setting}".encode()).fetchone()
            values.append(str(found[0]) if found else "?")
    version, shared_buffers, work_mem, jit = values
    return f"PostgreSQL {version} (shared_buffers {shared_buffers}, work_mem {work_mem}, jit {jit})"


def section(
    scale_name: str,
    loaded: Loaded,
    load_seconds: float | None,
    results: list[Result],
    runs: int,
    seed: int,
    url: str,
    documents: Sequence[DocResult] = (),
) -> str:
    scale = SCALES[scale_name]
    today = dt.datetime.now(dt.UTC).date()
    command = "make bench" if scale_name == "default" else f"SCALE={scale_name} make bench"
    bodies = loaded.agencies - loaded.provinces - loaded.communes - 1
    loading = f"; generated and loaded in {load_seconds:,.0f} s" if load_seconds else ""
    data = (
        f"- Data: {loaded.agencies:,} agencies ({loaded.provinces} provinces,"
        f" {loaded.communes:,} communes, {bodies:,} provincial bodies), {loaded.plans:,} plans,"
        f" {loaded.groups:,} task groups, {loaded.items:,} items"
        f" ({loaded.top_level_items:,} top level), {loaded.deadline_changes:,} deadline changes,"
        f" {loaded.updates:,} progress updates{loading}."
    )
    machine_line = f"- Machine: {machine()}; {server_facts(url)}."
    wrap = textwrap.TextWrapper(width=100, subsequent_indent="  ", break_on_hyphens=False)
    doc_runs = len(documents[0].engine.runs) if documents else 0
    report = f"\n### Report documents\n\n{markdown(list(documents), doc_runs)}" if documents else ""
    return f"""## Scale `{scale_name}`: {scale.items:,} items, about {scale.updates:,} updates

Measured {today:%Y-%m-%d} with `{command}` (seed {seed}; {runs} runs after one warm-up).
Cut-off D = {CUTOFF:%Y-%m-%d}, known at K = {KNOWN_AT:%Y-%m-%d %H:%M %z}; due soon = within 3 days.

{wrap.fill(data)}
{wrap.fill(machine_line)}

{table(results)}

Engine: wall time of the Python call through Django (building the query, running it, summing
the rows up); "of which SQL" is `status_counts` alone, the same statement and its fetch. Floor:
one hand-written statement run by psycopg, the faster of the variants tried (named). Ratio:
engine median / floor median. The engine's counts were checked equal to every floor variant's.
{report}"""
