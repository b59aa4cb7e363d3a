"""The audit trail as people read it: each changed field by its Vietnamese label, before → after."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from tiendo.audit.models import AuditEvent
from tiendo.lib.logmask import mask_cccd
from tiendo.lib.text import format_decimal, person_name

if TYPE_CHECKING:
    from django.db.models import QuerySet

HISTORY_LIMIT = 200
# Bookkeeping that means nothing to a reader of the history.
HIDDEN_FIELDS = {"id", "version", "recorded_at", "created_at"}
TEXT_LIMIT = 200


@dataclass(frozen=True)
class Change:
    """One field: its label and values in words; `before` is None for a creation."""

    label: str
    before: str | None
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    who: str
    ip: str
    summary: str
    changes: list[Change]


def history_entries(events: QuerySet[AuditEvent]) -> list[HistoryEntry]:
    """The events (already limited to what the reader may see: access.history_for_user),
    newest first, each change in words."""
    newest = events.select_related("actor").order_by("-at", "-id")[:HISTORY_LIMIT]
    return [
        HistoryEntry(
            at=event.at,
            who=person_name(event.actor) if event.actor else "Hệ thống",
            ip=event.ip,
            summary=mask_cccd(event.summary),
            changes=describe_changes(event),
        )
        for event in newest
    ]


def describe_changes(event: AuditEvent) -> list[Change]:
    """Each field that changed, with its label and its values formatted for reading."""
    before, after = event.before or {}, event.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    model = _model(event.object_type)
    created = not before
    changes = []
    # In the model's field order: PostgreSQL's jsonb keeps keys in its own order.
    position = {f.attname: i for i, f in enumerate(model._meta.concrete_fields)} if model else {}
    names = [*before, *(k for k in after if k not in before)]
    for name in sorted(names, key=lambda n: position.get(n, len(position))):
        old, new = before.get(name), after.get(name)
        if old == new or name in HIDDEN_FIELDS or (created and new in (None, "")):
            continue
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name
        changes.append(
            Change(
                label[:1].upper() + label[1:],
                None if created else _value(field, old),
                _value(field, new),
            )
        )
    return changes


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    for candidate in (name, name.removesuffix("_id")):
        try:
            field = model._meta.get_field(candidate)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.Field):
            return field
    return None


def _value(field: models.Field[Any, Any] | None, value: Any) -> str:
    if value is None or value == "":
        return "–"
    if field is not None and field.choices:
        labels = {str(key): str(text) for key, text in field.flatchoices}
        return labels.get(str(value), str(value))
    if isinstance(field, models.ForeignKey):
        related = field.related_model
        if isinstance(related, type) and issubclass(related, models.Model):
            obj = related._default_manager.filter(pk=value).first()
            return str(obj) if obj is not None else str(value)
    if isinstance(field, models.BooleanField) or isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(field, models.DateTimeField):
        try:
            return dt.datetime.fromisoformat(str(value)).strftime("%H:%M %d/%m/%Y")
        except ValueError:
            return str(value)
    if isinstance(field, models.DateField):
        try:
            return dt.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    if isinstance(field, models.DecimalField | models.IntegerField | models.FloatField):
        try:
            return format_decimal(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    text = mask_cccd(str(value))
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"
