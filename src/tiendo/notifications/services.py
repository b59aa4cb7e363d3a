"""Reminders and their delivery. Every step can run again, or in two workers at once, without
sending anything twice: reminders have unique keys per person, digests have unique keys per
person and day, and each e-mail is claimed by one worker before it is sent."""

from __future__ import annotations

import datetime as dt
import smtplib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tiendo.accounts.access import province_of
from tiendo.accounts.models import Role
from tiendo.agencies.models import Agency
from tiendo.lib.dates import format_date
from tiendo.lib.logmask import mask_cccd
from tiendo.lib.text import person_name
from tiendo.notifications.models import (
    Delivery,
    Notification,
    NotificationPreference,
    OutgoingEmail,
    ReminderRule,
    ScheduledRun,
)
from tiendo.plans.models import Item, Plan
from tiendo.progress.models import ReportingPeriod
from tiendo.progress.selectors import compliance_for_period
from tiendo.status.phrases import plan_sentences
from tiendo.status.selectors import (
    AsOf,
    DeadlineClass,
    Scope,
    iter_item_statuses,
    status_summary,
)

STALE_CLAIM = dt.timedelta(minutes=15)
DIGEST_HOUR = 7
REPORTERS = (Role.REPORTER, Role.HEAD)
# Reports arriving for the standing body are many a day and are worked from the review queue:
# they are never mailed one by one. Someone who chose immediate delivery gets them in the
# daily digest (07:00, the reports sent since the previous digest); weekly and "off" are kept as
# chosen, since the queue and the notification centre always show them.
DIGEST_ONLY_KINDS = frozenset({"awaiting_review"})


@dataclass(frozen=True)
class Reminder:
    """A reminder before it is addressed to people."""

    agency: Agency
    roles: Sequence[str]
    kind: str
    key: str
    subject: str
    body: str
    link: str = ""
    item: Item | None = None
    mandatory: bool = False
    include_standing: bool = False
    # Named people (the reporter who drafted a report, the head who sent it, a requester), in
    # addition to those the agency's roles reach.
    recipients: Sequence[User] = ()


def members(agency: Agency, roles: Iterable[str]) -> list[User]:
    """Active users of the agency's subtree with one of the roles."""
    return list(
        User.objects.filter(
            is_active=True,
            membership__agency__path__startswith=agency.path,
            membership__role__in=list(roles),
        )
    )


def standing_body(agency: Agency) -> list[User]:
    return members(province_of(agency), [Role.STANDING])


def unit_heads(agency: Agency) -> list[User]:
    """The heads who approve the unit's reports: its own, else those of the nearest unit above
    it that has any (access lets a head send the reports of the units below)."""
    chain = [int(part) for part in agency.path.strip("/").split("/") if part]
    heads = list(
        User.objects.filter(
            is_active=True, membership__role=Role.HEAD, membership__agency_id__in=chain
        ).select_related("membership__agency")
    )
    if not heads:
        return []
    nearest = max(len(user.membership.agency.path) for user in heads)
    return [user for user in heads if len(user.membership.agency.path) == nearest]


def deliver(reminders: Iterable[Reminder]) -> int:
    """Create the in-app notifications (once per person and key)."""
    rows = []
    for reminder in reminders:
        people = members(reminder.agency, reminder.roles) if reminder.roles else []
        if reminder.include_standing:
            people += standing_body(reminder.agency)
        people += [user for user in reminder.recipients if user.is_active]
        for user in {u.pk: u for u in people}.values():
            rows.append(
                Notification(
                    recipient=user,
                    agency=reminder.agency,
                    item=reminder.item,
                    kind=reminder.kind,
                    key=reminder.key,
                    subject=mask_cccd(reminder.subject)[:300],
                    body=mask_cccd(reminder.body),
                    link=reminder.link,
                    mandatory=reminder.mandatory,
                )
            )
    created = Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(created)


def notify_on_commit(reminders: list[Reminder]) -> None:
    """For events inside a service's transaction: notify only if the change is kept."""
    transaction.on_commit(lambda: deliver(reminders))


def settle(kind: str, keys: Iterable[str] = (), key_prefix: str = "") -> int:
    """Once the work a notice asked for is done (the draft sent, the report decided), everyone's
    unread notice of it is marked read and leaves the e-mail queue: nobody is asked to act on
    what a colleague has already handled. The notices stay in the centre."""
    match = Q(key__in=list(keys))
    if key_prefix:
        match |= Q(key__startswith=key_prefix)
    return Notification.objects.filter(match, kind=kind, read_at__isnull=True).update(
        read_at=timezone.now(), mail_settled=True
    )


def settle_on_commit(kind: str, keys: Iterable[str] = (), key_prefix: str = "") -> None:
    chosen = list(keys)
    transaction.on_commit(lambda: settle(kind, chosen, key_prefix))


# --- daily reminders ------------------------------------------------------------------------


def rule_for(plan: Plan) -> ReminderRule:
    return getattr(plan, "reminder_rule", None) or ReminderRule(plan=plan)


def item_reminders(day: dt.date, plans: Iterable[Plan]) -> list[Reminder]:
    """Deadline reminders for every unfinished item of the plans, as of day."""
    out: list[Reminder] = []
    agencies: dict[int, Agency] = {}
    for plan in plans:
        rule = rule_for(plan)
        before = set(rule.before_days)
        as_of = AsOf.make(day)
        for chunk in iter_item_statuses(
            Scope(plan=plan, top_level_only=False),
            as_of,
            deadline_classes=[DeadlineClass.IN_TIME, DeadlineClass.DUE_SOON, DeadlineClass.OVERDUE],
        ):
            for row in chunk:
                if row.deadline_now is None:
                    continue
                agency_id = row.responsible_agency_id
                if agency_id not in agencies:
                    agencies[agency_id] = Agency.objects.get(pk=agency_id)
                agency = agencies[agency_id]
                item = row.item
                left = (row.deadline_now - day).days
                due = format_date(row.deadline_now)
                link = reverse("plans:item_detail", args=[item.pk])
                what = f"{item.get_kind_display().lower()} {item.code} (Kế hoạch số {plan.number})"
                head = f"“{item.title}”, {what}, do {agency.name} chủ trì"
                if left in before:
                    out.append(
                        Reminder(
                            agency,
                            REPORTERS,
                            "due_soon",
                            f"before:{item.pk}:{row.deadline_now}:{left}",
                            f"Nhắc việc: {what} đến hạn ngày {format_date(row.deadline_now)} "
                            f"(còn {left} ngày)",
                            f"{head}, đến hạn ngày {format_date(row.deadline_now)}. Tình trạng: "
                            f"{row.state_label}. Đề nghị hoàn thành và báo cáo kết quả đúng hạn.",
                            link,
                            item,
                            rule.mandatory,
                        )
                    )
                elif left == 0 and rule.on_due_day:
                    out.append(
                        Reminder(
                            agency,
                            REPORTERS,
                            "due_today",
                            f"due:{item.pk}:{row.deadline_now}",
                            f"Đến hạn hôm nay: {what}",
                            f"{head}, đến hạn hôm nay ({format_date(day)}). Tình trạng: "
                            f"{row.state_label}. Đề nghị báo cáo kết quả ngay trong ngày.",
                            link,
                            item,
                            rule.mandatory,
                        )
                    )
                elif left < 0:
                    late = -left
                    # The day after the deadline, then every overdue_every_days while overdue.
                    if (late - 1) % rule.overdue_every_days == 0:
                        out.append(
                            Reminder(
                                agency,
                                REPORTERS,
                                "overdue",
                                f"overdue:{item.pk}:{row.deadline_now}:{late}",
                                f"Quá hạn {late} ngày: {what}",
                                f"{head}, đã quá hạn {late} ngày (hạn {due}). "
                                f"Tình trạng: {row.state_label}. Đề nghị khẩn trương hoàn thành, "
                                "báo cáo rõ nguyên nhân, khó khăn và đề xuất gia hạn nếu cần.",
                                link,
                                item,
                                rule.mandatory,
                            )
                        )
                    over = late - rule.escalate_after_days
                    if over >= 1 and (over - 1) % 7 == 0:
                        roles = [r for r in rule.escalation_roles if r != Role.STANDING]
                        out.append(
                            Reminder(
                                agency,
                                roles or [Role.HEAD],
                                "escalation",
                                f"escalate:{item.pk}:{row.deadline_now}:{late}",
                                f"Báo cáo lãnh đạo: {what} quá hạn {late} ngày",
                                f"{head}, quá hạn {late} ngày, vượt ngưỡng "
                                f"{rule.escalate_after_days} ngày. Đề nghị thủ trưởng đơn vị "
                                "trực tiếp chỉ đạo, báo cáo cơ quan thường trực.",
                                link,
                                item,
                                True,
                                include_standing=Role.STANDING in rule.escalation_roles,
                            )
                        )
    return out


def period_reminders(day: dt.date, plans: Iterable[Plan]) -> list[Reminder]:
    """Periods: reporting opens at the cut-off, the due date nears, reports are missing."""
    out: list[Reminder] = []
    for plan in plans:
        rule = rule_for(plan)
        if not rule.period_reminders:
            continue
        province = province_of(plan.issuing_agency)
        for period in ReportingPeriod.objects.filter(
            Q(plan=plan),
            Q(cutoff=day)
            | Q(due_on=day + dt.timedelta(days=rule.period_due_days_before))
            | Q(due_on=day - dt.timedelta(days=1)),
        ):
            link = reverse("progress:compliance", args=[period.pk])
            rows = compliance_for_period(period)
            label, due_on = period.label, format_date(period.due_on)
            if period.cutoff == day:
                for row in rows:
                    name = row.agency.name
                    out.append(
                        Reminder(
                            row.agency,
                            REPORTERS,
                            "period_open",
                            f"open:{period.pk}",
                            f"Kỳ báo cáo {label} (Kế hoạch số {plan.number}) đã chốt số liệu",
                            f"Số liệu tính đến ngày {format_date(period.cutoff)}. Đề nghị {name} "
                            f"gửi báo cáo {row.expected} nhiệm vụ, mô hình trước ngày "
                            f"{format_date(period.due_on)}.",
                            link,
                            None,
                            rule.mandatory,
                        )
                    )
            if period.due_on == day + dt.timedelta(days=rule.period_due_days_before):
                for row in rows:
                    name = row.agency.name
                    if row.missing:
                        out.append(
                            Reminder(
                                row.agency,
                                REPORTERS,
                                "period_due",
                                f"due:{period.pk}",
                                f"Sắp hết hạn gửi báo cáo {label} ({due_on})",
                                f"{name} còn {row.missing} nhiệm vụ, mô hình chưa gửi báo cáo "
                                f"kỳ {period.label} của Kế hoạch số {plan.number}.",
                                link,
                                None,
                                rule.mandatory,
                            )
                        )
            if period.due_on == day - dt.timedelta(days=1):
                late = [row for row in rows if row.missing]
                for row in late:
                    name = row.agency.name
                    out.append(
                        Reminder(
                            row.agency,
                            REPORTERS,
                            "period_missing",
                            f"missing:{period.pk}",
                            f"Chưa gửi báo cáo {period.label} (hạn {format_date(period.due_on)})",
                            f"{name} chưa gửi báo cáo {row.missing} nhiệm vụ, mô hình kỳ "
                            f"{period.label} của Kế hoạch số {plan.number}. Đề nghị gửi ngay.",
                            link,
                            None,
                            True,
                        )
                    )
                if late:
                    names = "; ".join(f"{r.agency.name} ({r.missing})" for r in late)
                    out.append(
                        Reminder(
                            province,
                            [Role.STANDING],
                            "period_missing_summary",
                            f"missing-all:{period.pk}",
                            f"{len(late)} đơn vị chưa gửi báo cáo {period.label}",
                            f"Kế hoạch số {plan.number}, kỳ {period.label}: {names}.",
                            link,
                            None,
                            True,
                        )
                    )
    return out


def weekly_summary(day: dt.date, plans: Sequence[Plan]) -> list[Reminder]:
    """Monday's summary for leaders: the officials' sentences as of the last cut-off and the
    items longest overdue."""
    if day.weekday() != 0 or not plans:
        return []
    out = []
    by_province: dict[int, list[Plan]] = defaultdict(list)
    for plan in plans:
        by_province[province_of(plan.issuing_agency).pk].append(plan)
    for province_id, province_plans in by_province.items():
        province = Agency.objects.get(pk=province_id)
        text = summary_text(day, province_plans)
        week = day.isocalendar().week
        if text:
            out.append(
                Reminder(
                    province,
                    [Role.LEADER, Role.STANDING],
                    "weekly_summary",
                    f"summary:{day.isocalendar().year}-W{day.isocalendar().week:02d}",
                    f"Tóm tắt tình hình thực hiện Đề án 06 tuần {week}/{day.year}",
                    text,
                    reverse("dashboard:overview"),
                    None,
                    True,
                )
            )
    return out


def last_cutoff(day: dt.date, plans: Sequence[Plan]) -> dt.date:
    period = (
        ReportingPeriod.objects.filter(plan__in=plans, cutoff__lte=day).order_by("-cutoff").first()
    )
    return period.cutoff if period else day


def summary_text(day: dt.date, plans: Sequence[Plan]) -> str:
    cutoff = last_cutoff(day, plans)
    as_of = AsOf.make(cutoff)
    lines = [f"Số liệu tính đến ngày {format_date(cutoff)}."]
    overdue = []
    for plan in plans:
        summary = status_summary(Scope(plan=plan), as_of)
        if summary.all.total:
            lines += [f"- {s}" for s in plan_sentences(plan, summary)]
        for chunk in iter_item_statuses(
            Scope(plan=plan), as_of, deadline_classes=[DeadlineClass.OVERDUE]
        ):
            overdue += chunk
    overdue.sort(key=lambda r: r.deadline_now or dt.date.max)
    if overdue:
        lines.append("Các nhiệm vụ, mô hình quá hạn lâu nhất:")
        lines += [
            f"- {r.item.code}. {r.item.title} ({r.item.lead_agency.label}; hạn "
            f"{format_date(r.deadline_now)})"
            for r in overdue[:10]
            if r.deadline_now
        ]
    return "\n".join(lines)


def claim_run(name: str, worker: str, now: dt.datetime) -> bool:
    """Claim a named piece of work; a claim left unfinished for 15 minutes is taken over."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(name=name, claimed_by=worker, claimed_at=now)
        return True
    except IntegrityError:
        return bool(
            ScheduledRun.objects.filter(
                name=name, finished_at__isnull=True, claimed_at__lt=now - STALE_CLAIM
            ).update(claimed_by=worker, claimed_at=now)
        )


def finish_run(name: str) -> None:
    ScheduledRun.objects.filter(name=name).update(finished_at=timezone.now())


def generate_reminders(day: dt.date, worker: str, now: dt.datetime | None = None) -> int | None:
    """Today's reminders, once per day however many workers run (None: already done)."""
    name = f"reminders:{day.isoformat()}"
    if not claim_run(name, worker, now or timezone.now()):
        return None
    plans = list(
        Plan.objects.select_related("issuing_agency", "reminder_rule").filter(issued_on__lte=day)
    )
    created = deliver(item_reminders(day, plans))
    created += deliver(period_reminders(day, plans))
    created += deliver(weekly_summary(day, plans))
    finish_run(name)
    return created


# --- e-mail ---------------------------------------------------------------------------------


def _preference(user: User) -> str:
    pref = NotificationPreference.objects.filter(user=user).first()
    return pref.delivery if pref else Delivery.DAILY


def queue_emails(now: dt.datetime) -> int:
    """Turn pending notifications into e-mails: at once, or one digest per person and day
    (at 07:00) or week (Mondays). Mandatory reminders reach even those who turned e-mail off.

    A notice that arrives after the person's digest of the day (or week) was queued goes into
    the next digest, not into a follow-up message: people chose one message a day or a week,
    and the notification centre shows the notice at once. It stays pending (no message) until
    then, so it is never counted as e-mailed without a message that carries it."""
    local = timezone.localtime(now)
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
    for notes in by_user.values():
        user = notes[0].recipient
        mode = _preference(user)
        if mode == Delivery.OFF:
            notes = [n for n in notes if n.mandatory]
            mode = Delivery.DAILY
        if mode == Delivery.IMMEDIATE:
            for note in notes:
                if note.kind not in DIGEST_ONLY_KINDS:
                    queued += email_queue(key=f"n:{note.pk}", user=user, notes=[note], now=now)
            notes = [n for n in notes if n.kind in DIGEST_ONLY_KINDS]
            mode = Delivery.DAILY
        if not notes:
            continue
        digest_time = local.hour >= DIGEST_HOUR and (mode == Delivery.DAILY or local.weekday() == 0)
        if not digest_time:
            continue
        key = f"digest:{user.pk}:{local.date()}"
        if _already_queued(key):
            continue  # today's digest has gone: what came after it waits for the next one
        queued += email_queue(
            key=key,
            user=user,
            notes=notes,
            now=now,
            digest_of=f"{'tuần' if mode == Delivery.WEEKLY else 'ngày'} {local:%d/%m/%Y}",
        )
    return queued


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
            message = EmailMessage(
                email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to]
            )
            message.send(fail_silently=False)
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


def tick(worker: str, now: dt.datetime | None = None) -> dict[str, int | None]:
    """One round of the worker: today's reminders, digests, and e-mails due."""
    moment = now or timezone.now()
    created = generate_reminders(timezone.localtime(moment).date(), worker, moment)
    queued = queue_emails(moment)
    sent, failed = send_due_emails(worker, moment)
    return {"reminders": created, "queued": queued, "sent": sent, "failed": failed}
