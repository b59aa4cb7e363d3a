"""The notices and the outbox are read in the admin, never edited or deleted: no service removes
them, and what was sent, or refused and why, stays on record. A plan's reminder rule is set there
through reminder_rule_set, by whoever may manage the plan's reporting periods."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from tiendo.audit.models import AuditEvent
from tiendo.browser_tests.helpers import parse_forms, visible_text
from tiendo.notifications.delivery import Reminder, deliver
from tiendo.notifications.mail import queue_emails
from tiendo.notifications.models import Notification, OutgoingEmail, ReminderRule
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


RULE_ADD = "admin:notifications_reminderrule_add"


def admin_form(client: Client, url: str) -> dict[str, Any]:
    page = client.get(url)
    assert page.status_code == 200, url
    [form] = [f for f in parse_forms(page.text) if f.attrs.get("id", "").endswith("_form")]
    return form.data_dict(form.button_named("_save"))


def test_a_plans_reminder_rule_is_set_and_changed_through_the_service(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.admin)
    data = admin_form(client, reverse(RULE_ADD))
    data.update(plan=str(cast.plan.pk), days_before="5, 2", escalate_to=["head", "leader"])
    assert client.post(reverse(RULE_ADD), data).status_code == 302
    rule = ReminderRule.objects.get(plan=cast.plan)
    assert (rule.before_days, rule.escalation_roles) == ([5, 2], ["head", "leader"])
    url = reverse("admin:notifications_reminderrule_change", args=[rule.pk])
    unchanged = admin_form(client, url)
    assert "plan" not in unchanged  # a rule belongs to its plan
    assert client.post(url, unchanged).status_code == 302
    unchanged["overdue_every_days"] = "3"
    assert client.post(url, unchanged).status_code == 302
    events = AuditEvent.objects.filter(
        object_type="notifications.reminderrule", object_id=str(rule.pk)
    ).order_by("pk")
    assert [(e.action, e.actor) for e in events] == [
        ("reminders.create", cast.admin),
        ("reminders.update", cast.admin),
    ]
    assert (events[1].before, events[1].after) == (
        {"overdue_every_days": 7},
        {"overdue_every_days": 3},
    )


def test_a_rule_that_cannot_be_read_says_why_and_saves_nothing(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.admin)
    data = admin_form(client, reverse(RULE_ADD))
    data.update(plan=str(cast.plan.pk), days_before="bảy ngày", overdue_every_days="0")
    response = client.post(reverse(RULE_ADD), data)
    assert response.status_code == 200
    text = visible_text(response.text)
    assert "Chu kỳ nhắc lại phải từ 1 ngày trở lên." in text
    assert "bảy ngày" in text  # what was typed stays in the form
    assert not ReminderRule.objects.filter(plan=cast.plan).exists()
    assert not AuditEvent.objects.filter(
        object_type="notifications.reminderrule", actor=cast.admin
    ).exists()


def test_staff_who_may_not_manage_periods_cannot_set_reminders(client: Client) -> None:
    cast = make_cast()
    rule = ReminderRule.objects.create(plan=cast.plan)
    cast.reporter.is_staff = True
    cast.reporter.save()
    cast.reporter.user_permissions.add(
        *Permission.objects.filter(content_type__model="reminderrule")
    )
    client.force_login(cast.reporter)
    url = reverse("admin:notifications_reminderrule_change", args=[rule.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"days_before": "1", "overdue_every_days": "1"}).status_code == 403
    assert client.get(reverse(RULE_ADD)).status_code == 403
    delete = reverse("admin:notifications_reminderrule_delete", args=[rule.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    rule.refresh_from_db()
    assert (rule.days_before, rule.overdue_every_days) == ("7,3,1", 7)
