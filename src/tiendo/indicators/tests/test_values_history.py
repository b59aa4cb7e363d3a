"""Indicator values are never overwritten: the KPI figures officials quote most are read as
known at K, a correction is kept beside the value it corrects, and both are audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tiendo.agencies.models import AgencyKind
from tiendo.audit.models import AuditEvent
from tiendo.indicators.models import IndicatorValue
from tiendo.indicators.selectors import indicator_ranking, indicator_trend, indicators_as_of
from tiendo.indicators.services import (
    indicator_upsert,
    target_set,
    value_record,
    values_import_csv,
)
from tiendo.status.selectors import AsOf
from tiendo.testing import VN, make_agency

pytestmark = pytest.mark.django_db

PERIOD = dt.date(2024, 3, 31)
FIRST = dt.datetime(2024, 4, 2, 9, tzinfo=VN)
CORRECTED = dt.datetime(2024, 4, 10, 15, tzinfo=VN)


def test_a_corrected_value_leaves_the_figure_known_before_it_unchanged() -> None:
    province = make_agency("UBND tỉnh thử", kind=AgencyKind.PROVINCE)
    commune = make_agency("UBND xã Hưng Lộc", parent=province, kind=AgencyKind.COMMUNE)
    rate = indicator_upsert(code="HS-TT", name="Tỷ lệ hồ sơ trực tuyến", unit="%", is_rate=True)
    value_record(
        indicator=rate, agency=commune, period_end=PERIOD, value=Decimal("62.5"), recorded_at=FIRST
    )
    value_record(
        indicator=rate,
        agency=commune,
        period_end=PERIOD,
        value=Decimal("58.0"),
        recorded_at=CORRECTED,
    )

    def seen(known_at: dt.datetime) -> list[Decimal | None]:
        as_of = AsOf.make(PERIOD, known_at)
        trend = [p.value for p in indicator_trend(rate, province, as_of)]
        [status] = [s for s in indicators_as_of(province, as_of) if s.indicator == rate]
        ranked = [r.value for r in indicator_ranking(rate, province, as_of).rows]
        return [*trend, status.latest.value if status.latest else None, *ranked]

    assert seen(dt.datetime(2024, 4, 1, 9, tzinfo=VN)) == [None]
    assert seen(dt.datetime(2024, 4, 5, 9, tzinfo=VN)) == [Decimal("62.5")] * 3
    assert seen(dt.datetime(2024, 4, 11, 9, tzinfo=VN)) == [Decimal("58.0")] * 3
    rows = IndicatorValue.objects.filter(indicator=rate).order_by("recorded_at")
    assert [(r.value, r.superseded_at) for r in rows] == [
        (Decimal("62.50"), CORRECTED),
        (Decimal("58.00"), None),
    ]
    events = AuditEvent.objects.filter(object_type="indicators.indicatorvalue").order_by("pk")
    assert [(e.action, e.before, e.after) for e in events] == [
        ("indicator.record", None, {"value": "62.5"}),
        ("indicator.correct", {"value": "62.50"}, {"value": "58.0"}),
    ]


def test_the_same_value_again_changes_nothing_and_a_backdated_correction_is_refused() -> None:
    commune = make_agency("UBND xã Nghi Phú", kind=AgencyKind.COMMUNE)
    count = indicator_upsert(code="TK-VNEID", name="Tài khoản VNeID kích hoạt", unit="tài khoản")
    first = value_record(
        indicator=count, agency=commune, period_end=PERIOD, value=Decimal(1200), recorded_at=FIRST
    )
    again = value_record(
        indicator=count,
        agency=commune,
        period_end=PERIOD,
        value=Decimal(1200),
        recorded_at=CORRECTED,
    )
    assert again.pk == first.pk and again.superseded_at is None
    with pytest.raises(ValidationError, match="ghi nhận sau"):
        value_record(
            indicator=count,
            agency=commune,
            period_end=PERIOD,
            value=Decimal(1300),
            recorded_at=FIRST - dt.timedelta(hours=1),
        )
    assert list(IndicatorValue.objects.filter(indicator=count).values_list("value", flat=True)) == [
        Decimal("1200.00")
    ]
    assert AuditEvent.objects.filter(object_type="indicators.indicatorvalue").count() == 1


def test_a_csv_of_corrections_keeps_the_values_it_replaces() -> None:
    commune = make_agency("UBND xã Hưng Lộc", code="XA-HL", kind=AgencyKind.COMMUNE)
    indicator_upsert(code="HS-TT", name="Tỷ lệ hồ sơ trực tuyến", unit="%", is_rate=True)
    csv = "ma_chi_tieu,ma_dia_ban,ky,gia_tri\nHS-TT,XA-HL,31/03/2024,{}\n"
    assert values_import_csv(csv.format('"62,5"').encode()).errors == []
    assert values_import_csv(csv.format("58").encode()).errors == []
    history = IndicatorValue.objects.filter(agency=commune).order_by("recorded_at")
    assert [(v.value, v.superseded_at is None) for v in history] == [
        (Decimal("62.50"), False),
        (Decimal("58.00"), True),
    ]


def test_a_decimal_comma_left_unquoted_is_refused_not_cut() -> None:
    make_agency("UBND xã Hưng Lộc", code="XA-HL", kind=AgencyKind.COMMUNE)
    indicator_upsert(code="HS-TT", name="Tỷ lệ hồ sơ trực tuyến", unit="%", is_rate=True)
    result = values_import_csv(b"ma_chi_tieu,ma_dia_ban,ky,gia_tri\nHS-TT,XA-HL,31/03/2024,62,5\n")
    assert result.created == 0
    assert result.errors == [
        "Dòng 2: thừa 1 cột so với tiêu đề (ma_chi_tieu, ma_dia_ban, ky, gia_tri); số có dấu "
        'phẩy thập phân cần đặt trong ngoặc kép (ví dụ "62,5") hoặc ghi bằng dấu chấm (62.5).'
    ]
    assert not IndicatorValue.objects.filter(indicator__code="HS-TT").exists()


def test_a_new_target_leaves_the_percentage_known_before_it_unchanged() -> None:
    province = make_agency("UBND tỉnh thử", kind=AgencyKind.PROVINCE)
    count = indicator_upsert(code="TK-MUCTIEU", name="Tài khoản VNeID kích hoạt", unit="tài khoản")
    value_record(
        indicator=count, agency=province, period_end=PERIOD, value=Decimal(900), recorded_at=FIRST
    )
    target_set(
        indicator=count,
        agency=province,
        period_end=PERIOD,
        target=Decimal(1000),
        recorded_at=FIRST,
    )
    same = target_set(
        indicator=count,
        agency=province,
        period_end=PERIOD,
        target=Decimal(1000),
        recorded_at=CORRECTED,
    )
    assert same.recorded_at == FIRST  # the same target again writes nothing
    target_set(
        indicator=count,
        agency=province,
        period_end=PERIOD,
        target=Decimal(1200),
        recorded_at=CORRECTED,
    )

    def seen(known_at: dt.datetime) -> tuple[Decimal | None, float | None]:
        as_of = AsOf.make(PERIOD, known_at)
        [point] = indicator_trend(count, province, as_of)
        [status] = [s for s in indicators_as_of(province, as_of) if s.indicator == count]
        assert status.latest is not None
        return point.target, status.latest.percent_of_target

    assert seen(dt.datetime(2024, 4, 5, 9, tzinfo=VN)) == (Decimal("1000.00"), 90.0)
    assert seen(dt.datetime(2024, 4, 11, 9, tzinfo=VN)) == (Decimal("1200.00"), 75.0)
    events = AuditEvent.objects.filter(action="indicator.target").order_by("pk")
    assert [(e.before, e.after) for e in events] == [
        (None, {"target": "1000"}),
        ({"target": "1000.00"}, {"target": "1200"}),
    ]
    with pytest.raises(ValidationError):
        target_set(
            indicator=count,
            agency=province,
            period_end=PERIOD,
            target=Decimal(1500),
            recorded_at=FIRST,  # before the target it would replace
        )
