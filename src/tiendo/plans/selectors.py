"""Reads of plans for pages, commands and reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from tiendo.accounts.access import Actor, items_for_user
from tiendo.agencies.models import Agency
from tiendo.plans.models import ExtensionRequest, Item, Plan, TaskGroup


def plan_list(*, within: Agency | None = None) -> QuerySet[Plan]:
    """Plans issued by bodies inside an agency subtree (all plans when no subtree is given)."""
    plans = Plan.objects.select_related("issuing_agency", "programme")
    if within is not None:
        plans = plans.filter(issuing_agency__path__startswith=within.path)
    return plans.order_by("issued_on", "number")


def plan_by_number(number: str, *, within: Agency | None = None) -> Plan:
    """The plan with this số/ký hiệu, or a message saying why it cannot be chosen."""
    matches = list(plan_list(within=within).filter(number__iexact=number.strip()))
    if not matches:
        raise ValidationError(f'Không tìm thấy kế hoạch số "{number}".')
    if len(matches) > 1:
        issuers = ", ".join(plan.issuing_agency.name for plan in matches)
        raise ValidationError(
            f'Có nhiều kế hoạch cùng số "{number}" ({issuers}); hãy chỉ rõ tỉnh, cơ quan ban hành.'
        )
    return matches[0]


# "Rõ người, rõ việc, rõ thời gian, có sản phẩm định lượng cụ thể": what an item must state.
CLARITY_RULES = {
    "owner": "Rõ người: chưa có cán bộ đầu mối",
    "task": "Rõ việc: chưa có mô tả, yêu cầu cụ thể",
    "time": "Rõ thời gian: chưa có thời hạn",
    "product": "Có sản phẩm định lượng: chưa có sản phẩm, chỉ tiêu và đơn vị tính",
}


def clarity_gaps(item: Item) -> list[str]:
    """What the item still lacks under the leader's rule (empty when the item is clear); the
    one statement of the rule."""
    lacking = {
        "owner": not item.focal_person.strip(),
        "task": not item.description.strip(),
        "time": item.deadline is None and not item.is_recurring,
        "product": not (
            item.product_type.strip() and item.unit.strip() and item.target is not None
        ),
    }
    return [CLARITY_RULES[rule] for rule, missing in lacking.items() if missing]


def pending_extensions(actor: Actor) -> QuerySet[ExtensionRequest]:
    return (
        ExtensionRequest.objects.filter(item__in=items_for_user(actor))
        .select_related("item", "item__lead_agency", "requested_by", "decided_by")
        .order_by("decision", "-requested_at")
    )


# What an imported annex row sets on an item; compared field by field to say what changes.
IMPORTED_FIELDS = (
    "kind",
    "title",
    "description",
    "lead_agency_id",
    "group_key",
    "deadline",
    "is_recurring",
    "product_type",
    "metric",
    "unit",
    "target",
    "budget_source",
    "budget_note",
    "coordinating",
)


@dataclass(frozen=True)
class ImportedGroup:
    """A group as the annex issues it: `key` is its place ("A.II.1"), `code` as written ("1")."""

    key: str
    code: str
    name: str
    parent_key: str | None


@dataclass(frozen=True)
class ImportedItem:
    """What one annex row (or one member of a collective lead) stores, by its identity `code`."""

    code: str
    group_key: str | None
    kind: str
    title: str
    description: str
    lead_agency_id: int
    coordinating: tuple[int, ...]
    start_date: Any
    deadline: Any
    is_recurring: bool
    product_type: str
    metric: str
    unit: str
    target: Any
    budget_source: str
    budget_note: str

    def values(self) -> dict[str, Any]:
        values = {name: getattr(self, name) for name in IMPORTED_FIELDS}
        values["coordinating"] = tuple(sorted(set(self.coordinating)))
        return values


@dataclass
class ImportChanges:
    """Per identity code: created, updated (with the fields that change), unchanged; the plan's
    items the file no longer lists; rows that cannot be applied (with the reason)."""

    created: list[str]
    updated: dict[str, list[str]]
    unchanged: list[str]
    missing: list[Item]
    blocked: dict[str, str]


def group_keys(plan: Plan | None) -> dict[str, TaskGroup]:
    """The plan's groups by their place in the hierarchy ("A.II.1"), one query."""
    if plan is None:
        return {}
    groups = {g.pk: g for g in TaskGroup.objects.filter(plan=plan)}
    keys: dict[str, TaskGroup] = {}
    for group in groups.values():
        path: list[str] = []
        seen: set[int] = set()
        current: TaskGroup | None = group
        while current is not None and current.pk not in seen:
            seen.add(current.pk)
            path.append(current.code)
            current = groups.get(current.parent_id) if current.parent_id else None
        keys[".".join(reversed(path))] = group
    return keys


def existing_values(plan: Plan | None) -> dict[str, tuple[Item, dict[str, Any]]]:
    """The plan's items by code with their imported fields, in two queries."""
    if plan is None:
        return {}
    key_of = {group.pk: key for key, group in group_keys(plan).items()}
    items = list(Item.objects.filter(plan=plan).prefetch_related("coordinating_agencies"))
    extended = set(
        Item.objects.filter(plan=plan, deadline_changes__isnull=False).values_list("pk", flat=True)
    )
    found: dict[str, tuple[Item, dict[str, Any]]] = {}
    for item in items:
        values = {name: getattr(item, name, None) for name in IMPORTED_FIELDS}
        values["group_key"] = key_of.get(item.group_id) if item.group_id else None
        values["coordinating"] = tuple(sorted(a.pk for a in item.coordinating_agencies.all()))
        values["extended"] = item.pk in extended
        found[item.code] = (item, values)
    return found


def import_changes(plan: Plan | None, items: Sequence[ImportedItem]) -> ImportChanges:
    """What importing `items` into `plan` would change; nothing is written."""
    existing = existing_values(plan)
    changes = ImportChanges(created=[], updated={}, unchanged=[], missing=[], blocked={})
    listed = set()
    for new in items:
        listed.add(new.code)
        if new.code not in existing:
            changes.created.append(new.code)
            continue
        _, old = existing[new.code]
        wanted = new.values()
        fields = [name for name in IMPORTED_FIELDS if _differs(old.get(name), wanted[name])]
        if "deadline" in fields and old["extended"]:
            changes.blocked[new.code] = (
                "thời hạn đã được gia hạn; không sửa thời hạn ban đầu qua nhập phụ lục, hãy "
                "giữ thời hạn cũ trong tệp hoặc gia hạn tiếp trên trang nhiệm vụ"
            )
        if fields:
            changes.updated[new.code] = fields
        else:
            changes.unchanged.append(new.code)
    changes.missing = [item for code, (item, _) in existing.items() if code not in listed]
    changes.missing.sort(key=lambda item: item.pk)
    return changes


def _differs(old: Any, new: Any) -> bool:
    return bool(old != new)


def current_deadline(item: Item, on: dt.date | None = None) -> dt.date | None:
    """The deadline in force on a day (default today): the latest extension decided by then."""
    day = on or timezone.localdate()
    change = (
        item.deadline_changes.filter(decided_on__lte=day)
        .order_by("-decided_on", "-recorded_at")
        .first()
    )
    return change.new_deadline if change else item.deadline


def current_target(item: Item) -> Decimal | None:
    change = item.target_changes.order_by("-decided_on", "-recorded_at").first()
    return change.new_target if change else item.target
