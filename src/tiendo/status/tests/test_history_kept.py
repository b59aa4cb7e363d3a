"""History is never rewritten: a figure given for (D, K) stays the same after any later edit.

Each test takes the figures at (D, K), then edits a fact the way a person or an import would
(the admin's form, an annex imported again, a succession recorded late), and asserts that the
figures at (D, K) are unchanged while the figures as known now show the edit. These are the
edits that changed published figures before items, plans and succession links kept their
history.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tiendo.agencies.models import Agency, AgencyKind
from tiendo.agencies.services import agency_record_succession
from tiendo.browser_tests.helpers import parse_forms, visible_text
from tiendo.plans.models import Item, ItemKind, Plan
from tiendo.plans.selectors import ImportedGroup, ImportedItem
from tiendo.plans.services import item_upsert, plan_import_apply, plan_upsert
from tiendo.progress.models import Lifecycle
from tiendo.progress.services import update_record
from tiendo.status.selectors import AsOf, Scope, item_statuses, status_by, status_summary
from tiendo.testing import at, make_agency, make_cast, make_group, make_item, make_plan

pytestmark = pytest.mark.django_db

D = dt.date(2024, 3, 31)
K = at(dt.date(2024, 4, 2), 14)  # the conference's "known at"
THEN = AsOf.make(D, K)
EDITED = at(dt.date(2024, 9, 10), 9)  # months later, the fact is corrected


def now() -> AsOf:
    return AsOf.make(D, at(dt.date(2030, 1, 1)))


def figures(scope: Scope, as_of: AsOf) -> dict[str, Any]:
    summary = status_summary(scope, as_of)
    return {
        "total": summary.all.total,
        "overdue": summary.all.overdue,
        "by_kind": {kind: c.total for kind, c in summary.by_kind.items()},
        "by_group": {group: c.total for group, c in summary.by_group.items()},
        "by_agency": {a: c.total for a, c in status_by(scope, as_of, "lead_agency_id").items()},
    }


def province_with_plan() -> tuple[Agency, Agency, Agency, Plan]:
    province = make_agency("UBND tỉnh thử", kind=AgencyKind.PROVINCE)
    health = make_agency("Sở Y tế", parent=province)
    police = make_agency("Công an tỉnh", parent=province)
    plan = make_plan(province, issued_on=dt.date(2024, 1, 10), recorded_at=at(dt.date(2024, 1, 12)))
    return province, health, police, plan


def edit_item(item: Item, **changes: Any) -> Item:
    """item_upsert with the item's facts, some changed: what the admin and the API call."""
    facts: dict[str, Any] = {
        "plan": item.plan,
        "kind": item.kind,
        "code": item.code,
        "title": item.title,
        "lead_agency": item.lead_agency,
        "group": item.group,
        "parent": item.parent,
        "coordinating_agencies": list(item.coordinating_agencies.all()),
        "start_date": item.start_date,
        "deadline": item.deadline,
        "is_recurring": item.is_recurring,
        "product_type": item.product_type,
        "metric": item.metric,
        "unit": item.unit,
        "target": item.target,
    }
    with time_machine.travel(EDITED, tick=False):
        return item_upsert(**{**facts, **changes})


def test_an_original_deadline_corrected_later_keeps_the_overdue_count_given_at_k() -> None:
    """The issue's example: 87/9's deadline changed after the conference made 14 overdue 15."""
    _, health, _, plan = province_with_plan()
    make_item(plan, lead=health, deadline=dt.date(2024, 3, 15))  # overdue at D
    later = make_item(plan, lead=health, deadline=dt.date(2024, 6, 30))  # in time at D
    scope = Scope(plan=plan)
    given = figures(scope, THEN)
    assert given["overdue"] == 1
    edit_item(later, deadline=dt.date(2024, 3, 20))
    assert figures(scope, THEN) == given
    assert figures(scope, now())["overdue"] == 2
    [_, status] = item_statuses(scope, THEN)
    assert (status.deadline_now, status.deadline_then) == (dt.date(2024, 6, 30),) * 2
    [_, status] = item_statuses(scope, now())
    assert status.deadline_now == dt.date(2024, 3, 20)


def test_a_lead_agency_reassigned_in_the_admin_keeps_each_agencys_figures_at_k(
    client: Client,
) -> None:
    _, health, police, plan = province_with_plan()
    item = make_item(plan, lead=health, deadline=dt.date(2024, 3, 15))
    given = figures(Scope(plan=plan), THEN)
    given_health = figures(Scope(plan=plan, agency=health), THEN)
    assert given["by_agency"] == {health.pk: 1}
    admin = User.objects.create_superuser("quantri_lichsu", "qt@tinh.gov.vn", "x")
    client.force_login(admin)
    url = reverse("admin:plans_item_change", args=[item.pk])
    [form] = [f for f in parse_forms(client.get(url).text) if f.attrs.get("id") == "item_form"]
    data = form.data_dict(form.button_named("_save"))
    data["lead_agency"] = str(police.pk)
    with time_machine.travel(EDITED, tick=False):
        assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.lead_agency == police
    assert figures(Scope(plan=plan), THEN) == given
    assert figures(Scope(plan=plan, agency=health), THEN) == given_health
    assert figures(Scope(plan=plan, agency=police), THEN)["total"] == 0
    assert figures(Scope(plan=plan), now())["by_agency"] == {police.pk: 1}
    [status] = item_statuses(Scope(plan=plan), THEN)
    assert status.responsible_agency_id == health.pk and status.lead_agency_then == health
    # The plan's list and its export name the lead as known at K, and as known now.
    lists = reverse("dashboard:plan_items", args=[plan.pk])
    client.force_login(admin)
    then = client.get(lists, {"ngay": "2024-03-31", "ghi_nhan": "2024-04-02T14:00"})
    now_page = client.get(lists, {"ngay": "2024-03-31"})
    assert health.label in visible_text(then.text) and police.label not in visible_text(then.text)
    assert police.label in visible_text(now_page.text)


def test_an_annex_imported_again_with_another_kind_and_group_keeps_the_figures_at_k() -> None:
    """A re-imported annex moves an item to another group and calls it a pilot model."""
    _, health, _, plan = province_with_plan()
    first = make_group(plan, 1, "Nhóm I")
    item = make_item(plan, lead=health, group=first, deadline=dt.date(2024, 6, 30))
    update_record(
        item=item,
        valid_on=dt.date(2024, 3, 20),
        state=Lifecycle.IN_PROGRESS,
        percent=40,
        recorded_at=at(dt.date(2024, 3, 21)),
    )
    scope = Scope(plan=plan)
    given = figures(scope, THEN)
    assert given["by_kind"] == {ItemKind.TASK: 1} and given["by_group"] == {first.pk: 1}
    row = ImportedItem(
        code=item.code,
        group_key="II",
        kind=ItemKind.MODEL,
        title=item.title,
        description=item.description,
        lead_agency_id=health.pk,
        coordinating=(),
        start_date=item.start_date,
        deadline=item.deadline,
        is_recurring=False,
        product_type=item.product_type,
        metric=item.metric,
        unit=item.unit,
        target=item.target,
        budget_source=item.budget_source,
        budget_note=item.budget_note,
    )
    groups = [
        ImportedGroup("I", "I", first.name, None),
        ImportedGroup("II", "II", "Nhóm II", None),
    ]
    with time_machine.travel(EDITED, tick=False):
        plan_import_apply(
            programme=plan.programme,
            number=plan.number,
            issued_on=plan.issued_on,
            issuing_agency=plan.issuing_agency,
            title=plan.title,
            groups=groups,
            items=[row],
            source="phu-luc-sua-doi.xlsx",
        )
    item.refresh_from_db()
    moved = item.group
    assert item.kind == ItemKind.MODEL and moved is not None and moved.pk != first.pk
    assert figures(scope, THEN) == given
    assert figures(Scope(plan=plan, kind=ItemKind.TASK), THEN)["total"] == 1
    assert figures(Scope(plan=plan, group=first), THEN)["total"] == 1
    assert figures(scope, now())["by_kind"] == {ItemKind.MODEL: 1}
    assert figures(Scope(plan=plan, group=moved), now())["total"] == 1


def test_a_plans_issue_date_corrected_later_keeps_it_out_of_figures_given_before() -> None:
    """A plan entered as issued on 10/4 (after D) and corrected in September to 10/1."""
    province, health, _, _ = province_with_plan()
    plan = make_plan(province, issued_on=dt.date(2024, 4, 10), recorded_at=at(dt.date(2024, 4, 1)))
    make_item(plan, lead=health, deadline=dt.date(2024, 3, 15), recorded_at=at(dt.date(2024, 4, 1)))
    given = figures(Scope(plan=plan), THEN)
    assert given["total"] == 0
    with time_machine.travel(EDITED, tick=False):
        plan_upsert(
            programme=plan.programme,
            number=plan.number,
            issued_on=dt.date(2024, 1, 10),
            issuing_agency=plan.issuing_agency,
            title=plan.title,
        )
    assert figures(Scope(plan=plan), THEN) == given
    assert figures(Scope(plan=plan), now())["overdue"] == 1


def test_a_succession_recorded_late_but_effective_earlier_keeps_the_agency_figures_at_k() -> None:
    """A merger effective 1/3 entered only in September: at K both bodies stood as they were."""
    province, health, _, plan = province_with_plan()
    old = make_agency("Sở Thông tin và Truyền thông", parent=province)
    make_item(plan, lead=old, deadline=dt.date(2024, 3, 15))
    make_item(plan, lead=health, deadline=dt.date(2024, 6, 30))
    given = figures(Scope(plan=plan), THEN)
    given_old = figures(Scope(plan=plan, agency=old), THEN)
    assert given["by_agency"] == {old.pk: 1, health.pk: 1} and given_old["total"] == 1
    with time_machine.travel(EDITED, tick=False):
        agency_record_succession(
            predecessor=old, successors=[health], effective_on=dt.date(2024, 3, 1)
        )
    assert figures(Scope(plan=plan), THEN) == given
    assert figures(Scope(plan=plan, agency=old), THEN) == given_old
    assert figures(Scope(plan=plan), now())["by_agency"] == {health.pk: 2}
    assert figures(Scope(plan=plan, agency=old), now())["total"] == 0


def test_an_item_withdrawn_later_ends_from_its_day_and_never_vanishes_from_earlier_figures() -> (
    None
):
    _, health, _, plan = province_with_plan()
    item = make_item(plan, lead=health, deadline=dt.date(2024, 3, 15))
    given = figures(Scope(plan=plan), THEN)
    edit_item(item, withdrawn_on=dt.date(2024, 6, 1))
    assert figures(Scope(plan=plan), THEN) == given
    # As known now: still counted at a cut-off before its withdrawal, not from that day.
    assert figures(Scope(plan=plan), now())["total"] == 1
    after = AsOf.make(dt.date(2024, 6, 30), at(dt.date(2030, 1, 1)))
    assert figures(Scope(plan=plan), after)["total"] == 0
    assert Item.objects.filter(pk=item.pk).exists()


def test_a_save_that_changes_nothing_opens_no_revision() -> None:
    _, health, _, plan = province_with_plan()
    item = make_item(plan, lead=health)
    edit_item(item)
    edit_item(item, title="Nội dung sửa câu chữ")  # not a figure's fact
    assert item.revisions.count() == 1
    edit_item(item, target=Decimal("101"))
    assert item.revisions.count() == 2


def test_the_item_page_says_from_when_an_item_was_withdrawn(client: Client) -> None:
    cast = make_cast()
    edit_item(cast.item, withdrawn_on=dt.date(2024, 6, 1))
    client.force_login(cast.standing)
    page = client.get(reverse("plans:item_detail", args=[cast.item.pk]))
    assert page.status_code == 200
    assert "Đã rút khỏi kế hoạch từ ngày 01/06/2024" in visible_text(page.text)
    assert cast.item.revisions.filter(withdrawn_on=dt.date(2024, 6, 1)).count() == 1
