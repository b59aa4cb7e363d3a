"""Writes to the agency directory. Every caller (admin, import, sample, API) comes through here."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tiendo.agencies.models import Agency, AgencySuccession, SuccessionKind
from tiendo.audit.services import audit_record, audit_saved, snapshot

if TYPE_CHECKING:
    from tiendo.lib.actors import Acting


def agency_get_by_code(code: str) -> Agency:
    """The agency with this code, or a Vietnamese message naming the code that is unknown."""
    try:
        return Agency.objects.get(code=code)
    except Agency.DoesNotExist:
        raise ValidationError(f'Không tìm thấy cơ quan, đơn vị có mã "{code}".') from None


@transaction.atomic
def agency_upsert(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Agency | None = None,
    short_name: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    actor: Acting | None = None,
) -> Agency:
    """Create the agency with this code, or bring an existing one up to date (idempotent)."""
    agency = Agency.objects.filter(code=code).first() or Agency(code=code)
    before = snapshot(agency) if agency.pk is not None else None
    agency.name = name
    agency.kind = kind
    agency.parent = parent
    agency.short_name = short_name
    agency.valid_from = valid_from
    agency.valid_to = valid_to
    agency.path = agency.path or "/pending/"
    agency.full_clean()
    agency.save()
    # The path needs the row's id, so it is written once the row exists.
    path = f"{parent.path if parent else '/'}{agency.pk}/"
    if agency.path != path:
        if agency.path != "/pending/":
            _rewrite_subtree_paths(old=agency.path, new=path)
        agency.path, agency.path_changed_at = path, timezone.now()
        Agency.objects.filter(pk=agency.pk).update(
            path=path, path_changed_at=agency.path_changed_at
        )
    what = f"cơ quan {agency.code} – {agency.name}"
    audit_saved(
        actor=actor,
        obj=agency,
        before=before,
        noun="agency",
        summary=(f"Thêm {what}", f"Cập nhật {what}"),
    )
    return agency


def _rewrite_subtree_paths(*, old: str, new: str) -> None:
    for child in Agency.objects.filter(path__startswith=old).exclude(path=old):
        Agency.objects.filter(pk=child.pk).update(path=new + child.path[len(old) :])


def _basis(kind: str, effective_on: dt.date, note: str) -> str:
    """A succession's form, date and grounds, as its audit event shows them."""
    text = f"Từ {effective_on:%d/%m/%Y}: {str(SuccessionKind(kind).label).lower()}"
    return f"{text} ({note})" if note else text


@transaction.atomic
def agency_record_succession(
    *,
    predecessor: Agency,
    successors: list[Agency],
    effective_on: dt.date,
    kind: str = SuccessionKind.MERGED,
    note: str = "",
    recorded_at: dt.datetime | None = None,
    actor: Acting | None = None,
) -> list[AgencySuccession]:
    """Say that from effective_on the predecessor's work passes to successors (first = primary).

    History is never rewritten: the links in force that this statement does not repeat are
    closed (superseded_at) and the new ones added, at one moment (recorded_at, default now), so
    what was known before can still be read. The predecessor stops being valid the day before.
    Audited once, with the successors before and after; a repeat that changes nothing writes
    nothing. Returns the links of the statement, in force from now on.
    """
    if not successors:
        raise ValidationError("Cần chỉ rõ ít nhất một cơ quan kế thừa.")
    now = recorded_at or timezone.now()
    in_force = list(
        predecessor.successions.filter(superseded_at__isnull=True)
        .select_related("successor")
        .order_by("-is_primary", "pk")
    )
    before = {
        "successors": [link.successor.code for link in in_force],
        "basis": _basis(in_force[0].kind, in_force[0].effective_on, in_force[0].note)
        if in_force
        else None,
        "valid_to": predecessor.valid_to.isoformat() if predecessor.valid_to else None,
    }
    said = {
        successor.pk: (effective_on, kind, position == 0, note)
        for position, successor in enumerate(successors)
    }
    kept = {
        link.successor_id: link
        for link in in_force
        if said.get(link.successor_id) == (link.effective_on, link.kind, link.is_primary, link.note)
    }
    stale = [link for link in in_force if link.successor_id not in kept]
    if any(link.recorded_at > now for link in stale):
        raise ValidationError(
            "Thời điểm ghi nhận không được trước thời điểm ghi nhận kế thừa đang có hiệu lực."
        )
    links = []
    for position, successor in enumerate(successors):
        link = kept.get(successor.pk) or AgencySuccession(
            predecessor=predecessor,
            successor=successor,
            effective_on=effective_on,
            kind=kind,
            is_primary=position == 0,
            note=note,
            recorded_at=now,
        )
        if link.pk is None:
            link.full_clean(validate_constraints=False)
        links.append(link)
    # Closed first: the links in force stay unique per pair and one primary per predecessor.
    if stale:
        AgencySuccession.objects.filter(pk__in=[link.pk for link in stale]).update(
            superseded_at=now
        )
    for link in links:
        if link.pk is None:
            link.save()
    last_day = effective_on - dt.timedelta(days=1)
    if predecessor.valid_to is None or predecessor.valid_to > last_day:
        predecessor.valid_to = last_day
        predecessor.full_clean()
        predecessor.save(update_fields=["valid_to"])
    after = {
        "successors": [a.code for a in successors],
        "basis": _basis(kind, effective_on, note),
        "valid_to": predecessor.valid_to.isoformat() if predecessor.valid_to else None,
    }
    if before != after:
        audit_record(
            actor=actor,
            action="agency.succession",
            obj=predecessor,
            summary=f"{predecessor.name}: từ {effective_on:%d/%m/%Y} do "
            + ", ".join(a.name for a in successors)
            + " kế thừa",
            before=before,
            after=after,
        )
    return links
