"""Template filters that print numbers, counts and people the Vietnamese way."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from tiendo.lib.text import format_count, format_decimal, person_name

register = template.Library()


@register.filter
def so(value: Any) -> str:
    """A quantity with Vietnamese separators: 1275000 -> '1.275.000', 91.7 -> '91,7'."""
    if value is None or value == "":
        return "–"
    if isinstance(value, int | float | Decimal):
        return format_decimal(value)
    return str(value)


@register.filter
def dem(value: Any) -> str:
    """A count in prose: '06', '0', '1.234'."""
    return format_count(int(value)) if value is not None else "–"


@register.filter
def ho_ten(user: Any) -> str:
    """A person's full name family name first ('Trần Ngọc Tuấn'), else the login name."""
    return person_name(user) if user is not None else ""
