"""The consolidated report page: choose, read the drafted text, edit it, download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tiendo.accounts.access import actor_for, plans_for_user
from tiendo.documents.forms import (
    DraftKey,
    ReportForm,
    initial_from_query,
    prepare_post,
    redraft_message,
    sections_from_post,
)
from tiendo.documents.report import build_report
from tiendo.documents.selectors import default_cutoff, default_particulars
from tiendo.documents.services import FORMATS, report_files
from tiendo.lib.downloads import mark_download_done
from tiendo.readmodels.scope import figure_scope


@login_required
def report_page(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    plans = plans_for_user(actor)
    today = timezone.localdate()
    # D, K and plans linked from a meeting's frozen figures ("Lập báo cáo từ số liệu đã chốt").
    asked, problems = (
        initial_from_query(request.GET, plans) if request.method == "GET" else ({}, [])
    )
    for problem in problems:
        messages.warning(request, problem)
    chosen = plans.filter(pk__in=asked["plans"]) if "plans" in asked else plans
    cutoff = asked.get("ngay") or default_cutoff(today)
    initial = default_particulars(actor.agency, cutoff=cutoff, plans=chosen, today=today) | asked
    data = prepare_post(request.POST, plans, today) if request.method == "POST" else None
    form = ReportForm(
        data,
        plans=plans,
        initial=initial,
        issuing_agency=actor.agency,
        scope_agency=figure_scope(actor).agency,
    )
    defaults_for = data.get("mac_dinh_ngay", "") if data else initial["ngay"].isoformat()
    context: dict[str, object] = {"form": form, "formats": FORMATS, "defaults_for": defaults_for}
    if request.method == "POST" and form.is_valid():
        spec = form.spec()
        key = DraftKey.of(spec)
        fmt = request.POST.get("xuat", "")
        sections = sections_from_post(request.POST)
        drafted = DraftKey.from_post(request.POST)
        try:
            if fmt in FORMATS and (sections is None or drafted == key):
                [file] = report_files(spec, [fmt], sections)
                response = HttpResponse(file.data, content_type=file.content_type)
                response["Content-Disposition"] = f'attachment; filename="{file.name}"'
                return mark_download_done(request, response)
            report = build_report(spec)
            if fmt in FORMATS:  # edited text of another D, K or plans: never mixed
                messages.warning(request, redraft_message(drafted, key))
            context.update(report=report, draft=key.fields())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    elif request.method == "POST":
        messages.error(request, "Chưa soạn được báo cáo: hãy sửa các ô báo lỗi bên dưới.")
    return render(request, "documents/report.html", context)
