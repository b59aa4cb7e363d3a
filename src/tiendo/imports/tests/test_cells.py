"""The cells of real 2025 plan annexes read as issued: deadlines, products, KPIs, numbering,
budget sources and title facts."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest

from tiendo.imports.cells import (
    CellError,
    Deadline,
    Numbering,
    Product,
    TitleFacts,
    _deadline_from_text,
    read_budget,
    read_deadline,
    read_kpi,
    read_numbering,
    read_product,
    read_title_facts,
    roman_value,
)

D = dt.date
# The two messages a refused deadline ends with, as the official who typed it reads them.
NOT_A_DEADLINE = (
    "không phải là ngày hay thời hạn (ví dụ 30/06/2024, Quý II/2024, Tháng 6/2024, "
    "6 tháng đầu năm 2024, Năm 2024, Thường xuyên)"
)
ACCEPTED = (
    "cách ghi thời hạn được chấp nhận: 30/06/2025, Quý II/2025, Quý I-II/2025, Tháng 6/2025, "
    "6 tháng đầu năm 2025, Năm 2025, 2026-2030, Thường xuyên"
)

# --------------------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # years and ranges of years: the end of the last year
        ("2026-2030", D(2030, 12, 31)),
        ("2026 - 2030", D(2030, 12, 31)),
        ("2026–2030", D(2030, 12, 31)),
        ("Năm 2025 - 2026", D(2026, 12, 31)),
        ("Giai đoạn 2026-2030", D(2030, 12, 31)),
        ("Giai đoạn 2026 – 2030.", D(2030, 12, 31)),
        ("Đến năm 2030", D(2030, 12, 31)),
        ("Đến hết năm 2025", D(2025, 12, 31)),
        ("Từ năm 2026 đến năm 2030", D(2030, 12, 31)),
        ("Trong năm 2025", D(2025, 12, 31)),
        ("Năm 2025", D(2025, 12, 31)),
        ("Năm 2000", D(2000, 12, 31)),  # the first and last years we accept
        ("Đến năm 2100", D(2100, 12, 31)),
        ("NĂM 2025", D(2025, 12, 31)),
        ("2025", D(2025, 12, 31)),
        ("Hoàn thành trong năm 2025.", D(2025, 12, 31)),
        ("Cuối năm 2025", D(2025, 12, 31)),
        # quarters, alone and in ranges or lists
        ("Quý II/2025", D(2025, 6, 30)),
        ("Quý 2/2025", D(2025, 6, 30)),
        ("quý 4 năm 2024", D(2024, 12, 31)),
        ("Quý III năm 2025;", D(2025, 9, 30)),
        ("Trong Quý I/2026", D(2026, 3, 31)),
        ("Quý I-II/2025", D(2025, 6, 30)),
        ("Quý II, III/2025", D(2025, 9, 30)),
        ("Quý II và Quý III/2025", D(2025, 9, 30)),
        ("Quý III - IV năm 2025", D(2025, 12, 31)),
        ("Quý IV/2025 - Quý I/2026", D(2026, 3, 31)),
        ("Quý IV / 2025", D(2025, 12, 31)),
        ("(Quý II/2025)", D(2025, 6, 30)),
        # months
        ("Tháng 6/2025", D(2025, 6, 30)),
        ("Tháng 02/2025", D(2025, 2, 28)),
        ("Tháng 2/2028", D(2028, 2, 29)),
        ("Tháng 12 năm 2025", D(2025, 12, 31)),
        ("Tháng 1/2026", D(2026, 1, 31)),
        ("Tháng 6 - 9/2025", D(2025, 9, 30)),
        ("Tháng 6-9 năm 2025", D(2025, 9, 30)),
        ("Tháng 11, 12/2025", D(2025, 12, 31)),
        ("Tháng 6 đến tháng 9/2025", D(2025, 9, 30)),
        ("Cuối tháng 10/2025", D(2025, 10, 31)),
        # parts of a year
        ("6 tháng đầu năm 2025", D(2025, 6, 30)),
        ("6 tháng cuối năm 2025", D(2025, 12, 31)),
        ("9 tháng đầu năm 2025", D(2025, 9, 30)),
        ("01 tháng đầu năm 2026", D(2026, 1, 31)),
        ("12 tháng đầu năm 2025", D(2025, 12, 31)),
        ("3 tháng cuối năm 2025", D(2025, 12, 31)),
        ("Nửa đầu năm 2025", D(2025, 6, 30)),
        ("Nửa cuối năm 2025", D(2025, 12, 31)),
        # days
        ("Trước ngày 15 tháng 12 năm 2025", D(2025, 12, 15)),
        ("Trước ngày 30/6/2025", D(2025, 6, 30)),
        ("Trước 30/6/2025", D(2025, 6, 30)),
        ("Chậm nhất ngày 30/9/2025", D(2025, 9, 30)),
        ("Hoàn thành trước 31/12/2025", D(2025, 12, 31)),
        ("ngày 15/10/2025", D(2025, 10, 15)),
        ("15/10/2025", D(2025, 10, 15)),
        ("15.10.2025", D(2025, 10, 15)),
        ("15-10-2025", D(2025, 10, 15)),
        ("2025-10-15", D(2025, 10, 15)),
        ("  30/06/2025 ", D(2025, 6, 30)),
        ("Trước 30/6/2025.", D(2025, 6, 30)),
    ],
)
def test_text_deadlines_end_on_the_last_day_of_their_last_period(cell: str, expected: D) -> None:
    assert read_deadline(cell) == Deadline(expected)


def test_decomposed_unicode_from_word_reads_like_composed_text() -> None:
    cell = unicodedata.normalize("NFD", "Quý III - IV năm 2025")
    assert read_deadline(cell).day == D(2025, 12, 31)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D(2025, 6, 30), D(2025, 6, 30)),
        (dt.datetime(2025, 6, 30, 0, 0), D(2025, 6, 30)),  # noqa: DTZ001 - Excel has no zone
        (45382, D(2024, 3, 31)),
        (45382.0, D(2024, 3, 31)),
        (45838.75, D(2025, 6, 30)),  # a serial with a time of day
        (Decimal("45838"), D(2025, 6, 30)),
        (2025, D(2025, 12, 31)),  # a year typed as a number
        (2030.0, D(2030, 12, 31)),
        (2000, D(2000, 12, 31)),  # the first and last years we accept
        (2100, D(2100, 12, 31)),
        (D(2000, 1, 1), D(2000, 1, 1)),
        (D(2100, 12, 31), D(2100, 12, 31)),
        (36526, D(2000, 1, 1)),
        (73415, D(2100, 12, 31)),
    ],
)
def test_typed_dates_and_numbers_pass_straight_through(value: object, expected: D) -> None:
    assert read_deadline(value) == Deadline(expected)


@pytest.mark.parametrize(
    "cell",
    [
        "Thường xuyên",
        "Thực hiện thường xuyên",
        "THƯỜNG XUYÊN",
        "Hằng năm",
        "Hàng năm",
        "Hằng quý",
        "Hằng tháng",
        "Định kỳ hằng năm",
        "Khi có phát sinh",
        "Khi có yêu cầu",
        "Theo lộ trình",
        "Liên tục",
        "Thường xuyên, hằng năm",
        "Thường xuyên.",
    ],
)
def test_recurring_cells_have_no_day(cell: str) -> None:
    assert read_deadline(cell) == Deadline(None, recurring=True)


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("Quý V/2025", "không có quý V, một năm chỉ có 4 quý (I, II, III, IV)"),
        ("Quý 5 năm 2025", "không có quý 5, một năm chỉ có 4 quý"),
        ("Quý I-V/2025", "không có quý V"),
        ("Tháng 13/2025", "không có tháng 13, một năm chỉ có 12 tháng"),
        ("Tháng 11, 13/2025", "không có tháng 13"),
        ("31/02/2025", "ngày 31/02/2025 không có trong lịch"),
        ("Trước ngày 31 tháng 4 năm 2025", "ngày 31/04/2025 không có trong lịch"),
        ("2025-02-30", "ngày 30/02/2025 không có trong lịch"),
        ("14 tháng đầu năm 2025", "một năm chỉ có 12 tháng"),
        ("13 tháng đầu năm 2025", "một năm chỉ có 12 tháng, không có “13 tháng đầu/cuối năm”"),
        ("0 tháng đầu năm 2025", "một năm chỉ có 12 tháng, không có “0 tháng đầu/cuối năm”"),
        ("Quý II", "chưa ghi năm"),
        ("Tháng 6", "chưa ghi năm"),
        ("6 tháng đầu năm", "chưa ghi năm"),
        ("Quý II/25", "chưa ghi năm"),
        ("Năm 1999", "năm 1999 nằm ngoài khoảng 2000–2100"),
        ("30/6/2205", "năm 2205 nằm ngoài khoảng 2000–2100"),
        ("Giai đoạn 2026-2130", "năm 2130 nằm ngoài khoảng 2000–2100"),
        ("2030-2026", "khoảng thời gian bị ngược"),
        ("Quý III, II/2025", "khoảng thời gian bị ngược"),
        ("Quý I/2026 - Quý IV/2025", "khoảng thời gian bị ngược"),
    ],
)
def test_impossible_periods_are_refused_with_the_reason_and_examples(
    cell: str, reason: str
) -> None:
    with pytest.raises(CellError) as refused:
        read_deadline(cell)
    message = str(refused.value)
    assert message.startswith(f"“{cell}”: ")
    assert reason in message
    assert message.endswith(f"; {ACCEPTED}")


@pytest.mark.parametrize(
    "cell",
    [
        "sớm nhất có thể",
        "=DATE(2024,6,30)",
        "Theo kế hoạch",
        "Ngay sau khi có hướng dẫn của Bộ Công an",
        "Năm 20255",
        "Quý II/2025 và các năm tiếp theo",
        "Tuần 3/2025",
    ],
)
def test_unreadable_text_gets_the_message_the_import_has_always_shown(cell: str) -> None:
    with pytest.raises(CellError) as refused:
        read_deadline(cell)
    assert str(refused.value) == f"“{cell}” {NOT_A_DEADLINE}"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "chưa có thời hạn"),
        ("", "chưa có thời hạn"),
        (
            D(1900, 1, 1),
            f"“01/01/1900”: năm 1900 nằm ngoài khoảng 2000–2100, hãy kiểm tra lại năm; {ACCEPTED}",
        ),
        (
            D(1999, 12, 31),
            f"“31/12/1999”: năm 1999 nằm ngoài khoảng 2000–2100, hãy kiểm tra lại năm; {ACCEPTED}",
        ),
        (
            D(2101, 1, 1),
            f"“01/01/2101”: năm 2101 nằm ngoài khoảng 2000–2100, hãy kiểm tra lại năm; {ACCEPTED}",
        ),
        (
            20_001,
            f"“04/10/1954”: năm 1954 nằm ngoài khoảng 2000–2100, hãy kiểm tra lại năm; {ACCEPTED}",
        ),
        # 20000 and 80000 are just outside the serials we read as dates (1954 to 2119)
        (20_000, f"“20000” {NOT_A_DEADLINE}"),
        (80_000, f"“80000” {NOT_A_DEADLINE}"),
        (1999, f"“1999” {NOT_A_DEADLINE}"),
        (12.5, f"“12.5” {NOT_A_DEADLINE}"),
        (True, f"“True” {NOT_A_DEADLINE}"),
        (float("nan"), f"“nan” {NOT_A_DEADLINE}"),
    ],
)
def test_empty_and_implausible_typed_values_are_cell_errors(value: object, message: str) -> None:
    with pytest.raises(CellError) as refused:
        read_deadline(value)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("cell", "quoted"),
    [
        (
            "Ngay sau khi có hướng dẫn của Bộ Công an và Sở Khoa học và Công nghệ tỉnh Cà Mau",
            "Ngay sau khi có hướng dẫn của Bộ Công an và Sở Khoa học và Công nghệ tỉnh Cà Mau",
        ),
        (
            "Ngay sau khi có hướng dẫn của Bộ Công an và Sở Khoa học và Công nghệ tỉnh Nghệ An",
            "Ngay sau khi có hướng dẫn của Bộ Công an và Sở Khoa học và Công nghệ tỉnh Nghệ …",
        ),
    ],
)
def test_a_cell_is_quoted_whole_up_to_80_characters_then_shortened_to_80(
    cell: str, quoted: str
) -> None:
    """80 characters are quoted as typed; from 81 on, the first 79 and "…"."""
    with pytest.raises(CellError) as refused:
        read_deadline(cell)
    assert str(refused.value) == f"“{quoted}” {NOT_A_DEADLINE}"


def test_a_long_cell_is_quoted_shortened() -> None:
    cell = "Triển khai ngay " + "rất " * 40
    with pytest.raises(CellError) as refused:
        read_deadline(cell)
    assert str(refused.value) == f"“Triển khai ngay {'rất ' * 15}rất…” {NOT_A_DEADLINE}"


def test_an_annex_of_ten_thousand_rows_parses_each_distinct_text_once() -> None:
    """What keeps a large annex quick (its speed is measured in make bench, not here): a text
    repeated down the column is parsed once."""
    cells: list[object] = [
        f"Quý {q}/{year}" for q in ("I", "II", "III", "IV") for year in range(2025, 2031)
    ]
    cells += [f"{day}/{month}/2025" for day in range(1, 29) for month in range(1, 13)]
    cells += ["Thường xuyên", D(2025, 6, 30), 45838]
    rows = [cells[i % len(cells)] for i in range(10_000)]
    first = [read_deadline(cell) for cell in rows[: len(cells)]]
    assert [read_deadline(cell) for cell in rows] == first * (10_000 // len(cells)) + first[
        : 10_000 % len(cells)
    ]
    texts = {cell for cell in cells if isinstance(cell, str)}
    assert _deadline_from_text.cache_info().misses == len(texts)


# --------------------------------------------------------------------------- products


@pytest.mark.parametrize(
    ("cell", "target", "unit", "metric"),
    [
        ("01 Kế hoạch", "1", "Kế hoạch", "Kế hoạch"),
        ("02 Quyết định", "2", "Quyết định", "Quyết định"),
        ("01 Kế hoạch triển khai thực hiện", "1", "Kế hoạch", "Kế hoạch triển khai thực hiện"),
        ("03 văn bản hướng dẫn", "3", "văn bản", "văn bản hướng dẫn"),
        ("01 KẾ HOẠCH", "1", "KẾ HOẠCH", "KẾ HOẠCH"),
        ("01 báo cáo", "1", "báo cáo", "báo cáo"),
        ("01 Công văn chỉ đạo", "1", "Công văn", "Công văn chỉ đạo"),
        ("01 Chỉ thị", "1", "Chỉ thị", "Chỉ thị"),
        ("01 Nghị quyết", "1", "Nghị quyết", "Nghị quyết"),
        ("01 Đề án", "1", "Đề án", "Đề án"),
        ("02 Hướng dẫn", "2", "Hướng dẫn", "Hướng dẫn"),
        ("01 Thông báo kết luận", "1", "Thông báo", "Thông báo kết luận"),
        ("01 Quy chế phối hợp", "1", "Quy chế", "Quy chế phối hợp"),
        ("01 Quy định", "1", "Quy định", "Quy định"),
        ("02 Hội nghị", "2", "Hội nghị", "Hội nghị"),
        ("05 lớp tập huấn", "5", "lớp tập huấn", "lớp tập huấn"),
        ("05 lớp", "5", "lớp", "lớp"),
        ("10 cuộc kiểm tra", "10", "cuộc", "cuộc kiểm tra"),
        ("1.250 tài khoản", "1250", "tài khoản", "tài khoản"),
        ("500.000 hồ sơ được số hóa", "500000", "hồ sơ", "hồ sơ được số hóa"),
        ("130 xã", "130", "xã", "xã"),
        ("01 Cơ sở dữ liệu hộ tịch", "1", "Cơ sở dữ liệu", "Cơ sở dữ liệu hộ tịch"),
        ("20 cơ sở khám chữa bệnh", "20", "cơ sở", "cơ sở khám chữa bệnh"),
        ("38 mô hình điểm", "38", "mô hình điểm", "mô hình điểm"),
        ("25 dịch vụ công thiết yếu", "25", "dịch vụ công", "dịch vụ công thiết yếu"),
        ("01 Hệ thống", "1", "Hệ thống", "Hệ thống"),
        ("01 Phần mềm quản lý", "1", "Phần mềm", "Phần mềm quản lý"),
        ("12 bản tin", "12", "bản tin", "bản tin"),
        ("30 tin bài", "30", "tin bài", "tin bài"),
        ("Tối thiểu 02 hội nghị", "2", "hội nghị", "hội nghị"),
        ("Tối thiểu: 02 lớp tập huấn", "2", "lớp tập huấn", "lớp tập huấn"),
        ("≥02 hội nghị", "2", "hội nghị", "hội nghị"),  # a symbol needs no space after it
        # an unknown noun: the whole of a short rest (Vietnamese nouns have several syllables)
        ("05 tờ gấp", "5", "tờ gấp", "tờ gấp"),
        ("01 Trung tâm dữ liệu", "1", "Trung tâm dữ liệu", "Trung tâm dữ liệu"),  # 4 words
        # ... but only its first word when it goes on (5 words or more)
        ("10 pano tuyên truyền cổ động", "10", "pano", "pano tuyên truyền cổ động"),
        # "hội viên" is not one "hộ": a unit ends where its word ends
        ("500 hội viên", "500", "hội viên", "hội viên"),
        # "kê" is not "kế hoạch": diacritics count
        ("01 kê khai", "1", "kê khai", "kê khai"),
    ],
)
def test_counted_products_keep_units_of_several_syllables(
    cell: str, target: str, unit: str, metric: str
) -> None:
    assert read_product(cell) == Product(cell, metric, unit, Decimal(target))


@pytest.mark.parametrize(
    ("cell", "target", "metric"),
    [
        ("Đạt 80%", "80", ""),
        ("≥ 95%", "95", ""),
        (">= 95%", "95", ""),
        ("Tối thiểu 90%", "90", ""),
        ("Trên 80%", "80", ""),
        ("Ít nhất 70% hồ sơ", "70", "hồ sơ"),
        ("100% hồ sơ được số hóa", "100", "hồ sơ được số hóa"),
        ("100% thủ tục được rà soát", "100", "thủ tục được rà soát"),
        ("Đạt 100% người dân được cấp", "100", "người dân được cấp"),
        ("97,5%", "97.5", ""),
        ("Đạt 97,5 %", "97.5", ""),
        ("90% trở lên", "90", ""),
        ("Phấn đấu đạt 100%", "100", ""),  # every qualifier goes, not just the first
        ("Phấn đấu 80% số xã trở lên", "80", "số xã"),  # qualifiers end the text too
        ("Tỷ lệ thanh toán trực tuyến đạt 50%", "50", "Tỷ lệ thanh toán trực tuyến"),
    ],
)
def test_percentages_are_read_anywhere_in_a_product(cell: str, target: str, metric: str) -> None:
    assert read_product(cell) == Product(cell, metric, "%", Decimal(target))


@pytest.mark.parametrize(
    "cell",
    [
        "Báo cáo kết quả",
        "Hệ thống được vận hành",
        "Tuyên truyền",
        "Kế hoạch số 150/KH-UBND",
        "Báo cáo quý II/2025",
        "",
    ],
)
def test_products_that_state_no_quantity_have_no_target(cell: str) -> None:
    assert read_product(cell) == Product(cell, "", "", None)


def test_product_type_is_the_cell_cleaned() -> None:
    product = read_product("  01   Kế hoạch\n triển khai ")
    assert product.product_type == "01 Kế hoạch triển khai"
    assert read_product(None) == Product("", "", "", None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- KPIs


@pytest.mark.parametrize(
    ("text", "target", "unit", "metric"),
    [
        (
            "Tỷ lệ hồ sơ trực tuyến toàn trình đạt tối thiểu 80%",
            "80",
            "%",
            "Tỷ lệ hồ sơ trực tuyến toàn trình",
        ),
        (
            "100% cơ quan nhà nước kết nối với cơ sở dữ liệu quốc gia về dân cư",
            "100",
            "%",
            "cơ quan nhà nước kết nối với cơ sở dữ liệu quốc gia về dân cư",
        ),
        (
            "Có ít nhất 1.500.000 tài khoản định danh điện tử mức độ 2",
            "1500000",
            "tài khoản",
            "tài khoản định danh điện tử mức độ 2",
        ),
        (
            "Tỷ lệ thanh toán trực tuyến đạt trên 90% vào năm 2025",
            "90",
            "%",
            "Tỷ lệ thanh toán trực tuyến",
        ),
        ("Đến năm 2025, 100% xã có điểm phục vụ", "100", "%", "xã có điểm phục vụ"),
        ("Trên địa bàn tỉnh, 100% xã có điểm phục vụ", "100", "%", "xã có điểm phục vụ"),
        ("Từ năm 2025, 100% hồ sơ được số hóa", "100", "%", "hồ sơ được số hóa"),
        ("Tỷ lệ hồ sơ trực tuyến, 80% trở lên", "80", "%", "Tỷ lệ hồ sơ trực tuyến"),
        ("Kích hoạt 1.200.000 tài khoản VNeID", "1200000", "tài khoản", "tài khoản VNeID"),
        (
            "Triển khai 25 dịch vụ công thiết yếu theo Đề án 06",
            "25",
            "dịch vụ công",
            "dịch vụ công thiết yếu theo Đề án 06",
        ),
        (
            "Số tài khoản kích hoạt đạt 500.000 vào năm 2025",
            "500000",
            "",
            "Số tài khoản kích hoạt",
        ),
        ("Tỷ lệ hài lòng đạt 97,5%", "97.5", "%", "Tỷ lệ hài lòng"),
        # "Làm" is a word of its own, not the qualifier "là"
        ("Làm sạch dữ liệu dân cư đạt 100%", "100", "%", "Làm sạch dữ liệu dân cư"),
        ("Tỷ lệ người dân hài lòng, đạt trên 90%", "90", "%", "Tỷ lệ người dân hài lòng"),
        (
            "HOÀN THÀNH XÁC THỰC DỮ LIỆU DÂN CƯ ĐẠT 100%",
            "100",
            "%",
            "XÁC THỰC DỮ LIỆU DÂN CƯ",
        ),
        # a Roman numeral ending the metric is kept ("Đại hội XX": the twentieth congress)
        (
            "Tỷ lệ đảng viên được quán triệt Nghị quyết Đại hội XX đạt 100%",
            "100",
            "%",
            "Tỷ lệ đảng viên được quán triệt Nghị quyết Đại hội XX",
        ),
        (
            "100% chi bộ quán triệt Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX",
            "100",
            "%",
            "chi bộ quán triệt Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX",
        ),
    ],
)
def test_kpi_targets_are_read_inside_the_text(
    text: str, target: str, unit: str, metric: str
) -> None:
    assert read_kpi(text) == Product(text, metric, unit, Decimal(target))


@pytest.mark.parametrize(
    "text",
    [
        "Triển khai Đề án 06 năm 2025",
        "Hoàn thành kết nối giai đoạn 2026-2030",
        "Tài khoản định danh điện tử mức độ 2",
        "Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022",
        "Đảm bảo hạ tầng kỹ thuật đến năm 2025",
        "Nâng cao chất lượng dịch vụ công trực tuyến",
    ],
)
def test_years_levels_and_document_numbers_are_not_kpi_targets(text: str) -> None:
    assert read_kpi(text) == Product(text, "", "", None)


def test_an_empty_kpi_cell_has_no_target() -> None:
    assert read_kpi("") == Product("", "", "", None)
    assert read_kpi(None) == Product("", "", "", None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- numbering


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, Numbering("arabic", "1", 1, "")),
        (12, Numbering("arabic", "12", 1, "")),
        (1.0, Numbering("arabic", "1", 1, "")),
        (1.1, Numbering("arabic", "1.1", 2, "")),
        (2.15, Numbering("arabic", "2.15", 2, "")),
        (1.10, Numbering("arabic", "1.1", 2, "")),  # a float cannot keep the zero of 1.10
        (Decimal("1.10"), Numbering("arabic", "1.10", 2, "")),
        (2025, Numbering("arabic", "2025", 1, "")),  # a bare integer is a row number
        ("2025", Numbering("arabic", "2025", 1, "")),
        ("1", Numbering("arabic", "1", 1, "")),
        ("1.", Numbering("arabic", "1", 1, "")),
        ("1)", Numbering("arabic", "1", 1, "")),
        ("01", Numbering("arabic", "1", 1, "")),
        ("1.1", Numbering("arabic", "1.1", 2, "")),
        ("1.1.", Numbering("arabic", "1.1", 2, "")),
        ("2.10", Numbering("arabic", "2.10", 2, "")),
        ("1.2.3", Numbering("arabic", "1.2.3", 3, "")),
        ("01.02", Numbering("arabic", "1.2", 2, "")),
        (" 3 ", Numbering("arabic", "3", 1, "")),
        ("1. Về dữ liệu dân cư", Numbering("arabic", "1", 1, "Về dữ liệu dân cư")),
        ("1.Về dữ liệu dân cư", Numbering("arabic", "1", 1, "Về dữ liệu dân cư")),
        ("2) Tuyên truyền", Numbering("arabic", "2", 1, "Tuyên truyền")),
        ("1.1 Triển khai VNeID", Numbering("arabic", "1.1", 2, "Triển khai VNeID")),
        ("1.1. Triển khai VNeID", Numbering("arabic", "1.1", 2, "Triển khai VNeID")),
        ("I", Numbering("roman", "I", 1, "")),
        ("II.", Numbering("roman", "II", 1, "")),
        ("IV)", Numbering("roman", "IV", 1, "")),
        ("V", Numbering("roman", "V", 1, "")),
        ("X", Numbering("roman", "X", 1, "")),
        ("XII", Numbering("roman", "XII", 1, "")),
        ("XIX.", Numbering("roman", "XIX", 1, "")),
        ("II. NHIỆM VỤ CỤ THỂ", Numbering("roman", "II", 1, "NHIỆM VỤ CỤ THỂ")),
        ("III NHIỆM VỤ", Numbering("roman", "III", 1, "NHIỆM VỤ")),
        ("Mục I", Numbering("roman", "I", 1, "")),
        ("MỤC II. TỔ CHỨC THỰC HIỆN", Numbering("roman", "II", 1, "TỔ CHỨC THỰC HIỆN")),
        ("Mục 2", Numbering("arabic", "2", 1, "")),
        ("A", Numbering("part", "A", 1, "")),
        ("B.", Numbering("part", "B", 1, "")),
        ("C", Numbering("part", "C", 1, "")),
        ("D", Numbering("part", "D", 1, "")),
        ("Đ", Numbering("part", "Đ", 1, "")),
        ("E", Numbering("part", "E", 1, "")),
        ("L", Numbering("part", "L", 1, "")),
        ("A. MỤC TIÊU", Numbering("part", "A", 1, "MỤC TIÊU")),
        ("Phần A", Numbering("part", "A", 1, "")),
        ("PHẦN B", Numbering("part", "B", 1, "")),
        ("PHẦN B. NHIỆM VỤ", Numbering("part", "B", 1, "NHIỆM VỤ")),
        ("Phần I", Numbering("part", "I", 1, "")),
        ("a)", Numbering("letter", "a", 1, "")),
        ("b.", Numbering("letter", "b", 1, "")),
        ("c)", Numbering("letter", "c", 1, "")),
        ("đ)", Numbering("letter", "đ", 1, "")),
        ("a) Rà soát thủ tục", Numbering("letter", "a", 1, "Rà soát thủ tục")),
    ],
)
def test_row_numbers_are_read_with_their_kind(value: object, expected: Numbering) -> None:
    assert read_numbering(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        "-",
        "+",
        "•",
        "*",
        "- Rà soát thủ tục",
        "+ Tuyên truyền",
        "30/6/2025",
        "2025-10-15",
        "30.6.2025",
        D(2025, 6, 30),
        dt.datetime(2025, 6, 30),  # noqa: DTZ001 - Excel has no zone
        True,
        0,
        -1,
        0.0,
        1e-05,
        float("nan"),
        "01 Kế hoạch",
        "100%",
        "1.250 tài khoản",
        "30.6.2025",
        "6 tháng đầu năm 2025",
        "Triển khai thực hiện",
        "IOC tỉnh",
        "IIII",
        "VX",
        "(1)",
        "Mục tiêu",
        "Phần thứ nhất",
    ],
)
def test_bullets_dates_quantities_and_prose_are_not_row_numbers(value: object) -> None:
    assert read_numbering(value) is None


def test_a_long_item_number_alone_in_its_cell_is_a_row_number() -> None:
    """Group 1's hundredth task: a TT column has no thousands separators."""
    assert read_numbering("1.100") == Numbering("arabic", "1.100", 2, "")


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("I", 1),
        ("IV", 4),
        ("IX", 9),
        ("XII", 12),
        ("XL", 40),
        ("XC", 90),
        ("C", 100),
        ("A", 0),
        ("IIa", 0),  # a roman numeral with a letter after it is not a numeral
        ("", 0),
    ],
)
def test_roman_value(numeral: str, value: int) -> None:
    assert roman_value(numeral) == value


# --------------------------------------------------------------------------- budget


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("Kinh phí thường xuyên của đơn vị", "own"),
        ("Nguồn kinh phí chi thường xuyên", "own"),
        ("Đơn vị tự cân đối", "own"),
        ("Đơn vị tự bố trí", "own"),
        ("Kinh phí của cơ quan, đơn vị", "own"),
        ("Ngân sách tỉnh", "province"),
        ("Ngân sách địa phương", "province"),
        ("NSĐP", "province"),
        ("Nguồn ngân sách cấp tỉnh", "province"),
        ("Ngân sách Trung ương", "central"),
        ("NSTW", "central"),
        ("Ngân sách nhà nước", "state"),
        ("NSNN", "state"),
        ("Xã hội hóa", "socialised"),
        ("Nguồn xã hội hóa", "socialised"),
        ("Không phát sinh kinh phí", "none"),
        ("Không", "none"),
        ("Không.", "none"),
        ("Ngân sách tỉnh và nguồn xã hội hóa", "other"),
        ("NSTW, NSĐP", "other"),
        ("Ngân sách Trung ương, ngân sách tỉnh", "other"),
        ("Kinh phí không thường xuyên", "other"),
        ("Lồng ghép các chương trình mục tiêu", "other"),
        ("Theo quy định", "other"),
    ],
)
def test_budget_sources_are_coded(cell: str, code: str) -> None:
    assert read_budget(cell) == code


@pytest.mark.parametrize("cell", ["", "   ", None])
def test_an_empty_budget_cell_says_nothing(cell: str | None) -> None:
    assert read_budget(cell) is None  # type: ignore[arg-type]


# --------------------------------------------------------------------------- title facts

DE_AN_06_TITLE = (
    "KẾ HOẠCH Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê "
    "duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ "
    "chuyển đổi số quốc gia giai đoạn 2022-2025, tầm nhìn đến năm 2030"
)


def test_an_annex_title_gives_its_plan_date_horizon_and_programme() -> None:
    facts = read_title_facts(
        [
            "PHỤ LỤC",
            "DANH MỤC NHIỆM VỤ TRIỂN KHAI ĐỀ ÁN 06 NĂM 2025",
            "(Kèm theo Kế hoạch số 150/KH-UBND ngày 10/5/2025 của UBND tỉnh Nghệ An)",
        ]
    )
    assert facts == TitleFacts("150/KH-UBND", D(2025, 5, 10), D(2025, 12, 31), None, True)


def test_a_decision_annex_gives_the_decision_number_and_long_date() -> None:
    facts = read_title_facts(
        [
            "(Ban hành kèm theo Quyết định số 1234/QĐ-UBND ngày 15 tháng 3 năm 2025 của Ủy "
            "ban nhân dân tỉnh)",
            "DANH MỤC NHIỆM VỤ GIAI ĐOẠN 2026-2030",
        ]
    )
    assert (facts.number, facts.issued_on, facts.horizon) == (
        "1234/QĐ-UBND",
        D(2025, 3, 15),
        D(2030, 12, 31),
    )
    assert facts.implements is None and facts.is_de_an_06 is None


def test_a_word_plan_gives_its_own_number_and_the_date_line() -> None:
    facts = read_title_facts(
        [
            "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
            "Số: 35/KH-UBND",
            "Nghệ An, ngày 20 tháng 01 năm 2025",
            DE_AN_06_TITLE,
        ]
    )
    assert facts == TitleFacts(
        "35/KH-UBND",
        D(2025, 1, 20),
        None,  # 2025 and 2030 are the Đề án's horizon, not the plan's
        "Quyết định số 06/QĐ-TTg ngày 06/01/2022",
        True,
    )


def test_the_plan_horizon_is_taken_from_its_own_title_not_the_decision_it_cites() -> None:
    facts = read_title_facts(
        [
            "Số: 35/KH-UBND",
            DE_AN_06_TITLE,
            "trên địa bàn tỉnh Nghệ An năm 2026",
        ]
    )
    assert facts.horizon == D(2026, 12, 31)


def test_the_de_an_title_and_its_vision_are_not_the_plan_horizon() -> None:
    line = (
        "KẾ HOẠCH Triển khai Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác "
        "thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 – 2025, tầm nhìn đến năm "
        "2030 trên địa bàn tỉnh năm 2025"
    )
    facts = read_title_facts([line])
    assert facts.horizon == D(2025, 12, 31) and facts.is_de_an_06 is True


@pytest.mark.parametrize(
    ("line", "horizon"),
    [
        ("KẾ HOẠCH Triển khai Đề án 06 năm 2025", D(2025, 12, 31)),
        ("Kế hoạch thực hiện Đề án 06 giai đoạn 2026 - 2030", D(2030, 12, 31)),
        ("DANH MỤC MÔ HÌNH ĐIỂM NĂM 2025 VÀ GIAI ĐOẠN 2026-2030", D(2030, 12, 31)),
        ("Kế hoạch chuyển đổi số giai đoạn 2026-2030, tầm nhìn đến năm 2035", D(2030, 12, 31)),
        ("KẾ HOẠCH ỨNG PHÓ VỚI BIẾN ĐỔI KHÍ HẬU ĐẾN NĂM 2100", D(2100, 12, 31)),
        ("DANH MỤC CÔNG TRÌNH GIAI ĐOẠN 1996 - 2000", D(2000, 12, 31)),
        ("PHỤ LỤC", None),
        ("Nghệ An, ngày 20 tháng 01 năm 2025", None),
        # any document number, even of a kind we do not cite (Tờ trình), dates that document
        ("Căn cứ Tờ trình số 45/TTr-CA ngày 10 tháng 3 năm 2025 của Công an tỉnh", None),
    ],
)
def test_horizons(line: str, horizon: D | None) -> None:
    assert read_title_facts([line]).horizon == horizon


@pytest.mark.parametrize(
    ("line", "implements", "is_de_an_06"),
    [
        (DE_AN_06_TITLE, "Quyết định số 06/QĐ-TTg ngày 06/01/2022", True),
        (
            "Kế hoạch thực hiện Quyết định số 06/QĐ-TTg ngày 6/1/2022 của Thủ tướng",
            "Quyết định số 06/QĐ-TTg ngày 6/1/2022",
            True,
        ),
        (
            "KẾ HOẠCH THỰC HIỆN QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 06 THÁNG 01 NĂM 2022",
            "QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 06 THÁNG 01 NĂM 2022",
            True,
        ),
        (
            "KẾ HOẠCH Thực hiện Quyết định số 06/QĐ-TTg ngày 05/01/2024 của Thủ tướng Chính phủ",
            "Quyết định số 06/QĐ-TTg ngày 05/01/2024",
            False,
        ),
        (
            "Kế hoạch triển khai thực hiện Quyết định số 1131/QĐ-TTg ngày 12/6/2025",
            "Quyết định số 1131/QĐ-TTg ngày 12/6/2025",
            False,
        ),
        (
            "Kế hoạch thực hiện Quyết định số 1131/QĐ-TTg",
            "Quyết định số 1131/QĐ-TTg",
            False,
        ),
        # 06/QĐ-TTg is reused every year: without its date we cannot tell
        ("Kế hoạch thực hiện Quyết định số 06/QĐ-TTg", "Quyết định số 06/QĐ-TTg", None),
        ("Kế hoạch chuyển đổi số năm 2025", None, None),
        ("Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020", None, None),
        ("Phụ lục nhiệm vụ Đề án 06", None, True),
    ],
)
def test_the_implemented_decision_and_whether_it_is_de_an_06(
    line: str, implements: str | None, is_de_an_06: bool | None
) -> None:
    facts = read_title_facts([line])
    assert (facts.implements, facts.is_de_an_06) == (implements, is_de_an_06)


def test_naming_de_an_06_wins_over_another_implemented_decision() -> None:
    facts = read_title_facts(
        [
            "KẾ HOẠCH Thực hiện Chỉ thị số 05/CT-TTg ngày 23/02/2023 của Thủ tướng Chính phủ",
            "về tiếp tục đẩy mạnh triển khai Đề án 06",
        ]
    )
    assert facts.implements == "Chỉ thị số 05/CT-TTg ngày 23/02/2023"
    assert facts.is_de_an_06 is True


def test_a_stray_tone_mark_does_not_shift_what_is_quoted_from_a_title() -> None:
    """Decomposed text from Word can carry a doubled tone mark ("Kế" + U+0301) that NFC cannot
    put on any letter; the quote is still cut from the right characters."""
    facts = read_title_facts(
        ["Kế\u0301 hoạch thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng"]
    )
    assert facts.implements == "Quyết định số 06/QĐ-TTg ngày 06/01/2022"
    assert facts.is_de_an_06 is True


def test_the_first_number_line_wins_and_impossible_dates_read_as_none() -> None:
    facts = read_title_facts(
        [
            "(Kèm theo Kế hoạch số 150/KH-UBND ngày 31/02/2025 của UBND tỉnh)",
            "Số: 35/KH-UBND",
            "Nghệ An, ngày 20 tháng 01 năm 2025",
        ]
    )
    assert (facts.number, facts.issued_on) == ("150/KH-UBND", None)


def test_nothing_said_gives_nothing() -> None:
    assert read_title_facts([]) == TitleFacts(None, None, None, None, None)
    assert read_title_facts(["PHỤ LỤC", "", "DANH MỤC NHIỆM VỤ"]) == TitleFacts(
        None, None, None, None, None
    )
