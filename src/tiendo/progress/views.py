"""The reporting cycle on the web: draft, send, confirm or return, revise; evidence; periods."""

from __future__ import annotations

import unicodedata

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from tiendo.accounts.access import (
    actor_for,
    get_evidence_for_user,
    get_item_for_user,
    get_period_for_user,
    get_plan_for_user,
    get_update_for_user,
    may_manage_periods,
    update_actions,
)
from tiendo.lib.forms import add_refusal, errors_text
from tiendo.progress import evidence as evidence_service
from tiendo.progress.forms import EvidenceForm, PeriodForm, ReviewForm, UpdateForm
from tiendo.progress.models import Decision, ProgressUpdate
from tiendo.progress.periods import period_close, period_open, period_reopen
from tiendo.progress.selectors import open_periods, review_facts, review_queue, review_queue_rows
from tiendo.progress.services import (
    StaleVersion,
    update_create_draft,
    update_edit_draft,
    update_mark_ready,
    update_review,
    update_revise,
    update_send,
)
from tiendo.readmodels.reporting import compliance_for_period


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def safe_next(request: HttpRequest, raw: str | None) -> str | None:
    """A `next` address only if it is a path on this site: never another host or scheme
    (https://evil.example/, //evil.example), nor text that could break the Location header."""
    if not raw or not raw.startswith("/") or len(raw) > 2000:
        return None
    if any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in raw):
        return None
    allowed = url_has_allowed_host_and_scheme(
        raw, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return raw if allowed else None


def _back(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    """To the page the form came from when it says so safely, else to the report."""
    target = safe_next(request, request.POST.get("next"))
    return HttpResponseRedirect(target or reverse("progress:update_detail", args=[pk]))


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
                actor=actor,
                item=item,
                period=period,
                data=form.to_input(),
                form_token=form.cleaned_data.get("token") or "",
            )
        except ValidationError as error:
            add_refusal(form, error)
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
            add_refusal(form, error)
            return render(
                request,
                "progress/update_form.html",
                {"item": update.item, "form": form, "update": update, "period": update.period},
                status=409,
            )
        except ValidationError as error:
            add_refusal(form, error)
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
        "can": update_actions(actor, update),
        "facts": review_facts(update),
        "evidence": update.evidence.order_by("uploaded_at", "id"),
        "review_form": ReviewForm(),
        "evidence_form": EvidenceForm(),
    }
    return render(request, "progress/update_detail.html", context)


@login_required
@require_POST
def update_send_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Sending a draft: `step=ready`, the reporter puts it before the head (trình); otherwise
    the head sends it to the standing body."""
    actor = actor_for(request)
    if request.POST.get("step") == "ready":
        return _mark_ready(request, pk)
    update = get_update_for_user(actor, pk, "send")
    version = request.POST.get("version", "")
    try:
        update_send(
            actor=actor, update=update, expected_version=int(version) if version.isdigit() else 0
        )
        messages.success(request, "Đã gửi báo cáo tới cơ quan thường trực.")
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("progress:update_detail", pk)


def _mark_ready(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request)
    update = get_update_for_user(actor, pk, "edit")
    try:
        update_mark_ready(actor=actor, update=update)
        messages.success(request, "Đã trình lãnh đạo đơn vị duyệt, gửi dự thảo báo cáo.")
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
        reviewed = update_review(
            actor=actor,
            update=update,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data.get("note", ""),
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("progress:update_detail", pk)
    return _after_review(request, reviewed)


def _after_review(request: HttpRequest, reviewed: ProgressUpdate) -> HttpResponse:
    """On to the next report waiting (the oldest), or back to the empty queue; a safe `next`
    sent by the form (a page reviewing from elsewhere) wins."""
    verb = "xác nhận" if reviewed.decision == Decision.CONFIRMED else "trả lại"
    done = f"Đã ghi nhận ý kiến: {verb} báo cáo {reviewed.item.code} ({reviewed.agency.label})."
    target = safe_next(request, request.POST.get("next"))
    if target:
        messages.success(request, done)
        return HttpResponseRedirect(target)
    pending = review_queue(actor_for(request))
    following = pending.first()
    if following is None:
        messages.success(request, f"{done} Đã xử lý hết báo cáo chờ xác nhận.")
        return redirect("progress:review_queue")
    messages.success(
        request,
        f"{done} Còn {pending.count()} báo cáo chờ xác nhận; tiếp theo là báo cáo gửi sớm "
        f"nhất: {following.item.code} ({following.agency.label}).",
    )
    return redirect("progress:update_detail", following.pk)


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
    carried = draft.evidence.count()
    files = f" và {carried} tài liệu minh chứng" if carried else ""
    messages.info(
        request,
        f"Đã lập dự thảo bổ sung từ báo cáo bị trả lại, mang sang số liệu{files} của báo cáo đó; "
        "hãy sửa theo lý do trả lại, bỏ tài liệu không còn phù hợp, rồi trình gửi lại.",
    )
    return redirect("progress:update_edit", draft.pk)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft's evidence: a file uploads; `remove=<id>` takes one off the draft."""
    actor = actor_for(request)
    update = get_update_for_user(actor, pk, "edit")
    if "remove" in request.POST:
        return _evidence_remove(request, update)
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


def _evidence_remove(request: HttpRequest, update: ProgressUpdate) -> HttpResponse:
    raw = request.POST.get("remove", "")
    evidence = get_evidence_for_user(actor_for(request), int(raw)) if raw.isdigit() else None
    if evidence is None or evidence.update_id != update.pk:
        raise Http404("Không tìm thấy tài liệu trong dự thảo này.")
    try:
        evidence_service.evidence_remove(actor=actor_for(request), evidence=evidence)
        messages.success(request, f"Đã bỏ tài liệu “{evidence.file_name}” khỏi dự thảo.")
    except ValidationError as error:
        messages.error(request, _errors(error))
    return _back(request, update.pk)


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
        request, "progress/review_queue.html", {"rows": review_queue_rows(actor), "actor": actor}
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
                add_refusal(form, error)
            else:
                messages.success(request, f"Đã mở kỳ báo cáo {period.label}.")
                return redirect("progress:period_list", plan.pk)
    periods = plan.periods.order_by("-cutoff")
    return render(
        request,
        "progress/periods.html",
        {
            "plan": plan,
            "periods": periods,
            "form": form,
            "may_manage": may_manage_periods(actor, plan),
        },
    )


@login_required
@require_POST
def period_toggle(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    actor = actor_for(request)
    period = get_period_for_user(actor, pk, "manage")
    plan = period.plan
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
    period = get_period_for_user(actor, pk)
    plan = period.plan
    rows = compliance_for_period(period, actor=actor)
    return render(
        request, "progress/compliance.html", {"plan": plan, "period": period, "rows": rows}
    )
