"""Plan annexes shaped like the ones Vietnamese provinces publish, to test the importer against.

Each builder returns the bytes of one file laid out the way real annexes are (restarting numbers,
parts A/B/C, prose groups, collective owners, bodies abolished in 2025, hidden columns and rows,
cover sheets, continuation sheets, Word tables, CSV exports in two encodings, a plan for another
decision). EXPECTED says, per file, what a correct importer reads from it: its groups, its items
and the problems it must raise. The content is illustrative (dữ liệu minh họa), written with real
Nghệ An bodies as `tiendo.agencies.directory` loads them.

`python -m tiendo.imports.tests.annexes` rewrites fixtures/annexes/ (and the XLS and ODS copies
when LibreOffice is installed). This module never imports the importer: it describes files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

FIXTURES = Path(__file__).parent / "fixtures" / "annexes"

# What Đề án 06 is, for the annexes that name the decision they implement.
DE_AN_06 = "Quyết định số 06/QĐ-TTg ngày 06/01/2022"

# Problem kinds an importer must raise. Each is one ExpectedProblem.
COLLECTIVE_LEAD = "collective_lead"  # the lead names a group of bodies: someone must decide
ABOLISHED_BODY = "abolished_body"  # a named body no longer existed on the plan's date
OTHER_DECISION = "other_decision"  # the plan implements a decision that is not Đề án 06
HIDDEN_ROW = "hidden_row"  # a hidden row holds a task: not imported, but said so
HIDDEN_COLUMN = "hidden_column"  # a hidden column is ignored, but said so
DEADLINE_FROM_TITLE = "deadline_from_title"  # no deadline column: the title's year is the deadline

# The brief's phenomena, by number (see fixtures/annexes/README.md).
PHENOMENA = {
    1: "numbering restarts in each group",
    2: "deep hierarchies (A/B/C, I/II, 1., 1.1) and prose-style groups",
    3: "collective leads",
    4: "coordinators mixing groups and lists",
    5: "bodies abolished before the plan's date",
    6: "hidden column, hidden row, cover sheet, table continued on a second sheet",
    7: "header wording as published, two-row headers, (1) (2) … row, title rows",
    8: "deadlines as written",
    9: "products and budget sources as written",
    10: "a KPI annex without a deadline column",
    11: "a Word plan with the annex as a table",
    12: "CSV exports: UTF-16 with ';' and UTF-8 with BOM",
    13: "a plan for a different decision",
    14: "totals row, blank rows, line breaks and bullets in cells",
}


@dataclass(frozen=True)
class ExpectedGroup:
    """A task group: code is its full place in the hierarchy ("A.II.1"), parent the code above."""

    code: str
    name: str
    parent: str | None


@dataclass(frozen=True)
class ExpectedItem:
    """One task or indicator as the importer must read it.

    code: the item's identity, its group's code then its own number ("A.II.1.2", "II.3");
    group_path: the codes of its groups from the outermost down (("A", "A.II", "A.II.1"));
    title, lead, coordinators: as written, whitespace normalised; deadline: the date it must be
    read as, None for recurring work (recurring=True); deadline_text: what the cell shows;
    target/unit: the quantified product ("01 Kế hoạch" -> 1, "Kế hoạch"; "Đạt 80%" -> 80, "%");
    lead_agency / coordinator_agencies: directory codes of the individually named bodies
    ("40.CAT", "40.H424", "40.17329"); collective names ("Các sở, ban, ngành") have none.
    """

    code: str
    group_path: tuple[str, ...]
    number: str
    title: str
    lead: str
    coordinators: str
    deadline: dt.date | None
    recurring: bool
    deadline_text: str
    product: str
    target: Decimal | None
    unit: str
    budget: str
    note: str
    lead_agency: str | None
    coordinator_agencies: tuple[str, ...]


@dataclass(frozen=True)
class ExpectedProblem:
    """A problem the importer must raise: on an item (code, field) or on the annex (code "")."""

    kind: str
    code: str = ""
    field: str = ""  # "lead" or "coordinators" for agency problems
    text: str = ""  # the words at issue, as written
    agency: str | None = None  # directory code of the abolished body, None when collective
    successors: tuple[str, ...] = ()  # who took over, primary first (directory names)


@dataclass(frozen=True)
class ExpectedAnnex:
    """What one fixture file holds and what importing it must give."""

    filename: str
    kind: str  # "xlsx", "xls", "ods", "docx", "csv"
    plan: str  # the plan as the file names it; "" when the file does not say
    issued: dt.date  # the plan's date: it decides which bodies existed
    implements: str  # the decision or programme as the file names it; "" when not named
    de_an_06: bool
    sheets: tuple[str, ...]  # workbook sheets in order; () for Word and CSV
    groups: tuple[ExpectedGroup, ...]
    items: tuple[ExpectedItem, ...]
    problems: tuple[ExpectedProblem, ...]
    phenomena: tuple[int, ...]
    encoding: str = ""  # CSV only: "utf-16" (with BOM) or "utf-8-sig"
    delimiter: str = ""  # CSV only

    @property
    def item_count(self) -> int:
        return len(self.items)


# ---------------------------------------------------------------------------------------------
# The rows of an annex, written once: the builders lay them out, EXPECTED reads them back.

Written = str | int | dt.date | None


@dataclass(frozen=True)
class _Group:
    code: str
    name: str
    stt: str | None  # what the STT column shows
    text: str | None = None  # what the content column shows, when it is not just the name


@dataclass(frozen=True)
class _Task:
    code: str
    stt: str | int
    title: str
    lead: str
    coordinators: str
    deadline: Written  # as written: text, a year as a number, a real date, or nothing
    due: dt.date | None  # as it must be read
    recurring: bool = False
    product: str = ""
    target: str | None = None
    unit: str = ""
    budget: str = ""
    note: str = ""
    lead_agency: str | None = None
    coordinator_agencies: tuple[str, ...] = ()
    original: str = ""  # the hidden "Thời hạn (dự kiến ban đầu)" column
    merged_lead: bool = False  # the lead cell is merged with the one above
    hidden: bool = False


@dataclass(frozen=True)
class _Blank:
    pass


@dataclass(frozen=True)
class _Total:
    text: str


@dataclass(frozen=True)
class _Sheet:
    """The table goes on in a new sheet, with or without the header repeated."""

    title: str
    header: bool
    heading: str = ""


Entry = _Group | _Task | _Blank | _Total | _Sheet
D = dt.date


def _norm(text: str) -> str:
    return " ".join(text.split())


def _shown(value: Written) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return _norm(str(value))


def _group_path(code: str) -> tuple[str, ...]:
    parts = code.split(".")
    return tuple(".".join(parts[: n + 1]) for n in range(len(parts)))


def _expect(
    filename: str,
    entries: Sequence[Entry],
    *,
    plan: str,
    issued: dt.date,
    implements: str,
    problems: Sequence[ExpectedProblem],
    phenomena: Sequence[int],
    sheets: Sequence[str] = (),
    de_an_06: bool = True,
    encoding: str = "",
    delimiter: str = "",
) -> ExpectedAnnex:
    groups: list[ExpectedGroup] = []
    items: list[ExpectedItem] = []
    current = ""
    for entry in entries:
        if isinstance(entry, _Group):
            groups.append(
                ExpectedGroup(entry.code, entry.name, entry.code.rpartition(".")[0] or None)
            )
            current = entry.code
        elif isinstance(entry, _Task) and not entry.hidden:
            items.append(
                ExpectedItem(
                    code=entry.code,
                    group_path=_group_path(current),
                    number=str(entry.stt),
                    title=_norm(entry.title),
                    lead=_norm(entry.lead),
                    coordinators=_norm(entry.coordinators),
                    deadline=entry.due,
                    recurring=entry.recurring,
                    deadline_text=_shown(entry.deadline),
                    product=_norm(entry.product),
                    target=Decimal(entry.target) if entry.target is not None else None,
                    unit=entry.unit,
                    budget=entry.budget,
                    note=entry.note,
                    lead_agency=entry.lead_agency,
                    coordinator_agencies=entry.coordinator_agencies,
                )
            )
    return ExpectedAnnex(
        filename=filename,
        kind=filename.rpartition(".")[2],
        plan=plan,
        issued=issued,
        implements=implements,
        de_an_06=de_an_06,
        sheets=tuple(sheets),
        groups=tuple(groups),
        items=tuple(items),
        problems=tuple(problems),
        phenomena=tuple(phenomena),
        encoding=encoding,
        delimiter=delimiter,
    )


# Successors as the directory records them (primary first), for the problems below.
KHCN = ("Sở Khoa học và Công nghệ",)
LDTBXH = ("Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo")
ANH_SON = (
    "UBND xã Yên Xuân",
    "UBND xã Anh Sơn",
    "UBND xã Thành Bình Thọ",
    "UBND xã Nhân Hòa",
    "UBND xã Vĩnh Tường",
    "UBND xã Anh Sơn Đông",
)
COMMUNES = ("UBND các xã, phường",)  # who took over from "UBND các huyện" on 1/7/2025


# ---------------------------------------------------------------------------------------------
# 1. Numbering restarting in each group; two-row header; (1) (2) … row; title rows.

KH150 = "Kế hoạch số 150/KH-UBND ngày 10/5/2025"
_RESTARTING: tuple[Entry, ...] = (
    _Group("I", "NHÓM NHIỆM VỤ HOÀN THIỆN THỂ CHẾ, CHÍNH SÁCH", "I"),
    _Task(
        "I.1",
        1,
        "Tham mưu UBND tỉnh ban hành Quy chế quản lý, vận hành, khai thác Kho dữ liệu dùng chung"
        " của tỉnh, bảo đảm kết nối với Cơ sở dữ liệu quốc gia về dân cư",
        "Sở Khoa học và Công nghệ",
        "Công an tỉnh; Sở Tư pháp; Văn phòng UBND tỉnh",
        "Quý II, III/2025",
        D(2025, 9, 30),
        product="01 Quyết định",
        target="1",
        unit="Quyết định",
        lead_agency="40.SKHCN",
        coordinator_agencies=("40.CAT", "40.STP", "40.VP"),
    ),
    _Task(
        "I.2",
        2,
        "Rà soát, đề xuất cắt giảm thành phần hồ sơ, giấy tờ đã được tích hợp trên ứng dụng VNeID"
        " hoặc khai thác được từ Cơ sở dữ liệu quốc gia về dân cư",
        "Văn phòng UBND tỉnh",
        "Các sở, ban, ngành; UBND các huyện, thành phố, thị xã",
        "Trước ngày 30/6/2025",
        D(2025, 6, 30),
        product="01 Báo cáo",
        target="1",
        unit="Báo cáo",
        lead_agency="40.VP",
    ),
    _Task(
        "I.3",
        3,
        "Xây dựng Kế hoạch tuyên truyền về Đề án 06 năm 2025 trên các phương tiện thông tin đại"
        " chúng",
        "Công an tỉnh Nghệ An",
        "Sở Văn hóa, Thể thao và Du lịch; Sở KH&CN",
        D(2025, 5, 31),
        D(2025, 5, 31),
        product="01 Kế hoạch",
        target="1",
        unit="Kế hoạch",
        lead_agency="40.CAT",
        coordinator_agencies=("40.SVHTTDL", "40.SKHCN"),
    ),
    _Group(
        "II",
        "NHÓM NHIỆM VỤ PHỤC VỤ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH VÀ CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN",
        "II",
    ),
    _Task(
        "II.1",
        1,
        "Duy trì cung cấp 25 dịch vụ công thiết yếu theo Đề án 06 trên Cổng Dịch vụ công quốc"
        " gia; nâng cao tỷ lệ hồ sơ trực tuyến toàn trình",
        "Văn phòng UBND tỉnh",
        "Sở KH&CN; Công an tỉnh; các sở, ngành liên quan",
        "Quý II/2025",
        D(2025, 6, 30),
        product="100% dịch vụ công thiết yếu được cung cấp trực tuyến toàn trình",
        target="100",
        unit="%",
        note="Nhiệm vụ chuyển tiếp từ năm 2024",
        lead_agency="40.VP",
        coordinator_agencies=("40.SKHCN", "40.CAT"),
    ),
    _Task(
        "II.2",
        2,
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính theo quy định tại Nghị định số"
        " 45/2020/NĐ-CP và Nghị định số 107/2021/NĐ-CP của Chính phủ",
        "Các sở, ban, ngành",
        "Sở TT&TT",
        "Thực hiện thường xuyên",
        None,
        recurring=True,
        product="100% hồ sơ được số hóa",
        target="100",
        unit="%",
        coordinator_agencies=("40.STTTT",),
    ),
    _Task(
        "II.3",
        3,
        'Triển khai nhóm thủ tục hành chính liên thông "Đăng ký khai sinh - Đăng ký thường trú -'
        ' Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi" trên môi trường điện tử',
        "Sở Tư pháp",
        "Công an tỉnh; Bảo hiểm xã hội tỉnh; UBND các huyện, thành phố, thị xã",
        D(2025, 6, 30),
        D(2025, 6, 30),
        product="Đạt 80%",
        target="80",
        unit="%",
        lead_agency="40.STP",
        coordinator_agencies=("40.CAT", "40.BHXH"),
    ),
    _Group("III", "NHÓM NHIỆM VỤ PHỤC VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI", "III"),
    _Task(
        "III.1",
        1,
        "Chi trả trợ cấp xã hội, trợ cấp ưu đãi người có công không dùng tiền mặt qua tài khoản"
        " của người thụ hưởng",
        "Sở Nội vụ",
        "Sở LĐ-TB&XH; Bưu điện tỉnh; các ngân hàng thương mại trên địa bàn",
        "Quý III/2025",
        D(2025, 9, 30),
        product="≥ 95% đối tượng được chi trả qua tài khoản",
        target="95",
        unit="%",
        lead_agency="40.SNV",
        coordinator_agencies=("40.SLDTBXH", "40.BUUDIEN"),
    ),
    _Task(
        "III.2",
        2,
        "Triển khai khám, chữa bệnh bảo hiểm y tế bằng thẻ căn cước, ứng dụng VNeID tại các cơ sở"
        " khám, chữa bệnh",
        "Sở Y tế",
        "Bảo hiểm xã hội tỉnh; Công an tỉnh",
        D(2025, 9, 30),
        D(2025, 9, 30),
        product="Tối thiểu 90% lượt khám sử dụng thẻ căn cước hoặc VNeID",
        target="90",
        unit="%",
        lead_agency="40.SYT",
        coordinator_agencies=("40.BHXH", "40.CAT"),
    ),
    _Task(
        "III.3",
        3,
        "Triển khai Sổ sức khỏe điện tử trên ứng dụng VNeID cho người dân trên địa bàn tỉnh",
        "Sở Y tế",
        "Công an tỉnh; Viettel Nghệ An; VNPT Nghệ An",
        "Hoàn thành trong năm 2025.",
        D(2025, 12, 31),
        product="Đạt 80% người dân có Sổ sức khỏe điện tử",
        target="80",
        unit="%",
        lead_agency="40.SYT",
        coordinator_agencies=("40.CAT", "40.VIETTEL", "40.VNPT"),
        merged_lead=True,
    ),
    _Group("IV", "NHÓM NHIỆM VỤ PHÁT TRIỂN CÔNG DÂN SỐ", "IV"),
    _Task(
        "IV.1",
        1,
        "Đẩy mạnh thu nhận hồ sơ, cấp và kích hoạt tài khoản định danh điện tử mức độ 2 cho công"
        " dân trên địa bàn tỉnh",
        "Công an tỉnh",
        "UBND các huyện, thành phố, thị xã; Các cơ quan, đơn vị liên quan",
        "Hằng quý",
        None,
        recurring=True,
        product="1.200.000 tài khoản",
        target="1200000",
        unit="tài khoản",
        note="Chỉ tiêu do Bộ Công an giao",
        lead_agency="40.CAT",
    ),
    _Task(
        "IV.2",
        2,
        "Tuyên truyền, hướng dẫn người dân cài đặt, sử dụng các tiện ích trên ứng dụng VNeID",
        "Công an tỉnh",
        "Sở Văn hóa, Thể thao và Du lịch; UBND các huyện, thành phố, thị xã",
        "Thực hiện thường xuyên",
        None,
        recurring=True,
        product="Người dân biết và sử dụng các tiện ích trên ứng dụng VNeID",
        lead_agency="40.CAT",
        coordinator_agencies=("40.SVHTTDL",),
        merged_lead=True,
    ),
)
_RESTARTING_PROBLEMS = (
    ExpectedProblem(COLLECTIVE_LEAD, "II.2", "lead", "Các sở, ban, ngành"),
    ExpectedProblem(ABOLISHED_BODY, "II.2", "coordinators", "Sở TT&TT", "40.STTTT", KHCN),
    ExpectedProblem(ABOLISHED_BODY, "III.1", "coordinators", "Sở LĐ-TB&XH", "40.SLDTBXH", LDTBXH),
)


# ---------------------------------------------------------------------------------------------
# 2. Parts A/B/C over groups I/II over sub-groups "1." over tasks "1.1"; a second sheet without
# the header; districts and Sở TT&TT named after they ended.

KH812 = "Kế hoạch số 812/KH-UBND ngày 15/9/2025"
_REGULAR = "Kinh phí thường xuyên của đơn vị"
_PARTS: tuple[Entry, ...] = (
    _Group("A", "TIẾP TỤC HOÀN THIỆN HẠ TẦNG, DỮ LIỆU", "A"),
    _Group("A.I", "Về dữ liệu", "I"),
    _Group("A.I.1", "Dữ liệu dân cư", "1."),
    _Task(
        "A.I.1.1",
        "1.1",
        "Duy trì, cập nhật, làm sạch dữ liệu dân cư bảo đảm “đúng, đủ, sạch, sống”; điều chỉnh"
        " thông tin địa chỉ theo đơn vị hành chính mới",
        "Công an tỉnh",
        "UBND các xã, phường",
        "Thực hiện thường xuyên",
        None,
        recurring=True,
        product="100% dữ liệu dân cư được cập nhật, làm sạch",
        target="100",
        unit="%",
        budget=_REGULAR,
        lead_agency="40.CAT",
    ),
    _Task(
        "A.I.1.2",
        "1.2",
        "Kết nối, đồng bộ Cơ sở dữ liệu hộ tịch điện tử với Cơ sở dữ liệu quốc gia về dân cư",
        "Sở Tư pháp",
        "Công an tỉnh; Sở Khoa học và Công nghệ",
        "2026 - 2030",
        D(2030, 12, 31),
        product="Dữ liệu hộ tịch được đồng bộ, chia sẻ theo thời gian thực",
        budget="Ngân sách tỉnh",
        lead_agency="40.STP",
        coordinator_agencies=("40.CAT", "40.SKHCN"),
    ),
    _Group("A.I.2", "Dữ liệu chuyên ngành", "2."),
    _Task(
        "A.I.2.1",
        "2.1",
        "Xây dựng, hoàn thiện Cơ sở dữ liệu đất đai của tỉnh, kết nối, chia sẻ với Cơ sở dữ liệu"
        " quốc gia về dân cư",
        "Sở Nông nghiệp và Môi trường",
        "Công an tỉnh; UBND các huyện",
        "2026-2030",
        D(2030, 12, 31),
        product="01 Cơ sở dữ liệu",
        target="1",
        unit="Cơ sở dữ liệu",
        budget="Ngân sách tỉnh",
        lead_agency="40.SNNMT",
        coordinator_agencies=("40.CAT",),
    ),
    _Task(
        "A.I.2.2",
        "2.2",
        "Triển khai học bạ số, số hóa hồ sơ học sinh, kết nối với Cơ sở dữ liệu ngành giáo dục",
        "Sở GD&ĐT",
        "UBND các xã, phường",
        "Năm 2026",
        D(2026, 12, 31),
        product="100% cơ sở giáo dục phổ thông triển khai học bạ số",
        target="100",
        unit="%",
        budget="Ngân sách tỉnh và nguồn xã hội hóa",
        lead_agency="40.SGDDT",
    ),
    _Group("A.II", "Về hạ tầng số", "II"),
    _Task(
        "A.II.1",
        1,
        "Nâng cấp Trung tâm dữ liệu tỉnh bảo đảm an toàn thông tin theo cấp độ, đáp ứng kết nối"
        " với Trung tâm dữ liệu quốc gia",
        "Sở KH&CN",
        "Công an tỉnh; VNPT Nghệ An; Viettel Nghệ An",
        "Đến năm 2030",
        D(2030, 12, 31),
        product="01 Trung tâm dữ liệu",
        target="1",
        unit="Trung tâm dữ liệu",
        budget="Ngân sách tỉnh",
        lead_agency="40.SKHCN",
        coordinator_agencies=("40.CAT", "40.VNPT", "40.VIETTEL"),
    ),
    _Task(
        "A.II.2",
        2,
        "Vận hành, khai thác Trung tâm điều hành thông minh (IOC) tỉnh; tích hợp các chỉ tiêu Đề"
        " án 06 phục vụ chỉ đạo, điều hành",
        "Sở Thông tin và Truyền thông",
        "Công an tỉnh; Văn phòng Ủy ban nhân dân tỉnh",
        "Hằng năm",
        None,
        recurring=True,
        product="IOC vận hành ổn định, cập nhật số liệu Đề án 06 theo thời gian thực",
        budget="Ngân sách tỉnh",
        lead_agency="40.STTTT",
        coordinator_agencies=("40.CAT", "40.VP"),
    ),
    _Group("B", "ỨNG DỤNG DỮ LIỆU DÂN CƯ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP", "B"),
    _Group("B.I", "Giải quyết thủ tục hành chính, dịch vụ công trực tuyến", "I"),
    _Group("B.I.1", "Thủ tục hành chính liên thông", "1."),
    _Task(
        "B.I.1.1",
        "1.1",
        "Triển khai 02 nhóm thủ tục hành chính liên thông: đăng ký khai sinh - đăng ký thường trú"
        " - cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi; đăng ký khai tử - xóa đăng ký thường"
        " trú - trợ cấp mai táng phí",
        "Văn phòng UBND tỉnh",
        "Sở Tư pháp; Bảo hiểm xã hội tỉnh; Công an tỉnh",
        2026,
        D(2026, 12, 31),
        product="Tối thiểu 90% hồ sơ liên thông được giải quyết trực tuyến",
        target="90",
        unit="%",
        budget=_REGULAR,
        lead_agency="40.VP",
        coordinator_agencies=("40.STP", "40.BHXH", "40.CAT"),
    ),
    _Task(
        "B.I.1.2",
        "1.2",
        "Tái sử dụng dữ liệu, kết quả giải quyết thủ tục hành chính đã được số hóa, không yêu cầu"
        " người dân cung cấp lại giấy tờ",
        "Các Sở, ban, ngành.",
        "Văn phòng UBND tỉnh",
        "Hằng năm",
        None,
        recurring=True,
        product="Đạt 80% hồ sơ tái sử dụng dữ liệu số hóa",
        target="80",
        unit="%",
        budget=_REGULAR,
        coordinator_agencies=("40.VP",),
    ),
    _Sheet("PL (tiếp)", header=False),
    _Group("B.I.2", "Thanh toán trực tuyến", "2."),
    _Task(
        "B.I.2.1",
        "2.1",
        "Đẩy mạnh thanh toán trực tuyến phí, lệ phí, nghĩa vụ tài chính trong giải quyết thủ tục"
        " hành chính",
        "Sở Tài chính",
        "Viettel Nghệ An; VNPT Nghệ An; Bưu điện tỉnh",
        "Năm 2027",
        D(2027, 12, 31),
        product="≥ 95% giao dịch thanh toán trực tuyến thành công",
        target="95",
        unit="%",
        budget="Nguồn xã hội hóa",
        lead_agency="40.STC",
        coordinator_agencies=("40.VIETTEL", "40.VNPT", "40.BUUDIEN"),
    ),
    _Group("B.II", "Phát triển kinh tế - xã hội, công dân số", "II"),
    _Task(
        "B.II.1",
        1,
        "Chi trả chế độ an sinh xã hội không dùng tiền mặt cho người thụ hưởng trên địa bàn tỉnh",
        "Sở Nội vụ",
        "Bưu điện tỉnh; UBND các xã, phường",
        "2026-2030",
        D(2030, 12, 31),
        product="100% đối tượng đủ điều kiện được chi trả không dùng tiền mặt",
        target="100",
        unit="%",
        budget="Ngân sách tỉnh",
        lead_agency="40.SNV",
        coordinator_agencies=("40.BUUDIEN",),
    ),
    _Task(
        "B.II.2",
        2,
        "Duy trì, nhân rộng mô hình điểm “Khối, xóm điện tử” đã triển khai trên địa bàn huyện Anh"
        " Sơn giai đoạn 2022 - 2025",
        "UBND huyện Anh Sơn",
        "Công an tỉnh; Sở KH&CN",
        "Theo lộ trình",
        None,
        recurring=True,
        product="Mô hình được duy trì, nhân rộng",
        budget=_REGULAR,
        lead_agency="40.H424",
        coordinator_agencies=("40.CAT", "40.SKHCN"),
    ),
    _Task(
        "B.II.3",
        3,
        "Thí điểm chuyển đổi số toàn diện cấp xã gắn với ứng dụng dữ liệu dân cư tại xã Anh Sơn",
        "UBND xã Anh Sơn",
        "Công an tỉnh; Sở Khoa học và Công nghệ",
        "Năm 2026",
        D(2026, 12, 31),
        product="01 mô hình điểm",
        target="1",
        unit="mô hình điểm",
        budget="Ngân sách tỉnh và nguồn xã hội hóa",
        lead_agency="40.17329",
        coordinator_agencies=("40.CAT", "40.SKHCN"),
    ),
    _Group("C", "KIỂM TRA, ĐÔN ĐỐC, SƠ KẾT, TỔNG KẾT", "C"),
    _Task(
        "C.1",
        1,
        "Kiểm tra, đôn đốc việc thực hiện Kế hoạch tại các sở, ban, ngành, địa phương",
        "Tổ công tác triển khai Đề án 06 tỉnh",
        "Công an tỉnh; Văn phòng UBND tỉnh",
        "Thường xuyên",
        None,
        recurring=True,
        product="Thông báo kết quả kiểm tra",
        budget=_REGULAR,
        lead_agency="40.TCT",
        coordinator_agencies=("40.CAT", "40.VP"),
    ),
    _Task(
        "C.2",
        2,
        "Sơ kết, đánh giá kết quả thực hiện Kế hoạch; báo cáo Ban Chỉ đạo của Chính phủ",
        "Công an tỉnh",
        "Các sở, ban, ngành; UBND các xã, phường",
        "Hằng năm",
        None,
        recurring=True,
        product="01 Báo cáo",
        target="1",
        unit="Báo cáo",
        budget=_REGULAR,
        lead_agency="40.CAT",
    ),
)
_PARTS_PROBLEMS = (
    ExpectedProblem(ABOLISHED_BODY, "A.I.2.1", "coordinators", "UBND các huyện", None, COMMUNES),
    ExpectedProblem(
        ABOLISHED_BODY, "A.II.2", "lead", "Sở Thông tin và Truyền thông", "40.STTTT", KHCN
    ),
    ExpectedProblem(COLLECTIVE_LEAD, "B.I.1.2", "lead", "Các Sở, ban, ngành."),
    ExpectedProblem(ABOLISHED_BODY, "B.II.2", "lead", "UBND huyện Anh Sơn", "40.H424", ANH_SON),
)


# ---------------------------------------------------------------------------------------------
# 3. A prose-style plan: groups "1. Về dữ liệu dân cư" in the content column with an empty STT;
# tasks numbered straight through; blank rows; bullets; empty Sheet2 and Sheet3.

KH640 = "Kế hoạch số 640/KH-UBND ngày 05/8/2025"
_PROSE: tuple[Entry, ...] = (
    _Group("1", "Về dữ liệu dân cư", None, "1. Về dữ liệu dân cư"),
    _Task(
        "1.1",
        1,
        "Rà soát, cập nhật thông tin nơi thường trú, nơi tạm trú của công dân trên Cơ sở dữ liệu"
        " quốc gia về dân cư theo đơn vị hành chính cấp xã mới",
        "Công an tỉnh",
        "UBND các xã, phường",
        "Quý III/2025",
        D(2025, 9, 30),
        note="Phối hợp Tổ công tác Đề án 06 cấp xã",
        lead_agency="40.CAT",
    ),
    _Task(
        "1.2",
        2,
        "Làm sạch dữ liệu hộ tịch, bảo đảm thống nhất với dữ liệu dân cư:\n- Dữ liệu khai sinh;\n"
        "- Dữ liệu kết hôn;\n- Dữ liệu khai tử.",
        "Sở Tư pháp",
        "Công an tỉnh; UBND các xã, phường",
        D(2025, 10, 31),
        D(2025, 10, 31),
        lead_agency="40.STP",
        coordinator_agencies=("40.CAT",),
    ),
    _Task(
        "1.3",
        3,
        "Cập nhật, làm sạch dữ liệu người có công, đối tượng bảo trợ xã hội và người hưởng trợ cấp"
        " thất nghiệp",
        "Sở Nội vụ",
        "Công an tỉnh; UBND các huyện",
        "Trước ngày 30/9/2025",
        D(2025, 9, 30),
        lead_agency="40.SNV",
        coordinator_agencies=("40.CAT",),
    ),
    _Blank(),
    _Group(
        "2",
        "Về thủ tục hành chính và dịch vụ công trực tuyến",
        None,
        "2. Về thủ tục hành chính và dịch vụ công trực tuyến",
    ),
    _Task(
        "2.4",
        4,
        "Chuẩn hóa, công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của cấp xã sau"
        " sắp xếp đơn vị hành chính",
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Các sở, ban, ngành; UBND các xã, phường",
        "Trước ngày 31/10/2025",
        D(2025, 10, 31),
        lead_agency="40.VP",
    ),
    _Task(
        "2.5",
        5,
        "Hướng dẫn, hỗ trợ người dân tại Bộ phận Một cửa cấp xã:\n- Nộp hồ sơ trực tuyến toàn"
        " trình;\n- Thanh toán phí, lệ phí trực tuyến;\n- Nhận kết quả điện tử trên ứng dụng"
        " VNeID.",
        "UBND các xã, phường",
        "Văn phòng UBND tỉnh; Công an tỉnh",
        "Thực hiện thường xuyên",
        None,
        recurring=True,
        coordinator_agencies=("40.VP", "40.CAT"),
    ),
    _Blank(),
    _Group(
        "3",
        "Về phát triển kinh tế - xã hội và công dân số",
        None,
        "3. Về phát triển kinh tế - xã hội và công dân số",
    ),
    _Task(
        "3.6",
        6,
        "Triển khai khám, chữa bệnh bằng thẻ căn cước, ứng dụng VNeID tại trạm y tế các xã, phường",
        "Sở Y tế",
        "Bảo hiểm xã hội tỉnh; UBND các xã, phường",
        "Quý IV/2025",
        D(2025, 12, 31),
        lead_agency="40.SYT",
        coordinator_agencies=("40.BHXH",),
    ),
    _Task(
        "3.7",
        7,
        "Tổ chức các đợt cao điểm cấp căn cước, kích hoạt tài khoản định danh điện tử mức độ 2 tại"
        " các xã vùng cao, biên giới",
        "Công an tỉnh",
        "UBND xã Mường Xén; UBND xã Tương Dương; UBND xã Quế Phong",
        "Tháng 8 - 12/2025",
        D(2025, 12, 31),
        lead_agency="40.CAT",
        coordinator_agencies=("40.16813", "40.16876", "40.16738"),
    ),
    _Task(
        "3.8",
        8,
        "Chi trả lương hưu, trợ cấp bảo hiểm xã hội qua tài khoản cá nhân cho người hưởng tại khu"
        " vực đô thị",
        "BHXH tỉnh",
        "Bưu điện tỉnh; Sở Nội vụ",
        "Năm 2025",
        D(2025, 12, 31),
        lead_agency="40.BHXH",
        coordinator_agencies=("40.BUUDIEN", "40.SNV"),
    ),
)
_PROSE_PROBLEMS = (
    ExpectedProblem(ABOLISHED_BODY, "1.3", "coordinators", "UBND các huyện", None, COMMUNES),
    ExpectedProblem(COLLECTIVE_LEAD, "2.5", "lead", "UBND các xã, phường"),
)


# ---------------------------------------------------------------------------------------------
# 4. A KPI assignment annex: "Chỉ tiêu" column, targets inside the text, no deadline column.

KH560 = "Kế hoạch số 560/KH-UBND ngày 18/7/2025"
_YEAR_END = D(2025, 12, 31)
_KPI: tuple[Entry, ...] = (
    _Group("I", "CHỈ TIÊU VỀ THỦ TỤC HÀNH CHÍNH, DỊCH VỤ CÔNG TRỰC TUYẾN", "I"),
    _Task(
        "I.1",
        1,
        "Tỷ lệ hồ sơ trực tuyến toàn trình đạt tối thiểu 80% trên tổng số hồ sơ thủ tục hành chính"
        " có cung cấp dịch vụ công trực tuyến toàn trình",
        "Các sở, ban, ngành",
        "Văn phòng UBND tỉnh",
        None,
        _YEAR_END,
        target="80",
        unit="%",
        coordinator_agencies=("40.VP",),
    ),
    _Task(
        "I.2",
        2,
        "Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia đạt tối thiểu 45% trên tổng"
        " số giao dịch thanh toán của dịch vụ công",
        "Văn phòng UBND tỉnh",
        "Sở Tài chính; Các cơ quan, đơn vị liên quan",
        None,
        _YEAR_END,
        target="45",
        unit="%",
        lead_agency="40.VP",
        coordinator_agencies=("40.STC",),
    ),
    _Task(
        "I.3",
        3,
        "100% hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa, ký số theo quy định",
        "UBND các xã, phường, đặc khu",
        "Văn phòng UBND tỉnh; Công an tỉnh",
        None,
        _YEAR_END,
        target="100",
        unit="%",
        coordinator_agencies=("40.VP", "40.CAT"),
    ),
    _Task(
        "I.4",
        4,
        "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn đạt từ 95% trở lên",
        "Văn phòng UBND tỉnh",
        "Các sở, ban, ngành; UBND các xã, phường",
        None,
        _YEAR_END,
        target="95",
        unit="%",
        lead_agency="40.VP",
    ),
    _Group("II", "CHỈ TIÊU VỀ CÔNG DÂN SỐ, DỮ LIỆU DÂN CƯ VÀ AN SINH XÃ HỘI", "II"),
    _Task(
        "II.1",
        1,
        "Kích hoạt 2.100.000 tài khoản định danh điện tử mức độ 2 cho công dân trên địa bàn tỉnh",
        "Công an tỉnh",
        "UBND các xã, phường",
        None,
        _YEAR_END,
        target="2100000",
        unit="tài khoản",
        note="Chỉ tiêu Bộ Công an giao",
        lead_agency="40.CAT",
    ),
    _Task(
        "II.2",
        2,
        "Tỷ lệ công dân từ đủ 14 tuổi trở lên trên địa bàn phường được kích hoạt tài khoản định"
        " danh điện tử mức độ 2 đạt 90%",
        "UBND phường Thành Vinh",
        "Công an tỉnh",
        None,
        _YEAR_END,
        target="90",
        unit="%",
        lead_agency="40.16681",
        coordinator_agencies=("40.CAT",),
    ),
    _Task(
        "II.3",
        3,
        "Tỷ lệ công dân từ đủ 14 tuổi trở lên trên địa bàn xã được kích hoạt tài khoản định danh"
        " điện tử mức độ 2 đạt 85%",
        "UBND xã Anh Sơn",
        "Công an tỉnh",
        None,
        _YEAR_END,
        target="85",
        unit="%",
        lead_agency="40.17329",
        coordinator_agencies=("40.CAT",),
    ),
    _Task(
        "II.4",
        4,
        "Tỷ lệ cơ sở khám, chữa bệnh bảo hiểm y tế sử dụng thẻ căn cước, ứng dụng VNeID thay thẻ"
        " bảo hiểm y tế giấy đạt 100%",
        "Sở Y tế",
        "Bảo hiểm xã hội tỉnh",
        None,
        _YEAR_END,
        target="100",
        unit="%",
        lead_agency="40.SYT",
        coordinator_agencies=("40.BHXH",),
    ),
    _Task(
        "II.5",
        5,
        "Tỷ lệ người hưởng chính sách an sinh xã hội tại khu vực đô thị được chi trả không dùng"
        " tiền mặt đạt tối thiểu 90%",
        "Sở Nội vụ",
        "Bưu điện tỉnh; Bảo hiểm xã hội tỉnh",
        None,
        _YEAR_END,
        target="90",
        unit="%",
        lead_agency="40.SNV",
        coordinator_agencies=("40.BUUDIEN", "40.BHXH"),
    ),
)
_KPI_PROBLEMS = (
    ExpectedProblem(DEADLINE_FROM_TITLE, text="năm 2025"),
    ExpectedProblem(COLLECTIVE_LEAD, "I.1", "lead", "Các sở, ban, ngành"),
    ExpectedProblem(COLLECTIVE_LEAD, "I.3", "lead", "UBND các xã, phường, đặc khu"),
)


# ---------------------------------------------------------------------------------------------
# 5. A cover sheet, a hidden column, a hidden row, the table going on in a second sheet with the
# header repeated, a totals row.

KH210 = "Kế hoạch số 210/KH-UBND ngày 28/3/2025"
_HIDDEN_TITLE = (
    "Xây dựng Kho dữ liệu dùng chung cấp huyện (nội dung đã lồng ghép vào nhiệm vụ số 1)"
)
_HIDDEN: tuple[Entry, ...] = (
    _Group("I", "Nhóm nhiệm vụ về hạ tầng, kết nối, chia sẻ dữ liệu", "I."),
    _Task(
        "I.1",
        1,
        "Kết nối, chia sẻ dữ liệu giữa Hệ thống thông tin giải quyết thủ tục hành chính tỉnh với"
        " Cơ sở dữ liệu quốc gia về dân cư qua Nền tảng tích hợp, chia sẻ dữ liệu của tỉnh (LGSP)",
        "Sở Khoa học và Công nghệ",
        "Công an tỉnh; VNPT Nghệ An",
        "Quý I-II/2025",
        D(2025, 6, 30),
        product="Hệ thống được kết nối, vận hành ổn định",
        note="Điều chỉnh thời hạn",
        lead_agency="40.SKHCN",
        coordinator_agencies=("40.CAT", "40.VNPT"),
        original="Quý I/2025",
    ),
    _Task(
        "I.2",
        2,
        "Rà soát, nâng cấp đường truyền, thiết bị đọc thẻ căn cước tại Bộ phận Một cửa các cấp",
        "Sở Khoa học và Công nghệ",
        "Văn phòng UBND tỉnh; UBND các huyện, thành phố, thị xã",
        "Tháng 6 - 9/2025",
        D(2025, 9, 30),
        product="100% Bộ phận Một cửa được trang bị thiết bị đọc thẻ căn cước",
        target="100",
        unit="%",
        lead_agency="40.SKHCN",
        coordinator_agencies=("40.VP",),
        original="Tháng 6/2025",
        merged_lead=True,
    ),
    _Task(
        "I.3",
        3,
        _HIDDEN_TITLE,
        "Sở Khoa học và Công nghệ",
        "UBND các huyện, thành phố, thị xã",
        "Quý II/2025",
        D(2025, 6, 30),
        product="01 Kho dữ liệu",
        original="Quý II/2025",
        hidden=True,
    ),
    _Task(
        "I.4",
        4,
        "Bảo đảm an ninh, an toàn thông tin các hệ thống kết nối với Cơ sở dữ liệu quốc gia về dân"
        " cư theo cấp độ",
        "Công an tỉnh",
        "Sở Khoa học và Công nghệ",
        "Thực hiện thường xuyên",
        None,
        recurring=True,
        product="Không để xảy ra sự cố mất an toàn thông tin",
        lead_agency="40.CAT",
        coordinator_agencies=("40.SKHCN",),
        original="Thường xuyên",
    ),
    _Group("II", "Nhóm nhiệm vụ về giải quyết thủ tục hành chính, dịch vụ công trực tuyến", "II."),
    _Task(
        "II.1",
        1,
        "Tiếp nhận, giải quyết hồ sơ trực tuyến toàn trình đối với các dịch vụ công thiết yếu theo"
        " Đề án 06",
        "Các sở, ban, ngành; UBND các huyện, thành phố, thị xã",
        "Văn phòng UBND tỉnh",
        "Năm 2025 - 2026",
        D(2026, 12, 31),
        product="Đạt 80%",
        target="80",
        unit="%",
        coordinator_agencies=("40.VP",),
        original="Năm 2025",
    ),
    _Task(
        "II.2",
        2,
        "Cập nhật, công khai thủ tục hành chính trên Cơ sở dữ liệu quốc gia về thủ tục hành chính"
        " khi có quyết định công bố",
        "Văn phòng UBND tỉnh",
        "Các sở, ban, ngành",
        "Khi có phát sinh",
        None,
        recurring=True,
        product="Thủ tục hành chính được công khai đầy đủ, kịp thời",
        lead_agency="40.VP",
    ),
    _Task(
        "II.3",
        3,
        "Tổng hợp, báo cáo kết quả thực hiện các chỉ tiêu dịch vụ công trực tuyến gửi Công an tỉnh"
        " (cơ quan thường trực Tổ công tác Đề án 06 tỉnh)",
        "Văn phòng UBND tỉnh",
        "Các cơ quan, đơn vị liên quan",
        "Hằng quý",
        None,
        recurring=True,
        product="Báo cáo định kỳ",
        lead_agency="40.VP",
        original="Hằng tháng",
        merged_lead=True,
    ),
    _Sheet("Phụ lục (tiếp)", header=True, heading="DANH MỤC NHIỆM VỤ (tiếp theo)"),
    _Task(
        "II.4",
        4,
        "Triển khai thanh toán trực tuyến phí, lệ phí giải quyết thủ tục hành chính trên Cổng Dịch"
        " vụ công quốc gia",
        "Sở Tài chính",
        "Bưu điện tỉnh; Viettel Nghệ An",
        "Trước ngày 15 tháng 12 năm 2025",
        D(2025, 12, 15),
        product="Tối thiểu 45% hồ sơ được thanh toán trực tuyến",
        target="45",
        unit="%",
        lead_agency="40.STC",
        coordinator_agencies=("40.BUUDIEN", "40.VIETTEL"),
        original="Quý II/2025",
    ),
    _Group("III", "Nhóm nhiệm vụ về phát triển công dân số", "III."),
    _Task(
        "III.1",
        1,
        "Tuyên truyền, phổ biến các tiện ích của ứng dụng VNeID:\n- Trên báo chí, phát thanh,"
        " truyền hình của tỉnh;\n- Trên hệ thống truyền thanh cơ sở;\n- Qua mạng xã hội, nhóm Zalo"
        " của khối, xóm.",
        "Sở Văn hóa, Thể thao và Du lịch",
        "- Công an tỉnh;\n- UBND các huyện, thành phố, thị xã.",
        "Hằng năm",
        None,
        recurring=True,
        product="Người dân được tiếp cận thông tin về các tiện ích của VNeID",
        lead_agency="40.SVHTTDL",
        coordinator_agencies=("40.CAT",),
        original="Quý II/2025",
    ),
    _Task(
        "III.2",
        2,
        "Hướng dẫn học sinh từ đủ 14 tuổi trở lên đăng ký, kích hoạt tài khoản định danh điện tử"
        " mức độ 2",
        "Sở Giáo dục và Đào tạo",
        "Công an tỉnh",
        "Trước ngày 30/9/2025",
        D(2025, 9, 30),
        product="100% học sinh từ đủ 14 tuổi có tài khoản định danh điện tử mức độ 2",
        target="100",
        unit="%",
        lead_agency="40.SGDDT",
        coordinator_agencies=("40.CAT",),
        original="Tháng 5/2025",
    ),
    _Task(
        "III.3",
        3,
        "Nhân rộng mô hình “Khối, xóm số” tại các phường trên địa bàn thành phố Vinh",
        "UBND thành phố Vinh",
        "Công an tỉnh; Sở KH&CN",
        D(2025, 6, 30),
        D(2025, 6, 30),
        product="01 mô hình",
        target="1",
        unit="mô hình",
        lead_agency="40.H412",
        coordinator_agencies=("40.CAT", "40.SKHCN"),
        original="Quý I/2025",
    ),
    _Blank(),
    _Total("Tổng cộng: 10 nhiệm vụ"),
)
_HIDDEN_PROBLEMS = (
    ExpectedProblem(HIDDEN_COLUMN, text="Thời hạn (dự kiến ban đầu)"),
    ExpectedProblem(HIDDEN_ROW, text=_HIDDEN_TITLE),
    ExpectedProblem(
        COLLECTIVE_LEAD, "II.1", "lead", "Các sở, ban, ngành; UBND các huyện, thành phố, thị xã"
    ),
)


# ---------------------------------------------------------------------------------------------
# 6. A Word plan: header paragraphs, prose, a signature table, then the annex as a table with
# group rows merged across and lead cells merged down.

KH35 = "Kế hoạch số 35/KH-UBND ngày 20/01/2025"
_WORD: tuple[Entry, ...] = (
    _Group(
        "I", "NHÓM NHIỆM VỤ VỀ HOÀN THIỆN THỂ CHẾ", "I", "I. NHÓM NHIỆM VỤ VỀ HOÀN THIỆN THỂ CHẾ"
    ),
    _Task(
        "I.1",
        1,
        "Xây dựng Quy chế phối hợp giữa Công an tỉnh với các sở, ban, ngành trong kết nối, chia sẻ,"
        " khai thác dữ liệu dân cư",
        "Công an tỉnh",
        "Sở Tư pháp;\nSở Thông tin và Truyền thông",
        "Quý I/2025",
        D(2025, 3, 31),
        product="01 Quy chế",
        target="1",
        unit="Quy chế",
        lead_agency="40.CAT",
        coordinator_agencies=("40.STP", "40.STTTT"),
    ),
    _Task(
        "I.2",
        2,
        "Rà soát, đề xuất sửa đổi, bổ sung văn bản quy phạm pháp luật của tỉnh liên quan đến khai"
        " thác, sử dụng dữ liệu dân cư",
        "Công an tỉnh",
        "Sở Tư pháp",
        "Quý II/2025",
        D(2025, 6, 30),
        product="01 Báo cáo",
        target="1",
        unit="Báo cáo",
        lead_agency="40.CAT",
        coordinator_agencies=("40.STP",),
        merged_lead=True,
    ),
    _Task(
        "I.3",
        3,
        "Kiểm tra việc thực hiện Đề án 06 tại các sở, ban, ngành, địa phương",
        "Công an tỉnh",
        "Văn phòng UBND tỉnh; UBND các huyện, thành phố, thị xã",
        "Tháng 9/2025",
        D(2025, 9, 30),
        product="Thông báo kết quả kiểm tra",
        lead_agency="40.CAT",
        coordinator_agencies=("40.VP",),
        merged_lead=True,
    ),
    _Group(
        "II",
        "NHÓM NHIỆM VỤ VỀ DỊCH VỤ CÔNG TRỰC TUYẾN",
        "II",
        "II. NHÓM NHIỆM VỤ VỀ DỊCH VỤ CÔNG TRỰC TUYẾN",
    ),
    _Task(
        "II.1",
        1,
        "Tích hợp, cung cấp dịch vụ công trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia đối"
        " với thủ tục hành chính đủ điều kiện",
        "Văn phòng UBND tỉnh",
        "Sở Thông tin và Truyền thông; Các sở, ban, ngành",
        "Quý II/2025",
        D(2025, 6, 30),
        product="Tối thiểu 90% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình",
        target="90",
        unit="%",
        lead_agency="40.VP",
        coordinator_agencies=("40.STTTT",),
    ),
    _Task(
        "II.2",
        2,
        "Triển khai đăng ký doanh nghiệp sử dụng tài khoản định danh điện tử của người đại diện"
        " theo pháp luật",
        "Sở Kế hoạch và Đầu tư",
        "Công an tỉnh; Cục Thuế tỉnh",
        "Năm 2025",
        D(2025, 12, 31),
        product="100% hồ sơ đăng ký doanh nghiệp trực tuyến được xác thực qua VNeID",
        target="100",
        unit="%",
        lead_agency="40.SKHDT",
        coordinator_agencies=("40.CAT", "40.CUCTHUE"),
    ),
    _Group(
        "III",
        "NHÓM NHIỆM VỤ PHỤC VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI, CÔNG DÂN SỐ",
        "III",
        "III. NHÓM NHIỆM VỤ PHỤC VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI, CÔNG DÂN SỐ",
    ),
    _Task(
        "III.1",
        1,
        "Chi trả trợ cấp xã hội hằng tháng không dùng tiền mặt cho đối tượng bảo trợ xã hội",
        "Sở Lao động - Thương binh và Xã hội",
        "Bưu điện tỉnh; Ngân hàng Nhà nước chi nhánh tỉnh",
        "Quý II/2025",
        D(2025, 6, 30),
        product="Đạt 90% đối tượng được chi trả không dùng tiền mặt",
        target="90",
        unit="%",
        lead_agency="40.SLDTBXH",
        coordinator_agencies=("40.BUUDIEN", "40.NHNN"),
    ),
    _Task(
        "III.2",
        2,
        "Cập nhật dữ liệu người có công, đối tượng bảo trợ xã hội vào Cơ sở dữ liệu quốc gia về dân"
        " cư",
        "Sở Lao động - Thương binh và Xã hội",
        "Công an tỉnh; UBND các huyện, thành phố, thị xã",
        "Trước ngày 30/6/2025",
        D(2025, 6, 30),
        product="100% dữ liệu được cập nhật",
        target="100",
        unit="%",
        lead_agency="40.SLDTBXH",
        coordinator_agencies=("40.CAT",),
        merged_lead=True,
    ),
    _Task(
        "III.3",
        3,
        "Triển khai Sổ sức khỏe điện tử, khám chữa bệnh bằng thẻ căn cước gắn chíp",
        "Sở Y tế",
        "Bảo hiểm xã hội tỉnh; Viettel Nghệ An",
        "Năm 2025",
        D(2025, 12, 31),
        product="Đạt 80%",
        target="80",
        unit="%",
        lead_agency="40.SYT",
        coordinator_agencies=("40.BHXH", "40.VIETTEL"),
    ),
    _Task(
        "III.4",
        4,
        "Tổ chức các đợt cao điểm thu nhận hồ sơ căn cước, kích hoạt tài khoản định danh điện tử"
        " mức độ 2",
        "UBND các huyện, thành phố, thị xã",
        "Công an tỉnh",
        "Hằng quý",
        None,
        recurring=True,
        product="Các đợt cao điểm được tổ chức theo kế hoạch",
        coordinator_agencies=("40.CAT",),
    ),
)
_WORD_PROBLEMS = (
    ExpectedProblem(COLLECTIVE_LEAD, "III.4", "lead", "UBND các huyện, thành phố, thị xã"),
)


# ---------------------------------------------------------------------------------------------
# 7. A CSV export from a tracking program: UTF-16 with BOM, ";" separators, no title rows,
# groups numbered 1, 2 and tasks 1.1, 1.2, dates as dd/mm/yyyy text.

KH290 = "Kế hoạch số 290/KH-UBND ngày 15/4/2025"  # not in the file: the user says which plan
_CSV16: tuple[Entry, ...] = (
    _Group("1", "Nhóm nhiệm vụ về hoàn thiện cơ sở dữ liệu", "1"),
    _Task(
        "1.1",
        "1.1",
        "Số hóa, làm sạch dữ liệu hộ tịch lịch sử, cập nhật vào Cơ sở dữ liệu hộ tịch điện tử",
        "Sở Tư pháp",
        "UBND các huyện, thành phố, thị xã",
        "30/06/2025",
        D(2025, 6, 30),
        product="500.000 hồ sơ được số hóa",
        target="500000",
        unit="hồ sơ",
        budget="Ngân sách tỉnh",
        lead_agency="40.STP",
    ),
    _Task(
        "1.2",
        "1.2",
        "Chuẩn hóa, xác thực thông tin thuê bao di động với Cơ sở dữ liệu quốc gia về dân cư",
        "Viettel Nghệ An",
        "Công an tỉnh; Sở Khoa học và Công nghệ",
        "Quý III/2025",
        D(2025, 9, 30),
        product="100% thuê bao được xác thực",
        target="100",
        unit="%",
        budget="Nguồn xã hội hóa",
        lead_agency="40.VIETTEL",
        coordinator_agencies=("40.CAT", "40.SKHCN"),
    ),
    _Task(
        "1.3",
        "1.3",
        "Ban hành Danh mục cơ sở dữ liệu dùng chung và Danh mục dữ liệu mở của tỉnh",
        "Sở Khoa học và Công nghệ",
        "Sở Tài chính; Văn phòng UBND tỉnh",
        "31/12/2025",
        D(2025, 12, 31),
        product="02 Quyết định",
        target="2",
        unit="Quyết định",
        budget=_REGULAR,
        lead_agency="40.SKHCN",
        coordinator_agencies=("40.STC", "40.VP"),
    ),
    _Task(
        "1.4",
        "1.4",
        "Số hóa hồ sơ địa chính, kết nối Cơ sở dữ liệu đất đai với Cơ sở dữ liệu quốc gia về dân"
        " cư",
        "Sở Nông nghiệp và Môi trường",
        "Sở Khoa học và Công nghệ, Sở Tài chính",
        "Quý IV/2025",
        D(2025, 12, 31),
        product="Đạt 80% hồ sơ địa chính được số hóa",
        target="80",
        unit="%",
        budget="Ngân sách tỉnh",
        lead_agency="40.SNNMT",
        coordinator_agencies=("40.SKHCN", "40.STC"),
    ),
    _Group("2", "Nhóm nhiệm vụ về ứng dụng dữ liệu dân cư", "2"),
    _Task(
        "2.1",
        "2.1",
        'Tích hợp đăng nhập "một lần" (SSO) bằng tài khoản VNeID vào Hệ thống thông tin giải quyết'
        " thủ tục hành chính tỉnh",
        "Sở KH&CN",
        "Công an tỉnh",
        "30/09/2025",
        D(2025, 9, 30),
        product="01 Hệ thống",
        target="1",
        unit="Hệ thống",
        budget=_REGULAR,
        lead_agency="40.SKHCN",
        coordinator_agencies=("40.CAT",),
    ),
    _Task(
        "2.2",
        "2.2",
        "Ứng dụng dữ liệu dân cư trong quản lý lưu trú tại cơ sở kinh doanh dịch vụ du lịch",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Công an tỉnh",
        "Tháng 9/2025",
        D(2025, 9, 30),
        product="Đạt 80% cơ sở lưu trú du lịch",
        target="80",
        unit="%",
        budget="Nguồn xã hội hóa",
        lead_agency="40.SVHTTDL",
        coordinator_agencies=("40.CAT",),
    ),
    _Task(
        "2.3",
        "2.3",
        "Kết nối dữ liệu sức khỏe, kết quả đánh giá thể chất của học sinh với Sổ sức khỏe điện tử"
        " trên ứng dụng VNeID",
        "Sở Giáo dục và Đào tạo",
        "Sở Văn hóa, Thể thao và Du lịch; Sở Y tế",
        "2025 - 2026",
        D(2026, 12, 31),
        product="Tối thiểu 90% trường học",
        target="90",
        unit="%",
        budget="Ngân sách tỉnh và nguồn xã hội hóa",
        lead_agency="40.SGDDT",
        coordinator_agencies=("40.SVHTTDL", "40.SYT"),
    ),
    _Task(
        "2.4",
        "2.4",
        "Chi trả lương hưu, trợ cấp bảo hiểm xã hội không dùng tiền mặt",
        "Bảo hiểm xã hội tỉnh",
        "Bưu điện tỉnh; UBND các huyện, thành phố, thị xã",
        "Hằng năm",
        None,
        recurring=True,
        product="≥ 95%",
        target="95",
        unit="%",
        budget=_REGULAR,
        note="Chuyển tiếp từ năm 2024",
        lead_agency="40.BHXH",
        coordinator_agencies=("40.BUUDIEN",),
    ),
    _Task(
        "2.5",
        "2.5",
        "Khai thác thông tin trên Cơ sở dữ liệu quốc gia về dân cư để giải quyết thủ tục hành"
        " chính, không yêu cầu người dân xuất trình giấy tờ đã được tích hợp",
        "Các sở, ban, ngành",
        "Công an tỉnh",
        "Thực hiện thường xuyên",
        None,
        recurring=True,
        product="Người dân không phải xuất trình giấy tờ đã có trong cơ sở dữ liệu",
        budget=_REGULAR,
        coordinator_agencies=("40.CAT",),
    ),
)
_CSV16_PROBLEMS = (ExpectedProblem(COLLECTIVE_LEAD, "2.5", "lead", "Các sở, ban, ngành"),)


# ---------------------------------------------------------------------------------------------
# 8. A sheet saved as "CSV UTF-8 (Comma delimited)": BOM, title rows kept, the two-row header
# flattened, line breaks inside quoted cells.

KH905 = "Kế hoạch số 905/KH-UBND ngày 06/10/2025"
_CSV8: tuple[Entry, ...] = (
    _Group("I", "Kiện toàn tổ chức, hạ tầng triển khai Đề án 06 cấp xã", "I"),
    _Task(
        "I.1",
        1,
        "Kiện toàn Tổ công tác triển khai Đề án 06 cấp xã sau sắp xếp đơn vị hành chính",
        "UBND các xã, phường",
        "Công an tỉnh",
        "Tháng 10/2025",
        D(2025, 10, 31),
        product="130 Quyết định",
        target="130",
        unit="Quyết định",
        coordinator_agencies=("40.CAT",),
    ),
    _Task(
        "I.2",
        2,
        "Bố trí thiết bị đọc thẻ căn cước, máy tính kết nối mạng tại Bộ phận Một cửa phường",
        "UBND phường Trường Vinh",
        "Sở Khoa học và Công nghệ; Công an tỉnh",
        "Quý IV/2025",
        D(2025, 12, 31),
        product="02 thiết bị",
        target="2",
        unit="thiết bị",
        lead_agency="40.16690",
        coordinator_agencies=("40.SKHCN", "40.CAT"),
    ),
    _Task(
        "I.3",
        3,
        "Triển khai mô hình “Chợ 4.0” thanh toán không dùng tiền mặt tại chợ trung tâm xã",
        "UBND xã Diễn Châu",
        "Sở Công Thương; Viettel Nghệ An; VNPT Nghệ An",
        "Tháng 11/2025",
        D(2025, 11, 30),
        product="01 mô hình",
        target="1",
        unit="mô hình",
        lead_agency="40.17464",
        coordinator_agencies=("40.SCT", "40.VIETTEL", "40.VNPT"),
    ),
    _Group("II", "Ứng dụng dữ liệu dân cư trong giải quyết thủ tục hành chính cấp xã", "II"),
    _Task(
        "II.1",
        1,
        "Giải quyết thủ tục hành chính trên cơ sở khai thác dữ liệu dân cư:\n- Không yêu cầu nộp"
        " bản sao giấy tờ đã có trong Cơ sở dữ liệu quốc gia về dân cư;\n- Sử dụng thông tin trên"
        " ứng dụng VNeID thay cho giấy tờ.",
        "UBND các xã, phường, đặc khu",
        "Văn phòng UBND tỉnh; Công an tỉnh",
        "Thực hiện thường xuyên",
        None,
        recurring=True,
        product="100% hồ sơ đủ điều kiện được khai thác dữ liệu dân cư",
        target="100",
        unit="%",
        coordinator_agencies=("40.VP", "40.CAT"),
    ),
    _Task(
        "II.2",
        2,
        "Rà soát, cập nhật thông tin cư trú của công dân sau sắp xếp đơn vị hành chính tại xã"
        " Quỳnh Lưu",
        "UBND xã Quỳnh Lưu",
        "Công an tỉnh",
        "Quý IV/2025",
        D(2025, 12, 31),
        product="100% hộ gia đình được rà soát",
        target="100",
        unit="%",
        lead_agency="40.17179",
        coordinator_agencies=("40.CAT",),
    ),
    _Task(
        "II.3",
        3,
        "Tổng hợp, báo cáo kết quả triển khai Đề án 06 cấp xã gửi Công an tỉnh",
        "UBND các xã, phường",
        "Công an tỉnh",
        "Hằng tháng",
        None,
        recurring=True,
        product="Báo cáo định kỳ",
        coordinator_agencies=("40.CAT",),
    ),
)
_CSV8_PROBLEMS = (
    ExpectedProblem(COLLECTIVE_LEAD, "I.1", "lead", "UBND các xã, phường"),
    ExpectedProblem(COLLECTIVE_LEAD, "II.1", "lead", "UBND các xã, phường, đặc khu"),
    ExpectedProblem(COLLECTIVE_LEAD, "II.3", "lead", "UBND các xã, phường"),
)


# ---------------------------------------------------------------------------------------------
# 9. A plan for another decision that also carries the number 06/QĐ-TTg (not Đề án 06).

KH455 = "Kế hoạch số 455/KH-UBND ngày 22/7/2025"
OTHER_DECISION_TEXT = "Quyết định số 06/QĐ-TTg ngày 05/01/2024"
_OTHER: tuple[Entry, ...] = (
    _Group("I", "CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI", "I"),
    _Task(
        "I.1",
        1,
        "Tổ chức quán triệt, triển khai Quyết định số 06/QĐ-TTg ngày 05/01/2024 của Thủ tướng"
        " Chính phủ đến các sở, ban, ngành, địa phương",
        "Văn phòng UBND tỉnh",
        "Các sở, ban, ngành",
        "Quý III/2025",
        D(2025, 9, 30),
        product="01 Hội nghị",
        target="1",
        unit="Hội nghị",
        budget=_REGULAR,
        lead_agency="40.VP",
    ),
    _Task(
        "I.2",
        2,
        "Rà soát, đề xuất sửa đổi, bổ sung cơ chế, chính sách của tỉnh để thực hiện Quyết định",
        "Sở Tư pháp",
        "Sở Tài chính; Sở Nội vụ",
        "Trước ngày 30/11/2025",
        D(2025, 11, 30),
        product="01 Báo cáo",
        target="1",
        unit="Báo cáo",
        budget=_REGULAR,
        lead_agency="40.STP",
        coordinator_agencies=("40.STC", "40.SNV"),
    ),
    _Task(
        "I.3",
        3,
        "Xây dựng kế hoạch chi tiết thực hiện Quyết định trong ngành, lĩnh vực, địa bàn được giao",
        "Các sở, ban, ngành; UBND các xã, phường",
        "Sở Tài chính",
        D(2025, 10, 15),
        D(2025, 10, 15),
        product="Kế hoạch của từng cơ quan, đơn vị",
        budget=_REGULAR,
        coordinator_agencies=("40.STC",),
    ),
    _Group("II", "NHIỆM VỤ, GIẢI PHÁP CỤ THỂ", "II"),
    _Task(
        "II.1",
        1,
        "Bố trí nguồn lực thực hiện các nhiệm vụ theo Quyết định",
        "Sở Tài chính",
        "Các cơ quan, đơn vị liên quan",
        "Hằng năm",
        None,
        recurring=True,
        product="Dự toán ngân sách được phân bổ",
        budget="Ngân sách tỉnh",
        lead_agency="40.STC",
    ),
    _Task(
        "II.2",
        2,
        "Ứng dụng công nghệ số trong theo dõi, đánh giá kết quả thực hiện Quyết định",
        "Sở Khoa học và Công nghệ",
        "Văn phòng UBND tỉnh",
        "Quý I-II/2026",
        D(2026, 6, 30),
        product="01 Phần mềm",
        target="1",
        unit="Phần mềm",
        budget="Ngân sách tỉnh và nguồn xã hội hóa",
        lead_agency="40.SKHCN",
        coordinator_agencies=("40.VP",),
    ),
    _Task(
        "II.3",
        3,
        "Sơ kết, đánh giá tình hình thực hiện; báo cáo Thủ tướng Chính phủ theo quy định",
        "Văn phòng UBND tỉnh",
        "Các sở, ban, ngành; UBND các xã, phường",
        "Trước ngày 15 tháng 12 năm 2025",
        D(2025, 12, 15),
        product="01 Báo cáo",
        target="1",
        unit="Báo cáo",
        budget=_REGULAR,
        lead_agency="40.VP",
    ),
)
_OTHER_PROBLEMS = (
    ExpectedProblem(OTHER_DECISION, text=OTHER_DECISION_TEXT),
    ExpectedProblem(COLLECTIVE_LEAD, "I.3", "lead", "Các sở, ban, ngành; UBND các xã, phường"),
)


# ---------------------------------------------------------------------------------------------
# Workbooks.

FONT = "Times New Roman"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(wrap_text=True, horizontal="center", vertical="center")


@dataclass(frozen=True)
class _Layout:
    """How an annex's table is laid out: a field per column, the header rows and their merges."""

    fields: tuple[str, ...]
    widths: tuple[float, ...]
    header: tuple[tuple[str | None, ...], ...]
    merges: tuple[str, ...] = ()  # ranges counted from the header's first row as row 1
    merge_groups: bool = False  # group names merged across to the last column
    hidden: tuple[str, ...] = ()  # hidden columns, by field


def _excel_date(day: dt.date) -> dt.datetime:
    # Excel dates carry no time zone: a naive midnight is what a spreadsheet holds.
    return dt.datetime.combine(day, dt.time())


class _TableWriter:
    """Writes title rows, a header and the entries into one sheet or more."""

    def __init__(self, workbook: Workbook, layout: _Layout) -> None:
        self.workbook = workbook
        self.layout = layout
        self.sheet: Worksheet | None = None
        self.lead_runs: list[list[int]] = []

    @property
    def width(self) -> int:
        return len(self.layout.fields)

    @property
    def current(self) -> Worksheet:
        assert self.sheet is not None
        return self.sheet

    def new_sheet(self, title: str) -> Worksheet:
        self._close_sheet()
        sheet: Worksheet = self.workbook.create_sheet(title)
        for index, width in enumerate(self.layout.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        for field in self.layout.hidden:
            letter = get_column_letter(self.layout.fields.index(field) + 1)
            sheet.column_dimensions[letter].hidden = True
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        self.sheet = sheet
        return sheet

    def line(self, text: str, *, bold: bool = False, italic: bool = False) -> None:
        """A title line merged across the table."""
        sheet = self.current
        row = self._next_row()
        cell = sheet.cell(row=row, column=1, value=text or None)
        cell.font = Font(name=FONT, size=13, bold=bold, italic=italic)
        cell.alignment = _CENTRE
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=self.width)

    def header(self) -> None:
        sheet = self.current
        first = self._next_row()
        for offset, cells in enumerate(self.layout.header):
            for column, value in enumerate(cells, start=1):
                cell = sheet.cell(row=first + offset, column=column, value=value)
                cell.font = Font(name=FONT, size=12, bold=not str(value or "").startswith("("))
                cell.alignment = _CENTRE
                cell.border = _BOX
            sheet.row_dimensions[first + offset].height = self._height(cells, bold=True)
        for merge in self.layout.merges:
            min_col, min_row, max_col, max_row = range_boundaries(merge)
            assert min_col and min_row and max_col and max_row
            sheet.merge_cells(
                start_row=first + min_row - 1,
                start_column=min_col,
                end_row=first + max_row - 1,
                end_column=max_col,
            )
        last = first + len(self.layout.header) - 1
        sheet.print_title_rows = f"{first}:{last}"
        sheet.freeze_panes = f"A{last + 1}"

    def entries(self, entries: Sequence[Entry]) -> None:
        for entry in entries:
            if isinstance(entry, _Sheet):
                self.new_sheet(entry.title)
                if entry.heading:
                    self.line(entry.heading, bold=True)
                if entry.header:
                    self.header()
            elif isinstance(entry, _Group):
                self._group(entry)
            elif isinstance(entry, _Task):
                self._task(entry)
            elif isinstance(entry, _Blank):
                self._row([None] * self.width)
            else:
                row = self._row([entry.text, *([None] * (self.width - 1))], bold=True)
                self.current.merge_cells(
                    start_row=row, start_column=1, end_row=row, end_column=self.width
                )
        self._close_sheet()

    def _group(self, group: _Group) -> None:
        values: list[Written] = [None] * self.width
        values[self.layout.fields.index("stt")] = group.stt
        values[self.layout.fields.index("title")] = group.text or group.name
        row = self._row(values, bold=True)
        if self.layout.merge_groups:
            start = self.layout.fields.index("title") + 1
            self.current.merge_cells(
                start_row=row, start_column=start, end_row=row, end_column=self.width
            )

    def _task(self, task: _Task) -> None:
        cells: dict[str, Written] = {
            "stt": task.stt,
            "title": task.title,
            "lead": None if task.merged_lead else task.lead,
            "coordinators": task.coordinators,
            "deadline": task.deadline,
            "original": task.original or None,
            "product": task.product or None,
            "budget": task.budget or None,
            "note": task.note or None,
        }
        row = self._row([cells[field] for field in self.layout.fields])
        if "lead" in self.layout.fields:
            if task.merged_lead and self.lead_runs:
                self.lead_runs[-1].append(row)
            else:
                self.lead_runs.append([row])
        if task.hidden:
            self.current.row_dimensions[row].hidden = True

    def _row(self, values: Sequence[Written], *, bold: bool = False) -> int:
        sheet = self.current
        row = self._next_row()
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column)
            if isinstance(value, dt.date):
                cell.value = _excel_date(value)
                cell.number_format = "dd/mm/yyyy"
            else:
                cell.value = value
            cell.font = Font(name=FONT, size=12, bold=bold)
            cell.alignment = _CENTRE if self.layout.fields[column - 1] == "stt" else _WRAP
            cell.border = _BOX
        across = bold and self.layout.merge_groups
        sheet.row_dimensions[row].height = 18.0 if across else self._height(values, bold=bold)
        return row

    def _height(self, values: Sequence[Written], *, bold: bool = False) -> float:
        """Rows tall enough for their wrapped text, as the person who made the annex set them
        (a spreadsheet written by a program carries no heights, and LibreOffice does not guess)."""
        lines = 1
        columns = zip(values, self.layout.widths, self.layout.fields, strict=True)
        for value, width, field in columns:
            if field in self.layout.hidden:
                continue
            per_line = max(int(width * (0.85 if bold else 1.1)), 1)
            text = _shown(value) if not isinstance(value, str) else value
            count = sum(-(-len(part) // per_line) or 1 for part in text.split("\n"))
            lines = max(lines, count)
        return 16.0 * lines + 2

    def _next_row(self) -> int:
        sheet = self.current
        return 1 if sheet.max_row == 1 and sheet["A1"].value is None else sheet.max_row + 1

    def _close_sheet(self) -> None:
        if self.sheet is not None and "lead" in self.layout.fields:
            column = self.layout.fields.index("lead") + 1
            for run in self.lead_runs:
                if len(run) > 1:
                    self.sheet.merge_cells(
                        start_row=run[0], start_column=column, end_row=run[-1], end_column=column
                    )
        self.lead_runs = []


def _workbook() -> Workbook:
    workbook = Workbook()
    for sheet in list(workbook.worksheets):
        workbook.remove(sheet)
    return workbook


def _xlsx_bytes(workbook: Workbook, *, title: str, issued: dt.date) -> bytes:
    """Save with the plan's date as the file's own dates, so the bytes never change."""
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = "Văn phòng UBND tỉnh Nghệ An"
    properties.title = title
    properties.created = properties.modified = _excel_date(issued)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return _fixed_zip(out.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed member dates (zip writers stamp the current time)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 0
            member.external_attr = 0
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def _annex_titles(writer: _TableWriter, *lines: tuple[str, str]) -> None:
    for text, style in lines:
        writer.line(text, bold=style == "bold", italic=style == "italic")


def restarting_numbers_xlsx() -> bytes:
    """Phụ lục I of KH 150: groups I–IV, tasks 1, 2, 3 again in each; a two-row header."""
    layout = _Layout(
        fields=("stt", "title", "lead", "coordinators", "deadline", "product", "note"),
        widths=(6, 52, 22, 30, 16, 30, 18),
        header=(
            (
                "STT",
                "Nội dung nhiệm vụ",
                "Đơn vị thực hiện",
                None,
                "Thời gian hoàn thành",
                "Sản phẩm đầu ra",
                "Ghi chú",
            ),
            (None, None, "Chủ trì", "Phối hợp", None, None, None),
            ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"),
        ),
        merges=("C1:D1", "A1:A2", "B1:B2", "E1:E2", "F1:F2", "G1:G2"),
        merge_groups=True,
    )
    writer = _TableWriter(_workbook(), layout)
    writer.new_sheet("Phụ lục I")
    _annex_titles(
        writer,
        ("PHỤ LỤC I", "bold"),
        ("DANH MỤC NHIỆM VỤ TRIỂN KHAI ĐỀ ÁN 06 NĂM 2025 TRÊN ĐỊA BÀN TỈNH NGHỆ AN", "bold"),
        ("(Kèm theo Kế hoạch số 150/KH-UBND ngày 10/5/2025 của UBND tỉnh Nghệ An)", "italic"),
        ("", ""),
    )
    writer.header()
    writer.entries(_RESTARTING)
    return _xlsx_bytes(writer.workbook, title=KH150, issued=D(2025, 5, 10))


def parts_abc_xlsx() -> bytes:
    """KH 812: parts A/B/C, groups I/II, sub-groups "1.", tasks "1.1"; sheet 2 has no header."""
    layout = _Layout(
        fields=("stt", "title", "lead", "coordinators", "deadline", "product", "budget"),
        widths=(7, 50, 22, 28, 14, 30, 20),
        header=(
            (
                "TT",
                "Nhiệm vụ",
                "Đơn vị chủ trì thực hiện",
                "Đơn vị phối hợp",
                "Thời gian thực hiện",
                "Kết quả dự kiến",
                "Nguồn kinh phí",
            ),
        ),
    )
    writer = _TableWriter(_workbook(), layout)
    writer.new_sheet("PL")
    _annex_titles(
        writer,
        ("Phụ lục", "bold"),
        ("DANH MỤC NHIỆM VỤ TIẾP TỤC TRIỂN KHAI ĐỀ ÁN 06 GIAI ĐOẠN 2026 - 2030", "bold"),
        ("(Kèm theo Kế hoạch số 812/KH-UBND ngày 15/9/2025 của UBND tỉnh Nghệ An)", "italic"),
    )
    writer.header()
    writer.entries(_PARTS)
    return _xlsx_bytes(writer.workbook, title=KH812, issued=D(2025, 9, 15))


def prose_plan_xlsx() -> bytes:
    """KH 640: groups written "1. Về …" in the content column, tasks numbered straight through."""
    layout = _Layout(
        fields=("stt", "title", "lead", "coordinators", "deadline", "note"),
        widths=(6, 60, 24, 32, 18, 20),
        header=(
            (
                "STT",
                "Nội dung",
                "Cơ quan chủ trì",
                "Đơn vị phối hợp",
                "Thời gian dự kiến hoàn thành",
                "Ghi chú",
            ),
        ),
    )
    writer = _TableWriter(_workbook(), layout)
    writer.new_sheet("Sheet1")
    _annex_titles(
        writer,
        ("PHỤ LỤC", "bold"),
        ("NHIỆM VỤ TRỌNG TÂM TRIỂN KHAI ĐỀ ÁN 06 SÁU THÁNG CUỐI NĂM 2025", "bold"),
        ("(Kèm theo Kế hoạch số 640/KH-UBND ngày 05/8/2025 của UBND tỉnh Nghệ An)", "italic"),
    )
    writer.header()
    writer.entries(_PROSE)
    writer.workbook.create_sheet("Sheet2")
    writer.workbook.create_sheet("Sheet3")
    return _xlsx_bytes(writer.workbook, title=KH640, issued=D(2025, 8, 5))


def kpi_annex_xlsx() -> bytes:
    """Phụ lục II of KH 560: indicators assigned for 2025, targets inside the text."""
    layout = _Layout(
        fields=("stt", "title", "lead", "coordinators", "note"),
        widths=(6, 70, 26, 32, 22),
        header=(("STT", "Chỉ tiêu", "Cơ quan chủ trì", "Đơn vị phối hợp", "Ghi chú"),),
        merge_groups=True,
    )
    writer = _TableWriter(_workbook(), layout)
    writer.new_sheet("Giao chỉ tiêu")
    _annex_titles(
        writer,
        ("PHỤ LỤC II", "bold"),
        ("GIAO CHỈ TIÊU THỰC HIỆN ĐỀ ÁN 06 NĂM 2025", "bold"),
        ("(Kèm theo Kế hoạch số 560/KH-UBND ngày 18/7/2025 của UBND tỉnh Nghệ An)", "italic"),
    )
    writer.header()
    writer.entries(_KPI)
    return _xlsx_bytes(writer.workbook, title=KH560, issued=D(2025, 7, 18))


def hidden_and_sheets_xlsx() -> bytes:
    """KH 210: a cover sheet, a hidden column and row, the table going on in a second sheet."""
    layout = _Layout(
        fields=(
            "stt",
            "title",
            "lead",
            "coordinators",
            "original",
            "deadline",
            "product",
            "note",
        ),
        widths=(6, 52, 24, 28, 16, 18, 30, 16),
        header=(
            (
                "TT",
                "Nhiệm vụ",
                "Đơn vị chủ trì",
                "Đơn vị phối hợp",
                "Thời hạn (dự kiến ban đầu)",
                "Thời hạn hoàn thành",
                "Kết quả dự kiến",
                "Ghi chú",
            ),
        ),
        hidden=("original",),
    )
    workbook = _workbook()
    cover = workbook.create_sheet("Bìa")
    cover.column_dimensions["A"].width = 100
    lines = (
        ("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", True, False),
        ("", False, False),
        ("PHỤ LỤC", True, False),
        ("DANH MỤC NHIỆM VỤ TRỌNG TÂM THỰC HIỆN ĐỀ ÁN 06 NĂM 2025", True, False),
        ("(Kèm theo Kế hoạch số 210/KH-UBND ngày 28/3/2025 của UBND tỉnh Nghệ An)", False, True),
        ("", False, False),
        ("Nghệ An, tháng 3 năm 2025", False, True),
    )
    for row, (text, bold, italic) in enumerate(lines, start=1):
        cell = cover.cell(row=row, column=1, value=text or None)
        cell.font = Font(name=FONT, size=14, bold=bold, italic=italic)
        cell.alignment = _CENTRE
    writer = _TableWriter(workbook, layout)
    writer.new_sheet("Phụ lục")
    writer.header()
    writer.entries(_HIDDEN)
    return _xlsx_bytes(workbook, title=KH210, issued=D(2025, 3, 28))


def other_decision_xlsx() -> bytes:
    """KH 455: a plan for Quyết định số 06/QĐ-TTg ngày 05/01/2024, which is not Đề án 06."""
    layout = _Layout(
        fields=("stt", "title", "lead", "coordinators", "deadline", "product", "budget"),
        widths=(6, 52, 24, 28, 16, 26, 22),
        header=(
            (
                "STT",
                "Nhiệm vụ",
                "Cơ quan chủ trì",
                "Đơn vị phối hợp",
                "Thời gian hoàn thành",
                "Sản phẩm",
                "Nguồn kinh phí",
            ),
        ),
    )
    writer = _TableWriter(_workbook(), layout)
    writer.new_sheet("KH 455")
    _annex_titles(
        writer,
        ("PHỤ LỤC", "bold"),
        (
            "DANH MỤC NHIỆM VỤ THỰC HIỆN QUYẾT ĐỊNH SỐ 06/QĐ-TTg NGÀY 05/01/2024 CỦA THỦ TƯỚNG"
            " CHÍNH PHỦ",
            "bold",
        ),
        ("(Kèm theo Kế hoạch số 455/KH-UBND ngày 22/7/2025 của UBND tỉnh Nghệ An)", "italic"),
    )
    writer.header()
    writer.entries(_OTHER)
    return _xlsx_bytes(writer.workbook, title=KH455, issued=D(2025, 7, 22))


# ---------------------------------------------------------------------------------------------
# The Word plan.


def _paragraph(
    document: DocumentObject,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    centre: bool = False,
    size: int = 14,
) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.name, run.font.size = FONT, Pt(size)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.space_after = Pt(3)


def _cell_text(table: Table, row: int, column: int, text: str, *, bold: bool = False) -> None:
    cell = table.cell(row, column)
    lines = text.split("\n")
    cell.text = ""
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(line)
        run.bold = bold
        run.font.name, run.font.size = FONT, Pt(12)


def word_plan_docx() -> bytes:
    """KH 35 as issued in Word: header lines, prose, signature table, the annex as a table."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    for text, bold, italic in (
        ("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", True, False),
        ("Số: 35/KH-UBND", False, False),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False),
        ("Độc lập - Tự do - Hạnh phúc", True, False),
        ("Nghệ An, ngày 20 tháng 01 năm 2025", False, True),
        ("KẾ HOẠCH", True, False),
        ("Triển khai thực hiện Đề án 06 trên địa bàn tỉnh Nghệ An năm 2025", True, False),
    ):
        _paragraph(document, text, bold=bold, italic=italic, centre=True, size=13)
    for text, bold in (
        (
            "Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt"
            " Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ"
            " chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030 (Đề án 06), Ủy"
            " ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện Đề án 06 năm 2025 như sau:",
            False,
        ),
        ("I. MỤC ĐÍCH, YÊU CẦU", True),
        (
            "1. Mục đích: tiếp tục triển khai đồng bộ, hiệu quả các nhiệm vụ của Đề án 06; nâng"
            " cao tỷ lệ hồ sơ trực tuyến, phục vụ người dân, doanh nghiệp.",
            False,
        ),
        (
            "2. Yêu cầu: phân công nhiệm vụ bảo đảm “Rõ người, rõ việc, rõ thời gian, có sản phẩm"
            " định lượng cụ thể”; nâng cao trách nhiệm của người đứng đầu.",
            False,
        ),
        ("II. NHIỆM VỤ TRỌNG TÂM", True),
        ("(Có Phụ lục danh mục nhiệm vụ kèm theo)", False),
        ("III. TỔ CHỨC THỰC HIỆN", True),
        (
            "1. Công an tỉnh (cơ quan thường trực Tổ công tác triển khai Đề án 06 tỉnh): a) theo"
            " dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch; b) tổng hợp, báo cáo UBND tỉnh kết"
            " quả thực hiện hằng quý.",
            False,
        ),
        (
            "2. Các sở, ban, ngành, UBND các huyện, thành phố, thị xã căn cứ nhiệm vụ được giao"
            " xây dựng kế hoạch thực hiện; chủ động bố trí kinh phí; báo cáo kết quả về Công an"
            " tỉnh trước ngày 10 của tháng cuối quý.",
            False,
        ),
    ):
        _paragraph(document, text, bold=bold)
    signature = document.add_table(rows=1, cols=2)
    signature.autofit = False
    for column_index, width in enumerate((Mm(85), Mm(80))):
        signature.columns[column_index].width = width
    _cell_text(
        signature,
        0,
        0,
        "Nơi nhận:\n- Tổ công tác triển khai Đề án 06 Chính phủ (b/c);\n- Chủ tịch, các PCT UBND"
        " tỉnh;\n- Các sở, ban, ngành;\n- UBND các huyện, thành phố, thị xã;\n- Lưu: VT, NC.",
    )
    _cell_text(
        signature, 0, 1, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)", bold=True
    )
    annex = document.add_section()
    annex.orientation = WD_ORIENT.LANDSCAPE
    annex.page_width, annex.page_height = Mm(297), Mm(210)
    annex.left_margin, annex.right_margin = Mm(20), Mm(15)
    for text, bold, italic in (
        ("PHỤ LỤC", True, False),
        ("DANH MỤC NHIỆM VỤ TRIỂN KHAI ĐỀ ÁN 06 NĂM 2025", True, False),
        ("(Kèm theo Kế hoạch số 35/KH-UBND ngày 20/01/2025 của UBND tỉnh Nghệ An)", False, True),
    ):
        _paragraph(document, text, bold=bold, italic=italic, centre=True, size=13)
    headers = (
        "TT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
        "Sản phẩm đầu ra",
    )
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, text in enumerate(headers):
        _cell_text(table, 0, column, text, bold=True)
    lead_top = 0
    group_rows = set()
    for entry in _WORD:
        table.add_row()
        row = len(table.rows) - 1
        if isinstance(entry, _Group):
            table.cell(row, 0).merge(table.cell(row, len(headers) - 1))
            group_rows.add(row)
            _cell_text(table, row, 0, entry.text or entry.name, bold=True)
        elif isinstance(entry, _Task):
            values = (
                str(entry.stt),
                entry.title,
                "" if entry.merged_lead else entry.lead,
                entry.coordinators,
                _shown(entry.deadline),
                entry.product,
            )
            for column, text in enumerate(values):
                _cell_text(table, row, column, text)
            if entry.merged_lead:
                table.cell(lead_top, 2).merge(table.cell(row, 2))
                _cell_text(table, lead_top, 2, entry.lead)
            else:
                lead_top = row
    widths = (Mm(12), Mm(85), Mm(38), Mm(48), Mm(30), Mm(49))
    table.autofit = False
    for column_index, width in enumerate(widths):
        table.columns[column_index].width = width  # the grid, which LibreOffice reads
    for index, table_row in enumerate(table.rows):
        if index not in group_rows:  # a merged group row takes the whole width
            for cell, width in zip(table_row.cells, widths, strict=True):
                cell.width = width
    properties = document.core_properties
    stamp = _excel_date(D(2025, 1, 20))
    properties.created = properties.modified = properties.last_printed = stamp
    properties.author = properties.last_modified_by = "Văn phòng UBND tỉnh Nghệ An"
    properties.title = KH35
    properties.revision = 1
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())


# ---------------------------------------------------------------------------------------------
# CSV exports.


def _csv_rows(entries: Sequence[Entry], fields: Sequence[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    for entry in entries:
        if isinstance(entry, _Group):
            row = [""] * len(fields)
            row[fields.index("stt")] = entry.stt or ""
            row[fields.index("title")] = entry.text or entry.name
            rows.append(row)
        elif isinstance(entry, _Task):
            cells = {
                "stt": str(entry.stt),
                "title": entry.title,
                "lead": entry.lead,
                "coordinators": entry.coordinators,
                "deadline": _shown(entry.deadline),
                "product": entry.product,
                "budget": entry.budget,
                "note": entry.note,
            }
            rows.append([cells[field] for field in fields])
    return rows


def _csv_text(rows: Sequence[Sequence[str]], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()


def csv_utf16_semicolon() -> bytes:
    """A tracking program's export: UTF-16 little-endian with BOM, ';' separators, CRLF."""
    fields = ("stt", "title", "lead", "coordinators", "deadline", "product", "budget", "note")
    header = [
        "STT",
        "Nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời hạn hoàn thành",
        "Sản phẩm đầu ra",
        "Nguồn kinh phí",
        "Ghi chú",
    ]
    text = _csv_text([header, *_csv_rows(_CSV16, fields)], ";")
    return b"\xff\xfe" + text.encode("utf-16-le")


def csv_utf8_bom() -> bytes:
    """A sheet saved by Excel as "CSV UTF-8": BOM, commas, title rows and a flattened header."""
    fields = ("stt", "title", "lead", "coordinators", "deadline", "product", "note")
    width = len(fields)

    def line(text: str) -> list[str]:
        return [text] + [""] * (width - 1)

    rows = [
        line("UBND TỈNH NGHỆ AN"),
        line("PHỤ LỤC"),
        line("DANH MỤC NHIỆM VỤ TRIỂN KHAI ĐỀ ÁN 06 TẠI CẤP XÃ QUÝ IV NĂM 2025"),
        line("(Kèm theo Kế hoạch số 905/KH-UBND ngày 06/10/2025 của UBND tỉnh Nghệ An)"),
        line(""),
        [
            "STT",
            "Nội dung nhiệm vụ",
            "Đơn vị thực hiện",
            "",
            "Thời gian thực hiện",
            "Kết quả dự kiến",
            "Ghi chú",
        ],
        ["", "", "Chủ trì", "Phối hợp", "", "", ""],
        *_csv_rows(_CSV8, fields),
    ]
    return _csv_text(rows, ",").encode("utf-8-sig")


# ---------------------------------------------------------------------------------------------
# The catalogue.

ANNEXES: dict[str, Callable[[], bytes]] = {
    "restarting_numbers.xlsx": restarting_numbers_xlsx,
    "parts_abc.xlsx": parts_abc_xlsx,
    "prose_plan.xlsx": prose_plan_xlsx,
    "kpi_annex.xlsx": kpi_annex_xlsx,
    "hidden_and_sheets.xlsx": hidden_and_sheets_xlsx,
    "word_plan.docx": word_plan_docx,
    "csv_utf16_semicolon.csv": csv_utf16_semicolon,
    "csv_utf8_bom.csv": csv_utf8_bom,
    "other_decision.xlsx": other_decision_xlsx,
}

# Copies LibreOffice makes of one annex, for the XLS and ODS readers: copy -> source.
COPIES: dict[str, str] = {
    "restarting_numbers.xls": "restarting_numbers.xlsx",
    "restarting_numbers.ods": "restarting_numbers.xlsx",
}

_DE_AN = "ĐỀ ÁN 06"
_BASE: tuple[ExpectedAnnex, ...] = (
    _expect(
        "restarting_numbers.xlsx",
        _RESTARTING,
        plan=KH150,
        issued=D(2025, 5, 10),
        implements=_DE_AN,
        sheets=("Phụ lục I",),
        problems=_RESTARTING_PROBLEMS,
        phenomena=(1, 3, 4, 5, 7, 8, 9),
    ),
    _expect(
        "parts_abc.xlsx",
        _PARTS,
        plan=KH812,
        issued=D(2025, 9, 15),
        implements=_DE_AN,
        sheets=("PL", "PL (tiếp)"),
        problems=_PARTS_PROBLEMS,
        phenomena=(2, 3, 4, 5, 6, 7, 8, 9),
    ),
    _expect(
        "prose_plan.xlsx",
        _PROSE,
        plan=KH640,
        issued=D(2025, 8, 5),
        implements=_DE_AN,
        sheets=("Sheet1", "Sheet2", "Sheet3"),
        problems=_PROSE_PROBLEMS,
        phenomena=(2, 3, 4, 5, 7, 8, 14),
    ),
    _expect(
        "kpi_annex.xlsx",
        _KPI,
        plan=KH560,
        issued=D(2025, 7, 18),
        implements=_DE_AN,
        sheets=("Giao chỉ tiêu",),
        problems=_KPI_PROBLEMS,
        phenomena=(1, 3, 4, 7, 9, 10),
    ),
    _expect(
        "hidden_and_sheets.xlsx",
        _HIDDEN,
        plan=KH210,
        issued=D(2025, 3, 28),
        implements=_DE_AN,
        sheets=("Bìa", "Phụ lục", "Phụ lục (tiếp)"),
        problems=_HIDDEN_PROBLEMS,
        phenomena=(1, 3, 4, 6, 7, 8, 9, 14),
    ),
    _expect(
        "word_plan.docx",
        _WORD,
        plan=KH35,
        issued=D(2025, 1, 20),
        implements=DE_AN_06,
        problems=_WORD_PROBLEMS,
        phenomena=(1, 3, 4, 7, 8, 9, 11),
    ),
    _expect(
        "csv_utf16_semicolon.csv",
        _CSV16,
        plan="",
        issued=D(2025, 4, 15),
        implements="",
        problems=_CSV16_PROBLEMS,
        phenomena=(3, 4, 7, 8, 9, 12),
        encoding="utf-16",
        delimiter=";",
    ),
    _expect(
        "csv_utf8_bom.csv",
        _CSV8,
        plan=KH905,
        issued=D(2025, 10, 6),
        implements=_DE_AN,
        problems=_CSV8_PROBLEMS,
        phenomena=(1, 3, 7, 8, 9, 12, 14),
        encoding="utf-8-sig",
        delimiter=",",
    ),
    _expect(
        "other_decision.xlsx",
        _OTHER,
        plan=KH455,
        issued=D(2025, 7, 22),
        implements=OTHER_DECISION_TEXT,
        de_an_06=False,
        sheets=("KH 455",),
        problems=_OTHER_PROBLEMS,
        phenomena=(1, 3, 4, 8, 9, 13),
    ),
)
EXPECTED: dict[str, ExpectedAnnex] = {annex.filename: annex for annex in _BASE}
for _copy, _source in COPIES.items():
    EXPECTED[_copy] = replace(EXPECTED[_source], filename=_copy, kind=_copy.rpartition(".")[2])


def write_all(folder: Path = FIXTURES) -> list[Path]:
    """Write every annex the builders make into folder; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in ANNEXES.items():
        path = folder / name
        path.write_bytes(build())
        written.append(path)
    return written


def convert_copies(folder: Path = FIXTURES) -> list[Path]:
    """Make the XLS and ODS copies with LibreOffice; [] when it is not installed."""
    binary = shutil.which("soffice")
    if binary is None:
        return []
    written = []
    with tempfile.TemporaryDirectory(prefix="tiendo-annexes-") as work:
        for copy, source in COPIES.items():
            target = copy.rpartition(".")[2]
            subprocess.run(  # noqa: S603 - a local tool on our own files, no shell
                [
                    binary,
                    f"-env:UserInstallation=file://{work}/profile",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    target,
                    "--outdir",
                    work,
                    str(folder / source),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            path = folder / copy
            shutil.move(Path(work) / copy, path)
            written.append(path)
    return written


def main() -> None:
    for path in write_all():
        print(path)
    copies = convert_copies()
    for path in copies:
        print(path)
    if not copies:
        print("soffice is not installed: the XLS and ODS copies were not made", file=sys.stderr)


if __name__ == "__main__":
    main()
