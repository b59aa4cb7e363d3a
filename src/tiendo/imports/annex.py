"""Import of a plan annex ("Phụ lục: Danh mục nhiệm vụ…") as provinces publish it.

`read_annex` turns any file (XLSX, XLS, ODS, CSV, a Word table: readers.py) into the plan's
hierarchy as issued — parts A/B/C over groups I/II/III over sub-groups 1., 2. over tasks 1.1,
1.2 — and its rows, each with the problems found (sheet, row, column). An item's identity is its
place in that hierarchy ("II.1", "A.I.2.3"), never its bare number, so numbering that restarts
in each group never makes two rows one.

`plan_import` resolves every agency against the province's directory on the plan's date and
previews what will be stored, row by row: created, updated (which fields), unchanged, the
plan's items the file no longer lists (kept), and what needs a decision before anything is
written — a collective lead ("Các sở, ban, ngành") is never turned into an owner by itself, an
abolished body is never skipped. With `commit=True`, no problem, every decision taken and the
same preview the user saw (its fingerprint), it writes exactly that, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from tiendo.agencies.models import Agency, AgencyKind
from tiendo.agencies.selectors import agency_subtree
from tiendo.imports.cells import (
    CellError,
    Deadline,
    Numbering,
    Product,
    TitleFacts,
    read_budget,
    read_deadline,
    read_kpi,
    read_numbering,
    read_product,
    read_title_facts,
)
from tiendo.imports.matching import Directory
from tiendo.imports.readers import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    AnnexRejected,
    Sheet,
    read_workbook,
)
from tiendo.lib.text import fold, format_count, format_decimal
from tiendo.plans.models import BudgetSource, Item, ItemKind, Plan, Programme
from tiendo.plans.selectors import ImportedGroup, ImportedItem, import_changes
from tiendo.plans.services import plan_import_apply

__all__ = ["MAX_BYTES", "MAX_COLUMNS", "MAX_ROWS", "AnnexRejected", "plan_import", "read_annex"]

# Column -> ways published headers name it (folded words). Kinds are tried in this order, so
# "Thời gian thực hiện" is a deadline before "thực hiện" can make it a lead, and "Đơn vị tính"
# a unit before "đơn vị" can.
HEADERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("coord", ("phoi hop",)),
    ("start", ("bat dau", "tu ngay", "khoi cong")),
    ("unit", ("don vi tinh", "dvt")),
    (
        "deadline",
        (
            "thoi gian hoan thanh",
            "thoi gian du kien hoan thanh",
            "thoi gian thuc hien",
            "thoi han",
            "hoan thanh",
            "ket thuc",
            "thoi gian",
            "tien do",
            "moc thoi gian",
        ),
    ),
    (
        "lead",
        (
            "chu tri",
            "don vi thuc hien",
            "co quan thuc hien",
            "don vi chiu trach nhiem",
            "co quan",
            "don vi",
        ),
    ),
    ("budget", ("kinh phi", "nguon von")),
    ("product", ("san pham", "ket qua", "dau ra")),
    ("kpi", ("chi tieu",)),
    ("title", ("noi dung", "nhiem vu", "ten mo hinh", "mo hinh", "cong viec", "ten")),
    ("code", ("stt", "tt", "so tt", "so thu tu")),
    ("note", ("ghi chu",)),
)
LABELS = {
    "code": "Số thứ tự",
    "title": "Nội dung nhiệm vụ",
    "lead": "Đơn vị chủ trì",
    "coord": "Đơn vị phối hợp",
    "deadline": "Thời hạn hoàn thành",
    "product": "Sản phẩm",
    "budget": "Nguồn kinh phí",
    "note": "Ghi chú",
    "unit": "Đơn vị tính",
    "start": "Thời gian bắt đầu",
}
HEADER_SCAN = 30  # rows searched for the header
HEADER_LABEL_LIMIT = 80  # characters: "Thời gian dự kiến hoàn thành (ngày, tháng, năm)"
LEVELS = {"part": 0, "roman": 1, "letter": 9}
PROSE_LEVEL = 1.5  # "1. Về dữ liệu" written in the content column: under I, above 1, 2, 1.1
TOTALS = re.compile(r"^(tong cong|tong so|tong|cong)\s*(:|$|\d)")
SUBHEADER = re.compile(r"^\(?\d{1,2}\)?$")
CODE_LIMIT, GROUP_NAME_LIMIT, TITLE_LIMIT = 20, 500, 1000
FIELD_LIMITS = (("product", "product_type", 1000), ("product", "metric", 500), ("unit", "unit", 50))
EACH = "moi"  # a decision: one item per member of a collective lead
SUCCESSOR, OMIT = "ke-thua", "bo"  # decisions for an abolished coordinating body


@dataclass
class Group:
    """A group as issued: `key` is its place in the hierarchy ("A.II.1"), `code` as written."""

    key: str
    code: str
    name: str
    parent: str | None
    level: float
    sheet: str
    line: int
    kind: str
    items: int = 0


@dataclass
class Row:
    """One item row of the annex, as read (agencies still as written)."""

    sheet: str
    line: int
    group: str | None  # the innermost group's key
    number: str  # as written ("1", "1.2")
    code: str  # identity: group path + number ("II.1")
    title: str
    lead: str
    coord: str
    deadline: Deadline | None
    deadline_text: str
    product: Product
    budget_text: str
    budget: str | None
    note: str
    problems: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"Trang “{self.sheet}”, dòng {self.line}"


@dataclass
class Annex:
    name: str
    kind: str = "xlsx"
    groups: list[Group] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # not tied to one row
    notes: list[str] = field(default_factory=list)
    facts: TitleFacts = field(default_factory=lambda: read_title_facts([]))
    title_lines: list[str] = field(default_factory=list)
    has_deadline: bool = True
    is_kpi: bool = False

    @property
    def all_problems(self) -> list[str]:
        return [*self.problems, *(p for row in self.rows for p in row.problems)]

    @property
    def suggested_title(self) -> str:
        """The plan's trích yếu as the title rows give it, for the form to start from."""
        for position, line in enumerate(self.title_lines):
            text = " ".join(line.split())
            if fold(text) == "ke hoach" and position + 1 < len(self.title_lines):
                return " ".join(self.title_lines[position + 1].split())
            if fold(text).startswith(("ke hoach ", "danh muc ")):
                return text
        return ""


def read_annex(name: str, data: bytes) -> Annex:
    """The annex's hierarchy, rows and problems; AnnexRejected if the file cannot be read."""
    workbook = read_workbook(name, data)
    annex = Annex(name=name, kind=workbook.kind, notes=list(workbook.notes))
    title_lines = list(workbook.preamble)
    reader = _TableReader(annex)
    read: list[str] = []
    skipped: list[str] = []
    for sheet in workbook.sheets:
        header = _find_header(sheet)
        if header is None and reader.columns is not None and _continues(sheet):
            reader.read(sheet, 0)
            read.append(f"“{sheet.name}” (tiếp theo bảng trước, không có dòng tiêu đề)")
            continue
        if header is None:
            title_lines += [_row_text(cells) for _, cells in sheet.rows[:HEADER_SCAN]]
            skipped.append(sheet.name)
            continue
        position, columns = header
        if not read:
            title_lines += [_row_text(cells) for _, cells in sheet.rows[:position]]
        reader.start(sheet, columns)
        reader.read(sheet, position + 1 + reader.header_rows)
        read.append(f"“{sheet.name}”")
    if not read:
        for sheet in workbook.sheets:
            for line, cells in sheet.rows[:HEADER_SCAN]:
                if "title" in _map_columns(_labels(sheet, cells)):
                    raise AnnexRejected(
                        f"Tệp “{name}”, trang “{sheet.name}”: dòng {line} có cột “Nội dung nhiệm "
                        f"vụ” nhưng thiếu cột {LABELS['lead']} và cột {LABELS['deadline']}; "
                        "phụ lục cần ít nhất một trong hai cột này."
                    )
        where = "bảng nào trong tệp" if workbook.kind == "docx" else "trang nào"
        raise AnnexRejected(
            f"Tệp “{name}”: không tìm thấy {where} có dòng tiêu đề của danh mục nhiệm vụ (cột "
            "“Nội dung nhiệm vụ” hoặc “Chỉ tiêu”, và cột đơn vị chủ trì hoặc thời hạn)."
        )
    if len(workbook.sheets) > 1 or skipped:
        unit = "bảng" if workbook.kind == "docx" else "trang"
        annex.notes.append(f"Đã đọc {unit} {', '.join(read)}.")
        if skipped:
            annex.notes.append(
                f"Bỏ qua {unit} {', '.join(f'“{s}”' for s in skipped)}: không có bảng nhiệm vụ."
            )
    reader.finish()
    annex.title_lines = [line for line in title_lines if line.strip()]
    annex.facts = read_title_facts(annex.title_lines)
    if not annex.rows and not annex.all_problems:
        annex.problems.append(f"Tệp “{name}”: không có nhiệm vụ nào dưới dòng tiêu đề.")
    return annex


def _row_text(cells: list[Any]) -> str:
    return " ".join(str(c).strip() for c in cells if c not in (None, "") and str(c).strip())


def _labels(sheet: Sheet, cells: list[Any]) -> list[str]:
    return [
        "" if index in sheet.hidden_columns else fold(str(value or "")).strip()
        for index, value in enumerate(cells)
    ]


def _kind_of(label: str) -> str | None:
    for kind, words in HEADERS:
        if any(re.search(rf"(^|\b){re.escape(w)}(\b|$)", label) for w in words):
            return kind
    return None


def _map_columns(labels: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, label in enumerate(labels):
        kind = _kind_of(label) if label else None
        if kind is not None and kind not in columns:
            columns[kind] = index
    if "title" not in columns and "kpi" in columns:
        columns["title"] = columns.pop("kpi")
        columns["kpi_title"] = columns["title"]
    elif "kpi" in columns and "product" not in columns:
        columns["product"] = columns.pop("kpi")
    return columns


def _looks_like_data(cells: list[Any]) -> bool:
    first = next((c for c in cells if c not in (None, "")), None)
    if first is None:
        return False
    return read_numbering(first) is not None or bool(SUBHEADER.match(str(first).strip()))


def _find_header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """The header row's position and its columns (a second header row below is joined)."""
    rows = sheet.rows
    for position, (_, cells) in enumerate(rows[:HEADER_SCAN]):
        labels = _labels(sheet, cells)
        if sum(1 for label in labels if label) < 2 or _looks_like_data(cells):
            continue  # a title line, or a data row (numbered) of a sheet that goes on a table
        if any(len(label) > HEADER_LABEL_LIMIT for label in labels):
            continue  # headers are short; a long text is a task
        below: list[str] = []
        if position + 1 < len(rows) and not _looks_like_data(rows[position + 1][1]):
            below = _labels(sheet, rows[position + 1][1])
        joined = [
            " ".join(
                part
                for part in (
                    labels[i] if i < len(labels) else "",
                    below[i] if i < len(below) else "",
                )
                if part
            )
            for i in range(max(len(labels), len(below)))
        ]
        columns = _map_columns(joined)
        if "title" in columns and ("lead" in columns or "deadline" in columns):
            columns["_header_rows"] = 1 if below and any(below) else 0
            return position, columns
    return None


def _continues(sheet: Sheet) -> bool:
    """A sheet without a header whose first rows are numbered like the table's rows."""
    return any(_looks_like_data(cells) for _, cells in sheet.rows[:5])


class _TableReader:
    """Reads the rows of one table, which may go on over several sheets."""

    def __init__(self, annex: Annex) -> None:
        self.annex = annex
        self.columns: dict[str, int] | None = None
        self.header_rows = 0
        self.stack: list[Group] = []
        self.codes: dict[str, Row] = {}
        self.group_keys: dict[str, Group] = {}
        self.pending: list[Group] = []  # arabic rows with no lead yet: groups if items follow

    def start(self, sheet: Sheet, columns: dict[str, int]) -> None:
        self.header_rows = columns.pop("_header_rows", 0)
        self.annex.is_kpi = self.annex.is_kpi or "kpi_title" in columns
        columns.pop("kpi_title", None)
        self.columns = columns
        self.annex.has_deadline = "deadline" in columns
        # The hierarchy goes on: a sheet that repeats the header continues the table, and one
        # that starts again at "I" pops back to the top by itself.

    def read(self, sheet: Sheet, start: int) -> None:
        columns = self.columns or {}
        for line, cells in sheet.rows[start:]:

            def get(name: str, cells: list[Any] = cells) -> Any:
                index = columns.get(name)
                if index is None or index >= len(cells) or index in sheet.hidden_columns:
                    return None
                value = cells[index]
                return value.strip() if isinstance(value, str) else value

            visible = [
                c
                for i, c in enumerate(cells)
                if i not in sheet.hidden_columns and c not in (None, "") and str(c).strip()
            ]
            if not visible:
                continue
            self._row(sheet, line, visible, get)

    def _row(self, sheet: Sheet, line: int, visible: list[Any], get: Any) -> None:
        where = f"Trang “{sheet.name}”, dòng {line}"
        first = str(visible[0]).strip()
        code_cell, title = get("code"), _text(get("title"))
        lead, deadline_cell = _text(get("lead")), get("deadline")
        if all(SUBHEADER.match(str(c).strip()) for c in visible):
            return  # "(1) (2) (3)" under the header
        if not lead and TOTALS.match(fold(first)) and read_numbering(first) is None:
            self.annex.notes.append(f"{where}: dòng tổng cộng “{first[:60]}”, không phải nhiệm vụ.")
            return
        number = read_numbering(code_cell) if code_cell not in (None, "") else None
        from_title = False
        if number is None and code_cell in (None, "") and title:
            prose = read_numbering(title)
            if prose is not None and prose.rest and not lead and deadline_cell in (None, ""):
                number, from_title = prose, True
        if number is None and code_cell in (None, "") and not title and len(visible) == 1:
            # A group title merged across the row ("II. NHÓM NHIỆM VỤ …") or a stray line.
            merged = read_numbering(first)
            if merged is not None and merged.rest:
                number, title, from_title = merged, merged.rest, merged.kind == "arabic"
            else:
                self.annex.notes.append(
                    f"{where}: bỏ qua dòng chỉ có chữ “{first[:80]}” (không phải nhiệm vụ)."
                )
                return
        if number is None:
            if code_cell not in (None, ""):
                message = (
                    f"{where}, cột {LABELS['code']}: “{str(code_cell)[:40]}” không phải số thứ "
                    "tự (ví dụ A, I, II, 1, 1.2)."
                )
            else:
                message = (
                    f"{where}: có dữ liệu nhưng không có số thứ tự; hãy đánh số dòng này "
                    "(mỗi nhiệm vụ một số, ví dụ 1, 2 hoặc 1.1) hoặc xóa dòng."
                )
            self.annex.problems.append(message)
            return
        is_group = not lead and deadline_cell in (None, "")
        if number.kind in ("part", "roman") and not lead:
            is_group = True
        if is_group:
            name = number.rest if from_title else (title or number.rest)
            self._group(sheet, line, number, name or first, prose=from_title)
        else:
            self._item(sheet, line, number, title, lead, deadline_cell, get)

    def _level(self, number: Numbering, *, prose: bool = False) -> float:
        if prose:
            return PROSE_LEVEL
        if number.kind == "arabic":
            return 1 + number.depth
        return LEVELS[number.kind]

    def _path(self, number: str) -> list[str]:
        """The group keys an item or group numbered `number` hangs under, without the arabic
        groups its number already carries ("1.2" under "1." is II.1.2, not II.1.1.2)."""
        stack = list(self.stack)
        while (
            stack
            and stack[-1].kind in ("arabic", "prose")
            and number.startswith(stack[-1].code + ".")
        ):
            stack.pop()
        return [g.code for g in stack]

    def _pop(self, level: float) -> None:
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()

    def _group(self, sheet: Sheet, line: int, number: Numbering, name: str, prose: bool) -> None:
        level = self._level(number, prose=prose)
        self._pop(level)
        parent = self.stack[-1] if self.stack else None
        key = ".".join([*self._path(number.code), number.code])
        group = Group(
            key=key,
            code=number.code,
            name=" ".join(name.split()),
            parent=parent.key if parent else None,
            level=level,
            sheet=sheet.name,
            line=line,
            kind="prose" if prose else number.kind,
        )
        where = f"Trang “{sheet.name}”, dòng {line}"
        if key in self.group_keys:
            other = self.group_keys[key]
            self.annex.problems.append(
                f"{where}: nhóm “{number.code}” trùng với nhóm ở trang “{other.sheet}”, dòng "
                f"{other.line} (cùng vị trí {key}); hãy sửa số thứ tự."
            )
            return
        if len(group.name) > GROUP_NAME_LIMIT:
            self.annex.problems.append(
                f"{where}: tên nhóm dài {format_count(len(group.name))} ký tự, vượt giới hạn "
                f"{format_count(GROUP_NAME_LIMIT)}."
            )
        if len(number.code) > 10:
            self.annex.problems.append(f"{where}: số hiệu nhóm “{number.code}” quá dài.")
        self.group_keys[key] = group
        self.annex.groups.append(group)
        self.stack.append(group)
        if number.kind == "arabic" and not prose:
            self.pending.append(group)

    def _item(
        self,
        sheet: Sheet,
        line: int,
        number: Numbering,
        title: str,
        lead: str,
        deadline_cell: Any,
        get: Any,
    ) -> None:
        self._pop(self._level(number) if number.kind == "arabic" else LEVELS["letter"])
        group = self.stack[-1] if self.stack else None
        code = ".".join([*self._path(number.code), number.code])
        deadline: Deadline | None = None
        deadline_text = "" if deadline_cell is None else str(deadline_cell)
        row_problems: list[str] = []
        where = f"Trang “{sheet.name}”, dòng {line}"
        if self.annex.has_deadline:
            try:
                deadline = read_deadline(deadline_cell)
            except CellError as error:
                row_problems.append(f"{where}, cột {LABELS['deadline']}: {error}.")
        product_text = _text(get("product"))
        if product_text:
            product = read_product(product_text)
        elif self.annex.is_kpi:
            product = read_kpi(title)
        else:
            product = read_product("")
        unit_text = _text(get("unit"))
        if unit_text and not product.unit:
            product = Product(product.product_type, product.metric or title, unit_text, None)
        budget_text = _text(get("budget"))
        row = Row(
            sheet=sheet.name,
            line=line,
            group=group.key if group else None,
            number=number.code,
            code=code,
            # One line, as the item's title is edited (a text field): "…:\n- a;\n- b" keeps
            # its bullets in line.
            title=" ".join(title.split()),
            lead=lead,
            coord=_text(get("coord")),
            deadline=deadline,
            deadline_text=deadline_text,
            product=product,
            budget_text=budget_text,
            budget=read_budget(budget_text) if budget_text else None,
            note=_text(get("note")),
            problems=row_problems,
        )
        if not title:
            row.problems.append(f"{where}, cột {LABELS['title']}: trống.")
        if len(title) > TITLE_LIMIT:
            row.problems.append(
                f"{where}, cột {LABELS['title']}: dài {format_count(len(title))} ký tự, vượt "
                f"giới hạn {format_count(TITLE_LIMIT)}; hãy chuyển phần giải thích sang cột "
                "Ghi chú."
            )
        for column, attribute, limit in FIELD_LIMITS:
            value = getattr(product, attribute)
            if len(value) > limit:
                row.problems.append(
                    f"{where}, cột {LABELS[column]}: dài {format_count(len(value))} ký tự, "
                    f"vượt giới hạn {format_count(limit)}."
                )
        if len(code) > CODE_LIMIT:
            row.problems.append(f"{where}: số thứ tự “{code}” dài quá {CODE_LIMIT} ký tự.")
        if code in self.codes:
            other = self.codes[code]
            row.problems.append(
                f"{where}: số thứ tự “{number.code}” trùng với {other.where} (cùng vị trí "
                f"{code} trong kế hoạch); hai dòng không được gộp làm một — hãy sửa số thứ tự."
            )
        else:
            self.codes[code] = row
        for parent in self.stack:
            parent.items += 1
        self.annex.rows.append(row)

    def finish(self) -> None:
        """Arabic-numbered rows with no lead that nothing was filed under are items whose lead
        and deadline are missing, not groups."""
        for group in self.pending:
            if group.items == 0 and not any(g.parent == group.key for g in self.annex.groups):
                self.annex.groups.remove(group)
                self.annex.problems.append(
                    f"Trang “{group.sheet}”, dòng {group.line}: nhiệm vụ “{group.code}. "
                    f"{group.name[:80]}” chưa có {LABELS['lead'].lower()} và thời hạn."
                )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


# ---------------------------------------------------------------------------------------------
# Preview and import


@dataclass
class Decision:
    """A question the preview asks before anything is written, for one text of the file."""

    key: str
    text: str
    question: str
    choices: list[tuple[str, str]]
    lines: list[str]
    chosen: str = ""

    @property
    def field(self) -> str:
        return "quyet-dinh-" + hashlib.sha256(self.key.encode()).hexdigest()[:12]


@dataclass
class PreviewRow:
    """One line of the preview: exactly what the item will be."""

    sheet: str
    line: int
    code: str
    groups: str
    title: str
    lead: str
    coordinators: list[str]
    deadline: str
    product: str
    target: str
    budget: str
    action: Literal["create", "update", "unchanged", "blocked", "pending"]
    changes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Preview:
    """What an import would do, and whether it did it."""

    plan_exists: bool
    rows: list[PreviewRow]
    groups: list[Group]
    problems: list[str]
    notes: list[str]
    decisions: list[Decision]
    missing: list[Item]
    facts: TitleFacts
    fingerprint: str
    # What the fingerprint digests (JSON), kept with the upload so that a preview gone stale
    # can say what changed (see `changed_since`).
    shown: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    committed: bool = False
    stale: bool = False
    # When stale: what differs from the preview the user saw, as they would read it.
    changed: list[str] = field(default_factory=list)

    @property
    def undecided(self) -> list[Decision]:
        return [d for d in self.decisions if not d.chosen]

    @property
    def ready(self) -> bool:
        return not self.problems and not self.undecided

    @property
    def items(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def pending(self) -> int:
        """Rows whose items wait for a decision (how many items they make is not known yet)."""
        return sum(1 for row in self.rows if row.action == "pending" and not row.problems)

    @property
    def summary(self) -> str:
        return (
            f"{format_count(len(self.groups))} nhóm; {format_count(self.created)} nhiệm vụ mới, "
            f"{format_count(self.updated)} cập nhật, {format_count(self.unchanged)} không đổi"
            + (
                f"; {format_count(self.pending)} dòng chờ chọn đơn vị chủ trì"
                if self.pending
                else ""
            )
            + (
                f"; {format_count(len(self.missing))} nhiệm vụ của kế hoạch không còn trong tệp "
                "(giữ nguyên)"
                if self.missing
                else ""
            )
        )


FIELD_NAMES = {
    "kind": "loại",
    "title": "nội dung",
    "description": "ghi chú",
    "lead_agency_id": "đơn vị chủ trì",
    "group_key": "nhóm",
    "deadline": "thời hạn",
    "is_recurring": "thường xuyên",
    "product_type": "sản phẩm",
    "metric": "chỉ tiêu",
    "unit": "đơn vị tính",
    "target": "giá trị chỉ tiêu",
    "budget_source": "nguồn kinh phí",
    "budget_note": "nguồn kinh phí",
    "coordinating": "đơn vị phối hợp",
    "start_date": "ngày bắt đầu",
}


def plan_import(
    *,
    annex: Annex,
    programme: Programme,
    number: str,
    issued_on: dt.date,
    issuing_agency: Agency,
    title: str,
    kind: str = ItemKind.TASK,
    decisions: Mapping[str, str] | None = None,
    use_successors: bool = False,
    default_deadline: dt.date | None = None,
    expect: str | None = None,
    shown: str = "",
    actor: Any = None,
    commit: bool = False,
) -> Preview:
    """Preview the import; with commit=True write it if nothing blocks it (see the module)."""
    resolver = _Resolver(annex, issuing_agency, issued_on, decisions or {}, use_successors)
    problems = list(annex.problems)
    notes = list(annex.notes)
    if programme.code == "DA06" and annex.facts.is_de_an_06 is False:
        problems.append(
            f"Tệp “{annex.name}” ghi thực hiện {annex.facts.implements or 'một văn bản khác'}, "
            "không phải Đề án 06 (Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính "
            "phủ); hãy chọn đúng đề án, chương trình mà kế hoạch thực hiện."
        )
    fallback = default_deadline or annex.facts.horizon
    if not annex.has_deadline:
        if fallback is None:
            problems.append(
                f"Tệp “{annex.name}” không có cột thời hạn và tiêu đề không nêu năm thực hiện; "
                "hãy nhập “Thời hạn chung” cho các nhiệm vụ."
            )
        else:
            source = "theo thời hạn chung đã nhập" if default_deadline else "theo tiêu đề phụ lục"
            notes.append(
                f"Phụ lục không có cột thời hạn: mọi nhiệm vụ lấy thời hạn "
                f"{fallback:%d/%m/%Y} ({source})."
            )
    items: list[ImportedItem] = []
    rows: list[tuple[PreviewRow, list[str]]] = []
    group_names = {g.key: g for g in annex.groups}
    for row in annex.rows:
        deadline = row.deadline
        if deadline is None and not annex.has_deadline and fallback is not None:
            deadline = Deadline(fallback)
        built, preview_row = resolver.row(row, deadline, kind, group_names)
        items += built
        rows.append((preview_row, [item.code for item in built]))
    problems += [p for row in annex.rows for p in row.problems]
    problems += resolver.problems
    plan = Plan.objects.filter(issuing_agency=issuing_agency, number=number).first()
    changes = import_changes(plan, items)
    created = updated = unchanged = 0
    for preview_row, codes in rows:
        if preview_row.action == "pending" or not codes:
            continue
        states = []
        for code in codes:
            if code in changes.blocked:
                preview_row.problems.append(f"Nhiệm vụ {code}: {changes.blocked[code]}.")
                problems.append(
                    f"Trang “{preview_row.sheet}”, dòng {preview_row.line}: "
                    f"nhiệm vụ {code}: {changes.blocked[code]}."
                )
                states.append("blocked")
            elif code in changes.updated:
                preview_row.changes = sorted({FIELD_NAMES[f] for f in changes.updated[code]})
                states.append("update")
                updated += 1
            elif code in changes.unchanged:
                states.append("unchanged")
                unchanged += 1
            else:
                states.append("create")
                created += 1
        for state in ("blocked", "update", "create", "unchanged"):
            if state in states:
                preview_row.action = state
                break
    preview = Preview(
        plan_exists=plan is not None,
        rows=[r for r, _ in rows],
        groups=annex.groups,
        problems=problems,
        notes=notes,
        decisions=resolver.decision_list(),
        missing=changes.missing,
        facts=annex.facts,
        fingerprint="",
        created=created,
        updated=updated,
        unchanged=unchanged,
    )
    preview.shown = _payload(
        programme, number, issued_on, issuing_agency, title, annex.groups, items, changes
    )
    preview.fingerprint = hashlib.sha256(preview.shown.encode()).hexdigest()[:32]
    if commit and preview.ready:
        if expect is not None and expect != preview.fingerprint:
            preview.stale = True
            preview.changed = changed_since(shown, preview.shown)
            return preview
        groups = [ImportedGroup(g.key, g.code, g.name, g.parent) for g in annex.groups]
        try:
            with transaction.atomic():
                plan_import_apply(
                    programme=programme,
                    number=number,
                    issued_on=issued_on,
                    issuing_agency=issuing_agency,
                    title=title,
                    groups=groups,
                    items=items,
                    source=annex.name,
                    actor=actor,
                )
        except ValidationError as error:
            preview.problems.append(" ".join(error.messages))
            return preview
        preview.committed = True
    return preview


def _payload(
    programme: Programme,
    number: str,
    issued_on: dt.date,
    issuing_agency: Agency,
    title: str,
    groups: list[Group],
    items: list[ImportedItem],
    changes: Any,
) -> str:
    """Everything the import would write, as canonical JSON: its digest is the preview's
    fingerprint, so the import writes exactly what was shown."""
    payload = {
        "plan": [programme.code, number, issued_on.isoformat(), issuing_agency.pk, title],
        "groups": [[g.key, g.name, g.parent] for g in groups],
        "items": {
            item.code: {
                "start_date": str(item.start_date),
                **{name: str(value) for name, value in item.values().items()},
            }
            for item in items
        },
        "missing": [item.pk for item in changes.missing],
        "updated": changes.updated,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)


def changed_since(before: str, after: str) -> list[str]:
    """What differs between the preview shown (its JSON, "" if lost) and the one computed at
    "Nhập", in the words of the page: the plan, groups, each item and field."""
    try:
        old = json.loads(before) if before else None
    except ValueError:
        old = None
    if not isinstance(old, dict):
        return []
    new = json.loads(after)
    changed: list[str] = []
    if old.get("plan") != new["plan"]:
        changed.append("số, ngày ban hành, trích yếu hoặc đề án của kế hoạch")
    if old.get("groups") != new["groups"]:
        changed.append("các nhóm nhiệm vụ")
    old_items: dict[str, dict[str, str]] = old.get("items") or {}
    for code, values in new["items"].items():
        was = old_items.get(code)
        if was is None:
            changed.append(f"nhiệm vụ {code}: mới xuất hiện")
        elif was != values:
            fields = sorted(
                {
                    FIELD_NAMES.get(k, k)
                    for k in values.keys() | was.keys()
                    if values.get(k) != was.get(k)
                }
            )
            changed.append(f"nhiệm vụ {code}: {', '.join(fields)}")
    changed += [f"nhiệm vụ {code}: không còn" for code in old_items if code not in new["items"]]
    if old.get("missing") != new["missing"] or old.get("updated") != new["updated"]:
        changed.append("kế hoạch trong hệ thống vừa được cập nhật")
    return changed


class _Resolver:
    """Agencies of every row against the directory on the plan's date; decisions asked once per
    distinct text of the file."""

    def __init__(
        self,
        annex: Annex,
        province: Agency,
        on: dt.date,
        decisions: Mapping[str, str],
        use_successors: bool,
    ) -> None:
        self.annex = annex
        self.on = on
        self.province = province
        self.directory = Directory(province, on)
        self.answers = decisions
        self.use_successors = use_successors
        self.decisions: dict[str, Decision] = {}
        self.problems: list[str] = []
        self._bodies: list[Agency] | None = None

    def bodies(self) -> list[Agency]:
        """The provincial bodies valid on the date (not communes), for a lead to be chosen from."""
        if self._bodies is None:
            valid = (Q(valid_from__isnull=True) | Q(valid_from__lte=self.on)) & (
                Q(valid_to__isnull=True) | Q(valid_to__gte=self.on)
            )
            self._bodies = list(
                agency_subtree(self.province)
                .filter(valid)
                .exclude(kind__in=[AgencyKind.COMMUNE, AgencyKind.DISTRICT])
                .order_by("kind", "name")
            )
        return self._bodies

    def decision_list(self) -> list[Decision]:
        return list(self.decisions.values())

    def _ask(
        self, key: str, text: str, question: str, choices: list[tuple[str, str]], where: str
    ) -> str:
        decision = self.decisions.get(key)
        if decision is None:
            decision = Decision(key=key, text=text, question=question, choices=choices, lines=[])
            answer = self.answers.get(key) or self.answers.get(decision.field) or ""
            if answer and answer in {value for value, _ in choices}:
                decision.chosen = answer
            elif answer:
                self.problems.append(f"Lựa chọn “{answer}” cho “{text}” không có trong danh sách.")
            self.decisions[key] = decision
        decision.lines.append(where)
        return decision.chosen

    def row(
        self, row: Row, deadline: Deadline | None, kind: str, groups: Mapping[str, Group]
    ) -> tuple[list[ImportedItem], PreviewRow]:
        notes: list[str] = []
        leads, lead_label = self._leads(row)
        coordinators = self._coordinators(row, notes)
        path = []
        key = row.group
        while key and key in groups:
            path.append(f"{groups[key].code}. {groups[key].name}")
            key = groups[key].parent
        preview = PreviewRow(
            sheet=row.sheet,
            line=row.line,
            code=row.code,
            groups=" › ".join(reversed(path)),
            title=row.title,
            lead=lead_label,
            coordinators=[a.name for a in coordinators if a not in (leads or [])],
            deadline=_deadline_label(deadline, row),
            product=row.product.product_type,
            target=_target_label(row.product),
            budget=row.budget_text,
            action="pending" if leads is None else "create",
            problems=list(row.problems),
            notes=notes,
        )
        if leads is None or row.problems or deadline is None:
            return [], preview
        built: list[ImportedItem] = []
        co_leads = leads[1:] if len(leads) > 1 and not self._each(row) else []
        owners = leads if self._each(row) else leads[:1]
        if co_leads:
            preview.notes.append(
                "Đồng chủ trì: "
                + ", ".join(a.name for a in co_leads)
                + " (lưu là đơn vị phối hợp)."
            )
        for owner in owners:
            code = row.code if len(owners) == 1 else f"{row.code}-{owner.code.rsplit('.', 1)[-1]}"
            others = [a.pk for a in [*co_leads, *coordinators] if a.pk != owner.pk]
            built.append(
                ImportedItem(
                    code=code,
                    group_key=row.group,
                    kind=kind,
                    title=row.title,
                    description=row.note,
                    lead_agency_id=owner.pk,
                    coordinating=tuple(dict.fromkeys(others)),
                    start_date=self.on if deadline.day is None or deadline.day >= self.on else None,
                    deadline=deadline.day,
                    is_recurring=deadline.recurring,
                    product_type=row.product.product_type,
                    metric=row.product.metric,
                    unit=row.product.unit,
                    target=row.product.target,
                    budget_source=row.budget or BudgetSource.OWN,
                    budget_note=row.budget_text[:300],
                )
            )
            if len(code) > CODE_LIMIT:
                preview.problems.append(f"{row.where}: số thứ tự “{code}” quá dài.")
                self.problems.append(f"{row.where}: số thứ tự “{code}” quá dài.")
        if len(owners) > 1:
            preview.lead = f"Từng đơn vị ({format_count(len(owners))} nhiệm vụ): " + ", ".join(
                a.name for a in owners
            )
        return built, preview

    def _each(self, row: Row) -> bool:
        decision = self.decisions.get(self._lead_key(row))
        return decision is not None and decision.chosen == EACH

    @staticmethod
    def _lead_key(row: Row) -> str:
        return "lead:" + " ".join(row.lead.split())

    def _leads(self, row: Row) -> tuple[list[Agency] | None, str]:
        """The lead(s) of a row — None while a decision is pending — and how to show it."""
        if not row.lead:
            row.problems.append(f"{row.where}, cột {LABELS['lead']}: trống.")
            return None, ""
        match = self.directory.match(row.lead)
        for name in match.unmatched:
            row.problems.append(
                f"{row.where}, cột {LABELS['lead']}: không xác định được cơ quan “{name}” trong "
                f"danh mục cơ quan vào ngày {self.on:%d/%m/%Y}; hãy ghi đúng tên hoặc tên viết "
                "tắt của cơ quan."
            )
        for n in match.names:
            if n.not_yet_existing:
                row.problems.append(self._not_yet(row, "lead", n.text))
        if match.unmatched or any(n.not_yet_existing for n in match.names):
            return None, row.lead
        names = match.names
        if names and all(
            not n.collective and not n.vague and not n.abolished and len(n.agencies) == 1
            for n in names
        ):
            leads = [n.agencies[0] for n in names]
            return leads, leads[0].name
        candidates: list[Agency] = []
        reasons: list[str] = []
        for n in names:
            if n.abolished:
                successors = _names(n.successors) or "không có"
                reasons.append(
                    f"“{n.text}” không còn hoạt động vào ngày {self.on:%d/%m/%Y} (cơ quan kế "
                    f"thừa: {successors})"
                )
                candidates += n.successors
            elif n.collective:
                reasons.append(
                    f"“{n.text}” là tên chung của {format_count(len(n.agencies))} đơn vị"
                )
                candidates += n.agencies
            elif n.vague:
                reasons.append(f"“{n.text}” không nêu đơn vị cụ thể")
            else:
                candidates += n.agencies
        candidates = list(dict.fromkeys(candidates))
        if self.use_successors and all(not n.collective and not n.vague for n in names):
            primaries = [n.successors[0] for n in names if n.abolished and n.successors]
            plain = [n.agencies[0] for n in names if not n.abolished and n.agencies]
            if primaries:
                leads = list(dict.fromkeys([*plain, *primaries] if plain else primaries))
                return leads, leads[0].name + " (cơ quan kế thừa)"
        choices: list[tuple[str, str]] = []
        if len(candidates) > 1:
            choices.append(
                (
                    EACH,
                    f"Giao cho từng đơn vị: {format_count(len(candidates))} nhiệm vụ, mỗi "
                    "đơn vị một nhiệm vụ",
                )
            )
        pool = list(candidates) if len(candidates) <= 40 else []
        pool += [a for a in self.bodies() if a not in pool]
        choices += [(a.code, f"Giao cho {a.name}") for a in pool]
        chosen = self._ask(
            self._lead_key(row),
            row.lead,
            "Đơn vị chủ trì: " + "; ".join(reasons) + ". Chọn cách giao nhiệm vụ:",
            choices,
            row.where,
        )
        if not chosen:
            return None, "Cần chọn"
        if chosen == EACH:
            return candidates, "Từng đơn vị"
        agency = next((a for a in pool if a.code == chosen), None)
        if agency is None:
            return None, "Cần chọn"
        return [agency], agency.name

    def _not_yet(self, row: Row, column: str, text: str) -> str:
        return (
            f"{row.where}, cột {LABELS[column]}: “{text}” chưa được thành lập vào ngày ban hành "
            f"kế hoạch {self.on:%d/%m/%Y}; hãy kiểm tra ngày ban hành hoặc tên cơ quan."
        )

    def _coordinators(self, row: Row, notes: list[str]) -> list[Agency]:
        if not row.coord:
            return []
        match = self.directory.match(row.coord)
        chosen_bodies: list[Agency] = []
        for name in match.unmatched:
            # Coordinators a plan names that the directory lacks ("các ngân hàng thương mại trên
            # địa bàn") are not an error of the file: the user says what to do with them.
            choices = [(OMIT, "Không lưu (không phải cơ quan trong danh mục)")]
            choices += [(a.code, f"Là {a.name}") for a in self.bodies()]
            chosen = self._ask(
                "name:" + name,
                name,
                f"Đơn vị phối hợp “{name}” không có trong danh mục cơ quan của tỉnh vào ngày "
                f"{self.on:%d/%m/%Y}.",
                choices,
                row.where,
            )
            if not chosen:
                notes.append(f"“{name}” không có trong danh mục: cần chọn (xem phần trên).")
            elif chosen != OMIT:
                chosen_bodies += [a for a in self.bodies() if a.code == chosen]
        found = list(match.agencies)
        for n in match.names:
            if n.not_yet_existing:
                row.problems.append(self._not_yet(row, "coord", n.text))
            elif n.abolished:
                successors = _names(n.successors)
                if self.use_successors and n.successors:
                    found += n.successors
                    notes.append(f"“{n.text}” đã thôi hoạt động: dùng {successors}.")
                    continue
                choices = [(OMIT, "Bỏ, không lưu đơn vị này")]
                if n.successors:
                    choices.insert(0, (SUCCESSOR, f"Dùng cơ quan kế thừa: {successors}"))
                chosen = self._ask(
                    "name:" + n.text,
                    n.text,
                    f"Đơn vị phối hợp “{n.text}” không còn hoạt động vào ngày "
                    f"{self.on:%d/%m/%Y} (cơ quan kế thừa: {successors or 'không có'}).",
                    choices,
                    row.where,
                )
                if chosen == SUCCESSOR:
                    found += n.successors
                elif not chosen:
                    notes.append(f"“{n.text}” không còn hoạt động: cần chọn (xem phần trên).")
            elif n.vague:
                notes.append(
                    f"“{n.text}” không nêu đơn vị cụ thể: không lưu thành đơn vị phối hợp."
                )
            elif n.collective and not n.agencies:
                notes.append(
                    f"“{n.text}”: không có đơn vị nào như vậy vào ngày {self.on:%d/%m/%Y}; không "
                    "lưu thành đơn vị phối hợp."
                )
            elif n.collective:
                notes.append(f"“{n.text}”: {format_count(len(n.agencies))} đơn vị phối hợp.")
        return list(dict.fromkeys([*found, *chosen_bodies]))


def _names(agencies: tuple[Agency, ...] | list[Agency], shown: int = 5) -> str:
    """'Sở Nội vụ, Sở Y tế' or, for many, the first few and how many in all."""
    names = ", ".join(a.name for a in agencies[:shown])
    if len(agencies) > shown:
        names += f"… ({format_count(len(agencies))} đơn vị)"
    return names


def _deadline_label(deadline: Deadline | None, row: Row) -> str:
    if deadline is None:
        return row.deadline_text
    if deadline.recurring:
        return "Thường xuyên"
    return f"{deadline.day:%d/%m/%Y}" if deadline.day else ""


def _target_label(product: Product) -> str:
    if product.target is None:
        return ""
    return f"{format_decimal(product.target)} {product.unit}".strip()
