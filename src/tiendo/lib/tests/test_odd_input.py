"""Odd input found by probing (one test per cause): a clear Vietnamese message, never a 500, and
nothing written."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tiendo.accounts.tokens import api_token_create
from tiendo.progress.models import PeriodKind, ProgressUpdate, ReportingPeriod
from tiendo.progress.periods import period_open
from tiendo.testing import Cast, make_cast

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2024, 3, 5, 9, tzinfo=dt.UTC)


@pytest.fixture
def cast() -> Cast:
    return make_cast()


def test_a_percent_above_100_is_refused_with_its_message(cast: Cast, client: Client) -> None:
    client.force_login(cast.reporter)
    with time_machine.travel(TODAY):
        for percent in ("101", "150"):
            response = client.post(
                reverse("progress:update_create", args=[cast.item.pk]),
                {"valid_on": "05/03/2024", "state": "in_progress", "percent": percent},
            )
            assert response.status_code == 200
            assert "Tỷ lệ hoàn thành không vượt quá 100%." in response.content.decode()
    assert not ProgressUpdate.objects.filter(item__plan=cast.plan).exists()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "31/12/9999"])
def test_absurd_cut_off_dates_on_the_pages_give_a_message(
    cast: Cast, client: Client, day: str
) -> None:
    client.force_login(cast.standing)
    pages = [
        reverse("dashboard:overview"),
        reverse("dashboard:plan_items", args=[cast.plan.pk]),
        reverse("plans:item_detail", args=[cast.item.pk]),
        reverse("dashboard:ioc_overview"),
        reverse("dashboard:ioc_agencies"),
        reverse("dashboard:ioc_obstacles"),
        reverse("dashboard:ioc_indicators"),
    ]
    for url in pages:
        response = client.get(url, {"ngay": day})
        assert response.status_code == 200, url
        assert "hãy kiểm tra lại năm" in response.content.decode(), url


def test_absurd_dates_in_the_api_are_problems_not_errors(cast: Cast) -> None:
    _, token = api_token_create(actor=None, user=cast.standing, name="Kiểm thử")
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    for query in (
        {"plan": str(cast.plan.pk), "as_of": "9999-12-31"},
        {"plan": str(cast.plan.pk), "as_of": "2024-03-31", "known_at": "0001-01-01T00:00"},
    ):
        response = api.get("/api/v1/status/", query)
        assert response.status_code == 400, query
        assert response["Content-Type"] == "application/problem+json"


def test_json_nested_five_thousand_deep_is_a_400(cast: Cast) -> None:
    _, token = api_token_create(actor=None, user=cast.reporter, name="Kiểm thử")
    body = "[" * 5000 + "]" * 5000
    response = Client(HTTP_AUTHORIZATION=f"Token {token}").post(
        "/api/v1/updates/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "lồng nhau quá sâu" in json.dumps(response.json(), ensure_ascii=False)
    assert not ProgressUpdate.objects.filter(item__plan=cast.plan).exists()


def test_nul_bytes_in_the_address_are_a_400(cast: Cast, client: Client) -> None:
    client.force_login(cast.standing)
    assert client.get("/ioc/don-vi/40%00SYT/").status_code == 400
    assert client.get("/", {"ngay": "2024\x0003-31"}).status_code == 400
    response = client.get("/api/v1/plans/", {"search": "\x00"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("starts", "cutoff"), [("01/01/0001", "14/03/0001"), ("01/01/9999", "31/12/9999")]
)
def test_custom_periods_in_year_one_or_9999_are_refused(
    cast: Cast, client: Client, starts: str, cutoff: str
) -> None:
    client.force_login(cast.standing)
    before = ReportingPeriod.objects.count()
    response = client.post(
        reverse("progress:period_list", args=[cast.plan.pk]),
        {"kind": PeriodKind.CUSTOM, "starts_on": starts, "cutoff": cutoff},
    )
    assert response.status_code == 200
    assert "hãy kiểm tra lại năm" in response.content.decode()
    assert ReportingPeriod.objects.count() == before


def test_a_period_opened_twice_at_the_same_moment_is_one_period(
    cast: Cast, monkeypatch: Any
) -> None:
    """The second officer's check found nothing, then the first one's row landed."""
    original = ReportingPeriod.full_clean

    def first_officer_lands(self: ReportingPeriod, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        if not ReportingPeriod.objects.filter(cutoff=self.cutoff, kind=self.kind).exists():
            ReportingPeriod.objects.create(
                plan=self.plan,
                kind=self.kind,
                label=self.label,
                starts_on=self.starts_on,
                cutoff=self.cutoff,
                due_on=self.due_on,
            )

    monkeypatch.setattr(ReportingPeriod, "full_clean", first_officer_lands)
    period = period_open(
        actor=cast.actor(cast.standing),
        plan=cast.plan,
        kind=PeriodKind.QUARTER,
        year=2024,
        number=2,
        holidays=set(),
    )
    assert (
        ReportingPeriod.objects.filter(cutoff=period.cutoff, kind=PeriodKind.QUARTER).count() == 1
    )
