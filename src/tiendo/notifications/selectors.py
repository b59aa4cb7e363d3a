"""Reads for the notification centre and the list of agencies nobody receives reminders for."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Exists, Max, OuterRef, QuerySet

from tiendo.accounts.models import Membership, Role
from tiendo.agencies.models import Agency
from tiendo.notifications.models import Notification, OutgoingEmail
from tiendo.plans.models import Plan
from tiendo.status.selectors import AsOf, DeadlineClass, Scope, iter_item_statuses

UNFINISHED = [DeadlineClass.IN_TIME, DeadlineClass.DUE_SOON, DeadlineClass.OVERDUE]

# Notification kinds are codes written by the reminder and event services; officials read these.
KIND_LABELS = {
    "due_soon": "Sắp đến hạn",
    "due_today": "Đến hạn hôm nay",
    "overdue": "Quá hạn",
    "escalation": "Báo cáo lãnh đạo việc quá hạn",
    "escalation_digest": "Tổng hợp việc quá hạn kéo dài",
    "coordination_digest": "Nhiệm vụ phối hợp",
    "period_open": "Mở kỳ báo cáo",
    "period_due": "Sắp đến hạn gửi báo cáo",
    "period_missing": "Chưa gửi báo cáo",
    "period_missing_summary": "Tổng hợp đơn vị chưa gửi báo cáo",
    "weekly_summary": "Tổng hợp hằng tuần",
    "draft_ready": "Dự thảo trình lãnh đạo",
    "awaiting_review": "Báo cáo chờ tiếp nhận",
    "returned": "Báo cáo bị trả lại",
    "confirmed": "Báo cáo được xác nhận",
    "extension": "Kết quả đề nghị gia hạn",
}


def kind_label(code: str) -> str:
    return KIND_LABELS.get(code, code)


def notices_for(user: User, *, kind: str = "", unread_only: bool = False) -> QuerySet[Notification]:
    """The person's notices, newest first; a kind that is not known filters nothing."""
    notes = Notification.objects.filter(recipient=user).select_related("item", "email")
    if kind in KIND_LABELS:
        notes = notes.filter(kind=kind)
    if unread_only:
        notes = notes.filter(read_at__isnull=True)
    return notes


def email_refusal_for(user: User) -> OutgoingEmail | None:
    """The latest message to the person's current address that the mail server refused for
    good, unless a later one reached it: the address is then likely wrong. A corrected address
    ends the warning."""
    if not user.email:
        return None
    to_address = OutgoingEmail.objects.filter(to=user.email, notices__recipient=user)
    refused = to_address.filter(failed_at__isnull=False)
    last_sent = to_address.aggregate(last=Max("sent_at"))["last"]
    if last_sent is not None:
        refused = refused.filter(failed_at__gt=last_sent)
    return refused.order_by("-failed_at").first()


@dataclass(frozen=True)
class Unreached:
    agency: Agency
    unfinished: int


def agencies_without_recipients(province: Agency, day: dt.date) -> list[Unreached]:
    """The bodies answering on day for unfinished items of the province's plans (an abolished
    lead's work is its successor's) that have no active reporter or head in their subtree:
    their deadline reminders go to a fallback (services.Addressing), most items first."""
    counts: Counter[int] = Counter()
    as_of = AsOf.make(day)
    for plan in Plan.objects.filter(issuing_agency__path__startswith=province.path):
        for chunk in iter_item_statuses(
            Scope(plan=plan, top_level_only=False), as_of, deadline_classes=UNFINISHED
        ):
            counts.update(row.responsible_agency_id for row in chunk)
    staffed = Membership.objects.filter(
        agency__path__startswith=OuterRef("path"),
        role__in=[Role.REPORTER, Role.HEAD],
        user__is_active=True,
    )
    unreached = Agency.objects.filter(pk__in=list(counts)).exclude(Exists(staffed))
    rows = [Unreached(agency, counts[agency.pk]) for agency in unreached]
    return sorted(rows, key=lambda row: (-row.unfinished, row.agency.name))
