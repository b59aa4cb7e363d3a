"""A report's particulars: defaults from the issuing agency and the cut-off; refusals."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tiendo.agencies.models import Agency
from tiendo.documents.particulars import ReportSpec, validate_spec
from tiendo.documents.report import build_report
from tiendo.documents.selectors import (
    agency_particulars,
    default_cutoff,
    default_issue_date,
    default_summary,
)
from tiendo.plans.models import Plan
from tiendo.progress.models import ReportingPeriod
from tiendo.status.selectors import AsOf
from tiendo.testing import VN

pytestmark = pytest.mark.django_db
CONFERENCE = dt.datetime(2024, 4, 2, 14, tzinfo=VN)


def plans() -> list[Plan]:
    return list(Plan.objects.filter(number__in=["762/KH-UBND", "87/KH-UBND"]).order_by("issued_on"))


def spec(**overrides: Any) -> ReportSpec:
    base = ReportSpec(
        plans=plans(),
        as_of=AsOf.make(dt.date(2024, 3, 31), CONFERENCE),
        number="15/BC-CAT",
        issuing_body="Công an tỉnh",
        parent_body="UBND tỉnh Nghệ An",
        place="Nghệ An",
        issued_on=dt.date(2024, 4, 2),
        summary="Kết quả thực hiện Đề án 06 quý I năm 2024",
        addressees=["Ủy ban nhân dân tỉnh Nghệ An"],
        authority="KT.",
        authority_body="GIÁM ĐỐC",
        signer_position="PHÓ GIÁM ĐỐC",
        signer_name="Trần Ngọc Tuấn",
        recipients=["Như trên"],
    )
    return replace(base, **overrides)


def refusals(request: ReportSpec) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        validate_spec(request)
    with pytest.raises(ValidationError):
        build_report(request)  # nothing is drafted either
    return error.value.message_dict


def test_a_complete_request_passes(sample: Any) -> None:
    validate_spec(spec())


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"number": ""}, "number", "Chưa nhập số, ký hiệu báo cáo (ví dụ 15/BC-CAT)."),
        ({"number": "/BC-CAT"}, "number", "Số báo cáo “/BC-CAT” không đúng dạng"),
        ({"issuing_body": " "}, "issuing_body", "Chưa nhập cơ quan ban hành."),
        ({"place": ""}, "place", "Chưa nhập địa danh."),
        ({"summary": ""}, "summary", "Chưa nhập trích yếu."),
        ({"addressees": []}, "addressees", "Chưa nhập nơi “Kính gửi”"),
        ({"addressees": ["  "]}, "addressees", "Chưa nhập nơi “Kính gửi”"),
        ({"signer_position": ""}, "signer_position", "Chưa nhập chức vụ người ký."),
        ({"signer_name": ""}, "signer_name", "Chưa nhập họ và tên người ký."),
        ({"issued_on": None}, "issued_on", "Chưa nhập ngày ban hành."),
        ({"authority_body": ""}, "authority_body", "Sau “KT.” cần ghi"),
        ({"deputy_of": "CHỦ TỊCH"}, "deputy_of", "“KT. CHỦ TỊCH” chỉ dùng dưới “TM.”"),
        (
            {"issued_on": dt.date(2024, 3, 30)},
            "issued_on",
            "Ngày ban hành 30/03/2024 trước ngày chốt số liệu 31/03/2024",
        ),
        (
            {"issued_on": dt.date(2026, 12, 3)},
            "issued_on",
            "Ngày ban hành 03/12/2026 sau ngày hôm nay (02/12/2026)",
        ),
        (
            {"as_of": AsOf.make(dt.date(2030, 6, 30), CONFERENCE)},
            "as_of",
            "Ngày chốt số liệu 30/06/2030 sau ngày hôm nay (02/12/2026)",
        ),
        (
            {"as_of": AsOf.make(dt.date(2024, 3, 31), dt.datetime(2026, 12, 3, 8, tzinfo=VN))},
            "known_at",
            "Thời điểm ghi nhận dữ liệu 08:00 ngày 03/12/2026 ở tương lai",
        ),
        (
            {"as_of": AsOf.make(dt.date(2024, 3, 31), dt.datetime(2019, 5, 1, 8, tzinfo=VN))},
            "known_at",
            "trước năm 2020",
        ),
        (
            {"next_until": dt.date(2024, 3, 31)},
            "next_until",
            "phải sau ngày chốt số liệu 31/03/2024",
        ),
        (
            {
                "issuing_body": "Ủy ban nhân dân tỉnh Nghệ An",
                "addressees": ["UBND tỉnh Nghệ An"],
            },
            "addressees",
            "“Kính gửi” không thể là chính cơ quan ban hành",
        ),
    ],
)
def test_each_wrong_particular_is_refused_with_its_message(
    sample: Any, overrides: dict[str, Any], field: str, message: str
) -> None:
    # "Today" is a fixed day so that the messages can name it.
    with time_machine.travel(dt.datetime(2026, 12, 2, 10, tzinfo=VN), tick=False):
        errors = refusals(spec(**overrides))
    assert field in errors, errors
    assert any(message in said for said in errors[field]), errors[field]


def test_every_empty_particular_is_named_at_once(sample: Any) -> None:
    errors = refusals(
        spec(
            number="",
            issuing_body="",
            place="",
            summary="",
            addressees=[],
            signer_position="",
            signer_name="",
            issued_on=None,
        )
    )
    assert set(errors) >= {
        "number",
        "issuing_body",
        "place",
        "summary",
        "addressees",
        "signer_position",
        "signer_name",
        "issued_on",
    }


def test_police_defaults(sample: Any) -> None:
    police = agency_particulars(Agency.objects.get(code="40.CAT"))
    assert police["issuing_body"] == "Công an tỉnh"
    assert police["parent_body"] == "UBND tỉnh Nghệ An"
    assert police["number"] == "/BC-CAT"
    assert police["addressees"] == ["Ủy ban nhân dân tỉnh Nghệ An"]
    assert police["recipients"][0] == "Như trên"
    assert police["issuing_agency"].code == "40.CAT"
    signed = spec(**{k: v for k, v in police.items() if k != "number"})
    assert signed.signature_lines() == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    validate_spec(signed)


def test_department_defaults_use_its_own_abbreviation_and_report_to_ubnd(sample: Any) -> None:
    health = agency_particulars(Agency.objects.get(code="40.SYT"))
    assert health["number"] == "/BC-SYT"
    assert (health["issuing_body"], health["parent_body"]) == ("Sở Y tế", "UBND tỉnh Nghệ An")
    assert health["place"] == "Nghệ An"
    assert health["addressees"] == ["Ủy ban nhân dân tỉnh Nghệ An"]
    signed = spec(**{k: v for k, v in health.items() if k != "number"}, number="3/BC-SYT")
    assert signed.signature_lines() == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    validate_spec(signed)


def test_provincial_committee_signs_for_the_collective_and_reports_upward(sample: Any) -> None:
    province = agency_particulars(Agency.objects.get(code="40"))
    assert province["issuing_body"] == "Ủy ban nhân dân tỉnh Nghệ An"
    assert province["issuing_body"].upper() == "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN"
    assert province["parent_body"] == ""
    assert province["number"] == "/BC-UBND"
    assert "Ủy ban nhân dân tỉnh Nghệ An" not in province["addressees"]
    assert province["addressees"] == ["Tổ Công tác triển khai Đề án 06 của Chính phủ", "Bộ Công an"]
    signed = spec(**{k: v for k, v in province.items() if k != "number"}, number="9/BC-UBND")
    assert signed.signature_lines() == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    validate_spec(signed)


def test_issue_date_is_the_periods_due_date_for_its_cutoff(sample: Any) -> None:
    chosen = plans()
    ReportingPeriod.objects.filter(plan__in=chosen, cutoff=dt.date(2024, 3, 31)).update(
        due_on=dt.date(2024, 4, 5)
    )
    assert ReportingPeriod.objects.filter(plan__in=chosen, cutoff=dt.date(2024, 3, 31)).exists()
    assert default_issue_date(dt.date(2024, 3, 31), chosen, dt.date(2026, 12, 2)) == dt.date(
        2024, 4, 5
    )
    # Never after today.
    assert default_issue_date(dt.date(2024, 3, 31), chosen, dt.date(2024, 4, 3)) == dt.date(
        2024, 4, 3
    )


def test_issue_date_without_a_period_is_two_working_days_after(sample: Any) -> None:
    chosen = plans()
    # 15/5/2024 is a Wednesday with no period: Thursday, Friday.
    assert not ReportingPeriod.objects.filter(cutoff=dt.date(2024, 5, 15)).exists()
    assert default_issue_date(dt.date(2024, 5, 15), chosen, dt.date(2026, 12, 2)) == dt.date(
        2024, 5, 17
    )
    # 26/4/2024 is a Friday before 29/4 (bridged), 30/4 and 1/5: Thursday 2/5, Friday 3/5.
    assert default_issue_date(dt.date(2024, 4, 26), [], dt.date(2026, 12, 2)) == dt.date(2024, 5, 3)


@pytest.mark.parametrize(
    ("cutoff", "summary"),
    [
        (dt.date(2024, 3, 31), "Kết quả thực hiện Đề án 06 quý I năm 2024"),
        (dt.date(2024, 3, 14), "Kết quả thực hiện Đề án 06 quý I năm 2024"),
        (dt.date(2024, 6, 14), "Kết quả thực hiện Đề án 06 trong 6 tháng đầu năm 2024"),
        (dt.date(2024, 6, 30), "Kết quả thực hiện Đề án 06 trong 6 tháng đầu năm 2024"),
        (dt.date(2024, 9, 30), "Kết quả thực hiện Đề án 06 trong 9 tháng đầu năm 2024"),
        (dt.date(2024, 12, 31), "Kết quả thực hiện Đề án 06 năm 2024"),
        (dt.date(2024, 5, 14), "Kết quả thực hiện Đề án 06 tháng 5 năm 2024"),
        (dt.date(2024, 5, 15), "Kết quả thực hiện Đề án 06 đến ngày 15/05/2024"),
    ],
)
def test_summary_follows_the_cutoff(cutoff: dt.date, summary: str) -> None:
    assert default_summary(cutoff) == summary


def test_default_cutoff_is_the_last_quarter_end() -> None:
    assert default_cutoff(dt.date(2024, 4, 10)) == dt.date(2024, 3, 31)
    assert default_cutoff(dt.date(2024, 3, 31)) == dt.date(2024, 3, 31)
    assert default_cutoff(dt.date(2025, 1, 2)) == dt.date(2024, 12, 31)
