"""The report page: draft, edit, download; and the CLI."""

from __future__ import annotations

from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from docx import Document

from tiendo.plans.models import Plan

pytestmark = pytest.mark.django_db


def form(**overrides: str) -> dict[str, Any]:
    plans = Plan.objects.filter(number__in=["762/KH-UBND", "87/KH-UBND"])
    data: dict[str, Any] = {
        "plans": [str(p.pk) for p in plans],
        "ngay": "2024-03-31",
        "known_at": "2024-04-02T14:00:00+07:00",
        "number": "15/BC-CAT",
        "parent_body": "UBND tỉnh Nghệ An",
        "issuing_body": "Công an tỉnh",
        "place": "Nghệ An",
        "issued_on": "2024-04-02",
        "summary": "Kết quả thực hiện Đề án 06 quý I năm 2024",
        "addressees": "Ủy ban nhân dân tỉnh",
        "authority": "KT.",
        "authority_body": "GIÁM ĐỐC",
        "signer_position": "PHÓ GIÁM ĐỐC",
        "signer_name": "Trần Ngọc Tuấn",
        "recipients": "Như trên\nBộ Công an (C06)",
    }
    data.update(overrides)
    return data


@pytest.fixture
def standing(sample: Any, client: Client) -> Client:
    client.force_login(User.objects.get(username="thuongtruc"))
    return client


def test_standing_body_drafts_edits_and_downloads_the_report(standing: Client) -> None:
    url = reverse("documents:report")
    page = standing.get(url)
    assert page.status_code == 200 and "/BC-CAT" in page.content.decode()
    draft = standing.post(url, form(soan="1")).content.decode()
    assert "Trong số 38 mô hình điểm theo Kế hoạch số 762/KH-UBND" in draft
    edited = form(
        xuat="docx",
        section_0_heading="I. KẾT QUẢ THỰC HIỆN",
        section_0_text="Đoạn thứ nhất đã sửa.\n\nĐoạn thứ hai.",
    )
    for n, heading in enumerate(["II. A", "III. B", "IV. C", "V. D"], start=1):
        edited[f"section_{n}_heading"] = heading
        edited[f"section_{n}_text"] = "Nội dung."
    response = standing.post(url, edited)
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="bao-cao-15-BC-CAT-den-2024-03-31.docx"'
    )
    paragraphs = [p.text for p in Document(BytesIO(response.content)).paragraphs]
    assert "Đoạn thứ nhất đã sửa." in paragraphs and "Đoạn thứ hai." in paragraphs


def test_malformed_number_gives_a_message_and_no_file(standing: Client) -> None:
    response = standing.post(reverse("documents:report"), form(number="BC15", xuat="docx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Số báo cáo “BC15” không đúng dạng" in response.content.decode()


def test_xlsx_download_is_an_excel_file(standing: Client) -> None:
    response = standing.post(reverse("documents:report"), form(xuat="xlsx"))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert response.content[:2] == b"PK"


def test_a_department_reports_only_on_its_own_items(sample: Any, client: Client) -> None:
    client.force_login(User.objects.get(username="yte.lanhdao"))
    draft = client.post(
        reverse("documents:report"), form(soan="1", number="3/BC-SYT")
    ).content.decode()
    assert "Trong số 38 mô hình điểm" not in draft
    assert "Sở Y tế đã hoàn thành" in draft


def test_cli_writes_the_files(sample: Any, tmp_path: Path) -> None:
    out = StringIO()
    call_command(
        "report",
        "--plan",
        "762/KH-UBND",
        "--as-of",
        "2024-03-31",
        "--number",
        "15/BC-CAT",
        "--issuing-body",
        "Công an tỉnh",
        "--format",
        "docx",
        "--format",
        "csv",
        "--out",
        str(tmp_path),
        stdout=out,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bao-cao-15-BC-CAT-den-2024-03-31.csv",
        "bao-cao-15-BC-CAT-den-2024-03-31.docx",
    ]
    csv_text = (tmp_path / "bao-cao-15-BC-CAT-den-2024-03-31.csv").read_text("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("TT,Kế hoạch,Số hiệu,Nội dung")
    with pytest.raises(CommandError, match="không đúng dạng"):
        call_command(
            "report",
            "--plan",
            "762/KH-UBND",
            "--as-of",
            "2024-03-31",
            "--number",
            "15",
            "--issuing-body",
            "X",
            "--out",
            str(tmp_path),
        )
