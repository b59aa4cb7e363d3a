"""The notification centre: what needs attention, read marks, and how to receive e-mail."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tiendo.accounts.access import actor_for
from tiendo.notifications.models import Delivery, Notification, NotificationPreference
from tiendo.notifications.selectors import email_refusal_for


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(label="Nhận thư điện tử", choices=Delivery.choices)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    user = actor_for(request).user
    notes = Notification.objects.filter(recipient=user).select_related("item")[:200]
    pref = NotificationPreference.objects.filter(user=user).first()
    form = PreferenceForm(initial={"delivery": pref.delivery if pref else Delivery.DAILY})
    return render(
        request,
        "notifications/inbox.html",
        {"notes": notes, "form": form, "refusal": email_refusal_for(user)},
    )


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.filter(recipient=actor_for(request).user, read_at__isnull=True)
    if request.POST.get("id"):
        mine = mine.filter(pk=request.POST["id"])
    count = mine.update(read_at=timezone.now())
    messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return redirect("notifications:inbox")


@login_required
@require_POST
def preference(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(request.POST)
    if form.is_valid():
        NotificationPreference.objects.update_or_create(
            user=actor_for(request).user, defaults={"delivery": form.cleaned_data["delivery"]}
        )
        messages.success(
            request,
            "Đã lưu cách nhận thư. Nhắc việc bắt buộc của cơ quan thường trực vẫn được gửi "
            "tổng hợp hằng ngày.",
        )
    else:
        messages.error(request, "Lựa chọn không hợp lệ.")
    return redirect("notifications:inbox")
