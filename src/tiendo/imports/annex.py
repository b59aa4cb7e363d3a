"""Import of a plan annex ("Phụ lục: Danh mục nhiệm vụ…") from XLSX or CSV.

Real annexes have title rows above the table, merged or two-row headers, group rows numbered
with Roman numerals, items numbered 1, 2 or 1.1, columns in any order and wording, deadlines as
dates or periods, and agencies named as people write them. `read_annex` turns the file into rows
and problems (sheet, row, column); `plan_import` previews what will be created or changed and,
when asked and only if there is no problem, writes everything in one transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from openpyxl import load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from tiendo.agencies.models import Agency
from tiendo.imports.cells import (
    CellError,
    Deadline,
    Product,
    numbering,
    read_deadline,
    read_product,
)
from tiendo.imports.matching import Directory
from tiendo.imports.xlsx import TooLarge, check_sizes, too_many_rows
from tiendo.lib.filetypes import UploadRejected, check_upload
from tiendo.lib.text import fold, format_number
from tiendo.plans.models import Item, ItemKind, Plan, Programme
from tiendo.plans.services import group_upsert, item_upsert, plan_upsert

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS, MAX_COLUMNS = 20_000, 60

# Column -> ways headers name it (folded, matched as substrings; the first match wins).
HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("stt", "tt", "so tt"),
    "title": ("noi dung", "nhiem vu", "ten mo hinh", "mo hinh"),
    "lead": ("chu tri",),
    "coord": ("phoi hop",),
    "deadline": ("thoi gian hoan thanh", "thoi han", "hoan thanh", "thoi gian"),
    "product": ("san pham", "ket qua dau ra", "ket qua"),
    "note": ("ghi chu",),
}
REQUIRED = ("title", "lead", "deadline")
LABELS = {
    "code": "Số thứ tự",
    "title": "Nội dung nhiệm vụ",
    "lead": "Cơ quan chủ trì",
    "coord": "Cơ quan phối hợp",
    "deadline": "Thời gian hoàn thành",
    "product": "Sản phẩm",
    "note": "Ghi chú",
}


class AnnexRejected(ValueError):
    """The file cannot be imported at all (not a spreadsheet, too large, no table…)."""


@dataclass
class Row:
    """One item row of the annex, as read (agencies still as written)."""

    sheet: str
    line: int
    group: str | None
    code: str
    title: str
    lead: str
    coord: str
    deadline: Deadline | None
    product: Product
    note: str


@dataclass
class Annex:
    groups: list[tuple[str, str]] = field(default_factory=list)  # (numeral, name)
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_annex(name: str, data: bytes) -> Annex:
    """The annex's rows and problems; AnnexRejected if the file cannot be read at all.

    Sizes are checked while streaming, never trusted from the file: a sheet's declared
    dimension may be missing (files written in streaming mode have none) or wrong, so rows are
    counted as they are read and reading stops at the first one past MAX_ROWS.
    """
    if len(data) > MAX_BYTES:
        raise AnnexRejected(
            f"Tệp “{name}” dung lượng {format_number(len(data) / 1024 / 1024, 1)} MB vượt quá "
            f"giới hạn {MAX_BYTES // 1024 // 1024} MB."
        )
    if name.lower().endswith(".csv"):
        sheet, rows = "CSV", _read_csv(name, data)
    else:
        sheet, rows = _read_xlsx(name, data)
    return _read_table(sheet, rows)


def _read_csv(name: str, data: bytes) -> list[tuple[int, list[Any]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnnexRejected(f"Tệp “{name}” không phải văn bản UTF-8 (CSV).") from None
    try:
        return list(_limited("CSV", enumerate(csv.reader(io.StringIO(text)), start=1)))
    except csv.Error as error:
        raise AnnexRejected(f"Tệp “{name}” không đọc được như bảng CSV ({error}).") from None


def _read_xlsx(name: str, data: bytes) -> tuple[str, list[tuple[int, list[Any]]]]:
    try:
        check_upload(name, io.BytesIO(data), len(data), MAX_BYTES)
    except UploadRejected as error:
        raise AnnexRejected(str(error)) from None
    try:
        check_sizes(data, max_rows=MAX_ROWS, max_cells=MAX_ROWS * MAX_COLUMNS)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            if not isinstance(sheet, ReadOnlyWorksheet):  # read_only=True gives one
                raise TypeError(sheet)
            # A declared size beyond the limits refuses the file before any row is parsed.
            rows, columns = sheet.max_row or 0, sheet.max_column or 0
            if rows > MAX_ROWS or columns > MAX_COLUMNS:
                raise AnnexRejected(
                    f"Trang “{sheet.title}” khai báo {format_number(rows)} dòng × "
                    f"{format_number(columns)} cột, vượt giới hạn {format_number(MAX_ROWS)} dòng "
                    f"× {MAX_COLUMNS} cột; không đọc tệp này."
                )
            # The declared size may also be absent or too small (openpyxl would stop at it and
            # drop the rows below): forget it and count.
            sheet.reset_dimensions()
            # Missing rows come back empty, so the count is the real row number.
            numbered = enumerate(sheet.iter_rows(values_only=True), start=1)
            return sheet.title, list(_limited(sheet.title, numbered))
        finally:
            workbook.close()
    except AnnexRejected:
        raise
    except TooLarge as error:
        raise AnnexRejected(str(error)) from None
    except Exception:  # a damaged package: openpyxl raises KeyError, ParseError, ValueError…
        raise AnnexRejected(
            f"Tệp “{name}” bị hỏng, không đọc được như bảng tính Excel; hãy mở bằng Excel, lưu "
            "lại thành tệp .xlsx rồi tải lên."
        ) from None


def _limited(
    sheet: str, numbered: Iterable[tuple[int, Sequence[Any]]]
) -> Iterator[tuple[int, list[Any]]]:
    """The rows as they stream, refusing the file at the first one past the limits."""
    for line, cells in numbered:
        if line > MAX_ROWS:
            raise AnnexRejected(too_many_rows(sheet, MAX_ROWS))
        values = list(cells)
        while values and values[-1] in (None, ""):
            values.pop()
        if len(values) > MAX_COLUMNS:
            raise AnnexRejected(
                f"Trang “{sheet}”, dòng {line}: có dữ liệu ở cột "
                f"{_column_letter(len(values) - 1)}, vượt giới hạn {MAX_COLUMNS} cột; không đọc "
                "tệp này."
            )
        yield line, values


def _find_header(rows: list[tuple[int, list[Any]]]) -> tuple[int, dict[str, int]] | None:
    for position, (_, cells) in enumerate(rows[:20]):
        texts = [fold(str(c or "")) for c in cells]
        if sum(1 for t in texts if t) < 3:
            continue  # a title row above the table
        if not any("noi dung" in t or "nhiem vu" in t or "mo hinh" in t for t in texts):
            continue
        below = (
            [fold(str(c or "")) for c in rows[position + 1][1]] if position + 1 < len(rows) else []
        )
        columns: dict[str, int] = {}
        for index in range(max(len(texts), len(below))):
            label = " ".join(
                t
                for t in (
                    texts[index] if index < len(texts) else "",
                    below[index] if index < len(below) else "",
                )
                if t
            )
            for name, words in HEADERS.items():
                if name not in columns and any(
                    w == label or w in label.split(" ") or (" " in w and w in label) for w in words
                ):
                    columns[name] = index
                    break
        return position, columns
    return None


def _read_table(sheet: str, rows: list[tuple[int, list[Any]]]) -> Annex:
    annex = Annex()
    header = _find_header(rows)
    if header is None:
        raise AnnexRejected(f"Trang “{sheet}”: không tìm thấy dòng tiêu đề có cột “Nội dung”.")
    position, columns = header
    missing = [LABELS[c] for c in REQUIRED if c not in columns]
    if missing:
        raise AnnexRejected(f"Trang “{sheet}”: thiếu cột {', '.join(missing)}.")
    group: str | None = None
    for line, cells in rows[position + 1 :]:
        for index, value in enumerate(cells):
            if isinstance(value, str) and value.startswith("="):
                column = _column_letter(index)
                annex.problems.append(
                    f"Trang “{sheet}”, dòng {line}, ô {column}{line}: chứa công thức "
                    f"“{value[:40]}”; hãy dán giá trị thay cho công thức."
                )

        def get(name: str, cells: list[Any] = cells) -> Any:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else None

        first = next((c for c in cells if c not in (None, "")), None)
        if first is None:
            continue  # a blank row
        title = str(get("title") or "").strip()
        label = fold(" ".join(str(c) for c in cells if c not in (None, "")))
        if label.startswith(("tong cong", "tong so", "cong")):
            continue  # a totals row
        number = numbering(get("code") if "code" in columns else first)
        if number and number[0] == "group":
            numeral = number[1]
            rest = str(get("code") or "").strip()[len(numeral) :].lstrip(".) ").strip()
            name = title or rest or " ".join(str(c) for c in cells[1:] if c)
            annex.groups.append((numeral, name.strip()))
            group = numeral
            continue
        if number is None and not title:
            continue
        if number is None:
            # A sub-header under the header (e.g. "(1)", "(2)") or a stray line.
            if all(
                str(c or "").strip().strip("()").isdigit() for c in cells if c not in (None, "")
            ):
                continue
            annex.problems.append(f"Trang “{sheet}”, dòng {line}: không có số thứ tự của nhiệm vụ.")
            continue
        where = f"Trang “{sheet}”, dòng {line}"
        if not title:
            annex.problems.append(f"{where}, cột {LABELS['title']}: trống.")
        deadline: Deadline | None = None
        try:
            deadline = read_deadline(get("deadline"))
        except CellError as error:
            annex.problems.append(f"{where}, cột {LABELS['deadline']}: {error}.")
        annex.rows.append(
            Row(
                sheet=sheet,
                line=line,
                group=group,
                code=number[1],
                title=title,
                lead=str(get("lead") or "").strip(),
                coord=str(get("coord") or "").strip(),
                deadline=deadline,
                product=read_product(str(get("product") or "")),
                note=str(get("note") or "").strip(),
            )
        )
    if not annex.rows and not annex.problems:
        annex.problems.append(f"Trang “{sheet}”: không có nhiệm vụ nào dưới dòng tiêu đề.")
    return annex


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass
class Preview:
    """What an import would do: counts to create and update, and every problem found."""

    plan_exists: bool
    create: list[Row]
    update: list[Row]
    groups: list[tuple[str, str]]
    problems: list[str]
    committed: bool = False


def plan_import(
    *,
    annex: Annex,
    programme: Programme,
    number: str,
    issued_on: dt.date,
    issuing_agency: Agency,
    title: str,
    kind: str = ItemKind.TASK,
    commit: bool = False,
) -> Preview:
    """Check every row against the directory; with commit=True and no problem, write it all."""
    directory = Directory(issuing_agency, issued_on)
    problems = list(annex.problems)
    resolved: list[tuple[Row, Agency, list[Agency], list[Agency]]] = []
    for row in annex.rows:
        lead = directory.match(row.lead)
        coord = directory.match(row.coord)
        where = f"Trang “{row.sheet}”, dòng {row.line}"
        if not row.lead:
            problems.append(f"{where}, cột {LABELS['lead']}: trống.")
        for name in lead.unmatched:
            problems.append(
                f"{where}, cột {LABELS['lead']}: không xác định được cơ quan “{name}”; hãy "
                "ghi đúng tên hoặc tên viết tắt của cơ quan."
            )
        for name in coord.unmatched:
            problems.append(
                f"{where}, cột {LABELS['coord']}: không xác định được cơ quan “{name}”."
            )
        if lead.agencies:
            first, *rest = lead.agencies
            resolved.append((row, first, rest, coord.agencies))
    plan = Plan.objects.filter(issuing_agency=issuing_agency, number=number).first()
    existing = set(Item.objects.filter(plan=plan).values_list("code", flat=True)) if plan else set()
    preview = Preview(
        plan_exists=plan is not None,
        create=[r for r in annex.rows if r.code not in existing],
        update=[r for r in annex.rows if r.code in existing],
        groups=annex.groups,
        problems=problems,
    )
    if commit and not problems:
        with transaction.atomic():
            _write(annex, resolved, programme, number, issued_on, issuing_agency, title, kind)
        preview.committed = True
    return preview


def _write(
    annex: Annex,
    resolved: list[tuple[Row, Agency, list[Agency], list[Agency]]],
    programme: Programme,
    number: str,
    issued_on: dt.date,
    issuing_agency: Agency,
    title: str,
    kind: str,
) -> None:
    plan = plan_upsert(
        programme=programme,
        number=number,
        issued_on=issued_on,
        issuing_agency=issuing_agency,
        title=title,
    )
    groups = {
        numeral: group_upsert(plan=plan, position=position, code=numeral, name=name[:500])
        for position, (numeral, name) in enumerate(annex.groups, start=1)
    }
    for row, lead, more_leads, coordinating in resolved:
        deadline = row.deadline or Deadline(None, recurring=True)
        item_upsert(
            plan=plan,
            kind=kind,
            code=row.code,
            title=row.title[:1000],
            description=row.note,
            lead_agency=lead,
            coordinating_agencies=[*more_leads, *coordinating],
            group=groups.get(row.group or ""),
            start_date=issued_on if deadline.day is None or deadline.day >= issued_on else None,
            deadline=deadline.day,
            is_recurring=deadline.recurring,
            product_type=row.product.product_type[:200],
            metric=row.product.metric[:300],
            unit=row.product.unit[:50],
            target=row.product.target,
        )
