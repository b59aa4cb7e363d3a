"""Reads for the reporting cycle: open periods, the review queue, reporting compliance."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from tiendo.accounts.access import Actor, items_for_user, updates_for_user
from tiendo.agencies.models import Agency, AgencyKind
from tiendo.agencies.selectors import primary_successor_map
from tiendo.plans.models import DeadlineChange, Item, Plan, TargetChange
from tiendo.plans.services import current_deadline, current_target
from tiendo.progress.models import (
    Decision,
    Evidence,
    Lifecycle,
    Obstacle,
    ProgressUpdate,
    Recommendation,
    ReportingPeriod,
)
from tiendo.status.selectors import (
    AsOf,
    Scope,
    done_item_ids,
    latest_update_ids,
    latest_updates,
    scoped_items,
)


def open_periods(plan: Plan) -> QuerySet[ReportingPeriod]:
    """Periods still taking reports, the most recent first."""
    return plan.periods.filter(closed_at__isnull=True).order_by("-cutoff")


def review_queue(actor: Actor) -> QuerySet[ProgressUpdate]:
    """Sent reports awaiting the standing body's decision, oldest first."""
    return (
        updates_for_user(actor)
        .filter(recorded_at__isnull=False, decision="")
        .select_related("item", "item__plan", "agency", "period")
        .order_by("recorded_at", "id")
    )


@dataclass(frozen=True)
class QueueRow:
    """One report in the standing body's queue, with how long it has waited."""

    update: ProgressUpdate
    waiting_days: int
    deadline_now: dt.date | None
    evidence_count: int

    @property
    def waiting(self) -> str:
        return "gửi hôm nay" if self.waiting_days <= 0 else f"chờ {self.waiting_days} ngày"


def review_queue_rows(actor: Actor, today: dt.date | None = None) -> list[QueueRow]:
    """The review queue as the page shows it: oldest first, each with its waiting time (calendar
    days since it was sent), the item's deadline in force and its number of evidence files."""
    day = today or timezone.localdate()
    in_force = (
        DeadlineChange.objects.filter(item=OuterRef("item"), decided_on__lte=day)
        .order_by("-decided_on", "-recorded_at")
        .values("new_deadline")[:1]
    )
    files = (
        Evidence.objects.filter(update=OuterRef("pk"))
        .values("update")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = review_queue(actor).annotate(
        deadline_now=Coalesce(Subquery(in_force), F("item__deadline")),
        evidence_count=Coalesce(Subquery(files), Value(0)),
    )
    return [
        QueueRow(
            update=update,
            waiting_days=(day - timezone.localtime(update.recorded_at).date()).days
            if update.recorded_at
            else 0,
            deadline_now=update.deadline_now,
            evidence_count=update.evidence_count,
        )
        for update in rows
    ]


@dataclass(frozen=True)
class ReviewFacts:
    """What the standing body weighs before confirming or returning a report: the item's last
    confirmed report, its deadline (original and extensions) and its target against the result."""

    previous: ProgressUpdate | None
    original_deadline: dt.date | None
    extensions: list[DeadlineChange]
    deadline_now: dt.date | None
    original_target: Decimal | None
    target: Decimal | None
    achieved_share: Decimal | None

    @property
    def target_changed(self) -> bool:
        return self.target != self.original_target


def previous_confirmed(update: ProgressUpdate) -> ProgressUpdate | None:
    """The latest confirmed report on the same item sent before this one: the lead agency's
    for a lead report, the same agency's part for a contribution."""
    earlier = ProgressUpdate.objects.filter(item_id=update.item_id, decision=Decision.CONFIRMED)
    if update.is_contribution:
        earlier = earlier.filter(is_contribution=True, agency_id=update.agency_id)
    else:
        earlier = earlier.filter(is_contribution=False)
    if update.recorded_at is not None:
        earlier = earlier.filter(recorded_at__lt=update.recorded_at)
    return (
        earlier.exclude(pk=update.pk)
        .select_related("agency", "reviewed_by")
        .order_by("-valid_on", "-recorded_at", "-id")
        .first()
    )


def review_facts(update: ProgressUpdate, today: dt.date | None = None) -> ReviewFacts:
    item = update.item
    target = current_target(item)
    share = None
    if update.achieved is not None and target:
        share = (update.achieved * 100 / target).quantize(Decimal("0.1"))
    return ReviewFacts(
        previous=previous_confirmed(update),
        original_deadline=item.deadline,
        extensions=list(item.deadline_changes.order_by("decided_on", "recorded_at")),
        deadline_now=current_deadline(item, today),
        original_target=item.target,
        target=target,
        achieved_share=share,
    )


@dataclass
class Compliance:
    """Reporting compliance of one agency in one period (the DHIS2 reporting rate)."""

    agency: Agency
    expected: int = 0
    on_time: int = 0
    late: int = 0
    returned: int = 0
    missing_item_ids: list[int] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return len(self.missing_item_ids)

    @property
    def rate(self) -> float:
        """Share of expected reports received (on time or late), in percent."""
        return 100.0 * (self.on_time + self.late) / self.expected if self.expected else 100.0

    @property
    def on_time_rate(self) -> float:
        return 100.0 * self.on_time / self.expected if self.expected else 100.0


def compliance_for_period(
    period: ReportingPeriod, *, actor: Actor | None = None, known_at: dt.datetime | None = None
) -> list[Compliance]:
    """For each lead agency: reports expected in the period, sent on time, late, returned, missing.

    Expected: every top-level item of the plan not already done before the period began. A report
    is on time when sent by the end of the due date; a returned one not sent again counts as
    returned. Agencies are named as on the cut-off (an abolished body's items count for its
    successor from the merger on).
    """
    known = known_at or timezone.now()
    before = AsOf.make(period.starts_on - dt.timedelta(days=1), known)
    at_cutoff = AsOf.make(period.cutoff, known)
    items = scoped_items(Scope(plan=period.plan), at_cutoff)
    if actor is not None:
        items = items.filter(pk__in=items_for_user(actor).values("pk"))
    finished = done_item_ids(Scope(plan=period.plan), before)
    period_updates = ProgressUpdate.objects.filter(
        item=OuterRef("pk"), period=period, is_contribution=False, recorded_at__lte=known
    )
    per_item = (
        items.exclude(pk__in=finished)
        .annotate(
            first_sent=Subquery(
                period_updates.values("item").annotate(first=Min("recorded_at")).values("first")[:1]
            ),
            last_decision=Subquery(
                period_updates.filter(reviewed_at__lte=known)
                .order_by("-recorded_at", "-id")
                .values("decision")[:1]
            ),
        )
        .values_list("pk", "lead_agency_id", "first_sent", "last_decision")
    )
    successors = primary_successor_map(period.cutoff)
    due_end = dt.datetime.combine(
        period.due_on + dt.timedelta(days=1), dt.time(), tzinfo=timezone.get_current_timezone()
    )
    rows = list(per_item)
    agencies = Agency.objects.in_bulk({successors.get(row[1], row[1]) for row in rows})
    by_agency: dict[int, Compliance] = {}
    for item_id, lead_id, first_sent, last_decision in rows:
        agency_id = successors.get(lead_id, lead_id)
        row = by_agency.setdefault(agency_id, Compliance(agency=agencies[agency_id]))
        row.expected += 1
        if first_sent is None:
            row.missing_item_ids.append(item_id)
        elif last_decision == Decision.RETURNED:
            row.returned += 1
        elif first_sent < due_end:
            row.on_time += 1
        else:
            row.late += 1
    return sorted(by_agency.values(), key=lambda c: (c.rate, c.agency.name))


@dataclass
class AddressedRecommendations:
    """The recommendations addressed to one body, each with the items that raised it."""

    addressee: Agency
    contents: list[tuple[str, list[Item]]]


def recommendations_by_addressee(scope: Scope, as_of: AsOf) -> list[AddressedRecommendations]:
    """Open recommendations (those in each item's counting report at D, K), grouped by the body
    they are addressed to: ministries first, then the province, then its departments."""
    rows = (
        Recommendation.objects.filter(update_id__in=latest_update_ids(scope, as_of))
        .select_related("addressee", "update__item")
        .order_by("addressee__name", "content")
    )
    grouped: dict[Agency, dict[str, dict[int, Item]]] = defaultdict(lambda: defaultdict(dict))
    for rec in rows:
        item = rec.update.item
        grouped[rec.addressee][rec.content.strip().rstrip(".;")][item.pk] = item
    order: dict[str, int] = {AgencyKind.MINISTRY: 0, AgencyKind.PROVINCE: 1}
    return [
        AddressedRecommendations(
            addressee,
            [
                (content, sorted(items.values(), key=lambda i: natural_key(i.code)))
                for content, items in sorted(grouped[addressee].items())
            ],
        )
        for addressee in sorted(grouped, key=lambda a: (order.get(a.kind, 2), a.name))
    ]


def natural_key(code: str) -> tuple[object, ...]:
    """Sort '3' before '25' and 'MH05' before 'MH12', as plans number their items."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code))


# Reads behind the consolidated report's content (documents/report.py, documents/annexes.py).


def counting_reports(scope: Scope, as_of: AsOf) -> QuerySet[ProgressUpdate]:
    """Each item's report that counts at (D, K): the lead agency's latest sent by K, valid by D."""
    return ProgressUpdate.objects.filter(id__in=latest_update_ids(scope, as_of))


def _in_plan_order(items: QuerySet[Item]) -> QuerySet[Item]:
    return items.select_related("plan", "lead_agency").order_by(
        "plan__issued_on", "plan__number", "group__position", "id"
    )


def items_without_quantified_result(scope: Scope, as_of: AsOf) -> QuerySet[Item]:
    """Items with a target whose counting report gives no achieved value against it."""
    reports = counting_reports(scope, as_of).filter(
        achieved__isnull=True, item__target__isnull=False
    )
    return _in_plan_order(Item.objects.filter(pk__in=reports.values("item_id")))


def items_without_quantified_product(scope: Scope, as_of: AsOf) -> QuerySet[Item]:
    """Items whose definition lacks a quantified product (product, target or unit missing):
    the opposite of Item.has_quantified_product, in SQL."""
    return _in_plan_order(
        scoped_items(scope, as_of).filter(Q(product_type="") | Q(target__isnull=True) | Q(unit=""))
    )


def items_done_without_evidence(scope: Scope, as_of: AsOf) -> QuerySet[Item]:
    """Items whose counting report claims completion with no evidence file uploaded by K."""
    files = Evidence.objects.filter(update=OuterRef("pk"), uploaded_at__lte=as_of.known_at)
    reports = counting_reports(scope, as_of).filter(state=Lifecycle.DONE).filter(~Exists(files))
    return _in_plan_order(Item.objects.filter(pk__in=reports.values("item_id")))


def obstacle_categories(scope: Scope, as_of: AsOf) -> list[tuple[str, int]]:
    """(cause category, number of items) from the counting reports' obstacles, most items first."""
    rows = (
        Obstacle.objects.filter(update_id__in=latest_update_ids(scope, as_of))
        .values("category")
        .annotate(n=Count("update__item", distinct=True))
        .order_by("-n", "category")
    )
    return [(row["category"], row["n"]) for row in rows]


def items_with_obstacle(scope: Scope, as_of: AsOf, category: str) -> QuerySet[Item]:
    """The items whose counting report names an obstacle of this category, in plan order."""
    obstacles = Obstacle.objects.filter(
        update_id__in=latest_update_ids(scope, as_of), category=category
    )
    return _in_plan_order(Item.objects.filter(pk__in=obstacles.values("update__item_id")))


@dataclass(frozen=True)
class CountingResult:
    """An item's target in force at (D, K) and the achieved value of its counting report."""

    target: Decimal | None
    achieved: Decimal | None


def counting_results(item_ids: Sequence[int], as_of: AsOf) -> dict[int, CountingResult]:
    """For a chunk of items (one statement): target in force and achieved value at (D, K)."""
    target_now = (
        TargetChange.objects.filter(
            item=OuterRef("pk"), decided_on__lte=as_of.date, recorded_at__lte=as_of.known_at
        )
        .order_by("-decided_on", "-recorded_at", "-id")
        .values("new_target")[:1]
    )
    rows = (
        Item.objects.filter(pk__in=list(item_ids))
        .annotate(
            target_now=Coalesce(Subquery(target_now), F("target")),
            achieved_now=Subquery(latest_updates(as_of).values("achieved")[:1]),
        )
        .order_by()
        .values_list("pk", "target_now", "achieved_now")
    )
    return {pk: CountingResult(target, achieved) for pk, target, achieved in rows}


def coordinating_agency_ids(item_ids: Sequence[int]) -> dict[int, list[int]]:
    """For a chunk of items (one statement): their coordinating agencies' ids, as stored."""
    through = Item.coordinating_agencies.through
    out: dict[int, list[int]] = defaultdict(list)
    for item_id, agency_id in (
        through.objects.filter(item_id__in=list(item_ids))
        .order_by("id")
        .values_list("item_id", "agency_id")
    ):
        out[item_id].append(agency_id)
    return dict(out)
