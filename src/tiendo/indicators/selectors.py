"""Reads for indicators as of a cut-off: trends against targets and rankings of localities, in SQL.

As of (D, K) an indicator has only the values of periods ending by D and recorded by K, each from a
locality that existed at the end of its period; the ranking is of the localities valid on D. So a
page for 31/03/2024 never shows a 2026 period, nor the communes created on 01/07/2025.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, F, Q, QuerySet, Sum

from tiendo.agencies.models import Agency
from tiendo.indicators.models import Direction, Indicator, IndicatorTarget, IndicatorValue
from tiendo.status.selectors import AsOf

# Averages of rates are shown to one decimal (73,5 %), as officials publish them.
RATE_STEP = Decimal("0.1")


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


@dataclass(frozen=True)
class IndicatorStatus:
    """An indicator's latest period with a value by the cut-off (None: no data yet)."""

    indicator: Indicator
    latest: TrendPoint | None


def _valid_at(day: Any) -> Q:
    """Localities (value.agency) in existence on day: a date or an F() of the value's row."""
    return (Q(agency__valid_from__isnull=True) | Q(agency__valid_from__lte=day)) & (
        Q(agency__valid_to__isnull=True) | Q(agency__valid_to__gte=day)
    )


def _values(within: Agency, as_of: AsOf) -> QuerySet[IndicatorValue]:
    """Values known at (D, K) inside within, each from a locality existing in its period."""
    return IndicatorValue.objects.filter(
        _valid_at(F("period_end")),
        agency__path__startswith=within.path,
        period_end__lte=as_of.date,
        recorded_at__lte=as_of.known_at,
    ).exclude(superseded_at__lte=as_of.known_at)


def _targets(as_of: AsOf) -> QuerySet[IndicatorTarget]:
    """Targets known at (D, K): set by K and not replaced by K."""
    return IndicatorTarget.objects.filter(
        period_end__lte=as_of.date, recorded_at__lte=as_of.known_at
    ).exclude(superseded_at__lte=as_of.known_at)


def _province_value(indicator: Indicator, avg: Decimal | None, total: Decimal | None) -> Any:
    """The province's figure: the average of the localities' rates, or the sum of their counts."""
    if not indicator.is_rate:
        return total
    return None if avg is None else Decimal(avg).quantize(RATE_STEP, rounding=ROUND_HALF_UP)


def indicator_trend(indicator: Indicator, within: Agency, as_of: AsOf) -> list[TrendPoint]:
    """Per period up to D: the province's value and its target (a period may have only one)."""
    per_period = {
        row["period_end"]: _province_value(indicator, row["avg"], row["total"])
        for row in _values(within, as_of)
        .filter(indicator=indicator)
        .values("period_end")
        .annotate(avg=Avg("value"), total=Sum("value"))
    }
    targets = dict(
        _targets(as_of)
        .filter(indicator=indicator, agency=within)
        .values_list("period_end", "target")
    )
    return [
        TrendPoint(period, per_period.get(period), targets.get(period))
        for period in sorted(set(per_period) | set(targets))
    ]


def latest_point(trend: list[TrendPoint]) -> TrendPoint | None:
    return next((p for p in reversed(trend) if p.value is not None), None)


def indicators_as_of(within: Agency, as_of: AsOf) -> list[IndicatorStatus]:
    """Every indicator with its latest value by D against that period's target (three queries)."""
    indicators = list(Indicator.objects.all())
    rows = (
        _values(within, as_of)
        .values("indicator_id", "period_end")
        .annotate(avg=Avg("value"), total=Sum("value"))
    )
    # indicator id -> (its latest period, the average and the sum of that period's values)
    latest: dict[int, tuple[dt.date, Any, Any]] = {}
    for row in rows:
        seen = latest.get(row["indicator_id"])
        if seen is None or row["period_end"] > seen[0]:
            latest[row["indicator_id"]] = (row["period_end"], row["avg"], row["total"])
    targets = {
        (indicator_id, period): target
        for indicator_id, period, target in _targets(as_of)
        .filter(agency=within, period_end__in={period for period, _, _ in latest.values()})
        .values_list("indicator_id", "period_end", "target")
    }
    out = []
    for indicator in indicators:
        point = None
        if indicator.pk in latest:
            period, avg, total = latest[indicator.pk]
            value = _province_value(indicator, avg, total)
            point = TrendPoint(period, value, targets.get((indicator.pk, period)))
        out.append(IndicatorStatus(indicator, point))
    return out


@dataclass(frozen=True)
class Ranked:
    agency: Agency
    value: Decimal
    target: Decimal | None

    @property
    def percent_of_target(self) -> float | None:
        return float(100 * self.value / self.target) if self.target else None


@dataclass(frozen=True)
class Ranking:
    """Localities valid on D by their value for the latest period by D (None: no data yet)."""

    period_end: dt.date | None
    rows: list[Ranked]


def indicator_ranking(indicator: Indicator, within: Agency, as_of: AsOf) -> Ranking:
    """Localities valid on D by their value for the latest period up to D, best first."""
    values = _values(within, as_of).filter(_valid_at(as_of.date), indicator=indicator)
    period = values.order_by("-period_end").values_list("period_end", flat=True).first()
    if period is None:
        return Ranking(None, [])
    rows = list(values.filter(period_end=period).select_related("agency"))
    targets = dict(
        _targets(as_of)
        .filter(indicator=indicator, period_end=period)
        .values_list("agency_id", "target")
    )
    fallback = targets.get(within.pk)
    ranked = [Ranked(r.agency, r.value, targets.get(r.agency_id, fallback)) for r in rows]

    def score(r: Ranked) -> float:
        percent = r.percent_of_target
        return percent if percent is not None else float(r.value)

    best_first = sorted(ranked, key=lambda r: r.agency.name)
    best_first.sort(key=score, reverse=indicator.direction == Direction.UP)
    return Ranking(period, best_first)
