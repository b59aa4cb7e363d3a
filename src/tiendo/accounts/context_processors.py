"""Puts the current Actor and what the navigation offers them (decided in access.py) in
every template."""

from __future__ import annotations

from django.http import HttpRequest

from tiendo.accounts.access import Actor, Menu, actor_for, menu_for


def actor(request: HttpRequest) -> dict[str, Actor | Menu | int | None]:
    if not request.user.is_authenticated:
        return {"actor": None, "menu": None, "unread": 0}
    from tiendo.notifications.models import Notification

    unread = Notification.objects.filter(recipient_id=request.user.pk, read_at__isnull=True)
    person = actor_for(request)
    return {"actor": person, "menu": menu_for(person), "unread": unread.count()}
