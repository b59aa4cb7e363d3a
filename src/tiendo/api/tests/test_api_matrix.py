"""The API's access matrix, generated from its router: every list and every object, for every
person of the cast, is exactly what accounts.access gives that person; a new route fails here
until it says which access function decides it (the web's own matrix is in
accounts/tests/test_access_matrix.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db.models import Model, QuerySet
from django.test import Client

from tiendo.accounts.access import (
    Actor,
    directory_for_user,
    indicator_values_for_user,
    items_for_user,
    plans_for_user,
    updates_for_user,
)
from tiendo.accounts.tokens import api_token_create
from tiendo.api.urls import router
from tiendo.indicators.models import Indicator
from tiendo.indicators.services import indicator_upsert, value_record
from tiendo.progress.models import Lifecycle
from tiendo.progress.services import UpdateInput, update_create_draft, update_send
from tiendo.testing import Cast, make_agency, make_cast, make_plan

pytestmark = pytest.mark.django_db

# Every route of the router and the function that decides what it shows; the lookup field.
DECIDED_BY: dict[str, tuple[Callable[[Actor], QuerySet[Any]], str]] = {
    "agencies": (directory_for_user, "code"),
    "plans": (plans_for_user, "pk"),
    "items": (items_for_user, "pk"),
    "updates": (updates_for_user, "pk"),
    "indicators": (lambda actor: Indicator.objects.all(), "pk"),  # definitions, for everyone
    "indicator-values": (indicator_values_for_user, "pk"),
}


def world() -> Cast:
    """The cast, with a draft and a sent report of each department, indicator values of the
    province, and a second province whose rows nobody of the first may see."""
    cast = make_cast()
    data = UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS, percent=30)
    for reporter, head, item in (
        (cast.reporter, cast.head, cast.item),
        (cast.outsider, cast.outsider_head, cast.other_item),
    ):
        for _ in range(2):
            draft = update_create_draft(
                actor=cast.actor(reporter), item=item, period=cast.period, data=data
            )
        update_send(actor=cast.actor(head), update=draft, expected_version=1)
    other = make_agency("UBND tỉnh Khác", kind=cast.province.kind)
    make_plan(other, issued_on=dt.date(2024, 2, 1))
    rate = indicator_upsert(code="T.VNEID", name="Tỷ lệ kích hoạt VNeID", unit="%")
    for agency in (cast.health, other):
        value_record(
            indicator=rate, agency=agency, period_end=dt.date(2024, 3, 31), value=Decimal(50)
        )
    return cast


def listed(client: Client, prefix: str, lookup: str) -> set[str]:
    found: set[str] = set()
    url: str | None = f"/api/v1/{prefix}/"
    while url:
        response = client.get(url)
        assert response.status_code == 200, (prefix, response.status_code)
        body = response.json()
        found |= {str(row["code" if lookup == "code" else "id"]) for row in body["results"]}
        url = body["next"]
    return found


def key(obj: Model, lookup: str) -> str:
    return str(getattr(obj, lookup))


def test_every_api_route_shows_each_person_exactly_what_access_gives_them() -> None:
    cast = world()
    routes = {prefix for prefix, _, _ in router.registry}
    assert routes == set(DECIDED_BY), f"routes without a row: {sorted(routes - set(DECIDED_BY))}"
    people: list[User] = [
        cast.reporter,
        cast.head,
        cast.outsider,
        cast.standing,
        cast.leader,
        cast.admin,
    ]
    seen_apart = 0
    for user in people:
        _, raw = api_token_create(actor=None, user=user, name="Ma trận API")
        client = Client(HTTP_AUTHORIZATION=f"Token {raw}")
        actor = cast.actor(user)
        for prefix, (decide, lookup) in DECIDED_BY.items():
            allowed = {key(obj, lookup) for obj in decide(actor)}
            assert listed(client, prefix, lookup) == allowed, (user.username, prefix)
            # An object the person may not see does not exist for them, one by one.
            model = decide(actor).model
            hidden = model._default_manager.exclude(pk__in=[o.pk for o in decide(actor)]).first()
            if hidden is not None:
                answer = client.get(f"/api/v1/{prefix}/{key(hidden, lookup)}/")
                assert answer.status_code == 404, (user.username, prefix, answer.status_code)
                seen_apart += 1
    # Not vacuous: most people have something they may not see on most routes.
    assert seen_apart >= 10, seen_apart
