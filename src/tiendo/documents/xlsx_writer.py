"""The annexes as a formatted Excel workbook, written in openpyxl's streaming mode so that a
national annex of a million rows needs bounded memory: header rows, frozen panes, filters,
column widths and real dates shown as dd/mm/yyyy."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from tiendo.documents.annexes import ANNEXES, Annex, GroupRow, Value, reference
from tiendo.documents.report import Report
from tiendo.lib.cells import xlsx_cell
from tiendo.lib.dates import format_date

TITLE = Font(name="Times New Roman", size=13, bold=True)
NOTE = Font(name="Times New Roman", size=11, italic=True)
HEAD = Font(name="Times New Roman", size=11, bold=True)
BODY = Font(name="Times New Roman", size=11)
THIN = Side(style="thin", color="808080")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ROWS = 4  # title, reference, cut-off, column titles


def write_xlsx(report: Report, out: IO[bytes] | None = None) -> bytes:
    """Write the workbook to out (or return its bytes)."""
    workbook = Workbook(write_only=True)
    for annex in ANNEXES:
        _sheet(workbook.create_sheet(annex.sheet), annex, report)
    target = out or BytesIO()
    workbook.save(target)
    return target.getvalue() if isinstance(target, BytesIO) else b""


def _sheet(sheet: WriteOnlyWorksheet, annex: Annex, report: Report) -> None:
    # The streaming sheet takes widths, panes and filters before its first row (the stubs
    # do not declare them, hence the Any).
    settings: Any = sheet
    for index, column in enumerate(annex.columns, start=1):
        settings.column_dimensions[get_column_letter(index)].width = column.width
    settings.freeze_panes = f"A{HEADER_ROWS + 1}"
    last = get_column_letter(len(annex.columns))
    settings.auto_filter.ref = f"A{HEADER_ROWS}:{last}{HEADER_ROWS}"
    sheet.append([_cell(sheet, f"{annex.label}. {annex.title}", TITLE)])
    sheet.append([_cell(sheet, reference(report), NOTE)])
    as_of = report.spec.as_of
    sheet.append(
        [
            _cell(
                sheet,
                f"Số liệu tính đến ngày {format_date(as_of.date)}; dữ liệu ghi nhận đến "
                f"{as_of.known_at:%H:%M} ngày {format_date(as_of.known_at.date())}.",
                NOTE,
            )
        ]
    )
    header = []
    for column in annex.columns:
        cell = _cell(sheet, column.title, HEAD)
        cell.fill = HEAD_FILL
        cell.border = GRID
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        header.append(cell)
    sheet.append(header)
    for values in annex.rows(report):
        if isinstance(values, GroupRow):
            continue
        sheet.append([_value(sheet, value) for value in values])


def _cell(sheet: WriteOnlyWorksheet, value: Value, font: Font) -> Cell:
    cell = xlsx_cell(sheet, value)
    cell.font = font
    return cell


def _value(sheet: WriteOnlyWorksheet, value: Value) -> Cell:
    cell = _cell(sheet, value, BODY)
    cell.border = GRID
    cell.alignment = WRAP
    if isinstance(value, dt.date):
        cell.number_format = "DD/MM/YYYY"
    return cell
