"""Sending again what the mail server refused, once the person's address is put right."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from tiendo.accounts.access import Actor
from tiendo.audit.services import audit_record
from tiendo.notifications.models import Notification, OutgoingEmail


@transaction.atomic
def resend_refused(actor: Actor, user: User) -> int:
    """Queue each message refused for good to the person again, to their current address: its
    notices move to the new message, the refused one stays as it was (the history of what
    happened). Pressing twice queues nothing more. Returns the number queued."""
    if not user.email:
        return 0
    now = timezone.now()
    ids = set(
        Notification.objects.filter(recipient=user, email__failed_at__isnull=False).values_list(
            "email_id", flat=True
        )
    )
    refused = OutgoingEmail.objects.select_for_update().filter(pk__in=ids).order_by("failed_at")
    queued = 0
    for old in refused:
        notes = Notification.objects.filter(email=old, recipient=user)
        if not notes.exists():
            continue
        new = OutgoingEmail.objects.create(
            key=f"resend:{old.pk}:{now:%Y%m%d%H%M%S%f}",
            to=user.email,
            subject=old.subject,
            body=old.body,
            due_at=now,
        )
        notes.update(email=new)
        audit_record(
            actor=actor,
            action="email.resend",
            obj=new,
            summary=f"Gửi lại thư “{old.subject[:120]}” tới {user.email}",
        )
        queued += 1
    return queued
