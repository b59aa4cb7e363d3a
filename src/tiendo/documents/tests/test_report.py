"""The consolidated report: its words, its figures, its layout, and its reproducibility."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from tiendo.documents.docx_writer import write_docx
from tiendo.documents.particulars import ReportSpec
from tiendo.documents.pdf import docx_to_pdf
from tiendo.documents.report import build_report
from tiendo.documents.services import report_files
from tiendo.documents.xlsx_writer import write_xlsx
from tiendo.plans.models import ItemKind, Plan
from tiendo.progress.models import Lifecycle
from tiendo.status.selectors import AsOf, Scope, status_summary
from tiendo.testing import VN, make_item, make_plan

pytestmark = pytest.mark.django_db
CONFERENCE = dt.datetime(2024, 4, 2, 14, tzinfo=VN)
ARTIFACTS = Path("test-artifacts/report")


def spec(day: dt.date = dt.date(2024, 3, 31), **overrides: Any) -> ReportSpec:
    fields: dict[str, Any] = {
        "plans": list(
            Plan.objects.filter(number__in=["762/KH-UBND", "87/KH-UBND"]).order_by("issued_on")
        ),
        "as_of": AsOf.make(day, CONFERENCE if day <= dt.date(2024, 4, 1) else None),
        "number": "15/BC-CAT",
        "issuing_body": "Công an tỉnh",
        "parent_body": "UBND tỉnh Nghệ An",
        "place": "Nghệ An",
        "issued_on": dt.date(2024, 4, 2),
        "summary": "Kết quả thực hiện Đề án 06 quý I năm 2024",
        "addressees": ["Ủy ban nhân dân tỉnh"],
        "authority": "KT.",
        "authority_body": "Giám đốc",
        "signer_position": "Phó Giám đốc",
        "signer_name": "Trần Ngọc Tuấn",
        "recipients": ["Như trên", "Bộ Công an (C06)"],
    }
    fields.update(overrides)
    return ReportSpec(**fields)


def texts(docx: bytes) -> list[str]:
    document = Document(BytesIO(docx))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            out.extend(cell.text for cell in row.cells)
    return out


def test_sample_report_as_of_end_of_q1_contains_the_articles_sentences(sample: Any) -> None:
    body = "\n".join(texts(write_docx(build_report(spec()))))
    assert (
        "Trong số 38 mô hình điểm theo Kế hoạch số 762/KH-UBND, toàn tỉnh đã hoàn thành 06 mô "
        "hình, đang thực hiện 20 mô hình, còn lại 12 mô hình chưa triển khai." in body
    )
    assert (
        "Có 51 nhiệm vụ tại 10 nhóm nhiệm vụ theo Kế hoạch số 87/KH-UBND đến hết quý I vẫn "
        "chưa hoàn thành theo mục tiêu đề ra." in body
    )


def test_layout_follows_nghi_dinh_30(sample: Any) -> None:
    document = Document(BytesIO(write_docx(build_report(spec()))))
    section = document.sections[0]

    def mm(length: Any) -> float:
        return float(round(length.mm))  # Word stores twips: 210 mm reads back as 210.01

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20, 20)
    assert (mm(section.left_margin), mm(section.right_margin)) == (30, 15)
    assert section.different_first_page_header_footer  # no page number on page 1
    assert "PAGE" in section.header.paragraphs[0]._p.xml
    header = document.tables[0]
    left = [p for p in header.rows[0].cells[0].paragraphs if p.text]
    right = [p for p in header.rows[0].cells[1].paragraphs if p.text]

    def run(paragraph: Any) -> Any:
        return paragraph.runs[0]

    assert [p.text for p in left] == ["UBND TỈNH NGHỆ AN", "CÔNG AN TỈNH", "Số: 15/BC-CAT"]
    assert run(left[0]).font.size == Pt(13) and not run(left[0]).bold
    assert run(left[1]).bold and run(left[1]).font.size == Pt(13)
    assert [p.text for p in right] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nghệ An, ngày 02 tháng 4 năm 2024",
    ]
    assert run(right[0]).bold and run(right[1]).bold and run(right[1]).font.size == Pt(14)
    assert run(right[2]).italic
    for paragraph in (*left, *right):
        assert run(paragraph).font.name == "Times New Roman"
    body = [p for p in document.paragraphs if p.text]
    title = next(p for p in body if p.text == "BÁO CÁO")
    assert run(title).bold and title.alignment == 1  # centred
    headings = [p.text for p in body if p.text[:3] in ("I. ", "II.", "III", "IV.", "V. ")]
    assert headings == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. CÁC ĐƠN VỊ CHẬM TIẾN ĐỘ",
        "IV. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    prose = next(p for p in body if p.text.startswith("Trong số 38"))
    assert prose.alignment == 3 and mm(prose.paragraph_format.first_line_indent) == 13
    assert run(prose).font.size == Pt(14)
    signature = document.tables[1]
    recipients = [p for p in signature.rows[0].cells[0].paragraphs if p.text]
    assert recipients[0].text == "Nơi nhận:"
    assert run(recipients[0]).bold and run(recipients[0]).italic
    assert run(recipients[0]).font.size == Pt(12) and run(recipients[1]).font.size == Pt(11)
    assert [p.text for p in recipients[1:]] == [
        "- Như trên;",
        "- Bộ Công an (C06);",
        "- Lưu: VT, CAT.",
    ]
    signer = [p.text for p in signature.rows[0].cells[1].paragraphs if p.text]
    assert signer == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Ngọc Tuấn"]
    annexes = [p.text for p in body if p.text.startswith("Phụ lục")]
    assert annexes == ["Phụ lục I", "Phụ lục II", "Phụ lục III"]


def data_rows(sheet: Any) -> list[tuple[str, tuple[Any, ...]]]:
    """(plan heading, row) for each item row below the column titles; group rows (a merged
    heading: text in column A only) set the plan heading when they are a plan's."""
    plan, out = "", []
    for row in sheet.iter_rows(min_row=5, values_only=True):
        if row[1] is None:
            if str(row[0]).startswith("Kế hoạch số"):
                plan = str(row[0])
            continue
        out.append((plan, row))
    return out


@pytest.mark.parametrize("day", [dt.date(2024, 3, 31), dt.date(2024, 6, 30), dt.date(2024, 12, 31)])
def test_annex_figures_are_the_status_selectors(sample: Any, day: dt.date) -> None:
    # A report is issued on or after its cut-off (validate_spec refuses an earlier date).
    report = build_report(spec(day, issued_on=max(day, dt.date(2024, 4, 2))))
    workbook = load_workbook(BytesIO(write_xlsx(report)))
    items, overdue = data_rows(workbook.worksheets[0]), data_rows(workbook.worksheets[1])
    total = sum(
        status_summary(Scope(plan=p), report.spec.as_of).all.total for p in report.spec.plans
    )
    late = sum(
        status_summary(Scope(plan=p), report.spec.as_of).all.overdue for p in report.spec.plans
    )
    assert len(items) == total
    assert len(overdue) == late
    state = 10  # TT, Số hiệu, Nội dung, Sản phẩm, Chỉ tiêu, Kết quả, 2 agencies, 2 deadlines
    states = [row[state] for _, row in items]
    models = status_summary(Scope(plan=report.spec.plans[0]), report.spec.as_of).kind(
        ItemKind.MODEL
    )
    done_rows = [
        row
        for plan, row in items
        if plan.startswith("Kế hoạch số 762/KH-UBND") and row[state] == Lifecycle.DONE.label
    ]
    assert len(done_rows) == models.done
    assert states.count(Lifecycle.NOT_STARTED.label) == sum(
        status_summary(Scope(plan=p), report.spec.as_of).all.not_started for p in report.spec.plans
    )


def test_xlsx_is_formatted_for_people(sample: Any) -> None:
    workbook = load_workbook(BytesIO(write_xlsx(build_report(spec()))))
    sheet = workbook.worksheets[1]
    assert sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref == "A4:L4"
    assert sheet["C4"].value == "Nội dung" and sheet["C4"].font.bold
    assert sheet.column_dimensions["C"].width == 46
    assert sheet["I4"].value == "Thời hạn ban đầu"
    first = next(row for row in sheet.iter_rows(min_row=5) if row[1].value is not None)[8]
    assert isinstance(first.value, dt.datetime) and first.number_format == "DD/MM/YYYY"
    assert sheet["A3"].value.startswith("Số liệu tính đến ngày 31/03/2024")


def test_report_states_its_cutoff_and_when_its_data_was_taken(sample: Any) -> None:
    body = texts(write_docx(build_report(spec())))
    assert "Số liệu tính đến ngày 31/03/2024; dữ liệu ghi nhận đến 14:00 ngày 02/04/2024." in body


def test_recommendations_are_grouped_by_addressee_ministries_first(sample: Any) -> None:
    report = build_report(spec())
    [section] = [s for s in report.sections if s.heading.startswith("V.")]
    headings = [p for p in section.paragraphs if p[0].isdigit()]
    assert headings and all(h.split(". ", 1)[1].startswith("Đối với") for h in headings)
    ministries_done = False
    for heading in headings:
        is_ministry = "Bộ" in heading or "Việt Nam" in heading
        assert not (is_ministry and ministries_done), "ministries come first"
        ministries_done = ministries_done or not is_ministry


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"number": "15-BC"}, "Số báo cáo “15-BC” không đúng dạng"),
        ({"as_of": AsOf.make(dt.date(2023, 12, 31))}, "trước ngày ban hành Kế hoạch số 87/KH-UBND"),
    ],
)
def test_bad_requests_are_refused_with_a_clear_message(
    sample: Any, overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        report_files(spec(**overrides), ["docx", "xlsx"])
    assert message in " ".join(error.value.messages)


def test_no_items_in_scope_gives_no_empty_document() -> None:
    empty = make_plan(issued_on=dt.date(2024, 1, 1))
    with pytest.raises(ValidationError, match="không tạo báo cáo rỗng"):
        build_report(spec(plans=[empty]))
    make_item(empty)  # one item is enough to write a report
    assert build_report(spec(plans=[empty])).summaries[empty.pk].all.total == 1


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_pages_are_rendered_for_people_to_look_at(sample: Any) -> None:
    pdf = docx_to_pdf(write_docx(build_report(spec())))
    assert pdf.startswith(b"%PDF")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "bao-cao-15-BC-CAT.pdf").write_bytes(pdf)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:
        subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [
                pdftoppm,
                "-r",
                "60",
                "-png",
                str(ARTIFACTS / "bao-cao-15-BC-CAT.pdf"),
                str(ARTIFACTS / "trang"),
            ],
            check=True,
        )
        pages = sorted(ARTIFACTS.glob("trang-*.png"))
        assert len(pages) >= 4


def test_docx_annexes_hold_every_item_and_every_overdue_one(sample: Any) -> None:
    report = build_report(spec())
    document = Document(BytesIO(write_docx(report)))
    items, overdue = document.tables[2], document.tables[3]

    def rows(table: Any) -> list[list[str]]:
        """Item rows: a group heading is one merged cell, repeated across the row."""
        out = [[cell.text for cell in row.cells] for row in table.rows[1:]]
        return [row for row in out if len(set(row)) > 1]

    total = sum(summary.all.total for summary in report.summaries.values())
    assert len(rows(items)) == total
    assert len(rows(overdue)) == report.overdue_count
    first = rows(overdue)[0]
    assert first[0] == "1"
    # Longest overdue first within each plan: TT restarts at 1 under each plan heading.
    blocks: list[list[str]] = []
    for row in rows(overdue):
        if row[0] == "1":
            blocks.append([])
        blocks[-1].append(row[8])
    for deadlines in blocks:
        assert deadlines == sorted(deadlines, key=lambda d: d[6:] + d[3:5] + d[:2])
