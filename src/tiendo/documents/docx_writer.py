"""The report as a Word document laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I requires.

A4 portrait; margins 20 / 20 / 30 / 15 mm (top, bottom, left, right); Times New Roman; page
numbers centred in the top margin from page 2; the two-column header (issuing body and number on
the left, national motto and date on the right); "BÁO CÁO" and its summary line; body 14 pt,
justified, first line indented 1.27 cm; the signature block and "Nơi nhận"; annexes.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tiendo.documents.annexes import ANNEXES, Annex, GroupRow, as_text, reference
from tiendo.documents.report import Report
from tiendo.lib.dates import format_date, format_date_long

FONT = "Times New Roman"
CONTENT_WIDTH = Mm(165)  # A4 width 210 mm less 30 mm left and 15 mm right margins
ANNEX_WIDTH_MM = 252  # landscape A4: 297 mm less the same margins


def write_docx(report: Report) -> bytes:
    document = Document()
    _page_setup(document)
    _header(document, report)
    _title(document, report)
    for section in report.sections:
        heading = _paragraph(document, section.heading, size=14, bold=True, indent=True)
        heading.paragraph_format.keep_with_next = True
        for text in section.paragraphs:
            _paragraph(document, text, size=14, justify=True, indent=True)
    _signature(document, report)
    _annexes(document, report)
    # Reproducible files: the document's own dates are the data's, not the moment of writing.
    stamp = report.spec.as_of.known_at.replace(microsecond=0, tzinfo=None)
    properties = document.core_properties
    properties.created = properties.modified = stamp
    properties.last_printed = stamp
    properties.author = properties.last_modified_by = report.spec.issuing_body
    properties.title = f"Báo cáo số {report.spec.number}"
    properties.revision = 1
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _page_setup(document: DocumentObject) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True  # no page number on page 1
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _east_asian_font(normal.element.get_or_add_rPr())
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(number)


def _east_asian_font(rpr: Any) -> None:
    """Times New Roman for every script, so Word never substitutes a font for Vietnamese."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _page_field(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(13)
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _paragraph(
    container: DocumentObject | _Cell,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    center: bool = False,
    justify: bool = False,
    indent: bool = False,
    space_after: float = 6,
) -> Paragraph:
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    _east_asian_font(run._r.get_or_add_rPr())
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif justify:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        fmt.first_line_indent = Mm(12.7)
    return paragraph


def _rule(cell: _Cell, width_mm: float) -> None:
    """A short horizontal line under a centred block, as the decree draws under the body names."""
    paragraph = cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    side = max((cell.width.mm if cell.width else 80) - width_mm, 0) / 2
    fmt.left_indent = fmt.right_indent = Mm(side)
    fmt.space_before = fmt.space_after = Pt(0)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    run = paragraph.add_run()
    run.font.size = Pt(2)


def _header(document: DocumentObject, report: Report) -> None:
    spec = report.spec
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    _widths(table, [Mm(65), Mm(100)])
    for cell in (left, right):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    if spec.parent_body:
        _paragraph(left, spec.parent_body.upper(), size=13, center=True, space_after=0)
    _paragraph(left, spec.issuing_body.upper(), size=13, bold=True, center=True, space_after=0)
    _rule(left, 25)
    _paragraph(left, f"Số: {spec.number}", size=13, center=True, space_after=0)
    _paragraph(
        right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, center=True, space_after=0
    )
    _paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, center=True, space_after=0)
    _rule(right, 60)
    _paragraph(
        right,
        format_date_long(spec.issued_on or spec.as_of.date, spec.place or None),
        size=14,
        italic=True,
        center=True,
        space_after=0,
    )


def _title(document: DocumentObject, report: Report) -> None:
    spec = report.spec
    _paragraph(document, "", size=14, space_after=0)
    _paragraph(document, "BÁO CÁO", size=14, bold=True, center=True, space_after=0)
    _paragraph(document, spec.summary, size=14, bold=True, center=True, space_after=12)
    if spec.addressees:
        if len(spec.addressees) == 1:
            _paragraph(document, f"Kính gửi: {spec.addressees[0]}.", size=14, center=True)
        else:
            _paragraph(document, "Kính gửi:", size=14, center=True, space_after=0)
            for name in spec.addressees:
                _paragraph(document, f"- {name};", size=14, center=True, space_after=0)
    _paragraph(
        document,
        f"Số liệu tính đến ngày {format_date(spec.as_of.date)}; dữ liệu ghi nhận đến "
        f"{spec.as_of.known_at:%H:%M} ngày {format_date(spec.as_of.known_at.date())}.",
        size=13,
        italic=True,
        center=True,
        space_after=12,
    )


def _signature(document: DocumentObject, report: Report) -> None:
    spec = report.spec
    _paragraph(document, "", size=8, space_after=0)
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    _widths(table, [Mm(85), Mm(80)])
    for cell in (left, right):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    _paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, space_after=0)
    recipients = list(spec.recipients) or ["Như trên"]
    for line in recipients:
        _paragraph(left, f"- {line.rstrip(';.')};", size=11, space_after=0)
    _paragraph(left, f"- Lưu: VT, {_abbreviation(spec.number)}.", size=11, space_after=0)
    if spec.authority:
        _paragraph(
            right,
            f"{spec.authority} {spec.authority_body}".strip().upper(),
            size=14,
            bold=True,
            center=True,
            space_after=0,
        )
    _paragraph(right, spec.signer_position.upper(), size=14, bold=True, center=True, space_after=0)
    for _ in range(3):
        _paragraph(right, "", size=14, space_after=0)
    _paragraph(right, spec.signer_name, size=14, bold=True, center=True, space_after=0)


def _widths(table: Table, widths: Sequence[Length]) -> None:
    """Column widths both in the grid (LibreOffice reads it) and on each cell (Word reads it)."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _abbreviation(number: str) -> str:
    return number.split("-", 1)[-1] if "-" in number else "VT"


def _annexes(document: DocumentObject, report: Report) -> None:
    """Annexes on landscape A4 pages, so that their tables stay readable."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.different_first_page_header_footer = False
    for position, annex in enumerate(ANNEXES):
        if position:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _paragraph(document, annex.label, size=14, bold=True, center=True, space_after=0)
        _paragraph(document, annex.title, size=14, bold=True, center=True, space_after=0)
        _paragraph(document, reference(report), size=13, italic=True, center=True, space_after=8)
        _table(document, annex, report)


def _table(document: DocumentObject, annex: Annex, report: Report) -> None:
    scale = ANNEX_WIDTH_MM / sum(column.width for column in annex.columns)
    widths = [Mm(column.width * scale) for column in annex.columns]
    table = document.add_table(rows=1, cols=len(annex.columns))
    table.style = "Table Grid"
    table.autofit = False
    _widths(table, widths)
    for cell, column in zip(table.rows[0].cells, annex.columns, strict=True):
        _fill(cell, column.title, bold=True)
    _repeat_header(table.rows[0])
    # One row is formatted through python-docx; every data row is a copy of its XML with the
    # texts replaced (python-docx's own add_row walks the whole table each time: quadratic).
    prototype = table.add_row()
    for cell, width in zip(prototype.cells, widths, strict=True):
        cell.width = width
        _fill(cell, "x")
    proto = prototype._tr
    tbl = table._tbl
    tbl.remove(proto)
    empty = True
    for values in annex.rows(report):
        if isinstance(values, GroupRow):
            continue
        empty = False
        row = deepcopy(proto)
        for text, value in zip(row.iter(qn("w:t")), values, strict=True):
            text.text = as_text(value)
        tbl.append(row)
    if empty:
        cells = table.add_row().cells
        _fill(cells[min(3, len(cells) - 1)], "Không có")


def _fill(cell: _Cell, text: str, *, bold: bool = False) -> None:
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    _paragraph(cell, text, size=11, bold=bold, center=bold, space_after=0)


def _repeat_header(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)
