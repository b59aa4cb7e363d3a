"""The overview as of a chosen date, and the items behind each figure."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tiendo.accounts.access import actor_for, get_plan_for_user
from tiendo.dashboard.forms import AsOfForm, ItemFilterForm
from tiendo.dashboard.selectors import overview_cards, status_scope, weekly_summary_for
from tiendo.status.selectors import AsOf, item_statuses


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    form = AsOfForm(request.GET or None)
    as_of = AsOf.make(form.as_of_date())
    cards = overview_cards(actor, as_of)
    context = {"form": form, "as_of": as_of, "cards": cards, "summary": weekly_summary_for(actor)}
    return render(request, "dashboard/overview.html", context)


@login_required
def plan_items(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_for(request)
    plan = get_plan_for_user(actor, plan_id)
    form = ItemFilterForm(request.GET or None)
    as_of = AsOf.make(form.as_of_date())
    filters = form.cleaned_data if form.is_valid() else {}
    group = plan.groups.filter(pk=filters["nhom"]).first() if filters.get("nhom") else None
    han = filters.get("han") or ""
    rows = item_statuses(
        status_scope(actor, plan=plan, group=group),
        as_of,
        states=[filters["trang_thai"]] if filters.get("trang_thai") else [],
        deadline_classes=[han] if han and han != "unfinished" else [],
        unfinished_only=han == "unfinished",
    )
    context = {"plan": plan, "group": group, "form": form, "as_of": as_of, "rows": rows}
    return render(request, "dashboard/plan_items.html", context)
