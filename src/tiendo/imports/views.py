"""Import a plan annex from the web: upload, read the preview and problems, then import.
Uploads wait between the two steps as described in uploads.py."""

from __future__ import annotations

from io import BytesIO

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from openpyxl import Workbook

from tiendo.accounts.access import actor_for, province_of
from tiendo.accounts.models import Role
from tiendo.imports.annex import LABELS, Annex, AnnexRejected, plan_import, read_annex
from tiendo.imports.uploads import (
    UploadMissing,
    upload_discard,
    upload_read,
    upload_store,
    upload_sweep,
)
from tiendo.lib.forms import DATE_FORMATS, DateField, DateInput
from tiendo.plans.models import ItemKind, Programme


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp phụ lục (XLSX hoặc CSV)", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    number = forms.CharField(label="Số, ký hiệu kế hoạch", max_length=50)
    issued_on = DateField(label="Ngày ban hành", widget=DateInput(), input_formats=DATE_FORMATS)
    title = forms.CharField(label="Trích yếu", max_length=500)
    kind = forms.ChoiceField(label="Loại", choices=ItemKind.choices)


@login_required
def import_plan(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    if not (actor.role == Role.STANDING or actor.is_superuser) or actor.agency is None:
        raise PermissionDenied("Chỉ cơ quan thường trực mới được nhập kế hoạch.")
    upload_sweep()  # annexes previewed and abandoned a day ago (see uploads.py)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token, annex = _read_upload(data.get("file"), data.get("token") or "")
        except (UploadMissing, AnnexRejected) as error:
            form.add_error("file", str(error))
            return render(request, "imports/plan.html", context)
        preview = plan_import(
            annex=annex,
            programme=Programme.objects.get(code="DA06"),
            number=data["number"],
            issued_on=data["issued_on"],
            issuing_agency=province_of(actor.agency),
            title=data["title"],
            kind=data["kind"],
            commit="nhap" in request.POST,
        )
        if preview.committed:
            upload_discard(token)
            messages.success(
                request,
                f"Đã nhập Kế hoạch số {data['number']}: {len(preview.create)} nhiệm vụ mới, "
                f"{len(preview.update)} nhiệm vụ cập nhật.",
            )
            return redirect("dashboard:overview")
        context.update({"preview": preview, "token": token})
    return render(request, "imports/plan.html", context)


def _read_upload(upload: UploadedFile[bytes] | None, token: str) -> tuple[str, Annex]:
    """The annex of a new upload (kept for the import) or of the one previewed before.
    A file that cannot be read is deleted at once."""
    if upload is not None:
        upload_discard(token)  # the new file replaces the one previewed before
        token = upload_store(upload.name or "", upload.read())
    elif not token:
        raise UploadMissing("Chọn tệp phụ lục để nhập.")
    content = upload_read(token)
    try:
        return token, read_annex(token, content)
    except AnnexRejected:
        upload_discard(token)
        raise


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
