"""What a spreadsheet cell may hold when the product writes it: never a live formula, never a
citizen's full ID number (Nghị định 13/2023). Used by every CSV and XLSX writer."""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

from tiendo.lib.logmask import mask_cccd

# Spreadsheet programs run a cell starting with these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def csv_text(text: str) -> str:
    """A text cell for CSV: masked, and quoted with an apostrophe when it would run."""
    masked = mask_cccd(text)
    return "'" + masked if masked.startswith(FORMULA_STARTS) else masked


def xlsx_cell(sheet: Any, value: Any) -> Cell:
    """A write-only XLSX cell; text is stored as text (openpyxl turns '=…' into a formula)."""
    if isinstance(value, str):
        cell: Cell = WriteOnlyCell(sheet, value=mask_cccd(value))
        cell.data_type = "s"
        return cell
    plain: Cell = WriteOnlyCell(sheet, value=value)
    return plain
