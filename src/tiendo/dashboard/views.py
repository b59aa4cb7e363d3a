"""The overview as of a chosen date, and the items behind each figure."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tiendo.dashboard.forms import AsOfForm, ItemFilterForm
from tiendo.dashboard.selectors import overview_cards
from tiendo.plans.models import Plan
from tiendo.status.selectors import AsOf, Scope, item_statuses


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    form = AsOfForm(request.GET or None)
    as_of = AsOf.make(form.as_of_date())
    cards = overview_cards(as_of)
    return render(
        request, "dashboard/overview.html", {"form": form, "as_of": as_of, "cards": cards}
    )


@login_required
def plan_items(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("issuing_agency"), pk=plan_id)
    form = ItemFilterForm(request.GET or None)
    as_of = AsOf.make(form.as_of_date())
    filters = form.cleaned_data if form.is_valid() else {}
    group = plan.groups.filter(pk=filters["nhom"]).first() if filters.get("nhom") else None
    han = filters.get("han") or ""
    rows = item_statuses(
        Scope(plan=plan, group=group),
        as_of,
        states=[filters["trang_thai"]] if filters.get("trang_thai") else [],
        deadline_classes=[han] if han and han != "unfinished" else [],
        unfinished_only=han == "unfinished",
    )
    context = {"plan": plan, "group": group, "form": form, "as_of": as_of, "rows": rows}
    return render(request, "dashboard/plan_items.html", context)
