"""K typed on the command line: one reading for `tiendo status` and `tiendo report` alike."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from tiendo.lib.dates import DateInputError, parse_known_at

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_an_offset_is_kept_and_a_naive_time_is_vietnams() -> None:
    with_offset = parse_known_at("2024-04-02T14:00+07:00")
    naive = parse_known_at("2024-04-02T14:00")
    utc = parse_known_at("2024-04-02T07:00Z")
    assert with_offset == naive == utc == dt.datetime(2024, 4, 2, 14, 0, tzinfo=VN)


def test_a_time_that_cannot_be_read_says_how_to_write_it() -> None:
    with pytest.raises(DateInputError, match="ISO 8601, ví dụ 2024-04-02T14:00"):
        parse_known_at("2/4/2024 14h")


@pytest.mark.django_db
def test_the_report_command_takes_a_time_with_an_offset(sample: object, tmp_path: Path) -> None:
    """`tiendo report --known-at 2024-04-02T14:00+07:00` once failed with an English
    "make_aware expects a naive datetime"; a time it cannot read is refused in Vietnamese."""
    from tiendo.documents.tests.test_views import README_OPTIONS

    with pytest.raises(CommandError, match="--known-at “hôm qua” không hợp lệ"):
        call_command("report", *README_OPTIONS, "--known-at", "hôm qua", "--out", str(tmp_path))
    assert list(tmp_path.iterdir()) == []
    call_command(
        "report",
        *README_OPTIONS,
        "--known-at",
        "2024-04-02T14:00+07:00",
        "--format",
        "csv",
        "--out",
        str(tmp_path),
        stdout=StringIO(),
    )
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao-15-BC-CAT-den-2024-03-31.csv"]
