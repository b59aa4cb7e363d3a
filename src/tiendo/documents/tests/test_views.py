"""The report page: draft, edit, download; and the CLI."""

from __future__ import annotations

import datetime as dt
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from docx import Document

from tiendo.browser_tests.helpers import find_form
from tiendo.plans.models import Plan
from tiendo.testing import VN

pytestmark = pytest.mark.django_db
CONFERENCE = dt.datetime(2024, 4, 2, 14, tzinfo=VN)


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
        "addressees": "Ủy ban nhân dân tỉnh Nghệ An",
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


def drafted_form(html: str) -> dict[str, Any]:
    """The drafted page's form as the browser would send it (no button yet)."""
    return dict(find_form(html, having="ngay").data_dict())


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(BytesIO(data)).paragraphs]


def header_cells(data: bytes) -> list[str]:
    """The texts of the tables' cells: the header and signature blocks are tables."""
    document = Document(BytesIO(data))
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def test_standing_body_drafts_edits_and_downloads_the_report(standing: Client) -> None:
    url = reverse("documents:report")
    page = standing.get(url)
    assert page.status_code == 200 and "/BC-CAT" in page.content.decode()
    html = standing.post(url, form(soan="1")).content.decode()
    assert "Trong số 38 mô hình điểm theo Kế hoạch số 762/KH-UBND" in html
    sent = drafted_form(html)
    sections = int(sent["so_phan"])
    assert sections >= 2 and f"section_{sections - 1}_text" in sent
    first = next(n for n in range(sections) if sent[f"section_{n}_heading"])
    sent[f"section_{first}_text"] = "Đoạn thứ nhất đã sửa.\n\nĐoạn thứ hai."
    response = standing.post(url, {**sent, "xuat": "docx"})
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="bao-cao-15-BC-CAT-den-2024-03-31.docx"'
    )
    text = paragraphs(response.content)
    assert "Đoạn thứ nhất đã sửa." in text and "Đoạn thứ hai." in text


def test_form_opened_and_submitted_unchanged_is_dated_from_the_cutoff_not_today(
    standing: Client,
) -> None:
    url = reverse("documents:report")
    with time_machine.travel(dt.datetime(2024, 4, 10, 9, tzinfo=VN), tick=False):
        opened = find_form(standing.get(url).content.decode(), having="ngay")
        values = dict(opened.values())
        # The last quarter end, its summary, and the day its report was due (not 10/04).
        assert values["ngay"] == "31/03/2024"
        assert values["summary"] == "Kết quả thực hiện Đề án 06 quý I năm 2024"
        assert values["issued_on"] == "02/04/2024"
        assert values["known_at"] == "10/04/2024 09:00"
        assert values["addressees"].strip() == "Ủy ban nhân dân tỉnh Nghệ An"
        for control in opened.controls:  # what the page leaves to the person
            if control.name == "number":
                control.value = "15/BC-CAT"
            if control.name == "signer_name":
                control.value = "Trần Ngọc Tuấn"
        data = opened.data_dict(opened.button("Soạn thảo báo cáo"))
        chosen = Plan.objects.filter(number__in=["762/KH-UBND", "87/KH-UBND"])
        data["plans"] = [str(p.pk) for p in chosen]
        drafted = standing.post(url, data)
        html = drafted.content.decode()
        assert "Dự thảo nội dung" in html, html[:2000]
        word = standing.post(url, {**drafted_form(html), "xuat": "docx"})
    assert word["Content-Disposition"].startswith("attachment")
    text = "\n".join(header_cells(word.content))
    assert "Nghệ An, ngày 02 tháng 4 năm 2024" in text
    assert "ngày 10 tháng 4 năm 2024" not in text


def test_changing_the_cutoff_moves_a_default_summary_and_date_but_keeps_typed_ones(
    standing: Client,
) -> None:
    url = reverse("documents:report")
    moved = standing.post(
        url,
        form(
            soan="1",
            mac_dinh_ngay="2024-03-31",
            ngay="30/06/2024",
            known_at="",
        ),
    )
    values = dict(find_form(moved.content.decode(), having="ngay").values())
    assert values["summary"] == "Kết quả thực hiện Đề án 06 trong 6 tháng đầu năm 2024"
    assert values["issued_on"] == "02/07/2024"
    assert values["mac_dinh_ngay"] == "2024-06-30"
    kept = standing.post(
        url,
        form(
            soan="1",
            mac_dinh_ngay="2024-03-31",
            ngay="30/06/2024",
            summary="Sơ kết 6 tháng",
            issued_on="05/07/2024",
        ),
    )
    values = dict(find_form(kept.content.decode(), having="ngay").values())
    assert (values["summary"], values["issued_on"]) == ("Sơ kết 6 tháng", "05/07/2024")


def test_download_after_changing_the_cutoff_redrafts_and_gives_no_file(
    standing: Client,
) -> None:
    url = reverse("documents:report")
    html = standing.post(url, form(soan="1")).content.decode()
    sent = drafted_form(html)
    assert sent["du_thao_ngay"] == "2024-03-31"
    sent["section_1_text"] = "Nội dung đã sửa cho quý I."
    sent.update(ngay="30/06/2024", issued_on="02/07/2024", xuat="docx")
    response = standing.post(url, sent)
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert (
        "Ngày chốt số liệu đã đổi từ 31/03/2024 sang 30/06/2024: dự thảo đã được soạn lại" in page
    )
    again = drafted_form(page)
    assert again["du_thao_ngay"] == "2024-06-30"
    assert "Nội dung đã sửa cho quý I." not in page
    assert "Tính đến ngày 30/06/2024" in page
    # The redrafted page downloads as it is.
    word = standing.post(url, {**again, "xuat": "docx"})
    assert word["Content-Disposition"].endswith('den-2024-06-30.docx"')


def test_download_after_changing_k_or_plans_redrafts(standing: Client) -> None:
    url = reverse("documents:report")
    sent = drafted_form(standing.post(url, form(soan="1")).content.decode())
    later = standing.post(url, {**sent, "known_at": "03/04/2024 08:00", "xuat": "xlsx"})
    assert later["Content-Type"].startswith("text/html")
    assert "Thời điểm ghi nhận dữ liệu đã đổi từ 14:00 02/04/2024 sang 08:00 03/04/2024" in (
        later.content.decode()
    )
    one = Plan.objects.get(number="762/KH-UBND")
    fewer = standing.post(url, {**sent, "plans": [str(one.pk)], "xuat": "csv"})
    assert fewer["Content-Type"].startswith("text/html")
    assert "Danh sách kế hoạch đã đổi" in fewer.content.decode()


def test_a_cleared_section_is_left_out_and_the_next_heading_renumbered(
    standing: Client,
) -> None:
    url = reverse("documents:report")
    sent = drafted_form(standing.post(url, form(soan="1")).content.decode())
    numbered = [
        n for n in range(int(sent["so_phan"])) if sent[f"section_{n}_heading"].startswith("I")
    ]
    cleared, following = numbered[1], numbered[2]
    cleared_heading = sent[f"section_{cleared}_heading"]
    following_heading = sent[f"section_{following}_heading"]
    assert cleared_heading.startswith("II. ") and following_heading.startswith("III. ")
    sent[f"section_{cleared}_text"] = "  \r\n\r\n "
    response = standing.post(url, {**sent, "xuat": "docx"})
    text = paragraphs(response.content)
    assert cleared_heading not in text
    assert "II. " + following_heading.removeprefix("III. ") in text
    assert following_heading not in text


def test_a_future_k_and_an_issue_date_before_the_cutoff_are_refused_on_the_form(
    standing: Client,
) -> None:
    response = standing.post(
        reverse("documents:report"),
        form(soan="1", known_at="01/01/2099 10:00", issued_on="30/03/2024", xuat="docx"),
    )
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Thời điểm ghi nhận dữ liệu 10:00 ngày 01/01/2099 ở tương lai" in page
    assert "Ngày ban hành 30/03/2024 trước ngày chốt số liệu 31/03/2024" in page
    assert "Dự thảo nội dung" not in page


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
        reverse("documents:report"),
        form(soan="1", number="3/BC-SYT", issuing_body="Sở Y tế"),
    ).content.decode()
    assert "Trong số 38 mô hình điểm" not in draft
    assert "Sở Y tế đã hoàn thành" in draft


README_OPTIONS = [
    "--plan",
    "762/KH-UBND",
    "--plan",
    "87/KH-UBND",
    "--as-of",
    "2024-03-31",
    "--number",
    "15/BC-CAT",
    "--issuing-body",
    "Công an tỉnh",
    "--parent-body",
    "UBND tỉnh Nghệ An",
    "--place",
    "Nghệ An",
    "--authority",
    "KT.",
    "--authority-body",
    "Giám đốc",
    "--signer-position",
    "Phó Giám đốc",
    "--signer",
    "Trần Ngọc Tuấn",
]


def test_cli_writes_the_files_with_the_readme_options(sample: Any, tmp_path: Path) -> None:
    out = StringIO()
    call_command(
        "report",
        *README_OPTIONS,
        "--known-at",
        "2024-04-02T14:00",
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
    assert "Nội dung" in csv_text.splitlines()[0] and "31/03/2024" in csv_text.splitlines()[1]
    text = paragraphs((tmp_path / "bao-cao-15-BC-CAT-den-2024-03-31.docx").read_bytes())
    cells = header_cells((tmp_path / "bao-cao-15-BC-CAT-den-2024-03-31.docx").read_bytes())
    # Dated from the cut-off (the period's due date), titled from it, addressed to UBND tỉnh.
    assert any("ngày 02 tháng 4 năm 2024" in c for c in cells)
    assert "Kết quả thực hiện Đề án 06 quý I năm 2024" in text
    assert "Kính gửi: Ủy ban nhân dân tỉnh Nghệ An." in text


def test_cli_takes_the_particulars_from_the_issuing_agency(sample: Any, tmp_path: Path) -> None:
    call_command(
        "report",
        "--plan",
        "762/KH-UBND",
        "--as-of",
        "2024-03-31",
        "--number",
        "7/BC-SYT",
        "--issuing-agency",
        "40.SYT",
        "--signer",
        "Hồ Đức Thắng",
        "--next-until",
        "2024-06-30",
        "--out",
        str(tmp_path),
        stdout=StringIO(),
    )
    data = (tmp_path / "bao-cao-7-BC-SYT-den-2024-03-31.docx").read_bytes()
    cells = " ".join(header_cells(data))
    assert "SỞ Y TẾ" in cells and "UBND TỈNH NGHỆ AN" in cells and "PHÓ GIÁM ĐỐC" in cells
    assert "Kính gửi: Ủy ban nhân dân tỉnh Nghệ An." in paragraphs(data)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--number", "15"], "--number: Số báo cáo “15” không đúng dạng"),
        (["--place", ""], "--place: Chưa nhập địa danh."),
        (["--signer", ""], "--signer: Chưa nhập họ và tên người ký."),
        (["--issued-on", "2024-03-30"], "--issued-on: Ngày ban hành 30/03/2024 trước ngày chốt"),
        (["--issued-on", "2031-01-02"], "--issued-on: Ngày ban hành 02/01/2031 sau ngày hôm nay"),
        (["--as-of", "2030-06-30"], "--as-of: Ngày chốt số liệu 30/06/2030 sau ngày hôm nay"),
        (["--known-at", "2099-01-01T08:00"], "--known-at: Thời điểm ghi nhận dữ liệu"),
        (["--next-until", "2024-03-01"], "--next-until: Ngày cuối của “nhiệm vụ thời gian tới”"),
    ],
)
def test_cli_refuses_a_wrong_particular_naming_the_option(
    sample: Any, tmp_path: Path, options: list[str], message: str
) -> None:
    with pytest.raises(CommandError) as error:
        call_command("report", *README_OPTIONS, *options, "--out", str(tmp_path))
    assert message in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_cli_without_a_body_or_an_agency_says_what_is_missing(sample: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as error:
        call_command(
            "report",
            *["--plan", "762/KH-UBND", "--as-of", "2024-03-31", "--number", "15/BC-CAT"],
            "--out",
            str(tmp_path),
        )
    said = str(error.value)
    for expected in (
        "--issuing-body: Chưa nhập cơ quan ban hành.",
        "--place: Chưa nhập địa danh.",
        "--to: Chưa nhập nơi “Kính gửi”",
        "--signer-position: Chưa nhập chức vụ người ký.",
        "--signer: Chưa nhập họ và tên người ký.",
    ):
        assert expected in said
    assert list(tmp_path.iterdir()) == []


def test_the_provincial_committee_page_starts_with_its_own_particulars(
    sample: Any, client: Client
) -> None:
    client.force_login(User.objects.get(username="lanhdao"))
    opened = find_form(client.get(reverse("documents:report")).content.decode(), having="ngay")
    values = dict(opened.values())
    assert values["issuing_body"] == "Ủy ban nhân dân tỉnh Nghệ An"
    assert values["parent_body"] == ""
    assert values["number"] == "/BC-UBND"
    assert (values["authority"], values["authority_body"], values["deputy_of"]) == (
        "TM.",
        "ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    )
    assert values["signer_position"] == "PHÓ CHỦ TỊCH"
    assert "Ủy ban nhân dân tỉnh Nghệ An" not in values["addressees"]
    assert values["recipients"].startswith("Như trên")
