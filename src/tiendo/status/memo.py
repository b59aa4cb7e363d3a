"""Figures remembered once their facts have settled: a past (D, K) gives the same rows forever.

Every fact a figure reads carries the moment it was recorded (reports sent and reviewed,
extensions, target changes, item and plan revisions and their replacement, succession links), and
the engine ignores what was recorded after K. So the figures at (D, K) equal those at (D, K'),
where K' is the last moment at or before K at which any such fact was recorded (`last_fact_at`):
nothing the engine reads happened between K' and K. Once K' is older than the longest write can
take (TIENDO_FIGURE_SETTLE_SECONDS: a transaction still open could hold a fact stamped before
K'), the figures at (D, K') can never change, and the engine runs its statements with K' in
place of K and remembers their rows under the statement itself (its text and parameters, the
database and RULES_VERSION): the key names everything the rows depend on, so nothing has to be
invalidated by hand; a new fact moves K' and with it the key. K = now is the same case: while no
fact has been recorded for the settle time, "now" is K' and the page is served from memory.

Services record every fact at the moment they write it. Only the sample loader and data
migrations write moments in the past; they run before the app processes start (`make run`,
docs/deploy.md), and each process keeps its own memory, so none of them holds rows from before.

Only rows are kept (counts and item ids with their status); items, agencies and names are read
fresh, so a corrected title shows at once.

Counting rows also move (selectors._additive): the rows at K2 are the rows at K1, less what the
items with a fact between K1 and K2 gave at K1, plus what they give at K2 (`changed_between`
names them), as every count is a sum over items. Each counting statement keeps its latest
settled rows beside the exact ones (`line`), so when K' moves (a new fact settles, or K = now
while facts are still arriving) its rows come from the last ones and a few items, not from the
country's. A rule change (what a state or a deadline class means)
changes RULES_VERSION. The cache is Django's, alias "figures" (settings.CACHES).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import caches
from django.db import connection, models
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from tiendo.agencies.models import Agency, AgencySuccession
from tiendo.plans.models import DeadlineChange, ItemRevision, PlanRevision, TargetChange
from tiendo.progress.models import ProgressUpdate

# Bump when a rule that makes figures from facts changes: every remembered row is then unused.
RULES_VERSION = "2026-12-03"

# Every moment column the engine compares with K. A column missing here would make K' too early
# and a figure wrong (status/tests/test_memo.py compares the engine at K and at K').
FACT_TIMES: tuple[tuple[type[models.Model], str], ...] = (
    (ProgressUpdate, "recorded_at"),
    (ProgressUpdate, "reviewed_at"),
    (ItemRevision, "recorded_at"),
    (ItemRevision, "superseded_at"),
    (PlanRevision, "recorded_at"),
    (PlanRevision, "superseded_at"),
    (DeadlineChange, "recorded_at"),
    (TargetChange, "recorded_at"),
    (AgencySuccession, "recorded_at"),
    (AgencySuccession, "superseded_at"),
    # Not compared with K (the tree is not kept as history), but a move changes which items a
    # subtree's figures count: it must move K' too, or a figure as known now would stay old.
    (Agency, "path_changed_at"),
)

# What each fact is about: an item, a plan (all its items), or the agency tree (which items an
# agency's scope holds). Every table of FACT_TIMES is named here (checked below).
FACT_SUBJECTS: dict[type[models.Model], str | None] = {
    ProgressUpdate: "item_id",
    ItemRevision: "item_id",
    DeadlineChange: "item_id",
    TargetChange: "item_id",
    PlanRevision: "plan_id",
    AgencySuccession: None,
    Agency: None,
}
if {model for model, _ in FACT_TIMES} != set(FACT_SUBJECTS):  # pragma: no cover
    raise RuntimeError("every table of FACT_TIMES needs its subject in FACT_SUBJECTS")

Rows = list[tuple[Any, ...]]
T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What facts recorded in a span of moments are about."""

    item_ids: frozenset[int]
    plan_ids: frozenset[int]
    # A succession or a body's place in the tree: which items an agency's scope holds may differ.
    agencies: bool


def last_fact_at(known_at: dt.datetime) -> dt.datetime | None:
    """The last moment at or before K at which a fact the figures read was recorded (None: no
    fact at all). One statement; each part reads the end of an index."""
    q = connection.ops.quote_name
    parts = [
        f"SELECT MAX({q(column)}) AS m FROM {q(model._meta.db_table)} WHERE {q(column)} <= %s"  # noqa: S608
        for model, column in FACT_TIMES
    ]
    moment = connection.ops.adapt_datetimefield_value(known_at)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(m) FROM ({' UNION ALL '.join(parts)}) t",  # noqa: S608
            [moment] * len(parts),
        )
        row = cursor.fetchone()
    return _as_moment(row[0] if row else None)


def changed_between(first: dt.datetime, last: dt.datetime) -> Changes:
    """The items, plans and whether the agency tree had a fact recorded after first and by
    last (one statement; each part a range of an index)."""
    q = connection.ops.quote_name
    parts, params = [], []
    for model, column in FACT_TIMES:
        subject = FACT_SUBJECTS[model]
        tag = {"item_id": "i", "plan_id": "p", None: "a"}[subject]
        what = q(subject) if subject else "0"
        parts.append(
            f"SELECT DISTINCT '{tag}', {what} FROM {q(model._meta.db_table)}"  # noqa: S608
            f" WHERE {q(column)} > %s AND {q(column)} <= %s"
        )
        params += [connection.ops.adapt_datetimefield_value(m) for m in (first, last)]
    found: dict[str, set[int]] = {"i": set(), "p": set(), "a": set()}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for tag, subject in cursor.fetchall():
            found[tag].add(int(subject))
    return Changes(frozenset(found["i"]), frozenset(found["p"]), bool(found["a"]))


def base_known_at() -> dt.datetime | None:
    """The latest K' whose figures have settled (None: the memo is off or no fact has settled):
    the figures for a K still receiving facts are moved from it."""
    if not settings.TIENDO_FIGURE_MEMO:
        return None
    settle = dt.timedelta(seconds=settings.TIENDO_FIGURE_SETTLE_SECONDS)
    return last_fact_at(timezone.now() - settle)


def settled_known_at(known_at: dt.datetime) -> dt.datetime | None:
    """K' for this K when the figures at (D, K) can no longer change, else None (the memo is
    off, no fact yet, or the last fact is too recent: a write may still be committing)."""
    if not settings.TIENDO_FIGURE_MEMO:
        return None
    last = latest_fact(known_at)
    settle = dt.timedelta(seconds=settings.TIENDO_FIGURE_SETTLE_SECONDS)
    if last is None or last > timezone.now() - settle:
        return None
    return last


def latest_fact(known_at: dt.datetime) -> dt.datetime | None:
    """last_fact_at, read once for a K older than the settle time (nothing recorded by such a K
    can still arrive); a recent K is read each time, since a fact stamped before it may have
    been committed since."""
    settle = dt.timedelta(seconds=settings.TIENDO_FIGURE_SETTLE_SECONDS)
    if known_at > timezone.now() - settle:
        return last_fact_at(known_at)
    return _last_fact_at_once(known_at, str(connection.settings_dict["NAME"]))


@functools.lru_cache(maxsize=16)
def _last_fact_at_once(known_at: dt.datetime, database: str) -> dt.datetime | None:
    return last_fact_at(known_at)


def remembered(sql: str, params: Sequence[Any], run: Callable[[], T]) -> T:
    """What a statement built for a settled K' gives (its rows, or what they add up to): from
    memory, or worked out once and kept."""
    key = _key(sql, params)
    cache = caches["figures"]
    missing = object()
    value = cache.get(key, missing)
    if value is missing:
        value = run()
        cache.set(key, value, timeout=None)
    return cast(T, value)


def line(sql: str, params: Sequence[Any], known_at: dt.datetime) -> tuple[dt.datetime, Any] | None:
    """The latest settled K' this statement was worked out for (with K in its parameters, any
    K), and what it gave then."""
    found = caches["figures"].get(_line_key(sql, params, known_at))
    return cast(tuple[dt.datetime, Any], found) if found is not None else None


def extend_line(sql: str, params: Sequence[Any], known_at: dt.datetime, rows: Any) -> None:
    """Keep what the statement gave at a settled K' as its latest, unless a later one is."""
    key = _line_key(sql, params, known_at)
    cache = caches["figures"]
    found = cache.get(key)
    if found is None or found[0] < known_at:
        cache.set(key, (known_at, rows), timeout=None)


def _line_key(sql: str, params: Sequence[Any], known_at: dt.datetime) -> str:
    moment = connection.ops.adapt_datetimefield_value(known_at)
    return "line:" + _key(sql, ["K" if p == moment else p for p in params])


def _key(sql: str, params: Sequence[Any]) -> str:
    source = "\x1f".join(
        [RULES_VERSION, connection.vendor, str(connection.settings_dict["NAME"]), sql, repr(params)]
    )
    return "figures:" + hashlib.sha256(source.encode()).hexdigest()


def _as_moment(value: Any) -> dt.datetime | None:
    """MAX over a UNION comes back as a datetime on PostgreSQL and as text on SQLite (UTC)."""
    if value is None or isinstance(value, dt.datetime):
        return value
    moment = parse_datetime(str(value))
    if moment is None:
        raise ValueError(f"not a moment: {value!r}")
    return timezone.make_aware(moment, dt.UTC) if timezone.is_naive(moment) else moment
