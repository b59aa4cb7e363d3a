"""Vietnamese text helpers: accent folding for matching, and numbers as officials write them."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any

_SPACES = re.compile(r"\s+")


def unaccent(text: str) -> str:
    """'Sở Thông tin và Truyền thông' -> 'So Thong tin va Truyen thong' (đ/Đ included)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def fold(text: str) -> str:
    """A key for matching names typed in different ways: no accents, lower case, one space."""
    return _SPACES.sub(" ", unaccent(text).lower()).strip()


def format_number(value: int | float | Decimal, decimals: int = 0) -> str:
    """1505917 -> '1.505.917'; 91.7 with decimals=1 -> '91,7' (Vietnamese separators)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_count(value: int) -> str:
    """Small counts in prose carry a leading zero ('06 mô hình'); zero is '0', never '00'."""
    return f"{value:02d}" if 0 < value < 10 else format_number(value)


def format_decimal(value: int | float | Decimal) -> str:
    """A stored quantity as people type it back: 460 -> '460', 1275000 -> '1.275.000',
    1250.50 -> '1.250,5' (never '4.6E+2'); the form's parse_number reads it unchanged."""
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    exponent = number.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(number, decimals)


def format_percent(value: float | Decimal, decimals: int = 1) -> str:
    return f"{format_number(value, decimals)} %"


_NUMBER = re.compile(r"^[+-]?(\d{1,3}([.\s]\d{3})+|\d+)(,\d+)?$|^[+-]?\d+(\.\d+)?$")


def parse_number(raw: str) -> Decimal:
    """Read a number as officials type it: '1.250', '85,5', '1.505.917', '12.5', '40'.

    Raises ValueError for anything else ('có', 'N/A', 'xem mô tả', '12,5%').
    """
    text = raw.strip().replace("\u00a0", " ")
    if not _NUMBER.match(text):
        raise ValueError(raw)
    if "," in text or " " in text or text.count(".") > 1:
        text = text.replace(".", "").replace(" ", "").replace(",", ".")
    elif re.fullmatch(r"[+-]?\d{1,3}\.\d{3}", text):
        # '1.250' is one thousand two hundred and fifty in Vietnamese writing.
        text = text.replace(".", "")
    return Decimal(text)


def person_name(user: Any) -> str:
    """Vietnamese full names read family name first: Django's last_name holds the family and
    middle names, first_name the given name ('Trần Ngọc' + 'Tuấn' -> 'Trần Ngọc Tuấn')."""
    full = " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)
    return full or str(user.get_username())
