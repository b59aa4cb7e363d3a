"""The reporting cycle on the web: draft, send, confirm or return, revise; evidence; periods."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tiendo.accounts.access import (
    actor_for,
    get_evidence_for_user,
    get_item_for_user,
    get_plan_for_user,
    get_update_for_user,
)
from tiendo.lib.forms import errors_text
from tiendo.progress import evidence as evidence_service
from tiendo.progress.forms import EvidenceForm, PeriodForm, ReviewForm, UpdateForm
from tiendo.progress.models import ReportingPeriod
from tiendo.progress.periods import period_close, period_open, period_reopen
from tiendo.progress.selectors import (
    compliance_for_period,
    open_periods,
    review_queue,
)
from tiendo.progress.services import (
    StaleVersion,
    update_create_draft,
    update_edit_draft,
    update_review,
    update_revise,
    update_send,
)


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
def update_create(request: HttpRequest, item_id: int) -> HttpResponse:
    actor = actor_for(request)
    item = get_item_for_user(actor, item_id, "report")
    periods = open_periods(item.plan)
    chosen = request.GET.get("ky") or request.POST.get("ky") or ""
    period = periods.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    period = period or periods.first()
    # Figures as of today, or as of the period's cut-off once it has passed: a report dated
    # in the future would not count today, and the item page would contradict it.
    today = timezone.localdate()
    valid_on = min(period.cutoff, today) if period else today
    form = UpdateForm(request.POST or None, item=item, initial={"valid_on": valid_on})
    if request.method == "POST" and form.is_valid():
        try:
            update = update_create_draft(
                actor=actor, item=item, period=period, data=form.to_input()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã lưu dự thảo báo cáo. Lãnh đạo đơn vị duyệt và gửi.")
            return redirect("progress:update_detail", update.pk)
    context = {"item": item, "form": form, "period": period, "periods": periods}
    return render(request, "progress/update_form.html", context)


@login_required
def update_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request)
    update = get_update_for_user(actor, pk, "edit")
    initial = UpdateForm.initial_from(update)
    form = UpdateForm(request.POST or None, item=update.item, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_edit_draft(
                actor=actor,
                update=update,
                expected_version=form.cleaned_data.get("version") or 0,
                data=form.to_input(),
            )
        except StaleVersion as error:
            form.add_error(None, error)
            return render(
                request,
                "progress/update_form.html",
                {"item": update.item, "form": form, "update": update, "period": update.period},
                status=409,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã lưu thay đổi của dự thảo.")
            return redirect("progress:update_detail", update.pk)
    context = {"item": update.item, "form": form, "update": update, "period": update.period}
    return render(request, "progress/update_form.html", context)


@login_required
def update_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request)
    update = get_update_for_user(actor, pk, "read")
    context = {
        "update": update,
        "item": update.item,
        "actor": actor,
        "review_form": ReviewForm(),
        "evidence_form": EvidenceForm(),
    }
    return render(request, "progress/update_detail.html", context)


@login_required
@require_POST
def update_send_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request)
    update = get_update_for_user(actor, pk, "send")
    try:
        update_send(
            actor=actor, update=update, expected_version=int(request.POST.get("version", 0))
        )
        messages.success(request, "Đã gửi báo cáo tới cơ quan thường trực.")
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("progress:update_detail", pk)


@login_required
@require_POST
def update_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request)
    update = get_update_for_user(actor, pk, "review")
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("progress:update_detail", pk)
    try:
        update_review(
            actor=actor,
            update=update,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data.get("note", ""),
        )
        messages.success(request, "Đã ghi nhận ý kiến của cơ quan thường trực.")
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect(request.POST.get("next") or reverse("progress:update_detail", args=[pk]))


@login_required
@require_POST
def update_revise_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request)
    update = get_update_for_user(actor, pk, "revise")
    try:
        draft = update_revise(actor=actor, update=update)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("progress:update_detail", pk)
    messages.info(
        request, "Đã lập dự thảo bổ sung từ báo cáo bị trả lại; hãy sửa rồi trình gửi lại."
    )
    return redirect("progress:update_edit", draft.pk)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request)
    update = get_update_for_user(actor, pk, "edit")
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            evidence_service.evidence_attach(
                actor=actor, update=update, name=upload.name, data=upload, size=upload.size
            )
            messages.success(request, f"Đã tải lên tài liệu “{upload.name}”.")
        except ValidationError as error:
            messages.error(request, _errors(error))
    else:
        messages.error(request, errors_text(form))
    return redirect("progress:update_detail", pk)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_evidence_for_user(actor_for(request), pk)
    response = FileResponse(
        evidence_service.evidence_open(evidence),
        as_attachment=True,
        filename=evidence.file_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    return render(
        request,
        "progress/review_queue.html",
        {"updates": review_queue(actor), "actor": actor, "review_form": ReviewForm()},
    )


@login_required
def period_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_for(request)
    plan = get_plan_for_user(actor, plan_id)
    form = PeriodForm(request.POST or None)
    if request.method == "POST":
        plan = get_plan_for_user(actor, plan_id, "manage_periods")
        if form.is_valid():
            try:
                data = form.cleaned_data
                period = period_open(
                    actor=actor,
                    plan=plan,
                    kind=data["kind"],
                    year=data.get("year"),
                    number=data.get("number") or 1,
                    starts_on=data.get("starts_on"),
                    cutoff=data.get("cutoff"),
                    due_on=data.get("due_on"),
                    label=data.get("label") or "",
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Đã mở kỳ báo cáo {period.label}.")
                return redirect("progress:period_list", plan.pk)
    periods = plan.periods.order_by("-cutoff")
    return render(
        request,
        "progress/periods.html",
        {"plan": plan, "periods": periods, "form": form, "actor": actor},
    )


@login_required
@require_POST
def period_toggle(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    actor = actor_for(request)
    period = ReportingPeriod.objects.filter(pk=pk).first()
    if period is None:
        raise Http404("Không tìm thấy kỳ báo cáo.")
    plan = get_plan_for_user(actor, period.plan_id, "manage_periods")
    if period.is_closed:
        period_reopen(actor=actor, period=period)
        messages.success(request, f"Đã mở lại kỳ {period.label}.")
    else:
        period_close(actor=actor, period=period)
        messages.success(request, f"Đã đóng kỳ {period.label}; báo cáo của kỳ được khóa.")
    return redirect("progress:period_list", plan.pk)


@login_required
def compliance(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request)
    period = ReportingPeriod.objects.filter(pk=pk).first()
    if period is None:
        raise Http404("Không tìm thấy kỳ báo cáo.")
    plan = get_plan_for_user(actor, period.plan_id)
    rows = compliance_for_period(period, actor=actor)
    return render(
        request, "progress/compliance.html", {"plan": plan, "period": period, "rows": rows}
    )
