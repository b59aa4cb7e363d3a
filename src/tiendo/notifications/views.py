"""The notification centre: what needs attention, read marks, how to receive e-mail, sending a
refused message again, and the agencies nobody receives reminders for."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tiendo.accounts.access import (
    actor_for,
    may_list_reminder_coverage,
    reminder_coverage_province,
)
from tiendo.notifications.models import Delivery
from tiendo.notifications.resend import resend_refused
from tiendo.notifications.selectors import (
    KIND_LABELS,
    agencies_without_recipients,
    delivery_for,
    email_refusal_for,
    notices_for,
    refused_email_ids,
)
from tiendo.notifications.services import notices_mark_read, preference_set

PAGE_SIZE = 50
DELIVERY_HELP = {
    Delivery.IMMEDIATE: "mỗi thông báo một thư, gửi ngay (báo cáo chờ xác nhận vẫn gộp một thư "
    "hằng ngày).",
    Delivery.DAILY: "một thư mỗi ngày làm việc, từ 7 giờ sáng, gộp các thông báo mới.",
    Delivery.WEEKLY: "một thư vào ngày làm việc đầu tuần; nhắc việc bắt buộc vẫn được gửi hằng "
    "ngày.",
    Delivery.OFF: "không nhận thư thông thường, chỉ xem tại đây; nhắc việc bắt buộc của cơ quan "
    "thường trực (quá hạn, báo cáo bị trả lại, gia hạn…) vẫn được gửi gộp một thư mỗi ngày làm "
    "việc.",
}


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label="Nhận thư điện tử",
        choices=Delivery.choices,
        widget=forms.Select(attrs={"aria-describedby": "delivery-help"}),
    )


class FilterForm(forms.Form):
    loai = forms.ChoiceField(
        label="Loại thông báo",
        required=False,
        choices=[("", "Tất cả"), *sorted(KIND_LABELS.items(), key=lambda pair: pair[1])],
    )
    chua_doc = forms.BooleanField(label="Chỉ thông báo chưa đọc", required=False)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    user = actor.user
    filters = FilterForm(request.GET)
    kind, unread_only = "", False
    if filters.is_valid():
        kind, unread_only = filters.cleaned_data["loai"], filters.cleaned_data["chua_doc"]
    else:
        messages.warning(request, "Bộ lọc không hợp lệ: đang hiện tất cả thông báo.")
        filters = FilterForm()
    notes = notices_for(user, kind=kind, unread_only=unread_only)
    page = Paginator(notes, PAGE_SIZE).get_page(request.GET.get("trang"))
    delivery = delivery_for(user)
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "filters": filters,
            "query": _filter_query(kind, unread_only),
            "form": PreferenceForm(initial={"delivery": delivery}),
            "delivery": delivery,
            "delivery_help": [(Delivery(code).label, text) for code, text in DELIVERY_HELP.items()],
            "refusal": email_refusal_for(user),
            "to_resend": len(refused_email_ids(user)) if user.email else 0,
            "no_address": not user.email,
            "coverage": may_list_reminder_coverage(actor),
        },
    )


def _filter_query(kind: str, unread_only: bool) -> str:
    """The valid filter as a query string, for the pager's links."""
    chosen = {"loai": kind} if kind else {}
    if unread_only:
        chosen["chua_doc"] = "on"
    return urlencode(chosen)


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    chosen = request.POST.get("id", "")
    if chosen and not (chosen.isdigit() and len(chosen) <= 18):
        messages.error(request, "Không tìm thấy thông báo này.")
        return redirect("notifications:inbox")
    count = notices_mark_read(user=actor_for(request).user, pk=int(chosen) if chosen else None)
    messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return redirect("notifications:inbox")


@login_required
@require_POST
def preference(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(request.POST)
    if form.is_valid():
        user = actor_for(request).user
        choice = Delivery(form.cleaned_data["delivery"])
        preference_set(user=user, delivery=choice)
        unsent = (
            "" if user.email else " Tài khoản chưa có địa chỉ thư điện tử nên chưa gửi được thư."
        )
        messages.success(
            request, f"Đã lưu cách nhận thư: {choice.label} – {DELIVERY_HELP[choice]}{unsent}"
        )
    else:
        messages.error(request, "Lựa chọn không hợp lệ.")
    return redirect("notifications:inbox")


@login_required
@require_POST
def resend(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    if not actor.user.email:
        messages.error(request, "Tài khoản chưa có địa chỉ thư điện tử: không gửi lại được.")
    elif count := resend_refused(user=actor.user, actor=actor):
        messages.success(
            request,
            f"Đã xếp {count} thư để gửi lại tới {actor.user.email}: thư đi ở lượt gửi thư "
            "tiếp theo của hệ thống, trong ngày làm việc.",
        )
    else:
        messages.info(request, "Không còn thư bị từ chối nào cần gửi lại.")
    return redirect("notifications:inbox")


@login_required
def unreached(request: HttpRequest) -> HttpResponse:
    province = reminder_coverage_province(actor_for(request))
    today = timezone.localdate()
    return render(
        request,
        "notifications/unreached.html",
        {
            "rows": agencies_without_recipients(province, today),
            "province": province,
            "today": today,
        },
    )
