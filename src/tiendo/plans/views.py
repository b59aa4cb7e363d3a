"""Item pages: my items, an item with its reports and history, deadline extension requests."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tiendo.accounts.access import (
    actor_for,
    get_item_for_user,
    item_actions,
    may_decide_extensions,
)
from tiendo.lib.forms import AsOfForm, errors_text
from tiendo.plans.forms import ExtensionDecisionForm, ExtensionRequestForm, TargetChangeForm
from tiendo.plans.models import ExtensionRequest
from tiendo.plans.selectors import pending_extensions
from tiendo.plans.services import (
    extension_request_create,
    extension_request_decide,
    item_change_target,
)
from tiendo.readmodels.forms import item_list_filters
from tiendo.readmodels.items import (
    item_list_page,
    item_page,
    my_items_scope,
)
from tiendo.status.selectors import AsOf


@login_required
def my_items_view(request: HttpRequest) -> HttpResponse:
    """The unit's own items at the cut-off, filtered, the most urgent first, 50 a page."""
    actor = actor_for(request)
    scope = my_items_scope(actor)
    as_of, form = item_list_filters(request.GET, scope)
    page = item_list_page(scope, as_of, form.filters(), request.GET.get("trang"))
    context = {"actor": actor, "form": form, "as_of": as_of, "page": page}
    return render(request, "plans/my_items.html", context)


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request)
    item = get_item_for_user(actor, pk)
    cutoff = AsOfForm(request.GET or None)
    context = item_page(actor, item, AsOf.make(cutoff.as_of_date(), cutoff.known_at()))
    context["form"] = cutoff
    context["can"] = item_actions(actor, item)
    context["extension_form"] = ExtensionRequestForm()
    context["target_form"] = TargetChangeForm()
    return render(request, "plans/item_detail.html", context)


@login_required
@require_POST
def extension_request(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request)
    item = get_item_for_user(actor, pk, "extend")
    form = ExtensionRequestForm(request.POST)
    if form.is_valid():
        try:
            extension_request_create(actor=actor, item=item, **form.cleaned_data)
            messages.success(request, "Đã gửi đề nghị gia hạn tới cơ quan thường trực.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, errors_text(form))
    return redirect("plans:item_detail", pk)


@login_required
@require_POST
def target_change(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request)
    item = get_item_for_user(actor, pk, "review")
    form = TargetChangeForm(request.POST)
    if form.is_valid():
        try:
            item_change_target(actor=actor, item=item, **form.cleaned_data)
            messages.success(request, "Đã điều chỉnh chỉ tiêu; chỉ tiêu ban đầu vẫn được giữ.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, errors_text(form))
    return redirect("plans:item_detail", pk)


@login_required
def extension_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    rows = pending_extensions(actor)
    context = {"rows": rows, "may_decide": may_decide_extensions(actor)}
    return render(request, "plans/extensions.html", context)


@login_required
@require_POST
def extension_decide(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request)
    extension = ExtensionRequest.objects.filter(pk=pk).first()
    if extension is None:
        raise Http404("Không tìm thấy đề nghị gia hạn.")
    get_item_for_user(actor, extension.item_id, "review")
    form = ExtensionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("plans:extension_list")
    try:
        decided = extension_request_decide(
            actor=actor,
            request=extension,
            approve=form.cleaned_data["approve"],
            note=form.cleaned_data.get("note", ""),
        )
        messages.success(
            request, f"{decided.get_decision_display()} cho nhiệm vụ {decided.item.code}."
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("plans:extension_list")
