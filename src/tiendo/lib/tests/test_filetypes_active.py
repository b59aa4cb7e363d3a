"""Files of an accepted type that would run code when opened: macros, PDF scripts and actions."""

from __future__ import annotations

import os
import zlib

import pytest

from tiendo.lib import filetypes
from tiendo.lib.filetypes import pdf_active_content
from tiendo.lib.tests.test_filetypes import (
    CONTENT_TYPES_XML,
    PDF,
    check,
    docx_bytes,
    rejection,
    xlsx_bytes,
    zip_bytes,
)

PDF_ADVICE = (
    "nên không được chấp nhận; hãy in lại thành PDF thường (In › Lưu dưới dạng PDF) rồi tải lên."
)
MACRO_TYPES_XML = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
)


def pdf(*objects: bytes) -> bytes:
    """A small PDF whose catalog and objects are given as written."""
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (n, o) for n, o in enumerate(objects, start=1))
    return b"%PDF-1.7\n" + body + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def object_stream(*objects: bytes, first_number: int = 10, raw: bool = False) -> bytes:
    """An object stream (PDF 1.5+) holding `objects`, numbered from first_number, deflated."""
    offsets, position = [], 0
    for obj in objects:
        offsets.append(position)
        position += len(obj) + 1
    pairs = b" ".join(b"%d %d" % (first_number + i, o) for i, o in enumerate(offsets)) + b" "
    content = pairs + b" ".join(objects)
    data = content if raw else zlib.compress(content)
    flate = b"" if raw else b" /Filter /FlateDecode"
    header = b"<< /Type /ObjStm /N %d /First %d /Length %d%s >>" % (
        len(objects),
        len(pairs),
        len(data),
        flate,
    )
    return header + b"\nstream\n" + data + b"\nendstream"


# Office packages


def test_a_word_file_with_a_vba_project_is_refused_as_a_macro_file() -> None:
    content = zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES_XML,
            "word/document.xml": b"<w:document/>",
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 VBA",
        }
    )
    assert rejection("bao-cao.docx", content) == (
        'Tệp "bao-cao.docx" chứa macro (mã lệnh VBA tự chạy khi mở) nên không được chấp nhận; '
        "hãy lưu lại thành tệp Word thường (.docx, không có macro) rồi tải lên."
    )


def test_a_docm_renamed_docx_is_refused_by_its_declared_content_type() -> None:
    content = zip_bytes({"[Content_Types].xml": MACRO_TYPES_XML, "word/document.xml": b"<w/>"})
    assert "chứa macro" in rejection("ke-hoach.docx", content)


def test_an_xlsm_renamed_xlsx_is_refused_with_excel_named() -> None:
    content = zip_bytes(
        {
            "[Content_Types].xml": b'<Types><Default Extension="bin" '
            b'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
            "xl/workbook.xml": b"<workbook/>",
            "xl/VBAPROJECT.BIN": b"VBA",
        }
    )
    message = rejection("so-lieu.xlsx", content)
    assert message.endswith(
        "hãy lưu lại thành tệp Excel thường (.xlsx, không có macro) rồi tải lên."
    )


def test_excel_4_macro_sheets_count_as_macros() -> None:
    content = zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES_XML,
            "xl/workbook.xml": b"<workbook/>",
            "xl/macrosheets/sheet1.xml": b"<xm:macrosheet/>",
        }
    )
    assert "chứa macro" in rejection("so-lieu.xlsx", content)


def test_plain_office_files_still_pass() -> None:
    assert check("ke-hoach.docx", docx_bytes()).kind == "docx"
    assert check("so-lieu.xlsx", xlsx_bytes()).kind == "xlsx"


# PDF


def test_a_pdf_with_javascript_is_refused_saying_why_and_what_to_do() -> None:
    content = pdf(b"<< /Type /Catalog /Names << /JavaScript 2 0 R >> >>", b"<< /Names [] >>")
    assert rejection("bao-cao.pdf", content) == (
        f'Tệp PDF "bao-cao.pdf" có mã lệnh tự chạy (JavaScript) {PDF_ADVICE}'
    )


@pytest.mark.parametrize(
    ("catalog", "reason"),
    [
        (b"<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>", "JavaScript"),
        (b"<< /OpenAction << /S /Launch /F (cmd.exe) >> >>", "Launch"),
        (b"<< /OpenAction << /S /URI /URI (http://lua-dao.example) >> >>", "OpenAction"),
        (b"<< /Pages 2 0 R /AA << /O 3 0 R >> >>", "AA"),
        (b"<< /Names << /EmbeddedFiles 2 0 R >> >>", "EmbeddedFile"),
        (b"<< /Type /EmbeddedFile /Length 0 >>", "EmbeddedFile"),
        (b"<< /OpenAction << /S /GoTo /D [2 0 R /Fit] /Next 3 0 R >> >>", "OpenAction"),
        # Hex escapes in names spell the same key.
        (b"<< /OpenAction << /S /J#61vaScript /J#53 (x) >> >>", "JavaScript"),
        (b"<< /L#61unch 2 0 R >>", "Launch"),
    ],
)
def test_pdf_actions_and_embedded_files_are_found(catalog: bytes, reason: str) -> None:
    assert reason in pdf_active_content(pdf(catalog))


@pytest.mark.parametrize(
    "catalog",
    [
        # LibreOffice's export (the app's own reports): open at page 1.
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction[1 0 R /XYZ null null 0] >>",
        b"<< /OpenAction % open at the first page\n [2 0 R /Fit] >>",
        # pdfTeX / hyperref: a "go to" action.
        b"<< /OpenAction << /S /GoTo /D [2 0 R /Fit] >> >>",
        # Names that merely start like the active ones.
        b"<< /JSON (x) /AAA 1 /Launcher 2 /Type /Catalog >>",
    ],
)
def test_harmless_pdfs_pass(catalog: bytes) -> None:
    content = pdf(catalog)
    assert pdf_active_content(content) == set()
    assert check("bao-cao.pdf", content).kind == "pdf"


def test_an_open_action_by_reference_is_harmless_only_when_it_points_to_a_destination() -> None:
    assert pdf_active_content(pdf(b"<< /OpenAction 2 0 R >>", b"[3 0 R /Fit]")) == set()
    assert pdf_active_content(pdf(b"<< /OpenAction 2 0 R >>", b"<< /S /URI >>")) == {"OpenAction"}


def test_javascript_hidden_in_a_compressed_object_stream_is_found() -> None:
    hidden = object_stream(b"<< /Type /Catalog /OpenAction 11 0 R >>", b"<< /S /JavaScript >>")
    content = pdf(hidden)
    assert b"JavaScript" not in content  # a raw byte search would miss it
    assert rejection("bao-cao.pdf", content) == (
        f'Tệp PDF "bao-cao.pdf" có mã lệnh tự chạy (JavaScript) {PDF_ADVICE}'
    )


def test_short_names_count_in_an_uncompressed_object_stream() -> None:
    assert pdf_active_content(pdf(object_stream(b"<< /AA 3 0 R >>", raw=True))) == {"AA"}


def test_a_destination_inside_an_object_stream_is_harmless() -> None:
    content = pdf(object_stream(b"<< /Type /Catalog /OpenAction 11 0 R >>", b"[3 0 R /Fit]"))
    assert pdf_active_content(content) == set()


def test_an_object_stream_that_cannot_be_read_is_refused() -> None:
    broken = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\nnot zlib\nendstream"
    lzw = b"<< /Type /ObjStm /N 1 /First 4 /Filter /LZWDecode >>\nstream\n\x80\x0b\nendstream"
    for stream in (broken, lzw):
        assert rejection("bao-cao.pdf", pdf(stream)) == (
            'Tệp PDF "bao-cao.pdf" có phần nén không đọc được để kiểm tra (có thể do tệp được '
            f"mã hóa) {PDF_ADVICE}"
        )


def test_an_object_stream_bomb_is_not_inflated_beyond_the_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(filetypes, "MAX_PDF_INFLATED", 1024 * 1024)
    bomb = zlib.compress(b" " * (8 * 1024 * 1024))
    stream = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n%s\nendstream"
    assert pdf_active_content(pdf(stream % bomb)) == {"unreadable"}


def test_short_names_inside_binary_stream_data_are_not_mistaken_for_keys() -> None:
    image = b"<< /Subtype /Image /Length 12 >>\nstream\n\x00/JS /AA\xff\x00\nendstream"
    assert pdf_active_content(pdf(b"<< /Type /Catalog >>", image)) == set()


def test_long_names_inside_stream_data_still_count() -> None:
    # A stream keyword placed to make a scanner skip the catalog that follows it.
    trick = b"<< /Length 1 >>\nstream\n/OpenAction << /S /Launch >>\nendstream"
    assert pdf_active_content(pdf(trick)) >= {"Launch", "OpenAction"}


def test_a_large_binary_pdf_is_scanned_quickly() -> None:
    import time

    image = b"<< /Subtype /Image >>\nstream\n" + os.urandom(15 * 1024 * 1024) + b"\nendstream"
    content = pdf(b"<< /Type /Catalog >>", image)
    started = time.monotonic()
    pdf_active_content(content)
    assert time.monotonic() - started < 5


def test_the_plain_test_pdf_passes() -> None:
    assert pdf_active_content(PDF) == set()
