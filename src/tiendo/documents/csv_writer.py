"""Annex I as CSV (UTF-8 with a byte-order mark, so Excel shows the diacritics)."""

from __future__ import annotations

from collections.abc import Iterator

from tiendo.documents.annexes import ANNEXES, as_text
from tiendo.documents.exports import iter_csv_rows
from tiendo.documents.report import Report
from tiendo.lib.cells import csv_text


def _text(value: object) -> str:
    text = as_text(value)  # type: ignore[arg-type]
    return csv_text(text) if isinstance(value, str) else text


def iter_csv(report: Report, annex_index: int = 0) -> Iterator[str]:
    """The annex row by row, for a streaming response."""
    annex = ANNEXES[annex_index]
    return iter_csv_rows([column.title for column in annex.columns], annex.rows(report), _text)


def write_csv(report: Report, annex_index: int = 0) -> bytes:
    return "".join(iter_csv(report, annex_index)).encode("utf-8")
