"""Sending again what the mail server refused for good, once the person's address is put right
(or the administrator has fixed the mail server)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from tiendo.accounts.access import Actor
from tiendo.audit.services import audit_record
from tiendo.notifications.models import Notification, OutgoingEmail
from tiendo.notifications.selectors import refused_email_ids


@transaction.atomic
def resend_refused(*, user: User, actor: Actor | None = None) -> int:
    """Queue each refused message that carries the person's notices again, to their current
    address, due now: the notices move to the new message, the refused one stays as it was
    (the history of what happened). Only the person's own notices move. Pressing twice, even
    at once, queues nothing more: the notices have left the refused message, and the new
    message's key (one per refused message) is unique. Returns the number queued."""
    if not user.email:
        return 0
    now = timezone.now()
    refused = (
        OutgoingEmail.objects.select_for_update()
        .filter(pk__in=refused_email_ids(user), failed_at__isnull=False)
        .order_by("failed_at", "pk")
    )
    queued = 0
    for old in refused:
        notes = Notification.objects.filter(email=old, recipient=user)
        if not notes.exists():
            continue  # moved by a click that got the lock first
        try:
            with transaction.atomic():
                new = OutgoingEmail.objects.create(
                    key=f"resend:{old.pk}",
                    to=user.email,
                    subject=old.subject,
                    body=old.body,
                    due_at=now,
                )
        except IntegrityError:
            continue  # a concurrent click queued it (SQLite does not lock rows)
        notes.update(email=new)
        audit_record(
            actor=actor,
            action="email.resend",
            obj=new,
            summary=f"Gửi lại tới {user.email} thư “{old.subject[:120]}” (bị từ chối: "
            f"{old.failure_reason[:80]})",
        )
        queued += 1
    return queued
