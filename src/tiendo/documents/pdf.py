"""PDF through LibreOffice in headless mode (a real converter, not a re-implementation).

Times New Roman is rarely installed on a Linux server; fontconfig then gives LibreOffice
Liberation Serif, which has the same metrics (every line breaks where it would in Times New
Roman). LibreOffice embeds the fonts it uses, as subsets, so the PDF reads the same anywhere.

Reproducible: LibreOffice 7.4 writes the moment of conversion into the PDF (CreationDate, the
trailer /ID and its own /DocChecksum) and ignores SOURCE_DATE_EPOCH, so `stamp` overwrites
them, byte for byte in place (the cross-reference offsets stay right): the date with the
document's own (the DOCX's core "modified" date, which is K), the two hashes with a hash of
the rest of the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

from django.core.exceptions import ValidationError

TIMEOUT_SECONDS = 180
DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:(\d{14})([^)]*)\)")
HEX_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")
CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")
OFFSET = re.compile(r"^([+-])(\d\d)'?(\d\d)?'?$")
CORE_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>([^<]+)</dcterms:modified>")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, moment: dt.datetime | None = None) -> bytes:
    """Convert in a private folder with a private LibreOffice profile (safe to run in parallel).

    The PDF's dates are `moment`, by default the DOCX's own "modified" date.
    """
    binary = soffice()
    if binary is None:
        raise ValidationError(
            "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản Word (DOCX)."
        )
    with tempfile.TemporaryDirectory(prefix="tiendo-pdf-") as folder:
        work = Path(folder)
        source = work / "bao-cao.docx"
        source.write_bytes(docx)
        command = [
            binary,
            f"-env:UserInstallation=file://{work / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        # UTC, so that LibreOffice writes its dates as "…Z" (stamp rewrites them anyway).
        env = {**os.environ, "TZ": "UTC"}
        try:
            subprocess.run(  # noqa: S603 - fixed arguments, no shell
                command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS, env=env
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise ValidationError(f"Không chuyển được báo cáo sang PDF: {error}") from None
        target = work / "bao-cao.pdf"
        if not target.exists():
            raise ValidationError("Không chuyển được báo cáo sang PDF.")
        pdf = target.read_bytes()
    moment = moment or docx_modified(docx)
    return stamp(pdf, moment) if moment else pdf


def docx_modified(docx: bytes) -> dt.datetime | None:
    """The DOCX's core "modified" date (the writer sets it to K), as an aware datetime."""
    try:
        with zipfile.ZipFile(BytesIO(docx)) as archive:
            core = archive.read("docProps/core.xml")
    except (KeyError, zipfile.BadZipFile):
        return None
    found = CORE_MODIFIED.search(core)
    if not found:
        return None
    try:
        return dt.datetime.fromisoformat(found.group(1).decode().replace("Z", "+00:00"))
    except ValueError:
        return None


def stamp(pdf: bytes, moment: dt.datetime) -> bytes:
    """The PDF with its dates set to `moment` and its /ID and /DocChecksum made from its
    content, every replacement of the same length as what it replaces."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)

    def date(match: re.Match[bytes]) -> bytes:
        suffix = match.group(3).decode("ascii", "replace")
        offset = OFFSET.match(suffix)
        if suffix.startswith("Z") or offset is None:
            local = moment.astimezone(dt.UTC)
        else:
            sign = -1 if offset.group(1) == "-" else 1
            delta = dt.timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3) or 0))
            local = moment.astimezone(dt.timezone(sign * delta))
        return b"/%s(D:%s%s)" % (
            match.group(1),
            local.strftime("%Y%m%d%H%M%S").encode(),
            match.group(3),
        )

    dated = DATE.sub(date, pdf)

    def blank(match: re.Match[bytes]) -> bytes:
        return b"".join(
            b"0" * len(part) if index in (2, 4) else part
            for index, part in enumerate(match.groups(), start=1)
        )

    blanked = CHECKSUM.sub(lambda m: m.group(1) + b"0" * len(m.group(2)), HEX_ID.sub(blank, dated))
    digest = hashlib.md5(blanked, usedforsecurity=False).hexdigest().upper().encode()

    def identify(match: re.Match[bytes]) -> bytes:
        head, first, middle, second, tail = match.groups()
        return head + _fit(digest, first) + middle + _fit(digest, second) + tail

    identified = HEX_ID.sub(identify, dated)
    return CHECKSUM.sub(lambda m: m.group(1) + _fit(digest, m.group(2)), identified)


def _fit(digest: bytes, old: bytes) -> bytes:
    """The digest cut or repeated to the old value's length (so offsets do not move)."""
    return (digest * (len(old) // len(digest) + 1))[: len(old)]
