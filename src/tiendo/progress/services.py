"""Writes to progress: updates are appended, never edited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tiendo.plans.models import Item
from tiendo.progress.models import ProgressUpdate


@transaction.atomic
def update_record(
    *,
    item: Item,
    valid_on: dt.date,
    state: str,
    percent: int | None = None,
    achieved: Decimal | None = None,
    completed_on: dt.date | None = None,
    narrative: str = "",
    obstacles: str = "",
    recommendations: str = "",
    recorded_at: dt.datetime | None = None,
) -> ProgressUpdate:
    """Append a progress update for item as of valid_on (recorded now unless backfilled)."""
    update = ProgressUpdate(
        item=item,
        valid_on=valid_on,
        recorded_at=recorded_at or timezone.now(),
        state=state,
        percent=percent,
        achieved=achieved,
        completed_on=completed_on,
        narrative=narrative,
        obstacles=obstacles,
        recommendations=recommendations,
    )
    update.full_clean()
    update.save()
    return update
