"""The admin writes agencies through agency_upsert and successions through
agency_record_succession; a succession on record is history, shown and never edited or deleted.

Each test opens the admin page as a browser would, changes what a person would change, and posts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tiendo.agencies.models import Agency, AgencySuccession, SuccessionKind
from tiendo.agencies.services import agency_record_succession
from tiendo.audit.models import AuditEvent
from tiendo.browser_tests.helpers import parse_forms, visible_text
from tiendo.testing import TEST_PASSWORD, make_agency

pytestmark = pytest.mark.django_db

Data = dict[str, Any]
PREFIX = "successions"


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(User.objects.create_superuser("t.quantri.coquan", password=TEST_PASSWORD))
    return client


def admin_form(client: Client, url: str) -> Data:
    """The add or change form of an admin page, as the browser would submit it with "Lưu"."""
    page = client.get(url)
    assert page.status_code == 200, url
    [form] = [f for f in parse_forms(page.text) if f.attrs.get("id", "").endswith("_form")]
    return form.data_dict(form.button_named("_save"))


def add_row(data: Data, **values: str) -> None:
    n = int(data[f"{PREFIX}-TOTAL_FORMS"])
    data[f"{PREFIX}-TOTAL_FORMS"] = str(n + 1)
    data.update({f"{PREFIX}-{n}-{name}": value for name, value in values.items()})


def change_url(agency: Agency) -> str:
    return reverse("admin:agencies_agency_change", args=[agency.pk])


def links_of(agency: Agency) -> list[tuple[str, dt.date, str, bool, str]]:
    return [
        (link.successor.code, link.effective_on, link.kind, link.is_primary, link.note)
        for link in AgencySuccession.objects.filter(predecessor=agency).order_by("pk")
    ]


def test_agency_edited_goes_through_agency_upsert_and_keeps_its_code(
    admin_client: Client,
) -> None:
    agency = make_agency("Sở Thông tin và Truyền thông", code="T.STTTT")
    url = change_url(agency)
    data = admin_form(admin_client, url)
    assert "code" not in data
    data.update(name="Sở Khoa học và Công nghệ", code="T.KHAC")
    assert admin_client.post(url, data).status_code == 302
    agency.refresh_from_db()
    assert (agency.code, agency.name) == ("T.STTTT", "Sở Khoa học và Công nghệ")
    assert not Agency.objects.filter(code="T.KHAC").exists()
    [event] = AuditEvent.objects.filter(action="agency.update", object_id=str(agency.pk))
    assert event.actor is not None and event.actor.is_superuser


def test_agency_saved_unchanged_changes_nothing(admin_client: Client) -> None:
    agency = make_agency("Sở Nội vụ", code="T.SNV")
    url = change_url(agency)
    before = Agency.objects.filter(pk=agency.pk).values().get()
    events = AuditEvent.objects.count()
    assert admin_client.post(url, admin_form(admin_client, url)).status_code == 302
    assert Agency.objects.filter(pk=agency.pk).values().get() == before
    assert AuditEvent.objects.count() == events


def test_succession_added_goes_through_agency_record_succession(admin_client: Client) -> None:
    old = make_agency("Sở Thông tin và Truyền thông", code="T.STTTT")
    first = make_agency("Sở Khoa học và Công nghệ", code="T.SKHCN")
    second = make_agency("Sở Văn hóa và Thể thao", code="T.SVHTT")
    url = change_url(old)
    data = admin_form(admin_client, url)
    for successor in (first, second):
        add_row(
            data,
            successor=str(successor.pk),
            effective_on="2025-03-01",
            kind=SuccessionKind.SPLIT,
            note="Nghị quyết 12/NQ-HĐND",
        )
    assert admin_client.post(url, data).status_code == 302
    day = dt.date(2025, 3, 1)
    assert links_of(old) == [
        ("T.SKHCN", day, "split", True, "Nghị quyết 12/NQ-HĐND"),
        ("T.SVHTT", day, "split", False, "Nghị quyết 12/NQ-HĐND"),
    ]
    old.refresh_from_db()
    assert old.valid_to == dt.date(2025, 2, 28)  # the service ends the old body the day before
    # One audit event, by the administrator who saved, with the successors before and after.
    event = AuditEvent.objects.get(action="agency.succession", object_id=str(old.pk))
    assert event.actor is not None and event.actor.username == "t.quantri.coquan"
    assert event.before == {"successors": [], "basis": None, "valid_to": None}
    assert event.after == {
        "successors": ["T.SKHCN", "T.SVHTT"],
        "basis": "Từ 01/03/2025: chia tách, chuyển một phần sang (Nghị quyết 12/NQ-HĐND)",
        "valid_to": "2025-02-28",
    }
    # Saving the page again unchanged records nothing more.
    assert admin_client.post(url, admin_form(admin_client, url)).status_code == 302
    assert AuditEvent.objects.filter(action="agency.succession", object_id=str(old.pk)).count() == 1


def test_successors_of_one_save_must_share_one_decision(admin_client: Client) -> None:
    old = make_agency("Sở Thông tin và Truyền thông")
    url = change_url(old)
    data = admin_form(admin_client, url)
    for successor, day in ((make_agency(), "2025-03-01"), (make_agency(), "2025-07-01")):
        add_row(data, successor=str(successor.pk), effective_on=day, kind=SuccessionKind.SPLIT)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "phải có cùng ngày có hiệu lực" in visible_text(response.text)
    assert links_of(old) == []
    old.refresh_from_db()
    assert old.valid_to is None


def test_succession_on_record_is_neither_edited_deleted_nor_rewritten(
    admin_client: Client,
) -> None:
    old = make_agency("Phòng Văn hóa huyện cũ")
    heir = make_agency("UBND xã mới")
    [link] = agency_record_succession(
        predecessor=old, successors=[heir], effective_on=dt.date(2025, 7, 1)
    )
    before = links_of(old)
    url = change_url(old)
    page = admin_client.get(url)
    assert "UBND xã mới" in visible_text(page.text)  # shown for reading
    data = admin_form(admin_client, url)
    assert f"{PREFIX}-0-effective_on" not in data and f"{PREFIX}-0-DELETE" not in data
    # A hand-made post that edits and deletes the link and adds a second successor: adding one
    # through agency_record_succession would replace the links on record.
    other = make_agency("UBND phường mới")
    data.update(
        {
            f"{PREFIX}-0-id": str(link.pk),
            f"{PREFIX}-0-successor": str(other.pk),
            f"{PREFIX}-0-effective_on": "2024-01-01",
            f"{PREFIX}-0-kind": SuccessionKind.RENAMED,
            f"{PREFIX}-0-DELETE": "on",
        }
    )
    add_row(data, successor=str(other.pk), effective_on="2025-08-01", kind=SuccessionKind.MERGED)
    assert admin_client.post(url, data).status_code == 302
    assert links_of(old) == before


def test_agencies_are_not_deleted(admin_client: Client) -> None:
    agency = make_agency()
    url = reverse("admin:agencies_agency_delete", args=[agency.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Agency.objects.filter(pk=agency.pk).exists()
