"""The consolidated report page: choose, read the drafted text, edit it, download."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tiendo.accounts.access import actor_for, plans_for_user
from tiendo.dashboard.selectors import status_scope
from tiendo.documents.forms import ReportForm, sections_from_post
from tiendo.documents.report import build_report
from tiendo.documents.selectors import default_particulars
from tiendo.documents.services import FORMATS, report_files
from tiendo.lib.downloads import mark_download_done

SECTION_COUNT = 5


@login_required
def report_page(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    plans = plans_for_user(actor)
    form = ReportForm(
        request.POST or None, plans=plans, initial=default_particulars(actor, timezone.localdate())
    )
    context: dict[str, object] = {"form": form, "formats": FORMATS}
    if request.method == "POST" and form.is_valid():
        # A department or commune reports on its own items; the province-wide readers on all.
        agency = status_scope(actor).agency
        spec = replace(
            form.spec(), scope_agency=agency, where=agency.label if agency else "toàn tỉnh"
        )
        fmt = request.POST.get("xuat", "")
        try:
            if fmt in FORMATS:
                [file] = report_files(spec, [fmt], sections_from_post(request.POST, SECTION_COUNT))
                response = HttpResponse(file.data, content_type=file.content_type)
                response["Content-Disposition"] = f'attachment; filename="{file.name}"'
                return mark_download_done(request, response)
            context["report"] = build_report(spec)
            context["known_at"] = spec.as_of.known_at
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    return render(request, "documents/report.html", context)
