"""Import a plan annex from the web: upload, read the preview and problems, then import."""

from __future__ import annotations

import secrets
from io import BytesIO
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from openpyxl import Workbook

from tiendo.accounts.access import actor_for, province_of
from tiendo.accounts.models import Role
from tiendo.imports.annex import LABELS, AnnexRejected, plan_import, read_annex
from tiendo.lib.forms import DATE_FORMATS, DateField, DateInput
from tiendo.plans.models import ItemKind, Programme


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp phụ lục (XLSX hoặc CSV)", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    number = forms.CharField(label="Số, ký hiệu kế hoạch", max_length=50)
    issued_on = DateField(label="Ngày ban hành", widget=DateInput(), input_formats=DATE_FORMATS)
    title = forms.CharField(label="Trích yếu", max_length=500)
    kind = forms.ChoiceField(label="Loại", choices=ItemKind.choices)


def _folder() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@login_required
def import_plan(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    if not (actor.role == Role.STANDING or actor.is_superuser) or actor.agency is None:
        raise PermissionDenied("Chỉ cơ quan thường trực mới được nhập kế hoạch.")
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        token = data.get("token") or ""
        # The uploaded file waits under a random name until it is imported or replaced.
        if upload is not None:
            suffix = ".csv" if upload.name.lower().endswith(".csv") else ".xlsx"
            token = secrets.token_hex(16) + suffix
            (_folder() / token).write_bytes(upload.read())
        path = _folder() / Path(token).name if token else None
        if path is None or not path.exists():
            form.add_error("file", "Chọn tệp phụ lục để nhập.")
            return render(request, "imports/plan.html", context)
        programme = Programme.objects.get(code="DA06")
        try:
            preview = plan_import(
                annex=read_annex(path.name, path.read_bytes()),
                programme=programme,
                number=data["number"],
                issued_on=data["issued_on"],
                issuing_agency=province_of(actor.agency),
                title=data["title"],
                kind=data["kind"],
                commit="nhap" in request.POST,
            )
        except AnnexRejected as error:
            form.add_error("file", str(error))
            return render(request, "imports/plan.html", context)
        if preview.committed:
            path.unlink(missing_ok=True)
            messages.success(
                request,
                f"Đã nhập Kế hoạch số {data['number']}: {len(preview.create)} nhiệm vụ mới, "
                f"{len(preview.update)} nhiệm vụ cập nhật.",
            )
            return redirect("dashboard:overview")
        context.update({"preview": preview, "token": path.name})
    return render(request, "imports/plan.html", context)


@login_required
def template(request: HttpRequest) -> HttpResponse:
    """An empty annex in the expected layout, for those who start fresh."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Phụ lục")
    sheet.append(["PHỤ LỤC: DANH MỤC NHIỆM VỤ"])
    sheet.append([None])
    sheet.append(
        [
            "TT",
            LABELS["title"],
            LABELS["lead"],
            LABELS["coord"],
            LABELS["deadline"],
            LABELS["product"],
            LABELS["note"],
        ]
    )
    sheet.append(["I", "Nhóm nhiệm vụ về …"])
    sheet.append(
        [1, "…", "Công an tỉnh", "Sở Tư pháp; Sở Y tế", "Quý II/2024", "100% hồ sơ được số hóa", ""]
    )
    sheet.append(
        [2, "…", "Văn phòng UBND tỉnh", "Các sở, ban, ngành", "Thường xuyên", "01 văn bản"]
    )
    out = BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-phu-luc-ke-hoach.xlsx"'
    return response
