"""Reads for indicators: trends against targets and rankings of localities, in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Sum

from tiendo.agencies.models import Agency
from tiendo.indicators.models import Indicator, IndicatorTarget, IndicatorValue


@dataclass(frozen=True)
class TrendPoint:
    period_end: dt.date
    value: Decimal | None
    target: Decimal | None

    @property
    def percent_of_target(self) -> float | None:
        if self.value is None or not self.target:
            return None
        return float(100 * self.value / self.target)


def indicator_trend(indicator: Indicator, within: Agency) -> list[TrendPoint]:
    """Per period: the province's value (average of rates, sum of counts) and its target."""
    values = IndicatorValue.objects.filter(
        indicator=indicator, agency__path__startswith=within.path
    )
    aggregate = Avg("value") if indicator.is_rate else Sum("value")
    per_period = dict(
        values.values("period_end").annotate(v=aggregate).values_list("period_end", "v")
    )
    targets = dict(
        IndicatorTarget.objects.filter(indicator=indicator, agency=within).values_list(
            "period_end", "target"
        )
    )
    return [
        TrendPoint(period, per_period.get(period), targets.get(period))
        for period in sorted(set(per_period) | set(targets))
    ]


@dataclass(frozen=True)
class Ranked:
    agency: Agency
    value: Decimal
    target: Decimal | None

    @property
    def percent_of_target(self) -> float | None:
        return float(100 * self.value / self.target) if self.target else None


def indicator_ranking(
    indicator: Indicator, within: Agency, period_end: dt.date | None = None
) -> list[Ranked]:
    """Localities by their value for the latest (or given) period, best first."""
    values = IndicatorValue.objects.filter(
        indicator=indicator, agency__path__startswith=within.path
    )
    period = (
        period_end or values.order_by("-period_end").values_list("period_end", flat=True).first()
    )
    if period is None:
        return []
    rows = list(values.filter(period_end=period).select_related("agency"))
    targets = dict(
        IndicatorTarget.objects.filter(indicator=indicator, period_end=period).values_list(
            "agency_id", "target"
        )
    )
    fallback = targets.get(within.pk)
    ranked = [Ranked(r.agency, r.value, targets.get(r.agency_id, fallback)) for r in rows]
    reverse = indicator.direction == "up"
    return sorted(ranked, key=lambda r: r.percent_of_target or float(r.value), reverse=reverse)
