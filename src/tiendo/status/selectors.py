"""The as-of status engine: where every item stood on cut-off date D, as known at time K.

Pure reads. Each item's state comes from its latest update valid on or before D and recorded on or
before K; its deadline is the one in force on D as known at K. The ORM builds the per-item snapshot
(portable SQL with correlated subqueries), and one outer SELECT classifies and counts it, so each
subquery runs once per item and every figure is one SQL statement on SQLite and PostgreSQL alike.
Rows recorded after K are invisible, so the same (D, K) gives the same figures forever.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Generic, TypeVar, cast

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models import (
    Case,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Lead
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.agencies.selectors import (
    lead_agency_scope_q,
    primary_successor_map,
    primary_successor_maps,
)
from tiendo.plans.models import (
    DeadlineChange,
    Item,
    ItemRevision,
    Plan,
    PlanRevision,
    TargetChange,
    TaskGroup,
)
from tiendo.progress.models import Decision, Lifecycle, ProgressUpdate
from tiendo.status.memo import (
    Rows,
    base_known_at,
    changed_between,
    extend_line,
    remembered,
    settled_known_at,
)
from tiendo.status.memo import line as memo_line

T = TypeVar("T")
logger = logging.getLogger(__name__)


class DeadlineClass(models.TextChoices):
    DONE_ON_TIME = "done_on_time", "Hoàn thành đúng hạn"
    DONE_LATE = "done_late", "Hoàn thành quá hạn"
    # Unfinished items, started or not, as published counts name them ("181 quá hạn; 67 còn
    # trong hạn"): domain.md §3's "đang thực hiện trong hạn / quá hạn".
    IN_TIME = "in_time", "Còn trong hạn"
    DUE_SOON = "due_soon", "Sắp đến hạn"
    OVERDUE = "overdue", "Quá hạn"
    NO_DEADLINE = "no_deadline", "Thường xuyên (không thời hạn)"


UNFINISHED_CLASSES = (DeadlineClass.IN_TIME, DeadlineClass.DUE_SOON, DeadlineClass.OVERDUE)
# Plain lists, read once: Choices.values builds a new list on every access.
STATES: list[str] = list(Lifecycle.values)
CLASSES: list[str] = list(DeadlineClass.values)


@dataclass(frozen=True)
class AsOf:
    """A cut-off date D and the moment K up to which recorded facts are believed."""

    date: dt.date
    known_at: dt.datetime
    due_soon_days: int

    @classmethod
    def make(
        cls,
        date: dt.date,
        known_at: dt.datetime | None = None,
        due_soon_days: int | None = None,
    ) -> AsOf:
        days = settings.TIENDO_DUE_SOON_DAYS if due_soon_days is None else due_soon_days
        if days < 0:
            raise ValueError("Số ngày 'sắp đến hạn' không được âm.")
        return cls(date=date, known_at=known_at or timezone.now(), due_soon_days=days)

    def __post_init__(self) -> None:
        # The ORM would read a naive K in Asia/Ho_Chi_Minh and the raw SQL as UTC, seven hours
        # apart: one reading everywhere, so a naive K is refused at the engine's door.
        if timezone.is_naive(self.known_at):
            raise ValueError("known_at must be timezone-aware (a moment, not a wall-clock time)")


@dataclass(frozen=True)
class Scope:
    """Which items a figure covers. Child items (deployment sites) roll up into their parent."""

    plan: Plan | None = None
    plans: Sequence[Plan] | None = None
    group: TaskGroup | None = None
    agency: Agency | None = None
    kind: str | None = None
    item_ids: Sequence[int] | None = None
    top_level_only: bool = True


@dataclass
class Counts:
    """Counts of items by lifecycle state and by deadline class."""

    total: int = 0
    by_state: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    by_class: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLASSES, 0))

    def add(self, state: str, deadline_class: str, n: int) -> None:
        self.total += n
        self.by_state[state] += n
        self.by_class[deadline_class] += n

    @property
    def done(self) -> int:
        return self.by_state[Lifecycle.DONE]

    @property
    def not_started(self) -> int:
        return self.by_state[Lifecycle.NOT_STARTED]

    @property
    def in_progress(self) -> int:
        """Started and not done: being worked on, awaiting confirmation or returned for redo."""
        return (
            self.by_state[Lifecycle.IN_PROGRESS]
            + self.by_state[Lifecycle.AWAITING]
            + self.by_state[Lifecycle.RETURNED]
        )

    @property
    def paused(self) -> int:
        return self.by_state[Lifecycle.PAUSED]

    @property
    def overdue(self) -> int:
        return self.by_class[DeadlineClass.OVERDUE]

    @property
    def unfinished(self) -> int:
        """Items with a deadline that are not done: 'chưa hoàn thành theo mục tiêu'."""
        return sum(self.by_class[name] for name in UNFINISHED_CLASSES)

    @property
    def done_percent(self) -> float:
        return 100.0 * self.done / self.total if self.total else 0.0


@dataclass
class Summary:
    """Figures for a scope as of a cut-off: overall and per kind, with groups behind schedule."""

    as_of: AsOf
    all: Counts
    by_kind: dict[str, Counts]
    by_group: dict[int, Counts]

    def kind(self, kind: str) -> Counts:
        return self.by_kind.get(kind) or Counts()

    @property
    def groups_total(self) -> int:
        return len(self.by_group)

    @property
    def groups_with_unfinished(self) -> int:
        return sum(1 for counts in self.by_group.values() if counts.unfinished)


@dataclass(frozen=True)
class ItemStatus:
    """One item as it stood at the cut-off."""

    item: Item
    state: str
    deadline_class: str
    deadline_now: dt.date | None
    done_on: dt.date | None
    percent: int | None
    responsible_agency_id: int
    # The quantified target in force at (D, K): the latest change decided by D and recorded by
    # K, else the item's original target (lists and exports show it beside the original).
    target_now: Decimal | None = None
    # The item as known at K: its revision in force then (the item's own columns say what is
    # known now; a later correction shows there, never in a figure or a list already given).
    known: ItemRevision | None = None

    @property
    def deadline_then(self) -> dt.date | None:
        """The original deadline as known at K."""
        return self.known.deadline if self.known else self.item.deadline

    @property
    def lead_agency_then_id(self) -> int:
        return self.known.lead_agency_id if self.known else self.item.lead_agency_id

    @property
    def lead_agency_then(self) -> Agency:
        """The lead agency as known at K (as the plan named it, before any succession)."""
        return self.known.lead_agency if self.known else self.item.lead_agency

    @property
    def coordinating_then(self) -> list[int]:
        """The coordinating agencies' ids as known at K, in the order they were stored."""
        return list(self.known.coordinating) if self.known else []

    @property
    def target_then(self) -> Decimal | None:
        """The original target as known at K."""
        return self.known.target if self.known else self.item.target

    @property
    def state_label(self) -> str:
        return str(Lifecycle(self.state).label)

    @property
    def class_label(self) -> str:
        return str(DeadlineClass(self.deadline_class).label)

    @property
    def extended(self) -> bool:
        return self.deadline_now is not None and self.deadline_now != self.deadline_then

    @property
    def target_changed(self) -> bool:
        return self.target_now != self.target_then


# What a figure may be grouped by, and the column of the snapshot holding it as known at K.
GROUP_COLUMNS = {
    "plan_id": "plan_id",
    "group_id": "k_group_id",
    "lead_agency_id": "k_lead_agency_id",
    "kind": "k_kind",
}
GROUP_KEYS = tuple(GROUP_COLUMNS)


def in_force_at(known_at: dt.datetime, prefix: str = "revisions__") -> Q:
    """The revision believed at K: recorded by K and not superseded by K."""
    return Q(**{f"{prefix}recorded_at__lte": known_at}) & (
        Q(**{f"{prefix}superseded_at__isnull": True})
        | Q(**{f"{prefix}superseded_at__gt": known_at})
    )


def plans_issued(as_of: AsOf) -> QuerySet[PlanRevision, Any]:
    """For use with __in: the plans issued by D as known at K (their revision in force at K; a
    plan recorded after K has none)."""
    return PlanRevision.objects.filter(
        Q(superseded_at__isnull=True) | Q(superseded_at__gt=as_of.known_at),
        recorded_at__lte=as_of.known_at,
        issued_on__lte=as_of.date,
    ).values("plan_id")


def scoped_items(scope: Scope, as_of: AsOf) -> QuerySet[Item]:
    """Items that existed at (D, K) inside the scope, in plans issued by D and recorded by K; no
    status yet.

    Every attribute a figure reads comes from the item's revision in force at K (`rev`, one
    join), annotated as k_kind, k_group_id, k_lead_agency_id, k_deadline, k_recurring,
    k_target, k_unit and k_product: an item corrected after K counts as it was known at K, and
    an item withdrawn by D (as known at K) does not count.
    """
    dated = Q(plan_id__in=plans_issued(as_of)) & (
        Q(rev__withdrawn_on__isnull=True) | Q(rev__withdrawn_on__gt=as_of.date)
    )
    return _items_known_at(scope, as_of, dated)


def _items_known_at(scope: Scope, as_of: AsOf, extra: Q | None = None) -> QuerySet[Item]:
    """Items with a revision in force at K inside the scope (the lead agency's scope taken on
    D), whatever their plan's issue date and withdrawal: scoped_items adds those for one D,
    status_series for many."""
    # One filter() call: each call naming the revisions (a reverse relation) would join them
    # once more.
    conditions = Q(rev__id__isnull=False)
    if extra is not None:
        conditions &= extra
    if scope.plan is not None:
        conditions &= Q(plan=scope.plan)
    if scope.plans is not None:
        conditions &= Q(plan__in=list(scope.plans))
    if scope.group is not None:
        conditions &= Q(rev__group=scope.group)
    if scope.kind is not None:
        conditions &= Q(rev__kind=scope.kind)
    if scope.item_ids is not None:
        conditions &= Q(pk__in=list(scope.item_ids))
    if scope.top_level_only:
        conditions &= Q(rev__parent__isnull=True)
    if scope.agency is not None:
        conditions &= lead_agency_scope_q(
            scope.agency, as_of.date, "rev__lead_agency", answering=True, known_at=as_of.known_at
        )
    items = (
        Item.objects.annotate(
            rev=FilteredRelation("revisions", condition=in_force_at(as_of.known_at))
        )
        .filter(conditions)
        .annotate(
            k_kind=F("rev__kind"),
            k_group_id=F("rev__group_id"),
            k_lead_agency_id=F("rev__lead_agency_id"),
            k_deadline=F("rev__deadline"),
            k_recurring=F("rev__is_recurring"),
            k_target=F("rev__target"),
            k_unit=F("rev__unit"),
            k_product=F("rev__product_type"),
            k_withdrawn_on=F("rev__withdrawn_on"),
        )
    )
    return items


def latest_updates(as_of: AsOf) -> QuerySet[ProgressUpdate]:
    """The lead agency's sent reports valid by D and sent by K, latest first (for OuterRef pk)."""
    return ProgressUpdate.objects.filter(
        item=OuterRef("pk"),
        valid_on__lte=as_of.date,
        recorded_at__lte=as_of.known_at,
        is_contribution=False,
    ).order_by("-valid_on", "-recorded_at", "-id")


def effective_state(as_of: AsOf) -> Case:
    """The state a sent report stands for at K: "done" counts only once confirmed by K, and a
    report returned by K counts as returned (not done), whatever it claimed."""
    reviewed = Q(reviewed_at__lte=as_of.known_at)
    return Case(
        When(reviewed & Q(decision=Decision.RETURNED), then=Value(Lifecycle.RETURNED.value)),
        When(
            reviewed & Q(decision=Decision.CONFIRMED, state=Lifecycle.DONE),
            then=Value(Lifecycle.DONE.value),
        ),
        When(state=Lifecycle.DONE, then=Value(Lifecycle.AWAITING.value)),
        default=F("state"),
        output_field=models.CharField(),
    )


def snapshot(items: QuerySet[Item], as_of: AsOf) -> QuerySet[Item]:
    """Annotate items with state and done_on as of (D, K).

    Ordered by pk on purpose: PostgreSQL never flattens a subquery that has an ORDER BY into the
    outer query, so each correlated subquery runs once per item even though the outer CASE
    refers to its result several times (without it, 7 runs instead of 2). It also drops
    Item.Meta.ordering's join and sort over every item.
    """
    latest = latest_updates(as_of)
    return items.annotate(
        state=Coalesce(
            Subquery(latest.annotate(effective=effective_state(as_of)).values("effective")[:1]),
            Value(Lifecycle.NOT_STARTED.value),
        ),
        done_on=Subquery(
            latest.annotate(day=Coalesce("completed_on", "valid_on")).values("day")[:1],
            output_field=models.DateField(),
        ),
    ).order_by("pk")


def _date_param(day: dt.date) -> Any:
    return connection.ops.adapt_datefield_value(day)


def _classified_sql(
    items: QuerySet[Item], as_of: AsOf, columns: Iterable[str]
) -> tuple[str, list[Any]]:
    """SQL selecting columns plus state, deadline_now and deadline_class for every item.

    The deadline in force is joined from the latest extension decided by D and recorded by K
    (few items have one, so one pass over the extensions beats a lookup per item).
    """
    names = list(dict.fromkeys([*columns, "id", "k_recurring", "k_deadline"]))
    inner = snapshot(items, as_of).values(*names, "state", "done_on")
    inner_sql, inner_params = inner.query.sql_with_params()
    due_soon_limit = as_of.date + dt.timedelta(days=as_of.due_soon_days)
    done = Lifecycle.DONE.value
    q = connection.ops.quote_name
    extensions = (
        f"SELECT {q('item_id')}, {q('new_deadline')}, ROW_NUMBER() OVER ("
        f"PARTITION BY {q('item_id')} ORDER BY {q('decided_on')} DESC, {q('recorded_at')} DESC,"
        f" {q('id')} DESC) AS rn FROM {q(DeadlineChange._meta.db_table)}"
        f" WHERE {q('decided_on')} <= %s AND {q('recorded_at')} <= %s"
    )
    sql = (
        "SELECT m.*, CASE"
        f" WHEN m.k_recurring THEN '{DeadlineClass.NO_DEADLINE.value}'"
        f" WHEN m.state = '{done}' AND m.done_on <= m.deadline_now"
        f" THEN '{DeadlineClass.DONE_ON_TIME.value}'"
        f" WHEN m.state = '{done}' THEN '{DeadlineClass.DONE_LATE.value}'"
        f" WHEN m.deadline_now < %s THEN '{DeadlineClass.OVERDUE.value}'"
        f" WHEN m.deadline_now <= %s THEN '{DeadlineClass.DUE_SOON.value}'"
        f" ELSE '{DeadlineClass.IN_TIME.value}' END AS deadline_class"
        " FROM (SELECT s.*, COALESCE(x.new_deadline, s.k_deadline) AS deadline_now"
        f" FROM ({inner_sql}) s LEFT JOIN ({extensions}) x ON x.item_id = s.id AND x.rn = 1) m"
    )
    # Params in the order their placeholders appear in the text.
    return sql, [
        _date_param(as_of.date),
        _date_param(due_soon_limit),
        *inner_params,
        _date_param(as_of.date),
        connection.ops.adapt_datetimefield_value(as_of.known_at),
    ]


def _settled(as_of: AsOf) -> tuple[AsOf, bool]:
    """as_of with K' for K when its figures have settled (status/memo.py): the same figures,
    from a statement whose rows can be remembered."""
    settled = settled_known_at(as_of.known_at)
    if settled is None:
        return as_of, False
    return replace(as_of, known_at=settled), True


def _rows(sql: str, params: Sequence[Any], settled: bool) -> Rows:
    return _remember(sql, params, settled, lambda: _fetch(sql, params))


def _fetch(sql: str, params: Sequence[Any]) -> Rows:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def _remember(sql: str, params: Sequence[Any], settled: bool, compute: Callable[[], T]) -> T:
    return remembered(sql, params, compute) if settled else compute()


V = TypeVar("V")
Built = tuple[str, list[Any]]


@dataclass(frozen=True)
class _Movable(Generic[V]):
    """A statement whose result can move from one K to another without reading every item.

    `build` gives its SQL for a scope at (D, K); `read` makes the result from its rows; `move`
    gives the result at K2 from the result at K1, the items with a fact between the two, and a
    way to run the statement on those items alone at a moment (None: it cannot, run it whole).
    """

    build: Callable[[Scope, AsOf], Built]
    read: Callable[[Rows], V]
    move: Callable[[V, set[int], Callable[[dt.datetime], Rows], dt.datetime, dt.datetime], V | None]


# Beyond so many items with a fact between two moments, the statement is run whole.
MOVE_LIMIT = 5000


def _worked_out(statement: _Movable[V], scope: Scope, as_of: AsOf, settled: bool) -> V:
    """The statement's result at as_of (already at K' when settled, see _settled).

    Settled: remembered, or moved from the statement's latest settled result. Not settled
    (facts still arriving by K): moved from its result at the latest settled K'
    (memo.base_known_at), so a page asked while agencies report reads the few items that
    changed, not the country."""
    if settled:
        return _settled_result(statement, scope, as_of)
    base_at = base_known_at()
    if base_at is not None and base_at < as_of.known_at:
        base = _settled_result(statement, scope, replace(as_of, known_at=base_at))
        moved = _moved(statement, scope, as_of, base_at, base)
        if moved is not None:
            return moved
    return statement.read(_fetch(*statement.build(scope, as_of)))


def _settled_result(statement: _Movable[V], scope: Scope, as_of: AsOf) -> V:
    sql, params = statement.build(scope, as_of)

    def compute() -> V:
        latest = memo_line(sql, params, as_of.known_at)
        value = None
        if latest is not None:
            value = _moved(statement, scope, as_of, latest[0], cast(V, latest[1]))
        if value is None:
            value = statement.read(_fetch(sql, params))
        extend_line(sql, params, as_of.known_at, value)
        return value

    return remembered(sql, params, compute)


def _moved(
    statement: _Movable[V], scope: Scope, as_of: AsOf, since: dt.datetime, value: V
) -> V | None:
    """The result at as_of from the result at K = since, through the items with a fact
    recorded between the two. None when that is not the cheaper way: too many such items, or
    the agency tree changed under an agency's scope."""
    if since == as_of.known_at:
        return value
    first, last = sorted((since, as_of.known_at))
    changes = changed_between(first, last)
    if changes.agencies and scope.agency is not None:
        return None
    ids = set(changes.item_ids)
    if changes.plan_ids:
        ids.update(Item.objects.filter(plan_id__in=changes.plan_ids).values_list("pk", flat=True))
    if scope.item_ids is not None:
        ids &= set(scope.item_ids)
    if not ids:
        return value
    if len(ids) > MOVE_LIMIT:
        return None
    narrowed = replace(scope, item_ids=sorted(ids))

    def on_changed(moment: dt.datetime) -> Rows:
        try:
            return _fetch(*statement.build(narrowed, replace(as_of, known_at=moment)))
        except EmptyResultSet:
            return []

    return statement.move(value, ids, on_changed, since, as_of.known_at)


def _counted(build: Callable[[Scope, AsOf], Built]) -> _Movable[Rows]:
    """A counting statement: its rows end with a count of items, and a scope's rows are the
    sums of its items'. Moved: less what the changed items gave at K1, plus what they give at
    K2."""

    def move(
        rows: Rows,
        ids: set[int],
        on_changed: Callable[[dt.datetime], Rows],
        since: dt.datetime,
        until: dt.datetime,
    ) -> Rows | None:
        totals: Counter[tuple[Any, ...]] = Counter()
        for row in rows:
            totals[row[:-1]] += int(row[-1])
        for moment, sign in ((since, -1), (until, 1)):
            for row in on_changed(moment):
                totals[row[:-1]] += sign * int(row[-1])
        if any(n < 0 for n in totals.values()):
            # Rows that are not sums over items: never expected; the statement itself is right.
            logger.warning("figures could not be moved from %s to %s", since, until)
            return None
        return [(*key, n) for key, n in totals.items() if n]

    return _Movable(build, list, move)


def _additive(
    build: Callable[[Scope, AsOf], Built], scope: Scope, as_of: AsOf, settled: bool
) -> Rows:
    return _worked_out(_counted(build), scope, as_of, settled)


CountRows = list[tuple[tuple[Any, ...], str, str, int]]


def _count_sql(scope: Scope, as_of: AsOf, keys: Sequence[str]) -> tuple[str, list[Any]]:
    classified, params = _classified_sql(scoped_items(scope, as_of), as_of, keys or ["id"])
    key_sql = "".join(f"c.{key}, " for key in keys)
    sql = (
        f"SELECT {key_sql}c.state, c.deadline_class, COUNT(*) FROM ({classified}) c"
        f" GROUP BY {key_sql}c.state, c.deadline_class"
    )
    return sql, params


def _count_columns(by: Sequence[str]) -> list[str]:
    unknown = set(by) - set(GROUP_KEYS)
    if unknown:
        raise ValueError(f"cannot group by {sorted(unknown)}")
    return [GROUP_COLUMNS[key] for key in by]


def _count_rows(scope: Scope, as_of: AsOf, keys: Sequence[str], settled: bool) -> CountRows:
    """(key values, state, deadline class, count) at as_of (at K' when settled)."""
    build: Callable[[Scope, AsOf], Built] = functools.partial(_count_sql, keys=keys)
    try:
        rows = _additive(build, scope, as_of, settled)
    except EmptyResultSet:  # e.g. an empty list of plans: nothing to count
        return []
    n = len(keys)
    return [(tuple(row[:n]), row[n], row[n + 1], int(row[n + 2])) for row in rows]


def status_counts(scope: Scope, as_of: AsOf, by: Sequence[str] = ()) -> CountRows:
    """(key values, state, deadline class, count) rows, grouped in SQL by the given keys."""
    keys = _count_columns(by)
    as_of, settled = _settled(as_of)
    return _count_rows(scope, as_of, keys, settled)


def status_summary(scope: Scope, as_of: AsOf) -> Summary:
    """Totals for the scope, per kind, and how many task groups still have unfinished items."""
    rows = status_counts(scope, as_of, by=("kind", "group_id"))
    return _summarise(as_of, [(key, s, c, n) for key, s, c, n in rows])


def status_by_plan(scope: Scope, as_of: AsOf) -> dict[int, Summary]:
    """A Summary per plan with its per-group counts, from one SQL statement."""
    return status_overall_and_by_plan(scope, as_of)[1]


def status_overall_and_by_plan(scope: Scope, as_of: AsOf) -> tuple[Summary, dict[int, Summary]]:
    """The scope's Summary (as status_summary gives it) and a Summary per plan, from one SQL
    statement: a page showing both makes one pass over the items, not two. Settled, the
    summaries themselves are remembered (the country's rows take longer to add up than to read)."""
    keys = _count_columns(("plan_id", "kind", "group_id"))
    counted, settled = _settled(as_of)

    def summarise() -> tuple[Summary, dict[int, Summary]]:
        per_plan: dict[int, CountRows] = defaultdict(list)
        for (plan_id, kind, group_id), state, deadline_class, n in _count_rows(
            scope, counted, keys, settled
        ):
            per_plan[plan_id].append(((kind, group_id), state, deadline_class, n))
        overall = _summarise(as_of, [row for rows in per_plan.values() for row in rows])
        return overall, {plan_id: _summarise(as_of, rows) for plan_id, rows in per_plan.items()}

    if not settled:
        return summarise()
    try:
        sql, params = _count_sql(scope, counted, keys)
    except EmptyResultSet:
        return _summarise(as_of, []), {}
    overall, per_plan = remembered(f"{sql} -- summaries by plan", params, summarise)
    # A remembered copy was made for another request's K (the same figures): this page's own.
    for summary in (overall, *per_plan.values()):
        summary.as_of = as_of
    return overall, per_plan


def _summarise(as_of: AsOf, rows: list[tuple[tuple[Any, ...], str, str, int]]) -> Summary:
    summary = Summary(as_of=as_of, all=Counts(), by_kind={}, by_group={})
    for (kind, group_id), state, deadline_class, n in rows:
        summary.all.add(state, deadline_class, n)
        _counts_for(summary.by_kind, kind).add(state, deadline_class, n)
        if group_id is not None:
            _counts_for(summary.by_group, group_id).add(state, deadline_class, n)
    return summary


def _counts_for(table: dict[Any, Counts], key: Any) -> Counts:
    counts = table.get(key)
    if counts is None:
        counts = table[key] = Counts()
    return counts


def status_by(scope: Scope, as_of: AsOf, key: str) -> dict[Any, Counts]:
    """Counts per plan, group, lead agency or kind (one SQL statement).

    Per agency, an abolished body's items count for the body that succeeded it by the cut-off.
    """
    successors = (
        primary_successor_map(as_of.date, known_at=as_of.known_at)
        if key == "lead_agency_id"
        else {}
    )
    result: dict[Any, Counts] = defaultdict(Counts)
    for (value,), state, deadline_class, n in status_counts(scope, as_of, by=(key,)):
        result[successors.get(value, value)].add(state, deadline_class, n)
    return dict(result)


@dataclass(frozen=True)
class SeriesPoint:
    """Items done and items counted on one cut-off day, as known at one K."""

    day: dt.date
    done: int
    total: int


def status_series(scope: Scope, as_of: AsOf, days: Sequence[dt.date]) -> list[SeriesPoint]:
    """Done and total at each of the days (on or before D), all as known at as_of's K, from one
    statement: equal, day by day, to status_summary(scope, AsOf(day, K)).

    Each sent report stands from its valid day until the next report's (a window over the
    item's reports, ordered as latest_updates orders them); an item counts from its plan's issue
    date until its withdrawal, as known at K. A done report's interval, clipped to the item's,
    adds one from its first day and removes one from its end, so the statement returns only how
    many intervals start and end on each date (a few thousand rows at any scale) and the days
    are sums over them. With an agency scope, days whose successions differ get a statement each
    (which items the agency answers for moves with them).
    """
    days = sorted(set(days))
    if not days:
        return []
    if max(days) > as_of.date:
        raise ValueError("status_series reads days up to as_of.date only")
    as_of, settled = _settled(as_of)
    batches: dict[tuple[tuple[int, int], ...], list[dt.date]] = defaultdict(list)
    maps = primary_successor_maps(days, known_at=as_of.known_at) if scope.agency is not None else {}
    for day in days:
        batches[tuple(sorted(maps.get(day, {}).items()))].append(day)
    points: dict[dt.date, SeriesPoint] = {}
    for batch in batches.values():
        points.update(_series_batch(scope, AsOf(max(batch), as_of.known_at, 0), batch, settled))
    return [points[day] for day in days]


def _series_batch(
    scope: Scope, as_of: AsOf, days: list[dt.date], settled: bool
) -> dict[dt.date, SeriesPoint]:
    try:
        rows = _additive(_series_sql, scope, as_of, settled)
    except EmptyResultSet:
        return {day: SeriesPoint(day, 0, 0) for day in days}
    edges: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    for edge, day, n in rows:
        edges[edge].append((_as_date(day) or dt.date.min, int(n)))

    def open_on(kind: str, day: dt.date) -> int:
        started = sum(n for first, n in edges[f"{kind}s"] if first <= day)
        return started - sum(n for end, n in edges[f"{kind}e"] if end <= day)

    return {day: SeriesPoint(day, open_on("d", day), open_on("t", day)) for day in days}


def _series_sql(scope: Scope, as_of: AsOf) -> tuple[str, list[Any]]:
    """How many items start and stop counting (ts, te) and how many done intervals start and
    end (ds, de) on each date, up to as_of.date, as known at K."""
    known_at = as_of.known_at
    columns = ("id", "plan_id", "k_withdrawn_on")
    items_sql, items_params = (
        _items_known_at(scope, as_of).values(*columns).order_by().query.sql_with_params()
    )
    plans_sql, plans_params = (
        PlanRevision.objects.filter(in_force_at(known_at, ""))
        .values("plan_id", "issued_on")
        .order_by()
        .query.sql_with_params()
    )
    order = [F("valid_on").asc(), F("recorded_at").asc(), F("id").asc()]
    updates_sql, updates_params = (
        ProgressUpdate.objects.filter(
            item_id__in=RawSQL("SELECT id FROM i", ()),
            valid_on__lte=as_of.date,
            recorded_at__lte=known_at,
            is_contribution=False,
        )
        .annotate(
            effective=effective_state(as_of),
            next_on=Window(Lead("valid_on"), partition_by=[F("item_id")], order_by=order),
        )
        .values("item_id", "valid_on", "effective", "next_on")
        .order_by()
        .query.sql_with_params()
    )
    done = Lifecycle.DONE.value
    sql = (
        f"WITH i AS ({items_sql}), p AS ({plans_sql}), u AS ({updates_sql}),"
        " t AS (SELECT p.issued_on AS s, i.k_withdrawn_on AS e"
        " FROM i JOIN p ON p.plan_id = i.plan_id),"
        " d AS (SELECT CASE WHEN u.valid_on >= p.issued_on THEN u.valid_on ELSE p.issued_on END"
        " AS s, CASE WHEN u.next_on IS NULL THEN i.k_withdrawn_on"
        " WHEN i.k_withdrawn_on IS NULL OR u.next_on < i.k_withdrawn_on THEN u.next_on"
        " ELSE i.k_withdrawn_on END AS e"
        " FROM u JOIN i ON i.id = u.item_id JOIN p ON p.plan_id = i.plan_id"
        f" WHERE u.effective = '{done}')"
        " SELECT 'ts', s, COUNT(*) FROM t WHERE e IS NULL OR s < e GROUP BY s"
        " UNION ALL SELECT 'te', e, COUNT(*) FROM t WHERE s < e GROUP BY e"
        " UNION ALL SELECT 'ds', s, COUNT(*) FROM d WHERE e IS NULL OR s < e GROUP BY s"
        " UNION ALL SELECT 'de', e, COUNT(*) FROM d WHERE s < e GROUP BY e"
    )
    return sql, [*items_params, *plans_params, *updates_params]


def done_item_ids(scope: Scope, as_of: AsOf) -> list[int]:
    """Ids of the items in scope that count as done at (D, K)."""
    try:
        classified, params = _classified_sql(scoped_items(scope, as_of), as_of, ["id"])
    except EmptyResultSet:
        return []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT c.id FROM ({classified}) c WHERE c.state = %s", [*params, "done"])
        return [row[0] for row in cursor.fetchall()]


# What needs attention first: overdue (the longest overdue first), due soon, still in time (the
# soonest deadline first), recurring, then done. Recurring items have no deadline; ranking NULLs
# explicitly keeps SQLite (NULLs first) and PostgreSQL (NULLs last) in the same order.
URGENCY_ORDER = (
    f"CASE WHEN c.state = '{Lifecycle.DONE.value}' THEN 4"
    f" WHEN c.deadline_class = '{DeadlineClass.OVERDUE.value}' THEN 0"
    f" WHEN c.deadline_class = '{DeadlineClass.DUE_SOON.value}' THEN 1"
    f" WHEN c.deadline_class = '{DeadlineClass.IN_TIME.value}' THEN 2 ELSE 3 END,"
    " CASE WHEN c.deadline_now IS NULL THEN 1 ELSE 0 END, c.deadline_now, c.id"
)


def _deadline_window(
    as_of: AsOf, deadline_classes: Sequence[str], deadline_until: dt.date | None
) -> Q | None:
    """A condition on the original deadline (as known at K) that every item of the asked
    unfinished classes meets, so the statement works out the status of those items only (the
    IOC's "upcoming" reads the next 14 days' deadlines, not the country). An item with an
    extension decided by D and recorded by K is always kept: its deadline in force is another.
    None when nothing narrows (a done or recurring class asked, overdue asked, or no class)."""
    asked = set(deadline_classes)
    if not asked and deadline_until is None:
        return None
    if asked - set(UNFINISHED_CLASSES):
        return None
    lowest = None if DeadlineClass.OVERDUE in asked or not asked else as_of.date
    if lowest is None:
        # Overdue reaches back to the first deadline: most items, no narrowing worth its cost.
        return None
    highest = deadline_until
    if asked and DeadlineClass.IN_TIME not in asked:
        due_soon_end = as_of.date + dt.timedelta(days=as_of.due_soon_days)
        last = due_soon_end if DeadlineClass.DUE_SOON in asked else as_of.date - dt.timedelta(1)
        highest = last if highest is None else min(highest, last)
    window = Q(k_recurring=False, k_deadline__isnull=False)
    if lowest is not None:
        window &= Q(k_deadline__gte=lowest)
    if highest is not None:
        window &= Q(k_deadline__lte=highest)
    extended = DeadlineChange.objects.filter(
        item=OuterRef("pk"), decided_on__lte=as_of.date, recorded_at__lte=as_of.known_at
    )
    return window | Q(Exists(extended))


def _status_rows_sql(
    scope: Scope,
    as_of: AsOf,
    states: Sequence[str],
    deadline_classes: Sequence[str],
    unfinished_only: bool,
    deadline_until: dt.date | None = None,
    by_deadline: bool = False,
    by_urgency: bool = False,
) -> tuple[str, list[Any]]:
    """The statement listing (id, state, class, deadline now, done on, percent, target now) per
    item."""
    if by_deadline and by_urgency:
        raise ValueError("choose one order: by_deadline or by_urgency")
    target_change = TargetChange.objects.filter(
        item=OuterRef("pk"), decided_on__lte=as_of.date, recorded_at__lte=as_of.known_at
    ).order_by("-decided_on", "-recorded_at", "-id")
    items = scoped_items(scope, as_of)
    window = _deadline_window(as_of, deadline_classes, deadline_until)
    if window is not None:
        items = items.filter(window)
    items = items.annotate(
        percent_now=Subquery(latest_updates(as_of).values("percent")[:1]),
        target_now=Coalesce(Subquery(target_change.values("new_target")[:1]), F("k_target")),
    )
    classified, params = _classified_sql(
        items,
        as_of,
        ["id", "percent_now", "target_now", "k_lead_agency_id"],
    )
    conditions: list[str] = []
    if states:
        conditions.append(f"c.state IN ({', '.join(['%s'] * len(states))})")
        params.extend(states)
    if deadline_classes:
        conditions.append(f"c.deadline_class IN ({', '.join(['%s'] * len(deadline_classes))})")
        params.extend(deadline_classes)
    if unfinished_only:
        conditions.append(f"c.deadline_class IN ({', '.join(['%s'] * len(UNFINISHED_CLASSES))})")
        params.extend(str(name) for name in UNFINISHED_CLASSES)
    if deadline_until is not None:
        conditions.append("c.deadline_now <= %s")
        params.append(_date_param(deadline_until))
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    order = URGENCY_ORDER if by_urgency else "c.deadline_now, c.id" if by_deadline else "c.id"
    sql = (
        "SELECT c.id, c.state, c.deadline_class, c.deadline_now, c.done_on, c.percent_now,"
        " c.target_now, c.k_lead_agency_id"
        f" FROM ({classified}) c{where} ORDER BY {order}"
    )
    return sql, params


def _to_statuses(
    rows: Sequence[Sequence[Any]], successors: dict[int, int], known_at: dt.datetime
) -> list[ItemStatus]:
    """The rows as ItemStatus, with each item and its revision in force at K (two queries)."""
    ids = [row[0] for row in rows]
    by_id = Item.objects.select_related("group", "lead_agency", "plan").in_bulk(ids)
    known = {
        revision.item_id: revision
        for revision in ItemRevision.objects.select_related("lead_agency").filter(
            in_force_at(known_at, ""), item_id__in=ids
        )
    }
    out = []
    for item_id, state, deadline_class, deadline_now, done_on, percent, target, lead in rows:
        out.append(
            ItemStatus(
                item=by_id[item_id],
                state=state,
                deadline_class=deadline_class,
                deadline_now=_as_date(deadline_now),
                done_on=_as_date(done_on) if state == Lifecycle.DONE else None,
                percent=percent,
                responsible_agency_id=successors.get(lead, lead),
                target_now=_as_decimal(target),
                known=known[item_id],
            )
        )
    return out


def item_statuses(
    scope: Scope,
    as_of: AsOf,
    *,
    states: Sequence[str] = (),
    deadline_classes: Sequence[str] = (),
    unfinished_only: bool = False,
    limit: int = 500,
    offset: int = 0,
    deadline_until: dt.date | None = None,
    by_deadline: bool = False,
    by_urgency: bool = False,
) -> list[ItemStatus]:
    """The items behind a figure, each with its status at the cut-off, in plan order (or by
    deadline, soonest first; or by urgency, see URGENCY_ORDER). limit and offset page the
    ordered list in SQL."""
    as_of, settled = _settled(as_of)
    needed = offset + limit

    def build(scope: Scope, as_of: AsOf) -> Built:
        return _status_rows_sql(
            scope,
            as_of,
            states,
            deadline_classes,
            unfinished_only,
            deadline_until,
            by_deadline,
            by_urgency,
        )

    try:
        if needed > LIST_MOVE_MAX:
            sql, params = build(scope, as_of)
            rows = _rows(f"{sql} LIMIT %s OFFSET %s", [*params, limit, offset], settled)
        else:

            def first_rows(scope: Scope, as_of: AsOf) -> Built:
                sql, params = build(scope, as_of)
                return f"{sql} LIMIT %s", [*params, needed + LIST_SLACK]

            listed = _listed(first_rows, needed, _list_order(by_deadline, by_urgency))
            rows = _worked_out(listed, scope, as_of, settled)[0][offset:needed]
    except EmptyResultSet:
        return []
    return _to_statuses(
        rows, primary_successor_map(as_of.date, known_at=as_of.known_at), as_of.known_at
    )


# A list moves by its first rows: the first offset + limit + LIST_SLACK are kept, so that items
# leaving it leave rows to take their place; a page deeper than LIST_MOVE_MAX is read by SQL.
LIST_SLACK = 100
LIST_MOVE_MAX = 2000


def _listed(
    build: Callable[[Scope, AsOf], Built], needed: int, order: Callable[[tuple[Any, ...]], Any]
) -> _Movable[tuple[Rows, bool]]:
    """A list statement (item id first, ordered as `order` orders, then LIMIT): its first rows
    and whether they are all of them. Moved: the changed items' rows taken out and their rows at
    K2 put in; past the last row kept or fetched, other rows may exist unseen, so the list is
    cut there (None when fewer than needed remain)."""

    def read(rows: Rows) -> tuple[Rows, bool]:
        return rows, len(rows) < needed + LIST_SLACK

    def move(
        value: tuple[Rows, bool],
        ids: set[int],
        on_changed: Callable[[dt.datetime], Rows],
        since: dt.datetime,
        until: dt.datetime,
    ) -> tuple[Rows, bool] | None:
        rows, complete = value
        kept = [row for row in rows if row[0] not in ids]
        fresh = on_changed(until)
        merged = sorted([*kept, *fresh], key=order)
        bounds = []
        if not complete:
            if not kept:
                return None
            bounds.append(order(kept[-1]))
        if len(fresh) >= needed + LIST_SLACK:
            bounds.append(order(fresh[-1]))
        if bounds:
            last = min(bounds)
            merged = [row for row in merged if order(row) <= last]
            if len(merged) < needed:
                return None
        return merged, not bounds

    return _Movable(build, read, move)


def _list_order(by_deadline: bool, by_urgency: bool) -> Callable[[tuple[Any, ...]], Any]:
    """The order of _status_rows_sql's ORDER BY, in Python, for rows (id, state, class,
    deadline now, ...): NULL deadlines first on SQLite and last on PostgreSQL, as each sorts
    them (URGENCY_ORDER ranks them explicitly)."""
    done, nulls_first = Lifecycle.DONE.value, connection.vendor == "sqlite"
    ranks = {DeadlineClass.OVERDUE.value: 0, DeadlineClass.DUE_SOON.value: 1}
    ranks[DeadlineClass.IN_TIME.value] = 2

    def urgency(row: tuple[Any, ...]) -> Any:
        rank = 4 if row[1] == done else ranks.get(row[2], 3)
        return (rank, row[3] is None, row[3] or "", row[0])

    def deadline(row: tuple[Any, ...]) -> Any:
        null_rank = (row[3] is not None) if nulls_first else (row[3] is None)
        return (null_rank, row[3] or "", row[0])

    if by_urgency:
        return urgency
    return deadline if by_deadline else lambda row: row[0]


def iter_item_statuses(
    scope: Scope,
    as_of: AsOf,
    *,
    states: Sequence[str] = (),
    deadline_classes: Sequence[str] = (),
    unfinished_only: bool = False,
    chunk: int = 2000,
    by_deadline: bool = False,
    by_urgency: bool = False,
) -> Iterator[list[ItemStatus]]:
    """Every item in scope, in chunks, from one statement (memory stays bounded at any scale:
    the rows come from the database a chunk at a time)."""
    try:
        sql, params = _status_rows_sql(
            scope,
            as_of,
            states,
            deadline_classes,
            unfinished_only,
            by_deadline=by_deadline,
            by_urgency=by_urgency,
        )
    except EmptyResultSet:
        return
    successors = primary_successor_map(as_of.date, known_at=as_of.known_at)
    # A server-side cursor on PostgreSQL: a client-side one holds the whole result in libpq
    # however little fetchmany takes (the national annexes list hundreds of thousands of rows).
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk):
            yield _to_statuses(rows, successors, as_of.known_at)


def latest_update_ids(scope: Scope, as_of: AsOf) -> QuerySet[Any, Any]:
    """For use with __in: the id of each item's report that counts at (D, K)."""
    return (
        scoped_items(scope, as_of)
        .annotate(latest_id=Subquery(latest_updates(as_of).values("id")[:1]))
        .filter(latest_id__isnull=False)
        .values("latest_id")
    )


def _as_decimal(value: Any) -> Decimal | None:
    """Raw SQL returns decimals as Decimal on PostgreSQL and as numbers on SQLite."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _as_date(value: Any) -> dt.date | None:
    """Raw SQL returns dates as date objects on PostgreSQL and ISO strings on SQLite."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
