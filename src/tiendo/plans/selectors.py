"""Reads of plans for pages, commands and reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.plans.models import ExtensionRequest, Item, Plan
from tiendo.status.selectors import AsOf, ItemStatus, Scope, item_statuses

if TYPE_CHECKING:
    from tiendo.accounts.access import Actor


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
CLARITY_RULES: tuple[tuple[str, str, Q], ...] = (
    ("owner", "Rõ người: chưa có cán bộ đầu mối", Q(focal_person="")),
    ("task", "Rõ việc: chưa có mô tả, yêu cầu cụ thể", Q(description="")),
    ("time", "Rõ thời gian: chưa có thời hạn", Q(deadline__isnull=True, is_recurring=False)),
    (
        "product",
        "Có sản phẩm định lượng: chưa có sản phẩm, chỉ tiêu và đơn vị tính",
        Q(product_type="") | Q(target__isnull=True) | Q(unit=""),
    ),
)


def clarity_gaps(item: Item) -> list[str]:
    """What the item still lacks under the leader's rule (empty when the item is clear)."""
    gaps = []
    if not item.focal_person.strip():
        gaps.append(CLARITY_RULES[0][1])
    if not item.description.strip():
        gaps.append(CLARITY_RULES[1][1])
    if item.deadline is None and not item.is_recurring:
        gaps.append(CLARITY_RULES[2][1])
    if not (item.product_type and item.unit and item.target is not None):
        gaps.append(CLARITY_RULES[3][1])
    return gaps


def unclear_items(items: QuerySet[Item]) -> QuerySet[Item]:
    """Items lacking any part of the rule, in SQL (for lists and counts)."""
    missing = Q()
    for _, _, condition in CLARITY_RULES:
        missing |= condition
    return items.filter(missing)


def my_items(actor: Actor) -> list[ItemStatus]:
    """The items the actor's agency leads or coordinates, with today's status (one query)."""
    from tiendo.accounts.access import items_for_user

    if actor.agency is None:
        return []
    ids = list(items_for_user(actor).values_list("pk", flat=True)[:1000])
    return item_statuses(
        Scope(item_ids=ids, top_level_only=False), AsOf.make(timezone.localdate()), limit=1000
    )


def item_page(actor: Actor, item: Item) -> dict[str, Any]:
    """Everything the item page shows: status today, deadlines, targets, reports, history."""
    from tiendo.accounts.access import updates_for_user
    from tiendo.audit.models import AuditEvent

    statuses = item_statuses(
        Scope(item_ids=[item.pk], top_level_only=False), AsOf.make(timezone.localdate())
    )
    updates = (
        updates_for_user(actor)
        .filter(item=item)
        .select_related("agency", "period", "created_by", "sent_by", "reviewed_by")
        .prefetch_related("obstacles", "recommendations__addressee", "evidence")
        .order_by("-valid_on", "-created_at")
    )
    return {
        "actor": actor,
        "item": item,
        "status": statuses[0] if statuses else None,
        "gaps": clarity_gaps(item),
        "coordinators": list(item.coordinating_agencies.all()),
        "deadline_changes": list(item.deadline_changes.order_by("decided_on", "recorded_at")),
        "target_changes": list(item.target_changes.order_by("decided_on", "recorded_at")),
        "extension_requests": list(item.extension_requests.select_related("requested_by")),
        "updates": list(updates),
        "history": list(
            AuditEvent.objects.filter(item=item).select_related("actor").order_by("-at")[:200]
        ),
        "children": list(item.children.select_related("lead_agency")),
    }


def pending_extensions(actor: Actor) -> QuerySet[ExtensionRequest]:
    from tiendo.accounts.access import items_for_user

    return (
        ExtensionRequest.objects.filter(item__in=items_for_user(actor))
        .select_related("item", "item__lead_agency", "requested_by", "decided_by")
        .order_by("decision", "-requested_at")
    )
