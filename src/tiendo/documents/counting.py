"""Reads behind the consolidated report's content: each item's report that counts at (D, K),
what it lacks (a quantified result, evidence) and the obstacles it names."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery

from tiendo.plans.models import Item
from tiendo.progress.models import Evidence, Lifecycle, Obstacle, ProgressUpdate
from tiendo.status.selectors import AsOf, Scope, latest_update_ids, latest_updates, scoped_items


def counting_reports(scope: Scope, as_of: AsOf) -> QuerySet[ProgressUpdate]:
    """Each item's report that counts at (D, K): the lead agency's latest sent by K, valid by D."""
    return ProgressUpdate.objects.filter(id__in=latest_update_ids(scope, as_of))


def _in_plan_order(items: QuerySet[Item]) -> QuerySet[Item]:
    """Items of scoped_items in plan order; each carries its lead agency as known at K
    (k_lead_agency_id) for the sentences that name it."""
    # The group as known at K orders the list (the engine's "rev" join: a name, not a field).
    return items.select_related("plan").order_by(
        "plan__issued_on", "plan__number", F("rev__group__position"), "id"
    )


def items_without_quantified_result(scope: Scope, as_of: AsOf) -> QuerySet[Item]:
    """Items with a target whose counting report gives no achieved value against it."""
    reports = counting_reports(scope, as_of).filter(achieved__isnull=True)
    return _in_plan_order(
        scoped_items(scope, as_of).filter(pk__in=reports.values("item_id"), k_target__isnull=False)
    )


def items_without_quantified_product(scope: Scope, as_of: AsOf) -> QuerySet[Item]:
    """Items whose definition lacks a quantified product (product, target or unit missing):
    the opposite of Item.has_quantified_product, in SQL."""
    return _in_plan_order(
        scoped_items(scope, as_of).filter(Q(k_product="") | Q(k_target__isnull=True) | Q(k_unit=""))
    )


def items_done_without_evidence(scope: Scope, as_of: AsOf) -> QuerySet[Item]:
    """Items whose counting report claims completion with no evidence file uploaded by K."""
    files = Evidence.objects.filter(update=OuterRef("pk"), uploaded_at__lte=as_of.known_at)
    reports = counting_reports(scope, as_of).filter(state=Lifecycle.DONE).filter(~Exists(files))
    return _in_plan_order(scoped_items(scope, as_of).filter(pk__in=reports.values("item_id")))


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
    return _in_plan_order(
        scoped_items(scope, as_of).filter(pk__in=obstacles.values("update__item_id"))
    )


def achieved_values(item_ids: Sequence[int], as_of: AsOf) -> dict[int, Decimal | None]:
    """For a chunk of items (one statement): the achieved value of the report that counts at
    (D, K). The target in force comes with the item's status (ItemStatus.target_now)."""
    rows = (
        Item.objects.filter(pk__in=list(item_ids))
        .annotate(achieved_now=Subquery(latest_updates(as_of).values("achieved")[:1]))
        .order_by()
        .values_list("pk", "achieved_now")
    )
    return dict(rows)
