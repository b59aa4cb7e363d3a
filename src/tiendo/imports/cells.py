"""Reading the cells of real plan annexes as provinces issue them: deadlines, row numbering,
products and KPI targets, budget sources, and the facts in the title rows above the table.

Nothing is guessed: a deadline we cannot read raises CellError with a message for the official
who typed it; a product or a title that states nothing gives empty fields, never a default.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from tiendo.lib.dates import quarter_end
from tiendo.lib.text import fold, parse_number, unaccent

EXCEL_EPOCH = dt.date(1899, 12, 30)
FIRST_YEAR, LAST_YEAR = 2000, 2100


class CellError(ValueError):
    """A cell we cannot read; the message quotes the cell and says what was expected."""


def _clean(text: str) -> str:
    """The cell as written, in NFC with single spaces (Word and some exports send NFD)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _fold_in_place(text: str) -> str:
    """fold() keeping every character where it is, so a match in the folded text slices the
    text as written. `text` must be _clean() already."""
    out = []
    for char in text:
        folded = unaccent(char).lower()
        out.append(folded if len(folded) == 1 else char)
    return "".join(out)


def _quote(value: object) -> str:
    text = _clean(str(value))
    return text if len(text) <= 80 else text[:79] + "…"


# --------------------------------------------------------------------------- deadlines


@dataclass(frozen=True)
class Deadline:
    day: dt.date | None  # None with recurring=True
    recurring: bool = False


# The examples of the generic message are the ones the annex import has always shown.
EXAMPLES = "30/06/2024, Quý II/2024, Tháng 6/2024, 6 tháng đầu năm 2024, Năm 2024, Thường xuyên"
ACCEPTED = (
    "30/06/2025, Quý II/2025, Quý I-II/2025, Tháng 6/2025, 6 tháng đầu năm 2025, Năm 2025, "
    "2026-2030, Thường xuyên"
)

_DASHES = str.maketrans(dict.fromkeys("–—−‐‑", "-"))
# Words before the period itself: "Hoàn thành trước 31/12/2025", "Chậm nhất ngày…", "Đến năm…".
_LEAD_WORDS = re.compile(
    r"^(?:hoan thanh|thuc hien|trien khai|thoi han|truoc|cham nhat|den het|den|trong|vao|"
    r"giai doan|cuoi|het|tu|xong)\s+"
)
_RECURRING = re.compile(
    r"^(?:thuong xuyen|hang (?:nam|quy|thang|tuan|ngay)|dinh ky|khi co (?:phat sinh|yeu cau)|"
    r"theo lo trinh|lien tuc)\b"
)
_Q = r"(?:[ivx]+|\d{1,2})"
_M = r"\d{1,2}"
_LIST = r"(?:-|, ?| va | den )"
_YEAR_AFTER = r"(?:/| nam | |-)"  # "Quý II/2025", "Quý II năm 2025", "Quý II 2025", "Quý II-2025"
_PERIODS = (
    ("quarters", rf"quy (?P<list>{_Q}(?:{_LIST}(?:quy )?{_Q})*){_YEAR_AFTER}(?P<year>\d{{4}})"),
    ("months", rf"thang (?P<list>{_M}(?:{_LIST}(?:thang )?{_M})*){_YEAR_AFTER}(?P<year>\d{{4}})"),
    ("part", r"(?P<n>\d{1,2}) thang (?P<side>dau|cuoi) nam (?P<year>\d{4})"),
    ("half", r"nua (?P<side>dau|cuoi) nam (?P<year>\d{4})"),
    ("day", r"(?:ngay )?(?P<d>\d{1,2}) thang (?P<m>\d{1,2})(?: nam |/)(?P<year>\d{4})"),
    ("day", r"(?:ngay )?(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<year>\d{4})"),
    ("day", r"(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    ("year", r"(?:nam )?(?P<year>\d{4})"),
)
_PERIOD_RES = tuple((kind, re.compile(pattern)) for kind, pattern in _PERIODS)
_RANGE_SEP = re.compile(r"-| den het (?:nam )?| den | toi |, ?| va ")
# A period written without its year: "Quý II", "Tháng 6", "6 tháng đầu năm", "30/6".
_YEARLESS = re.compile(
    r"(?:quy (?:[ivx]+|\d)|thang \d|\d{1,2} thang (?:dau|cuoi)|nua (?:dau|cuoi)|nam$|"
    r"(?:ngay )?\d{1,2}(?:[/.-]| thang )\d)"
)
_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


class _Refused(Exception):
    """Why a period that looks like one is impossible (Quý V, tháng 13, 31/02)."""


def read_deadline(value: object) -> Deadline:
    """The deadline of a row, as annexes write it; a period means its last day.

    Reads typed dates and datetimes, Excel serial numbers (45382 → 31/03/2024), a year typed
    as a number (2025 → 31/12/2025), and text: "30/6/2025", "2025-10-15", "ngày 15 tháng 12
    năm 2025", "Trước 30/6/2025", "Chậm nhất ngày 30/9/2025", "Quý II/2025", "Quý I-II/2025",
    "Quý IV/2025 - Quý I/2026", "Tháng 6 - 9/2025", "Tháng 11, 12/2025", "6 tháng đầu năm
    2025", "9 tháng đầu năm 2025", "6 tháng cuối năm 2025", "Năm 2025", "Đến năm 2030",
    "2026-2030", "Giai đoạn 2026-2030". A range or a list ends with its last period, which
    must not come before the earlier ones. "Thường xuyên", "Hằng năm", "Hằng quý", "Định kỳ
    hằng năm", "Khi có phát sinh", "Theo lộ trình", "Liên tục" are recurring (no day).
    Anything else, a year outside 2000–2100 or a period that does not exist (Quý V, Tháng 13,
    31/02) raises CellError quoting the cell.
    """
    if value is None or value == "":
        raise CellError("chưa có thời hạn")
    if isinstance(value, dt.datetime):
        return _within_years(value.date())
    if isinstance(value, dt.date):
        return _within_years(value)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if math.isfinite(value) and 20_000 < value < 80_000:
            return _within_years(EXCEL_EPOCH + dt.timedelta(days=int(value)))
        if math.isfinite(value) and value == int(value) and FIRST_YEAR <= value <= LAST_YEAR:
            return Deadline(dt.date(int(value), 12, 31))
        raise CellError(f"“{_quote(value)}” không phải là ngày hay thời hạn (ví dụ {EXAMPLES})")
    outcome = _deadline_from_text(str(value))
    if isinstance(outcome, str):
        raise CellError(outcome)
    return outcome


def _within_years(day: dt.date) -> Deadline:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CellError(_refusal(day.strftime("%d/%m/%Y"), _year_reason(day.year)))
    return Deadline(day)


def _refusal(value: object, reason: str) -> str:
    return f"“{_quote(value)}”: {reason}; cách ghi thời hạn được chấp nhận: {ACCEPTED}"


def _year_reason(year: int) -> str:
    return f"năm {year} nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}, hãy kiểm tra lại năm"


@functools.lru_cache(maxsize=8192)
def _deadline_from_text(text: str) -> Deadline | str:
    """The deadline, or the message refusing it (cached: an annex repeats a few dozen texts)."""
    key = fold(unicodedata.normalize("NFC", text).translate(_DASHES))
    key = re.sub(r"[.;:!?…]+(?=\s|$)", " ", key)  # sentence ends, not the dots of 15.10.2025
    key = re.sub(r"\s*([/-])\s*", r"\1", key)
    key = re.sub(r"\s*,\s*", ", ", key)
    key = " ".join(key.strip(" '\"“”‘’()[]").split())
    while match := _LEAD_WORDS.match(key):
        key = key[match.end() :]
    if _RECURRING.match(key):
        return Deadline(None, recurring=True)
    try:
        ends = _period_ends(key)
    except _Refused as refused:
        return _refusal(text, str(refused))
    if ends is None:
        if _YEARLESS.match(key) and not re.search(r"\d{4}", key):
            return _refusal(text, "chưa ghi năm (năm ghi đủ bốn chữ số, ví dụ Quý II/2025)")
        return f"“{_quote(text)}” không phải là ngày hay thời hạn (ví dụ {EXAMPLES})"
    if any(later < earlier for earlier, later in itertools.pairwise(ends)):
        return _refusal(
            text, "khoảng thời gian bị ngược, thời hạn sau phải muộn hơn thời hạn trước"
        )
    return Deadline(ends[-1])


def _period_ends(key: str) -> list[dt.date] | None:
    """The last day of every period named in `key`, in order; None if `key` is not a list of
    periods joined by "-", "đến", "và" or commas."""
    ends: list[dt.date] = []
    position = 0
    while True:
        matches = [(kind, m) for kind, regex in _PERIOD_RES if (m := regex.match(key, position))]
        if not matches:
            return None
        kind, match = max(matches, key=lambda pair: pair[1].end())
        ends.extend(_ends_of(kind, match))
        position = match.end()
        if position == len(key):
            return ends
        separator = _RANGE_SEP.match(key, position)
        if separator is None:
            return None
        position = separator.end()


def _ends_of(kind: str, match: re.Match[str]) -> list[dt.date]:
    year = int(match["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _Refused(_year_reason(year))
    if kind == "year":
        return [dt.date(year, 12, 31)]
    if kind == "quarters":
        return [quarter_end(year, _quarter(n)) for n in _members(match["list"], "quy")]
    if kind == "months":
        return [_month_end(year, _month(n)) for n in _members(match["list"], "thang")]
    if kind == "part":
        months = int(match["n"])
        if not 1 <= months <= 12:
            raise _Refused(f"một năm chỉ có 12 tháng, không có “{months} tháng đầu/cuối năm”")
        return [_month_end(year, months if match["side"] == "dau" else 12)]
    if kind == "half":
        return [_month_end(year, 6 if match["side"] == "dau" else 12)]
    day, month = int(match["d"]), int(match["m"])
    try:
        return [dt.date(year, month, day)]
    except ValueError:
        raise _Refused(f"ngày {day:02d}/{month:02d}/{year} không có trong lịch") from None


def _members(listed: str, word: str) -> list[str]:
    return [part.removeprefix(f"{word} ").strip() for part in re.split(_LIST, listed)]


def _quarter(numeral: str) -> int:
    number = int(numeral) if numeral.isdigit() else _ROMAN_QUARTERS.get(numeral, 0)
    if not 1 <= number <= 4:
        shown = numeral if numeral.isdigit() else numeral.upper()
        raise _Refused(f"không có quý {shown}, một năm chỉ có 4 quý (I, II, III, IV)")
    return number


def _month(numeral: str) -> int:
    if not 1 <= int(numeral) <= 12:
        raise _Refused(f"không có tháng {int(numeral)}, một năm chỉ có 12 tháng")
    return int(numeral)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)


# --------------------------------------------------------------------------- products and KPIs


@dataclass(frozen=True)
class Product:
    product_type: str
    metric: str
    unit: str
    target: Decimal | None


# Nouns that count products and KPI targets, most of two or three syllables: "01 Kế hoạch"
# counts one "Kế hoạch", never one "Kế". Matched in lower case with diacritics, longest first.
UNITS = tuple(
    sorted(
        (
            "kế hoạch",
            "quyết định",
            "văn bản",
            "báo cáo",
            "công văn",
            "chỉ thị",
            "nghị quyết",
            "đề án",
            "đề xuất",
            "dự thảo",
            "tờ trình",
            "hướng dẫn",
            "thông báo",
            "quy chế",
            "quy định",
            "quy trình",
            "chương trình",
            "hội nghị",
            "hội thảo",
            "cuộc họp",
            "lớp tập huấn",
            "lớp bồi dưỡng",
            "lớp",
            "buổi",
            "đợt",
            "cuộc",
            "đoàn",
            "tài khoản",
            "hồ sơ",
            "cơ sở",
            "cơ sở dữ liệu",
            "mô hình điểm",
            "mô hình",
            "dịch vụ",
            "dịch vụ công",
            "thủ tục",
            "thủ tục hành chính",
            "thiết bị",
            "camera",
            "máy",
            "điểm",
            "điểm cầu",
            "xã",
            "phường",
            "thị trấn",
            "huyện",
            "người",
            "lượt",
            "trường",
            "bệnh viện",
            "trạm y tế",
            "hệ thống",
            "phần mềm",
            "ứng dụng",
            "nền tảng",
            "cổng thông tin",
            "trang thông tin",
            "bản tin",
            "tin bài",
            "bài viết",
            "phóng sự",
            "chuyên mục",
            "tờ rơi",
            "tài liệu",
            "bộ tài liệu",
            "cơ quan",
            "đơn vị",
            "doanh nghiệp",
            "hộ",
            "hộ gia đình",
            "cán bộ",
            "công chức",
            "học sinh",
            "thẻ",
            "sổ",
            "tổ",
            "nhiệm vụ",
            "chỉ tiêu",
            "giải pháp",
            "sáng kiến",
        ),
        key=len,
        reverse=True,
    )
)
# Words around a target that are not what is counted: "Đạt", "Tối thiểu", "≥", "trở lên"…
QUALIFIERS = tuple(
    sorted(
        (
            "không thấp hơn",
            "không dưới",
            "không ít hơn",
            "tối thiểu",
            "ít nhất",
            "tối đa",
            "phấn đấu",
            "trở lên",
            "đạt",
            "trên",
            "dưới",
            "khoảng",
            "từ",
            "có",
            "là",
            "bằng",
            "hoàn thành",
            ">=",
            "=>",
            "≥",
            ">",
            "<=",
            "≤",
            "<",
        ),
        key=len,
        reverse=True,
    )
)
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_PERCENT = re.compile(rf"(?<![\w.,])(?P<number>{_NUMBER})\s*%")
_LEADING = re.compile(rf"(?P<number>{_NUMBER})\s+(?P<rest>[^\s%].*)")
_COUNT = re.compile(rf"(?<![\w.,/-])(?P<number>{_NUMBER})(?![\w%/]|[.,-]\d)")
# A number right after these words is a year, a level or a document number, not a target.
_NOT_A_TARGET = re.compile(
    r"(?:\bnam|\bmuc do|\bmuc|\bcap do|\bcap|\bso|\bquy|\bthang|\bngay|\bgiai doan|\bde an|"
    r"\blan thu|\blan|\bthu|\bdot|\bphien ban|\bphuong an|\bnhom)$"
)
_QUALIFIED = re.compile(
    r"(?:\bdat|\btoi thieu|\bit nhat|\btren|\bco|\bhoan thanh|\bphan dau|\bkhong duoi|"
    r"\bkhong thap hon|\bkhong it hon|\bkhoang|>=|≥|>)$"
)


def read_product(text: str) -> Product:
    """The quantified product of a row ("Sản phẩm", "Kết quả đầu ra"), the cell kept as
    product_type.

    "01 Kế hoạch" → 1 "Kế hoạch"; "03 văn bản hướng dẫn" → 3 "văn bản" (metric "văn bản hướng
    dẫn"); "1.250 tài khoản" → 1250; "Tối thiểu 02 hội nghị" → 2 "hội nghị". The unit is the
    longest known noun of UNITS the text goes on with, kept in the cell's case; after an
    unknown noun it is the whole rest when short ("05 tờ gấp", "01 Trung tâm dữ liệu": nouns
    have several syllables), else its first word, since we cannot tell where a noun we do not
    know ends. Without a leading count, a percentage anywhere: "Đạt 80%",
    "≥ 95%", "Ít nhất 70% hồ sơ", "97,5%", "100% hồ sơ được số hóa" → unit "%", metric the
    words around the number without "đạt", "tối thiểu"… ("" when nothing is left). Nothing
    quantified ("Báo cáo kết quả") → target None, unit and metric "".
    """
    return _read_product(str(text or ""))


@functools.lru_cache(maxsize=8192)
def _read_product(raw: str) -> Product:
    clean = _clean(raw)
    start = len(clean) - len(_strip_qualifiers(clean, ends="start"))
    leading = _LEADING.fullmatch(clean, start)
    if leading:
        rest = leading["rest"]
        unit = _known_unit(rest) or _unknown_unit(rest)
        return Product(clean, rest, unit, parse_number(leading["number"]))
    return _percent(clean) or Product(clean, "", "", None)


def read_kpi(text: str) -> Product:
    """The target written inside a KPI ("Chỉ tiêu") or task text.

    A percentage first, the first one in the text: "Tỷ lệ hồ sơ trực tuyến toàn trình đạt
    tối thiểu 80%" → 80 "%" (metric "Tỷ lệ hồ sơ trực tuyến toàn trình"), "100% cơ quan nhà
    nước kết nối…" → 100 "%". Else the first count followed by a known unit or after "đạt",
    "ít nhất", "có"…: "Có ít nhất 1.500.000 tài khoản định danh điện tử mức độ 2" → 1500000
    "tài khoản". Years ("năm 2025", "2026-2030"), levels ("mức độ 2"), dates and document
    numbers ("06/QĐ-TTg", "Đề án 06") are never targets. No number → target None.
    """
    return _read_kpi(str(text or ""))


@functools.lru_cache(maxsize=8192)
def _read_kpi(raw: str) -> Product:
    clean = _clean(raw)
    percent = _percent(clean)
    if percent:
        return percent
    folded = _fold_in_place(clean)
    for match in _COUNT.finditer(clean):
        before = folded[: match.start()].rstrip()
        if _NOT_A_TARGET.search(before):
            continue  # "năm 2025", "mức độ 2", "Đề án 06"
        number, rest = match["number"], clean[match.end() :].lstrip()
        unit = _known_unit(rest)
        if unit:
            return Product(clean, rest, unit, parse_number(number))
        year = re.fullmatch(r"\d{4}", number) and FIRST_YEAR <= int(number) <= LAST_YEAR
        if _QUALIFIED.search(before) and not year:
            # After an unknown noun may come "vào năm 2025": no unit is better than a wrong one.
            metric = _strip_qualifiers(clean[: match.start()], ends="both") or rest
            return Product(clean, metric, "", parse_number(number))
    return Product(clean, "", "", None)


def _percent(clean: str) -> Product | None:
    match = _PERCENT.search(clean)
    if match is None:
        return None
    leading = clean[: match.start()].rstrip()
    before = _strip_qualifiers(leading, ends="both")
    after = _strip_qualifiers(clean[match.end() :], ends="both")
    if leading.endswith(",") and after:
        # "Trên địa bàn tỉnh, 100% xã có điểm phục vụ", "Đến năm 2025, 100% hồ sơ được số hóa":
        # a clause closed by a comma sets the place or the time; what is counted follows.
        return Product(clean, after, "%", parse_number(match["number"]))
    return Product(clean, before or after, "%", parse_number(match["number"]))


def _unknown_unit(rest: str) -> str:
    """A noun not in UNITS: the whole of a short rest ("01 Trung tâm dữ liệu" counts "Trung
    tâm dữ liệu", Vietnamese nouns have several syllables), the first word of a long one."""
    words = rest.split(" ")
    return rest if len(words) <= 4 else words[0]


def _known_unit(rest: str) -> str:
    """The known unit `rest` begins with, as written there, or ""."""
    lowered = rest.lower()
    for unit in UNITS:
        if lowered.startswith(unit) and not lowered[len(unit) : len(unit) + 1].isalnum():
            return rest[: len(unit)]
    return ""


def _strip_qualifiers(text: str, *, ends: Literal["start", "both"]) -> str:
    """`text` without the qualifiers and punctuation at its start (and end)."""
    text = text.strip(" ,;:.-–")
    changed = True
    while changed and text:
        changed = False
        lowered = text.lower()
        for word in QUALIFIERS:
            symbol = not word[0].isalpha()
            if lowered.startswith(word) and (
                symbol or not lowered[len(word) : len(word) + 1].isalnum()
            ):
                text, changed = text[len(word) :].strip(" ,;:.-–"), True
                break
            if (
                ends == "both"
                and lowered.endswith(word)
                and (symbol or not lowered[-len(word) - 1 : -len(word)].isalnum())
            ):
                text, changed = text[: -len(word)].strip(" ,;:.-–"), True
                break
    return text


# --------------------------------------------------------------------------- row numbering


@dataclass(frozen=True)
class Numbering:
    """The number a row of a plan starts with, and the text after it in the same cell."""

    kind: Literal["part", "roman", "arabic", "letter"]
    code: str  # "A", "II", "1.2", "a"
    depth: int  # arabic: number of components ("1" → 1, "1.2" → 2, "1.2.3" → 3); others 1
    rest: str  # text after the number in the same cell, stripped ("Về dữ liệu dân cư")


_BULLETS = "-+•*–—·●○▪■□►➢✓"
_ARABIC = re.compile(r"(?P<code>\d+(?:\.\d+)*)(?P<mark>[.)]?)(?P<space>\s*)(?P<rest>.*)")
_ROMAN_LEAD = re.compile(r"(?P<code>[IVX]+)(?:[.):]\s*|\s+|$)(?P<rest>.*)")
_ROMAN_VALID = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_PART = re.compile(r"(?P<code>[A-ZĐ])(?:[.):]\s*|\s+|$)(?P<rest>.*)")
_LETTER = re.compile(r"(?P<code>[a-zđ])(?:[.)]\s*(?P<rest>.*))?")
_HEADING = re.compile(
    r"(?P<word>phan|muc) (?P<code>\d+|[a-z]|[ivx]+)(?:[.):]\s*|\s+|$)(?P<rest>.*)"
)


def read_numbering(value: object) -> Numbering | None:
    """The numbering of a row, from the "TT" cell or the start of a paragraph of a plan.

    Arabic: 1, 1.0 → "1"; "1", "1.", "1)", "01" → "1"; "1.1", "1.1.", "1.2.3" (depth = parts;
    leading zeros dropped per part). A float cell 1.1 → "1.1", but a float cannot tell 1.10
    from 1.1: type such codes as text. A bare integer is a row number however large (2025
    included): the caller knows which column it reads. Text may follow after "." or ")"
    ("1. Về dữ liệu dân cư"), or after a space when the code has parts ("1.1 Triển khai");
    "01 Kế hoạch", "100%", "1.250 tài khoản", "30/6/2025" are quantities and dates, not numbers
    of rows; a cell that is only "1.100" is item 100 of group 1 (a TT column has no thousands).
    Roman: only I, V, X make numerals ("I", "II.", "IV)", "XII", "II. NHIỆM VỤ CỤ THỂ"),
    "Mục I" too. Part: an upper-case letter ("A", "B.", "C", "D", "Đ", "A. MỤC TIÊU"; "C" and
    "D" are parts, never 100 and 500), "Phần A", "PHẦN B", "Phần I". Letter: lower case "a)",
    "b.", "c) Nội dung". Bullets ("-", "+", "•", "*"), empty cells, dates, prose → None.
    """
    if value is None or isinstance(value, bool | dt.date):
        return None
    if isinstance(value, int):
        return Numbering("arabic", str(value), 1, "") if value > 0 else None
    if isinstance(value, float):
        if not math.isfinite(value) or value <= 0:
            return None
        value = str(int(value)) if value.is_integer() else repr(value)
        if "e" in value:
            return None  # 1e-05: not a number anyone typed in a TT column
    text = _clean(str(value))
    if not text or text[0] in _BULLETS:
        return None
    return _numbering_of(text)


@functools.lru_cache(maxsize=8192)
def _numbering_of(text: str) -> Numbering | None:
    heading = _HEADING.fullmatch(_fold_in_place(text))
    if heading:
        code = text[heading.start("code") : heading.end("code")]
        rest = text[heading.start("rest") :].strip()
        if not (code.isupper() or code.isdigit()):
            return None  # "Mục vi phạm" is prose, "Mục II" a heading
        if heading["word"] == "phan":
            return Numbering("part", code, 1, rest)
        if code.isdigit():
            return Numbering("arabic", str(int(code)), 1, rest) if int(code) else None
        if _ROMAN_VALID.fullmatch(code):
            return Numbering("roman", code, 1, rest)
        return Numbering("part", code, 1, rest) if len(code) == 1 else None
    arabic = _ARABIC.fullmatch(text)
    if arabic:
        parts = arabic["code"].split(".")
        rest = arabic["rest"].strip()
        if rest and not arabic["mark"] and (len(parts) < 2 or not arabic["space"]):
            return None  # "01 Kế hoạch", "100%", "15/10/2025"
        if not int(parts[0]) or (
            any(len(part) > 2 for part in parts[1:])
            and (rest or (len(parts) == 3 and len(parts[2]) == 4))
        ):
            return None  # "1.250 tài khoản" (a thousand figure), "30.6.2025" (a date), "0"
        code = ".".join(str(int(part)) for part in parts)
        return Numbering("arabic", code, len(parts), rest)
    roman = _ROMAN_LEAD.fullmatch(text)
    if roman and _ROMAN_VALID.fullmatch(roman["code"]):
        return Numbering("roman", roman["code"], 1, roman["rest"].strip())
    part = _PART.fullmatch(text)
    if part and part["code"] not in "IVX":
        return Numbering("part", part["code"], 1, part["rest"].strip())
    letter = _LETTER.fullmatch(text)
    if letter:
        return Numbering("letter", letter["code"], 1, (letter["rest"] or "").strip())
    return None


def roman_value(numeral: str) -> int:
    """'IV' → 4, 'XII' → 12; 0 for anything that is not made of roman digits."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    if not numeral:
        return 0
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = values.get(char, 0)
        if not value:
            return 0
        total += -value if following and values.get(following, 0) > value else value
    return total


# --------------------------------------------------------------------------- budget sources

BudgetCode = Literal["own", "province", "central", "state", "socialised", "none", "other"]
_BUDGET_SOURCES: tuple[tuple[BudgetCode, re.Pattern[str]], ...] = (
    (
        "own",
        re.compile(
            r"(?<!khong )thuong xuyen|tu bo tri|tu can doi|tu chu|(?:cua|thuoc) (?:co quan|don vi)"
            r"|don vi tu"
        ),
    ),
    ("province", re.compile(r"\b(?:ngan sach|ns|von) (?:cap )?(?:tinh|dia phuong)\b|\bnsdp\b")),
    ("central", re.compile(r"\b(?:ngan sach|ns|von) (?:trung uong|tw)\b|\bnstw\b")),
    ("state", re.compile(r"\b(?:ngan sach|ns|von) nha nuoc\b|\bnsnn\b")),
    ("socialised", re.compile(r"xa hoi hoa|\bxhh\b")),
    (
        "none",
        re.compile(r"^khong$|^khong co$|khong phat sinh|khong (?:su dung|can|yeu cau) kinh phi"),
    ),
)


def read_budget(text: str) -> str | None:
    """The budget source code of a "Nguồn kinh phí" cell.

    "own": "Kinh phí thường xuyên của đơn vị", "Nguồn kinh phí chi thường xuyên", "Đơn vị tự
    bố trí", "Đơn vị tự cân đối"; "province": "Ngân sách tỉnh", "Ngân sách địa phương",
    "NSĐP"; "central": "Ngân sách Trung ương", "NSTW"; "state": "Ngân sách nhà nước", "NSNN";
    "socialised": "Xã hội hóa", "Nguồn xã hội hóa"; "none": "Không phát sinh kinh phí",
    "Không". "other": several sources in one cell ("Ngân sách tỉnh và nguồn xã hội hóa",
    "NSTW, NSĐP") or any text naming none of these. An empty cell → None.
    """
    key = " ".join(fold(str(text or "")).strip(" .;:-()").split())
    if not key:
        return None
    found = {code for code, pattern in _BUDGET_SOURCES if pattern.search(key)}
    return found.pop() if len(found) == 1 else "other"


# --------------------------------------------------------------------------- title facts


@dataclass(frozen=True)
class TitleFacts:
    """What the title rows of an annex, or the first paragraphs of a plan, say about it."""

    number: str | None  # "150/KH-UBND"
    issued_on: dt.date | None
    horizon: dt.date | None  # "giai đoạn 2026-2030" → 31/12/2030; "năm 2025" → 31/12/2025
    implements: str | None  # "Quyết định số 06/QĐ-TTg ngày 06/01/2022", as written
    is_de_an_06: bool | None  # None when nothing is said


DE_AN_06_DAY = dt.date(2022, 1, 6)
_DATE_TEXT = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2} thang \d{1,2} nam \d{4}"
_DOC_NO = r"\d+[a-z]?(?:/\d{4})?/[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
_DOC_KIND = (
    r"(?:quyet dinh|qd|ke hoach|kh|nghi quyet|nq|chi thi|ct|cong van|thong bao|thong tu|"
    r"nghi dinh|de an|chuong trinh)"
)
_CITE = re.compile(
    rf"(?P<cite>{_DOC_KIND}(?: so)?:? (?P<no>{_DOC_NO})(?: ngay (?P<date>{_DATE_TEXT}))?)"
)
_OWN_NUMBER = re.compile(rf"^so ?:? ?(?P<no>{_DOC_NO})")
_ATTACHED = re.compile(rf"kem theo {_CITE.pattern}")
_IMPLEMENTS = re.compile(rf"\b(?:thuc hien|trien khai)(?: thuc hien)? {_CITE.pattern}")
_PLACE_DATE = re.compile(rf"^[^\d,]{{2,60}}, ngay (?P<date>{_DATE_TEXT})")
_DE_AN_06 = re.compile(
    r"\bde an (?:so )?06\b(?!/)|de an phat trien ung dung du lieu ve dan cu, dinh danh"
)
# The title of Đề án 06 carries its own period ("giai đoạn 2022-2025, tầm nhìn đến năm 2030").
_DE_AN_06_TITLE = re.compile(
    r"de an phat trien ung dung du lieu ve dan cu.*?giai doan \d{4} ?- ?\d{4}"
)
_VISION = re.compile(r"tam nhin (?:den )?(?:nam )?\d{4}")
_HORIZON = re.compile(r"\b(?P<first>\d{4}) ?- ?(?P<last>\d{4})\b|\bnam (?P<year>\d{4})\b")


def read_title_facts(lines: list[str]) -> TitleFacts:
    """Number, issue date, horizon and implemented decision from the title lines.

    number and issued_on come from whichever comes first: a "Số: 35/KH-UBND" line (the date
    then from a "Nghệ An, ngày 20 tháng 01 năm 2025" line) or a "(Kèm theo Kế hoạch số
    150/KH-UBND ngày 10/5/2025 …)" / "(Ban hành kèm theo Quyết định số 1234/QĐ-UBND ngày 15
    tháng 3 năm 2025 …)" line (the document the annex belongs to, with its date).

    horizon: the end of the last year named by the first line that cites no document, is not
    the place-and-date line, and names "năm 2025", "giai đoạn 2026-2030" or "2026-2030"
    ("DANH MỤC NHIỆM VỤ TRIỂN KHAI ĐỀ ÁN 06 NĂM 2025" → 31/12/2025). Lines citing a decision
    ("KẾ HOẠCH Thực hiện Quyết định số 06/QĐ-TTg … giai đoạn 2022-2025, tầm nhìn đến năm
    2030") describe that decision's period, not the plan's, and are skipped; so are the title
    of Đề án 06 and any "tầm nhìn đến năm …". Nothing left → None.

    implements: the first "thực hiện / triển khai <Quyết định|Kế hoạch|…> số N ngày D", as
    written. is_de_an_06: True when a line names "Đề án 06", its title, or Quyết định
    06/QĐ-TTg dated 06/01/2022; False when the plan implements another decision (06/QĐ-TTg of
    another date, 1131/QĐ-TTg…); None otherwise, also for "06/QĐ-TTg" without its date.
    Dates that do not exist read as None.
    """
    cleaned = [_clean(str(line or "")) for line in lines]
    folded = [_fold_in_place(line.translate(_DASHES)) for line in cleaned]
    number = issued_on = horizon = implements = None
    names_de_an_06 = False
    implemented_day: dt.date | None = None
    implemented_no: str | None = None
    own_number = False
    for line, key in zip(cleaned, folded, strict=True):
        if number is None:
            if match := _OWN_NUMBER.match(key):
                number, own_number = line[match.start("no") : match.end("no")], True
            elif match := _ATTACHED.search(key):
                number = line[match.start("no") : match.end("no")]
                issued_on = _title_date(match["date"])
        if own_number and issued_on is None and (match := _PLACE_DATE.match(key)):
            issued_on = _title_date(match["date"])
        if implements is None and (match := _IMPLEMENTS.search(key)):
            implements = line[match.start("cite") : match.end("cite")]
            implemented_day = _title_date(match["date"])
            implemented_no = match["no"]
        if _DE_AN_06.search(key) or any(
            cite["no"] == "06/qd-ttg" and _title_date(cite["date"]) == DE_AN_06_DAY
            for cite in _CITE.finditer(key)
        ):
            names_de_an_06 = True
        if horizon is None:
            horizon = _horizon(key)
    is_de_an_06: bool | None = None
    if names_de_an_06:
        is_de_an_06 = True
    elif implements is not None and not (implemented_no == "06/qd-ttg" and implemented_day is None):
        is_de_an_06 = False
    return TitleFacts(number, issued_on, horizon, implements, is_de_an_06)


def _title_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    day, month, year = (int(part) for part in re.findall(r"\d+", text))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _horizon(key: str) -> dt.date | None:
    if _CITE.search(key) or re.search(_DOC_NO, key) or _PLACE_DATE.match(key):
        return None
    key = _VISION.sub("", _DE_AN_06_TITLE.sub("", key))
    years = [
        int(match["last"] or match["year"])
        for match in _HORIZON.finditer(key)
        if FIRST_YEAR <= int(match["last"] or match["year"]) <= LAST_YEAR
    ]
    return dt.date(max(years), 12, 31) if years else None
