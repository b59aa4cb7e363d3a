"""The admin sets a person's agency and role through membership_set (with its audit event), and
removes nothing it has no service for.

Each test opens the admin page as a browser would, changes what a person would change, and posts.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tiendo.accounts.models import Membership, Role
from tiendo.audit.models import AuditEvent
from tiendo.browser_tests.helpers import parse_forms
from tiendo.testing import Cast, make_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    return make_cast()


@pytest.fixture
def admin_client(client: Client, cast: Cast) -> Client:
    client.force_login(cast.admin)
    return client


def admin_form(client: Client, url: str) -> dict[str, Any]:
    """The add or change form of an admin page, as the browser would submit it with "Lưu"."""
    page = client.get(url)
    assert page.status_code == 200, url
    [form] = [f for f in parse_forms(page.text) if f.attrs.get("id", "").endswith("_form")]
    return form.data_dict(form.button_named("_save"))


def test_membership_changed_through_membership_set_for_the_same_person(
    admin_client: Client, cast: Cast
) -> None:
    membership = Membership.objects.get(user=cast.reporter)
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    data = admin_form(admin_client, url)
    assert "user" not in data  # the person is shown, not changed
    data.update(role=Role.HEAD, position="Phó Giám đốc", user=str(cast.colleague.pk))
    assert admin_client.post(url, data).status_code == 302
    membership.refresh_from_db()
    assert (membership.user, membership.role, membership.position) == (
        cast.reporter,
        Role.HEAD,
        "Phó Giám đốc",
    )
    assert Membership.objects.get(user=cast.colleague).role == Role.REPORTER
    [event] = AuditEvent.objects.filter(action="membership.set", actor=cast.admin)
    assert event.object_id == str(membership.pk) and event.after == {
        "role": Role.HEAD,
        "position": "Phó Giám đốc",
    }


def test_membership_saved_unchanged_records_nothing(admin_client: Client, cast: Cast) -> None:
    membership = Membership.objects.get(user=cast.reporter)
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    before = Membership.objects.filter(pk=membership.pk).values().get()
    events = AuditEvent.objects.count()
    assert admin_client.post(url, admin_form(admin_client, url)).status_code == 302
    assert Membership.objects.filter(pk=membership.pk).values().get() == before
    assert AuditEvent.objects.count() == events


def test_membership_is_not_deleted_in_the_admin(admin_client: Client, cast: Cast) -> None:
    membership = Membership.objects.get(user=cast.reporter)
    url = reverse("admin:accounts_membership_delete", args=[membership.pk])
    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()
