"""One pending extension request per item, held by the database even when requests race."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from tiendo.plans.models import PENDING_EXTENSION_EXISTS, ExtensionDecision, ExtensionRequest
from tiendo.plans.services import extension_request_create
from tiendo.testing import make_cast

LATER = dt.date(2024, 9, 30)


@pytest.mark.django_db
def test_a_second_request_while_one_is_pending_gets_the_message(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.reporter)
    url = reverse("plans:extension_request", args=[cast.item.pk])
    data = {"requested_deadline": "30/09/2024", "reason": "Chờ kinh phí"}
    assert client.post(url, data).status_code == 302
    page = client.post(url, data, follow=True).content.decode()
    assert PENDING_EXTENSION_EXISTS in page
    assert ExtensionRequest.objects.filter(item=cast.item, decision="").count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_pending_request_for_an_item() -> None:
    cast = make_cast()
    fields = {"item": cast.item, "requested_deadline": LATER, "reason": "x"}
    ExtensionRequest.objects.create(**fields, requested_by=cast.reporter)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExtensionRequest.objects.create(**fields, requested_by=cast.colleague)
    # Decided requests do not count: after a refusal the unit may ask again.
    ExtensionRequest.objects.update(decision=ExtensionDecision.REFUSED)
    ExtensionRequest.objects.create(**fields, requested_by=cast.colleague)
    assert ExtensionRequest.objects.filter(item=cast.item).count() == 2


@pytest.mark.django_db
def test_a_request_that_raced_past_the_checks_gets_the_message_not_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cast = make_cast()
    actor = cast.actor(cast.reporter)
    extension_request_create(actor=actor, item=cast.item, requested_deadline=LATER, reason="a")
    # As if the other request committed between this one's checks and its insert.
    monkeypatch.setattr(ExtensionRequest, "full_clean", lambda self, **kwargs: None)
    real_filter = type(cast.item.extension_requests).filter
    calls = {"n": 0}

    def first_check_sees_nothing(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        found = real_filter(self, *args, **kwargs)
        return found.none() if calls["n"] == 1 else found

    monkeypatch.setattr(type(cast.item.extension_requests), "filter", first_check_sees_nothing)
    with pytest.raises(ValidationError) as caught:
        extension_request_create(actor=actor, item=cast.item, requested_deadline=LATER, reason="b")
    assert caught.value.messages == [PENDING_EXTENSION_EXISTS]
    assert ExtensionRequest.objects.filter(item=cast.item).count() == 1


def in_threads(count: int, work: Callable[[int], Any]) -> list[Any]:
    """`work(n)` in `count` threads released together, each on its own database connection;
    what each returned or raised."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[n] = work(n)
        except Exception as error:  # the outcome under test
            results[n] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
def test_fifty_requests_at_once_leave_one_pending() -> None:
    cast = make_cast()
    actors = [cast.actor(cast.reporter), cast.actor(cast.colleague), cast.actor(cast.head)]

    def request(n: int) -> Any:
        return extension_request_create(
            actor=actors[n % 3], item=cast.item, requested_deadline=LATER, reason=f"Lý do {n}"
        )

    results = in_threads(50, request)
    assert ExtensionRequest.objects.filter(item=cast.item, decision="").count() == 1
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 49, results
    assert {m for r in refused for m in r.messages} == {PENDING_EXTENSION_EXISTS}
