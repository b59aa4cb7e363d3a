"""The annexes as a formatted Excel workbook, written in openpyxl's streaming mode so that a
national annex of a million rows needs bounded memory: header rows, frozen panes, filters,
column widths, real dates shown as dd/mm/yyyy, group headings as merged rows, and a print setup
(landscape A4, fitted to the page width, the column titles repeated on every printed page).

Reproducible: the same report gives the same bytes (core properties and zip entry dates are K).
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import IO, Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.writer.excel import ExcelWriter

from tiendo.documents.annexes import ANNEXES, Annex, Column, GroupRow, Value, reference
from tiendo.documents.docx_writer import NO_WRAP_KINDS, FixedTimeZipFile, utc_naive, zip_time
from tiendo.documents.report import Report
from tiendo.lib.cells import xlsx_cell
from tiendo.lib.dates import format_date

FONT = "Times New Roman"
TITLE = Font(name=FONT, size=13, bold=True)
NOTE = Font(name=FONT, size=11, italic=True)
HEAD = Font(name=FONT, size=11, bold=True)
BODY = Font(name=FONT, size=11)
GROUP = (Font(name=FONT, size=11, bold=True), Font(name=FONT, size=11, bold=True, italic=True))
THIN = Side(style="thin", color="808080")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
PLAN_FILL = PatternFill("solid", fgColor="E7E6E6")
WRAP = Alignment(wrap_text=True, vertical="top")
NO_WRAP = Alignment(wrap_text=False, horizontal="center", vertical="top")
HEADER_ROWS = 4  # title, reference, cut-off, column titles
INCH_MM = 25.4
# The fewest characters a no-wrap column shows: dd/mm/yyyy; a TT up to 1.000.000; a code.
MIN_CHARS = {"date": 12, "number": 9, "code": 10}


def write_xlsx(report: Report, out: IO[bytes] | None = None) -> bytes:
    """Write the workbook to out (or return its bytes)."""
    known_at = report.spec.as_of.known_at
    workbook = Workbook(write_only=True)
    properties = workbook.properties
    properties.created = properties.modified = utc_naive(known_at)
    properties.creator = properties.lastModifiedBy = report.spec.issuing_body
    properties.title = f"Phụ lục Báo cáo số {report.spec.number}"
    for annex in ANNEXES:
        _sheet(workbook.create_sheet(annex.sheet), annex, report)
    target = out or BytesIO()
    # ExcelWriter rather than workbook.save: save() stamps "modified" with the current time,
    # and the fixed-time archive gives every zip entry K's date.
    ExcelWriter(workbook, FixedTimeZipFile(target, zip_time(known_at))).save()
    return target.getvalue() if isinstance(target, BytesIO) else b""


def column_chars(column: Column) -> float:
    """A column's width in characters: its own, never less than its longest title word, and
    for a code, a date or a number never less than the value needs (such cells do not wrap)."""
    word = max((len(part) for part in column.title.split()), default=0) + 2
    least = MIN_CHARS.get(column.kind, 0)
    return max(column.width, word, least)


def _sheet(sheet: WriteOnlyWorksheet, annex: Annex, report: Report) -> None:
    # The streaming sheet takes widths, panes, filters and print setup before its first row
    # (the stubs do not declare them, hence the Any).
    settings: Any = sheet
    for index, column in enumerate(annex.columns, start=1):
        settings.column_dimensions[get_column_letter(index)].width = column_chars(column)
    settings.freeze_panes = f"A{HEADER_ROWS + 1}"
    width = len(annex.columns)
    last = get_column_letter(width)
    settings.auto_filter.ref = f"A{HEADER_ROWS}:{last}{HEADER_ROWS}"
    _print_setup(settings)
    sheet.append([_cell(sheet, f"{annex.label}. {annex.title}", TITLE)])
    sheet.append([_cell(sheet, reference(report), NOTE)])
    as_of = report.spec.as_of
    known_at = timezone.localtime(as_of.known_at)
    sheet.append(
        [
            _cell(
                sheet,
                f"Số liệu tính đến ngày {format_date(as_of.date)}; dữ liệu ghi nhận đến "
                f"{known_at:%H:%M} ngày {format_date(known_at.date())}.",
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
    alignments = [NO_WRAP if column.kind in NO_WRAP_KINDS else WRAP for column in annex.columns]
    # Merged ranges go straight into the set: MultiCellRange.add checks every earlier range.
    merged = settings.merged_cells.ranges
    row_number = HEADER_ROWS
    for values in annex.rows(report):
        row_number += 1
        if isinstance(values, GroupRow):
            sheet.append(_group(sheet, values, width))
            merged.add(CellRange(min_col=1, min_row=row_number, max_col=width, max_row=row_number))
            continue
        sheet.append(
            [
                _value(sheet, value, alignment)
                for value, alignment in zip(values, alignments, strict=True)
            ]
        )


def _print_setup(settings: Any) -> None:
    """Landscape A4, all columns on the page width, as many pages down as needed, the column
    titles on every page, the decree's margins and the page number at the top."""
    setup = settings.page_setup
    setup.orientation = "landscape"
    setup.paperSize = 9  # A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    settings.sheet_properties.pageSetUpPr.fitToPage = True
    settings.print_title_rows = f"{HEADER_ROWS}:{HEADER_ROWS}"
    margins = settings.page_margins
    margins.left, margins.right = 30 / INCH_MM, 15 / INCH_MM
    margins.top, margins.bottom = 20 / INCH_MM, 20 / INCH_MM
    margins.header, margins.footer = 10 / INCH_MM, 10 / INCH_MM
    settings.print_options.horizontalCentered = True
    header = settings.oddHeader.center
    header.text, header.font, header.size = "&P", FONT, 13


def _group(sheet: WriteOnlyWorksheet, group: GroupRow, width: int) -> list[Cell]:
    font = GROUP[0] if group.level < 2 else GROUP[1]
    first = _cell(sheet, group.text, font)
    first.alignment = Alignment(wrap_text=True, vertical="top", indent=2 * group.level)
    cells = [first] + [_cell(sheet, None, font) for _ in range(width - 1)]
    for cell in cells:
        cell.border = GRID
        if group.level == 0:
            cell.fill = PLAN_FILL
    return cells


def _cell(sheet: WriteOnlyWorksheet, value: Value, font: Font) -> Cell:
    cell = xlsx_cell(sheet, value)
    cell.font = font
    return cell


def _value(sheet: WriteOnlyWorksheet, value: Value, alignment: Alignment = WRAP) -> Cell:
    cell = _cell(sheet, value, BODY)
    cell.border = GRID
    cell.alignment = alignment
    if isinstance(value, dt.date):
        cell.number_format = "DD/MM/YYYY"
    return cell
