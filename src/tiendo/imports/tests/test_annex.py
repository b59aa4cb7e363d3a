"""Importing plan annexes in the messy shapes real ones come in."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook

from tiendo.agencies.models import Agency
from tiendo.imports.annex import AnnexRejected, plan_import, read_annex
from tiendo.imports.cells import read_deadline, read_product
from tiendo.plans.models import Item, Plan, Programme

pytestmark = pytest.mark.django_db
ISSUED = dt.date(2024, 5, 10)


def annex_xlsx(rows: list[list[Any]], *, merge_header: bool = True) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Phụ lục"
    sheet.append(["UBND TỈNH NGHỆ AN"])
    sheet.append(["PHỤ LỤC: DANH MỤC NHIỆM VỤ TRIỂN KHAI ĐỀ ÁN 06 NĂM 2024"])
    sheet.append(["(Kèm theo Kế hoạch số 150/KH-UBND ngày 10/5/2024)"])
    sheet.append([])
    sheet.append(
        ["TT", "Nội dung nhiệm vụ", "Cơ quan", None, "Thời gian hoàn thành", "Sản phẩm", "Ghi chú"]
    )
    sheet.append([None, None, "Chủ trì", "Phối hợp", None, None, None])
    if merge_header:
        sheet.merge_cells("C5:D5")
        for column in "ABEFG":
            sheet.merge_cells(f"{column}5:{column}6")
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


MESSY: list[list[Any]] = [
    ["I", "Nhóm nhiệm vụ về hoàn thiện thể chế", None, None, None, None, None],
    [
        1,
        "Ban hành Quy chế phối hợp khai thác dữ liệu dân cư",
        "CA tỉnh",
        "Sở TT&TT; Sở Tư pháp",
        "Quý II/2024",
        "01 văn bản",
        None,
    ],
    [
        "2",
        "Rà soát thủ tục hành chính đủ điều kiện dịch vụ công toàn trình",
        "VP UBND tỉnh",
        "Các sở, ban, ngành",
        dt.datetime(2024, 6, 30),  # noqa: DTZ001 - Excel dates carry no zone
        "100% thủ tục được rà soát",
        "",
    ],
    [None, None, None, None, None, None, None],
    ["II.", "Nhóm nhiệm vụ về dữ liệu dân cư", None, None, None, None, None],
    [
        "2.1",
        "Làm sạch dữ liệu hộ tịch",
        "Sở Tư pháp",
        "UBND các huyện, thành phố, thị xã",
        "Tháng 9/2024",
        "500.000 hồ sơ được số hóa",
        None,
    ],
    [
        "2.2",
        "Tuyên truyền sử dụng VNeID",
        "Công an tỉnh",
        None,
        "Thường xuyên",
        "Tuyên truyền",
        None,
    ],
    ["2.3", "Triển khai khám chữa bệnh bằng CCCD", "Sở Y tế", "BHXH tỉnh", 45565, "130 xã", None],
    [
        "2.4",
        "Đánh giá kết quả 6 tháng",
        "Sở Thông tin và Truyền thông",
        None,
        "6 tháng đầu năm 2024",
        "Báo cáo",
        None,
    ],
    ["2.5", "Tổng kết năm", "Sở Nội vụ", None, "Năm 2024", None, None],
    ["Tổng cộng", "07 nhiệm vụ", None, None, None, None, None],
]


def run(data: bytes, name: str = "phu-luc.xlsx", commit: bool = True) -> Any:
    province = Agency.objects.get(code="40")
    return plan_import(
        annex=read_annex(name, data),
        programme=Programme.objects.get(code="DA06"),
        number="150/KH-UBND",
        issued_on=ISSUED,
        issuing_agency=province,
        title="Kế hoạch triển khai Đề án 06 năm 2024 (nhập thử)",
        commit=commit,
    )


def test_a_messy_annex_is_imported_item_by_item(sample: Any) -> None:
    preview = run(annex_xlsx(MESSY))
    assert preview.problems == [] and preview.committed
    plan = Plan.objects.get(number="150/KH-UBND")
    assert [g.code for g in plan.groups.all()] == ["I", "II"]
    items = {i.code: i for i in Item.objects.filter(plan=plan)}
    # An item's identity is its place in the plan: group II's "2.1" is II.2.1.
    assert sorted(items) == ["I.1", "I.2", "II.2.1", "II.2.2", "II.2.3", "II.2.4", "II.2.5"]
    first = items["I.1"]
    assert first.lead_agency.code == "40.CAT" and first.deadline == dt.date(2024, 6, 30)
    assert {a.code for a in first.coordinating_agencies.all()} == {"40.STTTT", "40.STP"}
    assert (first.target, first.unit, first.group.code if first.group else None) == (
        Decimal("1"),
        "văn bản",
        "I",
    )
    second = items["I.2"]
    assert second.coordinating_agencies.count() >= 10  # "Các sở, ban, ngành" expanded
    assert (second.target, second.unit, second.metric) == (
        Decimal("100"),
        "%",
        "thủ tục được rà soát",
    )
    hotich = items["II.2.1"]
    assert hotich.deadline == dt.date(2024, 9, 30) and hotich.group and hotich.group.code == "II"
    assert hotich.coordinating_agencies.count() == 20  # the 20 districts of 2024
    assert hotich.target == Decimal("500000")
    assert items["II.2.2"].is_recurring and items["II.2.2"].deadline is None
    assert items["II.2.3"].deadline == dt.date(2024, 9, 30)  # an Excel serial date
    assert items["II.2.4"].deadline == dt.date(2024, 6, 30)
    assert items["II.2.4"].lead_agency.code == "40.STTTT"
    assert items["II.2.5"].deadline == dt.date(2024, 12, 31)


def test_importing_the_same_annex_again_updates_instead_of_duplicating(sample: Any) -> None:
    run(annex_xlsx(MESSY))
    changed = [row[:] for row in MESSY]
    changed[1][1] = "Ban hành Quy chế phối hợp (sửa đổi)"
    preview = run(annex_xlsx(changed))
    assert (preview.created, preview.updated, preview.unchanged) == (0, 1, 6)
    assert [(r.code, r.action, r.changes) for r in preview.rows if r.action != "unchanged"] == [
        ("I.1", "update", ["nội dung"])
    ]
    plan = Plan.objects.get(number="150/KH-UBND")
    assert Item.objects.filter(plan=plan).count() == 7
    assert Item.objects.get(plan=plan, code="I.1").title == "Ban hành Quy chế phối hợp (sửa đổi)"


def test_csv_annexes_work_too(sample: Any) -> None:
    text = (
        "TT,Nội dung,Cơ quan chủ trì,Cơ quan phối hợp,Thời hạn,Kết quả đầu ra\n"
        "I,Nhóm nhiệm vụ về hạ tầng,,,,\n"
        "1,Nâng cấp đường truyền,Sở TTTT,VNPT tỉnh,31/10/2024,130 xã\n"
    )
    preview = run(text.encode("utf-8"), "phu-luc.csv")
    assert preview.problems == [] and preview.committed
    item = Item.objects.get(plan__number="150/KH-UBND", code="I.1")
    assert item.lead_agency.code == "40.STTTT" and item.deadline == dt.date(2024, 10, 31)


def test_problems_are_listed_by_sheet_row_and_column_and_nothing_is_written(sample: Any) -> None:
    rows: list[list[Any]] = [
        ["I", "Nhóm", None, None, None, None, None],
        [1, "Việc A", "Sở Không Tồn Tại", None, "30/06/2024", None, None],
        [2, "Việc B", "Sở Y tế", None, "sớm nhất có thể", None, None],
        [3, "Việc C", "Sở Y tế", None, "=DATE(2024,6,30)", None, None],
    ]
    preview = run(annex_xlsx(rows))
    assert not preview.committed
    # In row order; a formula counts by the value Excel saved with it (a file written by a
    # program that saved none has no value to read).
    assert preview.problems == [
        "Trang “Phụ lục”, dòng 8, cột Đơn vị chủ trì: không xác định được cơ quan “Sở Không Tồn "
        "Tại” trong danh mục cơ quan vào ngày 10/05/2024; hãy ghi đúng tên hoặc tên viết tắt "
        "của cơ quan.",
        "Trang “Phụ lục”, dòng 9, cột Thời hạn hoàn thành: “sớm nhất có thể” không phải là "
        "ngày hay thời hạn (ví dụ 30/06/2024, Quý II/2024, Tháng 6/2024, 6 tháng đầu năm 2024, "
        "Năm 2024, Thường xuyên).",
        "Trang “Phụ lục”, dòng 10, cột Thời hạn hoàn thành: chưa có thời hạn.",
    ]
    assert not Plan.objects.filter(number="150/KH-UBND").exists()


def test_a_missing_column_is_named(sample: Any) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["TT", "Nội dung nhiệm vụ", "Cơ quan phối hợp"])
    sheet.append([1, "Việc A", "Sở Y tế"])
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(
        AnnexRejected,
        match="dòng 1 có cột “Nội dung nhiệm vụ” nhưng thiếu cột Đơn vị chủ trì và "
        "cột Thời hạn hoàn thành",
    ):
        read_annex("thieu-cot.xlsx", out.getvalue())


def test_files_that_are_not_spreadsheets_or_too_big_are_refused(sample: Any) -> None:
    with pytest.raises(AnnexRejected, match="là PDF: không đọc được bảng từ PDF"):
        read_annex("phu-luc.xlsx", b"%PDF-1.4 not a workbook")
    with pytest.raises(AnnexRejected, match="vượt quá giới hạn 10 MB"):
        read_annex("lon.xlsx", b"0" * (50 * 1024 * 1024))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * (300 * 1024 * 1024))
    with pytest.raises(AnnexRejected):
        read_annex("bom.xlsx", bomb.getvalue())
    assert not Plan.objects.filter(number="150/KH-UBND").exists()


def test_huge_declared_dimensions_are_refused(sample: Any) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["TT", "Nội dung", "Chủ trì", "Thời hạn"])
    sheet.cell(row=1_048_000, column=1, value="x")
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(AnnexRejected, match="vượt giới hạn"):
        read_annex("rong.xlsx", out.getvalue())


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Quý II/2024", dt.date(2024, 6, 30)),
        ("quý 4 năm 2024", dt.date(2024, 12, 31)),
        ("Tháng 6/2024", dt.date(2024, 6, 30)),
        ("Tháng 12/2024", dt.date(2024, 12, 31)),
        ("6 tháng đầu năm 2024", dt.date(2024, 6, 30)),
        ("Năm 2024", dt.date(2024, 12, 31)),
        ("15/03/2024", dt.date(2024, 3, 15)),
        (45382, dt.date(2024, 3, 31)),
    ],
)
def test_deadlines_as_written(cell: object, expected: dt.date) -> None:
    assert read_deadline(cell).day == expected


def test_quantified_products_are_read() -> None:
    product = read_product("100% hồ sơ được số hóa")
    assert (product.target, product.unit, product.metric) == (
        Decimal("100"),
        "%",
        "hồ sơ được số hóa",
    )
    assert read_product("Báo cáo").target is None


def test_cli_previews_then_imports(sample: Any, tmp_path: Any) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    path = tmp_path / "phu-luc.xlsx"
    path.write_bytes(annex_xlsx(MESSY))
    args = [
        "import",
        "plan",
        str(path),
        "--number",
        "150/KH-UBND",
        "--issued-on",
        "10/05/2024",
        "--title",
        "Kế hoạch nhập thử",
    ]
    out = StringIO()
    call_command(*args, "--dry-run", stdout=out)
    assert "02 nhóm; 07 nhiệm vụ mới, 0 cập nhật, 0 không đổi." in out.getvalue()
    assert not Plan.objects.filter(number="150/KH-UBND").exists()
    call_command(*args, stdout=out)
    assert Item.objects.filter(plan__number="150/KH-UBND").count() == 7
    bad = tmp_path / "loi.csv"
    bad.write_text("TT,Nội dung,Chủ trì,Thời hạn\n1,Việc A,Sở Ma,30/06/2024\n", "utf-8")
    with pytest.raises(CommandError, match="Có 1 lỗi, 0 chỗ cần chọn; không ghi dữ liệu nào"):
        call_command(
            "import",
            "plan",
            str(bad),
            "--number",
            "151/KH-UBND",
            "--issued-on",
            "10/05/2024",
            "--title",
            "X",
            "--programme",
            "DA06",
            stdout=out,
            stderr=StringIO(),
        )


def test_the_web_import_previews_then_imports_all_or_nothing(sample: Any, client: Any) -> None:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(User.objects.get(username="thuongtruc"))
    fields = {
        "number": "150/KH-UBND",
        "issued_on": "2024-05-10",
        "title": "Nhập thử",
        "kind": "task",
    }
    upload = SimpleUploadedFile("phu-luc.xlsx", annex_xlsx(MESSY))
    preview = client.post("/nhap-ke-hoach/", {**fields, "file": upload, "xem": "1"})
    html = preview.content.decode()
    assert "02 nhóm; 07 nhiệm vụ mới, 0 cập nhật, 0 không đổi" in html
    assert not Plan.objects.filter(number="150/KH-UBND").exists()
    shown = preview.context["preview"]
    token, fingerprint = preview.context["token"], shown.fingerprint
    again = {**fields, "token": token, "file_name": "phu-luc.xlsx", "nhap": "1"}
    # What was not shown is not imported: a fingerprint of another preview is refused.
    stale = client.post("/nhap-ke-hoach/", {**again, "fingerprint": "0" * 32})
    assert stale.status_code == 200 and "đã thay đổi so với lần xem trước" in stale.content.decode()
    assert not Plan.objects.filter(number="150/KH-UBND").exists()
    done = client.post("/nhap-ke-hoach/", {**again, "fingerprint": fingerprint})
    assert done.status_code == 302
    assert Item.objects.filter(plan__number="150/KH-UBND").count() == 7
    template = client.get("/nhap-ke-hoach/mau.xlsx")
    assert read_annex("mau.xlsx", template.content).rows  # the template itself imports


def test_a_stale_preview_says_what_changed_since_it_was_shown(sample: Any, client: Any) -> None:
    """The user changes the form after "Đọc thử" and presses "Nhập": nothing is written, and
    the message names what differs from what they saw, so they know what to look at."""
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(User.objects.get(username="thuongtruc"))
    fields = {"number": "152/KH-UBND", "issued_on": "2024-05-10", "title": "Nhập thử"}
    upload = SimpleUploadedFile("phu-luc.xlsx", annex_xlsx(MESSY))
    preview = client.post("/nhap-ke-hoach/", {**fields, "kind": "task", "file": upload, "xem": "1"})
    shown = preview.context["preview"]
    again = {
        **fields,
        "token": preview.context["token"],
        "file_name": "phu-luc.xlsx",
        "fingerprint": shown.fingerprint,
        "nhap": "1",
    }
    changed = client.post("/nhap-ke-hoach/", {**again, "kind": "model", "title": "Khác"})
    page = changed.content.decode()
    assert changed.status_code == 200 and "đã thay đổi so với lần xem trước" in page
    assert "trích yếu hoặc đề án của kế hoạch" in page
    first = shown.rows[0].code
    assert f"nhiệm vụ {first}: loại" in page, page[page.find("thay đổi:") :][:400]
    assert not Plan.objects.filter(number="152/KH-UBND").exists()
    # The page now shows the new preview: pressing "Nhập" on it imports what it shows.
    fresh = changed.context["preview"].fingerprint
    done = client.post(
        "/nhap-ke-hoach/", {**again, "kind": "model", "title": "Khác", "fingerprint": fresh}
    )
    assert done.status_code == 302
    assert set(Item.objects.filter(plan__number="152/KH-UBND").values_list("kind", flat=True)) == {
        "model"
    }


def test_only_the_standing_body_imports_plans(sample: Any, client: Any) -> None:
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="yte.chuyenvien"))
    assert client.get("/nhap-ke-hoach/").status_code == 403


def test_an_import_killed_midway_leaves_the_database_as_before(
    sample: Any, monkeypatch: Any
) -> None:
    from tiendo.audit.models import AuditEvent

    def dies(*args: Any, **kwargs: Any) -> Any:
        # The process is stopped after the items were written, before the audit trail was.
        raise KeyboardInterrupt

    monkeypatch.setattr(AuditEvent.objects, "bulk_create", dies)
    before = (Plan.objects.count(), Item.objects.count())
    with pytest.raises(KeyboardInterrupt):
        run(annex_xlsx(MESSY))
    assert (Plan.objects.count(), Item.objects.count()) == before
