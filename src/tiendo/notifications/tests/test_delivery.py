"""E-mail through a real SMTP server on loopback; failures kept and retried; two workers."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from email import message_from_bytes
from email.header import decode_header, make_header
from email.message import Message
from typing import Any

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tiendo.notifications.mail import send_due_emails
from tiendo.notifications.models import Notification, OutgoingEmail, ScheduledRun
from tiendo.notifications.rounds import tick
from tiendo.notifications.workdays import Calendar
from tiendo.testing import VN, Cast, make_cast, restate_item


class Inbox:
    """An SMTP server's handler that keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def subjects(self) -> list[str]:
        return [str(make_header(decode_header(m["Subject"]))) for m in self.messages]

    def bodies(self) -> list[str]:
        out = []
        for message in self.messages:
            payload = message.get_payload(decode=True)
            assert isinstance(payload, bytes)
            out.append(payload.decode(message.get_content_charset() or "utf-8"))
        return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp(settings: Any) -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_TIMEOUT = 5
    yield inbox
    controller.stop()


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN)


def with_emails(cast: Cast) -> Cast:
    for user in (cast.reporter, cast.colleague, cast.head, cast.standing, cast.leader):
        user.email = f"{user.username}@tinh.gov.vn"
        user.save()
    restate_item(cast.item, deadline=dt.date(2024, 3, 20))
    return cast


@pytest.mark.django_db
def test_digests_arrive_through_smtp_in_vietnamese(smtp: Inbox) -> None:
    cast = with_emails(make_cast())
    with time_machine.travel(at(dt.date(2024, 3, 13)), tick=False):
        result = tick("w1")
    assert result["sent"] == 3 and result["failed"] == 0
    assert len(smtp.messages) == 3
    assert all("nội dung cần xử lý – tổng hợp ngày 13/03/2024" in s for s in smtp.subjects())
    assert any("đến hạn ngày 20/03/2024 (còn 7 ngày)" in body for body in smtp.bodies())
    assert {m["To"] for m in smtp.messages} == {
        cast.reporter.email,
        cast.colleague.email,
        cast.head.email,
    }
    # 7-bit safe on every relay, and identified by the site, not by the machine's name.
    assert {m["Content-Transfer-Encoding"] for m in smtp.messages} == {"quoted-printable"}
    ids = {m["Message-ID"] for m in smtp.messages}
    assert len(ids) == 3 and all(i.endswith("@127.0.0.1>") for i in ids), ids


@pytest.mark.django_db
def test_message_ids_carry_the_sites_domain(smtp: Inbox, settings: Any) -> None:
    settings.TIENDO_BASE_URL = "https://tiendo.nghean.gov.vn/"
    with_emails(make_cast())
    with time_machine.travel(at(dt.date(2024, 3, 13)), tick=False):
        tick("w1")
    assert smtp.messages
    assert all(m["Message-ID"].endswith("@tiendo.nghean.gov.vn>") for m in smtp.messages)
    raw = smtp.messages[0].as_bytes()
    assert all(byte < 128 for byte in raw)  # no raw 8-bit anywhere


@pytest.mark.django_db
def test_a_failing_smtp_server_loses_nothing_and_the_failure_is_visible(
    settings: Any, smtp: Inbox, client: Client
) -> None:
    with_emails(make_cast())
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there
    with time_machine.travel(at(dt.date(2024, 3, 13)), tick=False):
        result = tick("w1")
    assert (result["sent"], result["failed"]) == (0, 3)
    failing = OutgoingEmail.objects.filter(sent_at__isnull=True)
    assert failing.count() == 3 and all(e.attempts == 1 and e.last_error for e in failing)
    client.force_login(User.objects.create_superuser("t.admin-mail"))
    page = client.get("/quan-tri/notifications/outgoingemail/").content.decode()
    assert "ConnectionRefusedError" in page or "Connection refused" in page
    settings.EMAIL_PORT = working_port
    failed_at = at(dt.date(2024, 3, 13))
    # Retried after a back-off of 10 minutes (doubling with each failure, at most 6 hours).
    assert send_due_emails("w1", failed_at + dt.timedelta(minutes=5)) == (0, 0)
    assert send_due_emails("w1", failed_at + dt.timedelta(minutes=11)) == (3, 0)
    assert len(smtp.messages) == 3
    assert not OutgoingEmail.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two processes need PostgreSQL")
def test_two_worker_processes_never_send_the_same_message(smtp: Inbox, settings: Any) -> None:
    with_emails(make_cast())
    for n in range(40):
        OutgoingEmail.objects.create(
            key=f"test:{n}", to=f"nguoi{n}@tinh.gov.vn", subject=f"Thư số {n}", body="Nội dung"
        )
    db = connection.settings_dict
    env = os.environ | {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "TIENDO_EMAIL_HOST": "127.0.0.1",
        "TIENDO_EMAIL_PORT": str(settings.EMAIL_PORT),
        "DJANGO_SETTINGS_MODULE": "tiendo.settings",
    }
    # Nothing is mailed on a day off, and the workers read the real clock: on a Vietnamese
    # weekend or holiday they run from 10:00 on the next working day (time_machine in each).
    day, calendar = timezone.localdate(), Calendar.load()
    while not calendar.works(day):
        day += dt.timedelta(days=1)
    start = max(timezone.now(), dt.datetime.combine(day, dt.time(10), tzinfo=VN))
    worker = (
        "import runpy, sys, time_machine;"
        f"time_machine.travel({start.isoformat()!r}, tick=True).start();"
        "sys.argv = ['tiendo', 'worker', '--once', '--name', sys.argv[1]];"
        "runpy.run_module('tiendo.cli', run_name='__main__')"
    )
    workers = [
        subprocess.Popen(  # noqa: S603 - our own command
            [sys.executable, "-c", worker, name],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name in ("A", "B")
    ]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    assert all(worker.returncode == 0 for worker in workers), outputs
    emails = OutgoingEmail.objects.all()
    assert not emails.filter(sent_at__isnull=True).exists()
    assert len(smtp.messages) == emails.count() >= 40
    assert len({m["To"] for m in smtp.messages}) == len(smtp.messages)  # none twice
    assert {e.claimed_by for e in emails} <= {"A", "B"}
    assert ScheduledRun.objects.filter(claimed_by__in=["A", "B"]).count() == 1  # one generation


@pytest.mark.django_db
def test_the_notification_centre_counts_unread_and_marks_read(client: Client) -> None:
    cast = make_cast()
    with time_machine.travel(at(dt.date(2024, 6, 21)), tick=False):
        tick("w1")  # 7 days before the 30/6 deadline is a Sunday: the Friday before
    client.force_login(cast.reporter)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert 'aria-label="1 thông báo chưa đọc"' in page
    assert "đến hạn ngày 30/06/2024 (Chủ nhật, ngày nghỉ; còn 9 ngày)" in page
    client.post(reverse("notifications:mark_read"))
    assert not Notification.objects.filter(recipient=cast.reporter, read_at__isnull=True).exists()


@pytest.mark.django_db
def test_leaders_get_a_weekly_summary_on_mondays_also_on_the_dashboard(client: Client) -> None:
    cast = make_cast()
    with time_machine.travel(at(dt.date(2024, 4, 1)), tick=False):  # a Monday
        tick("w1")
    summary = Notification.objects.get(recipient=cast.leader, kind="weekly_summary")
    assert summary.subject == "Tóm tắt tình hình thực hiện Đề án 06 tuần 14/2024"
    assert "Số liệu tính đến ngày 14/03/2024." in summary.body  # the last cut-off
    client.force_login(cast.leader)
    assert "Tóm tắt tình hình thực hiện Đề án 06 tuần 14/2024" in client.get("/").content.decode()
    with time_machine.travel(at(dt.date(2024, 4, 2)), tick=False):
        tick("w1")
    assert Notification.objects.filter(kind="weekly_summary", recipient=cast.leader).count() == 1
