"""Writes of the notifications' own rows: claims of scheduled runs, the days off, the plans'
reminder rules and each person's choices. The notices themselves are delivered by
notifications.delivery, their e-mail by notifications.mail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from tiendo.accounts.access import Actor, require_period_manager
from tiendo.audit.services import audit_saved, snapshot
from tiendo.notifications.models import (
    Delivery,
    Notification,
    NotificationPreference,
    ReminderRule,
    ScheduledRun,
)
from tiendo.plans.models import Plan

STALE_CLAIM = dt.timedelta(minutes=15)


def claim_run(name: str, worker: str, now: dt.datetime) -> bool:
    """Claim a named piece of work; a claim left unfinished for 15 minutes is taken over."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(name=name, claimed_by=worker, claimed_at=now)
        return True
    except IntegrityError:
        return bool(
            ScheduledRun.objects.filter(
                name=name, finished_at__isnull=True, claimed_at__lt=now - STALE_CLAIM
            ).update(claimed_by=worker, claimed_at=now)
        )


def finish_run(name: str) -> None:
    ScheduledRun.objects.filter(name=name).update(finished_at=timezone.now())


RULE_FIELDS = [
    "days_before",
    "on_due_day",
    "overdue_every_days",
    "escalate_after_days",
    "escalate_to",
    "period_reminders",
    "period_due_days_before",
    "coordinators_weekly",
    "mandatory",
]


@transaction.atomic
def reminder_rule_set(*, actor: Actor | None, plan: Plan, **values: Any) -> ReminderRule:
    """Set how a plan's agencies are urged (the fields of RULE_FIELDS; those not given keep
    their value, or the default for a new rule): by whoever manages the plan's reporting
    periods, checked by the rule's own validation, audited with what changed."""
    require_period_manager(actor, plan)
    unknown = sorted(set(values) - set(RULE_FIELDS))
    if unknown:
        raise ValueError(f"not a reminder rule field: {', '.join(unknown)}")
    rule = ReminderRule.objects.select_for_update().filter(plan=plan).first()
    before = snapshot(rule) if rule is not None else None
    rule = rule or ReminderRule(plan=plan)
    for name, value in values.items():
        setattr(rule, name, value)
    rule.full_clean()
    rule.save()
    what = f"nhắc việc Kế hoạch số {plan.number}"
    audit_saved(
        actor=actor,
        obj=rule,
        before=before,
        noun="reminders",
        summary=(f"Đặt quy tắc {what}", f"Sửa quy tắc {what}"),
    )
    return rule


@transaction.atomic
def preference_set(*, user: User, delivery: str) -> NotificationPreference:
    """How a person receives the e-mail of their notices (their own choice)."""
    choice = Delivery(delivery)
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, defaults={"delivery": choice}
    )
    return preference


def notices_mark_read(*, user: User, pk: int | None = None) -> int:
    """Mark one of the person's unread notices read (pk), or all of them; how many were."""
    mine = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pk is not None:
        mine = mine.filter(pk=pk)
    return mine.update(read_at=timezone.now())
