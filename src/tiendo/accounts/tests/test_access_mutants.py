"""Decisions of accounts/access.py that mutation testing found unguarded from accounts/tests
(docs/benchmarks.md, "Mutation testing"): each page's link is offered to exactly the people the
page itself lets in, and a refused write leaves the database as it was.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tiendo.agencies.models import Agency
from tiendo.testing import Cast, make_cast

pytestmark = pytest.mark.django_db

PEOPLE = [
    "reporter",
    "colleague",
    "head",
    "outsider",
    "outsider_head",
    "standing",
    "leader",
    "admin",
]
COVERAGE_LINK = "Đơn vị chưa có người nhận nhắc việc"
LOAD_URL = "admin:agencies_agency_load_directory"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("person", PEOPLE)
def test_the_reminder_coverage_link_is_offered_exactly_to_those_the_list_lets_in(
    person: str,
) -> None:
    cast: Cast = make_cast()
    client = logged_in(getattr(cast, person))
    listing = client.get(reverse("notifications:unreached"))
    inbox = client.get(reverse("notifications:inbox"))
    assert inbox.status_code == 200
    may_list = person in ("standing", "admin")
    assert listing.status_code == (200 if may_list else 403)
    assert (COVERAGE_LINK in inbox.text) is may_list


@pytest.mark.parametrize("superuser", [True, False])
def test_only_a_superuser_is_offered_and_may_use_the_directory_load(superuser: bool) -> None:
    """Staff who are not system administrators (here the standing body's officer, made staff
    to manage agencies) see neither the link nor the page, and their POST writes nothing."""
    cast = make_cast()
    user = cast.admin if superuser else cast.standing
    if not superuser:
        user.is_staff = True
        user.save()
    client = logged_in(user)
    before = Agency.objects.count()
    page = client.get(reverse(LOAD_URL))
    assert page.status_code == (200 if superuser else 403)
    listing = client.get(reverse("admin:agencies_agency_changelist"))
    if listing.status_code == 200:
        assert (reverse(LOAD_URL) in listing.text) is superuser
    else:
        assert not superuser  # no permission on the agency list at all
    if not superuser:
        assert client.post(reverse(LOAD_URL), {"province": "46"}).status_code == 403
        assert Agency.objects.count() == before


@pytest.mark.parametrize("person", PEOPLE)
def test_everyone_with_an_agency_is_offered_the_consolidated_report(person: str) -> None:
    """Every agency makes the consolidated report for its own scope (access.may_make_report):
    the menu offers it to each of the cast, and the page it links to answers them."""
    cast = make_cast()
    client = logged_in(getattr(cast, person))
    page = client.get(reverse("notifications:inbox"))
    assert f'href="{reverse("documents:report")}"' in page.text
    assert client.get(reverse("documents:report")).status_code == 200
