"""Checks on uploaded evidence files: the content decides the type, never the name alone.

Evidence is downloaded and opened by other officials, so a renamed executable or a crafted
archive must not get in under a harmless name. Office files are ZIP archives; they are inspected
through their central directory (and their small [Content_Types].xml), without extracting
anything. Files that would run code when opened are refused as well: Office packages carrying
macros (a .docm/.xlsm renamed .docx/.xlsx) and PDFs with scripts, launch or open actions, or
embedded files. The PDF check is a bounded byte scan, not a parser: it also inflates object
streams (where PDF 1.5+ hides dictionaries) within a budget, and refuses what it cannot read.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO

from tiendo.lib.text import format_number

ALLOWED = {"pdf", "docx", "xlsx", "png", "jpeg"}

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpeg": "image/jpeg",
}

# What the extension promises; the sniffed content must keep that promise.
EXTENSION_KINDS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
}

_KIND_NAMES = {"pdf": "PDF", "docx": "DOCX", "xlsx": "XLSX", "png": "PNG", "jpeg": "JPEG"}

# Limits against zip bombs. Real reports stay far below them: a 50-page Word file holds a few
# dozen entries, and XML compresses about 10:1.
MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100

# Budget for inflating a PDF's object streams; real ones hold a few kilobytes each.
MAX_PDF_INFLATED = 64 * 1024 * 1024
MAX_CONTENT_TYPES_XML = 1024 * 1024

MAX_NAME_LENGTH = 120
FALLBACK_NAME = "tep-dinh-kem"

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ZIP_SIGNATURE = b"PK\x03\x04"
# OLE2 compound files: Excel 97-2003 (.xls), Word 97-2003 (.doc), and password-protected
# Office packages (their encrypted ZIP travels inside one).
_COMPOUND_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The mimetype member an OpenDocument package starts with -> its kind.
_OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.text": "odt",
}
# Compound-file streams and storages that say what the file is -> the kind, first match wins.
_COMPOUND_KINDS = {"EncryptedPackage": "encrypted", "WordDocument": "doc", "Workbook": "xls"}
COMPOUND_NAMES = (*_COMPOUND_KINDS, "Book", "_VBA_PROJECT_CUR", "Macros", "VBA")
_RESERVED = re.compile(r'[<>:"/\\|?*]')
_SPACES = re.compile(r"\s+")
_MEGABYTE = 1024 * 1024
_CHUNK = 64 * 1024


class UploadRejected(ValueError):
    """An upload we refuse; the message is for the person who uploaded it and names the file."""


class SuspiciousArchive(UploadRejected):
    """A ZIP that is damaged or would expand far beyond any real office document."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Tệp nén {reason}.")
        self.reason = reason


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed every check, with what we need to store and serve it safely."""

    safe_name: str
    kind: str
    content_type: str
    size: int
    sha256: str


def sniff(head: bytes, source: IO[bytes] | str | os.PathLike[str] | None = None) -> str | None:
    """The kind of a file from its first bytes, opening `source` for archives and compound files.

    Besides the kinds in ALLOWED it can answer "ods" and "odt" (OpenDocument), "xls" and "doc"
    (Office 97-2003) and "encrypted" (a password-protected Office file), so that whoever refuses
    a file can say what it is. Without `source` a ZIP or compound file cannot be told apart from
    any other, so the answer is None. Raises SuspiciousArchive for a damaged ZIP or one that looks
    like a zip bomb.
    """
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_PNG_SIGNATURE):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if source is None:
        return None
    if head.startswith(_ZIP_SIGNATURE):
        return _sniff_office(source)
    if head.startswith(_COMPOUND_SIGNATURE):
        names = compound_entries(_read_all(source))
        kinds = (kind for name, kind in _COMPOUND_KINDS.items() if name in names)
        return next(kinds, "xls" if "Book" in names else None)
    return None


def _read_all(source: IO[bytes] | str | os.PathLike[str]) -> bytes:
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            return handle.read()
    source.seek(0)
    return source.read()


def _sniff_office(source: IO[bytes] | str | os.PathLike[str]) -> str | None:
    try:
        archive = zipfile.ZipFile(source)
    except _MEMBER_ERRORS:  # also NotImplementedError, for a version zipfile lacks
        raise SuspiciousArchive("bị hỏng, không đọc được nội dung") from None
    with archive:
        entries = archive.infolist()
        _refuse_bombs(entries)
        names = {entry.filename for entry in entries}
        if "mimetype" in names:
            try:
                with archive.open("mimetype") as handle:
                    mimetype = handle.read(100)
            except _MEMBER_ERRORS:
                raise SuspiciousArchive("bị hỏng, không đọc được nội dung") from None
            return _OPENDOCUMENT.get(mimetype.strip())
    if "[Content_Types].xml" not in names:
        return None
    is_docx = "word/document.xml" in names
    is_xlsx = "xl/workbook.xml" in names
    if is_docx == is_xlsx:  # neither, or an archive pretending to be both
        return None
    return "docx" if is_docx else "xlsx"


# What opening a damaged or unusual ZIP, or reading one of its members, raises.
_MEMBER_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
)


def _refuse_bombs(entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ZIP_ENTRIES:
        raise SuspiciousArchive(f"chứa quá nhiều thành phần (hơn {format_number(MAX_ZIP_ENTRIES)})")
    # Declared sizes can lie; whoever decompresses these files later must cap what they read.
    uncompressed = sum(entry.file_size for entry in entries)
    compressed = sum(entry.compress_size for entry in entries)
    if uncompressed > MAX_ZIP_UNCOMPRESSED:
        raise SuspiciousArchive(f"khi giải nén vượt quá {_format_megabytes(MAX_ZIP_UNCOMPRESSED)}")
    if uncompressed > MAX_ZIP_RATIO * max(compressed, 1):
        raise SuspiciousArchive(f"có tỉ lệ nén bất thường (trên {MAX_ZIP_RATIO}:1)")


def compound_entries(data: bytes) -> set[str]:
    """Which of COMPOUND_NAMES an OLE2 compound file holds as streams or storages.

    Directory entries (MS-CFB 2.6) are 128 bytes on 128-byte boundaries: the name in UTF-16LE,
    its length in bytes with the terminator at offset 64, the object type (1 storage, 2 stream)
    at 66. The names are searched for rather than the directory chain followed: a crafted file
    can at worst be named wrongly, and then fails when it is read.
    """
    found = set()
    for name in COMPOUND_NAMES:
        encoded = name.encode("utf-16-le")
        at = data.find(encoded, 512)
        while at >= 0:
            entry = data[at : at + 68]
            if (
                at % 128 == 0
                and len(entry) == 68
                and int.from_bytes(entry[64:66], "little") == len(encoded) + 2
                and entry[len(encoded) : len(encoded) + 2] == b"\0\0"
                and entry[66] in (1, 2)
            ):
                found.add(name)
                break
            at = data.find(encoded, at + 1)
    return found


def check_upload(name: str, data: IO[bytes], size: int, max_bytes: int) -> CheckedFile:
    """Accept an upload or raise UploadRejected saying why; `data` must be seekable.

    `size` is the size the upload claims; the bytes are counted as well, and both must fit.
    The stream is left at its start for whoever stores it.
    """
    safe_name = safe_filename(name)
    if size > max_bytes:
        raise _too_large(safe_name, size, max_bytes)

    data.seek(0)
    digest = hashlib.sha256()
    actual = 0
    while chunk := data.read(_CHUNK):
        digest.update(chunk)
        actual += len(chunk)
    if actual > max_bytes:
        raise _too_large(safe_name, actual, max_bytes)
    if actual == 0:
        raise UploadRejected(f'Tệp "{safe_name}" không có nội dung.')

    extension = os.path.splitext(safe_name)[1].lower()
    expected = EXTENSION_KINDS.get(extension)
    if expected is None:
        accepted = ", ".join(_KIND_NAMES[kind] for kind in sorted(ALLOWED))
        raise UploadRejected(
            f'Tệp "{safe_name}" không thuộc loại được chấp nhận; chỉ nhận tệp {accepted}.'
        )

    data.seek(0)
    head = data.read(16)
    try:
        kind = sniff(head, data)
    except SuspiciousArchive as error:
        raise UploadRejected(
            f'Tệp "{safe_name}" {error.reason} nên không được chấp nhận.'
        ) from None
    finally:
        data.seek(0)
    if kind != expected:
        raise UploadRejected(
            f'Tệp "{safe_name}" có phần mở rộng {extension} '
            f"nhưng nội dung không phải {_KIND_NAMES[expected]}."
        )
    try:
        _refuse_active_content(safe_name, kind, data)
    except SuspiciousArchive as error:
        raise UploadRejected(
            f'Tệp "{safe_name}" {error.reason} nên không được chấp nhận.'
        ) from None
    finally:
        data.seek(0)
    return CheckedFile(
        safe_name=safe_name,
        kind=kind,
        content_type=CONTENT_TYPES[kind],
        size=actual,
        sha256=digest.hexdigest(),
    )


_OFFICE_PROGRAMS = {"docx": ("Word", ".docx"), "xlsx": ("Excel", ".xlsx")}

# What a PDF scan found -> why it is refused; the first found in this order is named.
_PDF_REASONS = {
    "JavaScript": "có mã lệnh tự chạy (JavaScript)",
    "Launch": "có lệnh mở chương trình khác (Launch)",
    "EmbeddedFile": "có tệp khác nhúng bên trong (EmbeddedFile)",
    "OpenAction": "có thao tác tự chạy khi mở tệp (OpenAction)",
    "AA": "có thao tác tự chạy khi xem trang hoặc điền biểu mẫu (AA)",
    "unreadable": "có phần nén không đọc được để kiểm tra (có thể do tệp được mã hóa)",
}


def _refuse_active_content(safe_name: str, kind: str, data: IO[bytes]) -> None:
    data.seek(0)
    if kind in _OFFICE_PROGRAMS and office_has_macros(data):
        program, extension = _OFFICE_PROGRAMS[kind]
        raise UploadRejected(
            f'Tệp "{safe_name}" chứa macro (mã lệnh VBA tự chạy khi mở) nên không được chấp '
            f"nhận; hãy lưu lại thành tệp {program} thường ({extension}, không có macro) rồi "
            "tải lên."
        )
    if kind == "pdf":
        found = pdf_active_content(data.read())
        reason = next((text for key, text in _PDF_REASONS.items() if key in found), None)
        if reason is not None:
            raise UploadRejected(
                f'Tệp PDF "{safe_name}" {reason} nên không được chấp nhận; hãy in lại thành PDF '
                "thường (In › Lưu dưới dạng PDF) rồi tải lên."
            )


# Macro-enabled packages (.docm, .xlsm) differ from plain ones only inside: a VBA project part,
# Excel 4 macro sheets, and the content types that declare them.
# OpenDocument keeps Basic modules beside their library index (script-lb.xml) and scripts in
# other languages under Scripts/.
_MACRO_PART = re.compile(
    r"(^|/)vbaproject\.bin$|(^|/)vbadata\.xml$|^xl/macrosheets/"
    r"|^basic/[^/]+/(?!script-lb\.xml$|dialog-lb\.xml$)[^/]+$|^scripts/.*[^/]$",
    re.I,
)
_MACRO_TYPES = (b"macroenabled", b"vbaproject", b"macrosheet")


def office_has_macros(source: IO[bytes]) -> bool:
    """Whether an Office package (already checked by sniff) carries macros. Raises
    SuspiciousArchive when its content types cannot be read."""
    with zipfile.ZipFile(source) as archive:
        names = [entry.filename for entry in archive.infolist()]
        if any(_MACRO_PART.search(name) for name in names):
            return True
        if "[Content_Types].xml" not in names:
            return False
        try:
            with archive.open("[Content_Types].xml") as handle:
                declared = handle.read(MAX_CONTENT_TYPES_XML).lower()
        except _MEMBER_ERRORS:
            raise SuspiciousArchive("bị hỏng, không đọc được nội dung") from None
    return any(marker in declared for marker in _MACRO_TYPES)


# PDF syntax (ISO 32000-1 §7.2, §7.5.7): names start with "/" and end at whitespace or a
# delimiter; "#xx" inside a name is a hex escape, so /J#61vaScript is /JavaScript.
_NAME_CHARS = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"
_PDF_NAME = re.compile(rb"/(" + _NAME_CHARS + rb"*)")
_PDF_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_PDF_SKIP = re.compile(rb"(?:[\x00\t\n\x0c\r ]|%[^\r\n]*)*")
_PDF_REFERENCE = re.compile(rb"(\d+)\s+\d+\s+R")
_PDF_OBJECT = re.compile(rb"(?<![0-9])(\d+)\s+\d+\s+obj")
_PDF_ACTION_TYPE = re.compile(rb"/S\s*/(" + _NAME_CHARS + rb"+)")
_PDF_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/" + _NAME_CHARS + rb"+)")
_PDF_PREDICTOR = re.compile(rb"/Predictor\s*(?:[2-9]|1[0-9])")
_PDF_ACTIVE = {
    b"JavaScript": "JavaScript",
    b"JS": "JavaScript",
    b"Launch": "Launch",
    b"EmbeddedFile": "EmbeddedFile",
    b"EmbeddedFiles": "EmbeddedFile",
    b"OpenAction": "OpenAction",
    b"AA": "AA",
}
# Inside stream data (images, fonts: binary) short names would match by chance; long ones not.
_PDF_ACTIVE_LONG = frozenset(name for name in _PDF_ACTIVE if len(name) > 4)
_PDF_ACTIVE_ALL = frozenset(_PDF_ACTIVE)


def pdf_active_content(data: bytes) -> set[str]:
    """What in a PDF would act on its own when it is opened (keys of _PDF_REASONS), or nothing.

    Dictionaries are scanned everywhere outside stream data, and inside object streams once
    inflated (within MAX_PDF_INFLATED); other stream data only for the long names. An
    /OpenAction that is a destination (the page to open at, as LibreOffice and Acrobat write,
    or a "go to" action as pdfTeX writes, directly or by reference) is harmless; others act.
    """
    scan = _PdfScan()
    position = 0
    while True:
        match = _PDF_STREAM.search(data, position)
        outside = data[position : match.start() if match else len(data)]
        scan.names(outside, _PDF_ACTIVE_ALL)
        scan.destinations.update(
            int(m.group(1))
            for m in _PDF_OBJECT.finditer(outside)
            if _opens_at_a_page(outside, m.end())
        )
        if match is None:
            break
        end = data.find(b"endstream", match.end())
        end = len(data) if end < 0 else end
        body = data[match.end() : end]
        # The stream's own dictionary: what follows the last "obj" keyword before it.
        keyword = outside.rfind(b"obj")
        header = _pdf_decode(outside[keyword + 3 if keyword >= 0 else 0 :][-4096:])
        if b"ObjStm" in header:
            scan.object_stream(header, body)
        else:
            scan.names(body, _PDF_ACTIVE_LONG)
        position = end + len(b"endstream")
    if scan.open_references - scan.destinations:
        scan.found.add("OpenAction")
    return scan.found


def _pdf_skip(text: bytes, at: int) -> int:
    """Past whitespace and comments."""
    skipped = _PDF_SKIP.match(text, at)
    return skipped.end() if skipped else at


def _pdf_decode(text: bytes) -> bytes:
    return _PDF_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), text) if b"#" in text else text


class _PdfScan:
    """What one pass over a PDF has seen so far."""

    def __init__(self) -> None:
        self.found: set[str] = set()
        self.budget = MAX_PDF_INFLATED
        self.open_references: set[int] = set()  # objects an /OpenAction points to
        self.destinations: set[int] = set()  # objects that only say where to open

    def names(self, text: bytes, wanted: frozenset[bytes]) -> None:
        for match in _PDF_NAME.finditer(text):
            name = _pdf_decode(match.group(1))
            if name not in wanted:
                continue
            if name == b"OpenAction":
                if _opens_at_a_page(text, match.end()):
                    continue
                reference = _PDF_REFERENCE.match(text, _pdf_skip(text, match.end()))
                if reference is not None:
                    self.open_references.add(int(reference.group(1)))
                    continue
            self.found.add(_PDF_ACTIVE[name])

    def object_stream(self, header: bytes, body: bytes) -> None:
        """Names in an object stream, inflated when FlateDecode is its only filter."""
        filters = _PDF_FILTER.search(header)
        names = _PDF_NAME.findall(filters.group(1)) if filters else []
        if not names:
            text = body
        elif names in ([b"FlateDecode"], [b"Fl"]) and not _PDF_PREDICTOR.search(header):
            inflater = zlib.decompressobj()
            try:
                text = inflater.decompress(body, self.budget + 1)
            except zlib.error:
                text = b""
            if len(text) > self.budget or inflater.unconsumed_tail:
                text = b""  # far beyond any real object stream: a bomb, left unread
            self.budget -= len(text)
        else:
            text = b""
        if not text:
            self.found.add("unreadable")
            return
        self.names(text, _PDF_ACTIVE_ALL)
        self.destinations.update(_object_stream_destinations(header, text))


def _opens_at_a_page(text: bytes, at: int) -> bool:
    """Whether the PDF value at `at` only says where to open: a destination array, or a
    "go to" action with nothing chained after it (/Next)."""
    at = _pdf_skip(text, at)
    if text[at : at + 1] == b"[":
        return True
    if text[at : at + 2] != b"<<":
        return False
    action = _pdf_decode(text[at : text.find(b">>", at + 2)][:512])
    kind = _PDF_ACTION_TYPE.search(action)
    return kind is not None and kind.group(1) == b"GoTo" and b"/Next" not in action


def _object_stream_destinations(header: bytes, text: bytes) -> set[int]:
    """Numbers of the objects of an inflated object stream that only say where to open: the
    stream starts with pairs "number offset", offsets counted from /First."""
    first = re.search(rb"/First\s+(\d+)", header)
    if first is None:
        return set()
    start = int(first.group(1))
    numbers = text[:start].split()
    destinations = set()
    for number, offset in zip(numbers[::2], numbers[1::2], strict=False):
        if not (number.isdigit() and offset.isdigit()):
            break
        if _opens_at_a_page(text, start + int(offset)):
            destinations.add(int(number))
    return destinations


def _too_large(safe_name: str, size: int, max_bytes: int) -> UploadRejected:
    return UploadRejected(
        f'Tệp "{safe_name}" dung lượng {_format_megabytes(size)} '
        f"vượt quá giới hạn {_format_megabytes(max_bytes)}."
    )


def _format_megabytes(size: int) -> str:
    """'20 MB' for whole megabytes, else one decimal rounded up so an excess never reads as 20,0."""
    megabytes = size / _MEGABYTE
    if megabytes.is_integer():
        return f"{format_number(int(megabytes))} MB"
    return f"{format_number(math.ceil(megabytes * 10) / 10, 1)} MB"


def safe_filename(name: str) -> str:
    """A name safe to show and to offer for download, keeping Vietnamese letters.

    Browsers send full client paths (C:\\Users\\...), and attackers send ../ and control
    characters, including invisible ones that reverse the text to disguise the extension.
    """
    text = unicodedata.normalize("NFC", name)
    text = re.split(r"[/\\]", text)[-1]
    text = _SPACES.sub(" ", text)
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))
    text = _RESERVED.sub("", text)
    text = _SPACES.sub(" ", text).strip(" .")
    if len(text) > MAX_NAME_LENGTH:
        stem, extension = os.path.splitext(text)
        if not 1 < len(extension) <= 16:
            stem, extension = text, ""
        text = stem[: MAX_NAME_LENGTH - len(extension)].rstrip(" .") + extension
    return text or FALLBACK_NAME
