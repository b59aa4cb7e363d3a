"""The provincial operations centre (IOC): overview, agencies, obstacles, indicators, wall."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tiendo.accounts.access import (
    Actor,
    actor_for,
    agencies_for_user,
    indicator_province,
    plans_for_user,
)
from tiendo.dashboard.forms import IocFilterForm
from tiendo.dashboard.selectors import (
    BurnPoint,
    bottlenecks,
    burn_up,
    heatmap,
    obstacles_over_time,
    overview_cards,
    scorecards,
    upcoming,
)
from tiendo.indicators.models import Indicator
from tiendo.indicators.selectors import (
    indicator_ranking,
    indicator_trend,
    indicators_as_of,
    latest_point,
)
from tiendo.plans.models import ItemKind, Plan
from tiendo.readmodels.reporting import recommendations_by_addressee
from tiendo.readmodels.scope import figure_scope
from tiendo.status.selectors import AsOf, Scope, item_statuses, status_summary

# The wall screen fetches fresh figures this often (seconds).
WALL_REFRESH = 300


@dataclass
class Filters:
    form: IocFilterForm
    as_of: AsOf
    scope: Scope
    plans: list[Plan]
    query: str


def _filters(request: HttpRequest, actor: Actor) -> Filters:
    plans = plans_for_user(actor)
    form = IocFilterForm(request.GET or None, plans=plans, agencies=agencies_for_user(actor))
    as_of = AsOf.make(form.as_of_date())  # the valid filters apply even when another is wrong
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    chosen = [form.plan] if form.plan else list(plans)
    scope = Scope(
        plans=chosen if not form.plan else None,
        plan=form.plan,
        group=form.group,
        agency=form.agency or figure_scope(actor).agency,
        kind=form.kind(),
    )
    return Filters(form, as_of, scope, chosen, form.querystring())


def _context(request: HttpRequest, f: Filters, **extra: Any) -> dict[str, Any]:
    return {"form": f.form, "as_of": f.as_of, "q": f.query, "computed_at": timezone.now(), **extra}


def _burn_chart(burn: list[BurnPoint]) -> dict[str, Any]:
    return {
        "labels": [f"{p.day:%m/%Y}" for p in burn],
        "series": [
            {"label": "Hoàn thành", "data": [p.done for p in burn]},
            {"label": "Tổng số được giao", "data": [p.total for p in burn], "dashed": True},
        ],
    }


def _burn(f: Filters) -> list[BurnPoint]:
    since = min((p.issued_on for p in f.plans), default=f.as_of.date)
    return burn_up(f.scope, f.as_of, since)


@login_required
def ioc_overview(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    f = _filters(request, actor)
    burn = _burn(f)
    context = _context(
        request,
        f,
        summary=status_summary(f.scope, f.as_of),
        burn=burn,
        burn_chart=_burn_chart(burn),
        upcoming=upcoming(f.scope, f.as_of)[:20],
        bottlenecks=bottlenecks(f.scope, f.as_of),
        cards=overview_cards(actor, f.as_of) if not f.form.plan else [],
    )
    return render(request, "ioc/overview.html", context)


@login_required
def ioc_agencies(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    f = _filters(request, actor)
    plan = f.form.plan or (f.plans[0] if f.plans else None)
    context = _context(
        request,
        f,
        cards=scorecards(f.scope, f.as_of, f.plans),
        heat=heatmap(plan, f.scope, f.as_of) if plan else None,
        heat_plan=plan,
    )
    return render(request, "ioc/agencies.html", context)


@login_required
def ioc_agency(request: HttpRequest, code: str) -> HttpResponse:
    actor = actor_for(request)
    agency = agencies_for_user(actor).filter(code=code).first()
    if agency is None:
        raise Http404("Không tìm thấy cơ quan, đơn vị hoặc bạn không có quyền xem.")
    f = _filters(request, actor)
    scope = Scope(plans=f.scope.plans, plan=f.scope.plan, group=f.scope.group, agency=agency)
    han = request.GET.get("han", "")
    rows = item_statuses(
        scope,
        f.as_of,
        deadline_classes=[han] if han and han != "unfinished" else [],
        unfinished_only=han == "unfinished",
        limit=2000,
    )
    context = _context(request, f, agency=agency, rows=rows, summary=status_summary(scope, f.as_of))
    return render(request, "ioc/agency.html", context)


@login_required
def ioc_obstacles(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    f = _filters(request, actor)
    months, series = obstacles_over_time(f.scope, f.as_of)
    context = _context(
        request,
        f,
        months=months,
        series=series,
        chart={"labels": months, "series": [{"label": s, "data": d} for s, d in series]},
        recommendations=recommendations_by_addressee(f.scope, f.as_of),
    )
    return render(request, "ioc/obstacles.html", context)


@login_required
def ioc_indicators(request: HttpRequest) -> HttpResponse:
    """Every indicator's latest value by the cut-off against its target."""
    actor = actor_for(request)
    f = _filters(request, actor)
    root = indicator_province(actor)
    rows = indicators_as_of(root, f.as_of) if root else []
    return render(request, "ioc/indicators.html", _context(request, f, rows=rows, root=root))


@login_required
def ioc_indicator(request: HttpRequest, code: str) -> HttpResponse:
    """One indicator as of the cut-off: its trend against target and the localities ranked."""
    actor = actor_for(request)
    f = _filters(request, actor)
    indicator = Indicator.objects.filter(code=code).first()
    root = indicator_province(actor)
    if indicator is None or root is None:
        raise Http404("Không tìm thấy chỉ tiêu.")
    trend = indicator_trend(indicator, root, f.as_of)
    ranking = indicator_ranking(indicator, root, f.as_of)
    chart = {
        "labels": [f"{p.period_end:%m/%Y}" for p in trend],
        "series": [
            {
                "label": indicator.name,
                "data": [float(p.value) if p.value is not None else None for p in trend],
            },
            {
                "label": "Chỉ tiêu",
                "data": [float(p.target) if p.target is not None else None for p in trend],
                "dashed": True,
            },
        ],
        "unit": indicator.unit,
    }
    context = _context(
        request,
        f,
        indicator=indicator,
        trend=trend,
        latest=latest_point(trend),
        chart=chart,
        ranking=ranking.rows,
        ranking_period=ranking.period_end,
        root=root,
    )
    return render(request, "ioc/indicator.html", context)


@login_required
def ioc_wall(request: HttpRequest) -> HttpResponse:
    """The wall screen: headline figures, the burn-up, the most overdue agencies and the
    indicators against target, on one 1920×1080 screen that fetches fresh figures itself."""
    actor = actor_for(request)
    f = _filters(request, actor)
    burn = _burn(f)
    root = indicator_province(actor)
    indicators = indicators_as_of(root, f.as_of) if root else []
    periods = {row.latest.period_end for row in indicators if row.latest}
    context = _context(
        request,
        f,
        summary=status_summary(f.scope, f.as_of),
        burn=burn,
        burn_chart=_burn_chart(burn),
        agencies=[c for c in scorecards(f.scope, f.as_of, f.plans) if c.counts.overdue][:8],
        indicators=indicators,
        kpi_any=bool(periods),
        kpi_period=periods.pop() if len(periods) == 1 else None,
        # Before the first indicator value the panel tells each plan's results instead.
        cards=[] if periods or f.form.plan else overview_cards(actor, f.as_of),
        kind_label=dict(ItemKind.choices).get(f.scope.kind or ""),
        refresh=WALL_REFRESH,
    )
    return render(request, "ioc/wall.html", context)
