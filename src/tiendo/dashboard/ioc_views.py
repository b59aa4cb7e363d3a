"""The provincial operations centre (IOC): overview, agencies, obstacles, indicators, wall."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tiendo.accounts.access import (
    Actor,
    actor_for,
    agencies_for_user,
    get_freeze_for_user,
    indicator_province,
    may_freeze_figures,
    may_make_report,
    may_rank_provinces,
    plans_for_user,
    ranked_provinces_root,
    require_figures_freezer,
)
from tiendo.dashboard.forms import FreezeForm, IocFilterForm
from tiendo.dashboard.selectors import (
    BurnPoint,
    PlanCard,
    bottlenecks,
    burn_up,
    heatmap,
    obstacles_over_time,
    overview_cards,
    overview_figures,
    province_ranking,
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
from tiendo.lib.forms import errors_text, known_at_param
from tiendo.meetings.models import Freeze
from tiendo.meetings.selectors import default_freeze_title
from tiendo.meetings.services import freeze_create
from tiendo.plans.models import ItemKind, Plan
from tiendo.readmodels.reporting import recommendations_by_addressee
from tiendo.readmodels.scope import figure_scope
from tiendo.status.memo import latest_fact
from tiendo.status.selectors import AsOf, Scope, item_statuses, status_summary

# The wall screen fetches fresh figures this often (seconds).
WALL_REFRESH = 300
# The pages a meeting's figures can be frozen from, by the freeze's `page`.
FROZEN_URLS = {"tong-quan": "dashboard:ioc_overview", "don-vi": "dashboard:ioc_agencies"}


@dataclass
class Filters:
    form: IocFilterForm
    as_of: AsOf
    scope: Scope
    plans: list[Plan]
    query: str


def _filters(
    request: HttpRequest,
    actor: Actor,
    data: QueryDict | None = None,
    only: Sequence[Plan] | None = None,
) -> Filters:
    """The page's filters from the URL (or from a freeze: its data, its plans `only`)."""
    plans = plans_for_user(actor)
    if only is not None:
        plans = plans.filter(pk__in=[plan.pk for plan in only])
    asked = data if data is not None else (request.GET or None)
    form = IocFilterForm(asked, plans=plans, agencies=agencies_for_user(actor))
    # The valid filters apply even when another is wrong; no K asked: now.
    as_of = AsOf.make(form.as_of_date(), form.known_at())
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
    return {
        "form": f.form,
        "as_of": f.as_of,
        "q": f.query,
        # D and K alone, for links to the item lists and item pages.
        "asof_q": f.form.asof_query(),
        "known_at_asked": f.form.known_at(),
        "computed_at": timezone.now(),
        # The figures are those of the last fact recorded by K: the page says when that was.
        "last_fact": latest_fact(f.as_of.known_at),
        "ranks_provinces": may_rank_provinces(actor_for(request)),
        **extra,
    }


def _freezing(actor: Actor, f: Filters, page: str, freeze: Freeze | None) -> dict[str, Any]:
    """The "Chốt số liệu" button of a live page: what it sends (the filters as shown)."""
    if freeze is not None or not may_freeze_figures(actor):
        return {"can_freeze": False}
    return {
        "can_freeze": True,
        "freeze_fields": [*parse_qsl(f.query), ("trang", page)],
        "freeze_title": default_freeze_title(f.as_of.date, f.form.plan),
    }


def _frozen(
    request: HttpRequest, actor: Actor, freeze: Freeze | None, f: Filters
) -> dict[str, Any]:
    """A frozen page: the freeze, its permanent link, and the consolidated report's form with
    its D, K and plans."""
    if freeze is None:
        return {"freeze": None}
    report = ""
    if may_make_report(actor):
        params = [*f.form.as_of_params().items(), *(("ke_hoach", p.pk) for p in f.plans)]
        report = f"{reverse('documents:report')}?{urlencode(params)}"
    permalink = request.build_absolute_uri(reverse("dashboard:ioc_frozen", args=[freeze.pk]))
    return {"freeze": freeze, "permalink": permalink, "report_url": report}


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
    return _overview_page(request, actor, _filters(request, actor))


def _overview_page(
    request: HttpRequest, actor: Actor, f: Filters, freeze: Freeze | None = None
) -> HttpResponse:
    burn = _burn(f)
    cards: list[PlanCard]
    if f.form.plan:
        summary, cards = status_summary(f.scope, f.as_of), []
    else:
        summary, cards = overview_figures(actor, f.scope, f.as_of, f.plans)
    context = _context(
        request,
        f,
        summary=summary,
        burn=burn,
        burn_chart=_burn_chart(burn),
        upcoming=upcoming(f.scope, f.as_of)[:20],
        bottlenecks=bottlenecks(f.scope, f.as_of),
        cards=cards,
        **_freezing(actor, f, "tong-quan", freeze),
        **_frozen(request, actor, freeze, f),
    )
    return render(request, "ioc/overview.html", context)


@login_required
def ioc_agencies(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    return _agencies_page(request, actor, _filters(request, actor))


def _agencies_page(
    request: HttpRequest, actor: Actor, f: Filters, freeze: Freeze | None = None
) -> HttpResponse:
    plan = f.form.plan or (f.plans[0] if f.plans else None)
    context = _context(
        request,
        f,
        cards=scorecards(f.scope, f.as_of, f.plans),
        heat=heatmap(plan, f.scope, f.as_of) if plan else None,
        heat_plan=plan,
        **_freezing(actor, f, "don-vi", freeze),
        **_frozen(request, actor, freeze, f),
    )
    return render(request, "ioc/agencies.html", context)


@login_required
@require_POST
def ioc_freeze(request: HttpRequest) -> HttpResponse:
    """ "Chốt số liệu": freeze the page as shown (its filters, D, K) and open its permanent link."""
    actor = actor_for(request)
    require_figures_freezer(actor)
    form = FreezeForm(request.POST, plans=plans_for_user(actor), agencies=agencies_for_user(actor))
    back = f"{reverse(FROZEN_URLS[form.page()])}?{form.querystring()}"
    if not form.is_valid():
        messages.error(request, f"Chưa chốt số liệu: {errors_text(form)}")
        return redirect(back)
    try:
        freeze = freeze_create(
            actor=actor,
            cutoff=form.as_of_date(),
            known_at=form.known_at(),
            plans=[form.plan] if form.plan else list(form.plans),
            filters=urlencode(form.filter_params()),
            title=form.cleaned_data.get("tieu_de") or "",
            page=form.page(),
            single_plan=form.plan,
        )
    except ValidationError as error:
        messages.error(request, f"Chưa chốt số liệu: {' '.join(error.messages)}")
        return redirect(back)
    messages.success(
        request,
        f"Đã chốt số liệu “{freeze.title}”. Gửi đường dẫn cố định của trang này cho người dự "
        "họp để cùng xem đúng số liệu đã chốt.",
    )
    return redirect("dashboard:ioc_frozen", freeze.pk)


@login_required
def ioc_frozen(request: HttpRequest, pk: int) -> HttpResponse:
    """A meeting's frozen figures: the page it was frozen from at exactly its D, K and filters,
    computed for the person reading (their own figure scope)."""
    actor = actor_for(request)
    freeze = get_freeze_for_user(actor, pk)
    data = QueryDict(freeze.filters, mutable=True)
    data["ngay"] = freeze.cutoff.isoformat()
    data["ghi_nhan"] = known_at_param(freeze.known_at)
    f = _filters(request, actor, data, only=list(freeze.plans.all()))
    if freeze.page == "don-vi":
        return _agencies_page(request, actor, f, freeze)
    return _overview_page(request, actor, f, freeze)


@login_required
def ioc_provinces(request: HttpRequest) -> HttpResponse:
    """The country's provinces side by side, for the central working group: each line adds up
    what the province's own IOC counts, and opens it."""
    actor = actor_for(request)
    if not may_rank_provinces(actor):
        raise Http404("Trang xếp hạng các tỉnh, thành phố dành cho Tổ công tác Trung ương.")
    f = _filters(request, actor)
    ranking = province_ranking(ranked_provinces_root(actor), f.scope, f.as_of, f.plans)
    # The province's own page keeps every filter but the unit (the province is the unit).
    keep = "&".join(part for part in f.query.split("&") if part and not part.startswith("don_vi="))
    return render(request, "ioc/provinces.html", _context(request, f, ranking=ranking, keep_q=keep))


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
