"""Writes to plans and items. Views, admin, imports, the sample and the API all call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from tiendo.accounts.access import Actor, require_extension_decider, require_item_action
from tiendo.agencies.models import Agency
from tiendo.audit.models import AuditEvent
from tiendo.audit.services import audit_event, audit_record, audit_saved, snapshot
from tiendo.notifications.events import extension_decided
from tiendo.plans.history import plan_revision_record, revisions_record
from tiendo.plans.models import (
    PENDING_EXTENSION_EXISTS,
    DeadlineChange,
    ExtensionDecision,
    ExtensionRequest,
    Item,
    Plan,
    Programme,
    TargetChange,
    TaskGroup,
)
from tiendo.plans.selectors import (
    IMPORTED_FIELDS,
    ImportChanges,
    ImportedGroup,
    ImportedItem,
    current_deadline,
    group_keys,
    import_changes,
)


@transaction.atomic
def programme_upsert(
    *, code: str, name: str, decision: str = "", actor: Actor | None = None
) -> Programme:
    """A programme (đề án) by its code; a change is audited, a save that changes nothing is
    not. actor None is the sample or the command line."""
    programme = Programme.objects.filter(code=code).first() or Programme(code=code)
    before = snapshot(programme) if programme.pk is not None else None
    programme.name = name
    programme.decision = decision
    programme.full_clean()
    programme.save()
    what = f"đề án, chương trình {code} – {name}"
    audit_saved(
        actor=actor,
        obj=programme,
        before=before,
        noun="programme",
        summary=(f"Thêm {what}", f"Cập nhật {what}"),
    )
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
    actor: Actor | None = None,
) -> Plan:
    """Create a plan, or update the one this issuer numbered the same way."""
    plan = Plan.objects.filter(issuing_agency=issuing_agency, number=number).first() or Plan(
        issuing_agency=issuing_agency, number=number
    )
    before = snapshot(plan) if plan.pk is not None else None
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
    plan_revision_record(plan, timezone.now())
    audit_saved(
        actor=actor,
        obj=plan,
        before=before,
        noun="plan",
        summary=(f"Ban hành Kế hoạch số {plan.number}", f"Cập nhật Kế hoạch số {plan.number}"),
    )
    return plan


@transaction.atomic
def group_upsert(
    *, plan: Plan, position: int, code: str, name: str, actor: Actor | None = None
) -> TaskGroup:
    """A plan's group at its position; a change is audited, a save that changes nothing is
    not."""
    group = TaskGroup.objects.filter(plan=plan, position=position).first() or TaskGroup(
        plan=plan, position=position
    )
    before = snapshot(group) if group.pk is not None else None
    group.code = code
    group.name = name
    group.full_clean()
    group.save()
    what = f"nhóm nhiệm vụ {code}. {name} của kế hoạch {plan.number}"
    audit_saved(
        actor=actor,
        obj=group,
        before=before,
        noun="group",
        summary=(f"Thêm {what}", f"Cập nhật {what}"),
    )
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
    withdrawn_on: dt.date | None = None,
    recorded_at: dt.datetime | None = None,
    actor: Actor | None = None,
) -> Item:
    """Create the item with this code in the plan, or update it in place (idempotent).

    The deadline given here is the original one; later changes go through item_extend_deadline.
    withdrawn_on: the day the item leaves the plan (it counts until then, never vanishes). The
    facts the figures read keep their history (plans.history): a change opens a new revision.
    """
    item = Item.objects.filter(plan=plan, code=code).first() or Item(plan=plan, code=code)
    before = snapshot(item) if item.pk is not None else None
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
    item.withdrawn_on = withdrawn_on
    if item.pk is None and recorded_at is not None:
        item.recorded_at = recorded_at
    item.full_clean()
    item.save()
    item.coordinating_agencies.set(list(coordinating_agencies))
    revisions_record([item], timezone.now())
    what = f"{item.get_kind_display().lower()} {item.code}: {item.title[:200]}"
    audit_saved(
        actor=actor,
        obj=item,
        before=before,
        noun="item",
        item=item,
        summary=(f"Giao {what}", f"Cập nhật {what}"),
    )
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
    actor: Actor | None = None,
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
    audit_record(
        actor=actor,
        action="item.extend",
        obj=change,
        item=item,
        summary=f"Gia hạn {item.code} đến {new_deadline:%d/%m/%Y} (từ {decided_on:%d/%m/%Y}): "
        f"{reason}",
    )
    return change


@transaction.atomic
def item_change_target(
    *,
    actor: Actor | None,
    item: Item,
    new_target: Decimal,
    reason: str,
    decided_on: dt.date,
) -> TargetChange:
    """Change an item's quantified target with a reason; the original target stays visible.
    actor None is the command line or a data migration."""
    if actor is not None:
        require_item_action(actor, item, "review")
    change = TargetChange(item=item, new_target=new_target, reason=reason, decided_on=decided_on)
    change.full_clean()
    change.save()
    audit_record(
        actor=actor,
        action="item.target",
        obj=change,
        item=item,
        summary=f"Điều chỉnh chỉ tiêu {item.code}: {item.target} → {new_target}. Lý do: {reason}",
    )
    return change


@transaction.atomic
def extension_request_create(
    *, actor: Actor, item: Item, requested_deadline: dt.date, reason: str
) -> ExtensionRequest:
    """An agency asks the standing body to extend an item's deadline."""
    require_item_action(actor, item, "extend")
    if item.is_recurring:
        raise ValidationError("Nhiệm vụ thường xuyên không có thời hạn để gia hạn.")
    current = current_deadline(item)
    if current is not None and requested_deadline <= current:
        message = f"Thời hạn đề nghị phải sau thời hạn hiện tại ({current:%d/%m/%Y})."
        raise ValidationError({"requested_deadline": message})
    if item.extension_requests.filter(decision="").exists():
        raise ValidationError(PENDING_EXTENSION_EXISTS)
    request = ExtensionRequest(
        item=item,
        requested_deadline=requested_deadline,
        reason=reason.strip(),
        requested_by=actor.user,
    )
    request.full_clean()  # also refuses a pending request committed since the check above
    try:
        # The database decides between requests racing past both checks (a double click, two
        # colleagues): the constraint lets one in; the savepoint keeps the caller's transaction.
        with transaction.atomic():
            request.save()
    except IntegrityError:
        if item.extension_requests.filter(decision="").exists():
            raise ValidationError(PENDING_EXTENSION_EXISTS) from None
        raise
    audit_record(
        actor=actor,
        action="extension.request",
        obj=request,
        item=item,
        summary=f"Đề nghị gia hạn {item.code} đến {requested_deadline:%d/%m/%Y}: {reason.strip()}",
    )
    return request


@transaction.atomic
def extension_request_decide(
    *, actor: Actor, request: ExtensionRequest, approve: bool, note: str = ""
) -> ExtensionRequest:
    """The standing body approves (the deadline moves from today) or refuses, with a note."""
    locked = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
    require_extension_decider(actor)
    if locked.decision:
        raise ValidationError("Đề nghị này đã được quyết định.")
    if not approve and not note.strip():
        raise ValidationError({"decision_note": "Cần ghi rõ lý do không đồng ý gia hạn."})
    now = timezone.now()
    locked.decision = ExtensionDecision.APPROVED if approve else ExtensionDecision.REFUSED
    locked.decision_note = note.strip()
    locked.decided_by = actor.user
    locked.decided_at = now
    if approve:
        locked.deadline_change = item_extend_deadline(
            item=locked.item,
            new_deadline=locked.requested_deadline,
            reason=locked.reason,
            decided_on=timezone.localdate(),
            decided_by=f"{actor.label} (cơ quan thường trực)",
            recorded_at=now,
            actor=actor,
        )
    locked.save()
    extension_decided(locked)
    audit_record(
        actor=actor,
        action=f"extension.{locked.decision}",
        obj=locked,
        item=locked.item,
        summary=f"{locked.get_decision_display()} {locked.item.code}"
        + (f": {locked.decision_note}" if locked.decision_note else ""),
    )
    return locked


@transaction.atomic
def plan_import_apply(
    *,
    programme: Programme,
    number: str,
    issued_on: dt.date,
    issuing_agency: Agency,
    title: str,
    groups: Sequence[ImportedGroup],
    items: Sequence[ImportedItem],
    source: str,
    actor: Actor | None = None,
) -> ImportChanges:
    """Write an imported annex in bulk: the plan, its groups as issued (nested), its items.

    Items are matched by their identity code (their place in the hierarchy); the plan's items
    the file no longer lists are kept. A handful of statements per thousand rows: groups and
    items are created and updated in bulk, coordinating agencies rewritten for the changed
    items only, and the audit trail gets one event per created or changed item and one for the
    import with every change attached.
    """
    plan = plan_upsert(
        programme=programme,
        number=number,
        issued_on=issued_on,
        issuing_agency=issuing_agency,
        title=title,
        actor=actor,
    )
    changes = import_changes(plan, items)
    if changes.blocked:
        code, reason = next(iter(changes.blocked.items()))
        raise ValidationError(f"Nhiệm vụ {code}: {reason}.")
    by_key = _import_groups(plan, groups)
    existing = {item.code: item for item in Item.objects.filter(plan=plan)}
    now = timezone.now()
    created: list[Item] = []
    updated: list[Item] = []
    before: dict[str, dict[str, Any]] = {}
    wanted = {new.code: new for new in items}
    for new in items:
        item = existing.get(new.code)
        if item is None:
            item = Item(plan=plan, code=new.code, recorded_at=now)
            created.append(item)
        elif new.code in changes.updated:
            before[new.code] = snapshot(item)
            updated.append(item)
        else:
            continue
        for name in _ITEM_FIELDS:
            setattr(item, name, getattr(new, name))
        item.group = by_key.get(new.group_key) if new.group_key else None
        # Field checks without a query per foreign key (the caller resolved them all).
        item.clean_fields(exclude=_RELATIONS)
        item.clean()
    Item.objects.bulk_create(created, batch_size=500)
    Item.objects.bulk_update(updated, [*_ITEM_FIELDS, "group"], batch_size=500)
    through = Item.coordinating_agencies.through
    rewritten = [item for item in updated if "coordinating" in changes.updated[item.code]]
    through.objects.filter(item__in=[item.pk for item in rewritten]).delete()
    pairs = [
        (item.pk, agency_id)
        for item in [*created, *rewritten]
        for agency_id in sorted(set(wanted[item.code].coordinating))
    ]
    # Tens of thousands of link rows: one prepared INSERT run many times, not a model each.
    table = connection.ops.quote_name(through._meta.db_table)
    with connection.cursor() as cursor:
        # The table name is the model's own, quoted; the values are parameters.
        sql = f"INSERT INTO {table} (item_id, agency_id) VALUES (%s, %s)"  # noqa: S608
        cursor.executemany(sql, pairs)
    revisions_record([*created, *updated], now)
    kind_label = {value: str(label).lower() for value, label in Item.kind.field.choices or []}
    events = [
        audit_event(
            actor=actor,
            action="item.create" if item.code not in before else "item.update",
            obj=item,
            item=item,
            summary=f"{'Giao' if item.code not in before else 'Cập nhật'} "
            f"{kind_label.get(item.kind, '')} {item.code}: {item.title[:200]} (nhập từ {source})",
            before=before.get(item.code),
            after=snapshot(item),
        )
        for item in [*created, *updated]
    ]
    AuditEvent.objects.bulk_create(events, batch_size=500)
    audit_record(
        actor=actor,
        action="plan.import",
        obj=plan,
        summary=f"Nhập phụ lục “{source}” vào Kế hoạch số {plan.number}: "
        f"{len(changes.created)} mới, {len(changes.updated)} cập nhật, "
        f"{len(changes.unchanged)} không đổi, {len(changes.missing)} không còn trong tệp "
        "(giữ nguyên)",
        after={
            "file": source,
            "created": changes.created,
            "updated": changes.updated,
            "unchanged": len(changes.unchanged),
            "missing_kept": [item.code for item in changes.missing],
        },
    )
    return changes


_RELATIONS = ["plan", "group", "parent", "lead_agency"]
# The item's own columns an import sets: what it compares, less the group (set from its key)
# and the coordinators (links), plus the start date (derived from the deadline and the plan).
_ITEM_FIELDS = (
    *(name for name in IMPORTED_FIELDS if name not in ("group_key", "coordinating")),
    "start_date",
)


def _import_groups(plan: Plan, groups: Sequence[ImportedGroup]) -> dict[str, TaskGroup]:
    """The plan's groups after the import, by key: those in the file in its order, then the
    ones it no longer lists (kept, since items may still point at them)."""
    existing = group_keys(plan)
    listed = {group.key for group in groups}
    # Positions are unique per plan: move every group out of the way first (one UPDATE).
    TaskGroup.objects.filter(plan=plan).update(position=F("position") + 10_000)
    by_key: dict[str, TaskGroup] = {}
    position = 0
    for spec in groups:
        position += 1
        group = existing.get(spec.key) or TaskGroup(plan=plan)
        group.code, group.name, group.position = spec.code, spec.name, position
        group.parent = by_key.get(spec.parent_key) if spec.parent_key else None
        group.full_clean(validate_unique=False, validate_constraints=False)
        group.save()
        by_key[spec.key] = group
    for key, group in existing.items():
        if key not in listed:
            position += 1
            group.position = position
            group.save(update_fields=["position"])
            by_key[key] = group
    return by_key
