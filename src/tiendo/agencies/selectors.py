"""Reads over the agency tree: subtrees, and who is responsible for a body's work on a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Q, QuerySet

from tiendo.agencies.models import Agency, AgencySuccession


def agency_subtree(root: Agency) -> QuerySet[Agency]:
    """The agency and everything below it (a province, a department and its units…)."""
    return Agency.objects.filter(path__startswith=root.path)


def successions_known_at(known_at: dt.datetime | None = None) -> QuerySet[AgencySuccession]:
    """The succession links as the system knew them at known_at; None: the links in force now.

    A link counts from its recorded_at until its superseded_at, whatever its effective_on: a
    link recorded after known_at, even one effective earlier, was not known then.
    """
    links = AgencySuccession.objects.all()
    if known_at is None:
        return links.filter(superseded_at__isnull=True)
    return links.filter(
        Q(superseded_at__isnull=True) | Q(superseded_at__gt=known_at), recorded_at__lte=known_at
    )


def primary_successor_map(as_of: dt.date, *, known_at: dt.datetime | None = None) -> dict[int, int]:
    """predecessor id -> the agency id that carries its work on as_of (chains followed), by the
    links known at known_at (None: as known now)."""
    return primary_successor_maps([as_of], known_at=known_at)[as_of]


def primary_successor_maps(
    days: Sequence[dt.date], *, known_at: dt.datetime | None = None
) -> dict[dt.date, dict[int, int]]:
    """primary_successor_map for each of the days, from one read of the links."""
    links = list(
        successions_known_at(known_at)
        .filter(is_primary=True, effective_on__lte=max(days))
        # Deterministic if a body has two primary links: the later one carries its work.
        .order_by("effective_on", "recorded_at", "pk")
        .values_list("predecessor_id", "successor_id", "effective_on")
    )
    maps: dict[dt.date, dict[int, int]] = {}
    for day in days:
        direct = {old: new for old, new, effective_on in links if effective_on <= day}
        resolved: dict[int, int] = {}
        for start in direct:
            current, seen = start, {start}
            while current in direct and direct[current] not in seen:
                current = direct[current]
                seen.add(current)
            resolved[start] = current
        maps[day] = resolved
    return maps


def responsible_agency_id(agency_id: int, successors: dict[int, int]) -> int:
    return successors.get(agency_id, agency_id)


def lead_agency_scope_q(
    root: Agency,
    as_of: dt.date,
    field: str = "lead_agency",
    *,
    answering: bool = False,
    known_at: dt.datetime | None = None,
) -> Q:
    """Items whose lead agency, or the body that succeeded it by as_of, lies in root's subtree.

    answering: only the items root's subtree answers for on as_of (the figures): from the day a
    body is merged into one outside the subtree, its items count for its successor only, and an
    abolished body's own scope is empty. Without it (who may read what), a body keeps its own
    items beside those it inherited. known_at: by the successions known then (None: now).
    """
    successors = primary_successor_map(as_of, known_at=known_at)
    inside = set(agency_subtree(root).values_list("id", flat=True)) if successors else set()
    inherited = [old for old, new in successors.items() if new in inside]
    scope = Q(**{f"{field}__path__startswith": root.path})
    handed_over = [old for old, new in successors.items() if old in inside and new not in inside]
    if answering and handed_over:
        scope &= ~Q(**{f"{field}_id__in": handed_over})
    if inherited:
        scope |= Q(**{f"{field}_id__in": inherited})
    return scope
