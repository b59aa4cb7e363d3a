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
from tiendo.progress.models import Lifecycle, ProgressUpdate, ReportingPeriod
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
    assert "Kỳ đột xuất, chuyên đề cần ngày này." in visible_text(response.text)
    assert list(ReportingPeriod.objects.filter(plan=cast.plan)) == [cast.period]


def test_period_the_service_refuses_is_not_opened_and_the_page_says_why(
    admin_client: Client, cast: Cast
) -> None:
    data = admin_form(admin_client, reverse(ADD))
    data.update(plan=str(cast.plan.pk), kind="quarter", year="2024", number="5")
    events = AuditEvent.objects.count()
    response = admin_client.post(reverse(ADD), data, follow=True)
    assert response.status_code == 200
    assert "Quý 5 không hợp lệ" in visible_text(response.text)
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
