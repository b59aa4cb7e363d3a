"""Reporting compliance and open recommendations, read through the status engine.

Pages, reminders and the consolidated report read them alike; they sit above the engine so
progress.selectors stays a read of the reporting cycle's own rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Min, OuterRef, Subquery
from django.utils import timezone

from tiendo.accounts.access import Actor, items_for_user
from tiendo.agencies.models import Agency, AgencyKind
from tiendo.agencies.selectors import primary_successor_map
from tiendo.plans.models import Item
from tiendo.progress.models import Decision, ProgressUpdate, Recommendation, ReportingPeriod
from tiendo.progress.selectors import natural_key
from tiendo.status.selectors import AsOf, Scope, done_item_ids, latest_update_ids, scoped_items


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
        .values_list("pk", "k_lead_agency_id", "first_sent", "last_decision")
    )
    successors = primary_successor_map(period.cutoff, known_at=known)
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
