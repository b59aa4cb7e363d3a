"""Checks on uploaded evidence files: the content decides the type, never the name alone.

Evidence is downloaded and opened by other officials, so a renamed executable or a crafted
archive must not get in under a harmless name. Office files are ZIP archives; they are inspected
through their central directory only, without extracting anything.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import unicodedata
import zipfile
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

MAX_NAME_LENGTH = 120
FALLBACK_NAME = "tep-dinh-kem"

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ZIP_SIGNATURE = b"PK\x03\x04"
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
    """The kind of a file from its first bytes, opening `source` as a ZIP for Office files.

    Without `source` a ZIP cannot be told apart from any other archive, so the answer is None.
    Raises SuspiciousArchive for a damaged ZIP or one that looks like a zip bomb.
    """
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_PNG_SIGNATURE):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(_ZIP_SIGNATURE) and source is not None:
        return _sniff_office(source)
    return None


def _sniff_office(source: IO[bytes] | str | os.PathLike[str]) -> str | None:
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise SuspiciousArchive("bị hỏng, không đọc được nội dung") from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise SuspiciousArchive(f"chứa quá nhiều thành phần (hơn {format_number(MAX_ZIP_ENTRIES)})")
    # Declared sizes can lie; whoever decompresses these files later must cap what they read.
    uncompressed = sum(entry.file_size for entry in entries)
    compressed = sum(entry.compress_size for entry in entries)
    if uncompressed > MAX_ZIP_UNCOMPRESSED:
        raise SuspiciousArchive(f"khi giải nén vượt quá {_format_megabytes(MAX_ZIP_UNCOMPRESSED)}")
    if uncompressed > MAX_ZIP_RATIO * max(compressed, 1):
        raise SuspiciousArchive(f"có tỉ lệ nén bất thường (trên {MAX_ZIP_RATIO}:1)")
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names:
        return None
    is_docx = "word/document.xml" in names
    is_xlsx = "xl/workbook.xml" in names
    if is_docx == is_xlsx:  # neither, or an archive pretending to be both
        return None
    return "docx" if is_docx else "xlsx"


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
    return CheckedFile(
        safe_name=safe_name,
        kind=kind,
        content_type=CONTENT_TYPES[kind],
        size=actual,
        sha256=digest.hexdigest(),
    )


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
