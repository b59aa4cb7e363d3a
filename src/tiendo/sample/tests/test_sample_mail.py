"""`make run` shows the e-mail the sample would send: the demo accounts have addresses on a
domain that reaches nobody, and the worker's first round writes their digests as .eml files."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from tiendo.notifications.mail import queue_emails, send_due_emails
from tiendo.notifications.models import Notification
from tiendo.notifications.workdays import Calendar
from tiendo.sample.loader import DEMO_USERS, SAMPLE_MAIL_DOMAIN, load_sample
from tiendo.sample.stories import VN

pytestmark = pytest.mark.django_db


def test_the_samples_digests_are_written_where_a_newcomer_can_open_them(
    sample: Any, settings: Any, tmp_path: Path
) -> None:
    settings.EMAIL_BACKEND = "tiendo.notifications.mailbox.EmailBackend"
    settings.TIENDO_MAIL_DIR = str(tmp_path)
    # The session's fixture took the addresses off; loading again (rolled back after the test)
    # gives them back, as `make run` on an existing database does.
    load_sample()
    demo = User.objects.filter(username__in=[row[0] for row in DEMO_USERS])
    assert demo.count() == len(DEMO_USERS)
    assert all(user.email == f"{user.username}@{SAMPLE_MAIL_DOMAIN}" for user in demo)
    waiting = set(
        Notification.objects.filter(recipient__in=demo, email__isnull=True).values_list(
            "recipient__email", flat=True
        )
    )
    assert waiting, "the sample leaves nobody any work to be told about"
    day = Calendar.load().on_or_after(timezone.localdate() + dt.timedelta(days=1))
    moment = dt.datetime(day.year, day.month, day.day, 8, tzinfo=VN)
    queue_emails(moment)
    send_due_emails("make-run", moment)
    received = {}
    for path in sorted(tmp_path.glob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        received[str(message["To"])] = message
    assert set(received) == waiting
    for address, message in received.items():
        user = demo.get(email=address)
        assert "nội dung cần xử lý – tổng hợp ngày" in str(message["Subject"])
        body = message.get_body()
        assert body is not None
        text = body.get_content()
        assert f"Kính gửi đồng chí {user.last_name} {user.first_name}," in text
        assert "Xem chi tiết: http" in text
