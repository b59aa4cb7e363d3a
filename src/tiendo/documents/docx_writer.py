"""The report as a Word document laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I requires.

A4 portrait; margins 20 / 20 / 30 / 15 mm (top, bottom, left, right); Times New Roman; page
numbers centred in the top margin from page 2; the two-column header (issuing body and number on
the left, national motto and date on the right); "BÁO CÁO" and its summary line; body 14 pt,
justified, first line indented 1.27 cm; the signature block and "Nơi nhận" kept on one page;
annexes on landscape pages, each numbered from 1, their tables' header rows repeated on every
page and no row split across pages.

The file is reproducible: the same report gives the same bytes (dates inside the file and on
every zip entry are the data's moment K, never the moment of writing).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from copy import deepcopy
from io import BytesIO
from typing import IO, Any

from django.utils import timezone
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section as DocxSection
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tiendo.documents.annexes import ANNEXES, Annex, Column, GroupRow, as_text, reference
from tiendo.documents.report import Report
from tiendo.lib.dates import format_date, format_date_long

FONT = "Times New Roman"
CONTENT_WIDTH_MM = 165  # A4 width 210 mm less 30 mm left and 15 mm right margins
ANNEX_WIDTH_MM = 252  # landscape A4: 297 mm less the same margins
TABLE_PT = 10  # annex tables: twelve columns on a landscape page
CELL_PADDING_MM = 3.8 + 1.2  # Table Grid's 1.9 mm either side, and a little to spare
HEADING_MAX_CHARS = 200  # a paragraph ending with ":" and shorter than this introduces the next
NO_WRAP_KINDS = ("code", "date", "number")


# --- reproducible zip files -------------------------------------------------------------------


def zip_time(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """K as a zip entry time: local wall-clock time (zip has no time zone), 1980 at the least."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    if local.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (local.year, local.month, local.day, local.hour, local.minute, local.second)


class FixedTimeZipFile(zipfile.ZipFile):
    """A zip archive whose every entry carries one date and the same permissions.

    python-docx and openpyxl stamp the current time on each entry; this class is what makes
    their files identical from one run to the next.
    """

    def __init__(self, file: IO[bytes], date_time: tuple[int, int, int, int, int, int]) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.date_time = date_time

    def _entry(self, name: str, size: int = 0) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, self.date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        info.create_system = 3  # Unix, wherever it is written
        info.file_size = size
        return info

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: Any,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)
        super().writestr(self._entry(str(name)), data, compress_type, compresslevel)

    def write(
        self,
        filename: str | os.PathLike[str],
        arcname: str | os.PathLike[str] | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        """Stream a file in (openpyxl's streamed sheets), with the fixed date."""
        entry = self._entry(str(arcname or filename), os.path.getsize(filename))
        with open(filename, "rb") as source, self.open(entry, "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)


def rezip(data: bytes, moment: dt.datetime) -> bytes:
    """The same archive (same entries, same order, same contents) with every date set to K."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, FixedTimeZipFile(out, zip_time(moment)) as zf:
        for info in source.infolist():
            zf.writestr(info.filename, source.read(info))
    return out.getvalue()


def utc_naive(moment: dt.datetime) -> dt.datetime:
    """K as the naive UTC time python-docx and openpyxl write as '…Z' in core properties."""
    if timezone.is_aware(moment):
        moment = moment.astimezone(dt.UTC)
    return moment.replace(microsecond=0, tzinfo=None)


# --- widths ----------------------------------------------------------------------------------


def text_width_mm(text: str, size: float = TABLE_PT, *, bold: bool = False) -> float:
    """A conservative width of one line of Times New Roman (or Liberation Serif) text.

    Per-character widths in em are rounded up from the font's metrics (M and W are the widest
    capitals, m and w the widest small letters), and bold adds a little.
    """
    em = 0.0
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        if base in "MW":
            em += 1.0
        elif base.isupper() or base in "Đ%&@":
            em += 0.78
        elif base in "mw":
            em += 0.8
        elif base.isdigit():
            em += 0.5
        elif base == " ":
            em += 0.25
        elif base in ".,:;/-()[]'|!":
            em += 0.34
        else:
            em += 0.56
    return em * (1.08 if bold else 1.03) * size * 25.4 / 72


def _longest_word(text: str, *, bold: bool = False) -> float:
    return max((text_width_mm(word, bold=bold) for word in text.split()), default=0.0)


def column_widths(columns: Sequence[Column], needs: Sequence[float], total: float) -> list[float]:
    """Each column's width in mm: its share of the table, but never less than what its values
    need (a code, a date or a number must not wrap; a word must not be cut). What the wider
    columns take comes from the text columns, in proportion to their widths, down to their
    own needs."""
    scale = total / sum(column.width for column in columns)
    widths = [max(column.width * scale, need) for column, need in zip(columns, needs, strict=True)]
    for _ in range(len(columns)):
        excess = sum(widths) - total
        flexible = [
            index
            for index, column in enumerate(columns)
            if column.kind not in NO_WRAP_KINDS and widths[index] > needs[index] + 0.01
        ]
        if excess <= 0.01 or not flexible:
            break
        room = sum(widths[index] for index in flexible)
        factor = max(room - excess, 0.0) / room
        for index in flexible:
            widths[index] = max(widths[index] * factor, needs[index])
    if sum(widths) > total + 0.01:  # the values cannot all fit: shrink everything alike
        widths = [width * total / sum(widths) for width in widths]
    return widths


# --- the document ----------------------------------------------------------------------------


def write_docx(report: Report) -> bytes:
    document = Document()
    _page_setup(document)
    _header(document, report)
    _title(document, report)
    last: Paragraph | None = None
    for section in report.sections:
        if not section.paragraphs:
            continue  # a section with nothing to say is not printed at all
        if section.heading:
            heading = _paragraph(document, section.heading, size=14, bold=True, indent=True)
            heading.paragraph_format.keep_with_next = True
        for text in section.paragraphs:
            last = _paragraph(document, text, size=14, justify=True, indent=True)
            if len(text) < HEADING_MAX_CHARS and text.rstrip().endswith(":"):
                last.paragraph_format.keep_with_next = True  # "2. Đối với Bộ Công an:"
    if last is not None:
        last.paragraph_format.keep_with_next = True  # the signature never stands alone
    _signature(document, report)
    _annexes(document, report)
    # Reproducible files: the document's own dates are the data's, not the moment of writing.
    known_at = report.spec.as_of.known_at
    stamp = utc_naive(known_at)
    properties = document.core_properties
    properties.created = properties.modified = stamp
    properties.last_printed = stamp
    properties.author = properties.last_modified_by = report.spec.issuing_body
    properties.title = f"Báo cáo số {report.spec.number}"
    properties.revision = 1
    out = BytesIO()
    document.save(out)
    return rezip(out.getvalue(), known_at)


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
    normal.paragraph_format.widow_control = True
    _east_asian_font(normal.element.get_or_add_rPr())
    # The defaults too, so nothing (a paragraph mark, a field) falls back to the theme's font.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for rpr in defaults.iter(qn("w:rPr")):
            _east_asian_font(rpr)
    _page_number_header(section)


def _page_number_header(section: DocxSection) -> None:
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(number)


def _east_asian_font(rpr: Any) -> None:
    """Times New Roman for every script, so Word never substitutes a font for Vietnamese."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _page_field(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    run.font.name = FONT
    run.font.size = Pt(13)
    _east_asian_font(run._r.get_or_add_rPr())
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
    rpr = run._r.get_or_add_rPr()
    _east_asian_font(rpr)
    # The paragraph mark takes the run's font and size, so an empty line is as tall as asked.
    paragraph._p.get_or_add_pPr().append(deepcopy(rpr))
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


def _rule(container: DocumentObject | _Cell, width_mm: float, box_mm: float) -> Paragraph:
    """A short horizontal line under a centred block, as the decree draws under the body names
    and under the summary line (box_mm is the width of the column it is centred in)."""
    paragraph = _paragraph(container, "", size=2, space_after=0)
    side = max(box_mm - width_mm, 0) / 2
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(side)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr = paragraph._p.get_or_add_pPr()
    # pBdr comes before spacing and indentation in a paragraph's properties (the schema's order).
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
    return paragraph


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
    _rule(left, 25, 65)
    _paragraph(left, "", size=6, space_after=0)
    _paragraph(left, f"Số: {spec.number}", size=13, center=True, space_after=0)
    _paragraph(
        right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, center=True, space_after=0
    )
    _paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, center=True, space_after=0)
    _rule(right, 60, 100)
    _paragraph(right, "", size=6, space_after=0)
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
    _paragraph(document, spec.summary, size=14, bold=True, center=True, space_after=0)
    _rule(document, 40, CONTENT_WIDTH_MM)
    _paragraph(document, "", size=8, space_after=0)
    if spec.addressees:
        if len(spec.addressees) == 1:
            _paragraph(document, f"Kính gửi: {spec.addressees[0]}.", size=14, center=True)
        else:
            _paragraph(document, "Kính gửi:", size=14, center=True, space_after=0)
            for name in spec.addressees:
                _paragraph(document, f"- {name};", size=14, center=True, space_after=0)
    known_at = timezone.localtime(spec.as_of.known_at)
    _paragraph(
        document,
        f"Số liệu tính đến ngày {format_date(spec.as_of.date)}; dữ liệu ghi nhận đến "
        f"{known_at:%H:%M} ngày {format_date(known_at.date())}.",
        size=13,
        italic=True,
        center=True,
        space_after=12,
    )


def _signature(document: DocumentObject, report: Report) -> None:
    """Nơi nhận on the left, the signature on the right: one table row that cannot split, every
    paragraph in it kept with the next, and the line before it kept with it."""
    spec = report.spec
    spacer = _paragraph(document, "", size=8, space_after=0)
    spacer.paragraph_format.keep_with_next = True
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
    for line in spec.signature_lines():
        _paragraph(right, line, size=14, bold=True, center=True, space_after=0)
    for _ in range(4):
        _paragraph(right, "", size=14, space_after=0)
    _paragraph(right, spec.signer_name, size=14, bold=True, center=True, space_after=0)
    for row in table.rows:
        _cant_split(row._tr)
    for cell in (left, right):
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _widths(table: Table, widths: Sequence[Length]) -> None:
    """Column widths both in the grid (LibreOffice reads it) and on each cell (Word reads it)."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _abbreviation(number: str) -> str:
    return number.split("-", 1)[-1] if "-" in number else "VT"


def _annexes(document: DocumentObject, report: Report) -> None:
    """Each annex in its own landscape section, its pages numbered from 1."""
    for annex in ANNEXES:
        section = document.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.different_first_page_header_footer = False
        _restart_numbering(section)
        for text, size, italic, after in (
            (annex.label, 14, False, 0),
            (annex.title, 14, False, 0),
            (reference(report), 13, True, 8),
        ):
            title = _paragraph(
                document, text, size=size, bold=not italic, italic=italic, center=True
            )
            title.paragraph_format.space_after = Pt(after)
            title.paragraph_format.keep_with_next = True
        _table(document, annex, report)


def _restart_numbering(section: DocxSection) -> None:
    sect_pr = section._sectPr
    numbering = sect_pr.find(qn("w:pgNumType"))  # a new section copies the previous one's
    if numbering is not None:
        numbering.set(qn("w:start"), "1")
        return
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    successors = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:docGrid")
    for tag in successors:
        after = sect_pr.find(qn(tag))
        if after is not None:
            after.addprevious(numbering)
            return
    sect_pr.append(numbering)


class _Needs:
    """The widest value seen in each column (mm at the table's size), while rows stream."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.kinds = [column.kind for column in columns]
        self.mm = [_longest_word(column.title, bold=True) + CELL_PADDING_MM for column in columns]
        self.seen: list[set[str]] = [set() for _ in columns]

    def add(self, texts: Sequence[str]) -> None:
        for index, text in enumerate(texts):
            if not text or text in self.seen[index]:
                continue
            if len(self.seen[index]) < 10_000:  # codes repeat; remember the common ones
                self.seen[index].add(text)
            if self.kinds[index] in NO_WRAP_KINDS and " " not in text:
                width = text_width_mm(text)  # "MH01", "31/03/2024" (not "Thường xuyên")
            else:
                width = _longest_word(text)
            self.mm[index] = max(self.mm[index], width + CELL_PADDING_MM)

    def capped(self, total: float) -> list[float]:
        # A text column wraps between words; a freak long word must not squeeze the table.
        return [
            need if kind in NO_WRAP_KINDS else min(need, total * 0.3)
            for kind, need in zip(self.kinds, self.mm, strict=True)
        ]


def _table(document: DocumentObject, annex: Annex, report: Report) -> None:
    columns = annex.columns
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    header = table.rows[0]
    for cell, column in zip(header.cells, columns, strict=True):
        _fill(cell, column.title, bold=True, center=True)
    _repeat_header(header._tr)
    _cant_split(header._tr)
    # One row is formatted through python-docx; every data row is a copy of its XML with the
    # texts replaced (python-docx's own add_row walks the whole table each time: quadratic).
    # The copies carry no cell widths: the grid, set once the widest values are known, rules.
    prototype = table.add_row()
    for cell, column in zip(prototype.cells, columns, strict=True):
        _fill(cell, "x", center=column.kind in NO_WRAP_KINDS)
    proto = prototype._tr
    for width in proto.iter(qn("w:tcW")):
        width.getparent().remove(width)
    _cant_split(proto)
    tbl = table._tbl
    tbl.remove(proto)
    groups: dict[int, Any] = {}
    needs = _Needs(columns)
    empty = True
    for values in annex.rows(report):
        if isinstance(values, GroupRow):
            if values.level not in groups:
                groups[values.level] = _group_prototype(table, proto, values.level)
            row = deepcopy(groups[values.level])
            next(row.iter(qn("w:t"))).text = values.text
            tbl.append(row)
            continue
        empty = False
        texts = [as_text(value) for value in values]
        needs.add(texts)
        row = deepcopy(proto)
        for element, text in zip(row.iter(qn("w:t")), texts, strict=True):
            element.text = text
        tbl.append(row)
    if empty:
        row = deepcopy(proto)
        for position, element in enumerate(row.iter(qn("w:t"))):
            element.text = "Không có" if position == min(3, len(columns) - 1) else ""
        tbl.append(row)
    widths = column_widths(columns, needs.capped(ANNEX_WIDTH_MM), ANNEX_WIDTH_MM)
    for column, cell, width in zip(table.columns, header.cells, widths, strict=True):
        column.width = cell.width = Mm(width)


def _group_prototype(table: Table, proto: Any, level: int) -> Any:
    """A heading row spanning every column: a plan (level 0), a task group, a sub-group."""
    row = deepcopy(proto)
    cells = row.findall(qn("w:tc"))
    for cell in cells[1:]:
        row.remove(cell)
    cell = _Cell(cells[0], table)
    tc_pr = cells[0].get_or_add_tcPr()
    grid_span = OxmlElement("w:gridSpan")
    grid_span.set(qn("w:val"), str(len(cells)))
    tc_pr.insert_element_before(grid_span, "w:vMerge", "w:tcBorders", "w:shd", "w:vAlign")
    if level == 0:
        shading = OxmlElement("w:shd")
        for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "E7E6E6")):
            shading.set(qn(key), value)
        tc_pr.insert_element_before(shading, "w:noWrap", "w:tcMar", "w:vAlign", "w:hideMark")
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    paragraph = _paragraph(cell, "x", size=TABLE_PT, bold=True, italic=level >= 2, space_after=0)
    paragraph.paragraph_format.left_indent = Mm(4 * level)
    # Kept with the row under it, so a group's heading never ends a page on its own.
    paragraph.paragraph_format.keep_with_next = True
    return row


def _fill(cell: _Cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    _paragraph(cell, text, size=TABLE_PT, bold=bold, center=center, space_after=0)


def _repeat_header(tr: Any) -> None:
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr.get_or_add_trPr().append(element)


def _cant_split(tr: Any) -> None:
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    tr.get_or_add_trPr().append(element)


def zip_dates(data: bytes) -> Iterator[tuple[int, int, int, int, int, int]]:
    """Every entry's date in a zip file (for checks)."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for info in archive.infolist():
            yield info.date_time
