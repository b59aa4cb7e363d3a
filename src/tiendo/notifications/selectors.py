"""Reads for the notification centre and the list of agencies nobody receives reminders for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Exists, Max, OuterRef, Q, QuerySet

from tiendo.accounts.models import Membership, Role
from tiendo.agencies.models import Agency
from tiendo.notifications.models import (
    Delivery,
    Notification,
    NotificationPreference,
    OutgoingEmail,
)
from tiendo.status.selectors import UNFINISHED_CLASSES, AsOf, Scope, status_by

# The deadline classes that reminders urge (rounds.py reads this list).
UNFINISHED = list(UNFINISHED_CLASSES)

# Notification kinds are codes written by the reminder and event services; officials read these.
KIND_LABELS = {
    "due_soon": "Sắp đến hạn",
    "due_today": "Đến hạn hôm nay",
    "overdue": "Quá hạn",
    "escalation": "Báo cáo lãnh đạo (quá hạn kéo dài)",
    "escalation_digest": "Tổng hợp nhiệm vụ quá hạn kéo dài",
    "period_open": "Mở kỳ báo cáo",
    "period_due": "Sắp hết hạn gửi báo cáo",
    "period_missing": "Chưa gửi báo cáo",
    "period_missing_summary": "Tổng hợp đơn vị chưa gửi báo cáo",
    "weekly_summary": "Tóm tắt hằng tuần",
    "coordination_digest": "Nhiệm vụ phối hợp",
    "draft_ready": "Dự thảo chờ duyệt",
    "awaiting_review": "Báo cáo chờ xác nhận",
    "returned": "Báo cáo bị trả lại",
    "confirmed": "Báo cáo được xác nhận",
    "extension": "Gia hạn",
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


def refused_email_ids(user: User) -> set[int]:
    """The refused-for-good messages that still carry some of the person's notices, to any
    address: what "Gửi lại" would queue again. (A set of ids rather than a join, so that the
    caller can lock the rows: PostgreSQL locks no rows of a SELECT DISTINCT.)"""
    return set(
        Notification.objects.filter(recipient=user, email__failed_at__isnull=False)
        .order_by()
        .values_list("email_id", flat=True)
    )


@dataclass(frozen=True)
class Unreached:
    """An agency answering for items that nobody in it receives reminders for."""

    agency: Agency
    led: int
    unfinished: int
    # Who gets its deadline reminders instead (delivery.Addressing.fallback).
    fallback: str


def agencies_without_recipients(province: Agency, day: dt.date) -> list[Unreached]:
    """The province's agencies in existence on day that answer for items (an abolished lead's
    work is its successor's) and have no active reporter or head in their subtree, most
    unfinished items first. Their deadline reminders go, as delivery.Addressing decides, to the
    heads of their parent (unless the parent is the province), else to the standing body.

    Three statements whatever the size: the item counts grouped by lead agency in SQL (the
    status engine), the agencies with their recipients and their parent's heads as EXISTS, and
    whether the standing body has anybody at all."""
    counts = status_by(
        Scope(agency=province, top_level_only=False), AsOf.make(day), "lead_agency_id"
    )
    active = Q(user__is_active=True)
    staffed = Membership.objects.filter(
        active, agency__path__startswith=OuterRef("path"), role__in=[Role.REPORTER, Role.HEAD]
    )
    parent_heads = Membership.objects.filter(active, agency=OuterRef("parent"), role=Role.HEAD)
    agencies = (
        Agency.objects.filter(pk__in=list(counts), path__startswith=province.path)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .exclude(Exists(staffed))
        .annotate(parent_has_heads=Exists(parent_heads))
        .select_related("parent")
    )
    standing = Membership.objects.filter(
        active, agency__path__startswith=province.path, role=Role.STANDING
    ).exists()
    rows = []
    for agency in agencies:
        parent = agency.parent
        if agency.parent_has_heads and parent is not None and parent.pk != province.pk:
            fallback = f"Lãnh đạo {parent.name}"
        elif standing:
            fallback = "Cơ quan thường trực"
        else:
            fallback = "Chưa có ai: cơ quan thường trực cũng chưa có tài khoản"
        led = counts[agency.pk]
        rows.append(Unreached(agency, led.total, led.unfinished, fallback))
    return sorted(rows, key=lambda row: (-row.unfinished, row.agency.name))


def delivery_for(user: User) -> Delivery:
    """How the person chose to receive e-mail (daily when they never chose)."""
    chosen = NotificationPreference.objects.filter(user=user).values_list("delivery", flat=True)
    return Delivery(chosen.first() or Delivery.DAILY)
