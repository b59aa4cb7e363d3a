"""A citizen's 12-digit ID number typed anywhere (a narrative, a return reason, a search box) is
never shown or sent in full: pages, API, exports, notifications, e-mail, the audit, the logs."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tiendo.accounts.tokens import api_token_create
from tiendo.lib.logmask import MaskCccdFilter
from tiendo.notifications.mail import queue_emails
from tiendo.notifications.models import Notification, OutgoingEmail
from tiendo.progress.models import Decision, Lifecycle, ProgressUpdate
from tiendo.progress.services import UpdateInput, update_create_draft, update_review, update_send
from tiendo.testing import make_cast

pytestmark = pytest.mark.django_db

CCCD = "040190012345"
MASKED = "040*******45"


def test_a_personal_number_is_masked_in_every_output(client: Client) -> None:
    cast = make_cast()
    with time_machine.travel(dt.datetime(2024, 3, 10, 2, tzinfo=dt.UTC)):
        draft = update_create_draft(
            actor=cast.actor(cast.reporter),
            item=cast.item,
            period=cast.period,
            data=UpdateInput(
                valid_on=dt.date(2024, 3, 10),
                state=Lifecycle.IN_PROGRESS,
                percent=40,
                narrative=f"Đã cấp tài khoản cho công dân số định danh {CCCD}.",
            ),
        )
        update_send(actor=cast.actor(cast.head), update=draft, expected_version=draft.version)
        update_review(
            actor=cast.actor(cast.standing),
            update=ProgressUpdate.objects.get(pk=draft.pk),
            decision=Decision.RETURNED,
            note=f"Không ghi số định danh {CCCD} vào báo cáo.",
        )
    assert ProgressUpdate.objects.filter(narrative__contains=CCCD).exists(), "stored as written"

    outputs: dict[str, str] = {}
    for person in (cast.reporter, cast.standing):
        client.force_login(person)
        for name, url in {
            "item page": reverse("plans:item_detail", args=[cast.item.pk]),
            "report page": reverse("progress:update_detail", args=[draft.pk]),
            "search": reverse("dashboard:plan_items", args=[cast.plan.pk]) + f"?tim={CCCD}",
            "notifications": reverse("notifications:inbox"),
        }.items():
            response = client.get(url)
            assert response.status_code == 200, name
            outputs[f"{name} ({person.username})"] = response.content.decode()
    csv = client.get(reverse("documents:export_updates", args=[cast.plan.pk, "csv"]))
    outputs["csv"] = b"".join(csv.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    _, token = api_token_create(actor=None, user=cast.standing, name="Kiểm thử")
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    outputs["api"] = api.get(f"/api/v1/updates/{draft.pk}/").content.decode()
    queue_emails(dt.datetime(2024, 3, 11, 1, tzinfo=dt.UTC))
    outputs["notices"] = " ".join(n.subject + n.body for n in Notification.objects.all())
    outputs["e-mail"] = " ".join(e.subject + e.body for e in OutgoingEmail.objects.all())
    leaks = [name for name, text in outputs.items() if CCCD in text]
    assert leaks == []
    assert MASKED in outputs["report page (t.yte.chuyenvien)"]
    assert MASKED in outputs["csv"] and MASKED in outputs["api"]


def test_the_servers_access_log_goes_through_the_mask() -> None:
    """runserver logs each request line (query string included) on `django.server`."""
    handlers = [  # pytest adds its own capturing handlers; the configured ones are stdlib's
        h for h in logging.getLogger("django.server").handlers if type(h).__module__ == "logging"
    ]
    assert handlers, "django.server has a handler"
    for handler in handlers:
        assert any(isinstance(f, MaskCccdFilter) for f in handler.filters), handler
        record = logging.LogRecord(
            "django.server", logging.INFO, __file__, 1, '"GET /?tim=%s HTTP/1.1" 200', (CCCD,), None
        )
        assert all(f.filter(record) for f in handler.filters if isinstance(f, MaskCccdFilter))
        assert CCCD not in record.getMessage()
