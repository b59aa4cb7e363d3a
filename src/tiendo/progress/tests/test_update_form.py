"""The report form as people use it: numbers reopen as typed, the data date is not in the future,
and recommendations go only to ministries and the item's own province."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tiendo.agencies.models import AgencyKind
from tiendo.progress.models import ProgressUpdate
from tiendo.testing import Cast, make_agency, make_cast

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2024, 3, 5, 9, tzinfo=dt.UTC)  # inside Q1 2024, before its cut-off 14/03


@pytest.fixture
def cast() -> Cast:
    return make_cast()


def field_value(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, name
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("460", Decimal("460"), "460"),
        ("1.275.000", Decimal("1275000"), "1.275.000"),
        ("1.250,5", Decimal("1250.5"), "1.250,5"),
    ],
)
def test_a_saved_number_reopens_as_typed_and_saves_unchanged(
    cast: Cast, client: Client, typed: str, stored: Decimal, shown: str
) -> None:
    client.force_login(cast.reporter)
    with time_machine.travel(TODAY):
        create = reverse("progress:update_create", args=[cast.item.pk])
        form = {"valid_on": "05/03/2024", "state": "in_progress", "percent": "40"}
        response = client.post(create, form | {"achieved": typed})
        assert response.status_code == 302, response.content.decode()[:2000]
        update = ProgressUpdate.objects.get(item=cast.item)
        assert update.achieved == stored
        edit = reverse("progress:update_edit", args=[update.pk])
        html = client.get(edit).content.decode()
        assert field_value(html, "achieved") == shown
        assert field_value(html, "valid_on") == "05/03/2024"
        resubmit = form | {"achieved": field_value(html, "achieved"), "version": "1"}
        response = client.post(edit, resubmit)
        assert response.status_code == 302, response.content.decode()[:2000]
    update.refresh_from_db()
    assert update.achieved == stored
    assert update.valid_on == dt.date(2024, 3, 5)


def test_the_data_date_defaults_to_today_inside_an_open_period(cast: Cast, client: Client) -> None:
    client.force_login(cast.reporter)
    with time_machine.travel(TODAY):
        html = client.get(reverse("progress:update_create", args=[cast.item.pk])).content
    assert field_value(html.decode(), "valid_on") == "05/03/2024"


def test_the_data_date_defaults_to_the_cut_off_once_it_has_passed(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.reporter)
    with time_machine.travel(dt.datetime(2024, 3, 20, 9, tzinfo=dt.UTC)):
        html = client.get(reverse("progress:update_create", args=[cast.item.pk])).content
    assert field_value(html.decode(), "valid_on") == "14/03/2024"


def test_a_data_date_after_today_is_refused_and_nothing_is_written(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.reporter)
    with time_machine.travel(TODAY):
        response = client.post(
            reverse("progress:update_create", args=[cast.item.pk]),
            {"valid_on": "14/03/2024", "state": "in_progress", "percent": "40"},
        )
    assert response.status_code == 200
    assert "Ngày số liệu không được sau hôm nay (05/03/2024)" in response.content.decode()
    assert not ProgressUpdate.objects.filter(item__plan=cast.plan).exists()


def test_recommendations_are_offered_to_ministries_and_the_own_province_only(
    cast: Cast, client: Client
) -> None:
    ministry = make_agency("Bộ Công an", kind=AgencyKind.MINISTRY)
    elsewhere = make_agency("UBND tỉnh Khác", kind=AgencyKind.PROVINCE)
    their_department = make_agency("Sở Y tế tỉnh Khác", parent=elsewhere)
    client.force_login(cast.reporter)
    with time_machine.travel(TODAY):
        html = client.get(reverse("progress:update_create", args=[cast.item.pk])).content
    text = html.decode()
    assert ministry.name in text
    assert cast.province.name in text
    assert cast.justice.name in text
    assert elsewhere.name not in text
    assert their_department.name not in text


def test_an_unknown_period_in_the_address_falls_back_to_the_open_one(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.reporter)
    with time_machine.travel(TODAY):
        response = client.get(reverse("progress:update_create", args=[cast.item.pk]) + "?ky=abc")
    assert response.status_code == 200
