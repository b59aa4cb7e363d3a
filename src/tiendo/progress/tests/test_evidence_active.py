"""Evidence that would run code when opened is refused on upload; what passes is served so that
no browser runs it."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tiendo.progress.models import Evidence, ProgressUpdate
from tiendo.testing import Cast, make_cast

pytestmark = pytest.mark.django_db

FORM = {"valid_on": "2024-03-14", "state": "in_progress", "percent": "40"}


@pytest.fixture
def draft(client: Client, settings: Any, tmp_path: Path) -> ProgressUpdate:
    settings.TIENDO_EVIDENCE_DIR = str(tmp_path)
    cast: Cast = make_cast()
    client.force_login(cast.reporter)
    client.post(reverse("progress:update_create", args=[cast.item.pk]), FORM)
    return ProgressUpdate.objects.get(item=cast.item)


def upload(client: Client, draft: ProgressUpdate, name: str, content: bytes) -> str:
    response = client.post(
        reverse("progress:evidence_upload", args=[draft.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


def macro_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0VBA")
    return out.getvalue()


def script_pdf() -> bytes:
    """JavaScript run on opening, hidden in a compressed object stream."""
    objects = b"<< /Type /Catalog /OpenAction 11 0 R >> << /S /JavaScript /JS (app.alert(1)) >>"
    pairs = b"10 0 11 40 "
    data = zlib.compress(pairs + objects)
    return (
        b"%%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>"
        b"\nstream\n%s\nendstream\nendobj\ntrailer\n<< /Root 10 0 R >>\n%%%%EOF\n"
        % (len(pairs), len(data), data)
    )


def test_a_macro_word_file_named_docx_is_refused_and_nothing_is_stored(
    client: Client, draft: ProgressUpdate, tmp_path: Path
) -> None:
    page = upload(client, draft, "bao-cao.docx", macro_docx())
    assert (
        "Tệp &quot;bao-cao.docx&quot; chứa macro (mã lệnh VBA tự chạy khi mở) nên không được "
        "chấp nhận; hãy lưu lại thành tệp Word thường (.docx, không có macro) rồi tải lên."
    ) in page
    assert not Evidence.objects.filter(update=draft).exists()
    assert not any(tmp_path.rglob("*"))


def test_a_pdf_with_a_script_is_refused_saying_why_and_nothing_is_stored(
    client: Client, draft: ProgressUpdate, tmp_path: Path
) -> None:
    page = upload(client, draft, "bao-cao.pdf", script_pdf())
    assert (
        "Tệp PDF &quot;bao-cao.pdf&quot; có mã lệnh tự chạy (JavaScript) nên không được chấp "
        "nhận; hãy in lại thành PDF thường (In › Lưu dưới dạng PDF) rồi tải lên."
    ) in page
    assert not Evidence.objects.filter(update=draft).exists()
    assert not any(tmp_path.rglob("*"))


def test_a_pdf_html_polyglot_is_served_as_a_pdf_attachment_the_browser_may_not_sniff(
    client: Client, draft: ProgressUpdate
) -> None:
    # Valid as a PDF (its header comes first) and readable as HTML by a sniffing browser.
    polyglot = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"
    polyglot += b"1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    upload(client, draft, "bao-cao.pdf", polyglot)
    evidence = Evidence.objects.get(update=draft)
    assert (evidence.kind, evidence.content_type) == ("pdf", "application/pdf")
    response = client.get(reverse("progress:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == polyglot  # type: ignore[attr-defined]
