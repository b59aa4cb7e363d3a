"""Each reporting rule is checked and worded in one place (the model or the service); the page
that asked shows that refusal at the field it concerns, keeps what was typed and writes nothing.

The forms used to check the same rules again with their own words (three different sentences
for a custom period without its dates); these tests post through the real pages, so a rule
dropped from the service, or a refusal landing on the wrong field or lost, fails here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tiendo.plans.models import Item
from tiendo.progress.models import Decision, Lifecycle, ProgressUpdate, ReportingPeriod
from tiendo.progress.services import RETURN_NEEDS_REASON, update_record
from tiendo.testing import VN, Cast, make_cast, make_item

pytestmark = pytest.mark.django_db

FORM = {"valid_on": "14/03/2024", "state": "in_progress", "percent": "40", "version": "1"}
TODAY = dt.datetime(2024, 3, 20, 9, tzinfo=VN)


@pytest.fixture
def cast() -> Cast:
    return make_cast()


def posted(client: Client, user: Any, url: str, data: dict[str, str]) -> Any:
    client.force_login(user)
    with time_machine.travel(TODAY, tick=False):
        return client.post(url, data)


def test_a_number_for_an_item_without_a_target_is_refused_at_that_field(
    cast: Cast, client: Client
) -> None:
    unmeasured = make_item(cast.plan, lead=cast.health, deadline=dt.date(2024, 6, 30), target=None)
    Item.objects.filter(pk=unmeasured.pk).update(unit="", metric="")  # "Văn bản": no quantity
    unmeasured.refresh_from_db()
    url = reverse("progress:update_create", args=[unmeasured.pk])
    response = posted(client, cast.reporter, url, FORM | {"achieved": "12"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["achieved"] == [
        "Nhiệm vụ này không có chỉ tiêu định lượng; ghi kết quả ở phần mô tả."
    ]
    assert form["achieved"].value() == "12" and form["percent"].value() == "40"
    assert not ProgressUpdate.objects.filter(item=unmeasured).exists()


def test_done_without_its_day_is_refused_at_the_completion_field(
    cast: Cast, client: Client
) -> None:
    url = reverse("progress:update_create", args=[cast.item.pk])
    response = posted(client, cast.reporter, url, FORM | {"state": Lifecycle.DONE})
    assert response.status_code == 200
    assert response.context["form"].errors["completed_on"] == [
        "Cần ghi ngày hoàn thành khi báo cáo đã hoàn thành."
    ]
    assert not ProgressUpdate.objects.filter(item=cast.item).exists()


def test_a_return_without_its_reason_is_refused_and_the_report_still_waits(
    cast: Cast, client: Client
) -> None:
    sent = update_record(
        item=cast.item,
        period=cast.period,
        valid_on=dt.date(2024, 3, 14),
        state=Lifecycle.IN_PROGRESS,
        percent=40,
        recorded_at=dt.datetime(2024, 3, 15, 9, tzinfo=VN),
        decision="",
    )
    url = reverse("progress:update_review", args=[sent.pk])
    client.force_login(cast.standing)
    with time_machine.travel(TODAY, tick=False):
        response = client.post(url, {"decision": Decision.RETURNED, "note": "  "}, follow=True)
    assert RETURN_NEEDS_REASON in response.content.decode()
    sent.refresh_from_db()
    assert (sent.decision, sent.reviewed_by) == ("", None)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"kind": "custom", "cutoff": "31/05/2024"},
            "starts_on",
            "Kỳ đột xuất, chuyên đề cần ngày bắt đầu (số liệu từ ngày).",
        ),
        (
            {"kind": "custom", "starts_on": "01/05/2024"},
            "cutoff",
            "Kỳ đột xuất, chuyên đề cần ngày chốt số liệu.",
        ),
        ({"kind": "quarter", "number": "2"}, "year", "Cần chọn năm của kỳ báo cáo."),
    ],
)
def test_a_period_missing_what_its_kind_needs_is_refused_at_that_field(
    cast: Cast, client: Client, data: dict[str, str], field: str, message: str
) -> None:
    url = reverse("progress:period_list", args=[cast.plan.pk])
    response = posted(client, cast.standing, url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field] == [message]
    assert form["kind"].value() == data["kind"]
    assert list(ReportingPeriod.objects.filter(plan=cast.plan)) == [cast.period]
