"""Notices of the reporting cycle's steps, built inside the service that takes the step and
delivered when its transaction commits. Each says which item (code and title), its deadline in
force, and links to the page where the next step is taken; people are named family name first."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from tiendo.accounts.models import Role
from tiendo.agencies.models import Agency
from tiendo.agencies.selectors import primary_successor_map, responsible_agency_id
from tiendo.lib.dates import format_date
from tiendo.lib.text import person_name
from tiendo.notifications.delivery import (
    REPORTERS,
    Reminder,
    notify_on_commit,
    settle_on_commit,
    unit_heads,
)
from tiendo.plans.models import ExtensionDecision, ExtensionRequest, Item
from tiendo.plans.selectors import current_deadline
from tiendo.progress.models import Decision, ProgressUpdate


def item_phrase(item: Item) -> str:
    """'nhiệm vụ 12. “Triển khai …”'."""
    return f"{item.get_kind_display().lower()} {item.code}. “{item.title}”"


def deadline_phrase(item: Item, day: dt.date | None = None) -> str:
    """The deadline in force, with the original one when it was extended."""
    if item.is_recurring or item.deadline is None:
        return "Nhiệm vụ thường xuyên, không có thời hạn."
    now = current_deadline(item, day)
    if now is not None and now != item.deadline:
        return f"Thời hạn: {format_date(now)} (ban đầu {format_date(item.deadline)}, đã gia hạn)."
    return f"Thời hạn: {format_date(item.deadline)}."


def report_phrase(update: ProgressUpdate) -> str:
    percent = f", {update.percent}%" if update.percent is not None else ""
    return (
        f"số liệu đến ngày {format_date(update.valid_on)}: "
        f"{update.get_state_display().lower()}{percent}"
    )


def responsible_agency(item: Item, day: dt.date | None = None) -> Agency:
    """The body answering for the item on day: its lead agency, or the body that succeeded it."""
    lead_id = responsible_agency_id(
        item.lead_agency_id, primary_successor_map(day or timezone.localdate())
    )
    return item.lead_agency if lead_id == item.lead_agency_id else Agency.objects.get(pk=lead_id)


def _link(update: ProgressUpdate) -> str:
    return reverse("progress:update_detail", args=[update.pk])


def _named(users: list[User | None]) -> list[User]:
    return list({user.pk: user for user in users if user is not None}.values())


def report_ready(update: ProgressUpdate, by: User) -> None:
    """A reporter puts a draft before the unit's heads. One notice per version: putting the same
    content forward twice does not ring twice; a changed draft put forward again does."""
    item = update.item
    notify_on_commit(
        [
            Reminder(
                update.agency,
                (),
                "draft_ready",
                f"ready:{update.pk}:{update.version}",
                f"Dự thảo báo cáo {item.code} chờ lãnh đạo đơn vị duyệt, gửi",
                f"Đồng chí {person_name(by)} trình dự thảo báo cáo tiến độ {item_phrase(item)} "
                f"({report_phrase(update)}). {deadline_phrase(item)} Đề nghị đồng chí xem xét, "
                "duyệt và gửi cơ quan thường trực.",
                _link(update),
                item,
                recipients=unit_heads(update.agency),
            )
        ]
    )


def report_sent(update: ProgressUpdate, by: User) -> None:
    """A report arrives for the standing body (mailed in its daily digest, see
    mail.DIGEST_ONLY_KINDS); the heads' notices of the draft are settled."""
    item = update.item
    sent_at = timezone.localtime(update.recorded_at or timezone.now())
    contribution = " (phần phối hợp)" if update.is_contribution else ""
    notify_on_commit(
        [
            Reminder(
                update.agency,
                (),
                "awaiting_review",
                f"sent:{update.pk}",
                f"Báo cáo {item.code} chờ xác nhận – {update.agency.label}",
                f"{update.agency.name} gửi báo cáo tiến độ{contribution} {item_phrase(item)} "
                f"({report_phrase(update)}); đồng chí {person_name(by)} duyệt, gửi lúc "
                f"{sent_at:%H:%M} ngày {format_date(sent_at.date())}. {deadline_phrase(item)} "
                "Đề nghị xem xét, xác nhận hoặc trả lại.",
                _link(update),
                item,
                include_standing=True,
            )
        ]
    )
    settle_on_commit("draft_ready", key_prefix=f"ready:{update.pk}:")


def report_reviewed(update: ProgressUpdate) -> None:
    """The standing body's decision, to the reporter who drafted the report and the head who
    sent it (reports recorded without them go to the agency's reporters and heads)."""
    item = update.item
    reviewer = f" (đồng chí {person_name(update.reviewed_by)})" if update.reviewed_by else ""
    people = _named([update.created_by, update.sent_by])
    if update.decision == Decision.RETURNED:
        kind, subject = "returned", f"Báo cáo {item.code} bị trả lại để bổ sung"
        verdict = (
            f"trả lại báo cáo tiến độ {item_phrase(item)} ({report_phrase(update)}). "
            f"Lý do: {update.review_note.rstrip('.')}. Đề nghị lập báo cáo bổ sung và gửi lại."
        )
    else:
        kind, subject = "confirmed", f"Báo cáo {item.code} đã được xác nhận"
        note = f" Ý kiến: {update.review_note.rstrip('.')}." if update.review_note else ""
        verdict = f"xác nhận báo cáo tiến độ {item_phrase(item)} ({report_phrase(update)}).{note}"
    notify_on_commit(
        [
            Reminder(
                update.agency,
                () if people else REPORTERS,
                kind,
                f"{kind}:{update.pk}",
                subject,
                f"Cơ quan thường trực{reviewer} {verdict} {deadline_phrase(item)}",
                _link(update),
                item,
                mandatory=update.decision == Decision.RETURNED,
                recipients=people,
            )
        ]
    )
    settle_on_commit("awaiting_review", [f"sent:{update.pk}"])


def extension_decided(request: ExtensionRequest) -> None:
    """To the requester, and to the reporters and heads of the body answering for the item
    today (an abolished lead agency's work is followed to its successor)."""
    item = request.item
    agency = responsible_agency(item)
    asked = format_date(request.requested_deadline)
    approved = request.decision == ExtensionDecision.APPROVED
    subject = (
        f"Đồng ý gia hạn {item.get_kind_display().lower()} {item.code} đến {asked}"
        if approved
        else f"Không đồng ý gia hạn {item.get_kind_display().lower()} {item.code} (đề nghị {asked})"
    )
    decider = f" (đồng chí {person_name(request.decided_by)})" if request.decided_by else ""
    note = f" Ý kiến: {request.decision_note.rstrip('.')}." if request.decision_note else ""
    notify_on_commit(
        [
            Reminder(
                agency,
                [Role.REPORTER, Role.HEAD],
                "extension",
                f"extension:{request.pk}",
                subject,
                f"Cơ quan thường trực{decider} đã xem xét đề nghị của đồng chí "
                f"{person_name(request.requested_by)} gia hạn {item_phrase(item)}, do "
                f"{agency.name} chủ trì, đến ngày {asked}: "
                f"{request.get_decision_display().lower()}.{note} {deadline_phrase(item)}",
                reverse("plans:item_detail", args=[item.pk]),
                item,
                mandatory=True,
                recipients=[request.requested_by],
            )
        ]
    )
