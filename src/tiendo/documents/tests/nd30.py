"""A Nghị định 30/2020/NĐ-CP checker for the report's DOCX and its PDF (not collected as tests).

Every check returns a list of failures in words (empty: the document passes), so a test can
assert it is empty and print what failed; tests also feed the checks broken input to prove
that they can fail.

DOCX (`check_docx`): page size and margins; Times New Roman on every run; font sizes; the
header block; the title and summary; "Kính gửi"; the body's alignment, indent and size; the
headings and their keep-with-next; page numbers; the signature block and "Nơi nhận"; the annex
sections and tables (rows unsplit, header repeated, no-wrap columns wide enough).

PDF (`pdf_pages` then `check_pages`, and `check_fonts`): the signature block, the signer's
name and "Nơi nhận" on one page; no page ending with a heading; page numbers (none on page
1, the body from 2, each annex from 1); annex pages landscape with their table's header row
on every page and no row continued from the page before; codes and dates never cut in two;
every font embedded and a Times New Roman equivalent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from tiendo.documents.annexes import ANNEXES, GroupRow, as_text
from tiendo.documents.report import Report

FONT = "Times New Roman"
FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
NUMBER = re.compile(r"^Số: \d{1,5}/BC-[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*$")
PLACE_DATE = re.compile(r"^.+, ngày (\d{2}) tháng (\d{1,2}) năm (\d{4})$")
ROMAN_HEADING = re.compile(r"^[IVXLC]+\.\s+\S")
HEADING_MAX_CHARS = 200
NO_WRAP = ("code", "date", "number")
TWIPS_PER_MM = 1440 / 25.4


# --- DOCX ------------------------------------------------------------------------------------


def _mm(length: Any) -> float:
    return float(length.mm) if length is not None else 0.0


def _pt(length: Any) -> float | None:
    return float(length.pt) if length is not None else None


class _Fonts:
    """The effective font and size of a run: the run's own, else Normal's, else the defaults."""

    def __init__(self, document: Any) -> None:
        styles = document.styles.element
        normal = document.styles["Normal"]
        self.normal_fonts = normal.element.find(qn("w:rPr"))
        self.normal_size = _pt(normal.font.size)
        defaults = styles.find(qn("w:docDefaults"))
        self.default_fonts = None if defaults is None else defaults.find(".//" + qn("w:rFonts"))
        if self.normal_fonts is not None:
            self.normal_fonts = self.normal_fonts.find(qn("w:rFonts"))

    def font(self, run_element: Any, attr: str) -> str | None:
        for fonts in (
            run_element.find(qn("w:rPr") + "/" + qn("w:rFonts")),
            self.normal_fonts,
            self.default_fonts,
        ):
            if fonts is not None and fonts.get(qn(attr)):
                return str(fonts.get(qn(attr)))
        return None

    def size(self, paragraph: Paragraph) -> float | None:
        sizes = {_pt(run.font.size) or self.normal_size for run in paragraph.runs if run.text}
        return sizes.pop() if len(sizes) == 1 else None


def _text_paragraphs(paragraphs: Iterable[Paragraph]) -> list[Paragraph]:
    return [p for p in paragraphs if p.text.strip()]


def _bold(paragraph: Paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _italic(paragraph: Paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.italic for run in runs)


def _centred(paragraph: Paragraph) -> bool:
    return paragraph.alignment == 1


def _has_rule(paragraph: Paragraph) -> bool:
    return paragraph._p.find(qn("w:pPr") + "/" + qn("w:pBdr") + "/" + qn("w:bottom")) is not None


def _in(value: float | None, low: float, high: float) -> bool:
    return value is not None and low - 0.01 <= value <= high + 0.01


def place_date(day: int, month: int, year: int, place: str) -> str:
    """The decree's place-date line: a leading zero for days under 10 and months 1 and 2."""
    month_text = f"{month:02d}" if month <= 2 else str(month)
    return f"{place}, ngày {day:02d} tháng {month_text} năm {year}"


def check_docx(docx: bytes, report: Report) -> list[str]:
    """Every Nghị định 30 point the DOCX can show, against the report it was written from."""
    document = Document(BytesIO(docx))
    spec = report.spec
    fonts = _Fonts(document)
    failures: list[str] = []

    def fail(message: str) -> None:
        failures.append(message)

    # Page: A4 portrait, margins top/bottom 20–25, left 30–35, right 15–20; annexes landscape.
    sections = list(document.sections)
    first = sections[0]
    if (round(_mm(first.page_width)), round(_mm(first.page_height))) != (210, 297):
        fail(f"page 1 is {_mm(first.page_width):.0f}×{_mm(first.page_height):.0f} mm, not A4")
    for section in sections:
        for name, value, low, high in (
            ("top", section.top_margin, 20, 25),
            ("bottom", section.bottom_margin, 20, 25),
            ("left", section.left_margin, 30, 35),
            ("right", section.right_margin, 15, 20),
        ):
            if not _in(_mm(value), low, high):
                fail(f"{name} margin {_mm(value):.1f} mm outside {low}–{high} mm")
    annex_sections = sections[1:]
    if len(annex_sections) != len(ANNEXES):
        fail(f"{len(annex_sections)} annex sections for {len(ANNEXES)} annexes")
    for section in annex_sections:
        if (round(_mm(section.page_width)), round(_mm(section.page_height))) != (297, 210):
            fail("an annex section is not landscape A4")

    # Times New Roman on every run, for every script, in the body and the headers.
    parts = [document.element.body]
    for section in sections:
        for header in (section.header, section.first_page_header):
            if not header.is_linked_to_previous:
                parts.append(header._element)
    bad_fonts: set[str] = set()
    for part in parts:
        for run in part.iter(qn("w:r")):
            for attr in FONT_ATTRS:
                font = fonts.font(run, attr)
                if font != FONT:
                    bad_fonts.add(f"{attr}={font}")
    if bad_fonts:
        fail(f"runs not in {FONT}: {sorted(bad_fonts)}")

    # The header block.
    tables = document.tables
    if len(tables) < 2:
        return [*failures, "no header table or no signature table"]
    left_cell, right_cell = tables[0].rows[0].cells[:2]
    left = _text_paragraphs(left_cell.paragraphs)
    right = _text_paragraphs(right_cell.paragraphs)
    expected_left = [spec.parent_body.upper()] if spec.parent_body else []
    expected_left += [spec.issuing_body.upper(), f"Số: {spec.number}"]
    if [p.text for p in left] != expected_left:
        fail(f"header left block {[p.text for p in left]} != {expected_left}")
    else:
        issuing = left[-2]
        if not _bold(issuing) or issuing.text != issuing.text.upper():
            fail("issuing body not in bold capitals")
        if spec.parent_body and _bold(left[0]):
            fail("parent body should be upright, not bold")
        if not NUMBER.match(left[-1].text):
            fail(f"number line “{left[-1].text}” is not “Số: N/BC-XXX”")
        all_left = [p._p for p in left_cell.paragraphs]
        between = left_cell.paragraphs[all_left.index(issuing._p) + 1 : all_left.index(left[-1]._p)]
        if not any(_has_rule(p) for p in between):
            fail("no rule under the issuing body")
        for paragraph in left:
            if not _in(fonts.size(paragraph), 12, 13):
                fail(f"header “{paragraph.text}” is {fonts.size(paragraph)} pt, not 12–13")
    day = spec.issued_on or spec.as_of.date
    expected_date = place_date(day.day, day.month, day.year, spec.place)
    motto = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", expected_date]
    if [p.text for p in right] != motto:
        fail(f"header right block {[p.text for p in right]} != {motto}")
    else:
        if not _bold(right[0]) or not _in(fonts.size(right[0]), 12, 13):
            fail("national name not bold 12–13 pt")
        if not _bold(right[1]) or not _in(fonts.size(right[1]), 13, 14):
            fail("motto not bold 13–14 pt")
        all_right = [p._p for p in right_cell.paragraphs]
        between = right_cell.paragraphs[
            all_right.index(right[1]._p) + 1 : all_right.index(right[2]._p)
        ]
        if not any(_has_rule(p) for p in between):
            fail("no rule under the motto")
        if not _italic(right[2]) or not _in(fonts.size(right[2]), 13, 14):
            fail("place-date line not italic 13–14 pt")
    found = PLACE_DATE.match(right[-1].text) if right else None
    if not found:
        fail("no place-date line “…, ngày DD tháng M năm YYYY”")
    else:
        month = found.group(2)
        if (int(month) <= 2 and len(month) != 2) or (month.startswith("0") and int(month) > 2):
            fail(f"month “{month}”: the decree writes 01, 02 but 3…12 without a zero")

    # Title, summary, Kính gửi; then the body, up to the signature table.
    body = document.element.body
    signature_table = tables[1]._tbl
    paragraphs: list[Paragraph] = []
    for child in body.iterchildren():
        if child is signature_table:
            break
        if child.tag == qn("w:p"):
            paragraphs.append(Paragraph(child, document._body))
    texts = [p.text for p in paragraphs]
    if "BÁO CÁO" not in texts:
        fail("no “BÁO CÁO” title")
    else:
        title = paragraphs[texts.index("BÁO CÁO")]
        if not (_bold(title) and _centred(title)):
            fail("“BÁO CÁO” not bold and centred")
        after = _text_paragraphs(paragraphs[texts.index("BÁO CÁO") + 1 :])
        if not after or after[0].text != spec.summary or not _bold(after[0]):
            fail("the summary line (trích yếu) is not bold right under “BÁO CÁO”")
    if spec.addressees and not any(t.startswith("Kính gửi") for t in texts):
        fail("no “Kính gửi” line")

    position = 0
    body_paragraphs: list[Paragraph] = []
    for part in report.sections:
        if not part.paragraphs:
            if part.heading and part.heading in texts:
                fail(f"empty section “{part.heading}” is printed")
            continue
        expected = ([part.heading] if part.heading else []) + list(part.paragraphs)
        for index, text in enumerate(expected):
            try:
                position = texts.index(text, position)
            except ValueError:
                fail(f"body text missing or out of order: “{text[:60]}”")
                continue
            paragraph = paragraphs[position]
            body_paragraphs.append(paragraph)
            heading = index == 0 and bool(part.heading)
            fmt = paragraph.paragraph_format
            if heading:
                if not _bold(paragraph):
                    fail(f"heading “{text}” not bold")
                if not ROMAN_HEADING.match(text):
                    fail(f"heading “{text}” not numbered I., II., …")
            else:
                if paragraph.alignment != 3:
                    fail(f"body paragraph not justified: “{text[:60]}”")
                if not _in(_mm(fmt.first_line_indent), 10, 12.7):
                    fail(f"first-line indent {_mm(fmt.first_line_indent):.1f} mm: “{text[:40]}”")
            if not _in(fonts.size(paragraph), 13, 14):
                fail(f"body text {fonts.size(paragraph)} pt, not 13–14: “{text[:40]}”")
            introduces = len(text) < HEADING_MAX_CHARS and text.rstrip().endswith(":")
            if (heading or introduces) and not fmt.keep_with_next:
                fail(f"heading not kept with the next paragraph: “{text[:60]}”")
    widows = document.styles["Normal"].paragraph_format.widow_control
    if not widows and not all(p.paragraph_format.widow_control for p in body_paragraphs):
        fail("widow/orphan control is off")

    # Page numbers: from page 2 in the body, from 1 in each annex, centred at the top.
    if not first.different_first_page_header_footer:
        fail("page 1 is numbered (different first page is off)")
    own_first = first.first_page_header
    if not own_first.is_linked_to_previous and "PAGE" in own_first._element.xml:
        fail("page 1's own header holds a page number")
    header = first.header
    numbered = [p for p in header.paragraphs if "PAGE" in p._p.xml]
    if not numbered or not _centred(numbered[0]):
        fail("the body's header has no centred PAGE field")
    for section in annex_sections:
        sect_pr = section._sectPr
        start = sect_pr.find(qn("w:pgNumType"))
        if start is None or start.get(qn("w:start")) != "1":
            fail("an annex section does not restart its page numbers at 1")
        if section.different_first_page_header_footer:
            fail("an annex section hides its first page number")
        if not any("PAGE" in p._p.xml for p in section.header.paragraphs):
            fail("an annex section has no page number in its header")

    # The signature block and Nơi nhận: one row that cannot split, kept with what precedes it.
    failures += check_signature_table(tables[1], report, fonts)
    before = [p for p in paragraphs if p.text.strip()]
    if paragraphs and not paragraphs[-1].paragraph_format.keep_with_next:
        fail("the paragraph before the signature table is not kept with it")
    if before and not before[-1].paragraph_format.keep_with_next:
        fail("the last body paragraph is not kept with the signature")

    # Annexes.
    failures += check_annex_tables(document, report)
    return failures


def check_signature_table(table: Table, report: Report, fonts: _Fonts) -> list[str]:
    spec = report.spec
    failures = []
    for row in table.rows:
        if row._tr.find(qn("w:trPr") + "/" + qn("w:cantSplit")) is None:
            failures.append("the signature table's row may split across pages")
    left_cell, right_cell = table.rows[0].cells[:2]
    for cell in (left_cell, right_cell):
        if not all(p.paragraph_format.keep_with_next for p in cell.paragraphs):
            failures.append("a paragraph of the signature block is not kept with the next")
    right = _text_paragraphs(right_cell.paragraphs)
    expected = [*spec.signature_lines(), spec.signer_name]
    if [p.text for p in right] != expected:
        failures.append(f"signature lines {[p.text for p in right]} != {expected}")
    for paragraph in right:
        if not (_bold(paragraph) and _centred(paragraph)):
            failures.append(f"signature line “{paragraph.text}” not bold and centred")
        if not _in(fonts.size(paragraph), 13, 14):
            failures.append(f"signature line “{paragraph.text}” not 13–14 pt")
    for paragraph in right[:-1]:
        if paragraph.text != paragraph.text.upper():
            failures.append(f"signature line “{paragraph.text}” not in capitals")
    left = _text_paragraphs(left_cell.paragraphs)
    if not left or left[0].text != "Nơi nhận:":
        return [*failures, "no “Nơi nhận:” heading"]
    heading = left[0]
    if not (_bold(heading) and _italic(heading) and _in(fonts.size(heading), 12, 12)):
        failures.append("“Nơi nhận:” not 12 pt bold italic")
    lines = left[1:]
    if not lines or not lines[-1].text.startswith("- Lưu: VT") or not lines[-1].text.endswith("."):
        failures.append("Nơi nhận does not end with “- Lưu: VT, ….”")
    for line in lines[:-1]:
        if not (line.text.startswith("- ") and line.text.endswith(";")):
            failures.append(f"Nơi nhận line “{line.text}” is not “- …;”")
    for line in lines:
        if not _in(fonts.size(line), 11, 11):
            failures.append(f"Nơi nhận line “{line.text}” not 11 pt")
    return failures


def least_width_mm(text: str, size: float = 10) -> float:
    """A lower bound of a line's width in Times New Roman (the checker's own measure: the
    font's real advance widths, rounded down), plus the cells' 2 × 1.9 mm padding."""
    em = 0.0
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        if base in "MW":
            em += 0.88
        elif base.isupper():
            em += 0.61
        elif base.isdigit() or base in "abcdeghknopquvxyz":
            em += 0.44
        elif base in "/.,:;-()ijlft ":
            em += 0.25
        else:
            em += 0.5
    return em * size * 25.4 / 72 + 3.8


def check_annex_tables(document: Any, report: Report) -> list[str]:
    failures = []
    labels = [p.text for p in document.paragraphs]
    tables = document.tables[2:]
    if len(tables) != len(ANNEXES):
        return [f"{len(tables)} annex tables for {len(ANNEXES)} annexes"]
    for annex, table in zip(ANNEXES, tables, strict=True):
        if annex.label not in labels:
            failures.append(f"no “{annex.label}” title")
        rows = table._tbl.findall(qn("w:tr"))
        header = rows[0]
        if header.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is None:
            failures.append(f"{annex.label}: header row not repeated on each page")
        split = sum(1 for tr in rows if tr.find(qn("w:trPr") + "/" + qn("w:cantSplit")) is None)
        if split:
            failures.append(f"{annex.label}: {split} rows may split across pages")
        grid = [int(col.get(qn("w:w"))) / TWIPS_PER_MM for col in table._tbl.tblGrid]
        if len(grid) != len(annex.columns):
            failures.append(f"{annex.label}: {len(grid)} grid columns for {len(annex.columns)}")
            continue
        sizes = [int(sz.get(qn("w:val"))) / 2 for sz in rows[-1].iter(qn("w:sz"))]
        size = max(sizes, default=11)
        widest = [0.0] * len(annex.columns)
        for tr in rows[1:]:
            cells = tr.findall(qn("w:tc"))
            if len(cells) != len(annex.columns):
                continue  # a group heading spanning the row
            for index, (tc, column) in enumerate(zip(cells, annex.columns, strict=True)):
                if column.kind in NO_WRAP:
                    text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
                    # "31/03/2024" must fit whole; "Thường xuyên" may wrap between its words
                    widest[index] = max(
                        [widest[index], *(least_width_mm(word, size) for word in text.split())]
                    )
        for column, width, need in zip(annex.columns, grid, widest, strict=True):
            if need > width:
                failures.append(
                    f"{annex.label}: column “{column.title}” is {width:.1f} mm, its values "
                    f"need {need:.1f} mm and would wrap"
                )
    return failures


# --- PDF -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One PDF page: its number, size in points and text (pdftotext -layout)."""

    number: int
    text: str
    width: float = 595.3
    height: float = 841.9

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


@dataclass(frozen=True)
class AnnexExpectation:
    """What an annex's pages must show: its label, column titles, group headings, and the
    code/date values that must each appear whole."""

    label: str
    titles: tuple[str, ...]
    groups: frozenset[str] = field(default_factory=frozenset)
    tokens: frozenset[str] = field(default_factory=frozenset)


def expectations(report: Report) -> list[AnnexExpectation]:
    out = []
    for annex in ANNEXES:
        groups: set[str] = set()
        tokens: set[str] = set()
        for row in annex.rows(report):
            if isinstance(row, GroupRow):
                groups.add(row.text)
                continue
            for value, column in zip(row, annex.columns, strict=True):
                text = as_text(value)
                if column.kind in ("code", "date") and text and " " not in text:
                    tokens.add(text)
        titles = tuple(column.title for column in annex.columns)
        out.append(AnnexExpectation(annex.label, titles, frozenset(groups), frozenset(tokens)))
    return out


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is not installed (poppler-utils)")
    return path


def pdf_pages(pdf: bytes, folder: Path, stem: str, resolution: int = 60) -> list[Page]:
    """Each page's text and size; every page rendered to folder/stem-NN.png for people."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{stem}-*.png"):
        old.unlink()
    path = folder / f"{stem}.pdf"
    path.write_bytes(pdf)
    run = subprocess.run  # fixed arguments, no shell
    info = run(
        [_tool("pdfinfo"), "-f", "1", "-l", "99999", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    sizes = {
        int(m.group(1)): (float(m.group(2)), float(m.group(3)))
        for m in re.finditer(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", info)
    }
    run(
        [_tool("pdftoppm"), "-r", str(resolution), "-png", str(path), str(folder / stem)],
        check=True,
    )
    pages = []
    for number in sorted(sizes):
        text = run(
            [_tool("pdftotext"), "-layout", "-f", str(number), "-l", str(number), str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        width, height = sizes[number]
        pages.append(Page(number, text, width, height))
    return pages


def _is_heading(line: str, groups: Iterable[str] = ()) -> bool:
    if ROMAN_HEADING.match(line) and line.upper() == line:
        return True
    if line.endswith(":") and len(line) < HEADING_MAX_CHARS:
        return True
    return any(g == line or (len(line) > 15 and g.startswith(line)) for g in groups)


def check_pages(
    pages: Sequence[Page],
    *,
    signature: Sequence[str],
    annexes: Sequence[AnnexExpectation] = (),
) -> list[str]:
    """The PDF's pages as the signer sees them (signature: the signature lines then the
    signer's name)."""
    failures: list[str] = []
    labels = {annex.label: annex for annex in annexes}
    # Which annex each page belongs to (None: the body), from the annex label lines.
    owner: list[AnnexExpectation | None] = []
    current: AnnexExpectation | None = None
    starts: set[int] = set()
    for page in pages:
        for line in page.lines[:3]:
            if line in labels:
                current = labels[line]
                starts.add(page.number)
        owner.append(current)

    # The signature block, the signer's name and Nơi nhận on one page.
    def pages_with(text: str) -> set[int]:
        return {p.number for p in pages if owner[p.number - 1] is None and text in p.text}

    wanted = [*signature, "Nơi nhận:", "- Lưu: VT"]
    found = {text: pages_with(text) for text in wanted}
    missing = [text for text, where in found.items() if not where]
    if missing:
        failures.append(f"not found in the body: {missing}")
    else:
        common = set.intersection(*found.values())
        if not common:
            spread = {text: sorted(where) for text, where in found.items()}
            failures.append(f"the signature block is split across pages: {spread}")

    # No page ends with a heading.
    for page, annex in zip(pages, owner, strict=True):
        lines = page.lines
        if lines and _is_heading(lines[-1], annex.groups if annex else ()):
            failures.append(f"page {page.number} ends with a heading: “{lines[-1]}”")

    # Page numbers: none on page 1; the body from 2; each annex from 1.
    counter = 0
    for page in pages:
        counter = 1 if page.number in starts else counter + 1
        top = page.lines[0] if page.lines else ""
        if page.number == 1:
            if top.isdigit():
                failures.append("page 1 carries a page number")
            continue
        if top != str(counter):
            failures.append(f"page {page.number} is numbered “{top}”, expected {counter}")

    # Orientation; the annex table's header on every page; no row continued; tokens whole.
    for page, annex in zip(pages, owner, strict=True):
        if annex is None:
            if page.landscape:
                failures.append(f"body page {page.number} is landscape")
            continue
        if not page.landscape:
            failures.append(f"annex page {page.number} is portrait")
        failures += _check_annex_page(page, annex, page.number in starts)
    for annex in annexes:
        words: set[str] = set()
        for page, owned in zip(pages, owner, strict=True):
            if owned is annex:
                for line in page.lines:
                    words.update(line.split())
        cut = sorted(token for token in annex.tokens if token not in words)
        if cut:
            failures.append(f"{annex.label}: values cut or missing in the PDF: {cut[:10]}")
        partial = sorted(w for w in words if re.fullmatch(r"\d{2}/\d{2}/\d{1,3}", w))
        if partial:
            failures.append(f"{annex.label}: dates cut in two: {partial[:10]}")
    return failures


def _check_annex_page(page: Page, annex: AnnexExpectation, first: bool) -> list[str]:
    lines = page.lines[1:]  # after the page number
    if first:
        lines = lines[3:]  # after the label, the title and the reference
    title_words = {word for title in annex.titles for word in title.split()}
    header: list[str] = []
    for line in lines:
        if set(line.split()) <= title_words:
            header.append(line)
        else:
            break
    shown = {word for line in header for word in line.split()}
    if shown != title_words:
        return [
            f"{annex.label}, page {page.number}: the table's header row is not at the top "
            f"(missing {sorted(title_words - shown)})"
        ]
    rest = lines[len(header) :]
    if not rest or annex.titles[0] != "TT":
        return []
    line = rest[0]
    starts_row = line.split()[0].isdigit() or line == "Không có"
    if not starts_row and not _is_heading(line, annex.groups):
        return [f"{annex.label}, page {page.number}: a row continues from the page before: {line}"]
    return []


def check_fonts(pdf: bytes) -> list[str]:
    """Every font embedded, and each one Times New Roman or its metric twin Liberation Serif
    (another font would mean a glyph was missing and substituted)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        listing = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [_tool("pdffonts"), handle.name], check=True, capture_output=True, text=True
        ).stdout
    failures = []
    rows = listing.splitlines()[2:]
    if not rows:
        failures.append("the PDF lists no fonts")
    for row in rows:
        name = row.split()[0]
        match = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row)
        if match is None or match.group(1) != "yes":
            failures.append(f"font {name} is not embedded")
        family = name.split("+", 1)[-1]
        if not family.startswith(("LiberationSerif", "TimesNewRoman")):
            failures.append(f"font {family} is neither Times New Roman nor Liberation Serif")
    return failures
