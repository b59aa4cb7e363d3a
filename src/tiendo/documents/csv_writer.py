"""Annex I as CSV (UTF-8 with a byte-order mark, so Excel shows the diacritics)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from io import StringIO

from tiendo.documents.annexes import ANNEXES, as_text
from tiendo.documents.report import Report


def iter_csv(report: Report, annex_index: int = 0) -> Iterator[str]:
    """The annex row by row, for a streaming response."""
    annex = ANNEXES[annex_index]
    buffer = StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([column.title for column in annex.columns])
    for values in annex.rows(report):
        writer.writerow([as_text(value) for value in values])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_csv(report: Report, annex_index: int = 0) -> bytes:
    return "".join(iter_csv(report, annex_index)).encode("utf-8")
