"""Illustrative values of Đề án 06 indicators for Nghệ An's 130 communes (domain.md §2).

Monthly from 7/2025 (the new communes) to the last month; targets for the province and, for
counts, for each commune. Values grow over time and some exceed their target (valid).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from tiendo.agencies.models import Agency, AgencyKind
from tiendo.indicators.models import IndicatorTarget, IndicatorValue
from tiendo.indicators.services import indicator_upsert
from tiendo.lib.dates import quarter_end

# code, name, unit, is_rate, province target, start level (share of target), monthly growth
INDICATORS = (
    ("HSTT", "Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận trực tuyến", "%", True, 80, 0.55, 0.025),
    ("TTTT", "Tỷ lệ thanh toán trực tuyến phí, lệ phí", "%", True, 45, 0.50, 0.035),
    ("ASXH", "Tỷ lệ chi trả an sinh xã hội không dùng tiền mặt", "%", True, 90, 0.70, 0.02),
    (
        "VNEID2",
        "Số tài khoản định danh điện tử mức 2 được kích hoạt",
        "tài khoản",
        False,
        2_400_000,
        0.60,
        0.02,
    ),
    (
        "KCBCCCD",
        "Số cơ sở khám chữa bệnh tiếp nhận khám bằng CCCD gắn chip",
        "cơ sở",
        False,
        520,
        0.65,
        0.02,
    ),
)
ESSENTIAL = (
    "DVCTY",
    "Số dịch vụ công thiết yếu cung cấp trên Cổng Dịch vụ công quốc gia",
    "dịch vụ",
    25,
)


def months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        next_first = dt.date(year + (month == 12), month % 12 + 1, 1)
        out.append(next_first - dt.timedelta(days=1))
        year, month = next_first.year, next_first.month
    return out


@transaction.atomic
def load_indicator_sample(province: Agency, today: dt.date) -> int:
    """Idempotent: an indicator that already has values is left as it is."""
    communes = list(
        Agency.objects.filter(parent=province, kind=AgencyKind.COMMUNE).order_by("code")
    )
    periods = months(dt.date(2025, 7, 31), today.replace(day=1) - dt.timedelta(days=1))
    created = 0
    for code, name, unit, is_rate, target, start, growth in INDICATORS:
        indicator = indicator_upsert(
            code=code,
            name=name,
            unit=unit,
            is_rate=is_rate,
            baseline=Decimal(round(target * start, 2)),
        )
        if indicator.values.exists():
            continue
        rng = random.Random(code)  # noqa: S311 - reproducible sample
        weights = [rng.uniform(0.4, 1.6) for _ in communes]
        total_weight = sum(weights)
        values, targets = [], []
        for period in periods:
            targets.append(
                IndicatorTarget(
                    indicator=indicator, agency=province, period_end=period, target=Decimal(target)
                )
            )
        for commune, weight in zip(communes, weights, strict=True):
            # A count's target is split among communes by size; a rate's is the same everywhere.
            share = Decimal(round(target * weight / total_weight, 0))
            level = rng.uniform(start - 0.15, start + 0.15)
            for n, period in enumerate(periods):
                reached = min(level + growth * n + rng.uniform(-0.03, 0.03), 1.25)
                if is_rate:
                    value = Decimal(round(min(target * reached, 100), 1))
                else:
                    value = Decimal(round(float(share) * reached, 0))
                    targets.append(
                        IndicatorTarget(
                            indicator=indicator, agency=commune, period_end=period, target=share
                        )
                    )
                values.append(
                    IndicatorValue(
                        indicator=indicator, agency=commune, period_end=period, value=value
                    )
                )
        IndicatorTarget.objects.bulk_create(targets, ignore_conflicts=True)
        IndicatorValue.objects.bulk_create(values, ignore_conflicts=True)
        created += len(values)
    code, name, unit, target = ESSENTIAL
    essential = indicator_upsert(
        code=code, name=name, unit=unit, is_rate=False, baseline=Decimal(12)
    )
    if not essential.values.exists():
        for n, period in enumerate(months(dt.date(2025, 7, 31), quarter_end(today.year, 4))):
            if period >= today:
                break
            IndicatorTarget.objects.create(
                indicator=essential, agency=province, period_end=period, target=Decimal(target)
            )
            IndicatorValue.objects.create(
                indicator=essential,
                agency=province,
                period_end=period,
                value=Decimal(min(14 + n, 25)),
            )
            created += 1
    return created
