"""Reading annexes in every format provinces publish them in, and refusing everything else."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import struct
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import Workbook as OpenpyxlWorkbook

from tiendo.imports.readers import MAX_ROWS, AnnexRejected, Sheet, Workbook, read_workbook
from tiendo.imports.uploads import TOKEN, upload_store

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
TOO_MANY_ROWS = (
    "Trang “{}” có hơn 20.000 dòng, vượt giới hạn 20.000 dòng; không đọc tệp này. Hãy xóa các "
    "dòng thừa ở cuối trang hoặc tách phụ lục thành nhiều tệp."
)
HEADER = ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn (dự kiến ban đầu)", "Thời hạn"]
INSTEAD = "Hãy tải lên tệp Word (.docx) hoặc Excel (.xlsx) của phụ lục."


def saved(workbook: OpenpyxlWorkbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def plan_xlsx() -> bytes:
    """A cover sheet, a hidden and a very hidden sheet, and two data sheets; the first has a
    hidden row, a hidden "Thời hạn (dự kiến ban đầu)" column beside the visible "Thời hạn",
    and a group title merged across the table. fixtures/readers/plan.ods and plan.xls are
    LibreOffice's conversions of this file."""
    workbook = OpenpyxlWorkbook()
    cover = workbook.active
    assert cover is not None
    cover.title = "Bìa"
    cover["A1"] = "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN"
    cover["B3"] = "KẾ HOẠCH Triển khai Đề án 06 năm 2024"
    lookup = workbook.create_sheet("Dữ liệu")
    lookup.sheet_state = "hidden"
    lookup["A1"] = "Sở Y tế"
    annex = workbook.create_sheet("Phụ lục")
    annex.append([*HEADER, "Ghi chú"])
    annex.append(["I", "Nhóm nhiệm vụ về thể chế"])
    annex.append(
        [1, "Ban hành quy chế", "Công an tỉnh", dt.date(2024, 3, 31), dt.date(2024, 6, 30)]
    )
    annex.append([2, "Việc đã bỏ", "Sở Tư pháp", dt.date(2024, 3, 31), dt.date(2024, 9, 30), "bỏ"])
    annex.append([3.0, "Số hóa hồ sơ", "Sở Y tế", None, dt.datetime(2024, 12, 31, 17, 0), 2.5])  # noqa: DTZ001 - Excel dates carry no zone
    annex.merge_cells("B2:F2")
    annex.row_dimensions[4].hidden = True
    annex.column_dimensions["D"].hidden = True
    more = workbook.create_sheet("Phụ lục (tiếp)")
    more.append(["II", "Nhóm nhiệm vụ về dữ liệu"])
    more.append(["4", "Làm sạch dữ liệu", "Sở Tư pháp", None, "Quý IV/2024", "=1+1"])
    more.append([])
    more.append([None, None, " có khoảng trắng "])
    secret = workbook.create_sheet("Ẩn sâu")
    secret.sheet_state = "veryHidden"
    secret["A1"] = "x"
    return saved(workbook)


def small_xlsx() -> bytes:
    """Three rows, the second hidden: LibreOffice saves it as an .xls whose Workbook stream is
    under 4 kB (fixtures/readers/small.xls), kept in the compound file's mini stream."""
    workbook = OpenpyxlWorkbook()
    annex = workbook.active
    assert annex is not None
    annex.title = "Phụ lục"
    for row in (["TT", "Nội dung"], [1, "Việc A"], [2, "Việc B"]):
        annex.append(row)
    annex.row_dimensions[2].hidden = True
    return saved(workbook)


def plan_docx() -> bytes:
    """A plan as Word files have it: the header laid out as a borderless 2×2 table, the title
    paragraphs, then the annex table with a group title merged across all columns and a lead
    agency merged down over three tasks, and a signature table after it.
    fixtures/readers/plan.doc is LibreOffice's Word 97-2003 conversion of this file."""
    document = Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(1, 0).text = "Số: 150/KH-UBND"
    header.cell(1, 1).text = "Nghệ An, ngày 10 tháng 5 năm 2024"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Triển khai Đề án 06 năm 2024")
    document.add_paragraph("")
    title = document.add_paragraph("Phụ lục kèm theo")
    title.add_run(" (bản nháp)").font.hidden = True
    table = document.add_table(rows=6, cols=5)
    for column, text in enumerate(
        ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"]
    ):
        table.cell(0, column).text = text
    table.cell(1, 0).merge(table.cell(1, 4)).text = "I. NHÓM NHIỆM VỤ VỀ THỂ CHẾ"
    tasks = [
        ("1", "Ban hành quy chế", "Sở Tư pháp", "Quý II/2024"),
        ("2", "Rà soát thủ tục", "", "Quý III/2024"),
        ("3", "Số hóa hồ sơ", "Sở Y tế", "Quý IV/2024"),
    ]
    for row, (code, name, coordinating, deadline) in enumerate(tasks, start=2):
        table.cell(row, 0).text = code
        table.cell(row, 1).text = name
        table.cell(row, 3).text = coordinating
        table.cell(row, 4).text = deadline
    table.cell(2, 2).merge(table.cell(4, 2)).text = "Công an tỉnh"
    table.cell(5, 0).text = "4"
    table.cell(5, 1).text = "Tổng kết"
    table.cell(5, 2).text = "Sở Nội vụ"
    coordinating = table.cell(5, 3)
    coordinating.text = "Sở Tư pháp"
    coordinating.add_paragraph("Sở Y tế")
    table.cell(5, 4).text = "Năm 2024"
    table.cell(5, 4).add_table(rows=1, cols=1).cell(0, 0).text = "bảng lồng"
    document.add_paragraph("Nơi nhận:")
    document.add_table(rows=1, cols=2).cell(0, 0).text = "TM. ỦY BAN NHÂN DÂN"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rejection(name: str, data: bytes) -> str:
    with pytest.raises(AnnexRejected) as caught:
        read_workbook(name, data)
    return str(caught.value)


def sheet(workbook: Workbook, name: str) -> Sheet:
    return next(s for s in workbook.sheets if s.name == name)


def rewritten(data: bytes, part: str, change: Any) -> bytes:
    """The same ZIP package with one part's bytes changed (or added)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            target.writestr(entry.filename, change(content) if entry.filename == part else content)
        if part not in source.namelist():
            target.writestr(part, change(b""))
    return out.getvalue()


def compound(*names: str) -> bytes:
    """A compound-file image (MS-CFB) whose directory holds these streams, as Word 97-2003 or
    a password-protected Office file has them."""
    data = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    for number, name in enumerate(("Root Entry", *names)):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le")
        entry[: len(encoded)] = encoded
        entry[64:66] = (len(encoded) + 2).to_bytes(2, "little")
        entry[66] = 5 if number == 0 else 2
        data += entry
    return bytes(data)


# XLSX.


PLAN_NOTES = [
    "Đã bỏ qua trang ẩn “Dữ liệu”.",
    "Trang “Phụ lục”: đã bỏ qua 01 dòng ẩn (dòng 4).",
    "Trang “Phụ lục”: đã bỏ qua cột ẩn D.",
    "Đã bỏ qua trang ẩn “Ẩn sâu”.",
]
PLAN_ROWS = [
    (1, [*HEADER, "Ghi chú"]),
    (2, ["I", "Nhóm nhiệm vụ về thể chế"]),
    (3, [1, "Ban hành quy chế", "Công an tỉnh", dt.date(2024, 3, 31), dt.date(2024, 6, 30)]),
    (5, [3, "Số hóa hồ sơ", "Sở Y tế", None, dt.datetime(2024, 12, 31, 17, 0), 2.5]),  # noqa: DTZ001
]


def test_an_xlsx_gives_its_visible_sheets_in_order_and_names_the_hidden_ones() -> None:
    workbook = read_workbook("ke-hoach.xlsx", plan_xlsx())
    assert (workbook.name, workbook.kind, workbook.preamble) == ("ke-hoach.xlsx", "xlsx", [])
    assert [s.name for s in workbook.sheets] == ["Bìa", "Phụ lục", "Phụ lục (tiếp)"]
    assert workbook.notes == PLAN_NOTES
    assert sheet(workbook, "Bìa").rows == [
        (1, ["ỦY BAN NHÂN DÂN TỈNH NGHỆ AN"]),
        (2, []),
        (3, [None, "KẾ HOẠCH Triển khai Đề án 06 năm 2024"]),
    ]


def test_hidden_rows_are_left_out_and_hidden_columns_listed_with_values_typed() -> None:
    annex = sheet(read_workbook("ke-hoach.xlsx", plan_xlsx()), "Phụ lục")
    assert annex.rows == PLAN_ROWS  # row 4 is hidden; 3.0 is 3; the group title is in B2 only
    assert annex.hidden_columns == frozenset({3})  # "Thời hạn (dự kiến ban đầu)"
    assert annex.merged
    assert isinstance(annex.rows[3][1][0], int)


def test_text_is_kept_as_written_and_a_formula_without_a_saved_result_is_empty() -> None:
    more = sheet(read_workbook("ke-hoach.xlsx", plan_xlsx()), "Phụ lục (tiếp)")
    assert more.rows == [
        (1, ["II", "Nhóm nhiệm vụ về dữ liệu"]),
        (2, ["4", "Làm sạch dữ liệu", "Sở Tư pháp", None, "Quý IV/2024"]),
        (3, []),
        (4, [None, None, " có khoảng trắng "]),
    ]
    assert (more.hidden_columns, more.merged) == (frozenset(), False)


def test_a_formula_reads_as_the_result_excel_saved() -> None:
    def with_result(xml: bytes) -> bytes:
        return xml.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>")

    data = rewritten(plan_xlsx(), "xl/worksheets/sheet4.xml", with_result)
    more = sheet(read_workbook("ke-hoach.xlsx", data), "Phụ lục (tiếp)")
    assert more.rows[1] == (2, ["4", "Làm sạch dữ liệu", "Sở Tư pháp", None, "Quý IV/2024", 2])


def test_an_xlsx_saved_by_libreoffice_reads_the_same_with_its_shared_strings() -> None:
    # Shared strings instead of inline ones, hidden="true" instead of "1", cached results.
    workbook = read_workbook("ke-hoach.xlsx", (FIXTURES / "plan-libreoffice.xlsx").read_bytes())
    assert workbook.notes == PLAN_NOTES
    annex = sheet(workbook, "Phụ lục")
    assert (annex.rows, annex.hidden_columns) == (PLAN_ROWS, frozenset({3}))
    assert sheet(workbook, "Phụ lục (tiếp)").rows[1][1][5] == 2


def test_a_strings_table_declaring_billions_of_strings_is_refused_before_calamine_sees_it() -> None:
    # calamine reserves room for uniqueCount first: 2³²-1 aborted the process.
    data = rewritten(
        (FIXTURES / "plan-libreoffice.xlsx").read_bytes(),
        "xl/sharedStrings.xml",
        lambda xml: re.sub(rb'uniqueCount="\d+"', b'uniqueCount="4294967295"', xml),
    )
    assert rejection("ke-hoach.xlsx", data) == (
        "Tệp “ke-hoach.xlsx” có hơn 1.200.000 chuỗi văn bản, vượt giới hạn; không đọc tệp này."
    )


def test_a_large_hidden_sheet_is_not_read_so_it_cannot_refuse_the_file() -> None:
    workbook = OpenpyxlWorkbook(write_only=True)
    workbook.create_sheet("Phụ lục").append(HEADER)
    lookup = workbook.create_sheet("Tra cứu")
    lookup.sheet_state = "hidden"
    for n in range(MAX_ROWS + 10):
        lookup.append([n])
    read = read_workbook("phu-luc.xlsx", saved(workbook))
    assert [s.name for s in read.sheets] == ["Phụ lục"]
    assert read.notes == ["Đã bỏ qua trang ẩn “Tra cứu”."]


def test_a_workbook_of_ten_thousand_rows_reads_in_well_under_two_seconds() -> None:
    workbook = OpenpyxlWorkbook()
    data_sheet = workbook.active
    assert data_sheet is not None
    for n in range(10_000):
        data_sheet.append([n, f"Việc {n}", "Sở Y tế", "Quý II/2024", 1.5, dt.date(2024, 6, 30)])
    data = saved(workbook)
    started = time.monotonic()
    read = read_workbook("lon.xlsx", data)
    assert time.monotonic() - started < 2
    assert read.sheets[0].rows[-1] == (
        10_000,
        [9999, "Việc 9999", "Sở Y tế", "Quý II/2024", 1.5, dt.date(2024, 6, 30)],
    )


# XLS and ODS: LibreOffice's conversions of plan_xlsx().


def test_an_ods_reads_like_the_xlsx_it_was_saved_from_hidden_rows_and_columns_included() -> None:
    workbook = read_workbook("ke-hoach.ods", (FIXTURES / "plan.ods").read_bytes())
    assert workbook.kind == "ods"
    assert [s.name for s in workbook.sheets] == ["Bìa", "Phụ lục", "Phụ lục (tiếp)"]
    assert workbook.notes == PLAN_NOTES
    annex = sheet(workbook, "Phụ lục")
    assert annex.rows == PLAN_ROWS
    assert (annex.hidden_columns, annex.merged) == (frozenset({3}), True)
    # LibreOffice computed and saved the formula's result.
    assert sheet(workbook, "Phụ lục (tiếp)").rows[1][1][5] == 2


def test_an_xls_reads_like_the_xlsx_it_was_saved_from_hidden_rows_and_columns_included() -> None:
    workbook = read_workbook("ke-hoach.xls", (FIXTURES / "plan.xls").read_bytes())
    assert workbook.kind == "xls"
    assert [s.name for s in workbook.sheets] == ["Bìa", "Phụ lục", "Phụ lục (tiếp)"]
    assert workbook.notes == PLAN_NOTES
    annex = sheet(workbook, "Phụ lục")
    assert annex.rows == PLAN_ROWS
    assert (annex.hidden_columns, annex.merged) == (frozenset({3}), True)
    assert sheet(workbook, "Phụ lục (tiếp)").rows[1][1][5] == 2


XLS_DAMAGED = (
    "Tệp “ke-hoach.xls” bị hỏng, không đọc được như bảng tính Excel 97–2003; hãy mở bằng "
    "Excel, lưu lại thành tệp .xlsx rồi tải lên."
)


def test_an_xls_declaring_impossible_dimensions_is_refused_before_calamine_sees_it() -> None:
    # calamine reserves memory from DIMENSIONS: first row 5, past-the-last row 3 made it ask
    # for 343 GB and abort the process, which no except clause catches.
    data = (FIXTURES / "plan.xls").read_bytes()
    dimensions = data.index(b"\x00\x02\x0e\x00")
    broken = data[: dimensions + 4] + struct.pack("<II", 5, 3) + data[dimensions + 12 :]
    assert rejection("ke-hoach.xls", broken) == XLS_DAMAGED


def test_an_xls_that_is_not_biff8_is_refused_rather_than_half_read() -> None:
    assert rejection("ke-hoach.xls", compound("Book")) == XLS_DAMAGED  # Excel 95


def test_an_xls_too_small_for_a_full_sector_is_read_from_the_mini_stream() -> None:
    data = (FIXTURES / "small.xls").read_bytes()
    workbook = read_workbook("nho.xls", data)
    assert workbook.notes == ["Trang “Phụ lục”: đã bỏ qua 01 dòng ẩn (dòng 2)."]
    assert workbook.sheets[0].rows == [(1, ["TT", "Nội dung"]), (3, [2, "Việc B"])]


def ods(content: str) -> bytes:
    """A minimal ODS package around `content` (the body of one table)."""
    xml = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        f'<office:spreadsheet><table:table table:name="Phụ lục">{content}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", xml)
    return out.getvalue()


CELL = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'


def test_an_ods_row_repeated_past_the_limit_is_refused_before_it_is_built() -> None:
    data = ods(f'<table:table-row table:number-rows-repeated="1000000">{CELL}</table:table-row>')
    started = time.monotonic()
    assert rejection("phu-luc.ods", data) == TOO_MANY_ROWS.format("Phụ lục")
    assert time.monotonic() - started < 1


def test_an_ods_cell_repeated_past_the_column_limit_is_refused() -> None:
    repeated = CELL.replace(
        "<table:table-cell ", '<table:table-cell table:number-columns-repeated="16384" '
    )
    data = ods(
        f"<table:table-row>{CELL}</table:table-row><table:table-row>{repeated}</table:table-row>"
    )
    assert rejection("phu-luc.ods", data) == (
        "Trang “Phụ lục”, dòng 2: có dữ liệu ở cột BI, vượt giới hạn 60 cột; không đọc tệp này."
    )


def test_empty_rows_repeated_to_the_end_of_an_ods_sheet_are_fine() -> None:
    data = (FIXTURES / "plan.ods").read_bytes()
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml")
    assert b'table:number-rows-repeated="1048' in content  # LibreOffice writes them
    assert read_workbook("ke-hoach.ods", data).sheets  # and they cost nothing


# CSV.


def test_a_utf8_csv_reads_with_commas_and_quotes() -> None:
    text = (
        "TT,Nội dung nhiệm vụ,Đơn vị chủ trì,Thời hạn\r\n"
        '1,"Rà soát, cập nhật",Sở Y tế,30/06/2024\r\n'
        "\r\n"
        "2,,Công an tỉnh,\r\n"
    )
    workbook = read_workbook("phu-luc.csv", text.encode())
    assert (workbook.kind, workbook.preamble) == ("csv", [])
    assert workbook.notes == ["Tệp CSV: đã nhận dạng bảng mã UTF-8 và dấu phân cách “,”."]
    assert workbook.sheets == [
        Sheet(
            "CSV",
            [
                (1, ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"]),
                (2, ["1", "Rà soát, cập nhật", "Sở Y tế", "30/06/2024"]),
                (3, []),
                (4, ["2", None, "Công an tỉnh"]),
            ],
        )
    ]


SEMICOLONS = (
    "TT;Nội dung nhiệm vụ;Đơn vị chủ trì;Đơn vị phối hợp\r\n"
    "1;Rà soát thủ tục;Sở Y tế;Các sở, ban, ngành\r\n"
    '2;"Số hóa\nhồ sơ";Công an tỉnh;"Sở Tư pháp; Sở Y tế"\r\n'
    "3;Tuyên truyền;Sở Thông tin và Truyền thông;UBND các huyện, thành phố, thị xã\r\n"
)
SEMICOLON_ROWS = [
    (1, ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp"]),
    (2, ["1", "Rà soát thủ tục", "Sở Y tế", "Các sở, ban, ngành"]),
    (3, ["2", "Số hóa\nhồ sơ", "Công an tỉnh", "Sở Tư pháp; Sở Y tế"]),
    (4, ["3", "Tuyên truyền", "Sở Thông tin và Truyền thông", "UBND các huyện, thành phố, thị xã"]),
]


def test_a_utf8_csv_with_a_bom_and_semicolons_as_excel_writes_it_in_vietnamese() -> None:
    workbook = read_workbook("phu-luc.csv", SEMICOLONS.encode("utf-8-sig"))
    assert workbook.notes == ["Tệp CSV: đã nhận dạng bảng mã UTF-8 và dấu phân cách “;”."]
    assert workbook.sheets[0].rows == SEMICOLON_ROWS  # the quoted newline stays in its cell


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-16-le"])
def test_a_utf16_csv_reads_with_its_quoted_newlines(codec: str) -> None:
    data = SEMICOLONS.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    workbook = read_workbook("phu-luc.csv", data)
    assert workbook.notes == ["Tệp CSV: đã nhận dạng bảng mã UTF-16 và dấu phân cách “;”."]
    assert workbook.sheets[0].rows == SEMICOLON_ROWS


def test_excels_unicode_text_is_tab_separated_utf16() -> None:
    text = "TT\tNội dung nhiệm vụ\tĐơn vị chủ trì\r\n1\tRà soát, cập nhật\tSở Y tế\r\n"
    workbook = read_workbook("phu-luc.txt", text.encode("utf-16"))
    assert workbook.notes == ["Tệp CSV: đã nhận dạng bảng mã UTF-16 và dấu phân cách Tab."]
    assert workbook.sheets[0].rows[1] == (2, ["1", "Rà soát, cập nhật", "Sở Y tế"])


def test_excels_sep_line_decides_the_separator_and_is_not_a_row() -> None:
    workbook = read_workbook("phu-luc.csv", b"sep=;\r\nTT;Ten\r\n1;A, B\r\n")
    assert workbook.notes == [
        "Tệp CSV: đã nhận dạng bảng mã UTF-8; dấu phân cách “;” theo dòng “sep=” đầu tệp."
    ]
    assert workbook.sheets[0].rows == [(1, ["TT", "Ten"]), (2, ["1", "A, B"])]


def test_a_csv_in_a_legacy_code_page_is_refused_not_guessed() -> None:
    windows_1258 = b"TT,\xd0\xf5n v\xec ch\xd2u tr\xec\r\n1,C\xf4ng an t\xecnh\r\n"
    assert rejection("phu-luc.csv", windows_1258) == (
        "Tệp “phu-luc.csv” không phải văn bản UTF-8: có thể tệp được lưu bằng bảng mã cũ "
        "(Windows-1258, TCVN3, VNI…) nên chữ tiếng Việt sẽ bị sai. Hãy mở bằng Excel, chọn "
        "Lưu thành › “CSV UTF-8 (Comma delimited) (*.csv)” rồi tải lên, hoặc tải lên tệp "
        "Excel (.xlsx)."
    )


# DOCX.


def test_a_word_file_gives_each_table_and_the_lines_before_the_annex_table() -> None:
    workbook = read_workbook("ke-hoach.docx", plan_docx())
    assert workbook.kind == "docx"
    assert [s.name for s in workbook.sheets] == ["Bảng 1", "Bảng 2", "Bảng 3"]
    assert workbook.preamble == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH NGHỆ AN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 150/KH-UBND",
        "Nghệ An, ngày 10 tháng 5 năm 2024",
        "KẾ HOẠCH",
        "Triển khai Đề án 06 năm 2024",
        "Phụ lục kèm theo",  # its hidden run " (bản nháp)" is not shown, so not read
    ]
    assert workbook.notes == ["Bảng 2: có 01 bảng lồng trong ô; đã bỏ qua nội dung các bảng lồng."]
    assert sheet(workbook, "Bảng 3").rows == [(1, ["TM. ỦY BAN NHÂN DÂN"])]


def test_merged_word_cells_keep_a_title_once_and_a_lead_for_every_row_it_spans() -> None:
    table = sheet(read_workbook("ke-hoach.docx", plan_docx()), "Bảng 2")
    assert table.merged
    assert table.rows == [
        (1, ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"]),
        (2, ["I. NHÓM NHIỆM VỤ VỀ THỂ CHẾ"]),  # gridSpan: the other columns are None, trimmed
        (3, ["1", "Ban hành quy chế", "Công an tỉnh", "Sở Tư pháp", "Quý II/2024"]),
        (4, ["2", "Rà soát thủ tục", "Công an tỉnh", None, "Quý III/2024"]),  # vMerge
        (5, ["3", "Số hóa hồ sơ", "Công an tỉnh", "Sở Y tế", "Quý IV/2024"]),
        (6, ["4", "Tổng kết", "Sở Nội vụ", "Sở Tư pháp\nSở Y tế", "Năm 2024\n"]),
    ]


def test_a_word_file_without_a_table_is_refused() -> None:
    document = Document()
    document.add_paragraph("KẾ HOẠCH")
    out = io.BytesIO()
    document.save(out)
    assert rejection("ke-hoach.docx", out.getvalue()) == (
        "Tệp “ke-hoach.docx” không có bảng nào: danh mục nhiệm vụ của phụ lục cần nằm trong "
        "một bảng của văn bản Word, hoặc trong tệp Excel."
    )


def test_a_word_table_past_the_row_limit_is_refused() -> None:
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "1"
    row = table._tbl.tr_lst[0]
    for _ in range(MAX_ROWS):
        table._tbl.append(copy.deepcopy(row))
    out = io.BytesIO()
    document.save(out)
    assert rejection("ke-hoach.docx", out.getvalue()) == (
        "Tệp “ke-hoach.docx”: Bảng 1 có hơn 20.000 dòng, vượt giới hạn 20.000 dòng; không đọc "
        "tệp này. Hãy tách phụ lục thành nhiều tệp."
    )


# What cannot be read is refused, naming the file and saying what to do.


def test_a_pdf_is_refused_with_what_to_upload_instead() -> None:
    assert rejection("x.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n") == (
        "Tệp “x.pdf” là PDF: không đọc được bảng từ PDF. Hãy tải lên tệp Word (.docx) hoặc "
        "Excel (.xlsx) của phụ lục."
    )


def test_an_old_word_file_is_refused_asking_for_docx() -> None:
    expected = (
        "Tệp “ke-hoach.doc” là tệp Word 97–2003 (.doc), không đọc được. Hãy mở bằng Word, chọn "
        "Tệp › Lưu thành › Tài liệu Word (.docx) rồi tải lên tệp .docx."
    )
    assert rejection("ke-hoach.doc", (FIXTURES / "plan.doc").read_bytes()) == expected
    assert rejection("ke-hoach.doc", compound("WordDocument", "1Table")) == expected


def test_a_password_protected_file_is_refused() -> None:
    assert rejection("phu-luc.xlsx", compound("EncryptionInfo", "EncryptedPackage")) == (
        "Tệp “phu-luc.xlsx” được đặt mật khẩu nên không đọc được. Hãy mở tệp, bỏ mật khẩu (Tệp "
        "› Thông tin › Bảo vệ) rồi lưu lại và tải lên."
    )


def test_an_image_renamed_xlsx_is_refused_as_an_image() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(32)
    assert rejection("phu-luc.xlsx", png) == (
        f"Tệp “phu-luc.xlsx” là ảnh (PNG): không đọc được bảng từ ảnh. {INSTEAD}"
    )
    assert rejection("anh.jpg", b"\xff\xd8\xff\xe0" + bytes(32)).startswith(
        "Tệp “anh.jpg” là ảnh (JPEG)"
    )


def test_a_damaged_zip_is_refused() -> None:
    assert rejection("phu-luc.xlsx", b"PK\x03\x04" + bytes(64)) == (
        "Tệp “phu-luc.xlsx” bị hỏng, không đọc được nội dung. Hãy mở tệp bằng Excel hoặc Word, "
        "lưu lại rồi tải lên."
    )


def test_a_damaged_sheet_inside_a_sound_package_is_refused() -> None:
    data = rewritten(
        plan_xlsx(), "xl/worksheets/sheet3.xml", lambda _: b"<worksheet><sheetData><row"
    )
    assert rejection("phu-luc.xlsx", data) == (
        "Tệp “phu-luc.xlsx” bị hỏng, không đọc được như bảng tính Excel; hãy mở bằng Excel, lưu "
        "lại thành tệp .xlsx rồi tải lên."
    )


def test_a_doctype_inside_the_workbook_is_refused_as_damaged() -> None:
    data = rewritten(
        plan_xlsx(),
        "xl/worksheets/sheet3.xml",
        lambda xml: b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + xml,
    )
    assert "bị hỏng, không đọc được như bảng tính Excel" in rejection("phu-luc.xlsx", data)


def test_an_empty_file_is_refused() -> None:
    assert rejection("phu-luc.xlsx", b"") == "Tệp “phu-luc.xlsx” không có nội dung."


def test_a_file_over_ten_megabytes_is_refused() -> None:
    assert rejection("lon.csv", b"0" * (11 * 1024 * 1024)) == (
        "Tệp “lon.csv” dung lượng 11,0 MB vượt quá giới hạn 10 MB."
    )


def test_a_zip_bomb_is_refused() -> None:
    data = rewritten(plan_xlsx(), "xl/media/zeros.bin", lambda _: bytes(5 * 1024 * 1024))
    assert rejection("bom.xlsx", data) == (
        "Tệp “bom.xlsx” có tỉ lệ nén bất thường (trên 100:1) nên không được nhận."
    )


def test_macros_are_refused_in_xlsm_docm_and_ods() -> None:
    xlsm = rewritten(plan_xlsx(), "xl/vbaProject.bin", lambda _: b"VBA")
    assert rejection("phu-luc.xlsm", xlsm) == (
        "Tệp “phu-luc.xlsm” chứa macro (mã lệnh tự chạy khi mở) nên không được nhận; hãy lưu "
        "lại thành tệp Excel thường (.xlsx, không có macro) rồi tải lên."
    )
    docm = rewritten(plan_docx(), "word/vbaProject.bin", lambda _: b"VBA")
    assert "thành tệp Word thường (.docx, không có macro)" in rejection("ke-hoach.docx", docm)
    with_basic = rewritten(
        (FIXTURES / "plan.ods").read_bytes(), "Basic/Standard/Module1.xml", lambda _: b"<x/>"
    )
    assert "chứa macro" in rejection("ke-hoach.ods", with_basic)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "phu-luc.xls",
            plan_xlsx(),
            "Tệp “phu-luc.xls” có phần mở rộng .xls nhưng nội dung là bảng tính Excel (.xlsx). "
            "Hãy đổi phần mở rộng thành .xlsx (hoặc mở tệp và lưu lại đúng loại) rồi tải lên lại.",
        ),
        (
            "phu-luc.xlsx",
            b"TT,Noi dung\r\n1,A\r\n",
            "Tệp “phu-luc.xlsx” có phần mở rộng .xlsx nhưng nội dung là văn bản CSV (.csv). Hãy "
            "đổi phần mở rộng thành .csv (hoặc mở tệp và lưu lại đúng loại) rồi tải lên lại.",
        ),
        (
            "phu-luc",
            plan_docx(),
            "Tệp “phu-luc” không có phần mở rộng; nội dung là văn bản Word (.docx). Hãy đặt tên "
            "tệp kết thúc bằng .docx rồi tải lên lại.",
        ),
        (
            "bao-cao.xls",
            b"<html><body><table><tr><td>TT</td></tr></table></body></html>",
            "Tệp “bao-cao.xls” là trang web (HTML), không phải bảng tính, dù có thể mở được bằng "
            "Excel. Hãy mở bằng Excel, chọn Lưu thành › Sổ làm việc Excel (.xlsx) rồi tải lên.",
        ),
        (
            "cai-dat.xlsx",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff",
            "Tệp “cai-dat.xlsx” không phải bảng tính Excel (.xlsx, .xls), OpenDocument (.ods), "
            f"CSV hay văn bản Word (.docx) nên không đọc được phụ lục. {INSTEAD}",
        ),
    ],
)
def test_content_decides_and_the_extension_must_agree(name: str, data: bytes, message: str) -> None:
    assert rejection(name, data) == message


def test_messages_name_the_file_without_its_client_path() -> None:
    assert rejection("C:\\Users\\An\\phu-luc.xlsx", b"") == "Tệp “phu-luc.xlsx” không có nội dung."


# Limits, whatever the file declares.


def streamed_xlsx(rows: int) -> bytes:
    """A workbook written in streaming mode, as generators write them: no <dimension>."""
    workbook = OpenpyxlWorkbook(write_only=True)
    data_sheet = workbook.create_sheet("Phụ lục")
    data_sheet.append(HEADER)
    for n in range(1, rows + 1):
        data_sheet.append([n, f"Việc {n}", "Sở Y tế", "Quý II/2024"])
    return saved(workbook)


def test_a_streamed_sheet_past_the_row_limit_is_refused_quickly() -> None:
    data = streamed_xlsx(150_000)
    assert len(data) < 9 * 1024 * 1024
    started = time.monotonic()
    assert rejection("phu-luc.xlsx", data) == TOO_MANY_ROWS.format("Phụ lục")
    assert time.monotonic() - started < 2


def test_a_sheet_at_the_row_limit_is_read() -> None:
    rows = read_workbook("phu-luc.xlsx", streamed_xlsx(MAX_ROWS - 1)).sheets[0].rows
    assert (len(rows), rows[-1][0]) == (MAX_ROWS, MAX_ROWS)


def test_one_value_far_down_or_far_right_is_refused_before_the_sheet_is_built() -> None:
    workbook = OpenpyxlWorkbook()
    data_sheet = workbook.active
    assert data_sheet is not None
    data_sheet.title = "Phụ lục"
    data_sheet.append(HEADER)
    data_sheet.cell(row=1_048_000, column=16_000, value="x")
    assert rejection("phu-luc.xlsx", saved(workbook)) == TOO_MANY_ROWS.format("Phụ lục")
    data_sheet.cell(row=1_048_000, column=16_000, value=None)
    data_sheet.cell(row=5, column=702, value="x")
    wide = saved(workbook)
    message = (
        "Trang “Phụ lục”, dòng 5: có dữ liệu ở cột ZZ, vượt giới hạn 60 cột; không đọc tệp này."
    )
    assert rejection("phu-luc.xlsx", wide) == message
    # calamine reads references in either case, and so does the count.
    lower = rewritten(
        wide, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'r="ZZ5"', b'r="zz5"')
    )
    assert rejection("phu-luc.xlsx", lower) == message


def test_a_csv_past_the_row_limit_is_refused() -> None:
    text = "TT,Nội dung,Chủ trì,Thời hạn\n" + "1,Việc A,Sở Y tế,30/06/2024\n" * 25_000
    assert rejection("phu-luc.csv", text.encode()) == TOO_MANY_ROWS.format("CSV")


def test_a_csv_row_wider_than_the_column_limit_is_refused() -> None:
    text = "TT,Nội dung\n" + "1,Việc A" + "," * 70 + "x\n"
    assert rejection("phu-luc.csv", text.encode()) == (
        "Trang “CSV”, dòng 2: có dữ liệu ở cột BT, vượt giới hạn 60 cột; không đọc tệp này."
    )


# Stored uploads keep the extension the reader checks.


def test_a_stored_upload_keeps_a_readable_extension_and_others_become_bin(
    settings: Any, tmp_path: Path
) -> None:
    settings.DATA_DIR = tmp_path
    tokens = [upload_store(name, b"x") for name in ("a.ODS", "b.docx", "c.xls", "d.pdf", "e")]
    assert [t.rpartition(".")[2] for t in tokens] == ["ods", "docx", "xls", "bin", "bin"]
    assert all(TOKEN.fullmatch(t) for t in tokens)
    assert not TOKEN.fullmatch("0" * 32 + ".pdf")
    assert not TOKEN.fullmatch("../" + tokens[0])
