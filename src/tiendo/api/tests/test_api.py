"""REST API v1: scoping by agency, the same workflow rules, problem+json errors in Vietnamese."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tiendo.accounts.tokens import api_token_create
from tiendo.progress.models import Lifecycle, ProgressUpdate
from tiendo.progress.services import UpdateInput, update_create_draft
from tiendo.testing import Cast, make_cast

pytestmark = pytest.mark.django_db


def api(user: User) -> Client:
    _, raw = api_token_create(actor=None, user=user, name="Kiểm thử API")
    return Client(HTTP_AUTHORIZATION=f"Token {raw}")


@pytest.fixture
def cast() -> Cast:
    return make_cast()


def test_without_a_token_the_api_answers_401_as_problem_json(client: Client) -> None:
    response = client.get("/api/v1/items/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Chưa xác thực"


def test_a_token_of_one_agency_cannot_read_another_agencys_data(cast: Cast) -> None:
    health = api(cast.reporter)
    ids = [row["id"] for row in health.get("/api/v1/items/").json()["results"]]
    assert ids == [cast.item.pk]
    assert health.get(f"/api/v1/items/{cast.other_item.pk}/").status_code == 404
    draft = update_create_draft(
        actor=cast.actor(cast.outsider),
        item=cast.other_item,
        period=cast.period,
        data=UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS),
    )
    assert health.get(f"/api/v1/updates/{draft.pk}/").status_code == 404
    assert draft.pk not in [u["id"] for u in health.get("/api/v1/updates/").json()["results"]]


def test_a_token_of_one_agency_cannot_write_another_agencys_data(cast: Cast) -> None:
    outsider = api(cast.outsider)
    response = outsider.post(
        "/api/v1/updates/",
        {"item": cast.item.pk, "valid_on": "2024-03-14", "state": "in_progress"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert not ProgressUpdate.objects.filter(item=cast.item).exists()


def test_the_reporting_cycle_through_the_api_follows_the_web_rules(cast: Cast) -> None:
    created = api(cast.reporter).post(
        "/api/v1/updates/",
        {
            "item": cast.item.pk,
            "period": cast.period.pk,
            "valid_on": "2024-03-14",
            "state": "done",
            "completed_on": "2024-03-10",
            "percent": 100,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    update_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    refused = api(cast.reporter).post(f"/api/v1/updates/{update_id}/send/")
    assert refused.status_code == 403 and refused.json()["title"] == "Không có quyền"
    sent = api(cast.head).post(f"/api/v1/updates/{update_id}/send/")
    assert sent.json()["status"] == "sent"
    returned = api(cast.standing).post(
        f"/api/v1/updates/{update_id}/review/",
        {"decision": "returned"},
        content_type="application/json",
    )
    assert returned.status_code == 400
    assert returned.json()["errors"] == {
        "review_note": ["Cần ghi rõ lý do trả lại để đơn vị bổ sung."]
    }
    confirmed = api(cast.standing).post(
        f"/api/v1/updates/{update_id}/review/",
        {"decision": "confirmed"},
        content_type="application/json",
    )
    assert confirmed.json()["status"] == "confirmed"
    assert ProgressUpdate.objects.get(pk=update_id).decision == "confirmed"


def test_bad_input_is_named_field_by_field_in_vietnamese(cast: Cast) -> None:
    response = api(cast.reporter).post(
        "/api/v1/updates/",
        {"item": cast.item.pk, "valid_on": "2024-03-14", "state": "done"},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["title"] == "Dữ liệu không hợp lệ"
    assert body["errors"] == {
        "completed_on": ["Cần ghi ngày hoàn thành khi báo cáo đã hoàn thành."]
    }


def test_status_endpoint_gives_the_articles_figures(sample: Any) -> None:
    from tiendo.plans.models import Plan

    plan = Plan.objects.get(number="762/KH-UBND")
    response = api(User.objects.get(username="lanhdao")).get(
        "/api/v1/status/", {"plan": str(plan.pk), "as_of": "2024-03-31"}
    )
    models = response.json()["models"]
    assert (models["total"], models["done"], models["in_progress"], models["not_started"]) == (
        38,
        6,
        20,
        12,
    )
    bad = api(User.objects.get(username="lanhdao")).get(
        "/api/v1/status/", {"plan": str(plan.pk), "as_of": "hôm qua"}
    )
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert bad.json()["errors"]["as_of"] == ["Ngày chốt số liệu không hợp lệ (dạng YYYY-MM-DD)."]


def test_status_of_a_department_token_counts_its_own_items_like_the_overview(
    sample: Any,
) -> None:
    from tiendo.accounts.access import actor_for_user
    from tiendo.dashboard.selectors import overview_cards
    from tiendo.plans.models import Plan
    from tiendo.status.selectors import AsOf

    plan = Plan.objects.get(number="762/KH-UBND")
    for username in ("yte.chuyenvien", "yte.lanhdao"):
        user = User.objects.get(username=username)
        response = api(user).get("/api/v1/status/", {"plan": str(plan.pk), "as_of": "2024-03-31"})
        assert response.status_code == 200
        models = response.json()["models"]
        cards = overview_cards(actor_for_user(user), AsOf.make(dt.date(2024, 3, 31)))
        web = next(card for card in cards if card.plan == plan).summary.kind("model")
        assert models["total"] == web.total < 38, username
        assert (models["done"], models["not_started"]) == (web.done, web.not_started)


def test_lists_are_paginated(sample: Any) -> None:
    response = api(User.objects.get(username="thuongtruc")).get("/api/v1/items/")
    body = response.json()
    assert body["count"] >= 113 and len(body["results"]) == 50 and body["next"]


def test_the_openapi_schema_is_published_to_accounts_only(cast: Cast) -> None:
    anonymous = Client().get("/api/v1/schema/")
    assert anonymous.status_code == 401
    assert anonymous["Content-Type"] == "application/problem+json"
    client = api(cast.reporter)
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.") and "/api/v1/status/" in schema["paths"]


def test_agency_codes_with_dots_resolve_and_unknown_addresses_answer_problem_json(
    cast: Cast,
) -> None:
    standing = api(cast.standing)
    assert standing.get(f"/api/v1/agencies/{cast.health.code}/").json()["name"] == "Sở Y tế"
    missing = standing.get("/api/v1/items/-5/")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"
    huge = standing.get("/api/v1/items/", {"plan": "9" * 40})
    assert huge.status_code == 200 and huge.json()["count"] == 0
