"""Reading the cells of real plan annexes: deadlines, numbering, deliverables, agency names."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from tiendo.lib.dates import DateInputError, parse_date, quarter_end
from tiendo.lib.text import fold, parse_number

ROMAN = re.compile(r"^(?P<numeral>[IVXLC]+)[.)]?\s*(?P<rest>.*)$")
NUMBERED = re.compile(r"^(?P<code>\d+(?:\.\d+)*)[.)]?$")
EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(ValueError):
    """A cell we cannot read; the message says what was expected."""


@dataclass(frozen=True)
class Deadline:
    day: dt.date | None  # None with recurring=True
    recurring: bool = False


def read_deadline(value: object) -> Deadline:
    """Dates (typed, Excel serial or text) and periods (a period means its last day)."""
    if isinstance(value, dt.datetime):
        return Deadline(value.date())
    if isinstance(value, dt.date):
        return Deadline(value)
    if isinstance(value, int | float) and 20_000 < value < 80_000:
        return Deadline(EXCEL_EPOCH + dt.timedelta(days=int(value)))
    text = fold(str(value or ""))
    if not text:
        raise CellError("chưa có thời hạn")
    if text.startswith("thuong xuyen") or text in {"hang nam", "lien tuc"}:
        return Deadline(None, recurring=True)
    year_match = re.search(r"(20\d\d)", text)
    year = int(year_match.group(1)) if year_match else None
    if year:
        quarter = re.search(r"quy\s+([ivx]+|\d)\b", text)
        if quarter:
            numeral = quarter.group(1)
            number = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(numeral) or int(numeral)
            if 1 <= number <= 4:
                return Deadline(quarter_end(year, number))
        month = re.search(r"thang\s+(\d{1,2})\b", text)
        if month and "dau nam" not in text:
            m = int(month.group(1))
            if 1 <= m <= 12:
                return Deadline(dt.date(year + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
        half = re.search(r"(\d)\s*thang\s*(dau|cuoi)\s*nam", text)
        if half:
            months = int(half.group(1))
            end = months if half.group(2) == "dau" else 12
            return Deadline(dt.date(year + (end == 12), end % 12 + 1, 1) - dt.timedelta(days=1))
        if re.fullmatch(r"(trong\s+)?nam\s+20\d\d|20\d\d", text):
            return Deadline(dt.date(year, 12, 31))
    try:
        return Deadline(parse_date(str(value).strip()))
    except DateInputError:
        raise CellError(
            f"“{value}” không phải là ngày hay thời hạn (ví dụ 30/06/2024, Quý II/2024, "
            "Tháng 6/2024, 6 tháng đầu năm 2024, Năm 2024, Thường xuyên)"
        ) from None


@dataclass(frozen=True)
class Product:
    product_type: str
    metric: str
    unit: str
    target: Decimal | None


PRODUCT = re.compile(r"^(?P<number>\d+(?:[.,]\d+)*)\s*(?P<rest>.*)$")
# Units of two words come first, so "01 văn bản" is 1 "văn bản", not 1 "văn".
UNITS = (
    "%",
    "văn bản",
    "tài khoản",
    "hồ sơ",
    "cơ sở",
    "mô hình",
    "dịch vụ",
    "thủ tục",
    "thiết bị",
    "điểm",
    "xã",
    "phường",
    "huyện",
    "người",
    "lượt",
    "trường",
    "bệnh viện",
    "hệ thống",
    "báo cáo",
)


def read_product(text: str) -> Product:
    """'100% hồ sơ được số hóa' -> target 100, unit %, metric 'hồ sơ được số hóa'."""
    clean = " ".join(str(text or "").split())
    match = PRODUCT.match(clean)
    if match:
        try:
            number = parse_number(match.group("number"))
        except ValueError:
            number = None
        rest = match.group("rest").strip()
        unit = next(
            (u for u in UNITS if rest.lower().startswith(u)), rest.split(" ")[0] if rest else ""
        )
        if number is not None and unit:
            metric = rest[len(unit) :].strip() if unit == "%" else rest
            return Product(clean, metric or unit, unit, number)
    return Product(clean, "", "", None)


def numbering(value: object) -> tuple[str, str] | None:
    """('group', 'II') for a group row's numeral, ('item', '1.2') for an item, else None."""
    text = str(value or "").strip()
    if not text:
        return None
    match = NUMBERED.match(text)
    if match:
        return "item", match.group("code")
    if isinstance(value, int | float):
        return "item", str(int(value))
    roman = ROMAN.match(text)
    if roman and roman.group("numeral") and roman_value(roman.group("numeral")):
        return "group", roman.group("numeral")
    return None


def roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = values.get(char, 0)
        if not value:
            return 0
        total += -value if following and values.get(following, 0) > value else value
    return total
