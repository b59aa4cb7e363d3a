"""Every list, out as CSV or XLSX, with the filters of its page; streamed so size is no limit."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from io import StringIO
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from tiendo.lib.cells import csv_text, xlsx_cell
from tiendo.lib.dates import format_date

Value = str | int | float | dt.date | None


@dataclass(frozen=True)
class Table:
    """A list to export: its name, column titles and rows (produced lazily)."""

    name: str
    columns: Sequence[str]
    rows: Callable[[], Iterable[Sequence[Any]]]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, str):
        return csv_text(value)
    return str(value)


def iter_csv_rows(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], text: Callable[[Any], str] = _text
) -> Iterator[str]:
    """CSV in chunks (UTF-8 with a byte-order mark so Excel reads the diacritics); every text
    cell masked and neutralised (lib/cells.py). The one CSV writer of the product."""
    buffer = StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([csv_text(title) for title in columns])
    for row in rows:
        writer.writerow([text(v) for v in row])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def iter_csv(table: Table) -> Iterator[str]:
    return iter_csv_rows(table.columns, table.rows())


def write_xlsx(table: Table) -> IO[bytes]:
    """The table as a streamed workbook in a temporary file (read it back from the start)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.name[:31])
    settings: Any = sheet
    settings.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in table.columns:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in table.rows():
        cells = []
        for value in row:
            cell = xlsx_cell(sheet, value)
            if isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            cells.append(cell)
        sheet.append(cells)
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - returned open
    workbook.save(out)
    out.seek(0)
    return out
