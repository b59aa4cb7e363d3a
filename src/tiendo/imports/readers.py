"""Any file a province publishes its plan annex in, turned into plain rows.

`read_workbook` tells the format by content (magic bytes, ZIP members, compound-file streams),
never by the name alone, and the name's extension must agree. What it reads:

- XLSX and ODS: values with python-calamine (cached formula results, dates as dates), after one
  expat pass that refuses a sheet past the limits before anything is built in memory and finds
  hidden rows and columns (xlsx.py for XLSX; `_OdsWalk` for ODS). Hidden sheets are skipped.
- XLS (Excel 97-2003, BIFF8): values and hidden sheets with python-calamine; hidden rows and
  columns from the ROW and COLINFO records, walked here first (`_xls_layout`) since calamine
  does not report them. A file that walk cannot verify (Excel 95, damage) is refused: calamine
  aborts the process on some damaged files instead of raising.
- CSV: UTF-8 with or without BOM, or UTF-16; the separator (",", ";" or Tab) is sniffed. Legacy
  code pages are refused rather than guessed: a wrong guess garbles every agency's name.
- DOCX: each table is a sheet ("Bảng 1", "Bảng 2"…); the text before the first table of data is
  the preamble (title, number, date).

Everything else (PDF, images, Word 97-2003, files with macros, damaged or oversized files) is
refused with AnnexRejected, whose message names the file and says what to do instead.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import docx
from docx.oxml.table import CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from python_calamine import (
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from tiendo.imports.xlsx import (
    SheetLayout,
    TooLarge,
    column_letter,
    read_layout,
    stream_xml,
    too_many_cells,
    too_many_rows,
    too_wide,
)
from tiendo.lib.filetypes import (
    SuspiciousArchive,
    compound_entries,
    office_has_macros,
    safe_filename,
    sniff,
)
from tiendo.lib.text import format_count, format_number

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS, MAX_COLUMNS = 20_000, 60
MAX_CELLS = MAX_ROWS * MAX_COLUMNS
# A Word table row costs about 2 kB of XML; python-docx holds the whole tree in memory.
MAX_DOCUMENT_XML = 64 * 1024 * 1024
PREAMBLE_LINES = 60
# A Word table this narrow and short before the data is the document's header (agency and
# national motto side by side, "Số: …" beside the date), laid out as a borderless table.
HEADER_TABLE_COLUMNS, HEADER_TABLE_ROWS = 2, 6
SEPARATORS = {",": "“,”", ";": "“;”", "\t": "Tab"}
SNIFF_CHARS, SNIFF_RECORDS = 64 * 1024, 50

KINDS = {  # kind -> what it is, in a message, and the extensions that may carry it
    "xlsx": ("bảng tính Excel (.xlsx)", (".xlsx", ".xlsm")),
    "xls": ("bảng tính Excel 97–2003 (.xls)", (".xls",)),
    "ods": ("bảng tính OpenDocument (.ods)", (".ods",)),
    "csv": ("văn bản CSV (.csv)", (".csv", ".txt")),
    "docx": ("văn bản Word (.docx)", (".docx", ".docm")),
}
_PACKAGE_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    KeyError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)
_PROGRAMS = {  # kind -> how to save it again, in a message
    "xlsx": "mở bằng Excel, lưu lại thành tệp .xlsx",
    "xls": "mở bằng Excel, lưu lại thành tệp .xlsx",
    "ods": "mở bằng LibreOffice Calc hoặc Excel, lưu lại thành tệp .xlsx",
    "docx": "mở bằng Word, lưu lại thành tệp .docx",
    "csv": "mở bằng Excel, lưu lại thành “CSV UTF-8 (Comma delimited) (*.csv)”",
}
_IMAGES = {
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}
_INSTEAD = "Hãy tải lên tệp Word (.docx) hoặc Excel (.xlsx) của phụ lục."
_OTHER_KINDS = {  # sniffed kinds we cannot read -> why, and what to do instead
    "pdf": f"là PDF: không đọc được bảng từ PDF. {_INSTEAD}",
    "doc": (
        "là tệp Word 97–2003 (.doc), không đọc được. Hãy mở bằng Word, chọn Tệp › Lưu thành › "
        "Tài liệu Word (.docx) rồi tải lên tệp .docx."
    ),
    "odt": (
        "là văn bản OpenDocument (.odt), không đọc được. Hãy mở bằng LibreOffice Writer hoặc "
        "Word, lưu thành Tài liệu Word (.docx) rồi tải lên."
    ),
    "encrypted": (
        "được đặt mật khẩu nên không đọc được. Hãy mở tệp, bỏ mật khẩu (Tệp › Thông tin › Bảo "
        "vệ) rồi lưu lại và tải lên."
    ),
    "rtf": "là văn bản RTF, không đọc được. Hãy mở bằng Word, lưu thành .docx rồi tải lên.",
    "html": (
        "là trang web (HTML), không phải bảng tính, dù có thể mở được bằng Excel. Hãy mở bằng "
        "Excel, chọn Lưu thành › Sổ làm việc Excel (.xlsx) rồi tải lên."
    ),
    "xml": (
        "là tệp XML, không phải bảng tính đọc được. Hãy mở bằng Excel, chọn Lưu thành › Sổ làm "
        "việc Excel (.xlsx) rồi tải lên."
    ),
    "zip": f"là tệp nén, không phải bảng tính hay văn bản Word. {_INSTEAD}",
    "other": (
        "không phải bảng tính Excel (.xlsx, .xls), OpenDocument (.ods), CSV hay văn bản Word "
        f"(.docx) nên không đọc được phụ lục. {_INSTEAD}"
    ),
}


class AnnexRejected(ValueError):
    """The file cannot be imported at all; the message (Vietnamese) names the file and says what to do."""  # noqa: E501


@dataclass
class Sheet:
    """One table of values: a worksheet, the CSV, or one table of a Word file.

    `rows` are (line number the user sees, cells at their original 0-based column, trailing
    empties trimmed); hidden rows are left out, hidden columns stay in the cells and are listed
    in `hidden_columns` for the caller to ignore. Values are str (as written), int, float,
    dt.date, dt.datetime or None.
    """

    name: str
    rows: list[tuple[int, list[Any]]]
    hidden_columns: frozenset[int] = frozenset()
    merged: bool = False


@dataclass
class Workbook:
    """A whole file as read: its visible sheets in order and what the preview must say."""

    name: str
    kind: str  # "xlsx" | "xls" | "ods" | "csv" | "docx"
    sheets: list[Sheet]
    preamble: list[str]  # DOCX: the lines before the first table of data; others: []
    notes: list[str]


def read_workbook(name: str, data: bytes) -> Workbook:
    """Read an uploaded annex; AnnexRejected (naming the file) if it cannot be read."""
    name = safe_filename(name)
    if len(data) > MAX_BYTES:
        raise AnnexRejected(
            f"Tệp “{name}” dung lượng {format_number(len(data) / 1024 / 1024, 1)} MB vượt quá "
            f"giới hạn {MAX_BYTES // 1024 // 1024} MB."
        )
    if not data:
        raise AnnexRejected(f"Tệp “{name}” không có nội dung.")
    kind = _kind(name, data)
    try:
        if kind in ("xlsx", "docx", "ods") and office_has_macros(io.BytesIO(data)):
            raise _macros(name, kind)
        if kind == "xls" and "_VBA_PROJECT_CUR" in compound_entries(data):
            raise _macros(name, kind)
        if kind == "csv":
            return _read_csv(name, data)
        if kind == "docx":
            return _read_docx(name, data)
        return _read_spreadsheet(name, kind, data)
    except AnnexRejected:
        raise
    except _PACKAGE_ERRORS:  # a member that does not inflate, a method zipfile lacks…
        raise _damaged(name, kind) from None


# What the file is.


def _kind(name: str, data: bytes) -> str:
    """The readable kind of `data` ("xlsx", "xls", "ods", "csv", "docx"), its extension
    checked; AnnexRejected saying what the file is otherwise."""
    try:
        sniffed = sniff(data[:16], io.BytesIO(data))
    except SuspiciousArchive as error:
        if error.reason.startswith("bị hỏng"):
            raise AnnexRejected(
                f"Tệp “{name}” bị hỏng, không đọc được nội dung. Hãy mở tệp bằng Excel hoặc Word, "
                "lưu lại rồi tải lên."
            ) from None
        raise AnnexRejected(f"Tệp “{name}” {error.reason} nên không được nhận.") from None
    if sniffed is None:
        sniffed = _sniff_more(data)
    if sniffed in ("png", "jpeg") or sniffed.startswith("image:"):
        image = sniffed.removeprefix("image:").upper()
        raise AnnexRejected(
            f"Tệp “{name}” là ảnh ({image}): không đọc được bảng từ ảnh. {_INSTEAD}"
        )
    if sniffed not in KINDS:
        raise AnnexRejected(f"Tệp “{name}” {_OTHER_KINDS[sniffed]}")
    description, extensions = KINDS[sniffed]
    extension = os.path.splitext(name)[1].lower()
    if not extension:
        raise AnnexRejected(
            f"Tệp “{name}” không có phần mở rộng; nội dung là {description}. Hãy đặt tên tệp "
            f"kết thúc bằng {extensions[0]} rồi tải lên lại."
        )
    if extension not in extensions:
        raise AnnexRejected(
            f"Tệp “{name}” có phần mở rộng {extension} nhưng nội dung là {description}. Hãy "
            f"đổi phần mở rộng thành {extensions[0]} (hoặc mở tệp và lưu lại đúng loại) rồi tải "
            "lên lại."
        )
    return sniffed


def _sniff_more(data: bytes) -> str:
    """What lib.filetypes does not name: other images, archives and text."""
    for signature, image in _IMAGES.items():
        if data.startswith(signature):
            return f"image:{image}"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image:WEBP"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "image:HEIC"
    if data.startswith((b"PK\x03\x04", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "other"  # a compound file that is neither .xls nor .doc
    if data.startswith(b"{\\rtf"):
        return "rtf"
    encoding = _text_encoding(data)
    if encoding is None:
        return "other"
    start = (
        data[:4096]
        .decode("utf-8" if encoding == "legacy" else encoding, errors="ignore")
        .lstrip()
        .lower()
    )
    if start.startswith(("<!doctype html", "<html", "<table", "<meta")) or "<html" in start:
        return "html"
    if start.startswith("<?xml"):
        return "xml"
    return "csv"


def _text_encoding(data: bytes) -> str | None:
    """The codec text is in: "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "legacy" (text
    in some 8-bit code page), or None for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    if sample.count(0):
        # UTF-16 without a BOM: ASCII letters leave every other byte NUL.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 4 and even == 0:
            return "utf-16-le"
        if even > len(sample) // 4 and odd == 0:
            return "utf-16-be"
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        controls = sum(sample.count(bytes([b])) for b in range(32) if b not in (9, 10, 12, 13))
        return "legacy" if controls * 100 < len(sample) else None
    return "utf-8"


def _macros(name: str, kind: str) -> AnnexRejected:
    plain = "Word thường (.docx" if kind == "docx" else "Excel thường (.xlsx"
    return AnnexRejected(
        f"Tệp “{name}” chứa macro (mã lệnh tự chạy khi mở) nên không được nhận; hãy lưu lại "
        f"thành tệp {plain}, không có macro) rồi tải lên."
    )


def _damaged(name: str, kind: str) -> AnnexRejected:
    description = KINDS[kind][0].rpartition(" (")[0]
    return AnnexRejected(
        f"Tệp “{name}” bị hỏng, không đọc được như {description}; hãy {_PROGRAMS[kind]} rồi "
        "tải lên."
    )


def _failed(error: BaseException) -> bool:
    """A library's error, including a panic inside calamine (pyo3 raises it as BaseException)."""
    return isinstance(error, Exception) or type(error).__name__ == "PanicException"


# Spreadsheets: XLSX, XLS, ODS.


def _read_spreadsheet(name: str, kind: str, data: bytes) -> Workbook:
    try:
        if kind == "xlsx":
            layouts = read_layout(
                data, name=name, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS, max_cells=MAX_CELLS
            )
        elif kind == "ods":
            layouts = _ods_layout(data)
        else:
            layouts = _xls_layout(data)
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except TooLarge as error:
        raise AnnexRejected(str(error)) from None
    except PasswordError:
        raise AnnexRejected(f"Tệp “{name}” {_OTHER_KINDS['encrypted']}") from None
    except BaseException as error:
        if not _failed(error):
            raise
        raise _damaged(name, kind) from None
    sheets: list[Sheet] = []
    notes: list[str] = []
    with book:
        for meta in book.sheets_metadata:
            if meta.typ == SheetTypeEnum.MacroSheet:
                raise _macros(name, kind)
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue  # charts, dialogs
            if meta.visible != SheetVisibleEnum.Visible:
                notes.append(f"Đã bỏ qua trang ẩn “{meta.name}”.")
                continue
            layout = layouts.get(meta.name)
            if layout is None:  # never build a sheet the limits were not checked on
                raise _damaged(name, kind)
            try:
                found = book.get_sheet_by_name(meta.name)
                end = found.end
                if end is not None and end[0] >= MAX_ROWS:
                    raise AnnexRejected(too_many_rows(meta.name, MAX_ROWS))
                values = found.to_python(skip_empty_area=False)
                ranges = found.merged_cell_ranges or []
                merged = layout.merged or bool(ranges)
                spans = [(r0, c0, r1 - r0 + 1) for (r0, c0), (r1, _) in ranges if r1 > r0]
                _fill_down(values, [*spans, *layout.row_spans])
            except AnnexRejected:
                raise
            except BaseException as error:
                if not _failed(error):
                    raise
                raise _damaged(name, kind) from None
            sheets.append(_sheet(meta.name, values, layout, merged, notes))
    return Workbook(name=name, kind=kind, sheets=sheets, preamble=[], notes=notes)


def _fill_down(values: list[list[Any]], spans: list[tuple[int, int, int]]) -> None:
    """A cell merged over several rows applies to each of them (one lead agency merged over
    three tasks leads all three), as Word tables are read: its value is repeated down its
    first column. A range merged across columns keeps its value in the first cell only."""
    for first, column, rows in spans:
        if first >= len(values) or column >= len(values[first]):
            continue
        value = values[first][column]
        if value in (None, ""):
            continue
        for index in range(first + 1, min(first + rows, len(values))):
            row = values[index]
            if column >= len(row):
                row.extend([""] * (column + 1 - len(row)))
            if row[column] in (None, ""):
                row[column] = value


def _sheet(
    name: str, values: list[list[Any]], layout: SheetLayout, merged: bool, notes: list[str]
) -> Sheet:
    rows: list[tuple[int, list[Any]]] = []
    hidden_lines: list[int] = []
    for index, raw in enumerate(values):
        line = index + 1
        cells = [_plain(value) for value in raw]
        while cells and cells[-1] is None:
            cells.pop()
        if line in layout.hidden_rows:
            if cells:
                hidden_lines.append(line)
            continue
        if len(cells) > MAX_COLUMNS:
            raise AnnexRejected(too_wide(name, line, len(cells) - 1, MAX_COLUMNS))
        rows.append((line, cells))
    width = max((len(cells) for _, cells in rows), default=0)
    hidden = frozenset(column for column in layout.hidden_columns if column < width)
    if hidden_lines:
        notes.append(
            f"Trang “{name}”: đã bỏ qua {format_count(len(hidden_lines))} dòng ẩn "
            f"({_lines(hidden_lines)})."
        )
    used = sorted(
        column
        for column in hidden
        if any(column < len(cells) and cells[column] is not None for _, cells in rows)
    )
    if used:
        notes.append(
            f"Trang “{name}”: đã bỏ qua cột ẩn {', '.join(column_letter(c) for c in used)}."
        )
    return Sheet(name=name, rows=rows, hidden_columns=hidden, merged=merged)


def _plain(value: Any) -> Any:
    """A calamine value as the caller takes it: "" is None, 1.0 is 1."""
    if type(value) is str:
        return value or None
    if type(value) is float:
        return int(value) if value.is_integer() else value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.time):
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    if isinstance(value, dt.timedelta):
        return str(value)
    return value


def _lines(lines: list[int]) -> str:
    shown = ", ".join(str(line) for line in lines[:10])
    return f"dòng {shown}{', …' if len(lines) > 10 else ''}"


# XLS: hidden rows and columns from the BIFF8 records calamine skips.

_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
_BOF, _EOF, _BOUNDSHEET, _DIMENSIONS = 0x0809, 0x000A, 0x0085, 0x0200
_ROW, _COLINFO = 0x0208, 0x007D


def _xls_layout(data: bytes) -> dict[str, SheetLayout]:
    """Hidden rows (ROW records with fDyZero) and columns (COLINFO with fHidden) of every
    sheet, by name (MS-XLS 2.4.221, 2.4.53). Raises ValueError for what is not plain BIFF8 in
    a sound compound file (Excel 95, damage), and for a DIMENSIONS record out of bounds:
    calamine trusts it and aborts the whole process on the allocation it asks for."""
    stream = _compound_stream(data, "Workbook")
    if stream is None:
        raise ValueError("no BIFF8 Workbook stream")
    return {name: _xls_sheet(stream, offset) for offset, name in _boundsheets(stream)}


def _compound_stream(data: bytes, wanted: str) -> bytes | None:
    """A stream of an OLE2 compound file (MS-CFB), or None if it has none of that name."""
    return _Compound(data).stream(wanted)


class _Compound:
    """Just enough of MS-CFB to read one stream: the FAT (through the DIFAT), the directory,
    and the mini stream where streams under 4 kB live. Loops and sectors past the end raise
    ValueError."""

    def __init__(self, data: bytes) -> None:
        shift = _u16(data, 0x1E)
        if shift not in (9, 12):
            raise ValueError("sector size")
        self.data, self.size = data, 1 << shift
        fat_sectors = [n for n in _u32s(data[0x4C:0x200]) if n not in (_FREE, _END_OF_CHAIN)]
        difat, seen = _u32(data, 0x44), 0
        while difat not in (_FREE, _END_OF_CHAIN) and seen < 1000:
            entries = _u32s(self.sector(difat))
            fat_sectors += [n for n in entries[:-1] if n not in (_FREE, _END_OF_CHAIN)]
            difat, seen = entries[-1], seen + 1
        self.fat = [n for number in fat_sectors for n in _u32s(self.sector(number))]

    def sector(self, number: int) -> bytes:
        start = (number + 1) * self.size
        if start >= len(self.data):
            raise ValueError("sector past the end")
        return self.data[start : start + self.size]

    def chain(self, start: int, table: list[int], read: Callable[[int], bytes]) -> bytes:
        parts: list[bytes] = []
        number = start
        while number not in (_FREE, _END_OF_CHAIN):
            if len(parts) > len(table) or number >= len(table):
                raise ValueError("a broken allocation chain")
            parts.append(read(number))
            number = table[number]
        return b"".join(parts)

    def stream(self, wanted: str) -> bytes | None:
        directory = self.chain(_u32(self.data, 0x30), self.fat, self.sector)
        entries = [directory[at : at + 128] for at in range(0, len(directory) - 127, 128)]
        for entry in entries:
            length = _u16(entry, 64)
            if entry[66] != 2 or not 2 <= length <= 64:
                continue
            if entry[: length - 2].decode("utf-16-le") != wanted:
                continue
            start, size = _u32(entry, 116), _u32(entry, 120)
            if size >= _u32(self.data, 0x38):
                return self.chain(start, self.fat, self.sector)[:size]
            # 64-byte sectors inside the root entry's stream, chained by the mini FAT.
            container = self.chain(_u32(entries[0], 116), self.fat, self.sector)
            mini = 1 << _u16(self.data, 0x20)
            mini_fat = _u32s(self.chain(_u32(self.data, 0x3C), self.fat, self.sector))

            def mini_sector(number: int, container: bytes = container, mini: int = mini) -> bytes:
                if (number + 1) * mini > len(container):
                    raise ValueError("mini sector past the end")
                return container[number * mini : (number + 1) * mini]

            return self.chain(start, mini_fat, mini_sector)[:size]
        return None


def _u16(raw: bytes, at: int) -> int:
    return int.from_bytes(raw[at : at + 2], "little")


def _u32(raw: bytes, at: int) -> int:
    return int.from_bytes(raw[at : at + 4], "little")


def _u32s(raw: bytes) -> list[int]:
    return [_u32(raw, at) for at in range(0, len(raw) - 3, 4)]


def _records(stream: bytes, offset: int) -> Iterable[tuple[int, bytes]]:
    while offset + 4 <= len(stream):
        kind, length = _u16(stream, offset), _u16(stream, offset + 2)
        yield kind, stream[offset + 4 : offset + 4 + length]
        offset += 4 + length


def _boundsheets(stream: bytes) -> list[tuple[int, str]]:
    """(offset of the sheet's BOF, name) from the workbook globals."""
    records = iter(_records(stream, 0))
    kind, body = next(records)
    if kind != _BOF or body[:2] != b"\x00\x06":  # BIFF8
        raise ValueError("not BIFF8")
    found = []
    for kind, body in records:
        if kind == _EOF:
            break
        if kind == _BOUNDSHEET:
            count, wide = body[6], body[7] & 1
            raw = body[8 : 8 + count * (2 if wide else 1)]
            found.append((_u32(body, 0), raw.decode("utf-16-le" if wide else "latin-1")))
    return found


def _xls_sheet(stream: bytes, offset: int) -> SheetLayout:
    layout = SheetLayout()
    depth = 0
    for kind, body in _records(stream, offset):
        if kind == _BOF:
            depth += 1
        elif kind == _EOF:
            depth -= 1
            if depth == 0:
                break
        elif depth == 1 and kind == _DIMENSIONS:
            first_row, past_row = _u32(body, 0), _u32(body, 4)
            first_column, past_column = _u16(body, 8), _u16(body, 10)
            if not (first_row <= past_row <= 65_536 and first_column <= past_column <= 256):
                raise ValueError("DIMENSIONS out of bounds")
        elif depth == 1 and kind == _ROW and _u16(body, 12) & 0x20:  # fDyZero
            layout.hidden_rows.add(_u16(body, 0) + 1)
        elif depth == 1 and kind == _COLINFO and _u16(body, 8) & 1:  # fHidden
            layout.hidden_columns.update(range(_u16(body, 0), min(_u16(body, 2), 255) + 1))
    return layout


# ODS: hidden rows and columns, and the limits, from content.xml before calamine reads it.

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
_TEXT_P = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 p"


def _ods_layout(data: bytes) -> dict[str, SheetLayout]:
    """The layout of every table, by name; TooLarge past the limits (calamine reads every
    table, hidden or not, when it opens the file)."""
    walk = _OdsWalk()
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as source:
        stream_xml(source, walk.start, walk.end)
    return walk.layouts


class _OdsWalk:
    """The expat handlers for content.xml (ODF 1.2 §9.1): rows and cells carry repeat counts
    (LibreOffice writes a million empty rows as one), so rows are counted by number, and only
    rows and cells with content count against the limits."""

    def __init__(self) -> None:
        self.layouts: dict[str, SheetLayout] = {}
        self.layout = SheetLayout()
        self.sheet = ""
        self.depth = self.annotations = self.elements = self.cells = 0
        self.column = 0  # next column of the table's column definitions
        self.row = 0  # rows before the current one
        self.repeat = 1
        self.hidden = self.row_content = self.cell_content = False
        self.position = self.cell_repeat = self.row_cells = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > 8 * MAX_CELLS:
            raise TooLarge(too_many_cells(self.sheet, MAX_CELLS))
        if name == _TABLE + "table":
            self.depth += 1
            if self.depth == 1:
                self.sheet = attributes.get(_TABLE + "name", "")
                self.layout = SheetLayout()
                self.column = self.row = self.cells = 0
            return
        if self.depth != 1:
            return  # a table nested in a cell
        if name == _TABLE + "table-cell" or name == _TABLE + "covered-table-cell":
            self.cell_repeat = _repeat(attributes, "number-columns-repeated")
            self.cell_content = _OFFICE + "value-type" in attributes
            spans = (
                attributes.get(_TABLE + "number-columns-spanned", "1"),
                attributes.get(_TABLE + "number-rows-spanned", "1"),
            )
            if spans != ("1", "1"):
                self.layout.merged = True
                rows = int(spans[1]) if spans[1].isdigit() else 1
                if rows > 1 and name == _TABLE + "table-cell":
                    self.layout.row_spans.append((self.row, self.position, min(rows, MAX_ROWS)))
        elif name == _TEXT_P:
            if not self.annotations:
                self.cell_content = True
        elif name == _TABLE + "table-row":
            self.repeat = _repeat(attributes, "number-rows-repeated")
            self.hidden = attributes.get(_TABLE + "visibility", "visible") != "visible"
            self.position = self.row_cells = 0
            self.row_content = False
        elif name == _TABLE + "table-column":
            count = _repeat(attributes, "number-columns-repeated")
            if attributes.get(_TABLE + "visibility", "visible") != "visible":
                self.layout.hidden_columns.update(
                    range(self.column, min(self.column + count, 16_384))
                )
            self.column += count
        elif name == _OFFICE + "annotation":
            self.annotations += 1

    def end(self, name: str) -> None:
        if name == _TABLE + "table":
            self.depth -= 1
            if self.depth == 0:
                self.layouts[self.sheet] = self.layout
            return
        if self.depth != 1:
            return
        if name == _TABLE + "table-cell" or name == _TABLE + "covered-table-cell":
            if self.cell_content:
                last = self.position + self.cell_repeat - 1
                if last >= MAX_COLUMNS:
                    column = max(self.position, MAX_COLUMNS)
                    raise TooLarge(too_wide(self.sheet, self.row + 1, column, MAX_COLUMNS))
                self.row_content = True
                self.row_cells += self.cell_repeat
            self.position += self.cell_repeat
            self.cell_content = False
        elif name == _TABLE + "table-row":
            if self.row_content:
                if self.row + self.repeat > MAX_ROWS:
                    raise TooLarge(too_many_rows(self.sheet, MAX_ROWS))
                self.cells += self.row_cells * self.repeat
                if self.cells > MAX_CELLS:
                    raise TooLarge(too_many_cells(self.sheet, MAX_CELLS))
                if self.hidden:
                    self.layout.hidden_rows.update(range(self.row + 1, self.row + self.repeat + 1))
            self.row += self.repeat
        elif name == _OFFICE + "annotation":
            self.annotations -= 1


def _repeat(attributes: dict[str, str], name: str) -> int:
    return max(1, int(attributes.get(_TABLE + name, "1")))


# CSV.


def _read_csv(name: str, data: bytes) -> Workbook:
    encoding = _text_encoding(data)
    if encoding in (None, "legacy"):
        raise AnnexRejected(
            f"Tệp “{name}” không phải văn bản UTF-8: có thể tệp được lưu bằng bảng mã cũ "
            "(Windows-1258, TCVN3, VNI…) nên chữ tiếng Việt sẽ bị sai. Hãy mở bằng Excel, chọn "
            "Lưu thành › “CSV UTF-8 (Comma delimited) (*.csv)” rồi tải lên, hoặc tải lên tệp "
            "Excel (.xlsx)."
        )
    label = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise AnnexRejected(
            f"Tệp “{name}” có chỗ không đọc được như văn bản {label}; hãy mở bằng Excel, lưu "
            "lại thành “CSV UTF-8 (Comma delimited) (*.csv)” rồi tải lên."
        ) from None
    text = text.removeprefix("\ufeff")
    first, _, rest = text.partition("\n")
    hint = first.strip().lower()
    if hint.startswith("sep=") and len(hint) == 5:
        # Excel's own hint line, which Excel hides when it opens the file.
        separator, text, guessed = first.strip()[4], rest, False
    else:
        separator, guessed = _sniff_separator(text), True
    rows: list[tuple[int, list[Any]]] = []
    line = 0
    try:
        for line, record in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=separator), 1
        ):
            if line > MAX_ROWS:
                raise AnnexRejected(too_many_rows("CSV", MAX_ROWS))
            cells: list[Any] = [value if value != "" else None for value in record]
            while cells and cells[-1] is None:
                cells.pop()
            if len(cells) > MAX_COLUMNS:
                raise AnnexRejected(too_wide("CSV", line, len(cells) - 1, MAX_COLUMNS))
            rows.append((line, cells))
    except csv.Error:
        raise AnnexRejected(
            f"Tệp “{name}”, dòng {line + 1}: không đọc được như bảng CSV (thường do một ô có "
            "dấu ngoặc kép không đóng, hoặc quá dài). Hãy sửa ô đó, hoặc tải lên tệp Excel "
            "(.xlsx)."
        ) from None
    separator_name = SEPARATORS.get(separator, f"“{separator}”")
    note = f"Tệp CSV: đã nhận dạng bảng mã {label} và dấu phân cách {separator_name}."
    if not guessed:
        note = (
            f"Tệp CSV: đã nhận dạng bảng mã {label}; dấu phân cách {separator_name} theo dòng "
            "“sep=” đầu tệp."
        )
    notes = [note]
    return Workbook(name=name, kind="csv", sheets=[Sheet("CSV", rows)], preamble=[], notes=notes)


def _sniff_separator(text: str) -> str:
    """The separator that splits the first records into the same number of fields most often
    (Vietnamese text is full of commas, so the mere presence of one decides nothing)."""
    sample = text[:SNIFF_CHARS]
    best, best_score = ",", (0, 0)
    for separator in SEPARATORS:
        records = list(_first_records(sample, separator, cut=len(text) > SNIFF_CHARS))
        widths = Counter(len(record) for record in records if len(record) > 1)
        if not widths:
            continue
        width, count = widths.most_common(1)[0]
        score = (count, -width)
        if score > best_score:
            best, best_score = separator, score
    return best


def _first_records(sample: str, separator: str, *, cut: bool) -> Iterable[list[str]]:
    records: list[list[str]] = []
    try:
        for record in csv.reader(io.StringIO(sample, newline=""), delimiter=separator):
            records.append(record)
            if len(records) > SNIFF_RECORDS:
                break
    except csv.Error:
        pass
    if cut and len(records) <= SNIFF_RECORDS and records:
        records.pop()  # the sample ends inside it
    return records[:SNIFF_RECORDS]


# Word: every table a sheet.

_RUN_TEXT = ".//w:r[not(ancestor::w:txbxContent or ancestor::w:del or ancestor::w:moveFrom)]"
_CELL_PARAGRAPHS = "./w:p | ./w:sdt/w:sdtContent/w:p | ./w:customXml/w:p"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_PARTS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_OFF = ("0", "false", "off")


def _read_docx(name: str, data: bytes) -> Workbook:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if any(e.file_size > MAX_DOCUMENT_XML for e in archive.infolist()):
            raise AnnexRejected(
                f"Tệp “{name}” có phần nội dung lớn hơn "
                f"{MAX_DOCUMENT_XML // 1024 // 1024} MB khi giải nén, vượt giới hạn; không đọc "
                "tệp này. Hãy tách phụ lục thành nhiều tệp."
            )
    try:
        body = docx.Document(io.BytesIO(data)).element.body
        blocks = body.inner_content_elements
    except Exception:  # python-docx raises KeyError, ValueError, lxml errors…
        raise _damaged(name, "docx") from None
    sheets: list[Sheet] = []
    preamble: list[str] = []
    notes: list[str] = []
    in_preamble = True
    for block in blocks:
        if isinstance(block, CT_P):
            if in_preamble:
                preamble.append(_paragraph_text(block).strip())
            continue
        if not isinstance(block, CT_Tbl):
            continue
        sheet, nested = _table(name, len(sheets) + 1, block)
        sheets.append(sheet)
        if nested:
            notes.append(
                f"{sheet.name}: có {format_count(nested)} bảng lồng trong ô; đã bỏ qua nội dung "
                "các bảng lồng."
            )
        width = max((len(cells) for _, cells in sheet.rows), default=0)
        if in_preamble and width <= HEADER_TABLE_COLUMNS and len(sheet.rows) <= HEADER_TABLE_ROWS:
            preamble += [
                line for _, cells in sheet.rows for c in cells if c for line in c.split("\n")
            ]
        else:
            in_preamble = False
    if not sheets:
        raise AnnexRejected(
            f"Tệp “{name}” không có bảng nào: danh mục nhiệm vụ của phụ lục cần nằm trong một "
            "bảng của văn bản Word, hoặc trong tệp Excel."
        )
    lines = [line.strip() for line in preamble if line.strip()]
    return Workbook(
        name=name, kind="docx", sheets=sheets, preamble=lines[:PREAMBLE_LINES], notes=notes
    )


def _table(name: str, number: int, table: CT_Tbl) -> tuple[Sheet, int]:
    """A Word table as a sheet, and how many tables were nested in its cells.

    A cell spanning columns (gridSpan) keeps its text in its first column, the others None, so
    a group title across the table is one cell. A cell spanning rows (vMerge) repeats its text
    in each row it spans: a lead agency merged over three tasks leads all three.
    """
    title = f"Bảng {number}"
    rows: list[tuple[int, list[Any]]] = []
    above: dict[int, Any] = {}  # column -> text of the cell a vertical merge continues
    merged = False
    nested = 0
    if len(table.tr_lst) > MAX_ROWS:
        raise AnnexRejected(
            f"Tệp “{name}”: {title} có hơn {format_number(MAX_ROWS)} dòng, vượt giới hạn "
            f"{format_number(MAX_ROWS)} dòng; không đọc tệp này. Hãy tách phụ lục thành nhiều tệp."
        )
    try:
        for line, tr in enumerate(table.tr_lst, start=1):
            cells: list[Any] = []
            column = tr.grid_before
            for tc in tr.tc_lst:
                span = tc.grid_span
                if span > 1 or tc.vMerge is not None:
                    merged = True
                if tc.vMerge == "continue":
                    value = above.get(column)
                else:
                    value = _cell_text(tc) or None
                    above[column] = value
                    nested += len(tc.xpath("./w:tbl"))
                if value is not None:
                    if column >= MAX_COLUMNS:
                        raise AnnexRejected(
                            f"Tệp “{name}”: {title}, dòng {line}: có dữ liệu ở cột thứ "
                            f"{column + 1}, vượt giới hạn {MAX_COLUMNS} cột; không đọc tệp này."
                        )
                    cells.extend([None] * (column - len(cells)))
                    cells.append(value)
                column += span
            rows.append((line, cells))
    except AnnexRejected:
        raise
    except Exception:  # a malformed gridSpan or gridBefore
        raise _damaged(name, "docx") from None
    return Sheet(name=title, rows=rows, merged=merged), nested


def _cell_text(tc: CT_Tc) -> str:
    return "\n".join(_paragraph_text(p) for p in tc.xpath(_CELL_PARAGRAPHS))


def _paragraph_text(paragraph: Any) -> str:
    """The text a reader sees: runs in hyperlinks, content controls and tracked insertions
    included; deleted text, hidden text (w:vanish) and text boxes left out."""
    parts: list[str] = []
    for run in paragraph.xpath(_RUN_TEXT):
        properties = run.find(_W + "rPr")
        if properties is not None:
            vanish = properties.find(_W + "vanish")
            if vanish is not None and vanish.get(_W + "val", "true") not in _OFF:
                continue
        for child in run:
            if child.tag == _W + "t":
                parts.append(child.text or "")
            elif child.tag in _RUN_PARTS:
                parts.append(_RUN_PARTS[child.tag])
    return "".join(parts)
