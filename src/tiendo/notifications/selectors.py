"""Reads for the notification centre."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Max

from tiendo.notifications.models import OutgoingEmail


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
