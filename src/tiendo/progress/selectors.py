"""Reads for the reporting cycle: open periods, the review queue, what a reviewer weighs.

Compliance and recommendations, which need the status engine, are in readmodels.reporting.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from tiendo.accounts.access import Actor, updates_for_user
from tiendo.plans.models import DeadlineChange, Plan
from tiendo.plans.selectors import current_deadline, current_target
from tiendo.progress.models import Decision, Evidence, ProgressUpdate, ReportingPeriod


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


def natural_key(code: str) -> tuple[object, ...]:
    """Sort '3' before '25' and 'MH05' before 'MH12', as plans number their items."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code))
