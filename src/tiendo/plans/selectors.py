"""Reads of plans for pages, commands and reports."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.lib.text import fold
from tiendo.plans.models import ExtensionRequest, Item, Plan, TaskGroup
from tiendo.status.selectors import (
    UNFINISHED_CLASSES,
    AsOf,
    ItemStatus,
    Scope,
    item_statuses,
    iter_item_statuses,
    scoped_items,
    status_counts,
)

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


# --- the item lists people work from (a plan's items, the unit's work) -------------------

ListOrder = Literal["urgency", "deadline", "plan"]
PER_PAGE = 50
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class ItemFilters:
    """What a list is narrowed to, as read from the URL (see dashboard.forms.ItemFilterForm).

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
    from tiendo.accounts.access import own_items_for_user

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
        TaskGroup.objects.filter(pk__in=scoped_items(scope, as_of).values("group_id"))
        .select_related("plan")
        .order_by("plan__issued_on", "plan_id", "position")
    )


def list_agencies(scope: Scope, as_of: AsOf) -> list[Agency]:
    """The lead agencies of the scope's items, by name (the agency filter's choices).

    Inside an agency scope only its own subtree is offered: a predecessor outside it (whose items
    it inherited) would widen the list if chosen, since filtering replaces the scope's agency.
    """
    agencies = Agency.objects.filter(pk__in=scoped_items(scope, as_of).values("lead_agency_id"))
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
    from tiendo.accounts.access import updates_for_user
    from tiendo.audit.selectors import item_history

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
        "history": item_history(actor, item),
        "children": list(item.children.select_related("lead_agency")),
    }


def pending_extensions(actor: Actor) -> QuerySet[ExtensionRequest]:
    from tiendo.accounts.access import items_for_user

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
