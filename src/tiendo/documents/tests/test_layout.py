"""The report's form as the signer sees it: Nghị định 30 in the DOCX, and in the PDF pages
(signature block together, no orphan heading, annexes landscape and numbered on their own),
for the province at three cut-offs and for a department's own report. The pages are rendered
into test-artifacts/report/ for people to look at."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from dataclasses import dataclass, replace
from io import BytesIO, StringIO
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tiendo.agencies.models import Agency
from tiendo.documents.annexes import ANNEXES, GroupRow
from tiendo.documents.csv_writer import GROUP_COLUMN, write_csv
from tiendo.documents.docx_writer import column_widths, text_width_mm, write_docx
from tiendo.documents.particulars import ReportSpec
from tiendo.documents.pdf import docx_to_pdf
from tiendo.documents.report import Report, build_report
from tiendo.documents.tests import nd30
from tiendo.documents.tests.test_report import ARTIFACTS
from tiendo.documents.xlsx_writer import write_xlsx
from tiendo.plans.models import Plan
from tiendo.status.selectors import AsOf
from tiendo.testing import VN

pytestmark = pytest.mark.django_db
HAS_PDF_TOOLS = all(shutil.which(tool) for tool in ("soffice", "pdftoppm", "pdftotext"))
needs_pdf = pytest.mark.skipif(not HAS_PDF_TOOLS, reason="LibreOffice or poppler-utils missing")


@dataclass(frozen=True)
class Case:
    name: str
    day: dt.date
    plans: tuple[str, ...]
    agency: str | None = None


CASES = [
    Case("tinh-2024-03-31", dt.date(2024, 3, 31), ("762/KH-UBND", "87/KH-UBND")),
    Case("tinh-2024-12-31", dt.date(2024, 12, 31), ("762/KH-UBND", "87/KH-UBND")),
    Case("tinh-2025-09-30", dt.date(2025, 9, 30), ("762/KH-UBND", "87/KH-UBND", "35/KH-UBND")),
    Case("syt-2024-12-31", dt.date(2024, 12, 31), ("762/KH-UBND", "87/KH-UBND"), "40.SYT"),
]


def case_spec(case: Case) -> ReportSpec:
    issued = case.day + dt.timedelta(days=2)
    plans = list(Plan.objects.filter(number__in=case.plans).order_by("issued_on"))
    common: dict[str, Any] = {
        "plans": plans,
        "as_of": AsOf.make(case.day, dt.datetime.combine(issued, dt.time(14), tzinfo=VN)),
        "parent_body": "UBND tỉnh Nghệ An",
        "place": "Nghệ An",
        "issued_on": issued,
        "summary": f"Kết quả thực hiện Đề án 06 đến ngày {case.day:%d/%m/%Y}",
        "addressees": ["Ủy ban nhân dân tỉnh"],
        "authority": "KT.",
        "authority_body": "Giám đốc",
        "signer_position": "Phó Giám đốc",
    }
    if case.agency is None:
        return ReportSpec(
            number="15/BC-CAT",
            issuing_body="Công an tỉnh",
            signer_name="Trần Ngọc Tuấn",
            recipients=["Như trên", "Bộ Công an (C06)", "Chủ tịch, các PCT UBND tỉnh"],
            **common,
        )
    agency = Agency.objects.get(code=case.agency)
    return ReportSpec(
        number="27/BC-SYT",
        issuing_body="Sở Y tế",
        scope_agency=agency,
        issuing_agency=agency,
        where=agency.label,
        signer_name="Nguyễn Thị Hồng Hoa",
        recipients=["Như trên", "Công an tỉnh (Thường trực Tổ công tác)"],
        **common,
    )


@dataclass
class Rendered:
    report: Report
    docx: bytes
    pdf: bytes | None
    pages: list[nd30.Page]
    expected: list[nd30.AnnexExpectation]


@pytest.fixture(scope="module", params=CASES, ids=[case.name for case in CASES])
def rendered(request: Any, sample: Any, django_db_blocker: Any) -> Rendered:
    """One report, one LibreOffice conversion, shared by every check of that report."""
    case: Case = request.param
    with django_db_blocker.unblock():
        plans = Plan.objects.filter(number__in=case.plans).count()
        if plans != len(case.plans):
            pytest.skip(f"the sample lacks one of {case.plans}")
        report = build_report(case_spec(case))
        docx = write_docx(report)
        pdf = docx_to_pdf(docx) if HAS_PDF_TOOLS else None
        pages = nd30.pdf_pages(pdf, ARTIFACTS, case.name) if pdf else []
        # The annexes' rows are read here too (checks compare them with the PDF).
        return Rendered(report, docx, pdf, pages, nd30.expectations(report))


def test_docx_follows_nghi_dinh_30(rendered: Rendered) -> None:
    failures = nd30.check_docx(rendered.docx, rendered.report)
    assert failures == [], "\n".join(failures)


@needs_pdf
def test_pdf_pages_keep_the_signature_together_and_number_the_annexes_on_their_own(
    rendered: Rendered,
) -> None:
    spec = rendered.report.spec
    failures = nd30.check_pages(
        rendered.pages,
        signature=[*spec.signature_lines(), spec.signer_name],
        annexes=rendered.expected,
    )
    assert failures == [], "\n".join(failures)


@needs_pdf
def test_pdf_embeds_every_font_and_only_times_new_roman_or_liberation_serif(
    rendered: Rendered,
) -> None:
    assert rendered.pdf is not None
    failures = nd30.check_fonts(rendered.pdf)
    assert failures == [], "\n".join(failures)


# --- the checkers can fail ---------------------------------------------------------------------

SIGNATURE = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Ngọc Tuấn"]


def _body_page(number: int, *lines: str) -> nd30.Page:
    top = [] if number == 1 else [str(number)]
    return nd30.Page(number, "\n".join([*top, *lines]))


def test_page_checker_catches_a_split_signature_and_an_orphan_heading() -> None:
    pages = [
        _body_page(1, "BÁO CÁO", "Nội dung.", "II. TỒN TẠI, HẠN CHẾ"),
        _body_page(2, "Đoạn văn.", "2. Đối với Bộ Công an:"),
        _body_page(
            3, "Đoạn văn.", "Nơi nhận:            KT. GIÁM ĐỐC", "- Lưu: VT, CAT. PHÓ GIÁM ĐỐC"
        ),
        _body_page(4, "Trần Ngọc Tuấn"),
    ]
    failures = nd30.check_pages(pages, signature=SIGNATURE)
    assert any("signature block is split" in f for f in failures), failures
    assert any("page 1 ends with a heading" in f for f in failures), failures
    assert any("page 2 ends with a heading: “2. Đối với Bộ Công an:”" in f for f in failures)
    together = [
        _body_page(1, "BÁO CÁO", "Nội dung."),
        _body_page(
            2, "Nơi nhận:   KT. GIÁM ĐỐC", "- Lưu: VT, CAT.   PHÓ GIÁM ĐỐC", "Trần Ngọc Tuấn"
        ),
    ]
    assert nd30.check_pages(together, signature=SIGNATURE) == []


def test_page_checker_catches_annex_pages_that_are_portrait_unnumbered_or_split() -> None:
    annex = nd30.AnnexExpectation(
        "Phụ lục I",
        ("TT", "Số hiệu", "Nội dung", "Thời hạn"),
        groups=frozenset({"Kế hoạch số 87/KH-UBND"}),
        tokens=frozenset({"MH01", "31/03/2024"}),
    )
    body = _body_page(1, "Nơi nhận:  KT. GIÁM ĐỐC", "- Lưu: VT.  PHÓ GIÁM ĐỐC", "Trần Ngọc Tuấn")
    wide = {"width": 841.9, "height": 595.3}
    good = [
        body,
        nd30.Page(
            2,
            "1\nPhụ lục I\nDANH MỤC\n(Kèm theo)\nTT Số hiệu Nội dung Thời hạn\n"
            "Kế hoạch số 87/KH-UBND\n1 MH01 Mô hình 31/03/2024",
            **wide,
        ),
        nd30.Page(3, "2\nTT Số hiệu Nội dung Thời hạn\n2 MH02 Mô hình khác 31/03/2024", **wide),
    ]
    assert nd30.check_pages(good, signature=SIGNATURE, annexes=[annex]) == []
    bad = [
        body,
        nd30.Page(
            2,
            "3\nPhụ lục I\nDANH MỤC\n(Kèm theo)\nTT Số hiệu Nội dung Thời hạn\n"
            "1 MH0 Mô hình 31/03/20\n1 24\nKế hoạch số 87/KH-UBND",
            **wide,
        ),
        nd30.Page(3, "4\n2 MH02 Mô hình\nhành chính công tỉnh"),
    ]
    failures = nd30.check_pages(bad, signature=SIGNATURE, annexes=[annex])
    expected = [
        "page 2 is numbered “3”, expected 1",
        "page 2 ends with a heading: “Kế hoạch số 87/KH-UBND”",
        "annex page 3 is portrait",
        "Phụ lục I, page 3: the table's header row is not at the top",
        "Phụ lục I: values cut or missing in the PDF: ['31/03/2024', 'MH01']",
        "Phụ lục I: dates cut in two: ['31/03/20']",
    ]
    for message in expected:
        assert any(f.startswith(message) for f in failures), (message, failures)
    continued = [
        body,
        good[1],
        nd30.Page(3, "2\nTT Số hiệu Nội dung Thời hạn\nhành chính công tỉnh", **wide),
    ]
    failures = nd30.check_pages(continued, signature=SIGNATURE, annexes=[annex])
    assert any("a row continues from the page before" in f for f in failures), failures


def test_docx_checker_catches_a_document_that_breaks_the_decree(sample: Any) -> None:
    report = build_report(case_spec(CASES[0]))
    document = Document(BytesIO(write_docx(report)))
    document.sections[0].left_margin = Mm(20)
    signature = document.tables[1]
    for split in signature._tbl.iter(qn("w:cantSplit")):
        split.getparent().remove(split)
    header_rows = document.tables[2]._tbl.iter(qn("w:tblHeader"))
    for repeat in list(header_rows):
        repeat.getparent().remove(repeat)
    document.tables[2].columns[1].width = Mm(5)  # "Số hiệu": MH01 would wrap
    first_run = document.tables[0].rows[0].cells[0].paragraphs[0].runs[0]
    first_run.font.name = "Arial"
    heading = next(p for p in document.paragraphs if p.text.startswith("I. "))
    heading.paragraph_format.keep_with_next = False
    out = BytesIO()
    document.save(out)
    failures = nd30.check_docx(out.getvalue(), report)
    expected = [
        "left margin 20.0 mm outside 30–35 mm",
        "runs not in Times New Roman",
        "heading not kept with the next paragraph: “I. ",
        "the signature table's row may split across pages",
        "Phụ lục I: header row not repeated on each page",
        "Phụ lục I: column “Số hiệu” is 5.0 mm",
    ]
    for message in expected:
        assert any(f.startswith(message) for f in failures), (message, failures)
    wrong_date = replace(report, spec=replace(report.spec, issued_on=dt.date(2024, 4, 12)))
    assert any("header right block" in f for f in nd30.check_docx(write_docx(report), wrong_date))


def test_place_date_has_the_decrees_leading_zeros() -> None:
    assert nd30.place_date(2, 4, 2024, "Nghệ An") == "Nghệ An, ngày 02 tháng 4 năm 2024"
    assert nd30.place_date(15, 1, 2025, "Nghệ An") == "Nghệ An, ngày 15 tháng 01 năm 2025"
    assert nd30.place_date(2, 10, 2025, "Nghệ An") == "Nghệ An, ngày 02 tháng 10 năm 2025"


# --- widths -----------------------------------------------------------------------------------


def test_code_date_and_number_columns_get_the_width_their_values_need() -> None:
    columns = ANNEXES[0].columns
    needs = [0.0] * len(columns)
    code = next(i for i, c in enumerate(columns) if c.kind == "code")
    date = next(i for i, c in enumerate(columns) if c.kind == "date")
    needs[code] = text_width_mm("MH01") + 5
    needs[date] = text_width_mm("31/03/2024") + 5
    widths = column_widths(columns, needs, 252)
    assert abs(sum(widths) - 252) < 0.01
    assert widths[code] >= needs[code] and widths[date] >= needs[date]
    assert nd30.least_width_mm("31/03/2024") <= text_width_mm("31/03/2024") + 3.8


# --- XLSX and CSV -------------------------------------------------------------------------------


def test_xlsx_annexes_print_landscape_on_a4_fitted_to_width_with_titles_repeated(
    sample: Any,
) -> None:
    report = build_report(case_spec(CASES[0]))
    workbook = load_workbook(BytesIO(write_xlsx(report)))
    assert [sheet.title for sheet in workbook.worksheets] == [annex.sheet for annex in ANNEXES]
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        fit = sheet.sheet_properties.pageSetUpPr
        assert fit is not None and fit.fitToPage
        assert sheet.print_title_rows == "$4:$4"
        margins = sheet.page_margins
        assert round(margins.left * 25.4) == 30 and round(margins.right * 25.4) == 15
        assert round(margins.top * 25.4) == 20 and round(margins.bottom * 25.4) == 20
        header = sheet.oddHeader
        assert header is not None and header.center.text == "&P"
    items = workbook.worksheets[0]
    groups = [row for row in ANNEXES[0].rows(report) if isinstance(row, GroupRow)]
    merged = {str(cells) for cells in items.merged_cells.ranges}
    last = get_column_letter(len(ANNEXES[0].columns))
    group_rows = [r for r in range(5, items.max_row + 1) if f"A{r}:{last}{r}" in merged]
    assert len(group_rows) == len(groups)
    if groups:
        first = items.cell(group_rows[0], 1)
        assert first.value == groups[0].text and first.font.bold


def test_csv_rows_say_which_plan_and_group_they_belong_to(sample: Any) -> None:
    report = build_report(case_spec(CASES[0]))
    rows = list(csv.reader(StringIO(write_csv(report).decode("utf-8-sig"))))
    assert rows[0][0] == GROUP_COLUMN and rows[0][1] == ANNEXES[0].columns[0].title
    data = [row for row in ANNEXES[0].rows(report) if not isinstance(row, GroupRow)]
    assert len(rows) - 1 == len(data)
    groups = [row for row in ANNEXES[0].rows(report) if isinstance(row, GroupRow)]
    if groups:
        plan = next(g.text for g in groups if g.level == 0)
        assert rows[1][0].startswith(plan)
        deeper = [row[0] for row in rows[1:] if row[0].count(" / ") >= 1]
        assert deeper, "items under a task group name the plan and the group"
