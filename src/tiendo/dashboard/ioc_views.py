"""The provincial operations centre (IOC): overview, agencies, obstacles, indicators, wall."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tiendo.accounts.access import READ_ALL_ROLES, Actor, actor_for, plans_for_user, province_of
from tiendo.agencies.models import Agency
from tiendo.dashboard.forms import IocFilterForm
from tiendo.dashboard.selectors import (
    bottlenecks,
    burn_up,
    heatmap,
    obstacles_over_time,
    overview_cards,
    scorecards,
    status_scope,
    upcoming,
)
from tiendo.indicators.models import Indicator
from tiendo.indicators.selectors import indicator_ranking, indicator_trend
from tiendo.plans.models import Plan
from tiendo.progress.selectors import recommendations_by_addressee
from tiendo.status.selectors import AsOf, Scope, item_statuses, status_summary


@dataclass
class Filters:
    form: IocFilterForm
    as_of: AsOf
    scope: Scope
    plans: list[Plan]
    query: str


def _filters(request: HttpRequest, actor: Actor) -> Filters:
    plans = plans_for_user(actor)
    form = IocFilterForm(request.GET or None, plans=plans)
    if form.is_bound and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    base = status_scope(actor)
    agency = form.agency if (form.agency and _may_read(actor, form.agency)) else base.agency
    if form.agency and agency is not form.agency:
        messages.error(request, "Bạn chỉ xem được số liệu của đơn vị mình.")
    kind = form.cleaned_data.get("loai") if form.is_bound and form.is_valid() else None
    chosen = [form.plan] if form.plan else list(plans)
    scope = Scope(
        plans=chosen if not form.plan else None,
        plan=form.plan,
        group=form.group,
        agency=agency,
        kind=kind or None,
    )
    return Filters(form, AsOf.make(form.as_of_date()), scope, chosen, form.querystring())


def _may_read(actor: Actor, agency: Agency) -> bool:
    if actor.is_superuser:
        return True
    root = actor.read_root
    if root is None:
        return False
    if actor.role in READ_ALL_ROLES:
        return agency.path.startswith(province_of(root).path)
    return agency.path.startswith(root.path)


def _context(request: HttpRequest, f: Filters, **extra: Any) -> dict[str, Any]:
    return {"form": f.form, "as_of": f.as_of, "q": f.query, "computed_at": timezone.now(), **extra}


@login_required
def ioc_overview(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    f = _filters(request, actor)
    summary = status_summary(f.scope, f.as_of)
    since = min((p.issued_on for p in f.plans), default=f.as_of.date)
    burn = burn_up(f.scope, f.as_of, since)
    context = _context(
        request,
        f,
        summary=summary,
        burn=burn,
        burn_chart={
            "labels": [f"{p.day:%m/%Y}" for p in burn],
            "series": [
                {"label": "Hoàn thành", "data": [p.done for p in burn]},
                {"label": "Tổng số được giao", "data": [p.total for p in burn], "dashed": True},
            ],
        },
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
    agency = Agency.objects.filter(code=code).first()
    if agency is None or not _may_read(actor, agency):
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
    actor = actor_for(request)
    f = _filters(request, actor)
    root = _indicator_root(actor)
    rows = [(i, indicator_trend(i, root)[-1:]) for i in Indicator.objects.all()] if root else []
    return render(request, "ioc/indicators.html", _context(request, f, rows=rows, root=root))


@login_required
def ioc_indicator(request: HttpRequest, code: str) -> HttpResponse:
    actor = actor_for(request)
    f = _filters(request, actor)
    indicator = Indicator.objects.filter(code=code).first()
    root = _indicator_root(actor)
    if indicator is None or root is None:
        raise Http404("Không tìm thấy chỉ tiêu.")
    trend = indicator_trend(indicator, root)
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
        chart=chart,
        ranking=indicator_ranking(indicator, root),
        root=root,
    )
    return render(request, "ioc/indicator.html", context)


def _indicator_root(actor: Actor) -> Agency | None:
    root = actor.read_root
    if actor.is_superuser and root is None:
        return (
            Agency.objects.filter(code="40").first()
            or Agency.objects.filter(parent__isnull=True).first()
        )
    return province_of(root) if root else None


@login_required
def ioc_wall(request: HttpRequest) -> HttpResponse:
    """The wall screen of the operations centre: large, dark, rotating, refreshing itself."""
    actor = actor_for(request)
    f = _filters(request, actor)
    summary = status_summary(f.scope, f.as_of)
    context = _context(
        request,
        f,
        summary=summary,
        cards=overview_cards(actor, f.as_of),
        bottlenecks=bottlenecks(f.scope, f.as_of, limit=10),
        agencies=scorecards(f.scope, f.as_of, f.plans)[:10],
        refresh=300,
        today=timezone.localdate(),
    )
    return render(request, "ioc/wall.html", context)
