"""Writes to plans and items. Views, admin, imports, the sample and the API all call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.plans.models import DeadlineChange, Item, Plan, Programme, TaskGroup


@transaction.atomic
def programme_upsert(*, code: str, name: str, decision: str = "") -> Programme:
    programme = Programme.objects.filter(code=code).first() or Programme(code=code)
    programme.name = name
    programme.decision = decision
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def plan_upsert(
    *,
    programme: Programme,
    number: str,
    issued_on: dt.date,
    issuing_agency: Agency,
    title: str,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    is_illustrative: bool = False,
    recorded_at: dt.datetime | None = None,
) -> Plan:
    """Create a plan, or update the one this issuer numbered the same way."""
    plan = Plan.objects.filter(issuing_agency=issuing_agency, number=number).first() or Plan(
        issuing_agency=issuing_agency, number=number
    )
    plan.programme = programme
    plan.issued_on = issued_on
    plan.title = title
    plan.period_start = period_start
    plan.period_end = period_end
    plan.is_illustrative = is_illustrative
    if plan.pk is None and recorded_at is not None:
        plan.recorded_at = recorded_at
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def group_upsert(*, plan: Plan, position: int, code: str, name: str) -> TaskGroup:
    group = TaskGroup.objects.filter(plan=plan, position=position).first() or TaskGroup(
        plan=plan, position=position
    )
    group.code = code
    group.name = name
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def item_upsert(
    *,
    plan: Plan,
    kind: str,
    code: str,
    title: str,
    lead_agency: Agency,
    group: TaskGroup | None = None,
    parent: Item | None = None,
    coordinating_agencies: Iterable[Agency] = (),
    description: str = "",
    focal_person: str = "",
    start_date: dt.date | None = None,
    deadline: dt.date | None = None,
    is_recurring: bool = False,
    product_type: str = "",
    metric: str = "",
    unit: str = "",
    baseline: Decimal | None = None,
    target: Decimal | None = None,
    budget_source: str = "own",
    recorded_at: dt.datetime | None = None,
) -> Item:
    """Create the item with this code in the plan, or update it in place (idempotent).

    The deadline given here is the original one; later changes go through item_extend_deadline.
    """
    item = Item.objects.filter(plan=plan, code=code).first() or Item(plan=plan, code=code)
    if item.pk is not None and item.deadline != deadline and item.deadline_changes.exists():
        raise ValidationError(
            {"deadline": "Thời hạn đã được gia hạn; không sửa thời hạn ban đầu, hãy gia hạn tiếp."}
        )
    item.kind = kind
    item.title = title
    item.lead_agency = lead_agency
    item.group = group
    item.parent = parent
    item.description = description
    item.focal_person = focal_person
    item.start_date = start_date
    item.deadline = deadline
    item.is_recurring = is_recurring
    item.product_type = product_type
    item.metric = metric
    item.unit = unit
    item.baseline = baseline
    item.target = target
    item.budget_source = budget_source
    if item.pk is None and recorded_at is not None:
        item.recorded_at = recorded_at
    item.full_clean()
    item.save()
    item.coordinating_agencies.set(list(coordinating_agencies))
    return item


@transaction.atomic
def item_extend_deadline(
    *,
    item: Item,
    new_deadline: dt.date,
    reason: str,
    decided_on: dt.date,
    decided_by: str = "",
    recorded_at: dt.datetime | None = None,
) -> DeadlineChange:
    """Record a gia hạn: the new deadline is in force from decided_on; the original stays."""
    if item.is_recurring:
        raise ValidationError("Nhiệm vụ thường xuyên không có thời hạn để gia hạn.")
    if item.start_date and new_deadline < item.start_date:
        raise ValidationError(
            {"new_deadline": "Thời hạn mới không được trước ngày bắt đầu của nhiệm vụ."}
        )
    change = DeadlineChange(
        item=item,
        new_deadline=new_deadline,
        reason=reason,
        decided_on=decided_on,
        decided_by=decided_by,
        recorded_at=recorded_at or timezone.now(),
    )
    change.full_clean()
    change.save()
    return change
