"""The IOC overview's figures as known now while reports keep arriving (status/memo.py, moved
rows): the parts the overview computes, timed first with nothing remembered, then remembered,
then right after each of several new reports (K = now has not settled: the rows move from the
last settled K' through the items reported since)."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.test.utils import override_settings
from django.utils import timezone

from tiendo.agencies.directory import province_code
from tiendo.agencies.models import Agency, AgencyKind
from tiendo.dashboard.selectors import bottlenecks, burn_up, upcoming
from tiendo.plans.models import Item
from tiendo.progress.models import Lifecycle
from tiendo.progress.services import update_record
from tiendo.status.selectors import AsOf, Scope, status_overall_and_by_plan

PROVINCE = 40  # Nghệ An, as in suite.py

Part = Callable[[Scope, AsOf], Any]
PARTS: dict[str, Part] = {
    "summary and plan cards": status_overall_and_by_plan,
    "burn-up, 24 month-ends": lambda scope, as_of: burn_up(
        scope, as_of, as_of.date - dt.timedelta(days=730)
    ),
    "upcoming (20)": upcoming,
    "bottlenecks (20)": bottlenecks,
}


@dataclass(frozen=True)
class Moving:
    scope: str
    part: str
    cold_ms: float
    remembered_ms: float
    moving_ms: list[float]


def _ms(part: Part, scope: Scope) -> float:
    """One part at K = now, D = today, in milliseconds."""
    as_of = AsOf.make(timezone.localdate())
    started = time.perf_counter()
    part(scope, as_of)
    return 1000 * (time.perf_counter() - started)


def measure(runs: int, seed: int = 7) -> list[Moving]:
    rng = random.Random(seed)  # noqa: S311 (which items report, not secrets)
    province = Agency.objects.get(code=province_code(PROVINCE), kind=AgencyKind.PROVINCE)
    scopes = {
        "whole country": Scope(),
        f"one province ({province.short_name})": Scope(agency=province),
    }
    reporters = list(
        Item.objects.filter(
            lead_agency__path__startswith=province.path, parent__isnull=True, is_recurring=False
        ).values_list("pk", flat=True)[:5000]
    )
    out: list[Moving] = []
    with override_settings(TIENDO_FIGURE_MEMO=True, TIENDO_FIGURE_SETTLE_SECONDS=300):
        caches["figures"].clear()
        for scope_name, scope in scopes.items():
            cold = {p: _ms(part, scope) for p, part in PARTS.items()}
            warm = {p: _ms(part, scope) for p, part in PARTS.items()}
            moving: dict[str, list[float]] = {p: [] for p in PARTS}
            for _ in range(runs):
                item = Item.objects.get(pk=rng.choice(reporters))
                update_record(
                    item=item,
                    valid_on=timezone.localdate(),
                    state=Lifecycle.IN_PROGRESS,
                    percent=rng.randrange(10, 90),
                    narrative="Báo cáo tiến độ (đo hiệu năng).",
                )
                for p, part in PARTS.items():
                    moving[p].append(_ms(part, scope))
            for p in PARTS:
                out.append(Moving(scope_name, p, cold[p], warm[p], moving[p]))
                print(
                    f"{scope_name}, {p}: cold {cold[p]:,.0f} ms, remembered {warm[p]:,.0f} ms,"
                    f" after a new report {statistics.median(moving[p]):,.0f} ms (median of"
                    f" {runs})",
                    flush=True,
                )
    return out


def section(results: list[Moving], runs: int) -> str:
    lines = [
        "### The IOC overview's figures while reports arrive (K = now)",
        "",
        "| scope | part | nothing remembered ms | remembered ms | after a new report ms"
        " (min / median) |",
        "|---|---|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.scope} | {r.part} | {r.cold_ms:,.0f} | {r.remembered_ms:,.1f} |"
            f" {min(r.moving_ms):,.1f} / {statistics.median(r.moving_ms):,.1f} |"
        )
    lines += [
        "",
        "In process, K = now, D = today, with the memo on (its cache emptied first): each part"
        " the IOC overview computes, timed once with nothing remembered, once again (remembered,"
        f" no new fact), then right after each of {runs} new reports on one of the province's"
        " items (sent through `update_record`, so K = now has not settled and the figures move"
        " from the last settled K' through the items reported since). The first column is what"
        " every request paid before moved rows, whenever a report had arrived in the last five"
        " minutes.",
    ]
    return "\n".join(lines)
