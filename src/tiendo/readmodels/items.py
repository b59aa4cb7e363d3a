"""The item lists people work from and the item page, read through the status engine.

They sit above the engine (and above the permission helpers and the audit trail they read), so
plans.selectors stays a read of plans alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from django.utils import timezone

from tiendo.accounts.access import Actor, history_for_user, own_items_for_user, updates_for_user
from tiendo.agencies.models import Agency
from tiendo.audit.selectors import history_entries
from tiendo.lib.text import fold
from tiendo.plans.models import Item, TaskGroup
from tiendo.plans.selectors import clarity_gaps
from tiendo.status.selectors import (
    GROUP_COLUMNS,
    UNFINISHED_CLASSES,
    AsOf,
    ItemStatus,
    Scope,
    item_statuses,
    iter_item_statuses,
    scoped_items,
    status_counts,
)

# --- the item lists people work from (a plan's items, the unit's work) -------------------

ListOrder = Literal["urgency", "deadline", "plan"]
PER_PAGE = 50
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class ItemFilters:
    """What a list is narrowed to, as read from the URL (see readmodels.forms.ItemFilterForm).

    agency must lie inside the list's scope (the form only offers such agencies): it replaces
    the scope's agency, so a wider one would widen the list.
    """

    states: Sequence[str] = ()
    deadline_classes: Sequence[str] = ()
    unfinished_only: bool = False
    group: TaskGroup | None = None
    agency: Agency | None = None
    text: str = ""
    order: ListOrder = "urgency"

    @property
    def narrows(self) -> bool:
        return bool(
            self.states
            or self.deadline_classes
            or self.unfinished_only
            or self.group
            or self.agency
            or self.text.strip()
        )


@dataclass(frozen=True)
class ListPage:
    """One page of a filtered list, with how many items matched in all."""

    rows: list[ItemStatus]
    total: int
    number: int
    num_pages: int
    per_page: int
    notice: str = ""
    filtered: bool = False

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.rows else 0

    @property
    def last_index(self) -> int:
        return (self.number - 1) * self.per_page + len(self.rows)

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.num_pages else None


def my_items_scope(actor: Actor) -> Scope:
    """The scope of the unit's list: its own items, deployment sites included."""
    ids = list(own_items_for_user(actor).values_list("pk", flat=True))
    return Scope(item_ids=ids, top_level_only=False)


def my_items(actor: Actor, as_of: AsOf | None = None) -> list[ItemStatus]:
    """Every item of the unit's list with its status at the cut-off (today by default), the
    most urgent first (the page itself shows them filtered and paged: item_list_page)."""
    as_of = as_of or AsOf.make(timezone.localdate())
    chunks = iter_item_statuses(my_items_scope(actor), as_of, by_urgency=True)
    return [row for chunk in chunks for row in chunk]


def list_groups(scope: Scope, as_of: AsOf) -> list[TaskGroup]:
    """The task groups that hold items of the scope, in plan order (the group filter's choices)."""
    return list(
        TaskGroup.objects.filter(
            pk__in=scoped_items(scope, as_of).values(GROUP_COLUMNS["group_id"])
        )
        .select_related("plan")
        .order_by("plan__issued_on", "plan_id", "position")
    )


def list_agencies(scope: Scope, as_of: AsOf) -> list[Agency]:
    """The lead agencies of the scope's items, by name (the agency filter's choices).

    Inside an agency scope only its own subtree is offered: a predecessor outside it (whose items
    it inherited) would widen the list if chosen, since filtering replaces the scope's agency.
    """
    agencies = Agency.objects.filter(
        pk__in=scoped_items(scope, as_of).values(GROUP_COLUMNS["lead_agency_id"])
    )
    if scope.agency is not None:
        agencies = agencies.filter(path__startswith=scope.agency.path)
    return list(agencies.order_by("name", "pk"))


def text_matches(text: str, code: str, title: str) -> bool:
    """Whether a search matches an item: its number begins with the text, or every word of the
    text begins a word of the title; accents and case do not matter ('dinh danh' finds
    'định danh')."""
    query = fold(text)
    if not query:
        return True
    if fold(code).startswith(query.replace(" ", "")):
        return True
    words = _WORDS.findall(fold(title))
    return all(any(w.startswith(q) for w in words) for q in _WORDS.findall(query))


def narrowed_scope(scope: Scope, as_of: AsOf, filters: ItemFilters) -> Scope:
    """The scope cut down by group, agency and search text.

    Accent-insensitive search needs Python's folding (SQLite has no unaccent): only the numbers
    and titles of the items in scope are read, and the matches become an id list for the engine.
    """
    if filters.group is not None:
        scope = replace(scope, group=filters.group)
    if filters.agency is not None:
        if scope.agency is not None and not filters.agency.path.startswith(scope.agency.path):
            raise ValueError("the agency filter must lie inside the list's scope")
        scope = replace(scope, agency=filters.agency)
    if filters.text.strip():
        candidates = scoped_items(scope, as_of).values_list("pk", "code", "title")
        ids = [pk for pk, code, title in candidates if text_matches(filters.text, code, title)]
        scope = replace(scope, item_ids=ids)
    return scope


def _matching_total(scope: Scope, as_of: AsOf, filters: ItemFilters) -> int:
    """How many items pass the filters: one grouped count from the engine."""
    total = 0
    for _, state, deadline_class, n in status_counts(scope, as_of):
        if filters.states and state not in filters.states:
            continue
        if filters.deadline_classes and deadline_class not in filters.deadline_classes:
            continue
        if filters.unfinished_only and deadline_class not in UNFINISHED_CLASSES:
            continue
        total += n
    return total


def _page_number(raw: str | None, num_pages: int) -> tuple[int, str]:
    """The page to show and, when the request asked for another, why."""
    if raw is None or raw.strip() in ("", "1"):
        return 1, ""
    text = raw.strip()
    if not text.isdecimal() or int(text) < 1:
        return 1, f"Số trang “{text[:20]}” không hợp lệ; đang hiển thị trang đầu."
    number = int(text)
    if number > num_pages:
        return num_pages, (
            f"Danh sách chỉ có {num_pages} trang; đang hiển thị trang cuối "
            f"({num_pages}/{num_pages})."
        )
    return number, ""


def item_list_page(
    scope: Scope,
    as_of: AsOf,
    filters: ItemFilters,
    page: str | None = None,
    per_page: int = PER_PAGE,
) -> ListPage:
    """One page of the filtered list: a count and a page of rows, each one SQL statement."""
    scope = narrowed_scope(scope, as_of, filters)
    total = _matching_total(scope, as_of, filters)
    num_pages = max(1, -(-total // per_page))
    number, notice = _page_number(page, num_pages)
    rows = (
        item_statuses(
            scope,
            as_of,
            states=filters.states,
            deadline_classes=filters.deadline_classes,
            unfinished_only=filters.unfinished_only,
            limit=per_page,
            offset=(number - 1) * per_page,
            by_deadline=filters.order == "deadline",
            by_urgency=filters.order == "urgency",
        )
        if total
        else []
    )
    return ListPage(rows, total, number, num_pages, per_page, notice, filters.narrows)


def iter_item_list(scope: Scope, as_of: AsOf, filters: ItemFilters) -> Iterator[list[ItemStatus]]:
    """The whole filtered list in the page's order, in chunks (the list's CSV/XLSX export)."""
    return iter_item_statuses(
        narrowed_scope(scope, as_of, filters),
        as_of,
        states=filters.states,
        deadline_classes=filters.deadline_classes,
        unfinished_only=filters.unfinished_only,
        by_deadline=filters.order == "deadline",
        by_urgency=filters.order == "urgency",
    )


def item_page(actor: Actor, item: Item, as_of: AsOf | None = None) -> dict[str, Any]:
    """Everything the item page shows: status as of the cut-off, deadlines, targets, reports,
    and the history the actor may read."""
    as_of = as_of or AsOf.make(timezone.localdate())
    statuses = item_statuses(Scope(item_ids=[item.pk], top_level_only=False), as_of)
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
        "as_of": as_of,
        "is_today": as_of.date == timezone.localdate(),
        "status": statuses[0] if statuses else None,
        "gaps": clarity_gaps(item),
        "coordinators": list(item.coordinating_agencies.all()),
        "deadline_changes": list(item.deadline_changes.order_by("decided_on", "recorded_at")),
        "target_changes": list(item.target_changes.order_by("decided_on", "recorded_at")),
        "extension_requests": list(item.extension_requests.select_related("requested_by")),
        "updates": list(updates),
        "history": history_entries(history_for_user(actor, item)),
        "children": list(item.children.select_related("lead_agency")),
    }
