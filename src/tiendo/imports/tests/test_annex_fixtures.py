"""The committed annex fixtures are what the builder writes, and EXPECTED agrees with them.

These tests describe files only; they never import the importer (it is being rewritten against
these fixtures).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from tiendo.agencies.directory import load_nghe_an
from tiendo.agencies.models import Agency, AgencySuccession
from tiendo.imports.tests.annexes import (
    ABOLISHED_BODY,
    ANNEXES,
    COPIES,
    EXPECTED,
    FIXTURES,
    PHENOMENA,
    ExpectedAnnex,
)

BUILT = sorted(ANNEXES)
ALL = sorted(EXPECTED)


def _members(data: bytes) -> list[tuple[str, bytes]]:
    """A zip's parts in order; compared part by part so the zlib version does not matter."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _plain(value: object) -> object:
    """One cell's value as any reader gives it: 2.0 and 2 alike, dates without time, "" empty."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if value == "":
        return None
    return value


def _shown(value: object) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return _norm(str(value))


def _calamine_rows(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    sheets = {}
    for name in book.sheet_names:
        rows = [
            [_plain(value) for value in row] for row in book.get_sheet_by_name(name).to_python()
        ]
        for row in rows:
            while row and row[-1] is None:
                row.pop()
        while rows and not rows[-1]:
            rows.pop()
        sheets[name] = rows
    return sheets


def _cells(annex: ExpectedAnnex) -> list[str]:
    """Every non-empty text a person sees in the file, whitespace normalised."""
    path = FIXTURES / annex.filename
    texts: list[str] = []
    if annex.kind == "xlsx":
        book = load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                texts.extend(_shown(value) for value in row)
    elif annex.kind in ("xls", "ods"):
        for rows in _calamine_rows(path).values():
            texts.extend(_shown(value) for row in rows for value in row)
    elif annex.kind == "docx":
        document = Document(str(path))
        texts.extend(_norm(paragraph.text) for paragraph in document.paragraphs)
        for table in document.tables:
            texts.extend(_norm(cell.text) for row in table.rows for cell in row.cells)
    else:
        text = path.read_bytes().decode(annex.encoding)
        for record in csv.reader(io.StringIO(text), delimiter=annex.delimiter):
            texts.extend(_norm(value) for value in record)
    return [text for text in texts if text]


@pytest.mark.parametrize("name", BUILT)
def test_committed_fixture_is_what_the_builder_writes(name: str) -> None:
    committed = (FIXTURES / name).read_bytes()
    built = ANNEXES[name]()
    if name.endswith(".csv"):
        assert committed == built
    else:
        assert _members(committed) == _members(built)


@pytest.mark.parametrize("name", BUILT)
def test_builder_writes_the_same_bytes_every_time(name: str) -> None:
    assert ANNEXES[name]() == ANNEXES[name]()


def test_folder_holds_the_annexes_their_copies_and_a_readme() -> None:
    present = {path.name for path in FIXTURES.iterdir()}
    assert present == {*ANNEXES, *COPIES, "README.md"}


def test_readme_describes_every_fixture() -> None:
    readme = (FIXTURES / "README.md").read_text("utf-8")
    for name in (*ANNEXES, *COPIES):
        assert f"`{name}" in readme or f"`.{name.rpartition('.')[2]}`" in readme, name


@pytest.mark.parametrize("copy", sorted(COPIES))
def test_libreoffice_copy_holds_the_cells_of_its_source(copy: str) -> None:
    assert _calamine_rows(FIXTURES / copy) == _calamine_rows(FIXTURES / COPIES[copy])


@pytest.mark.parametrize("name", ALL)
def test_every_expected_text_is_written_in_the_file(name: str) -> None:
    annex = EXPECTED[name]
    cells = _cells(annex)
    whole = "\n".join(cells).casefold()
    assert annex.items, name
    for group in annex.groups:
        assert any(group.name in cell for cell in cells), group
    for item in annex.items:
        for text in (item.title, item.lead, item.coordinators, item.deadline_text, item.product):
            assert not text or text in cells, (item.code, text)
        for text in (item.budget, item.note):
            assert not text or text in cells, (item.code, text)
    for problem in annex.problems:
        assert problem.text.casefold() in whole, problem
    for text in (annex.plan, annex.implements):
        assert text.casefold() in whole, text


@pytest.mark.parametrize("name", ALL)
def test_item_codes_are_their_place_in_the_hierarchy(name: str) -> None:
    annex = EXPECTED[name]
    groups = {group.code: group for group in annex.groups}
    assert len(groups) == len(annex.groups)
    assert len({item.code for item in annex.items}) == annex.item_count
    for group in annex.groups:
        assert group.parent is None or group.parent in groups, group
    for item in annex.items:
        chain: list[str] = []
        code: str | None = item.group_path[-1]
        while code is not None:
            chain.insert(0, code)
            code = groups[code].parent
        assert tuple(chain) == item.group_path, item.code
        parent = item.group_path[-1]
        own = item.number.rstrip(".")
        prefix = parent.rpartition(".")[2] + "."
        if own.startswith(prefix):
            own = own[len(prefix) :]
        assert item.code == f"{parent}.{own}", item.code
    for problem in annex.problems:
        assert problem.code == "" or problem.code in {item.code for item in annex.items}


def test_every_phenomenon_of_the_brief_appears_in_some_annex() -> None:
    covered = {number for annex in EXPECTED.values() for number in annex.phenomena}
    assert covered == set(PHENOMENA)


def test_workbooks_have_the_expected_sheets() -> None:
    for annex in EXPECTED.values():
        if annex.kind == "xlsx":
            assert tuple(load_workbook(FIXTURES / annex.filename).sheetnames) == annex.sheets
        elif annex.kind in ("xls", "ods"):
            book = CalamineWorkbook.from_path(str(FIXTURES / annex.filename))
            assert tuple(book.sheet_names) == annex.sheets
        else:
            assert annex.sheets == ()


def test_hidden_parts_cover_and_totals_are_where_the_annex_says() -> None:
    annex = EXPECTED["hidden_and_sheets.xlsx"]
    book = load_workbook(FIXTURES / annex.filename)
    cover = [value for row in book["Bìa"].iter_rows(values_only=True) for value in row if value]
    assert "TT" not in cover and any("210/KH-UBND" in str(value) for value in cover)
    sheet = book["Phụ lục"]
    assert sheet["E1"].value == "Thời hạn (dự kiến ban đầu)"
    assert sheet.column_dimensions["E"].hidden
    assert not sheet.column_dimensions["F"].hidden
    hidden = [row for row, dimension in sheet.row_dimensions.items() if dimension.hidden]
    assert [sheet.cell(row=row, column=2).value for row in hidden] == [
        problem.text for problem in annex.problems if problem.kind == "hidden_row"
    ]
    following = book["Phụ lục (tiếp)"]
    assert following["A2"].value == "TT" and following.column_dimensions["E"].hidden
    assert f"Tổng cộng: {annex.item_count} nhiệm vụ" in _cells(annex)
    parts = load_workbook(FIXTURES / "parts_abc.xlsx")["PL (tiếp)"]
    assert parts["A1"].value == "2." and "TT" not in [cell.value for cell in parts["A"]]


def test_merged_cells_are_where_published_annexes_have_them() -> None:
    sheet = load_workbook(FIXTURES / "restarting_numbers.xlsx")["Phụ lục I"]
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {"C5:D5", "A5:A6", "B5:B6", "E5:E6"} <= merged
    assert [row[0] for row in sheet.iter_rows(min_row=7, max_row=7, values_only=True)] == ["(1)"]
    lead_runs = [
        cells for cells in sheet.merged_cells.ranges if cells.min_col == cells.max_col == 3
    ]
    assert len(lead_runs) == 2 and all(cells.max_row - cells.min_row == 1 for cells in lead_runs)
    table = Document(str(FIXTURES / "word_plan.docx")).tables[-1]
    group_row = table.rows[1].cells
    assert len({id(cell._tc) for cell in group_row}) == 1
    assert group_row[0].text.startswith("I. ")
    leads = [row.cells[2]._tc for row in table.rows[2:5]]
    assert leads[0] is leads[1] is leads[2]


def test_csv_exports_have_their_encodings_and_separators() -> None:
    utf16 = (FIXTURES / "csv_utf16_semicolon.csv").read_bytes()
    assert utf16.startswith(b"\xff\xfe")
    rows = list(csv.reader(io.StringIO(utf16.decode("utf-16")), delimiter=";"))
    assert rows[0][0] == "STT" and {len(row) for row in rows} == {8}
    utf8 = (FIXTURES / "csv_utf8_bom.csv").read_bytes()
    assert utf8.startswith(b"\xef\xbb\xbf") and b"\r\n" in utf8
    rows = list(csv.reader(io.StringIO(utf8.decode("utf-8-sig"))))
    assert {len(row) for row in rows} == {7}
    assert any("\n" in value for row in rows for value in row)


@pytest.mark.django_db
def test_named_bodies_are_nghe_an_bodies_and_abolished_ones_are_flagged() -> None:
    load_nghe_an()
    agencies = {agency.code: agency for agency in Agency.objects.filter(code__startswith="40.")}
    for annex in (EXPECTED[name] for name in BUILT):
        abolished = {
            (problem.code, problem.agency): problem
            for problem in annex.problems
            if problem.kind == ABOLISHED_BODY and problem.agency
        }
        for item in annex.items:
            for code in (item.lead_agency, *item.coordinator_agencies):
                if code is None:
                    continue
                agency = agencies[code]
                problem = abolished.pop((item.code, code), None)
                if problem is None:
                    assert agency.is_valid_on(annex.issued), (annex.filename, item.code, code)
                    continue
                assert not agency.is_valid_on(annex.issued), (annex.filename, item.code, code)
                links = AgencySuccession.objects.filter(predecessor=agency).order_by(
                    "-is_primary", "pk"
                )
                names = tuple(link.successor.name for link in links)
                assert names == problem.successors, (annex.filename, item.code)
        assert not abolished, (annex.filename, abolished)
