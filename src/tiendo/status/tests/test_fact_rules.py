"""Rules enforced where the facts are written or read, so every writer and reader agrees:
a contribution never sets an item's status, K is a moment (never a wall-clock time), a plan
recorded after K does not exist at K, and a merged body's items count for its successor only."""

from __future__ import annotations

import datetime as dt

import pytest

from tiendo.agencies.models import AgencyKind
from tiendo.agencies.services import agency_record_succession
from tiendo.progress.models import Lifecycle
from tiendo.progress.services import update_record
from tiendo.status.selectors import AsOf, Scope, item_statuses, status_summary
from tiendo.testing import VN, at, make_agency, make_item, make_plan

pytestmark = pytest.mark.django_db

D = dt.date(2024, 3, 31)
LATER = at(dt.date(2030, 1, 1))


def test_a_coordinating_agencys_recorded_report_is_a_contribution_and_sets_no_status() -> None:
    province = make_agency("UBND tỉnh thử", kind=AgencyKind.PROVINCE)
    lead = make_agency("Sở Y tế", parent=province)
    helper = make_agency("Bảo hiểm xã hội tỉnh", parent=province)
    plan = make_plan(province)
    item = make_item(plan, lead=lead, deadline=dt.date(2024, 6, 30))
    item.coordinating_agencies.add(helper)
    recorded = update_record(
        item=item,
        agency=helper,
        valid_on=dt.date(2024, 3, 14),
        state=Lifecycle.DONE,
        completed_on=dt.date(2024, 3, 14),
        recorded_at=at(dt.date(2024, 3, 15)),
    )
    assert recorded.is_contribution
    [status] = item_statuses(Scope(plan=plan), AsOf.make(D, LATER))
    assert status.state == Lifecycle.NOT_STARTED
    lead_report = update_record(
        item=item,
        valid_on=dt.date(2024, 3, 20),
        state=Lifecycle.IN_PROGRESS,
        percent=30,
        recorded_at=at(dt.date(2024, 3, 21)),
    )
    assert not lead_report.is_contribution
    [status] = item_statuses(Scope(plan=plan), AsOf.make(D, LATER))
    assert (status.state, status.percent) == (Lifecycle.IN_PROGRESS, 30)


def test_a_naive_known_at_is_refused_at_the_engines_door() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        AsOf.make(D, dt.datetime(2024, 4, 2, 14, 0))  # noqa: DTZ001 - the naive K refused
    aware = AsOf.make(D, dt.datetime(2024, 4, 2, 14, 0, tzinfo=VN))
    assert aware.known_at.utcoffset() == dt.timedelta(hours=7)


def test_a_plan_recorded_after_k_has_no_items_at_k() -> None:
    """A plan issued on 10/1 but entered into the application on 5/4: as known on 2/4 it did not
    exist, whatever its items' own recording times say."""
    plan = make_plan(issued_on=dt.date(2024, 1, 10), recorded_at=at(dt.date(2024, 4, 5)))
    make_item(plan, recorded_at=at(dt.date(2024, 1, 12)))
    before = AsOf.make(D, dt.datetime(2024, 4, 2, 14, tzinfo=VN))
    after = AsOf.make(D, dt.datetime(2024, 4, 6, 9, tzinfo=VN))
    assert status_summary(Scope(plan=plan), before).all.total == 0
    assert status_summary(Scope(plan=plan), after).all.total == 1


def test_from_the_day_a_body_is_merged_its_items_count_for_its_successor_only() -> None:
    province = make_agency("UBND tỉnh thử", kind=AgencyKind.PROVINCE)
    old = make_agency("Sở Thông tin và Truyền thông", parent=province)
    new = make_agency("Sở Khoa học và Công nghệ", parent=province)
    plan = make_plan(province)
    make_item(plan, lead=old, deadline=dt.date(2025, 12, 31))
    make_item(plan, lead=new, deadline=dt.date(2025, 12, 31))
    agency_record_succession(predecessor=old, successors=[new], effective_on=dt.date(2025, 3, 1))

    def count(agency: object, day: dt.date) -> int:
        scope = Scope(plan=plan, agency=agency)  # type: ignore[arg-type]
        return status_summary(scope, AsOf.make(day, LATER)).all.total

    assert [count(old, dt.date(2025, 2, 28)), count(new, dt.date(2025, 2, 28))] == [1, 1]
    assert [count(old, dt.date(2025, 3, 1)), count(new, dt.date(2025, 3, 1))] == [0, 2]
    assert count(province, dt.date(2025, 3, 1)) == 2  # both inside: counted once each
