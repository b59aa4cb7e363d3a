"""The overview and item pages: figures from the status engine, login, and bad filters."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tiendo.plans.models import Plan
from tiendo.status.selectors import AsOf, Scope, item_statuses, status_summary
from tiendo.testing import make_item, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client: Client) -> Client:
    """Someone who reads every province (a national administrator)."""
    client.force_login(User.objects.create_superuser("giamsat"))
    return client


@pytest.fixture
def leader(sample: Any, client: Client) -> Client:
    """The sample's leader of UBND tỉnh Nghệ An."""
    client.force_login(User.objects.get(username="lanhdao"))
    return client


def test_pages_require_login(client: Client) -> None:
    response = client.get(reverse("dashboard:overview"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_vietnamese_and_logs_in(client: Client) -> None:
    User.objects.create_user("t.dangnhap", password="Mat-khau-dai-2024")
    page = client.get(reverse("login"))
    assert "Đăng nhập" in page.content.decode()
    bad = client.post(reverse("login"), {"username": "t.dangnhap", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in bad.content.decode()
    good = client.post(
        reverse("login"), {"username": "t.dangnhap", "password": "Mat-khau-dai-2024"}
    )
    assert good.status_code == 302


def test_overview_as_of_end_of_q1_shows_the_articles_figures(leader: Client) -> None:
    html = leader.get(reverse("dashboard:overview"), {"ngay": "2024-03-31"}).content.decode()
    assert (
        "Trong số 38 mô hình điểm theo Kế hoạch số 762/KH-UBND, toàn tỉnh đã hoàn thành 06 mô "
        "hình, đang thực hiện 20 mô hình, còn lại 12 mô hình chưa triển khai." in html
    )
    assert "Có 51 nhiệm vụ tại 10 nhóm nhiệm vụ theo Kế hoạch số 87/KH-UBND" in html
    assert "Số liệu tính đến ngày <strong>31/03/2024</strong>" in html
    assert "Dữ liệu minh họa" in html


@pytest.mark.parametrize("day", ["2023-12-31", "2024-03-31", "2024-09-30", "2025-06-30"])
def test_item_page_lists_exactly_the_items_the_engine_counts(leader: Client, day: str) -> None:
    plan = Plan.objects.get(number="762/KH-UBND")
    import datetime as dt

    summary = status_summary(Scope(plan=plan), AsOf.make(dt.date.fromisoformat(day)))
    url = reverse("dashboard:plan_items", args=[plan.pk])
    for state, expected in (("done", summary.all.done), ("not_started", summary.all.not_started)):
        response = leader.get(url, {"ngay": day, "trang_thai": state})
        assert len(response.context["rows"]) == expected
        assert f"{expected} mục." in response.content.decode()


def test_overdue_filter_shows_original_and_extended_deadlines(reader: Client) -> None:
    import datetime as dt

    from tiendo.plans.services import item_extend_deadline

    plan = make_plan()
    item = make_item(plan, deadline=dt.date(2024, 3, 15))
    item_extend_deadline(
        item=item,
        new_deadline=dt.date(2024, 4, 30),
        reason="Chờ hướng dẫn",
        decided_on=dt.date(2024, 3, 1),
    )
    url = reverse("dashboard:plan_items", args=[plan.pk])
    html = reader.get(url, {"ngay": "2024-05-02", "han": "overdue"}).content.decode()
    assert "30/04/2024" in html and "ban đầu 15/03/2024 (đã gia hạn)" in html
    assert '<span class="pill overdue">Quá hạn</span>' in html


def test_malformed_cutoff_gives_a_message_not_an_error(reader: Client) -> None:
    response = reader.get(reverse("dashboard:overview"), {"ngay": "31-13-2024"})
    assert response.status_code == 200
    assert "Ngày chốt số liệu không hợp lệ" in response.content.decode()


def test_overview_query_count_does_not_grow_with_data(
    reader: Client, django_assert_max_num_queries: Any
) -> None:
    plans = [make_plan() for _ in range(3)]
    for plan in plans:
        for _ in range(20):
            make_item(plan)
    with django_assert_max_num_queries(14):
        reader.get(reverse("dashboard:overview"), {"ngay": "2024-03-31"})
    plan = plans[0]
    with django_assert_max_num_queries(14):
        reader.get(reverse("dashboard:plan_items", args=[plan.pk]), {"ngay": "2024-03-31"})
    rows = item_statuses(Scope(plan=plan), AsOf.make(__import__("datetime").date(2024, 3, 31)))
    assert len(rows) == 20


def test_static_assets_are_served_by_the_app(reader: Client) -> None:
    html = reader.get(reverse("dashboard:overview")).content.decode()
    assert "/static/tiendo/app.css" in html
    css = reader.get("/static/tiendo/app.css")
    assert css.status_code == 200
    assert b".tile" in b"".join(css.streaming_content)  # type: ignore[attr-defined]
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html


def test_admin_is_in_vietnamese_and_lists_every_model(sample: Any, client: Client) -> None:
    client.force_login(User.objects.create_superuser("quantri-test"))
    for name in ("agencies/agency", "plans/plan", "plans/item", "progress/progressupdate"):
        response = client.get(f"/quan-tri/{name}/")
        assert response.status_code == 200, name
    assert "Quản trị dữ liệu" in client.get("/quan-tri/").content.decode()
