"""Import a plan annex from the web: upload, read the preview and problems, then import.
Uploads wait between the two steps as described in uploads.py."""

from __future__ import annotations

from io import BytesIO

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from openpyxl import Workbook

from tiendo.accounts.access import actor_for, plan_importer_province
from tiendo.imports.annex import LABELS, Annex, AnnexRejected, plan_import, read_annex
from tiendo.imports.uploads import (
    UploadMissing,
    upload_discard,
    upload_read,
    upload_remember_shown,
    upload_shown,
    upload_store,
    upload_sweep,
)
from tiendo.lib.forms import DATE_FORMATS, DateField, DateInput
from tiendo.plans.models import ItemKind, Plan, Programme


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp phụ lục (Excel XLSX, XLS, ODS, CSV hoặc Word DOCX)", required=False
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    programme = forms.ModelChoiceField(
        label="Thuộc đề án, chương trình",
        queryset=Programme.objects.order_by("code"),
        required=False,
        empty_label="— Chọn đề án, chương trình kế hoạch thực hiện —",
    )
    number = forms.CharField(
        label="Số, ký hiệu kế hoạch",
        max_length=50,
        required=False,
        help_text="Để trống để lấy theo tiêu đề phụ lục (“Kèm theo Kế hoạch số …”).",
    )
    issued_on = DateField(
        label="Ngày ban hành", widget=DateInput(), input_formats=DATE_FORMATS, required=False
    )
    title = forms.CharField(label="Trích yếu", max_length=500, required=False)
    kind = forms.ChoiceField(label="Loại", choices=ItemKind.choices)
    default_deadline = DateField(
        label="Thời hạn chung",
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        required=False,
        help_text="Chỉ dùng khi phụ lục không có cột thời hạn.",
    )
    use_successors = forms.BooleanField(
        label="Dùng cơ quan kế thừa cho mọi cơ quan đã thôi hoạt động", required=False
    )
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)
    # The name the user's file had, to name it in messages (never used as a path).
    file_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)


@login_required
def import_plan(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    province = plan_importer_province(actor)
    upload_sweep()  # annexes previewed and abandoned a day ago (see uploads.py)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "imports/plan.html", context)
    data = form.cleaned_data
    try:
        token, annex = _read_upload(
            data.get("file"), data.get("token") or "", data.get("file_name") or ""
        )
    except (UploadMissing, AnnexRejected) as error:
        form.add_error("file", str(error))
        return render(request, "imports/plan.html", context)
    context["token"] = token
    context["file_name"] = annex.name
    # What the form leaves empty comes from the annex's title rows, shown back in the form.
    filled = request.POST.copy()
    facts = annex.facts
    if not data.get("number") and facts.number:
        filled["number"] = facts.number
    if not data.get("issued_on") and facts.issued_on:
        filled["issued_on"] = f"{facts.issued_on:%d/%m/%Y}"
    if not data.get("title") and annex.suggested_title:
        filled["title"] = annex.suggested_title[:500]
    if not data.get("programme") and facts.is_de_an_06:
        default = Programme.objects.filter(code="DA06").first()
        if default is not None:
            filled["programme"] = str(default.pk)
    form = ImportForm(filled)
    context["form"] = form
    form.is_valid()
    data = form.cleaned_data
    for name, message in (
        ("programme", "Chọn đề án, chương trình mà kế hoạch thực hiện."),
        ("number", "Tệp không ghi số kế hoạch; hãy nhập số, ký hiệu."),
        ("issued_on", "Tệp không ghi ngày ban hành; hãy nhập ngày."),
        ("title", "Hãy nhập trích yếu của kế hoạch."),
    ):
        if not data.get(name) and name not in form.errors:
            form.add_error(name, message)
    if form.errors:
        context["annex"] = annex
        return render(request, "imports/plan.html", context)
    decisions = {k: request.POST.get(k, "") for k in request.POST if k.startswith("quyet-dinh-")}
    preview = plan_import(
        annex=annex,
        programme=data["programme"],
        number=data["number"],
        issued_on=data["issued_on"],
        issuing_agency=province,
        title=data["title"],
        kind=data["kind"],
        decisions=decisions,
        use_successors=data["use_successors"],
        default_deadline=data.get("default_deadline"),
        expect=data.get("fingerprint") or "",
        shown=upload_shown(token),
        actor=actor,
        commit="nhap" in request.POST,
    )
    if preview.committed:
        upload_discard(token)
        messages.success(
            request,
            f"Đã nhập Kế hoạch số {data['number']} từ tệp “{annex.name}”: {preview.summary}.",
        )
        plan = Plan.objects.get(issuing_agency=province, number=data["number"])
        return redirect("dashboard:plan_items", plan_id=plan.pk)
    if preview.stale:
        what = "; ".join(preview.changed[:10]) + ("; …" if len(preview.changed) > 10 else "")
        messages.warning(
            request,
            "Kết quả đọc thử đã thay đổi so với lần xem trước (lựa chọn mới, hoặc dữ liệu vừa "
            "được người khác cập nhật)"
            + (f" – thay đổi: {what}" if what else "")
            + "; chưa nhập gì. Hãy xem lại rồi bấm “Nhập”.",
        )
    upload_remember_shown(token, preview.shown)
    filled["fingerprint"] = preview.fingerprint  # the form shows `filled`
    context.update({"preview": preview, "annex": annex, "shown": preview.rows[:SHOWN_ROWS]})
    return render(request, "imports/plan.html", context)


SHOWN_ROWS = 1000


def _read_upload(upload: UploadedFile[bytes] | None, token: str, name: str) -> tuple[str, Annex]:
    """The annex of a new upload (kept for the import) or of the one previewed before.
    A file that cannot be read is deleted at once."""
    if upload is not None:
        name = upload.name or ""
        upload_discard(token)  # the new file replaces the one previewed before
        token = upload_store(upload.name or "", upload.read())
    elif not token:
        raise UploadMissing("Chọn tệp phụ lục để nhập.")
    content = upload_read(token)
    try:
        return token, read_annex(name or token, content)
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
            LABELS["budget"],
            LABELS["note"],
        ]
    )
    sheet.append(["I", "Nhóm nhiệm vụ về …"])
    sheet.append(
        [
            1,
            "…",
            "Công an tỉnh",
            "Sở Tư pháp; Sở Y tế",
            "Quý II/2026",
            "100% hồ sơ được số hóa",
            "Kinh phí thường xuyên của đơn vị",
            "",
        ]
    )
    sheet.append(
        [
            2,
            "…",
            "Văn phòng UBND tỉnh",
            "Các sở, ban, ngành",
            "Thường xuyên",
            "01 Kế hoạch",
            "Ngân sách tỉnh",
        ]
    )
    sheet.append(["II", "Nhóm nhiệm vụ về …"])
    sheet.append(
        [1, "… (số thứ tự có thể đánh lại từ 1 trong mỗi nhóm)", "Sở Y tế", "", "2026-2030"]
    )
    out = BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-phu-luc-ke-hoach.xlsx"'
    return response
