"""The operations centre: the same figures as the status selectors, drill-down, filters, speed."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tiendo.indicators.models import Indicator, IndicatorValue
from tiendo.indicators.services import values_import_csv
from tiendo.plans.models import Plan
from tiendo.status.selectors import AsOf, DeadlineClass, Scope, status_by, status_summary
from tiendo.testing import make_cast, make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def standing(sample: Any, client: Client) -> Client:
    client.force_login(User.objects.get(username="thuongtruc"))
    return client


def figures(html: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'data-figure="(\w+)">(\d+)<', html)}


@pytest.mark.parametrize("day", ["2023-12-31", "2024-03-31", "2024-09-30", "2025-06-30"])
def test_overview_figures_are_the_status_selectors(standing: Client, day: str) -> None:
    html = standing.get(reverse("dashboard:ioc_overview"), {"ngay": day}).content.decode()
    plans = list(Plan.objects.all())
    expected = status_summary(Scope(plans=plans), AsOf.make(dt.date.fromisoformat(day))).all
    assert figures(html) == {
        "total": expected.total,
        "done": expected.done,
        "in_progress": expected.in_progress,
        "not_started": expected.not_started,
        "overdue": expected.overdue,
    }


def test_overview_as_of_end_of_q1_shows_the_articles_figures(standing: Client) -> None:
    html = standing.get(reverse("dashboard:ioc_overview"), {"ngay": "2024-03-31"}).content.decode()
    assert (
        "toàn tỉnh đã hoàn thành 06 mô hình, đang thực hiện 20 mô hình, còn lại 12 mô hình" in html
    )
    assert "Có 51 nhiệm vụ tại 10 nhóm nhiệm vụ theo Kế hoạch số 87/KH-UBND" in html
    assert "tính lúc" in html  # every figure is stamped with when it was computed


def test_agency_figures_drill_down_to_exactly_the_items_behind_them(standing: Client) -> None:
    as_of = AsOf.make(dt.date(2024, 3, 31))
    per_agency = status_by(Scope(plans=list(Plan.objects.all())), as_of, "lead_agency_id")
    page = standing.get(reverse("dashboard:ioc_agencies"), {"ngay": "2024-03-31"})
    assert page.status_code == 200
    worst = max(per_agency.items(), key=lambda pair: pair[1].overdue)
    agency = next(c.agency for c in page.context["cards"] if c.agency.pk == worst[0])
    assert page.context["cards"][0].counts.overdue == worst[1].overdue  # ranked first
    behind = standing.get(
        reverse("dashboard:ioc_agency", args=[agency.code]),
        {"ngay": "2024-03-31", "han": "overdue"},
    )
    rows = behind.context["rows"]
    assert len(rows) == worst[1].overdue
    assert {r.deadline_class for r in rows} == {DeadlineClass.OVERDUE}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"don_vi": "KHONG-CO"}, "Không tìm thấy cơ quan, đơn vị có mã “KHONG-CO”."),
        ({"ngay": "31-13-2024"}, "Ngày chốt số liệu không hợp lệ"),
        ({"ke_hoach": "999999"}, "Không tìm thấy kế hoạch này, hoặc bạn không có quyền xem."),
    ],
)
def test_bad_filters_give_a_message_not_an_error(
    standing: Client, params: dict[str, str], message: str
) -> None:
    for name in ("ioc_overview", "ioc_agencies", "ioc_obstacles", "ioc_wall"):
        response = standing.get(reverse(f"dashboard:{name}"), params, follow=True)
        assert response.status_code == 200
        assert message in response.content.decode(), name


def test_another_provinces_plan_is_not_shown(client: Client, sample: Any) -> None:
    cast = make_cast()  # a second province with its own plan
    client.force_login(User.objects.get(username="thuongtruc"))
    response = client.get(reverse("dashboard:ioc_overview"), {"ke_hoach": cast.plan.pk})
    assert "Không tìm thấy kế hoạch này" in response.content.decode()


def test_pages_use_a_bounded_number_of_queries(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    cast = make_cast()
    client.force_login(cast.standing)
    for size in (5, 60):
        for _ in range(size):
            make_item(cast.plan, lead=cast.health)
        for name in ("ioc_overview", "ioc_agencies", "ioc_obstacles", "ioc_wall"):
            with django_assert_max_num_queries(45):
                assert (
                    client.get(reverse(f"dashboard:{name}"), {"ngay": "2024-03-31"}).status_code
                    == 200
                )


def test_indicator_page_shows_trend_target_and_ranking(standing: Client) -> None:
    page = standing.get(reverse("dashboard:ioc_indicator", args=["HSTT"]))
    html = page.content.decode()
    assert "Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận trực tuyến" in html
    assert len(page.context["ranking"]) == 130
    assert page.context["trend"][-1].target == 80
    assert 'id="trend-data"' in html and "chart.umd.min.js" in html


def test_indicator_values_import_from_csv_all_or_nothing(sample: Any) -> None:
    indicator = Indicator.objects.get(code="HSTT")
    bad = (
        "ma_chi_tieu,ma_dia_ban,ky,gia_tri\n"
        "HSTT,40.17329,31/12/2026,85\n"
        "HSTT,40.00000,31/12/2026,có\n"
    )
    result = values_import_csv(bad.encode())
    assert result.created == 0
    assert result.errors == [
        "Dòng 3, cột ma_dia_ban: không có địa bàn mã “40.00000”.",
        "Dòng 3, cột gia_tri: “có” không phải số không âm.",
    ]
    assert not IndicatorValue.objects.filter(
        indicator=indicator, period_end=dt.date(2026, 12, 31)
    ).exists()
    good = 'ma_chi_tieu,ma_dia_ban,ky,gia_tri\nHSTT,40.17329,31/12/2026,"112,5"\n'
    assert values_import_csv(good.encode()).created == 1
    value = IndicatorValue.objects.get(indicator=indicator, period_end=dt.date(2026, 12, 31))
    assert str(value.value) == "112.50"  # above 100 % of target is valid
