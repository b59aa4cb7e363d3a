from __future__ import annotations

import hashlib
import io
import os
import struct
import unicodedata
import zipfile
import zlib
from pathlib import Path

import pytest

from tiendo.lib import filetypes
from tiendo.lib.filetypes import (
    CheckedFile,
    SuspiciousArchive,
    UploadRejected,
    check_upload,
    safe_filename,
    sniff,
)

MB = 1024 * 1024
LIMIT = 20 * MB

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def png_bytes() -> bytes:
    """A valid 1x1 grey PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def zip_bytes(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


CONTENT_TYPES_XML = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def docx_bytes(document: bytes = b"<w:document/>") -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES_XML,
            "_rels/.rels": b"<Relationships/>",
            "word/document.xml": document,
        }
    )


def xlsx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES_XML,
            "_rels/.rels": b"<Relationships/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b"<worksheet/>",
        }
    )


def check(name: str, content: bytes, size: int | None = None) -> CheckedFile:
    return check_upload(name, io.BytesIO(content), len(content) if size is None else size, LIMIT)


def rejection(name: str, content: bytes, size: int | None = None) -> str:
    with pytest.raises(UploadRejected) as caught:
        check(name, content, size)
    return str(caught.value)


def test_a_pdf_is_accepted_with_its_hash_and_content_type() -> None:
    checked = check("Báo cáo quý I.pdf", PDF)
    assert checked == CheckedFile(
        safe_name="Báo cáo quý I.pdf",
        kind="pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256=hashlib.sha256(PDF).hexdigest(),
    )


def test_png_and_jpeg_images_are_accepted_under_either_jpeg_extension() -> None:
    assert check("anh.png", png_bytes()).content_type == "image/png"
    assert check("anh.jpg", JPEG).kind == "jpeg"
    assert check("anh.JPEG", JPEG).kind == "jpeg"


def test_docx_and_xlsx_are_recognised_by_their_zip_entries() -> None:
    docx = check("ke-hoach.docx", docx_bytes())
    xlsx = check("so-lieu.xlsx", xlsx_bytes())
    assert (docx.kind, docx.content_type) == (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    assert (xlsx.kind, xlsx.content_type) == (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_the_stream_is_left_at_its_start_for_storage() -> None:
    stream = io.BytesIO(docx_bytes())
    check_upload("a.docx", stream, len(stream.getvalue()), LIMIT)
    assert stream.tell() == 0


def test_sniff_reads_an_office_file_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "so-lieu.bin"
    path.write_bytes(xlsx_bytes())
    assert sniff(path.read_bytes()[:8], path) == "xlsx"
    assert sniff(path.read_bytes()[:8], os.fspath(path)) == "xlsx"


def test_sniff_cannot_tell_a_zip_without_its_content() -> None:
    assert sniff(docx_bytes()[:8]) is None
    assert sniff(b"MZ\x90\x00") is None


def test_a_plain_zip_is_neither_docx_nor_xlsx() -> None:
    content = zip_bytes({"word/document.xml": b"<w:document/>"})
    assert sniff(content[:8], io.BytesIO(content)) is None
    assert rejection("ho-so.docx", content) == (
        'Tệp "ho-so.docx" có phần mở rộng .docx nhưng nội dung không phải DOCX.'
    )


def test_a_file_too_large_is_refused_before_it_is_read() -> None:
    assert rejection("x.pdf", PDF, size=33_030_144) == (
        'Tệp "x.pdf" dung lượng 31,5 MB vượt quá giới hạn 20 MB.'
    )


def test_more_bytes_than_declared_are_also_counted_against_the_limit() -> None:
    with pytest.raises(UploadRejected, match="vượt quá giới hạn"):
        check_upload("x.pdf", io.BytesIO(PDF + b"\0" * 2000), 10, 1000)


def test_an_empty_file_is_refused() -> None:
    assert rejection("trong.pdf", b"") == 'Tệp "trong.pdf" không có nội dung.'


def test_an_executable_is_not_an_accepted_type() -> None:
    assert rejection("cai-dat.exe", b"MZ\x90\x00\x03") == (
        'Tệp "cai-dat.exe" không thuộc loại được chấp nhận; '
        "chỉ nhận tệp DOCX, JPEG, PDF, PNG, XLSX."
    )


def test_a_file_without_extension_is_not_an_accepted_type() -> None:
    assert "không thuộc loại được chấp nhận" in rejection("bao-cao", PDF)


def test_an_image_renamed_to_pdf_is_refused() -> None:
    assert rejection("bao-cao.pdf", png_bytes()) == (
        'Tệp "bao-cao.pdf" có phần mở rộng .pdf nhưng nội dung không phải PDF.'
    )


def test_an_executable_renamed_to_pdf_is_refused() -> None:
    assert rejection("bao-cao.pdf", b"MZ\x90\x00\x03\x00") == (
        'Tệp "bao-cao.pdf" có phần mở rộng .pdf nhưng nội dung không phải PDF.'
    )


def test_a_word_file_renamed_to_xlsx_is_refused() -> None:
    assert rejection("so-lieu.xlsx", docx_bytes()) == (
        'Tệp "so-lieu.xlsx" có phần mở rộng .xlsx nhưng nội dung không phải XLSX.'
    )


def test_a_damaged_zip_is_refused() -> None:
    assert rejection("hong.docx", b"PK\x03\x04" + b"\x00" * 64) == (
        'Tệp "hong.docx" bị hỏng, không đọc được nội dung nên không được chấp nhận.'
    )


def test_a_zip_with_too_many_entries_is_refused() -> None:
    entries = {f"word/media/{i}.xml": b"x" for i in range(2_001)}
    entries["[Content_Types].xml"] = CONTENT_TYPES_XML
    entries["word/document.xml"] = b"<w:document/>"
    assert rejection("nhieu.docx", zip_bytes(entries, zipfile.ZIP_STORED)) == (
        'Tệp "nhieu.docx" chứa quá nhiều thành phần (hơn 2.000) nên không được chấp nhận.'
    )


def test_a_zip_with_a_compression_ratio_over_100_is_refused() -> None:
    content = docx_bytes(document=b"\0" * (2 * MB))
    assert len(content) < 20_000
    assert rejection("bom.docx", content) == (
        'Tệp "bom.docx" có tỉ lệ nén bất thường (trên 100:1) nên không được chấp nhận.'
    )


def test_a_zip_expanding_beyond_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # Stored random bytes keep the ratio at 1:1, so only the size limit can refuse it.
    monkeypatch.setattr(filetypes, "MAX_ZIP_UNCOMPRESSED", MB)
    content = zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES_XML,
            "xl/workbook.xml": b"<workbook/>",
            "xl/media/image1.bin": os.urandom(MB + 1),
        },
        zipfile.ZIP_STORED,
    )
    assert rejection("lon.xlsx", content) == (
        'Tệp "lon.xlsx" khi giải nén vượt quá 1 MB nên không được chấp nhận.'
    )


def test_sniff_raises_for_a_zip_bomb_without_a_file_name() -> None:
    content = docx_bytes(document=b"\0" * (2 * MB))
    with pytest.raises(SuspiciousArchive, match=r"^Tệp nén có tỉ lệ nén bất thường"):
        sniff(content[:8], io.BytesIO(content))


def test_messages_name_the_file_without_its_client_path() -> None:
    assert rejection("C:\\Users\\An\\..\\bao-cao.pdf", b"") == (
        'Tệp "bao-cao.pdf" không có nội dung.'
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("C:\\Users\\An\\Báo cáo.pdf", "Báo cáo.pdf"),
        ("bao\x00cao\x07.pdf", "baocao.pdf"),
        ("hoa-don\u202efdp.exe", "hoa-donfdp.exe"),
        ('a<b>:c"|?*.pdf', "abc.pdf"),
        ("...env", "env"),
        ("  Báo \t cáo\n quý   I.pdf  ", "Báo cáo quý I.pdf"),
        ("ke-hoach.docx.", "ke-hoach.docx"),
        ("", "tep-dinh-kem"),
        ("..", "tep-dinh-kem"),
        ("dir/", "tep-dinh-kem"),
        ('<>:"|?*', "tep-dinh-kem"),
    ],
)
def test_safe_filename_cleans_names(raw: str, expected: str) -> None:
    assert safe_filename(raw) == expected


def test_safe_filename_composes_decomposed_vietnamese_letters() -> None:
    decomposed = unicodedata.normalize("NFD", "Nghệ An – Báo cáo.docx")
    assert decomposed != "Nghệ An – Báo cáo.docx"
    assert safe_filename(decomposed) == "Nghệ An – Báo cáo.docx"


def test_safe_filename_cuts_long_names_to_120_characters_keeping_the_extension() -> None:
    result = safe_filename("ầ" * 200 + ".docx")
    assert result == "ầ" * 115 + ".docx"
    assert len(result) == 120


def test_safe_filename_cuts_a_long_name_without_a_plausible_extension() -> None:
    assert safe_filename("a" * 100 + "." + "b" * 100) == "a" * 100 + "." + "b" * 19
