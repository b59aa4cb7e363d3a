"""The overview as of a chosen date, and the items behind each figure."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tiendo.accounts.access import actor_for, get_plan_for_user
from tiendo.dashboard.selectors import overview_cards, weekly_summary_for
from tiendo.lib.forms import AsOfForm
from tiendo.meetings.selectors import plan_freezes
from tiendo.readmodels.forms import item_list_filters
from tiendo.readmodels.items import item_list_page
from tiendo.readmodels.scope import figure_scope
from tiendo.status.selectors import AsOf


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    form = AsOfForm(request.GET or None)
    as_of = AsOf.make(form.as_of_date(), form.known_at())
    cards = overview_cards(actor, as_of)
    context = {
        "form": form,
        "as_of": as_of,
        "asof_q": form.asof_query(),
        "cards": cards,
        "summary": weekly_summary_for(actor),
    }
    return render(request, "dashboard/overview.html", context)


@login_required
def plan_items(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan's items behind each figure, filtered, the most urgent first, 50 a page."""
    actor = actor_for(request)
    plan = get_plan_for_user(actor, plan_id)
    scope = figure_scope(actor, plan=plan)
    as_of, form = item_list_filters(request.GET, scope)
    page = item_list_page(scope, as_of, form.filters(), request.GET.get("trang"))
    context = {
        "plan": plan,
        "form": form,
        "as_of": as_of,
        "asof_q": form.asof_query(),
        "page": page,
        "freezes": plan_freezes(actor, plan),
    }
    return render(request, "dashboard/plan_items.html", context)
