"""Freezing the operations centre's figures for a meeting ("Chốt số liệu")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tiendo.accounts.access import Actor, plans_for_user, require_figures_freezer
from tiendo.audit.services import audit_record, snapshot
from tiendo.lib.dates import format_date, format_known_at
from tiendo.meetings.models import Freeze
from tiendo.meetings.selectors import default_freeze_title, frozen_plans
from tiendo.plans.models import Plan

NOTHING_TO_FREEZE = (
    "Không có kế hoạch nào được ban hành và ghi nhận tính đến ngày {day}: không có số liệu để chốt."
)
PLAN_NOT_READABLE = "Không chốt được số liệu của kế hoạch bạn không có quyền xem."


@transaction.atomic
def freeze_create(
    *,
    actor: Actor,
    cutoff: dt.date,
    known_at: dt.datetime | None,
    plans: Sequence[Plan],
    filters: str = "",
    title: str = "",
    page: str = "tong-quan",
    single_plan: Plan | None = None,
) -> Freeze:
    """Freeze the figures of an IOC page at (D, K) with its filters, for a meeting.

    Without K the page was live: K is the moment of freezing, to the minute (what the page and
    the consolidated report state, and never after the moment).
    The freeze covers the page's plans that exist at (D, K); it is never edited afterwards.
    """
    require_figures_freezer(actor)
    readable = set(plans_for_user(actor).values_list("pk", flat=True))
    if any(plan.pk not in readable for plan in plans):
        raise ValidationError(PLAN_NOT_READABLE)
    now = timezone.now()
    moment = known_at or now.replace(second=0, microsecond=0)
    covered = frozen_plans(plans, cutoff, moment)
    if not covered:
        raise ValidationError(NOTHING_TO_FREEZE.format(day=format_date(cutoff)))
    freeze = Freeze(
        title=title.strip() or default_freeze_title(cutoff, single_plan),
        page=page,
        cutoff=cutoff,
        known_at=moment,
        filters=filters,
        created_by=actor.user,
        agency=actor.agency,
        created_at=now,
    )
    freeze.full_clean()
    freeze.save()
    freeze.plans.set(covered)
    audit_record(
        actor=actor,
        action="figures.freeze",
        obj=freeze,
        summary=(
            f"Chốt số liệu “{freeze.title}”: tính đến ngày {format_date(cutoff)}, theo dữ liệu "
            f"ghi nhận đến {format_known_at(moment)}"
        ),
        after={**snapshot(freeze), "plans": [plan.pk for plan in covered]},
    )
    return freeze
