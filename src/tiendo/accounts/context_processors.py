"""Puts the current Actor in every template (for the navigation by role)."""

from __future__ import annotations

from django.http import HttpRequest

from tiendo.accounts.access import Actor, actor_for


def actor(request: HttpRequest) -> dict[str, Actor | None]:
    if not request.user.is_authenticated:
        return {"actor": None}
    return {"actor": actor_for(request)}
