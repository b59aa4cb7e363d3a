"""An item's facts as known over time: every write of an item's figures-bearing attributes keeps
the earlier version (ItemRevision), so the same (D, K) gives the same figures forever.

Called by the services that write items (one item, or an import in bulk); never by a view.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from tiendo.plans.models import Item, ItemRevision, Plan, PlanRevision

# The item's columns its revisions copy (coordinating agencies are links, read separately).
REVISED = (
    "kind",
    "group_id",
    "parent_id",
    "lead_agency_id",
    "deadline",
    "is_recurring",
    "target",
    "product_type",
    "metric",
    "unit",
    "withdrawn_on",
)


def _facts(item: Item, coordinating: list[int]) -> dict[str, Any]:
    return {**{name: getattr(item, name) for name in REVISED}, "coordinating": coordinating}


def _revision_facts(revision: ItemRevision) -> dict[str, Any]:
    return {
        **{name: getattr(revision, name) for name in REVISED},
        "coordinating": list(revision.coordinating),
    }


def revisions_record(items: Sequence[Item], now: dt.datetime) -> int:
    """Bring each item's revision in force up to its saved columns and coordinating agencies.

    Where they differ, the revision in force is closed at now and a new one opens at now; an
    item without any revision gets its first, recorded when the item was. Returns how many
    revisions were opened. Three queries and two bulk writes whatever the number of items.
    """
    if not items:
        return 0
    ids = [item.pk for item in items]
    through = Item.coordinating_agencies.through
    coordinating: dict[int, list[int]] = defaultdict(list)
    for item_id, agency_id in (
        through.objects.filter(item_id__in=ids)
        .order_by("id")  # as stored: the order the plan lists them
        .values_list("item_id", "agency_id")
    ):
        coordinating[item_id].append(agency_id)
    in_force = {
        revision.item_id: revision
        for revision in ItemRevision.objects.filter(item_id__in=ids, superseded_at__isnull=True)
    }
    closed: list[ItemRevision] = []
    opened: list[ItemRevision] = []
    for item in items:
        facts = _facts(item, coordinating[item.pk])
        current = in_force.get(item.pk)
        if current is not None and _revision_facts(current) == facts:
            continue
        if current is not None:
            current.superseded_at = now
            closed.append(current)
        opened.append(
            ItemRevision(
                item_id=item.pk,
                recorded_at=now if current is not None else item.recorded_at,
                **facts,
            )
        )
    ItemRevision.objects.bulk_update(closed, ["superseded_at"], batch_size=500)
    ItemRevision.objects.bulk_create(opened, batch_size=500)
    return len(opened)


def plan_revision_record(plan: Plan, now: dt.datetime) -> bool:
    """Bring the plan's revision in force up to its saved issue date and programme (its first
    recorded when the plan was); True when a revision was opened."""
    current = PlanRevision.objects.filter(plan=plan, superseded_at__isnull=True).first()
    if current is not None and (current.issued_on, current.programme_id) == (
        plan.issued_on,
        plan.programme_id,
    ):
        return False
    if current is not None:
        current.superseded_at = now
        current.save(update_fields=["superseded_at"])
    PlanRevision.objects.create(
        plan=plan,
        programme_id=plan.programme_id,
        issued_on=plan.issued_on,
        recorded_at=now if current is not None else plan.recorded_at,
    )
    return True
