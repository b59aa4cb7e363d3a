"""The notification centre: what needs attention, read marks, how to receive e-mail, sending a
refused message again, and the agencies nobody receives reminders for."""

from __future__ import annotations

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
from tiendo.notifications.models import Delivery, Notification, NotificationPreference
from tiendo.notifications.resend import resend_refused
from tiendo.notifications.selectors import (
    KIND_LABELS,
    agencies_without_recipients,
    email_refusal_for,
    notices_for,
)

PAGE_SIZE = 50
DELIVERY_HELP = {
    Delivery.IMMEDIATE: "mỗi thông báo một thư, gửi ngay (báo cáo chờ tiếp nhận vẫn gộp thư "
    "hằng ngày).",
    Delivery.DAILY: "một thư mỗi ngày làm việc, từ 7 giờ sáng, gộp các thông báo mới.",
    Delivery.WEEKLY: "một thư vào ngày làm việc đầu tuần; nhắc việc bắt buộc vẫn được gửi hằng "
    "ngày.",
    Delivery.OFF: "không nhận thư thông thường, chỉ xem tại đây; nhắc việc bắt buộc của cơ quan "
    "thường trực (quá hạn, báo cáo bị trả lại, gia hạn…) vẫn được gửi gộp một thư mỗi ngày làm "
    "việc.",
}


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(label="Nhận thư điện tử", choices=Delivery.choices)


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
    page = Paginator(notices_for(user, kind=kind, unread_only=unread_only), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    query = request.GET.copy()
    query.pop("trang", None)
    pref = NotificationPreference.objects.filter(user=user).first()
    form = PreferenceForm(initial={"delivery": pref.delivery if pref else Delivery.DAILY})
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "notes": page.object_list,
            "filters": filters,
            "query": query.urlencode(),
            "form": form,
            "delivery_help": [(Delivery(code).label, text) for code, text in DELIVERY_HELP.items()],
            "refusal": email_refusal_for(user),
            "no_address": not user.email,
            "coverage": may_list_reminder_coverage(actor),
        },
    )


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.filter(recipient=actor_for(request).user, read_at__isnull=True)
    if request.POST.get("id"):
        if not request.POST["id"].isdigit():
            messages.error(request, "Không tìm thấy thông báo này.")
            return redirect("notifications:inbox")
        mine = mine.filter(pk=request.POST["id"])
    count = mine.update(read_at=timezone.now())
    messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return redirect("notifications:inbox")


@login_required
@require_POST
def preference(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(request.POST)
    if form.is_valid():
        choice = Delivery(form.cleaned_data["delivery"])
        NotificationPreference.objects.update_or_create(
            user=actor_for(request).user, defaults={"delivery": choice}
        )
        messages.success(request, f"Đã lưu cách nhận thư: {choice.label} – {DELIVERY_HELP[choice]}")
    else:
        messages.error(request, "Lựa chọn không hợp lệ.")
    return redirect("notifications:inbox")


@login_required
@require_POST
def resend(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    if not actor.user.email:
        messages.error(request, "Tài khoản chưa có địa chỉ thư điện tử: không gửi lại được.")
    elif count := resend_refused(actor, actor.user):
        messages.success(
            request, f"Đã xếp {count} thư để gửi lại tới {actor.user.email} trong vài phút tới."
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
