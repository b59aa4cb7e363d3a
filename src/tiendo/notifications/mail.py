"""E-mail of the notices: digests and immediate messages queued from the centre, then sent.
Every step can run again, or in two workers at once, without sending anything twice: digests have
unique keys per person and day (or week), and each e-mail is claimed by one worker before it is
sent. Nothing is mailed on days off (workdays.Calendar); the notices wait in the centre for the
next working day."""

from __future__ import annotations

import datetime as dt
import smtplib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from email import charset as mime_charset
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from tiendo.lib.logmask import mask_cccd
from tiendo.lib.text import person_name
from tiendo.notifications.models import (
    Delivery,
    Notification,
    NotificationPreference,
    OutgoingEmail,
    ScheduledRun,
)
from tiendo.notifications.services import STALE_CLAIM
from tiendo.notifications.workdays import Calendar

DIGEST_HOUR = 7
# Reports arriving for the standing body are many a day and are worked from the review queue:
# they are never mailed one by one. Someone who chose immediate delivery gets them in the
# daily digest (07:00, the reports sent since the previous digest); weekly and "off" are kept as
# chosen, since the queue and the notification centre always show them.
DIGEST_ONLY_KINDS = frozenset({"awaiting_review"})


def preferences(user_ids: Iterable[int]) -> dict[int, str]:
    """How each person chose to receive e-mail (daily when they never chose)."""
    return dict(
        NotificationPreference.objects.filter(user_id__in=list(user_ids)).values_list(
            "user_id", "delivery"
        )
    )


def _mode(user: User, chosen: dict[int, str]) -> str:
    return chosen.get(user.pk, Delivery.DAILY)


def queue_emails(now: dt.datetime, calendar: Calendar | None = None) -> int:
    """Turn pending notifications into e-mails, on working days: at once, or one digest per
    person and day (from 07:00) or week (its first working day). Mandatory reminders reach
    everyone at least daily: those who chose a weekly digest or no e-mail get them in a daily
    digest.

    A notice that arrives after the person's digest of the day (or week) was queued goes into
    the next digest, not into a follow-up message: people chose one message a day or a week,
    and the notification centre shows the notice at once. It stays pending (no message) until
    then, so it is never counted as e-mailed without a message that carries it."""
    local = timezone.localtime(now)
    today = local.date()
    calendar = calendar or Calendar.load()
    if not calendar.works(today):
        return 0
    queued = 0
    pending = (
        Notification.objects.filter(email__isnull=True, mail_settled=False)
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for note in pending:
        by_user[note.recipient_id].append(note)
    chosen = preferences(by_user)
    year, week, _ = today.isocalendar()
    for notes in by_user.values():
        user = notes[0].recipient
        mode = _mode(user, chosen)
        if mode == Delivery.OFF:
            notes = [n for n in notes if n.mandatory]
            mode = Delivery.DAILY
        if mode == Delivery.IMMEDIATE:
            for note in notes:
                if note.kind not in DIGEST_ONLY_KINDS:
                    queued += email_queue(key=f"n:{note.pk}", user=user, notes=[note], now=now)
            notes = [n for n in notes if n.kind in DIGEST_ONLY_KINDS]
            mode = Delivery.DAILY
        if not notes or local.hour < DIGEST_HOUR:
            continue
        if mode == Delivery.WEEKLY:
            week_key = f"digest-week:{user.pk}:{year}-W{week:02d}"
            weekly = OutgoingEmail.objects.filter(key=week_key).first()
            if weekly is None and _weekly_digest_day(today, calendar):
                of = f"tuần {local:%d/%m/%Y}"
                queued += email_queue(key=week_key, user=user, notes=notes, now=now, digest_of=of)
                continue
            if weekly is not None and timezone.localtime(weekly.due_at).date() == today:
                continue  # the week's digest went today: mandatory ones wait for tomorrow's
            notes = [n for n in notes if n.mandatory]
            if not notes:
                continue
        key = f"digest:{user.pk}:{today}"
        if _already_queued(key):
            continue  # today's digest has gone: what came after it waits for the next one
        queued += email_queue(
            key=key, user=user, notes=notes, now=now, digest_of=f"ngày {local:%d/%m/%Y}"
        )
    return queued


def _weekly_digest_day(today: dt.date, calendar: Calendar) -> bool:
    """The week's first working day; or a later day of the week if the worker did not run on
    it (its reminder round never finished): a missed Monday is caught up, once."""
    start = calendar.week_start(today)
    if start is None or today < start:
        return False
    if today == start:
        return True
    return not ScheduledRun.objects.filter(
        name=f"reminders:{start.isoformat()}", finished_at__isnull=False
    ).exists()


def _already_queued(key: str) -> bool:
    """A cheap early look; the unique key in email_queue is what decides between workers."""
    return OutgoingEmail.objects.filter(key=key).exists()


def email_queue(
    *, key: str, user: User, notes: Sequence[Notification], now: dt.datetime, digest_of: str = ""
) -> int:
    """Queue one message (unique key) carrying those of the notes no other message carries.

    The message and its notices' link to it are written in one transaction, and a notice is
    taken only if it is still pending (a conditional update, which on PostgreSQL waits for a
    concurrent worker's claim and then skips what it took): each notice is in exactly one
    message. If another worker has queued the same key (today's digest), nothing is taken and
    the notes stay pending for the next message. digest_of names the digest ("ngày 14/03/2024");
    empty for an immediate message of one notice. Returns 1 if a message was queued."""
    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.create(
                key=key, to=user.email, subject="", body="", due_at=now
            )
            Notification.objects.filter(
                pk__in=[n.pk for n in notes], email__isnull=True, mail_settled=False
            ).update(email=email)
            carried = list(
                Notification.objects.filter(email=email)
                .select_related("recipient")
                .order_by("created_at", "id")
            )
            if not carried:  # all taken or settled meanwhile: no empty message
                email.delete()
                return 0
            subject = (
                f"[Tiến Độ] {len(carried)} nội dung cần xử lý – tổng hợp {digest_of}"
                if digest_of
                else carried[0].subject
            )
            email.subject = mask_cccd(subject)[:300]
            email.body = mask_cccd(_text(carried))
            email.save(update_fields=["subject", "body"])
    except IntegrityError:
        return 0  # another worker queued this key first; it carries only what it took
    return 1


def _text(notes: list[Notification]) -> str:
    base = settings.TIENDO_BASE_URL.rstrip("/")
    user = notes[0].recipient
    named = person_name(user) if (user.last_name.strip() or user.first_name.strip()) else ""
    greeting = f"Kính gửi đồng chí {named}," if named else "Kính gửi đồng chí,"
    parts = [greeting, "", "Hệ thống Tiến Độ xin thông báo các nội dung sau:", ""]
    for n, note in enumerate(notes, start=1):
        parts.append(f"{n}. {note.subject}")
        parts.append(f"   {note.body}")
        if note.link:
            parts.append(f"   Xem chi tiết: {base}{note.link}")
        parts.append("")
    parts.append("Thư này được gửi tự động; đồng chí có thể chọn cách nhận thư tại mục Thông báo.")
    return "\n".join(parts)


def _reply(code: int, text: bytes | str) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return mask_cccd(f"{code} {' '.join(message.split())}")[:500]


def permanent_refusal(error: Exception) -> str | None:
    """The server's reply ("550 5.1.1 User unknown") when it refused the message for good,
    else None: connection errors, time-outs and 4xx replies are worth another try. A refused
    login or sender address is ours, not the message's fault (one wrong setting would fail
    every message): it is retried, so fixing the settings loses nothing."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = list(error.recipients.values())
        if replies and all(code >= 500 for code, _ in replies):
            return "; ".join(_reply(code, text) for code, text in replies)[:500]
        return None
    if isinstance(error, smtplib.SMTPAuthenticationError | smtplib.SMTPSenderRefused):
        return None
    if isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500:
        return _reply(error.smtp_code, error.smtp_error)
    return None


# Bodies in quoted-printable: 7-bit safe through every relay, still readable when opened raw.
BODY_CHARSET = mime_charset.Charset("utf-8")
BODY_CHARSET.body_encoding = mime_charset.QP


def site_domain() -> str:
    """The site's host name, for Message-IDs (never the machine's name or localhost)."""
    host = urlsplit(settings.TIENDO_BASE_URL).hostname or ""
    if host in {"", "localhost"}:
        host = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].rstrip(">").strip() or "tiendo"
    return host


def mail_message(email: OutgoingEmail) -> EmailMessage:
    """The message as sent: the same Message-ID on every attempt, so a message the server took
    just before a failure is recognised as one by mail clients."""
    message = EmailMessage(
        email.subject,
        email.body,
        settings.DEFAULT_FROM_EMAIL,
        [email.to],
        headers={"Message-ID": f"<tiendo.{email.pk}.{email.due_at:%Y%m%d%H%M%S}@{site_domain()}>"},
    )
    message.encoding = BODY_CHARSET
    return message


def send_due_emails(worker: str, now: dt.datetime, limit: int = 200) -> tuple[int, int]:
    """Send what is due. A temporary failure is retried with back-off; a permanent refusal
    (5xx) marks the message failed for good. Both are shown to administrators, a refusal also
    on the person's notification page."""
    sent = failed = 0
    waiting = Q(sent_at__isnull=True, failed_at__isnull=True)
    free = Q(claimed_by="") | Q(claimed_at__lt=now - STALE_CLAIM)
    candidates = OutgoingEmail.objects.filter(waiting, free, due_at__lte=now)
    for email in candidates.order_by("due_at")[:limit]:
        claimed = OutgoingEmail.objects.filter(waiting, free, pk=email.pk).update(
            claimed_by=worker, claimed_at=now
        )
        if not claimed:
            continue  # another worker has it
        try:
            mail_message(email).send(fail_silently=False)
        except Exception as error:
            failed += 1
            attempts = email.attempts + 1
            error_text = mask_cccd(f"{type(error).__name__}: {error}")[:2000]
            released = OutgoingEmail.objects.filter(pk=email.pk, claimed_by=worker)
            if refusal := permanent_refusal(error):
                released.update(
                    attempts=attempts,
                    last_error=error_text,
                    failed_at=now,
                    failure_reason=refusal,
                    claimed_by="",
                    claimed_at=None,
                )
            else:
                released.update(
                    attempts=attempts,
                    last_error=error_text,
                    claimed_by="",
                    claimed_at=None,
                    due_at=now + min(dt.timedelta(minutes=5 * 2**attempts), dt.timedelta(hours=6)),
                )
        else:
            sent += 1
            OutgoingEmail.objects.filter(pk=email.pk).update(sent_at=now, last_error="")
    return sent, failed
