"""The annex tables (Phụ lục I, II, III) as data, shared by the DOCX, XLSX and CSV writers.

Values keep their type (dates stay dates, counts stay numbers); each writer formats them its way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tiendo.documents.report import Report
from tiendo.lib.dates import format_date

Value = str | int | float | dt.date | None


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


@dataclass(frozen=True)
class Annex:
    """One annex: its label, title, columns and rows (rows are produced on demand)."""

    label: str
    title: str
    sheet: str
    columns: tuple[Column, ...]
    rows: Callable[[Report], Iterator[Row]]


def _items(report: Report) -> Iterator[list[Value]]:
    n = 0
    for chunk in report.items():
        for row in chunk:
            n += 1
            yield [
                n,
                row.item.plan.number,
                row.item.code,
                row.item.title,
                row.item.lead_agency.name,
                "Thường xuyên" if row.item.is_recurring else row.deadline_now,
                row.state_label,
                row.class_label,
                row.percent,
            ]


def _overdue(report: Report) -> Iterator[list[Value]]:
    cutoff = report.spec.as_of.date
    rows = (row for chunk in report.overdue() for row in chunk)
    for n, row in enumerate(rows, start=1):
        yield [
            n,
            row.item.plan.number,
            row.item.code,
            row.item.title,
            row.item.lead_agency.name,
            row.item.deadline,
            row.deadline_now,
            (cutoff - row.deadline_now).days if row.deadline_now else None,
            row.state_label,
        ]


def _compliance(report: Report) -> Iterator[list[Value]]:
    n = 0
    for period, rows in report.compliance:
        for c in rows:
            n += 1
            yield [
                n,
                f"{period.plan.number} – {period.label}",
                c.agency.name,
                c.expected,
                c.on_time,
                c.late,
                c.returned,
                c.missing,
                round(c.rate, 1),
            ]


ANNEXES: tuple[Annex, ...] = (
    Annex(
        "Phụ lục I",
        "DANH MỤC NHIỆM VỤ, MÔ HÌNH THEO TÌNH TRẠNG THỰC HIỆN",
        "PL I - Nhiem vu",
        (
            Column("TT", 6),
            Column("Kế hoạch", 14),
            Column("Số hiệu", 9),
            Column("Nội dung", 60),
            Column("Cơ quan chủ trì", 28),
            Column("Thời hạn", 13),
            Column("Tình trạng", 16),
            Column("Tiến độ", 18),
            Column("Tỷ lệ (%)", 9),
        ),
        _items,
    ),
    Annex(
        "Phụ lục II",
        "DANH MỤC NHIỆM VỤ, MÔ HÌNH QUÁ HẠN",
        "PL II - Qua han",
        (
            Column("TT", 6),
            Column("Kế hoạch", 14),
            Column("Số hiệu", 9),
            Column("Nội dung", 60),
            Column("Cơ quan chủ trì", 28),
            Column("Thời hạn ban đầu", 13),
            Column("Thời hạn hiện tại", 13),
            Column("Số ngày quá hạn", 10),
            Column("Tình trạng", 16),
        ),
        _overdue,
    ),
    Annex(
        "Phụ lục III",
        "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ",
        "PL III - Gui bao cao",
        (
            Column("TT", 6),
            Column("Kỳ báo cáo", 30),
            Column("Đơn vị", 40),
            Column("Phải báo cáo", 11),
            Column("Đúng hạn", 10),
            Column("Muộn", 8),
            Column("Bị trả lại", 10),
            Column("Chưa gửi", 10),
            Column("Tỷ lệ đã gửi (%)", 12),
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
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def reference(report: Report) -> str:
    day = report.spec.issued_on or report.spec.as_of.date
    return f"(Kèm theo Báo cáo số {report.spec.number} ngày {format_date(day)})"
