"""Puts the current Actor in every template (for the navigation by role)."""

from __future__ import annotations

from django.http import HttpRequest

from tiendo.accounts.access import Actor, actor_for


def actor(request: HttpRequest) -> dict[str, Actor | int | None]:
    if not request.user.is_authenticated:
        return {"actor": None, "unread": 0}
    from tiendo.notifications.models import Notification

    unread = Notification.objects.filter(recipient_id=request.user.pk, read_at__isnull=True)
    return {"actor": actor_for(request), "unread": unread.count()}
