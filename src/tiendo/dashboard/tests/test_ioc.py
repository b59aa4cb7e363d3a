"""The operations centre: the same figures as the status selectors, drill-down, filters, speed."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tiendo.agencies.models import Agency, AgencyKind
from tiendo.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from tiendo.indicators.selectors import indicator_ranking, indicator_trend
from tiendo.indicators.services import values_import_csv
from tiendo.lib.text import format_decimal
from tiendo.plans.models import Plan
from tiendo.status.selectors import AsOf, DeadlineClass, Scope, status_by, status_summary
from tiendo.testing import make_cast, make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def standing(sample: Any, client: Client) -> Client:
    client.force_login(User.objects.get(username="thuongtruc"))
    return client


def figures(html: str) -> dict[str, int]:
    """The headline figures of a page ('1.275' is written with Vietnamese separators)."""
    found = re.findall(r'data-figure="(\w+)">([\d.]+)<', html)
    return {k: int(v.replace(".", "")) for k, v in found}


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
    latest = IndicatorValue.objects.filter(indicator__code="HSTT").latest("period_end").period_end
    communes = IndicatorValue.objects.filter(
        indicator__code="HSTT", period_end=latest, agency__valid_to__isnull=True
    )
    assert len(page.context["ranking"]) == communes.count() > 0
    assert page.context["trend"][-1].target == 80
    assert 'id="trend-data"' in html and "chart.umd.min.js" in html


def test_indicator_values_import_from_csv_all_or_nothing(sample: Any) -> None:
    indicator = Indicator.objects.get(code="HSTT")
    # A period before the sample's data, so the test holds whatever day it runs.
    assert not IndicatorValue.objects.filter(period_end__year=2021).exists()
    bad = (
        "ma_chi_tieu,ma_dia_ban,ky,gia_tri\n"
        "HSTT,40.17329,31/12/2021,85\n"
        "HSTT,40.00000,31/12/2021,có\n"
    )
    result = values_import_csv(bad.encode())
    assert result.created == 0
    assert result.errors == [
        "Dòng 3, cột ma_dia_ban: không có địa bàn mã “40.00000”.",
        "Dòng 3, cột gia_tri: “có” không phải số không âm.",
    ]
    assert not IndicatorValue.objects.filter(
        indicator=indicator, period_end=dt.date(2021, 12, 31)
    ).exists()
    good = 'ma_chi_tieu,ma_dia_ban,ky,gia_tri\nHSTT,40.17329,31/12/2021,"112,5"\n'
    assert values_import_csv(good.encode()).created == 1
    value = IndicatorValue.objects.get(indicator=indicator, period_end=dt.date(2021, 12, 31))
    assert str(value.value) == "112.50"  # above 100 % of target is valid


# --- indicators as of the cut-off -----------------------------------------------------------


def text_of(html: str) -> str:
    """The page's words without tags, spaces collapsed (for phrases spread over elements)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" /", " /")


def _periods(code: str) -> list[dt.date]:
    return sorted(
        set(
            IndicatorValue.objects.filter(indicator__code=code).values_list("period_end", flat=True)
        )
    )


def mean(values: list[Decimal]) -> Decimal:
    """The province's figure for a rate: the localities' average to one decimal."""
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _before_any_value() -> dt.date:
    first = IndicatorValue.objects.order_by("period_end").values_list("period_end", flat=True)[0]
    return min(dt.date(2024, 3, 31), first - dt.timedelta(days=1))


def test_indicators_before_any_value_say_there_is_no_data(standing: Client) -> None:
    day = _before_any_value()
    page = standing.get(reverse("dashboard:ioc_indicators"), {"ngay": day.isoformat()})
    html = page.content.decode()
    assert f"Số liệu tính đến ngày <strong>{day:%d/%m/%Y}</strong>" in html
    assert html.count(f"Chưa có số liệu đến ngày {day:%d/%m/%Y}.") == Indicator.objects.count()
    assert "data-period=" not in html  # no "Kỳ gần nhất" of a later period
    assert all(row.latest is None for row in page.context["rows"])


def test_indicator_page_before_any_value_has_no_trend_nor_ranking(standing: Client) -> None:
    day = _before_any_value()
    page = standing.get(
        reverse("dashboard:ioc_indicator", args=["HSTT"]), {"ngay": day.isoformat()}
    )
    html = page.content.decode()
    assert page.context["trend"] == [] and page.context["ranking"] == []
    assert f"Chưa có số liệu của chỉ tiêu này đến ngày {day:%d/%m/%Y}." in html
    assert f"Chưa có số liệu của địa bàn nào đến ngày {day:%d/%m/%Y}." in html
    assert 'id="trend-data"' not in html


def test_indicator_figures_trend_and_ranking_stop_at_the_cut_off(standing: Client) -> None:
    periods = _periods("HSTT")
    period = periods[len(periods) // 2]
    day = period + dt.timedelta(days=10)  # before the next month's end
    page = standing.get(
        reverse("dashboard:ioc_indicator", args=["HSTT"]), {"ngay": day.isoformat()}
    )
    trend = page.context["trend"]
    assert trend[-1].period_end == period
    assert [p.period_end for p in trend] == [p for p in periods if p <= day]
    values = list(
        IndicatorValue.objects.filter(indicator__code="HSTT", period_end=period).values_list(
            "value", flat=True
        )
    )
    average = mean(values)
    assert trend[-1].value == average
    assert page.context["ranking_period"] == period
    assert len(page.context["ranking"]) == len(values)
    text = text_of(page.content.decode())
    assert f"Kỳ gần nhất {period:%m/%Y}: {format_decimal(average)} %" in text
    assert f"Xếp hạng địa bàn – kỳ {period:%m/%Y}" in text
    listing = standing.get(reverse("dashboard:ioc_indicators"), {"ngay": day.isoformat()})
    assert f'data-period="{period.isoformat()}"' in listing.content.decode()
    later = [p for p in periods if p > day]
    assert later and f'data-period="{later[-1].isoformat()}"' not in listing.content.decode()


def test_indicators_count_only_localities_existing_on_the_day(standing: Client) -> None:
    """A district abolished on 1/7/2025 ranks for a 2024 period and stays in the 2024 trend
    point, but neither its late value nor itself appear for a cut-off after 1/7/2025."""
    district = Agency.objects.filter(kind=AgencyKind.DISTRICT, valid_to__isnull=False).first()
    assert district is not None and district.valid_to is not None
    indicator = Indicator.objects.get(code="KCBCCCD")  # a count: the province sums
    old = dt.date(2024, 12, 31)
    IndicatorValue.objects.create(indicator=indicator, agency=district, period_end=old, value=7)
    after = [p for p in _periods("KCBCCCD") if p > district.valid_to]
    late = after[len(after) // 2]
    IndicatorValue.objects.create(
        indicator=indicator, agency=district, period_end=late, value=999_999
    )
    url = reverse("dashboard:ioc_indicator", args=["KCBCCCD"])

    page = standing.get(url, {"ngay": "2025-01-10"})
    assert [(p.period_end, p.value) for p in page.context["trend"] if p.value] == [(old, 7)]
    assert [r.agency for r in page.context["ranking"]] == [district]

    page = standing.get(url, {"ngay": (late + dt.timedelta(days=5)).isoformat()})
    point = next(p for p in page.context["trend"] if p.period_end == late)
    communes = IndicatorValue.objects.filter(indicator=indicator, period_end=late).exclude(
        agency=district
    )
    assert point.value == sum(v.value for v in communes)
    assert (old, Decimal(7)) in [(p.period_end, p.value) for p in page.context["trend"]]
    assert district not in [r.agency for r in page.context["ranking"]]
    assert len(page.context["ranking"]) == communes.count()


def test_indicator_values_recorded_after_the_known_at_time_do_not_count(sample: Any) -> None:
    indicator = Indicator.objects.get(code="HSTT")
    province = Agency.objects.get(code="40")
    period = _periods("HSTT")[-1]
    late = IndicatorValue.objects.filter(indicator=indicator, period_end=period).first()
    assert late is not None
    IndicatorValue.objects.filter(pk=late.pk).update(
        recorded_at=timezone.now() + dt.timedelta(hours=1)
    )
    as_of = AsOf.make(period, known_at=timezone.now())
    others = list(
        IndicatorValue.objects.filter(indicator=indicator, period_end=period)
        .exclude(pk=late.pk)
        .values_list("value", flat=True)
    )
    average = mean(others)
    assert indicator_trend(indicator, province, as_of)[-1].value == average
    ranked = indicator_ranking(indicator, province, as_of).rows
    assert late.agency not in [r.agency for r in ranked] and len(ranked) == len(others)


def test_indicator_numbers_carry_thousands_separators(standing: Client) -> None:
    """“1.275.000 người / chỉ tiêu 1.700.000”, in the list, the detail, the ranking, the wall."""
    indicator = Indicator.objects.create(code="TDNGUOI", name="Số người thử nghiệm", unit="người")
    province = Agency.objects.get(code="40")
    commune = Agency.objects.filter(kind=AgencyKind.COMMUNE, valid_to__isnull=True).first()
    assert commune is not None
    period = dt.date(2026, 1, 31)
    IndicatorTarget.objects.create(
        indicator=indicator, agency=province, period_end=period, target=1_700_000
    )
    IndicatorValue.objects.create(
        indicator=indicator, agency=commune, period_end=period, value=Decimal("1275000.00")
    )
    params = {"ngay": "2026-02-10"}
    detail = text_of(
        standing.get(reverse("dashboard:ioc_indicator", args=["TDNGUOI"]), params).content.decode()
    )
    assert "Kỳ gần nhất 01/2026: 1.275.000 người / chỉ tiêu 1.700.000 (75%)" in detail
    assert f"1 {commune.name} 1.275.000 1.700.000 75%" in detail  # the ranking row
    listing = standing.get(reverse("dashboard:ioc_indicators"), params).content.decode()
    assert "1.275.000 người" in listing and "1.700.000" in listing
    assert "1275000" not in listing
    wall = text_of(standing.get(reverse("dashboard:ioc_wall"), params).content.decode())
    assert "1.275.000 người / 1.700.000" in wall


# --- the agency filter ----------------------------------------------------------------------


def _options(html: str) -> dict[str, str]:
    select = re.search(r'<select id="id_don_vi" name="don_vi">(.*?)</select>', html, re.S)
    assert select is not None
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select.group(1)))


def test_the_agency_filter_is_chosen_by_name_among_the_province(standing: Client) -> None:
    html = standing.get(reverse("dashboard:ioc_overview"), {"ngay": "2024-03-31"}).content.decode()
    options = _options(html)
    assert options["40.SYT"] == "Sở Y tế"
    assert '<optgroup label="Sở, ban, ngành">' in html
    day = dt.date(2024, 3, 31)
    valid = Agency.objects.filter(path__startswith=Agency.objects.get(code="40").path).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
    )
    assert set(options) == set(valid.values_list("code", flat=True))
    assert not Agency.objects.filter(code__in=options, valid_from__gt=day).exists()
    later = _options(
        standing.get(reverse("dashboard:ioc_overview"), {"ngay": "2026-03-31"}).content.decode()
    )
    assert Agency.objects.filter(code__in=later, kind=AgencyKind.COMMUNE).exists()
    assert not Agency.objects.filter(code__in=later, kind=AgencyKind.DISTRICT).exists()


def test_a_department_chooses_only_within_its_own_subtree(client: Client, sample: Any) -> None:
    client.force_login(User.objects.get(username="yte.chuyenvien"))
    html = client.get(reverse("dashboard:ioc_overview"), {"ngay": "2024-03-31"}).content.decode()
    health = Agency.objects.get(code="40.SYT")
    options = _options(html)
    assert "40.SYT" in options and "40.SKHCN" not in options
    assert all(a.path.startswith(health.path) for a in Agency.objects.filter(code__in=options))
    other = client.get(
        reverse("dashboard:ioc_overview"), {"ngay": "2024-03-31", "don_vi": "40.SKHCN"}
    ).content.decode()
    assert "chỉ xem được các cơ quan, đơn vị trong phạm vi của mình" in other
    assert "Số liệu tính đến ngày <strong>31/03/2024</strong>" in other  # the cut-off stays
    own = status_summary(
        Scope(plans=list(Plan.objects.all()), agency=health), AsOf.make(dt.date(2024, 3, 31))
    ).all
    assert figures(other)["total"] == own.total


def test_the_chosen_agency_is_kept_in_the_url_and_scopes_the_figures(standing: Client) -> None:
    params = {"ngay": "2024-03-31", "don_vi": "40.SYT"}
    html = standing.get(reverse("dashboard:ioc_overview"), params).content.decode()
    assert '<option value="40.SYT" selected>Sở Y tế</option>' in html
    assert "don_vi=40.SYT" in html  # the tabs and links keep it
    health = Agency.objects.get(code="40.SYT")
    expected = status_summary(
        Scope(plans=list(Plan.objects.all()), agency=health), AsOf.make(dt.date(2024, 3, 31))
    ).all
    assert figures(html) == {
        "total": expected.total,
        "done": expected.done,
        "in_progress": expected.in_progress,
        "not_started": expected.not_started,
        "overdue": expected.overdue,
    }


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"don_vi": "KHONG-CO"}, "Không tìm thấy cơ quan, đơn vị có mã “KHONG-CO”."),
        ({"ke_hoach": "999999"}, "Không tìm thấy kế hoạch này"),
        ({"nhom": "999999"}, "Nhóm nhiệm vụ không thuộc kế hoạch đã chọn."),
        ({"loai": "khong-co"}, "Không có loại “khong-co”; đã bỏ qua điều kiện này."),
        ({"ke_hoach": "abc"}, "Kế hoạch không hợp lệ; đã bỏ qua điều kiện này."),
    ],
)
def test_a_bad_filter_keeps_the_other_filters(
    standing: Client, bad: dict[str, str], message: str
) -> None:
    as_of = AsOf.make(dt.date(2024, 3, 31))
    expected = status_summary(Scope(plans=list(Plan.objects.all())), as_of).all
    for name in ("ioc_overview", "ioc_agencies", "ioc_obstacles", "ioc_indicators", "ioc_wall"):
        html = standing.get(
            reverse(f"dashboard:{name}"), {"ngay": "2024-03-31", **bad}
        ).content.decode()
        assert message in html, name
        assert "31/03/2024</strong>" in html, name  # not reset to today
        if name in ("ioc_overview", "ioc_wall"):
            assert figures(html)["total"] == expected.total
            assert figures(html)["done"] == expected.done, name
    health = Agency.objects.get(code="40.SYT")
    html = standing.get(
        reverse("dashboard:ioc_overview"), {"ngay": "31-13-2024", "don_vi": "40.SYT"}
    ).content.decode()
    assert "Ngày chốt số liệu không hợp lệ" in html
    own = status_summary(Scope(plans=list(Plan.objects.all()), agency=health), AsOf.make(today()))
    assert figures(html)["total"] == own.all.total  # the agency still applies


def today() -> dt.date:
    return timezone.localdate()


# --- links, wall, phone ---------------------------------------------------------------------


def test_item_links_carry_the_cut_off(standing: Client) -> None:
    params = {"ngay": "2024-03-31"}
    pages = [
        reverse("dashboard:ioc_overview"),
        reverse("dashboard:ioc_obstacles"),
        reverse("dashboard:ioc_agency", args=["40.CAT"]),
    ]
    for url in pages:
        html = standing.get(url, params).content.decode()
        links = re.findall(r'href="/nhiem-vu/\d+/([^"]*)"', html)
        assert links, url
        assert set(links) == {"?ngay=2024-03-31"}, url


def test_the_wall_refreshes_by_script_and_shows_every_panel(standing: Client) -> None:
    as_of = AsOf.make(dt.date(2024, 3, 31))
    page = standing.get(reverse("dashboard:ioc_wall"), {"ngay": "2024-03-31"})
    html = page.content.decode()
    assert "http-equiv" not in html.lower()  # no <meta http-equiv="refresh">
    assert 'data-refresh="300"' in html and "tiendo/wall.js" in html
    assert "Tính lúc" in html and "data-computed" in html  # when the figures were computed
    assert " hidden" not in html  # without script every panel shows
    expected = status_summary(Scope(plans=list(Plan.objects.all())), as_of).all
    assert figures(html)["overdue"] == expected.overdue
    assert 'id="burn-data"' in html and "Tiến độ hoàn thành" in html
    worst = max(
        status_by(Scope(plans=list(Plan.objects.all())), as_of, "lead_agency_id").items(),
        key=lambda pair: pair[1].overdue,
    )
    agency = Agency.objects.get(pk=worst[0])
    row = f'">{agency.label}</th><td class="num n-overdue">{worst[1].overdue}</td>'
    assert row in html
    assert "Chỉ tiêu so với mục tiêu" in html
    assert "Chưa có số liệu chỉ tiêu nào đến ngày 31/03/2024" in html
    assert "toàn tỉnh đã hoàn thành 06 mô hình" in html  # the plans' results fill the panel
    later = standing.get(reverse("dashboard:ioc_wall")).content.decode()
    assert "<meter" in later  # indicators against target, as of today


def test_every_ioc_page_loads_its_own_stylesheet(standing: Client) -> None:
    urls = [
        reverse("dashboard:ioc_overview"),
        reverse("dashboard:ioc_agencies"),
        reverse("dashboard:ioc_agency", args=["40.CAT"]),
        reverse("dashboard:ioc_obstacles"),
        reverse("dashboard:ioc_indicators"),
        reverse("dashboard:ioc_indicator", args=["HSTT"]),
        reverse("dashboard:ioc_wall"),
    ]
    for url in urls:
        html = standing.get(url, {"ngay": "2024-03-31"}).content.decode()
        head = html.split("</head>")[0]
        assert "tiendo/ioc.css" in head, url
