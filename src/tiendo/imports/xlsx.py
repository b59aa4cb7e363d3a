"""One streaming pass over an XLSX's XML before its values are read: limits, and what is hidden.

python-calamine reads the values (readers.py) but builds each sheet in memory whole, sized by
the cells it finds, and says nothing of hidden rows and columns. So every visible worksheet is
first walked here with expat (C, streaming, no tree, no DTD), and the file is refused as soon as
a sheet or the shared strings table goes past the limits, whatever the file declares: a sheet's
<dimension> may be missing (files written in streaming mode have none) or wrong, and 600.000
rows must be refused in well under a second, not read. The same pass notes hidden rows
(<row hidden="1">), hidden columns (<col min max hidden="1">) and merged cells. Hidden sheets
are not read at all, so they are not walked.
"""

from __future__ import annotations

import io
import xml.parsers.expat
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from openpyxl.reader.excel import ExcelReader
from openpyxl.xml.constants import SHARED_STRINGS

from tiendo.lib.text import format_number

_CHUNK = 64 * 1024
# Elements other than rows and cells (values, rich text runs, formats) per allowed cell.
_ELEMENTS_PER_CELL = 8
_TRUE = ("1", "true")
_LAST_COLUMN = 16_384  # XFD


class TooLarge(ValueError):
    """A sheet or the strings table goes past the limits; the message names it."""


class _Stop(Exception):
    """Walking ends here (enough is known)."""


@dataclass
class SheetLayout:
    """What a worksheet's XML says besides its values."""

    hidden_rows: set[int] = field(default_factory=set)  # row numbers, 1-based
    hidden_columns: set[int] = field(default_factory=set)  # 0-based
    merged: bool = False
    # Cells merged over several rows: (first row, column, rows spanned), 0-based (ODS; XLSX
    # and XLS ranges come from calamine).
    row_spans: list[tuple[int, int, int]] = field(default_factory=list)


def too_many_rows(sheet: str, max_rows: int) -> str:
    return (
        f"Trang “{sheet}” có hơn {format_number(max_rows)} dòng, vượt giới hạn "
        f"{format_number(max_rows)} dòng; không đọc tệp này. Hãy xóa các dòng thừa ở cuối trang "
        "hoặc tách phụ lục thành nhiều tệp."
    )


def too_wide(sheet: str, line: int, column: int, max_columns: int) -> str:
    return (
        f"Trang “{sheet}”, dòng {line}: có dữ liệu ở cột {column_letter(column)}, vượt giới hạn "
        f"{max_columns} cột; không đọc tệp này."
    )


def too_many_cells(sheet: str, max_cells: int) -> str:
    return (
        f"Trang “{sheet}” có hơn {format_number(max_cells)} ô dữ liệu, vượt giới hạn; không đọc "
        "tệp này."
    )


def column_letter(index: int) -> str:
    """0 -> 'A', 74 -> 'BW'."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_layout(
    data: bytes, *, name: str, max_rows: int, max_columns: int, max_cells: int
) -> dict[str, SheetLayout]:
    """The layout of every visible worksheet, by sheet name; `name` is the file's, for messages.

    Raises TooLarge for a strings table past `max_cells` strings, or the first visible sheet
    with more than `max_rows` rows, a value below row `max_rows` or right of column
    `max_columns`, or more than `max_cells` cells. Other damage raises what openpyxl or expat
    raise (the caller reports the file as unreadable).
    """
    reader = ExcelReader(io.BytesIO(data), read_only=True)
    layouts: dict[str, SheetLayout] = {}
    try:
        reader.read_manifest()
        reader.read_workbook()
        for strings in reader.package.findall(SHARED_STRINGS):
            if strings.PartName[1:] not in reader.valid_files:
                continue
            with reader.archive.open(strings.PartName[1:]) as source:
                if _count_strings(source, max_cells):
                    raise TooLarge(
                        f"Tệp “{name}” có hơn {format_number(max_cells)} chuỗi văn bản, vượt "
                        "giới hạn; không đọc tệp này."
                    )
        for sheet, rel in reader.parser.find_sheets():
            if sheet.state not in (None, "visible"):
                continue
            if "worksheet" not in rel.Type or rel.target not in reader.valid_files:
                continue
            with reader.archive.open(rel.target) as source:
                layouts[sheet.name] = _walk_sheet(
                    source,
                    sheet.name,
                    max_rows=max_rows,
                    max_columns=max_columns,
                    max_cells=max_cells,
                )
    finally:
        reader.archive.close()
    return layouts


def _count_strings(source: IO[bytes], max_cells: int) -> bool:
    """Whether the strings table holds or declares more than `max_cells` strings (or holds far
    more elements)."""
    strings = elements = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal strings, elements
        elements += 1
        if name == "si" or name.endswith(" si"):
            strings += 1
        elif name == "sst" or name.endswith(" sst"):
            # calamine reserves room for the declared count up front: 2³² strings abort the
            # process (the allocation fails, nothing to catch), so the declaration is checked.
            declared = max(int(attributes.get(key, "0")) for key in ("count", "uniqueCount"))
            if declared > max_cells:
                raise _Stop
        if strings > max_cells or elements > _ELEMENTS_PER_CELL * max_cells:
            raise _Stop

    try:
        stream_xml(source, start)
    except _Stop:
        return True
    return False


def _walk_sheet(
    source: IO[bytes], sheet: str, *, max_rows: int, max_columns: int, max_cells: int
) -> SheetLayout:
    layout = SheetLayout()
    rows = cells = elements = 0
    row = 0  # the current row's number
    position = -1  # the current cell's place in its row, for cells without a reference
    reference: str | None = None
    budget = _ELEMENTS_PER_CELL * max_cells

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal rows, cells, elements, row, position, reference
        elements += 1
        if elements > budget:
            raise TooLarge(too_many_cells(sheet, max_cells))
        local = name[name.rfind(" ") + 1 :]
        if local == "v" or local == "is":
            # A value: where calamine will put it (a cell's own reference wins over its row's).
            line, column = row, position
            if reference is not None:
                line, column = _split_reference(reference, row)
            if line > max_rows:
                raise TooLarge(too_many_rows(sheet, max_rows))
            if column >= max_columns:
                raise TooLarge(too_wide(sheet, line, column, max_columns))
        elif local == "c":
            cells += 1
            if cells > max_cells:
                raise TooLarge(too_many_cells(sheet, max_cells))
            position += 1
            reference = attributes.get("r")
        elif local == "row":
            rows += 1
            if rows > max_rows:
                raise TooLarge(too_many_rows(sheet, max_rows))
            number = attributes.get("r")
            row = row + 1 if number is None else int(number)
            position = -1
            if attributes.get("hidden") in _TRUE:
                layout.hidden_rows.add(row)
        elif local == "col":
            if attributes.get("hidden") in _TRUE:
                first, last = int(attributes["min"]), min(int(attributes["max"]), _LAST_COLUMN)
                layout.hidden_columns.update(range(first - 1, last))
        elif local == "mergeCell":
            layout.merged = True

    stream_xml(source, start)
    return layout


def _split_reference(reference: str, row: int) -> tuple[int, int]:
    """'AB12' -> (12, 27): the row number and the 0-based column. Letters are read in either
    case, as calamine reads them; a reference without digits keeps the row's number."""
    letters = reference.rstrip(_DIGITS)
    column = _COLUMNS.get(letters)
    if column is None:
        column = -1
        for char in letters.upper():
            if not "A" <= char <= "Z":
                raise ValueError(f"cell reference {reference!r}")
            column = (column + 1) * 26 + ord(char) - 65
    return (int(reference[len(letters) :]) if len(letters) < len(reference) else row), column


_DIGITS = "0123456789"
# Two-letter columns, looked up rather than computed: there is one reference per value.
_COLUMNS = {
    letters: index
    for index in range(26 * 27)
    for letters in (column_letter(index), column_letter(index).lower())
}


def stream_xml(
    source: IO[bytes],
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
) -> None:
    """Parse a package part with expat, names as "namespace local"; a DOCTYPE (entities, the
    way to a billion laughs) is refused with ValueError."""

    def refuse_doctype(*args: object) -> None:
        raise ValueError("DOCTYPE in a package part")

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = refuse_doctype
    while chunk := source.read(_CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
