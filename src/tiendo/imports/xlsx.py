"""Sizing an XLSX before openpyxl reads it, without trusting what the file declares.

openpyxl in read-only mode looks for each sheet's <dimension> record when the workbook opens,
and a sheet without one (files written in streaming mode have none) is parsed to its end just
to find out: 450.000 rows took 30 s before a single row was read. So every sheet without a
dimension, and the shared strings table, are first counted here with expat (C, streaming, no
tree, no DTD) and the file is refused as soon as one goes past the limits. Sheets that declare
a dimension are counted later, while their rows stream (annex._limited), since the declared
size can be wrong.
"""

from __future__ import annotations

import io
import xml.parsers.expat
from typing import IO

from openpyxl.reader.excel import ExcelReader
from openpyxl.xml.constants import SHARED_STRINGS

from tiendo.lib.text import format_number

_CHUNK = 64 * 1024
# Elements other than rows and cells (values, rich text runs, formats) per allowed cell.
_ELEMENTS_PER_CELL = 8


class TooLarge(ValueError):
    """A sheet or the strings table goes past the limits; the message names it."""


class _Stop(Exception):
    """Counting ends here (enough is known)."""


def too_many_rows(sheet: str, max_rows: int) -> str:
    return (
        f"Trang “{sheet}” có hơn {format_number(max_rows)} dòng, vượt giới hạn "
        f"{format_number(max_rows)} dòng; không đọc tệp này. Hãy xóa các dòng thừa ở cuối trang "
        "hoặc tách phụ lục thành nhiều tệp."
    )


def check_sizes(data: bytes, *, max_rows: int, max_cells: int) -> None:
    """Raise TooLarge for the first sheet without a dimension past `max_rows` rows or
    `max_cells` cells, or a strings table past `max_cells` strings. Other damage raises what
    openpyxl or expat raise (the caller reports the file as unreadable)."""
    reader = ExcelReader(io.BytesIO(data), read_only=True)
    try:
        reader.read_manifest()
        reader.read_workbook()
        for strings in reader.package.findall(SHARED_STRINGS):
            if strings.PartName[1:] not in reader.valid_files:
                continue
            with reader.archive.open(strings.PartName[1:]) as source:
                if _count(source, max_rows=None, max_cells=max_cells, unit="si") != "fits":
                    raise TooLarge(
                        f"Tệp có hơn {format_number(max_cells)} chuỗi văn bản, vượt giới hạn; "
                        "không đọc tệp này."
                    )
        for sheet, rel in reader.parser.find_sheets():
            if "worksheet" not in rel.Type or rel.target not in reader.valid_files:
                continue
            with reader.archive.open(rel.target) as source:
                verdict = _count(source, max_rows=max_rows, max_cells=max_cells, unit="c")
            if verdict == "rows":
                raise TooLarge(too_many_rows(sheet.name, max_rows))
            if verdict == "cells":
                raise TooLarge(
                    f"Trang “{sheet.name}” có hơn {format_number(max_cells)} ô dữ liệu, vượt giới "
                    "hạn; không đọc tệp này."
                )
    finally:
        reader.archive.close()


def _count(source: IO[bytes], *, max_rows: int | None, max_cells: int, unit: str) -> str:
    """'fits', or what went past its limit: 'rows', 'cells' (`unit` elements, or elements of
    any kind past _ELEMENTS_PER_CELL times as many). A sheet's <dimension> before its data
    ends the count: openpyxl stops there too."""
    rows = cells = elements = 0
    in_data = False

    def start(name: str, attributes: object) -> None:
        nonlocal rows, cells, elements, in_data
        local = name.rpartition(" ")[2]
        elements += 1
        if local == "dimension" and not in_data and max_rows is not None:
            raise _Stop("fits")
        if local == "sheetData":
            in_data = True
        elif local == "row":
            rows += 1
            if max_rows is not None and rows > max_rows:
                raise _Stop("rows")
        elif local == unit:
            cells += 1
            if cells > max_cells:
                raise _Stop("cells")
        if elements > _ELEMENTS_PER_CELL * max_cells:
            raise _Stop("cells")

    def refuse_doctype(*args: object) -> None:
        raise ValueError("DOCTYPE in a package part")

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse_doctype
    try:
        while chunk := source.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Stop as stop:
        return str(stop)
    return "fits"
