"""What the dashboard pages show, assembled from the status engine (the one source of figures)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth

from tiendo.accounts.access import Actor, plans_for_user
from tiendo.agencies.models import Agency, AgencyKind
from tiendo.agencies.selectors import primary_successor_map
from tiendo.notifications.models import Notification
from tiendo.plans.models import Plan, TaskGroup
from tiendo.progress.models import Obstacle, ObstacleCategory, Recommendation, ReportingPeriod
from tiendo.readmodels.reporting import compliance_for_period
from tiendo.readmodels.scope import figure_scope
from tiendo.status.phrases import plan_sentences
from tiendo.status.selectors import (
    AsOf,
    Counts,
    DeadlineClass,
    ItemStatus,
    Scope,
    Summary,
    item_statuses,
    latest_update_ids,
    scoped_items,
    status_by,
    status_by_plan,
    status_counts,
    status_overall_and_by_plan,
    status_series,
    status_summary,
)


@dataclass(frozen=True)
class PlanCard:
    """One plan on the overview: its figures, sentences, and a row per task group."""

    plan: Plan
    summary: Summary
    sentences: list[str]
    group_rows: list[tuple[TaskGroup, Counts]]


def weekly_summary_for(actor: Actor) -> Notification | None:
    """The latest weekly summary sent to this leader or standing officer, for the overview."""
    return (
        Notification.objects.filter(recipient=actor.user, kind="weekly_summary")
        .order_by("-created_at")
        .first()
    )


def overview_cards(actor: Actor, as_of: AsOf, only: Sequence[Plan] | None = None) -> list[PlanCard]:
    """Every plan the actor may read (of `only`, when given: a freeze's plans), issued by the
    cut-off, with figures from one query."""
    plans = _readable_plans(actor, only)
    summaries = status_by_plan(Scope(plans=plans, agency=figure_scope(actor).agency), as_of)
    return _cards(plans, summaries)


def overview_figures(
    actor: Actor, scope: Scope, as_of: AsOf, only: Sequence[Plan] | None = None
) -> tuple[Summary, list[PlanCard]]:
    """The overview's summary for the page's scope and its plan cards (the actor's plans, of
    `only` when given). When the page shows exactly the cards' plans in the actor's own figure
    scope (no agency, kind or group chosen), one by-plan statement gives both."""
    plans = _readable_plans(actor, only)
    cards_scope = Scope(plans=plans, agency=figure_scope(actor).agency)
    if scope == cards_scope:
        summary, summaries = status_overall_and_by_plan(cards_scope, as_of)
    else:
        summary, summaries = status_summary(scope, as_of), status_by_plan(cards_scope, as_of)
    return summary, _cards(plans, summaries)


def _readable_plans(actor: Actor, only: Sequence[Plan] | None) -> list[Plan]:
    readable = plans_for_user(actor).prefetch_related("groups")
    if only is not None:
        readable = readable.filter(pk__in=[plan.pk for plan in only])
    return list(readable)


def _cards(plans: list[Plan], summaries: dict[int, Summary]) -> list[PlanCard]:
    cards = []
    for plan in plans:
        summary = summaries.get(plan.pk)
        if summary is None:
            continue
        rows = [
            (group, summary.by_group[group.pk])
            for group in plan.groups.all()
            if group.pk in summary.by_group
        ]
        cards.append(PlanCard(plan, summary, plan_sentences(plan, summary), rows))
    return cards


# --- the operations centre (IOC) ------------------------------------------------------------


@dataclass(frozen=True)
class BurnPoint:
    day: dt.date
    done: int
    total: int


def month_ends(first: dt.date, last: dt.date, limit: int = 24) -> list[dt.date]:
    """The last day of each month from first to last, and last itself (at most limit points)."""
    days, year, month = [], first.year, first.month
    while True:
        end = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
        if end >= last:
            break
        days.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [*days[-(limit - 1) :], last] if limit > 1 else [last]


def burn_up(scope: Scope, as_of: AsOf, since: dt.date) -> list[BurnPoint]:
    """Items done and items assigned at each month's end, all as known at K (one statement)."""
    return [
        BurnPoint(p.day, p.done, p.total)
        for p in status_series(scope, as_of, month_ends(since, as_of.date))
    ]


def upcoming(scope: Scope, as_of: AsOf, days: int = 14, limit: int = 20) -> list[ItemStatus]:
    """Unfinished items due within the next days, soonest first (selected in SQL)."""
    return item_statuses(
        scope,
        as_of,
        deadline_classes=[DeadlineClass.DUE_SOON, DeadlineClass.IN_TIME],
        deadline_until=as_of.date + dt.timedelta(days=days),
        by_deadline=True,
        limit=limit,
    )


def bottlenecks(scope: Scope, as_of: AsOf, limit: int = 20) -> list[ItemStatus]:
    """Overdue items (điểm nghẽn), the longest overdue first (selected in SQL)."""
    return item_statuses(
        scope, as_of, deadline_classes=[DeadlineClass.OVERDUE], by_deadline=True, limit=limit
    )


@dataclass(frozen=True)
class Scorecard:
    """One agency's accountability line: what it leads and how it is going."""

    agency: Agency
    counts: Counts
    reporting_rate: float | None
    open_recommendations: int

    @property
    def on_time_rate(self) -> float:
        c = self.counts
        return 100.0 * c.by_class[DeadlineClass.DONE_ON_TIME] / c.total if c.total else 0.0


@dataclass(frozen=True)
class _AgencyFigures:
    """Per agency answering for items at D (successions applied): counts, reports sent and
    expected in each plan's latest period, open recommendations."""

    counts: dict[int, Counts]
    sent: dict[int, int]
    expected: dict[int, int]
    open_recommendations: dict[int, int]

    def rate(self, agency_id: int) -> float | None:
        expected = self.expected.get(agency_id, 0)
        return 100.0 * self.sent.get(agency_id, 0) / expected if expected else None


def _agency_figures(scope: Scope, as_of: AsOf, plans: Sequence[Plan]) -> _AgencyFigures:
    per_agency = status_by(scope, as_of, "lead_agency_id")
    sent: dict[int, int] = defaultdict(int)
    expected: dict[int, int] = defaultdict(int)
    for plan in plans:
        period = (
            ReportingPeriod.objects.filter(plan=plan, cutoff__lte=as_of.date)
            .order_by("-cutoff")
            .first()
        )
        if period is not None:
            for row in compliance_for_period(period, known_at=as_of.known_at):
                sent[row.agency.pk] += row.on_time + row.late
                expected[row.agency.pk] += row.expected
    open_recs = dict(
        Recommendation.objects.filter(update_id__in=latest_update_ids(scope, as_of))
        .values("update__item__lead_agency_id")
        .annotate(n=Count("id"))
        .values_list("update__item__lead_agency_id", "n")
    )
    successors = primary_successor_map(as_of.date, known_at=as_of.known_at)
    recs_by_agency: dict[int, int] = defaultdict(int)
    for agency_id, n in open_recs.items():
        recs_by_agency[successors.get(agency_id, agency_id)] += n
    return _AgencyFigures(per_agency, sent, expected, recs_by_agency)


def scorecards(scope: Scope, as_of: AsOf, plans: list[Plan]) -> list[Scorecard]:
    """Agencies ranked: most overdue first, then the lowest share done on time."""
    figures = _agency_figures(scope, as_of, plans)
    agencies = Agency.objects.in_bulk(list(figures.counts))
    cards = [
        Scorecard(
            agencies[agency_id],
            counts,
            figures.rate(agency_id),
            figures.open_recommendations.get(agency_id, 0),
        )
        for agency_id, counts in figures.counts.items()
    ]
    return sorted(cards, key=lambda c: (-c.counts.overdue, c.on_time_rate, c.agency.name))


@dataclass(frozen=True)
class ProvinceLine:
    """One province in the country's ranking: its items (led by its bodies and communes, as
    its own page counts them), reports sent, open recommendations."""

    province: Agency
    counts: Counts
    reporting_rate: float | None
    open_recommendations: int


@dataclass(frozen=True)
class ProvinceRanking:
    lines: list[ProvinceLine]
    # Items led by bodies in no province (ministries, the central working group).
    central: Counts


def province_ranking(
    root: Agency | None, scope: Scope, as_of: AsOf, plans: Sequence[Plan]
) -> ProvinceRanking:
    """The provinces under root (None: all), ranked by the share of items done, then the
    fewest overdue: the per-agency figures of one statement, added up under each province."""
    figures = _agency_figures(scope, as_of, plans)
    provinces = Agency.objects.filter(kind=AgencyKind.PROVINCE)
    if root is not None:
        provinces = provinces.filter(path__startswith=root.path)
    by_id = {province.pk: province for province in provinces}
    paths = dict(
        Agency.objects.filter(pk__in=[*figures.counts, *figures.expected]).values_list("pk", "path")
    )

    def province_of_id(agency_id: int) -> int | None:
        ancestors = [int(part) for part in paths.get(agency_id, "").strip("/").split("/") if part]
        return next((pk for pk in reversed(ancestors) if pk in by_id), None)

    counts: dict[int, Counts] = {pk: Counts() for pk in by_id}
    sent: dict[int, int] = defaultdict(int)
    expected: dict[int, int] = defaultdict(int)
    recs: dict[int, int] = defaultdict(int)
    central = Counts()
    for agency_id, agency_counts in figures.counts.items():
        province_id = province_of_id(agency_id)
        into = counts[province_id] if province_id is not None else central
        for state, n in agency_counts.by_state.items():
            into.by_state[state] += n
        for deadline_class, n in agency_counts.by_class.items():
            into.by_class[deadline_class] += n
        into.total += agency_counts.total
        if province_id is not None:
            recs[province_id] += figures.open_recommendations.get(agency_id, 0)
    for agency_id in figures.expected:
        province_id = province_of_id(agency_id)
        if province_id is not None:
            sent[province_id] += figures.sent.get(agency_id, 0)
            expected[province_id] += figures.expected[agency_id]
    lines = [
        ProvinceLine(
            by_id[pk],
            counts[pk],
            100.0 * sent[pk] / expected[pk] if expected[pk] else None,
            recs[pk],
        )
        for pk in by_id
    ]
    lines.sort(
        key=lambda line: (-line.counts.done_percent, line.counts.overdue, line.province.name)
    )
    return ProvinceRanking(lines, central)


@dataclass(frozen=True)
class Heatmap:
    """Unfinished and overdue items per agency (rows) and task group (columns) of one plan."""

    groups: list[TaskGroup]
    rows: list[tuple[Agency, list[Counts | None]]]


def heatmap(plan: Plan, scope: Scope, as_of: AsOf) -> Heatmap:
    rows = status_counts(
        Scope(plan=plan, agency=scope.agency, kind=scope.kind),
        as_of,
        by=("lead_agency_id", "group_id"),
    )
    successors = primary_successor_map(as_of.date, known_at=as_of.known_at)
    cells: dict[tuple[int, int | None], Counts] = defaultdict(Counts)
    for key, state, deadline_class, n in rows:
        lead: int = key[0]
        group_id: int | None = key[1]
        cells[(successors.get(lead, lead), group_id)].add(state, deadline_class, n)
    groups = list(plan.groups.all())
    agencies = Agency.objects.in_bulk({agency_id for agency_id, _ in cells})
    table = [
        (agencies[agency_id], [cells.get((agency_id, g.pk)) for g in groups])
        for agency_id in sorted(agencies, key=lambda a: agencies[a].name)
    ]
    return Heatmap(groups, table)


def obstacles_over_time(scope: Scope, as_of: AsOf) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """Obstacles reported per month by cause category, from sent reports on items in scope."""
    rows = (
        Obstacle.objects.filter(
            update__item__in=scoped_items(scope, as_of),
            update__valid_on__lte=as_of.date,
            update__recorded_at__lte=as_of.known_at,
            update__is_contribution=False,
        )
        .annotate(month=TruncMonth("update__valid_on"))
        .values("month", "category")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    months: list[str] = []
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        label = f"{row['month']:%m/%Y}"
        if label not in months:
            months.append(label)
        table[row["category"]][label] = row["n"]
    labels = dict(ObstacleCategory.choices)
    series = [
        (str(labels[category]), [table[category].get(m, 0) for m in months])
        for category in ObstacleCategory.values
        if category in table
    ]
    return months, series
