"""An annex as CSV (UTF-8 with a byte-order mark, so Excel shows the diacritics)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils import timezone

from tiendo.documents.annexes import ANNEXES, GroupRow, Row, Value, as_text
from tiendo.documents.exports import iter_csv_rows
from tiendo.documents.report import Report
from tiendo.lib.cells import csv_text
from tiendo.lib.dates import format_date

GROUP_COLUMN = "Thuộc"
GROUP_SEPARATOR = " / "


def _text(value: object) -> str:
    text = as_text(value)  # type: ignore[arg-type]
    return csv_text(text) if isinstance(value, str) else text


def with_group_path(rows: Iterable[Row]) -> Iterator[list[Value]]:
    """The data rows, each led by the path of headings it sits under ("plan / group / sub-group"):
    a CSV has no merged heading rows, so every row says where it belongs."""
    path: list[str] = []
    for row in rows:
        if isinstance(row, GroupRow):
            path = [*path[: row.level], row.text]
            continue
        yield [GROUP_SEPARATOR.join(path), *row]


def iter_csv(report: Report, annex_index: int = 0) -> Iterator[str]:
    """The annex row by row, for a streaming response. A CSV has no title rows, so every row
    says what its figures are: as of which cut-off, as known at which moment."""
    annex = ANNEXES[annex_index]
    as_of = report.spec.as_of
    stamp = [format_date(as_of.date), timezone.localtime(as_of.known_at).strftime("%H:%M %d/%m/%Y")]
    columns = [GROUP_COLUMN, *(column.title for column in annex.columns)]
    columns += ["Số liệu tính đến ngày", "Theo dữ liệu ghi nhận đến"]
    rows = ([*values, *stamp] for values in with_group_path(annex.rows(report)))
    return iter_csv_rows(columns, rows, _text)


def write_csv(report: Report, annex_index: int = 0) -> bytes:
    return "".join(iter_csv(report, annex_index)).encode("utf-8")
