"""The import's limits hold whatever the file declares, and its uploads do not linger."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from tiendo.imports.annex import MAX_ROWS, AnnexRejected, read_annex
from tiendo.imports.tests.test_annex import MESSY, annex_xlsx
from tiendo.imports.uploads import MAX_AGE
from tiendo.plans.models import Plan

HEADER = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"]
TOO_MANY_ROWS = (
    "Trang “{}” có hơn 20.000 dòng, vượt giới hạn 20.000 dòng; không đọc tệp này. Hãy xóa các "
    "dòng thừa ở cuối trang hoặc tách phụ lục thành nhiều tệp."
)
FIELDS = {"number": "150/KH-UBND", "issued_on": "10/05/2024", "title": "Nhập thử", "kind": "task"}


def streamed_xlsx(rows: int) -> bytes:
    """A workbook written in streaming mode, as generators write them: no <dimension>."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Phụ lục")
    sheet.append(HEADER)
    for n in range(1, rows + 1):
        sheet.append([n, f"Việc {n}", "Sở Y tế", "Quý II/2024"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_dimension(data: bytes, ref: str) -> bytes:
    """The same workbook with its first sheet declaring `ref` as its size."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(rb"<dimension [^>]*/>", b"", content)
                content = content.replace(
                    b"<sheetViews>", b'<dimension ref="%s"/><sheetViews>' % ref.encode(), 1
                )
            target.writestr(entry.filename, content)
    return out.getvalue()


def test_a_sheet_without_a_dimension_is_refused_at_the_row_limit_naming_it() -> None:
    data = streamed_xlsx(25_000)
    assert b"<dimension" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    with pytest.raises(AnnexRejected) as caught:
        read_annex("phu-luc.xlsx", data)
    assert str(caught.value) == TOO_MANY_ROWS.format("Phụ lục")


def test_a_huge_streamed_sheet_is_refused_quickly() -> None:
    data = streamed_xlsx(150_000)
    started = time.monotonic()
    with pytest.raises(AnnexRejected, match=re.escape("có hơn 20.000 dòng")):
        read_annex("phu-luc.xlsx", data)
    assert time.monotonic() - started < 5  # it used to read every row first (75 s for 600.000)


def test_a_sheet_declaring_fewer_rows_than_it_has_is_counted_not_believed() -> None:
    data = with_dimension(streamed_xlsx(MAX_ROWS + 5), "A1:D10")
    with pytest.raises(AnnexRejected) as caught:
        read_annex("phu-luc.xlsx", data)
    assert str(caught.value) == TOO_MANY_ROWS.format("Phụ lục")


def test_a_too_small_dimension_does_not_drop_the_rows_below_it() -> None:
    data = with_dimension(annex_xlsx(MESSY), "A1:G8")
    assert len(read_annex("phu-luc.xlsx", data).rows) == 7


def test_a_sheet_at_the_limit_is_read() -> None:
    annex = read_annex("phu-luc.xlsx", streamed_xlsx(MAX_ROWS - 1))
    assert len(annex.rows) == MAX_ROWS - 1
    assert annex.rows[-1].line == MAX_ROWS


def test_another_sheet_without_a_dimension_is_bounded_too() -> None:
    workbook = Workbook(write_only=True)
    workbook.create_sheet("Phụ lục").append(HEADER)
    data_sheet = workbook.create_sheet("Dữ liệu")
    for n in range(MAX_ROWS + 1):
        data_sheet.append([n])
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(AnnexRejected) as caught:
        read_annex("phu-luc.xlsx", out.getvalue())
    assert str(caught.value) == TOO_MANY_ROWS.format("Dữ liệu")


def test_a_csv_past_the_row_limit_is_refused() -> None:
    text = "TT,Nội dung,Chủ trì,Thời hạn\n" + "1,Việc A,Sở Y tế,30/06/2024\n" * 25_000
    with pytest.raises(AnnexRejected) as caught:
        read_annex("phu-luc.csv", text.encode())
    assert str(caught.value) == TOO_MANY_ROWS.format("CSV")


def test_a_row_wider_than_the_column_limit_is_refused() -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Phụ lục")
    sheet.append(HEADER)
    sheet.append([1, "Việc A", "Sở Y tế", "Quý II/2024", *([None] * 70), "x"])
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(AnnexRejected) as caught:
        read_annex("phu-luc.xlsx", out.getvalue())
    assert str(caught.value) == (
        "Trang “Phụ lục”, dòng 2: có dữ liệu ở cột BW, vượt giới hạn 60 cột; không đọc tệp này."
    )


def test_a_damaged_workbook_gets_a_message_not_an_error() -> None:
    source, out = zipfile.ZipFile(io.BytesIO(annex_xlsx(MESSY))), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            broken = entry.filename == "xl/worksheets/sheet1.xml"
            target.writestr(
                entry.filename, b"<worksheet><sheetData><row" if broken else source.read(entry)
            )
    with pytest.raises(AnnexRejected, match="bị hỏng, không đọc được như bảng tính Excel"):
        read_annex("phu-luc.xlsx", out.getvalue())


def test_a_doctype_inside_the_workbook_is_refused() -> None:
    source, out = zipfile.ZipFile(io.BytesIO(streamed_xlsx(3))), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                content = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + content
            target.writestr(entry.filename, content)
    with pytest.raises(AnnexRejected, match="bị hỏng"):
        read_annex("phu-luc.xlsx", out.getvalue())


# The web page: rejected uploads go at once, abandoned ones after a day, tokens are checked.


@pytest.fixture
def standing(sample: Any, client: Client, settings: Any, tmp_path: Path) -> Client:
    settings.DATA_DIR = tmp_path
    client.force_login(User.objects.get(username="thuongtruc"))
    return client


def stored(tmp_path: Path) -> list[str]:
    folder = tmp_path / "imports"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.django_db
def test_a_rejected_upload_is_deleted_at_once(standing: Client, tmp_path: Path) -> None:
    upload = SimpleUploadedFile("phu-luc.xlsx", streamed_xlsx(25_000))
    response = standing.post("/nhap-ke-hoach/", {**FIELDS, "file": upload, "xem": "1"})
    assert response.status_code == 200
    assert TOO_MANY_ROWS.format("Phụ lục") in response.content.decode()
    assert stored(tmp_path) == []
    assert not Plan.objects.filter(number="150/KH-UBND").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token",
    [".", "..", "../..", "../../etc/passwd", "/etc/passwd", "abc", "x" * 32 + ".xlsx", "%2e%2e"],
)
def test_a_token_not_in_the_expected_format_gets_a_message(
    standing: Client, tmp_path: Path, token: str
) -> None:
    response = standing.post("/nhap-ke-hoach/", {**FIELDS, "token": token, "nhap": "1"})
    assert response.status_code == 200
    assert "Mã tệp đọc thử không hợp lệ; hãy chọn lại tệp phụ lục" in response.content.decode()
    assert not Plan.objects.filter(number="150/KH-UBND").exists()


@pytest.mark.django_db
def test_a_token_whose_file_is_gone_gets_a_message(standing: Client) -> None:
    response = standing.post(
        "/nhap-ke-hoach/", {**FIELDS, "token": "0" * 32 + ".xlsx", "nhap": "1"}
    )
    assert response.status_code == 200
    assert "Tệp đọc thử không còn được lưu" in response.content.decode()
    assert not Plan.objects.filter(number="150/KH-UBND").exists()


@pytest.mark.django_db
def test_an_abandoned_preview_is_deleted_after_a_day_by_the_page(
    standing: Client, tmp_path: Path
) -> None:
    upload = SimpleUploadedFile("phu-luc.xlsx", annex_xlsx(MESSY))
    preview = standing.post("/nhap-ke-hoach/", {**FIELDS, "file": upload, "xem": "1"})
    token = preview.context["token"]
    # The annex, and what its preview showed (to say what changed if it goes stale).
    assert stored(tmp_path) == [token, f"{token}.shown.json"]
    standing.get("/nhap-ke-hoach/")
    assert stored(tmp_path) == [token, f"{token}.shown.json"]  # still within the day
    day_ago = time.time() - MAX_AGE - 60
    os.utime(tmp_path / "imports" / token, (day_ago, day_ago))
    standing.get("/nhap-ke-hoach/")
    assert stored(tmp_path) == []
    late = standing.post("/nhap-ke-hoach/", {**FIELDS, "token": token, "nhap": "1"})
    assert "Tệp đọc thử không còn được lưu" in late.content.decode()
    assert not Plan.objects.filter(number="150/KH-UBND").exists()


@pytest.mark.django_db
def test_a_new_upload_replaces_the_previewed_file_and_an_import_removes_it(
    standing: Client, tmp_path: Path
) -> None:
    first = standing.post(
        "/nhap-ke-hoach/",
        {**FIELDS, "file": SimpleUploadedFile("a.xlsx", annex_xlsx(MESSY)), "xem": "1"},
    )
    again = standing.post(
        "/nhap-ke-hoach/",
        {
            **FIELDS,
            "token": first.context["token"],
            "file": SimpleUploadedFile("b.xlsx", annex_xlsx(MESSY)),
            "xem": "1",
        },
    )
    kept = again.context["token"]
    assert kept != first.context["token"]
    assert stored(tmp_path) == [kept, f"{kept}.shown.json"]
    fingerprint = again.context["preview"].fingerprint
    done = standing.post(
        "/nhap-ke-hoach/",
        {**FIELDS, "token": again.context["token"], "fingerprint": fingerprint, "nhap": "1"},
    )
    assert done.status_code == 302
    assert stored(tmp_path) == []
    assert Plan.objects.filter(number="150/KH-UBND").exists()
