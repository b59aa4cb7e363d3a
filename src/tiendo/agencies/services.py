"""Writes to the agency directory. Every caller (admin, import, sample, API) comes through here."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

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
        agency.path = path
        Agency.objects.filter(pk=agency.pk).update(path=path)
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


@transaction.atomic
def agency_record_succession(
    *,
    predecessor: Agency,
    successors: list[Agency],
    effective_on: dt.date,
    kind: str = SuccessionKind.MERGED,
    note: str = "",
    actor: Acting | None = None,
) -> list[AgencySuccession]:
    """Say that from effective_on the predecessor's work passes to successors (first = primary).

    The predecessor stops being valid the day before; its history stays as it was. Audited
    once, with the successors before and after (a repeat that changes nothing is not).
    """
    before = {
        "successors": [
            link.successor.code
            for link in predecessor.successions.select_related("successor").order_by(
                "-is_primary", "pk"
            )
        ],
        "valid_to": predecessor.valid_to.isoformat() if predecessor.valid_to else None,
    }
    if not successors:
        raise ValidationError("Cần chỉ rõ ít nhất một cơ quan kế thừa.")
    links = []
    for position, successor in enumerate(successors):
        link = AgencySuccession.objects.filter(
            predecessor=predecessor, successor=successor
        ).first() or AgencySuccession(predecessor=predecessor, successor=successor)
        link.effective_on = effective_on
        link.kind = kind
        link.is_primary = position == 0
        link.note = note
        link.full_clean(validate_constraints=False)
        links.append(link)
    AgencySuccession.objects.filter(predecessor=predecessor).exclude(
        successor__in=successors
    ).delete()
    AgencySuccession.objects.filter(predecessor=predecessor).update(is_primary=False)
    for link in links:
        link.save()
    last_day = effective_on - dt.timedelta(days=1)
    if predecessor.valid_to is None or predecessor.valid_to > last_day:
        predecessor.valid_to = last_day
        predecessor.full_clean()
        predecessor.save(update_fields=["valid_to"])
    after = {
        "successors": [a.code for a in successors],
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
