"""The annex tables (Phụ lục I, II, III) as data, shared by the DOCX, XLSX and CSV writers.

Values keep their type (dates stay dates, counts stay numbers); each writer formats them its way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from tiendo.documents.counting import achieved_values
from tiendo.documents.report import AgencyNames, Report, lower_first, plan_reference
from tiendo.lib.dates import format_date
from tiendo.lib.text import format_number
from tiendo.plans.models import Item, ItemRevision, Plan, TaskGroup
from tiendo.status.selectors import (
    GROUP_COLUMNS,
    DeadlineClass,
    ItemStatus,
    Scope,
    iter_item_statuses,
    scoped_items,
)

Value = str | int | float | dt.date | None
RECURRING = "Thường xuyên"


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # relative width (characters in XLSX, millimetres before scaling in DOCX)
    # text wraps between words; code, date and number never wrap inside the value, so the
    # writers give such a column at least the width of its longest value.
    kind: str = "text"


@dataclass(frozen=True)
class GroupRow:
    """A heading row inside an annex table (a plan, a part or a task group), spanning every
    column. level 0 is a plan, 1 its top groups, 2 their sub-groups…"""

    text: str
    level: int = 0


Row = list[Value] | GroupRow
# A heading row with what it heads (("plan", id) or ("group", id)), written once.
Heading = tuple[tuple[str, int], GroupRow]


@dataclass(frozen=True)
class Annex:
    """One annex: its label, title, columns and rows (rows are produced on demand)."""

    label: str
    title: str
    sheet: str
    columns: tuple[Column, ...]
    rows: Callable[[Report], Iterator[Row]]


def _number(value: Decimal | None) -> int | float | None:
    """A stored quantity as a cell value: 1.00 -> 1, 85.50 -> 85.5."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def product(item: Item | ItemRevision) -> str:
    """The product as the plan states it: 'Văn bản: số quyết định được ban hành (văn bản)'."""
    text = item.product_type.strip()
    metric = item.metric.strip()
    if metric:
        text = f"{text}: {lower_first(metric)}" if text else metric
    if item.unit.strip():
        text = f"{text} (đơn vị tính: {item.unit.strip()})" if text else item.unit.strip()
    return text


def _detail_rows(
    report: Report, chunk: list[ItemStatus], names: AgencyNames, start: int, overdue: bool
) -> list[list[Value]]:
    """A chunk of items as annex rows, the item as known at K; one statement fetches the
    achieved values, one the agencies' names."""
    ids = [row.item.pk for row in chunk]
    achieved = achieved_values(ids, report.spec.as_of)
    coordinators = {row.item.pk: row.coordinating_then for row in chunk}
    names.load([row.responsible_agency_id for row in chunk])
    names.load(agency for agencies in coordinators.values() for agency in agencies)
    cutoff = report.spec.as_of.date
    out: list[list[Value]] = []
    for n, row in enumerate(chunk, start=start):
        item = row.item
        # As known at K: a later correction of the item never reaches a report already made.
        recurring = row.deadline_class == DeadlineClass.NO_DEADLINE
        values: list[Value] = [
            n,
            item.code,
            item.title,
            product(row.known or item),
            _number(row.target_now),
            _number(achieved.get(item.pk)),
            names.name(row.responsible_agency_id),
            "; ".join(names.names(coordinators.get(item.pk, []), besides=row.lead_agency_then_id)),
            RECURRING if recurring else row.deadline_then,
            RECURRING if recurring else row.deadline_now,
        ]
        if overdue:
            late = (cutoff - row.deadline_now).days if row.deadline_now else None
            values += [late, row.state_label]
        else:
            values += [row.state_label, row.class_label]
        out.append(values)
    return out


def group_tree(plan: Plan) -> list[tuple[TaskGroup, int]]:
    """A plan's groups in its order, each with its level (1 = top group, 2 = sub-group…)."""
    groups = list(plan.groups.order_by("position"))
    children: dict[int | None, list[TaskGroup]] = {}
    for group in groups:
        children.setdefault(group.parent_id, []).append(group)
    out: list[tuple[TaskGroup, int]] = []

    def walk(parent: int | None, level: int) -> None:
        for group in children.get(parent, []):
            out.append((group, level))
            walk(group.pk, level + 1)

    walk(None, 1)
    return out


def _items(report: Report) -> Iterator[Row]:
    """Every item, under its plan and its groups (in the plan's order); TT restarts per plan.

    One streaming statement per task group keeps the plan's order without sorting in memory;
    a heading is written only once something falls under it.
    """
    names = report.agency_names()
    as_of = report.spec.as_of
    for plan in report.spec.plans:
        plan_row = (("plan", plan.pk), GroupRow(plan_reference(plan, names), 0))
        n = 0
        tree = group_tree(plan)
        base = report.plan_scope(plan)
        parts: list[tuple[Scope, list[Heading]]] = []
        if tree:
            loose = list(
                scoped_items(base, as_of)
                .filter(**{f"{GROUP_COLUMNS['group_id']}__isnull": True})
                .values_list("pk", flat=True)
            )
            if loose:
                parts.append((replace(base, item_ids=loose), [plan_row]))
            path: dict[int, list[Heading]] = {}
            for group, level in tree:
                above = path.get(group.parent_id or 0, [plan_row])
                path[group.pk] = [
                    *above,
                    (("group", group.pk), GroupRow(f"{group.code}. {group.name}", level)),
                ]
                parts.append((replace(base, group=group), path[group.pk]))
        else:
            parts = [(base, [plan_row])]
        written: set[tuple[str, int]] = set()
        for scope, headings in parts:
            for chunk in iter_item_statuses(scope, as_of):
                for key, heading in headings:
                    if key not in written:
                        written.add(key)
                        yield heading
                yield from _detail_rows(report, chunk, names, n + 1, overdue=False)
                n += len(chunk)


def _overdue(report: Report) -> Iterator[Row]:
    """The overdue items under their plan, the longest overdue first; TT restarts per plan."""
    names = report.agency_names()
    for plan in report.spec.plans:
        n = 0
        for chunk in iter_item_statuses(
            report.plan_scope(plan),
            report.spec.as_of,
            deadline_classes=[DeadlineClass.OVERDUE],
            by_deadline=True,
        ):
            if n == 0:
                yield GroupRow(plan_reference(plan, names), 0)
            yield from _detail_rows(report, chunk, names, n + 1, overdue=True)
            n += len(chunk)


def _compliance(report: Report) -> Iterator[list[Value]]:
    names = report.agency_names()
    n = 0
    for period, rows in report.compliance:
        names.load(c.agency.pk for c in rows)
        for c in rows:
            n += 1
            yield [
                n,
                f"{period.plan.number} – {period.label}",
                names.name(c.agency.pk),
                c.expected,
                c.on_time,
                c.late,
                c.returned,
                c.missing,
                round(c.rate, 1),
            ]


# The columns both item annexes share, with relative widths (they sum to about 240).
TT = Column("TT", 5, "number")
ITEM_COLUMNS = (
    Column("Số hiệu", 8, "code"),
    Column("Nội dung", 46),
    Column("Sản phẩm", 28),
    Column("Chỉ tiêu", 10, "number"),
    Column("Kết quả đạt được", 10, "number"),
    Column("Cơ quan chủ trì", 24),
    Column("Cơ quan phối hợp", 26),
    Column("Thời hạn ban đầu", 12, "date"),
    Column("Thời hạn hiện tại", 12, "date"),
)

ANNEXES: tuple[Annex, ...] = (
    Annex(
        "Phụ lục I",
        "DANH MỤC NHIỆM VỤ, MÔ HÌNH THEO TÌNH TRẠNG THỰC HIỆN",
        "PL I - Nhiem vu",
        (TT, *ITEM_COLUMNS, Column("Tình trạng", 14), Column("Tiến độ", 14)),
        _items,
    ),
    Annex(
        "Phụ lục II",
        "DANH MỤC NHIỆM VỤ, MÔ HÌNH QUÁ HẠN",
        "PL II - Qua han",
        (TT, *ITEM_COLUMNS, Column("Số ngày quá hạn", 9, "number"), Column("Tình trạng", 14)),
        _overdue,
    ),
    Annex(
        "Phụ lục III",
        "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ",
        "PL III - Gui bao cao",
        (
            TT,
            Column("Kỳ báo cáo", 30),
            Column("Đơn vị", 40),
            Column("Phải báo cáo", 11, "number"),
            Column("Đúng hạn", 10, "number"),
            Column("Muộn", 8, "number"),
            Column("Bị trả lại", 10, "number"),
            Column("Chưa gửi", 10, "number"),
            Column("Tỷ lệ đã gửi (%)", 12, "number"),
        ),
        _compliance,
    ),
)


def as_text(value: Value) -> str:
    """A cell as officials write it (dd/mm/yyyy, decimal comma)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, float):
        return format_number(value, 1)
    if isinstance(value, int):
        return format_number(value)
    return str(value)


def reference(report: Report) -> str:
    day = report.spec.issued_on or report.spec.as_of.date
    return f"(Kèm theo Báo cáo số {report.spec.number} ngày {format_date(day)})"
