"""Never lose a message: each notice reaches exactly one sent e-mail, whenever it arrives
(before, during or after the round that queues its digest, with two workers racing), and a
mail server's permanent refusal stops the retries and is shown to the person and to the
administrators, while a temporary one is retried with back-off."""

from __future__ import annotations

import datetime as dt
import html
import smtplib
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client
from django.urls import reverse

from tiendo.notifications import delivery
from tiendo.notifications import mail as notice_mail
from tiendo.notifications.delivery import Reminder, deliver
from tiendo.notifications.mail import email_queue, queue_emails, send_due_emails
from tiendo.notifications.models import (
    Delivery,
    Notification,
    NotificationPreference,
    OutgoingEmail,
)
from tiendo.notifications.rounds import tick
from tiendo.testing import VN, Cast, make_cast

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2024, 4, 1)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN)


class MailServer(EmailBackend):
    """Plays the province's mail server: each address can be given replies to raise, one per
    attempt, before it accepts; accepted messages land in django.core.mail.outbox."""

    replies: dict[str, list[Exception]] = {}
    attempts: list[str] = []

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            to = message.to[0]
            MailServer.attempts.append(to)
            if MailServer.replies.get(to):
                raise MailServer.replies[to].pop(0)
        return super().send_messages(email_messages)


@pytest.fixture
def server(settings: Any) -> Iterator[type[MailServer]]:
    settings.EMAIL_BACKEND = f"{__name__}.MailServer"
    MailServer.replies, MailServer.attempts = {}, []
    yield MailServer
    MailServer.replies, MailServer.attempts = {}, []


@pytest.fixture
def cast(server: type[MailServer]) -> Cast:
    return make_cast()


def someone(name: str, delivery: str) -> User:
    """A person outside every agency: only the notices a test gives them reach them."""
    user = User.objects.create_user(f"t.{name}", email=f"{name}@tinh.gov.vn")
    NotificationPreference.objects.create(user=user, delivery=delivery)
    return user


def notice(cast: Cast, user: User, label: str, moment: dt.datetime) -> Notification:
    with time_machine.travel(moment, tick=False):
        deliver(
            [
                Reminder(
                    cast.health,
                    (),
                    "due_soon",
                    f"test:{label}",
                    f"[{label}] Đề nghị cập nhật tiến độ",
                    "Đề nghị cập nhật tiến độ nhiệm vụ trước ngày 30/06/2024.",
                    recipients=[user],
                )
            ]
        )
    return Notification.objects.get(recipient=user, key=f"test:{label}")


def run(moment: dt.datetime, worker: str = "w1") -> dict[str, int | None]:
    with time_machine.travel(moment, tick=False):
        result = tick(worker, moment)
    assert_carried_only_by_their_message()
    return result


def assert_carried_only_by_their_message() -> None:
    """A notice is linked to a message only once that message is queued with it in its body."""
    for note in Notification.objects.filter(email__isnull=False).select_related("email"):
        assert note.email is not None and note.subject in note.email.body


def assert_each_in_exactly_one_sent_mail(notes: Sequence[Notification]) -> None:
    for note in notes:
        note.refresh_from_db()
        carrying = [m for m in mail.outbox if note.subject in m.body]
        assert len(carrying) == 1, note.subject
        assert note.email is not None and note.email.sent_at is not None
        assert (carrying[0].subject, carrying[0].to) == (note.email.subject, [note.email.to])


def pending(*notes: Notification) -> bool:
    """Not yet in any message (and not settled): still waiting for one."""
    for note in notes:
        note.refresh_from_db()
    return all(note.email is None and not note.mail_settled for note in notes)


def arriving_while_queueing(
    monkeypatch: pytest.MonkeyPatch, cast: Cast, user: User, label: str, moment: dt.datetime
) -> list[Notification]:
    """A notice created while the worker's round runs, after it has read what is pending (as
    an event committed by a web request at that moment would be)."""
    real = notice_mail._mode
    made: list[Notification] = []

    def mode(person: User, chosen: dict[int, str]) -> str:
        if person.pk == user.pk and not made:
            made.append(notice(cast, user, label, moment))
        return real(person, chosen)

    monkeypatch.setattr(notice_mail, "_mode", mode)
    return made


def mails_to(user: User) -> list[Any]:
    return [m for m in mail.outbox if m.to == [user.email]]


@pytest.mark.parametrize(
    ("delivery", "next_round", "subjects"),
    [
        (
            Delivery.IMMEDIATE,
            at(MONDAY, 10, 5),
            ["[trước] Đề nghị", "[trong lượt] Đề nghị", "[sau] Đề nghị"],
        ),
        (
            Delivery.DAILY,
            at(MONDAY + dt.timedelta(days=1), 7),
            [
                "1 nội dung cần xử lý – tổng hợp ngày 01/04/2024",
                "2 nội dung cần xử lý – tổng hợp ngày 02/04/2024",
            ],
        ),
        (
            Delivery.WEEKLY,
            at(MONDAY + dt.timedelta(days=7), 7),
            [
                "1 nội dung cần xử lý – tổng hợp tuần 01/04/2024",
                "2 nội dung cần xử lý – tổng hợp tuần 08/04/2024",
            ],
        ),
    ],
)
def test_notices_before_during_and_after_each_kind_of_message_each_reach_exactly_one_email(
    cast: Cast,
    monkeypatch: pytest.MonkeyPatch,
    delivery: str,
    next_round: dt.datetime,
    subjects: list[str],
) -> None:
    user = someone("nguoinhan", delivery)
    before = notice(cast, user, "trước", at(MONDAY, 6))
    if delivery != Delivery.IMMEDIATE:
        run(at(MONDAY, 6, 1))
        assert mails_to(user) == [] and pending(before)  # digests wait for 07:00
    during = arriving_while_queueing(monkeypatch, cast, user, "trong lượt", at(MONDAY, 7))
    run(at(MONDAY, 7))  # queues (and sends) the message of the notices before it
    monkeypatch.undo()
    [during_note] = during
    assert len(mails_to(user)) == 1 and before.subject in mails_to(user)[0].body
    assert pending(during_note)  # came after the round read the queue: not flagged, not lost
    after = notice(cast, user, "sau", at(MONDAY, 10))
    assert pending(after)
    if delivery != Delivery.IMMEDIATE:
        # The digest of the day (or week) has gone: later notices wait for the next one.
        run(at(MONDAY, 10, 5))
        if delivery == Delivery.WEEKLY:
            run(at(MONDAY + dt.timedelta(days=2), 7))  # no digest on a Wednesday
        assert pending(during_note, after) and len(mails_to(user)) == 1
    run(next_round)
    run(next_round + dt.timedelta(hours=1))  # nothing left for another round
    assert len(mails_to(user)) == len(subjects)
    assert all(s in m.subject for s, m in zip(subjects, mails_to(user), strict=True))
    assert_each_in_exactly_one_sent_mail([before, during_note, after])
    assert OutgoingEmail.objects.filter(to=user.email).count() == len(subjects)


def test_a_digest_another_worker_queued_meanwhile_takes_no_notice_it_does_not_carry(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = someone("thuongtruc2", Delivery.DAILY)
    early = notice(cast, user, "sáng sớm", at(MONDAY, 6))
    queue_emails(at(MONDAY, 7))  # worker B: today's digest, with the early notice
    late = notice(cast, user, "vừa đến", at(MONDAY, 7, 1))
    # Worker A looked for today's digest before B's commit, and now queues its own.
    monkeypatch.setattr(notice_mail, "_already_queued", lambda key: False)
    assert queue_emails(at(MONDAY, 7, 1)) == 0
    monkeypatch.undo()
    assert pending(late)  # not flagged for a digest that does not carry it
    [digest] = OutgoingEmail.objects.filter(to=user.email)
    assert early.subject in digest.body and late.subject not in digest.body
    send_due_emails("w1", at(MONDAY, 7, 2))
    run(at(MONDAY + dt.timedelta(days=1), 7))
    assert_each_in_exactly_one_sent_mail([early, late])
    assert len(mails_to(user)) == 2


def test_a_notice_taken_by_one_message_is_never_put_in_a_second(cast: Cast) -> None:
    user = someone("chuyenvien3", Delivery.IMMEDIATE)
    note = notice(cast, user, "một lần", at(MONDAY, 9))
    assert email_queue(key=f"n:{note.pk}", user=user, notes=[note], now=at(MONDAY, 9)) == 1
    assert email_queue(key=f"n:{note.pk}", user=user, notes=[note], now=at(MONDAY, 9)) == 0
    # A worker that still saw it pending (say, before a change to daily delivery) makes no
    # digest of nothing.
    digest = f"digest:{user.pk}:{MONDAY}"
    assert email_queue(key=digest, user=user, notes=[note], now=at(MONDAY, 9), digest_of="x") == 0
    assert not OutgoingEmail.objects.filter(key=digest).exists()
    run(at(MONDAY, 9, 1))
    assert_each_in_exactly_one_sent_mail([note])


def test_a_settled_notice_is_not_mailed_and_not_counted_as_mailed(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    user = someone("lanhdao3", Delivery.DAILY)
    note = notice(cast, user, "đã xử lý", at(MONDAY, 6))
    delivery.settle("due_soon", [note.key])
    run(at(MONDAY, 7))
    note.refresh_from_db()
    assert note.mail_settled and note.email is None and note.mail_state == "Không cần gửi thư"
    assert mails_to(user) == []


REFUSED = "040190012345@tinh.gov.vn"  # an address holding a personal ID number


@pytest.mark.parametrize(
    ("error", "reply"),
    [
        (
            smtplib.SMTPRecipientsRefused(
                {REFUSED: (550, f"5.1.1 <{REFUSED}>: Recipient address rejected".encode())}
            ),
            "550 5.1.1 <040*******45@tinh.gov.vn>: Recipient address rejected",
        ),
        (smtplib.SMTPDataError(554, b"5.7.1 Message rejected"), "554 5.7.1 Message rejected"),
        (smtplib.SMTPResponseException(550, "Mailbox unavailable"), "550 Mailbox unavailable"),
    ],
)
def test_a_permanent_refusal_is_tried_once_and_shown_to_the_person_and_the_administrators(
    cast: Cast, server: type[MailServer], client: Client, error: Exception, reply: str
) -> None:
    cast.reporter.email = REFUSED
    cast.reporter.save()
    note = notice(cast, cast.reporter, "bị từ chối", at(MONDAY, 6))
    server.replies[REFUSED] = [error]
    assert run(at(MONDAY, 7))["failed"] == 1
    for later in (at(MONDAY, 7, 11), at(MONDAY, 14), at(MONDAY + dt.timedelta(days=1), 7)):
        run(later)
    assert server.attempts == [REFUSED]  # never tried again
    assert mails_to(cast.reporter) == []
    email = OutgoingEmail.objects.get(to=REFUSED)
    assert email.failed_at == at(MONDAY, 7) and email.sent_at is None and email.attempts == 1
    assert email.failure_reason == reply
    note.refresh_from_db()
    assert note.email == email  # in the message, which did not go: its state says so
    assert note.mail_state == f"Bị máy chủ thư từ chối ({reply})"
    client.force_login(cast.reporter)
    page = html.unescape(client.get(reverse("notifications:inbox")).content.decode())
    assert (
        f"Thư gửi đến địa chỉ 040*******45@tinh.gov.vn bị máy chủ thư từ chối ({reply}): "
        "hãy kiểm tra địa chỉ thư điện tử trong tài khoản, rồi bấm “Gửi lại”." in page
    )
    assert "040190012345" not in page
    client.force_login(cast.admin)
    changelist = reverse("admin:notifications_outgoingemail_changelist")
    refused = html.unescape(client.get(f"{changelist}?state=refused").content.decode())
    assert "040*******45@tinh.gov.vn" in refused and f"Bị máy chủ thư từ chối ({reply})" in refused
    assert "Bị máy chủ thư từ chối hẳn" in refused  # the filter's choice
    assert "040*******45" not in client.get(f"{changelist}?state=retrying").content.decode()
    # A corrected address ends the warning; its next message goes through.
    cast.reporter.email = "yte.chuyenvien@tinh.gov.vn"
    cast.reporter.save()
    client.force_login(cast.reporter)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "bị máy chủ thư từ chối" not in page
    # "Gửi lại" puts the refused message's notice in a new message to the corrected address,
    # once however often it is pressed; the refused message stays as it happened.
    with time_machine.travel(at(MONDAY, 15), tick=False):
        for _ in range(2):
            assert client.post(reverse("notifications:resend")).status_code == 302
    note.refresh_from_db()
    assert note.email is not None and note.email.to == "yte.chuyenvien@tinh.gov.vn"
    assert OutgoingEmail.objects.filter(to="yte.chuyenvien@tinh.gov.vn").count() == 1
    assert OutgoingEmail.objects.get(pk=email.pk).failed_at == at(MONDAY, 7)
    run(at(MONDAY + dt.timedelta(days=1), 9))
    [resent] = mails_to(cast.reporter)
    assert note.subject in resent.body


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPRecipientsRefused({"hoa@tinh.gov.vn": (450, b"4.2.1 Mailbox busy")}),
        smtplib.SMTPDataError(451, b"4.3.0 Try again later"),
        smtplib.SMTPResponseException(421, b"4.7.0 Too many connections"),
        smtplib.SMTPAuthenticationError(535, b"5.7.8 Authentication failed"),
        smtplib.SMTPSenderRefused(553, b"5.7.1 Sender not allowed", "tiendo@tinh.gov.vn"),
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError("timed out"),
    ],
)
def test_a_temporary_failure_is_retried_with_back_off_and_then_sent(
    cast: Cast, server: type[MailServer], error: Exception
) -> None:
    user = someone("hoa", Delivery.DAILY)
    note = notice(cast, user, "thử lại", at(MONDAY, 6))
    server.replies[user.email] = [error, error]
    assert run(at(MONDAY, 7))["failed"] == 1
    email = OutgoingEmail.objects.get(to=user.email)
    assert email.failed_at is None and email.attempts == 1 and email.last_error
    assert email.due_at == at(MONDAY, 7, 10)  # 10 minutes, doubling with each failure
    assert send_due_emails("w1", at(MONDAY, 7, 5)) == (0, 0)
    assert send_due_emails("w1", at(MONDAY, 7, 10)) == (0, 1)
    email.refresh_from_db()
    assert email.attempts == 2 and email.due_at == at(MONDAY, 7, 30)
    assert send_due_emails("w1", at(MONDAY, 7, 29)) == (0, 0)
    assert send_due_emails("w1", at(MONDAY, 7, 30)) == (1, 0)
    assert server.attempts == [user.email] * 3
    email.refresh_from_db()
    assert email.sent_at == at(MONDAY, 7, 30) and email.failed_at is None
    assert_each_in_exactly_one_sent_mail([note])
