"""The notices and the outbox are read in the admin, never edited or deleted: no service removes
them, and what was sent, or refused and why, stays on record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tiendo.notifications.models import Notification, OutgoingEmail
from tiendo.notifications.services import Reminder, deliver, queue_emails
from tiendo.testing import VN, make_cast

pytestmark = pytest.mark.django_db


def test_notices_and_outgoing_mail_are_read_not_deleted(client: Client) -> None:
    cast = make_cast()
    cast.reporter.email = "chuyenvien@syt.gov.vn"
    cast.reporter.save()
    deliver(
        [
            Reminder(
                cast.health,
                ["reporter"],
                "due_soon",
                "before:test",
                "Nhắc việc: nhiệm vụ sắp đến hạn",
                "Đề nghị hoàn thành và báo cáo kết quả đúng hạn.",
                item=cast.item,
            )
        ]
    )
    queue_emails(dt.datetime(2024, 6, 3, 8, tzinfo=VN))
    note = Notification.objects.get(recipient=cast.reporter)
    email = OutgoingEmail.objects.get(to="chuyenvien@syt.gov.vn")
    client.force_login(cast.admin)
    for obj in (note, email):
        name = f"admin:notifications_{obj._meta.model_name}"
        page = client.get(reverse(f"{name}_change", args=[obj.pk]))
        assert page.status_code == 200 and "Nhắc việc: nhiệm vụ sắp đến hạn" in page.text
        delete = reverse(f"{name}_delete", args=[obj.pk])
        assert client.get(delete).status_code == 403
        assert client.post(delete, {"post": "yes"}).status_code == 403
        changelist = reverse(f"{name}_changelist")
        bulk = {"action": "delete_selected", "_selected_action": [str(obj.pk)], "post": "yes"}
        client.post(changelist, bulk)
        assert type(obj).objects.filter(pk=obj.pk).exists()
