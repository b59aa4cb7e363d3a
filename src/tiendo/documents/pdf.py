"""PDF through LibreOffice in headless mode (a real converter, not a re-implementation)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError

TIMEOUT_SECONDS = 180


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    """Convert in a private folder with a private LibreOffice profile (safe to run in parallel)."""
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
        try:
            subprocess.run(  # noqa: S603 - fixed arguments, no shell
                command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise ValidationError(f"Không chuyển được báo cáo sang PDF: {error}") from None
        target = work / "bao-cao.pdf"
        if not target.exists():
            raise ValidationError("Không chuyển được báo cáo sang PDF.")
        return target.read_bytes()
