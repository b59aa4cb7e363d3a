"""What an item-level request must state is checked and worded once, by the model or the
service; the page shows that refusal and writes nothing. Posted through the real pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tiendo.browser_tests.helpers import visible_text
from tiendo.plans.models import ExtensionRequest, TargetChange
from tiendo.plans.services import extension_request_create
from tiendo.testing import VN, Cast, make_cast

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2024, 5, 20, 9, tzinfo=VN)


@pytest.fixture
def cast() -> Cast:
    return make_cast()


def page_after(client: Client, user: Any, url: str, data: dict[str, str]) -> str:
    client.force_login(user)
    with time_machine.travel(TODAY, tick=False):
        return visible_text(client.post(url, data, follow=True).content.decode())


def test_an_extension_asked_without_a_reason_is_refused(cast: Cast, client: Client) -> None:
    url = reverse("plans:extension_request", args=[cast.item.pk])
    text = page_after(client, cast.reporter, url, {"requested_deadline": "30/09/2024"})
    assert "Cần nêu rõ lý do đề nghị gia hạn." in text
    assert not ExtensionRequest.objects.filter(item=cast.item).exists()


def test_an_extension_refused_without_a_reason_stays_pending(cast: Cast, client: Client) -> None:
    with time_machine.travel(TODAY, tick=False):
        asked = extension_request_create(
            actor=cast.actor(cast.reporter),
            item=cast.item,
            requested_deadline=dt.date(2024, 9, 30),
            reason="Chờ hướng dẫn của Bộ Công an",
        )
    url = reverse("plans:extension_decide", args=[asked.pk])
    text = page_after(client, cast.standing, url, {"approve": "0", "note": " "})
    assert "Cần ghi rõ lý do không đồng ý gia hạn." in text
    asked.refresh_from_db()
    assert (asked.decision, asked.decided_by) == ("", None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"new_target": "-5", "decided_on": "15/05/2024", "reason": "Theo thực tế"},
            "Chỉ tiêu cần đạt không được là số âm.",
        ),
        (
            {"new_target": "80", "decided_on": "15/05/2024", "reason": ""},
            "Cần nêu rõ lý do điều chỉnh chỉ tiêu.",
        ),
    ],
)
def test_a_target_change_the_model_refuses_is_not_written(
    cast: Cast, client: Client, data: dict[str, str], message: str
) -> None:
    url = reverse("plans:target_change", args=[cast.item.pk])
    assert message in page_after(client, cast.standing, url, data)
    assert not TargetChange.objects.filter(item=cast.item).exists()
