"""Succession links are bitemporal (issue 14): a link is never rewritten, a new statement closes
the links it replaces and adds its own, and reads at a "known at" moment see the links as they
were known then, so figures published for that moment do not change afterwards.

Every test works on agencies and items of its own (the sample may be loaded beside them).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiendo.agencies.models import Agency, AgencySuccession, SuccessionKind
from tiendo.agencies.selectors import lead_agency_scope_q, primary_successor_map
from tiendo.agencies.services import agency_record_succession
from tiendo.audit.models import AuditEvent
from tiendo.plans.models import Item
from tiendo.testing import at, make_agency, make_item, make_plan

pytestmark = pytest.mark.django_db

EFFECTIVE = dt.date(2025, 7, 1)
DAY = dt.date(2025, 7, 15)  # a day the succession is in effect
T1 = at(dt.date(2025, 7, 10), 9)  # published figures were known at T1
T2 = at(dt.date(2025, 8, 5), 14)  # the succession was recorded only at T2


def record(
    predecessor: Agency,
    successors: list[Agency],
    *,
    when: dt.datetime,
    effective_on: dt.date = EFFECTIVE,
) -> list[AgencySuccession]:
    """Record a succession as a person would on that moment (the service's own clock)."""
    with time_machine.travel(when, tick=False):
        return agency_record_succession(
            predecessor=predecessor,
            successors=successors,
            effective_on=effective_on,
            kind=SuccessionKind.SPLIT,
            note="Nghị quyết 202/2025/QH15",
        )


def in_scope(
    item: Item, root: Agency, known_at: dt.datetime | None, *, answering: bool = False
) -> bool:
    scope = lead_agency_scope_q(root, DAY, answering=answering, known_at=known_at)
    return Item.objects.filter(scope, pk=item.pk).exists()


def test_a_link_recorded_after_known_at_is_not_read_then_though_effective_earlier() -> None:
    old = make_agency("UBND huyện cũ")
    heir = make_agency("UBND xã mới")
    item = make_item(make_plan(), lead=old)
    record(old, [heir], when=T2)

    assert old.pk not in primary_successor_map(DAY, known_at=T1)
    assert primary_successor_map(DAY, known_at=T2)[old.pk] == heir.pk
    assert primary_successor_map(DAY)[old.pk] == heir.pk
    # As known at T1 the old body still answers for its item and the heir has nothing of it.
    assert not in_scope(item, heir, T1)
    assert in_scope(item, old, T1, answering=True)
    # From T2 on (and now) the item is the heir's; the old body has handed it over.
    for known_at in (T2, None):
        assert in_scope(item, heir, known_at)
        assert not in_scope(item, old, known_at, answering=True)
        assert in_scope(item, old, known_at)  # it may still read its own items


def test_a_new_successor_closes_the_old_link_and_each_moment_keeps_its_answer() -> None:
    old = make_agency("UBND huyện cũ")
    first = make_agency("UBND xã thứ nhất")
    second = make_agency("UBND xã thứ hai")
    item = make_item(make_plan(), lead=old)
    record(old, [first], when=T1)
    record(old, [second], when=T2)

    rows = AgencySuccession.objects.filter(predecessor=old).order_by("pk")
    assert [(r.successor_id, r.recorded_at, r.superseded_at) for r in rows] == [
        (first.pk, T1, T2),
        (second.pk, T2, None),
    ]
    between = T1 + dt.timedelta(days=1)
    assert primary_successor_map(DAY, known_at=between)[old.pk] == first.pk
    assert primary_successor_map(DAY, known_at=T2)[old.pk] == second.pk
    assert primary_successor_map(DAY)[old.pk] == second.pk
    assert in_scope(item, first, between) and not in_scope(item, second, between)
    assert in_scope(item, second, T2) and not in_scope(item, first, T2)
    assert in_scope(item, second, None) and not in_scope(item, first, None)


def test_a_changed_date_for_the_same_successor_keeps_the_link_first_recorded() -> None:
    old = make_agency("Sở cũ")
    heir = make_agency("Sở mới")
    record(old, [heir], when=T1, effective_on=dt.date(2025, 8, 1))
    record(old, [heir], when=T2, effective_on=EFFECTIVE)

    rows = AgencySuccession.objects.filter(predecessor=old).order_by("pk")
    assert [(r.effective_on, r.recorded_at, r.superseded_at) for r in rows] == [
        (dt.date(2025, 8, 1), T1, T2),
        (EFFECTIVE, T2, None),
    ]
    # On 15/7 the heir did not yet carry the work as known at T1; it did as known from T2.
    assert old.pk not in primary_successor_map(DAY, known_at=T1)
    assert primary_successor_map(DAY, known_at=T2)[old.pk] == heir.pk


def test_a_repeat_that_changes_nothing_writes_no_row_and_no_audit_event() -> None:
    old = make_agency("UBND huyện cũ")
    heirs = [make_agency("UBND xã chính"), make_agency("UBND xã phụ")]
    first = record(old, heirs, when=T1)
    events = AuditEvent.objects.filter(action="agency.succession", object_id=str(old.pk)).count()

    with CaptureQueriesContext(connection) as queries:
        again = record(old, heirs, when=T2)

    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert [link.pk for link in again] == [link.pk for link in first]
    rows = AgencySuccession.objects.filter(predecessor=old).order_by("pk")
    assert [(r.is_primary, r.recorded_at, r.superseded_at) for r in rows] == [
        (True, T1, None),
        (False, T1, None),
    ]
    assert (
        AuditEvent.objects.filter(action="agency.succession", object_id=str(old.pk)).count()
        == events
    )
