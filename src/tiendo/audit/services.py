"""Write one audit event: every service that changes the record calls it in its transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models

from tiendo.audit.models import AuditEvent
from tiendo.plans.models import Item

if TYPE_CHECKING:
    from tiendo.lib.actors import Acting


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The object's concrete field values as JSON-safe data (for before/after)."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: _json(getattr(obj, name)) for name in names}


def _json(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def audit_record(
    *,
    actor: Acting | None,
    action: str,
    obj: models.Model,
    summary: str,
    item: Item | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    event = audit_event(
        actor=actor, action=action, obj=obj, summary=summary, item=item, before=before, after=after
    )
    event.save()
    return event


def audit_saved(
    *,
    actor: Acting | None,
    obj: models.Model,
    before: dict[str, Any] | None,
    noun: str,
    summary: tuple[str, str],
    item: Item | None = None,
) -> None:
    """After an upsert: "<noun>.create" (before None) or "<noun>.update" with the fields that
    changed; nothing when the save changed nothing. summary: the words for (created, updated)."""
    after = snapshot(obj)
    if before == after:
        return
    audit_record(
        actor=actor,
        action=f"{noun}.update" if before else f"{noun}.create",
        obj=obj,
        item=item,
        summary=summary[1] if before else summary[0],
        before=before,
        after=after,
    )


def audit_event(
    *,
    actor: Acting | None,
    action: str,
    obj: models.Model,
    summary: str,
    item: Item | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """The event, not yet saved (bulk writers save many at once); before/after keep only the
    fields that changed."""
    changed_before, changed_after = before, after
    if before is not None and after is not None:
        keys = [k for k in after if before.get(k) != after.get(k)]
        changed_before = {k: before.get(k) for k in keys}
        changed_after = {k: after[k] for k in keys}
    return AuditEvent(
        actor=actor.user if actor else None,
        ip=actor.ip if actor else "",
        action=action,
        summary=summary[:300],
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        item=item,
        before=changed_before,
        after=changed_after,
    )
