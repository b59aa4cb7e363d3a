"""The sample reproduces the article and behaves like real data over time."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from tiendo.agencies.models import Agency, AgencyKind
from tiendo.plans.models import DeadlineChange, ExtensionRequest, Item, ItemKind, Plan
from tiendo.progress.models import ProgressUpdate
from tiendo.sample.loader import load_sample
from tiendo.status.selectors import AsOf, Scope, status_summary
from tiendo.testing import at

pytestmark = pytest.mark.django_db
Q1_END = dt.date(2024, 3, 31)


def status_json(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("status", *args, "--json", stdout=out)
    return dict(json.loads(out.getvalue()))


def test_kh762_as_of_end_of_q1_gives_38_models_6_done_20_in_progress_12_not_started(
    sample: Any,
) -> None:
    figures = status_json("--plan", "762/KH-UBND", "--as-of", "2024-03-31")["models"]
    assert (figures["total"], figures["done"], figures["in_progress"], figures["not_started"]) == (
        38,
        6,
        20,
        12,
    )


def test_kh87_as_of_end_of_q1_has_51_unfinished_tasks_in_its_10_groups(sample: Any) -> None:
    result = status_json("--plan", "87/KH-UBND", "--as-of", "31/03/2024")
    assert result["tasks"]["unfinished"] == 51
    assert (result["groups_total"], result["groups_with_unfinished"]) == (10, 10)
    assert result["sentences"][0] == (
        "Có 51 nhiệm vụ tại 10 nhóm nhiệm vụ theo Kế hoạch số 87/KH-UBND đến hết quý I "
        "vẫn chưa hoàn thành theo mục tiêu đề ra."
    )


def test_figures_read_at_the_conference_on_2_april_are_the_same(sample: Any) -> None:
    conference = AsOf.make(Q1_END, at(dt.date(2024, 4, 2), 14))
    plan = Plan.objects.get(number="762/KH-UBND")
    models = status_summary(Scope(plan=plan), conference).kind(ItemKind.MODEL)
    assert (models.done, models.in_progress, models.not_started) == (6, 20, 12)


def test_progress_only_grows_from_month_to_month(sample: Any) -> None:
    plan = Plan.objects.get(number="762/KH-UBND")
    days = [dt.date(2023, 11, 30), dt.date(2024, 1, 31), Q1_END, dt.date(2024, 6, 30)]
    done = [status_summary(Scope(plan=plan), AsOf.make(day)).all.done for day in days]
    assert done == sorted(done)
    assert done[0] < 6 < done[-1]


def test_sample_carries_history_an_extension_and_late_reports(sample: Any) -> None:
    assert DeadlineChange.objects.filter(item__plan__number="87/KH-UBND").count() == 1
    assert ProgressUpdate.objects.filter(valid_on__lt=dt.date(2023, 12, 1)).exists()
    late = [
        u
        for u in ProgressUpdate.objects.only("valid_on", "recorded_at")
        if u.recorded_at and (u.recorded_at.date() - u.valid_on).days > 4
    ]
    assert late


def test_agencies_are_real_and_nothing_assumes_one_province(sample: Any) -> None:
    province = Agency.objects.get(code="40")
    communes = Agency.objects.filter(parent=province, kind=AgencyKind.COMMUNE)
    assert communes.count() == 130
    assert communes.filter(name="UBND phường Thành Vinh").exists()
    departments_2025 = [
        a
        for a in Agency.objects.filter(
            parent=province, kind__in=[AgencyKind.DEPARTMENT, AgencyKind.OFFICE]
        )
        if a.is_valid_on(dt.date(2025, 3, 1))
    ]
    assert len(departments_2025) == 14
    assert province.parent is not None and province.parent.code == "VN"
    assert Agency.objects.filter(kind=AgencyKind.DISTRICT, parent=province).count() == 20


def test_items_of_sở_tttt_count_for_sở_khcn_after_the_merger(sample: Any) -> None:
    old = Agency.objects.get(code="40.STTTT")
    new = Agency.objects.get(code="40.SKHCN")
    led_by_old = Item.objects.filter(lead_agency=old, parent__isnull=True).count()
    assert led_by_old > 0
    before = status_summary(Scope(agency=new), AsOf.make(dt.date(2025, 2, 28))).all.total
    after = status_summary(Scope(agency=new), AsOf.make(dt.date(2025, 3, 1))).all.total
    assert after - before == led_by_old


def test_loading_the_sample_twice_duplicates_nothing(sample: Any) -> None:
    kinds = (Agency, Plan, Item, ProgressUpdate, DeadlineChange, ExtensionRequest)
    counts = [m.objects.count() for m in kinds]
    result = load_sample()
    assert result.created_updates == 0
    assert [m.objects.count() for m in kinds] == counts


def test_sample_plans_are_labelled_illustrative(sample: Any) -> None:
    assert set(Plan.objects.values_list("is_illustrative", flat=True)) == {True}


def test_sample_periods_show_on_time_late_missing_and_returned_reports(sample: Any) -> None:
    from tiendo.progress.models import ReportingPeriod
    from tiendo.readmodels.reporting import compliance_for_period

    plan = Plan.objects.get(number="87/KH-UBND")
    totals = {"on_time": 0, "late": 0, "missing": 0, "returned": 0}
    for period in ReportingPeriod.objects.filter(plan=plan, cutoff__lte=dt.date(2024, 12, 31)):
        for row in compliance_for_period(period):
            totals["on_time"] += row.on_time
            totals["late"] += row.late
            totals["missing"] += row.missing
            totals["returned"] += row.returned
    assert all(totals.values()), totals
    assert totals["on_time"] > totals["late"] > 0


def test_sample_has_a_user_for_every_role(sample: Any) -> None:
    from tiendo.accounts.models import Membership, Role

    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert {username for username, _, _ in sample.users} >= {"thuongtruc", "yte.chuyenvien"}


def test_every_sample_page_renders_for_its_readers(sample: Any, client: Any) -> None:
    """Each page opens (200) for whoever may read what it shows and does not exist (404) for
    the others, as accounts.access decides: never a 500, never a page for the wrong person."""
    from django.contrib.auth.models import User
    from django.urls import reverse

    from tiendo.accounts.access import (
        actor_for_user,
        items_for_user,
        plans_for_user,
        updates_for_user,
    )

    update = ProgressUpdate.objects.filter(
        item__plan__number="762/KH-UBND", recorded_at__isnull=False
    ).first()
    assert update is not None
    readers = 0
    for username in ("lanhdao", "thuongtruc", "yte.chuyenvien", "khcn.lanhdao"):
        user = User.objects.get(username=username)
        actor = actor_for_user(user)
        client.force_login(user)
        reads_item = items_for_user(actor).filter(pk=update.item_id).exists()
        reads_update = updates_for_user(actor).filter(pk=update.pk).exists()
        reads_plan = plans_for_user(actor).filter(pk=update.item.plan_id).exists()
        readers += reads_item
        for url, readable in (
            (reverse("dashboard:overview"), True),
            (reverse("plans:my_items"), True),
            (reverse("plans:item_detail", args=[update.item_id]), reads_item),
            (reverse("progress:update_detail", args=[update.pk]), reads_update),
            (reverse("progress:review_queue"), True),
            (reverse("progress:period_list", args=[update.item.plan_id]), reads_plan),
        ):
            response = client.get(url)
            expected = 200 if readable else 404
            assert response.status_code == expected, (username, url, response.status_code)
    assert readers >= 2, readers  # at least the leader and the standing body read the province
