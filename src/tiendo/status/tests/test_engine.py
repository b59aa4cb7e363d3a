"""The as-of engine: lifecycle and deadline class on cut-off D as known at K."""

from __future__ import annotations

import datetime as dt

import pytest

from tiendo.agencies.models import AgencyKind
from tiendo.agencies.services import agency_record_succession
from tiendo.plans.models import ItemKind
from tiendo.plans.services import item_extend_deadline
from tiendo.progress.models import Lifecycle
from tiendo.status.selectors import (
    AsOf,
    DeadlineClass,
    Scope,
    item_statuses,
    status_by,
    status_summary,
)
from tiendo.testing import at, make_agency, make_group, make_item, make_plan, report

pytestmark = pytest.mark.django_db

D = dt.date(2024, 3, 31)
LATER = at(dt.date(2030, 1, 1))


def status_of(
    item_id: int, plan_scope: Scope, day: dt.date = D, known_at: dt.datetime = LATER
) -> tuple[str, str]:
    rows = item_statuses(plan_scope, AsOf.make(day, known_at, due_soon_days=3))
    row = next(r for r in rows if r.item.pk == item_id)
    return row.state, row.deadline_class


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (D - dt.timedelta(days=1), DeadlineClass.OVERDUE),
        (D, DeadlineClass.DUE_SOON),
        (D + dt.timedelta(days=3), DeadlineClass.DUE_SOON),
        (D + dt.timedelta(days=4), DeadlineClass.IN_TIME),
    ],
    ids=["due-yesterday", "due-on-cutoff", "due-in-3-days", "due-in-4-days"],
)
def test_unfinished_item_is_classed_by_its_deadline_against_the_cutoff(
    deadline: dt.date, expected: str
) -> None:
    plan = make_plan()
    item = make_item(plan, deadline=deadline)
    report(item, dt.date(2024, 3, 14), Lifecycle.IN_PROGRESS)
    assert status_of(item.pk, Scope(plan=plan)) == (Lifecycle.IN_PROGRESS, expected)


def test_item_without_updates_is_not_started() -> None:
    plan = make_plan()
    item = make_item(plan, deadline=D + dt.timedelta(days=30))
    assert status_of(item.pk, Scope(plan=plan)) == (Lifecycle.NOT_STARTED, DeadlineClass.IN_TIME)


def test_completed_on_the_deadline_is_on_time_and_a_day_later_is_late() -> None:
    plan = make_plan()
    deadline = dt.date(2024, 3, 15)
    on_time = make_item(plan, deadline=deadline)
    late = make_item(plan, deadline=deadline)
    report(on_time, dt.date(2024, 3, 20), Lifecycle.DONE, completed_on=deadline)
    report(late, dt.date(2024, 3, 20), Lifecycle.DONE, completed_on=deadline + dt.timedelta(days=1))
    assert status_of(on_time.pk, Scope(plan=plan)) == (Lifecycle.DONE, DeadlineClass.DONE_ON_TIME)
    assert status_of(late.pk, Scope(plan=plan)) == (Lifecycle.DONE, DeadlineClass.DONE_LATE)


def test_overdue_is_judged_against_the_cutoff_not_today() -> None:
    plan = make_plan()
    item = make_item(plan, deadline=dt.date(2024, 6, 30))
    report(item, dt.date(2024, 3, 14), Lifecycle.IN_PROGRESS)
    assert status_of(item.pk, Scope(plan=plan), day=D)[1] == DeadlineClass.IN_TIME
    assert status_of(item.pk, Scope(plan=plan), day=dt.date(2024, 7, 1))[1] == DeadlineClass.OVERDUE


def test_update_valid_after_the_cutoff_is_ignored() -> None:
    plan = make_plan()
    item = make_item(plan, deadline=dt.date(2024, 6, 30))
    report(item, dt.date(2024, 3, 14), Lifecycle.IN_PROGRESS)
    report(item, dt.date(2024, 4, 14), Lifecycle.DONE, completed_on=dt.date(2024, 4, 10))
    assert status_of(item.pk, Scope(plan=plan))[0] == Lifecycle.IN_PROGRESS
    assert status_of(item.pk, Scope(plan=plan), day=dt.date(2024, 4, 14)) == (
        Lifecycle.DONE,
        DeadlineClass.DONE_ON_TIME,
    )


def test_late_update_recorded_after_known_at_does_not_count_until_known() -> None:
    plan = make_plan()
    item = make_item(plan, deadline=dt.date(2024, 3, 20))
    report(item, dt.date(2024, 3, 14), Lifecycle.IN_PROGRESS, recorded_at=at(dt.date(2024, 3, 15)))
    report(
        item,
        dt.date(2024, 3, 31),
        Lifecycle.DONE,
        completed_on=dt.date(2024, 3, 18),
        recorded_at=at(dt.date(2024, 4, 10)),
    )
    before = at(dt.date(2024, 4, 2))
    assert status_of(item.pk, Scope(plan=plan), known_at=before) == (
        Lifecycle.IN_PROGRESS,
        DeadlineClass.OVERDUE,
    )
    assert status_of(item.pk, Scope(plan=plan)) == (Lifecycle.DONE, DeadlineClass.DONE_ON_TIME)


def test_correction_recorded_later_for_the_same_date_wins() -> None:
    plan = make_plan()
    item = make_item(plan, deadline=dt.date(2024, 6, 30))
    report(item, dt.date(2024, 3, 14), Lifecycle.DONE, completed_on=dt.date(2024, 3, 1))
    report(item, dt.date(2024, 3, 14), Lifecycle.IN_PROGRESS, recorded_at=at(dt.date(2024, 3, 20)))
    assert status_of(item.pk, Scope(plan=plan))[0] == Lifecycle.IN_PROGRESS


def test_extension_decided_before_the_cutoff_moves_the_deadline() -> None:
    plan = make_plan()
    item = make_item(plan, deadline=dt.date(2024, 3, 15))
    item_extend_deadline(
        item=item,
        new_deadline=dt.date(2024, 6, 30),
        reason="Chờ hướng dẫn của Bộ Công an",
        decided_on=dt.date(2024, 3, 10),
        recorded_at=at(dt.date(2024, 3, 10)),
    )
    [row] = item_statuses(Scope(plan=plan), AsOf.make(D, LATER))
    assert row.deadline_class == DeadlineClass.IN_TIME
    assert (row.item.deadline, row.deadline_now, row.extended) == (
        dt.date(2024, 3, 15),
        dt.date(2024, 6, 30),
        True,
    )


def test_extension_decided_after_the_cutoff_does_not_rescue_an_overdue_item() -> None:
    plan = make_plan()
    item = make_item(plan, deadline=dt.date(2024, 3, 15))
    item_extend_deadline(
        item=item,
        new_deadline=dt.date(2024, 6, 30),
        reason="Bổ sung kinh phí",
        decided_on=dt.date(2024, 4, 5),
        recorded_at=at(dt.date(2024, 4, 5)),
    )
    assert status_of(item.pk, Scope(plan=plan))[1] == DeadlineClass.OVERDUE
    assert status_of(item.pk, Scope(plan=plan), day=dt.date(2024, 4, 5))[1] == DeadlineClass.IN_TIME


def test_extension_recorded_after_known_at_is_not_yet_known() -> None:
    plan = make_plan()
    item = make_item(plan, deadline=dt.date(2024, 3, 15))
    item_extend_deadline(
        item=item,
        new_deadline=dt.date(2024, 6, 30),
        reason="Quyết định gia hạn ký ngày 10/3, nhập muộn",
        decided_on=dt.date(2024, 3, 10),
        recorded_at=at(dt.date(2024, 4, 20)),
    )
    assert status_of(item.pk, Scope(plan=plan), known_at=at(dt.date(2024, 4, 2)))[1] == (
        DeadlineClass.OVERDUE
    )
    assert status_of(item.pk, Scope(plan=plan))[1] == DeadlineClass.IN_TIME


def test_recurring_task_has_no_deadline_and_is_never_unfinished() -> None:
    plan = make_plan()
    recurring = make_item(plan, deadline=None)
    report(recurring, dt.date(2024, 3, 14), Lifecycle.IN_PROGRESS)
    summary = status_summary(Scope(plan=plan), AsOf.make(D, LATER))
    assert status_of(recurring.pk, Scope(plan=plan)) == (
        Lifecycle.IN_PROGRESS,
        DeadlineClass.NO_DEADLINE,
    )
    assert (summary.all.total, summary.all.unfinished) == (1, 0)


def test_items_and_plans_recorded_after_known_at_are_invisible() -> None:
    plan = make_plan(issued_on=dt.date(2024, 1, 1))
    make_item(plan, recorded_at=at(dt.date(2024, 1, 2)))
    make_item(plan, recorded_at=at(dt.date(2024, 5, 1)))
    as_of_april = AsOf.make(D, at(dt.date(2024, 4, 1)))
    assert status_summary(Scope(plan=plan), as_of_april).all.total == 1
    assert status_summary(Scope(plan=plan), AsOf.make(D, LATER)).all.total == 2


def test_plan_issued_after_the_cutoff_has_no_items_yet() -> None:
    plan = make_plan(issued_on=dt.date(2024, 5, 1))
    make_item(plan, deadline=dt.date(2024, 12, 31), start_date=dt.date(2024, 5, 1))
    assert status_summary(Scope(plan=plan), AsOf.make(D, LATER)).all.total == 0


def test_same_cutoff_and_known_at_give_the_same_figures_whatever_is_recorded_later() -> None:
    plan = make_plan()
    items = [make_item(plan, deadline=dt.date(2024, 3, 20)) for _ in range(3)]
    report(items[0], dt.date(2024, 3, 14), Lifecycle.DONE, completed_on=dt.date(2024, 3, 1))
    report(items[1], dt.date(2024, 3, 14), Lifecycle.IN_PROGRESS)
    as_of = AsOf.make(D, at(dt.date(2024, 4, 2)))
    before = status_summary(Scope(plan=plan), as_of)
    report(
        items[1],
        dt.date(2024, 3, 30),
        Lifecycle.DONE,
        completed_on=dt.date(2024, 3, 19),
        recorded_at=at(dt.date(2024, 4, 9)),
    )
    report(
        items[2], dt.date(2024, 3, 31), Lifecycle.IN_PROGRESS, recorded_at=at(dt.date(2024, 4, 9))
    )
    after = status_summary(Scope(plan=plan), as_of)
    assert (after.all.by_state, after.all.by_class) == (before.all.by_state, before.all.by_class)
    assert before.all.done == 1 and before.all.overdue == 2
    assert status_summary(Scope(plan=plan), AsOf.make(D, LATER)).all.done == 2


def test_summary_counts_kinds_and_groups_with_unfinished_items() -> None:
    plan = make_plan()
    groups = [make_group(plan, position) for position in (1, 2, 3)]
    finished = make_item(plan, group=groups[0])
    report(finished, D, Lifecycle.DONE, completed_on=D)
    make_item(plan, group=groups[1])
    make_item(plan, group=groups[2], kind=ItemKind.MODEL)
    summary = status_summary(Scope(plan=plan), AsOf.make(D, LATER))
    assert summary.kind(ItemKind.TASK).total == 2
    assert summary.kind(ItemKind.TASK).unfinished == 1
    assert summary.kind(ItemKind.MODEL).not_started == 1
    assert (summary.groups_total, summary.groups_with_unfinished) == (3, 2)


def test_child_sites_roll_up_into_their_parent_and_are_not_counted_twice() -> None:
    plan = make_plan()
    parent = make_item(plan, kind=ItemKind.MODEL)
    make_item(plan, kind=ItemKind.MODEL, parent=parent)
    make_item(plan, kind=ItemKind.MODEL, parent=parent)
    top = status_summary(Scope(plan=plan), AsOf.make(D, LATER))
    everything = status_summary(Scope(plan=plan, top_level_only=False), AsOf.make(D, LATER))
    assert (top.all.total, everything.all.total) == (1, 3)


def test_agency_scope_follows_succession_from_its_effective_date() -> None:
    province = make_agency("UBND tỉnh thử", kind=AgencyKind.PROVINCE)
    old = make_agency("Sở Thông tin và Truyền thông", parent=province)
    new = make_agency("Sở Khoa học và Công nghệ", parent=province)
    plan = make_plan(province)
    make_item(plan, lead=old, deadline=dt.date(2025, 12, 31))
    make_item(plan, lead=new, deadline=dt.date(2025, 12, 31))
    agency_record_succession(predecessor=old, successors=[new], effective_on=dt.date(2025, 3, 1))
    old.refresh_from_db()
    assert old.valid_to == dt.date(2025, 2, 28)

    def count(agency: object, day: dt.date) -> int:
        return status_summary(Scope(plan=plan, agency=agency), AsOf.make(day, LATER)).all.total  # type: ignore[arg-type]

    assert (count(new, dt.date(2025, 2, 28)), count(new, dt.date(2025, 3, 1))) == (1, 2)
    assert count(province, dt.date(2025, 3, 1)) == 2
    by_agency = status_by(Scope(plan=plan), AsOf.make(dt.date(2025, 3, 1), LATER), "lead_agency_id")
    assert {key: c.total for key, c in by_agency.items()} == {new.pk: 2}
    before = status_by(Scope(plan=plan), AsOf.make(dt.date(2024, 12, 31), LATER), "lead_agency_id")
    assert {key: c.total for key, c in before.items()} == {old.pk: 1, new.pk: 1}


def test_agency_scope_excludes_other_subtrees() -> None:
    province = make_agency("UBND tỉnh A", kind=AgencyKind.PROVINCE)
    other = make_agency("UBND tỉnh B", kind=AgencyKind.PROVINCE)
    department = make_agency("Sở Y tế", parent=province)
    plan = make_plan(province)
    make_item(plan, lead=department)
    make_item(plan, lead=make_agency("Sở Y tế tỉnh B", parent=other))
    as_of = AsOf.make(D, LATER)
    assert status_summary(Scope(plan=plan, agency=province), as_of).all.total == 1
    assert status_summary(Scope(plan=plan, agency=department), as_of).all.total == 1
    assert status_summary(Scope(plan=plan, agency=other), as_of).all.total == 1
    assert status_summary(Scope(plan=plan), as_of).all.total == 2


def test_an_empty_list_of_plans_counts_nothing() -> None:
    as_of = AsOf.make(D, LATER)
    assert status_summary(Scope(plans=[]), as_of).all.total == 0
    assert item_statuses(Scope(plans=[]), as_of) == []


def test_negative_due_soon_window_is_refused() -> None:
    with pytest.raises(ValueError, match="không được âm"):
        AsOf.make(D, LATER, due_soon_days=-1)
