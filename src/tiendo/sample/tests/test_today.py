"""The sample is alive on the day it is loaded: the open periods are in motion and every demo
user has work waiting, whatever the day; the article's figures of 31/3/2024 do not move."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef
from django.utils import timezone

from tiendo.accounts.access import actor_for_user
from tiendo.agencies.models import Agency
from tiendo.audit.models import AuditEvent
from tiendo.indicators.models import Indicator, IndicatorValue
from tiendo.notifications.models import Notification
from tiendo.plans.models import (
    DeadlineChange,
    ExtensionRequest,
    Item,
    ItemKind,
    ItemRevision,
    Plan,
    PlanRevision,
)
from tiendo.progress.models import (
    Decision,
    Evidence,
    Obstacle,
    ProgressUpdate,
    Recommendation,
    ReportingPeriod,
)
from tiendo.progress.selectors import review_queue
from tiendo.readmodels.reporting import compliance_for_period
from tiendo.sample.loader import load_sample
from tiendo.sample.stories import VN
from tiendo.status.selectors import AsOf, Scope, status_summary
from tiendo.testing import at

pytestmark = pytest.mark.django_db
Q1_END = dt.date(2024, 3, 31)


def reload_sample_on(day: dt.date) -> None:
    """Load the sample again as if on `day` (inside the test's transaction, rolled back after):
    everything its histories wrote goes, the definitions and agencies stay."""
    Evidence.objects.all().delete()
    Obstacle.objects.all().delete()
    Recommendation.objects.all().delete()
    ProgressUpdate.objects.update(supersedes=None)
    Notification.objects.all().delete()
    AuditEvent.objects.all().delete()
    ExtensionRequest.objects.all().delete()
    ProgressUpdate.objects.all().delete()
    DeadlineChange.objects.all().delete()
    ReportingPeriod.objects.all().delete()
    later = Plan.objects.filter(issued_on__gte=day)
    ItemRevision.objects.filter(item__plan__in=later).delete()
    Item.objects.filter(plan__in=later).delete()
    PlanRevision.objects.filter(plan__in=later).delete()
    later.delete()
    with time_machine.travel(at(day, 10), tick=False):
        load_sample()


def open_reports(today: dt.date) -> dict[str, int]:
    """Reports of the periods still open whose due date has passed, by compliance class."""
    totals = {"on_time": 0, "late": 0, "returned": 0, "missing": 0}
    for period in ReportingPeriod.objects.filter(closed_at__isnull=True, due_on__lt=today):
        for row in compliance_for_period(period):
            totals["on_time"] += row.on_time
            totals["late"] += row.late
            totals["returned"] += row.returned
            totals["missing"] += row.missing
    return totals


def assert_alive(today: dt.date) -> None:
    assert all(open_reports(today).values()), open_reports(today)
    for plan in Plan.objects.filter(issued_on__lt=today):
        current = plan.periods.filter(starts_on__lte=today, cutoff__gte=today)
        assert current.exists() and not current.filter(closed_at__isnull=False).exists(), plan
    thuongtruc = actor_for_user(User.objects.get(username="thuongtruc"))
    assert review_queue(thuongtruc).count() >= 3
    assert ExtensionRequest.objects.filter(decision="").count() == 2
    # Nothing recorded or reviewed after the day began.
    midnight = dt.datetime.combine(today, dt.time(), VN)
    assert not ProgressUpdate.objects.filter(recorded_at__gte=midnight).exists()
    assert not ProgressUpdate.objects.filter(reviewed_at__gte=midnight).exists()
    health = Agency.objects.get(code="40.SYT")
    science = Agency.objects.get(code="40.SKHCN")
    open_period = ProgressUpdate.objects.filter(period__closed_at__isnull=True)
    answered = ProgressUpdate.objects.filter(
        item=OuterRef("item"), agency=OuterRef("agency"), recorded_at__gt=OuterRef("recorded_at")
    )
    # yte.chuyenvien: a returned report to revise, and overdue items to report on.
    assert (
        open_period.filter(agency=health, decision=Decision.RETURNED)
        .exclude(Exists(answered))
        .exists()
    )
    as_of = AsOf.make(today)
    assert status_summary(Scope(agency=health), as_of).all.overdue > 0
    # yte.lanhdao and khcn.lanhdao: drafts put before them, not sent.
    for agency in (health, science):
        assert open_period.filter(
            agency=agency, recorded_at__isnull=True, ready_at__isnull=False
        ).exists()
    # khcn.chuyenvien: a returned report being revised.
    assert open_period.filter(
        agency=science, recorded_at__isnull=True, supersedes__isnull=False
    ).exists()


def assert_the_articles_figures() -> None:
    plan_762 = Plan.objects.get(number="762/KH-UBND")
    plan_87 = Plan.objects.get(number="87/KH-UBND")
    for known_at in (at(dt.date(2024, 4, 2), 14), timezone.now()):
        as_of = AsOf.make(Q1_END, known_at)
        models = status_summary(Scope(plan=plan_762), as_of).kind(ItemKind.MODEL)
        assert (models.total, models.done, models.in_progress, models.not_started) == (
            38,
            6,
            20,
            12,
        )
        tasks = status_summary(Scope(plan=plan_87), as_of)
        assert (tasks.all.unfinished, tasks.groups_total, tasks.groups_with_unfinished) == (
            51,
            10,
            10,
        )


def test_today_the_open_periods_are_in_motion_and_every_demo_user_has_work(sample: Any) -> None:
    assert_alive(timezone.localdate())


# Each day costs a reload of the histories (several seconds): the day after the districts ended,
# before the 2026 plan. Today (whatever the date) is covered by the test above.
@pytest.mark.parametrize("day", [dt.date(2025, 8, 20)])
def test_loaded_on_another_day_the_sample_is_alive_on_that_day(sample: Any, day: dt.date) -> None:
    reload_sample_on(day)
    with time_machine.travel(at(day, 10), tick=False):
        assert_alive(day)
        assert_the_articles_figures()
        assert {plan.number for plan in Plan.objects.all()} >= {"762/KH-UBND", "35/KH-UBND"}
        assert Plan.objects.filter(number="28/KH-UBND").exists() == (day.year == 2026)


def test_the_articles_figures_hold_as_the_conference_read_them_and_as_known_now(
    sample: Any,
) -> None:
    assert_the_articles_figures()


def test_indicator_values_run_to_last_month(sample: Any) -> None:
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    for indicator in Indicator.objects.all():
        assert IndicatorValue.objects.filter(indicator=indicator, period_end=last_month).exists()
        assert not IndicatorValue.objects.filter(
            indicator=indicator, period_end__gt=last_month
        ).exists()


def test_work_of_abolished_bodies_is_reported_by_their_successors(sample: Any) -> None:
    old = Agency.objects.get(code="40.STTTT")
    merger = dt.date(2025, 3, 1)
    led_by_old = ProgressUpdate.objects.filter(item__lead_agency=old)
    assert led_by_old.filter(recorded_at__gte=at(merger, 0)).exists()
    assert not led_by_old.filter(agency=old, recorded_at__gte=at(merger, 0)).exists()
    assert led_by_old.filter(agency__code="40.SKHCN").exists()
    district_end = at(dt.date(2025, 7, 1), 0)
    after = ProgressUpdate.objects.filter(
        item__lead_agency__code__startswith="40.H", recorded_at__gte=district_end
    )
    assert after.exists()
    assert set(after.values_list("agency__kind", flat=True)) == {"commune"}


def test_recurring_tasks_of_2024_are_done_with_their_year(sample: Any) -> None:
    plan = Plan.objects.get(number="87/KH-UBND")
    recurring = Item.objects.filter(plan=plan, is_recurring=True)
    ids = list(recurring.values_list("pk", flat=True))
    figures = status_summary(Scope(item_ids=ids), AsOf.make(dt.date(2025, 1, 31))).all
    assert figures.done == figures.total == 6
    assert not ProgressUpdate.objects.filter(
        item__in=recurring, valid_on__gt=dt.date(2025, 1, 31)
    ).exists()
