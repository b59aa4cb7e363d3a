"""The `tiendo status` command: figures, sentences, and clear messages for bad input."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tiendo.testing import make_plan

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("status", *args, stdout=out)
    return out.getvalue()


def test_status_prints_the_officials_sentence(sample: object) -> None:
    text = run("--plan", "762/KH-UBND", "--as-of", "2024-03-31")
    assert (
        "Trong số 38 mô hình điểm theo Kế hoạch số 762/KH-UBND, toàn tỉnh đã hoàn thành 06 mô "
        "hình, đang thực hiện 20 mô hình, còn lại 12 mô hình chưa triển khai." in text
    )
    assert "Số liệu tính đến ngày 31/03/2024" in text


def test_cutoff_that_is_not_a_date_is_refused_in_vietnamese() -> None:
    make_plan(number="5/KH-UBND")
    with pytest.raises(CommandError, match='Ngày chốt số liệu "hôm qua" không hợp lệ'):
        run("--plan", "5/KH-UBND", "--as-of", "hôm qua")
    with pytest.raises(CommandError, match="không tồn tại trong lịch"):
        run("--plan", "5/KH-UBND", "--as-of", "31/02/2024")


def test_unknown_plan_and_unknown_agency_are_named_in_the_message() -> None:
    make_plan(number="5/KH-UBND")
    with pytest.raises(CommandError, match='Không tìm thấy kế hoạch số "999/KH-UBND"'):
        run("--plan", "999/KH-UBND", "--as-of", "2024-03-31")
    with pytest.raises(CommandError, match='Không tìm thấy cơ quan, đơn vị có mã "XX"'):
        run("--plan", "5/KH-UBND", "--as-of", "2024-03-31", "--agency", "XX")


def test_same_number_in_two_provinces_asks_which_one() -> None:
    make_plan(number="7/KH-UBND")
    make_plan(number="7/KH-UBND")
    with pytest.raises(CommandError, match="Có nhiều kế hoạch cùng số"):
        run("--plan", "7/KH-UBND", "--as-of", "2024-03-31")


def test_known_at_that_is_not_a_time_is_refused() -> None:
    make_plan(number="5/KH-UBND")
    with pytest.raises(CommandError, match="Thời điểm ghi nhận"):
        run("--plan", "5/KH-UBND", "--as-of", "2024-03-31", "--known-at", "sáng nay")
