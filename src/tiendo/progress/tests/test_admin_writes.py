"""The admin opens reporting periods through period_open and closes and reopens them through
period_close / period_reopen; a period's window and due date are read there, never edited, and
reported facts are only read.

Each test opens the admin page as a browser would, changes what a person would change, and posts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from tiendo.audit.models import AuditEvent
from tiendo.browser_tests.helpers import parse_forms, visible_text
from tiendo.progress.models import Holiday, Lifecycle, ProgressUpdate, ReportingPeriod
from tiendo.progress.periods import period_close
from tiendo.testing import Cast, make_cast, report

pytestmark = pytest.mark.django_db

Data = dict[str, Any]
ADD = "admin:progress_reportingperiod_add"


@pytest.fixture
def cast() -> Cast:
    return make_cast()


@pytest.fixture
def admin_client(client: Client, cast: Cast) -> Client:
    client.force_login(cast.admin)
    return client


def admin_form(client: Client, url: str) -> Data:
    """The add or change form of an admin page, as the browser would submit it with "Lưu"."""
    page = client.get(url)
    assert page.status_code == 200, url
    [form] = [f for f in parse_forms(page.text) if f.attrs.get("id", "").endswith("_form")]
    return form.data_dict(form.button_named("_save"))


def change_url(period: ReportingPeriod) -> str:
    return reverse("admin:progress_reportingperiod_change", args=[period.pk])


def period_events(action: str, period: ReportingPeriod) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, object_id=str(period.pk)))


def test_period_opened_in_the_admin_goes_through_period_open(
    admin_client: Client, cast: Cast
) -> None:
    data = admin_form(admin_client, reverse(ADD))
    data.update(plan=str(cast.plan.pk), kind="quarter", year="2024", number="2")
    assert admin_client.post(reverse(ADD), data).status_code == 302
    period = ReportingPeriod.objects.filter(plan=cast.plan).exclude(pk=cast.period.pk).get()
    # The Nghị định 09 window, worked out by the service.
    assert (period.label, period.cutoff) == ("Quý II/2024", dt.date(2024, 6, 14))
    assert period.due_on > period.cutoff
    [event] = period_events("period.open", period)
    assert event.actor == cast.admin


def test_custom_period_without_its_dates_is_an_error_not_a_period(
    admin_client: Client, cast: Cast
) -> None:
    data = admin_form(admin_client, reverse(ADD))
    data.update(plan=str(cast.plan.pk), kind="custom", starts_on="2024-05-01")
    response = admin_client.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "Kỳ đột xuất, chuyên đề cần ngày chốt số liệu." in visible_text(response.text)
    assert list(ReportingPeriod.objects.filter(plan=cast.plan)) == [cast.period]


def test_period_the_service_refuses_is_not_opened_and_the_page_says_why(
    admin_client: Client, cast: Cast
) -> None:
    data = admin_form(admin_client, reverse(ADD))
    data.update(plan=str(cast.plan.pk), kind="quarter", year="2024", number="5")
    events = AuditEvent.objects.count()
    response = admin_client.post(reverse(ADD), data)
    # The same form again, with the service's reason and what was typed (nothing to retype).
    assert response.status_code == 200
    assert "Quý 5 không hợp lệ" in visible_text(response.text)
    [form] = [f for f in parse_forms(response.text) if f.attrs.get("id", "").endswith("_form")]
    shown = form.data_dict(form.button_named("_save"))
    assert (shown["plan"], shown["kind"], shown["year"], shown["number"]) == (
        str(cast.plan.pk),
        "quarter",
        "2024",
        "5",
    )
    assert list(ReportingPeriod.objects.filter(plan=cast.plan)) == [cast.period]
    assert AuditEvent.objects.count() == events


def test_period_closed_and_reopened_in_the_admin_through_the_services(
    admin_client: Client, cast: Cast
) -> None:
    url = change_url(cast.period)
    data = admin_form(admin_client, url)
    assert "closed" not in data  # open: the box is not ticked
    data["closed"] = "on"
    assert admin_client.post(url, data).status_code == 302
    cast.period.refresh_from_db()
    assert cast.period.closed_at is not None
    [closed] = period_events("period.close", cast.period)
    assert closed.actor == cast.admin
    data = admin_form(admin_client, url)
    assert data["closed"] == "on"
    del data["closed"]
    assert admin_client.post(url, data).status_code == 302
    cast.period.refresh_from_db()
    assert cast.period.closed_at is None
    [reopened] = period_events("period.reopen", cast.period)
    assert reopened.actor == cast.admin


def test_period_saved_unchanged_and_its_window_not_editable(
    admin_client: Client, cast: Cast
) -> None:
    period_close(actor=cast.actor(cast.standing), period=cast.period)
    url = change_url(cast.period)
    before = ReportingPeriod.objects.filter(pk=cast.period.pk).values().get()
    events = AuditEvent.objects.count()
    data = admin_form(admin_client, url)
    for name in ("plan", "kind", "label", "starts_on", "cutoff", "due_on", "closed_at"):
        assert name not in data, f"{name} is editable"
    # Posted unchanged, and by hand with the window changed: nothing changes either way.
    assert admin_client.post(url, data).status_code == 302
    data.update(label="Kỳ khác", cutoff="2024-01-01", due_on="2030-01-01")
    assert admin_client.post(url, data).status_code == 302
    assert ReportingPeriod.objects.filter(pk=cast.period.pk).values().get() == before
    assert AuditEvent.objects.count() == events


def test_staff_who_may_not_manage_periods_only_reads_them(client: Client, cast: Cast) -> None:
    # A reporter made staff with every permission on periods: access.py still says no.
    cast.reporter.is_staff = True
    cast.reporter.save()
    cast.reporter.user_permissions.add(
        *Permission.objects.filter(content_type__model="reportingperiod")
    )
    client.force_login(cast.reporter)
    url = change_url(cast.period)
    assert client.get(url).status_code == 200
    assert client.post(url, {"closed": "on"}).status_code == 403
    assert client.get(reverse(ADD)).status_code == 403
    cast.period.refresh_from_db()
    assert cast.period.closed_at is None


def test_periods_are_not_deleted(admin_client: Client, cast: Cast) -> None:
    url = reverse("admin:progress_reportingperiod_delete", args=[cast.period.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert ReportingPeriod.objects.filter(pk=cast.period.pk).exists()


def test_reported_facts_are_read_not_written(admin_client: Client, cast: Cast) -> None:
    update = report(cast.item, dt.date(2024, 3, 14), Lifecycle.IN_PROGRESS, percent=40)
    url = reverse("admin:progress_progressupdate_change", args=[update.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and "Sở Y tế" in visible_text(page.text)
    assert admin_client.post(url, {"percent": "90"}).status_code == 403
    assert ProgressUpdate.objects.get(pk=update.pk).percent == 40


HOLIDAY_ADD = "admin:progress_holiday_add"
# A Thursday that is no public holiday (the sample's calendar may already be loaded).


def holiday_events(holiday_pk: int) -> list[tuple[str, Any, Any]]:
    return [
        (e.action, e.before, e.after)
        for e in AuditEvent.objects.filter(
            object_type="progress.holiday", object_id=str(holiday_pk)
        ).order_by("pk")
    ]


def test_days_off_are_added_corrected_and_taken_back_through_the_services(
    admin_client: Client, cast: Cast
) -> None:
    data = admin_form(admin_client, reverse(HOLIDAY_ADD))
    data.update(day="2024-08-15", name="  Nghỉ bù  ")
    assert admin_client.post(reverse(HOLIDAY_ADD), data).status_code == 302
    holiday = Holiday.objects.get(day=dt.date(2024, 8, 15))
    assert holiday.name == "Nghỉ bù"
    url = reverse("admin:progress_holiday_change", args=[holiday.pk])
    # Saved unchanged: nothing to record. Then moved a day, as the Government may announce.
    assert admin_client.post(url, admin_form(admin_client, url)).status_code == 302
    data = admin_form(admin_client, url)
    data["day"] = "2024-08-16"
    assert admin_client.post(url, data).status_code == 302
    delete = reverse("admin:progress_holiday_delete", args=[holiday.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Holiday.objects.filter(pk=holiday.pk).exists()
    assert [action for action, _, _ in holiday_events(holiday.pk)] == [
        "holiday.create",
        "holiday.update",
        "holiday.remove",
    ]
    _, before, after = holiday_events(holiday.pk)[1]
    assert (before, after) == ({"day": "2024-08-15"}, {"day": "2024-08-16"})
    assert {
        e.actor
        for e in AuditEvent.objects.filter(
            object_type="progress.holiday", object_id=str(holiday.pk)
        )
    } == {cast.admin}


def test_a_second_holiday_on_the_same_day_is_refused_with_the_reason(
    admin_client: Client, cast: Cast
) -> None:
    Holiday.objects.create(day=dt.date(2024, 8, 15), name="Nghỉ bù")
    data = admin_form(admin_client, reverse(HOLIDAY_ADD))
    data.update(day="2024-08-15", name="Nghỉ bù (lần hai)")
    response = admin_client.post(reverse(HOLIDAY_ADD), data)
    assert response.status_code == 200
    assert "Ngày này đã có trong lịch nghỉ lễ." in visible_text(response.text)
    assert list(
        Holiday.objects.filter(day=dt.date(2024, 8, 15)).values_list("name", flat=True)
    ) == ["Nghỉ bù"]


def test_staff_who_may_not_manage_periods_cannot_change_the_calendar(
    client: Client, cast: Cast
) -> None:
    holiday = Holiday.objects.create(day=dt.date(2024, 8, 15), name="Nghỉ bù")
    cast.reporter.is_staff = True
    cast.reporter.save()
    cast.reporter.user_permissions.add(*Permission.objects.filter(content_type__model="holiday"))
    client.force_login(cast.reporter)
    url = reverse("admin:progress_holiday_change", args=[holiday.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"day": "2024-08-16", "name": "Nghỉ bù"}).status_code == 403
    assert client.get(reverse(HOLIDAY_ADD)).status_code == 403
    delete = reverse("admin:progress_holiday_delete", args=[holiday.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Holiday.objects.get(pk=holiday.pk).day == dt.date(2024, 8, 15)
