"""The overview and item pages: figures from the status engine, login, and bad filters."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from tiendo.lib.text import format_count
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
        page = response.context["page"]
        assert page.total == expected
        assert len(page.rows) == min(expected, page.per_page)
        assert f"Tìm thấy {format_count(expected)} nhiệm vụ" in response.content.decode()


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
    # 14, the items' revisions in force and whether the plan has frozen figures (meetings).
    with django_assert_max_num_queries(16):
        reader.get(reverse("dashboard:plan_items", args=[plan.pk]), {"ngay": "2024-03-31"})
    rows = item_statuses(Scope(plan=plan), AsOf.make(__import__("datetime").date(2024, 3, 31)))
    assert len(rows) == 20


class _Links(HTMLParser):
    """Every link of a page with the text inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._open.append((dict(attrs).get("href") or "", []))

    def handle_data(self, data: str) -> None:
        for _, text in self._open:
            text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            href, text = self._open.pop()
            self.links.append((href, " ".join("".join(text).split())))


def _links(html: str) -> list[tuple[str, str]]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def _figure(text: str) -> int:
    """The count a link shows ('06 hoàn thành', '1.234', '0')."""
    match = re.match(r"(\d{1,3}(?:\.\d{3})+|\d+)\b", text)
    assert match, text
    return int(match.group(1).replace(".", ""))


@pytest.mark.parametrize("username", ["lanhdao", "thuongtruc", "yte.chuyenvien"])
@pytest.mark.parametrize("day", ["2024-03-31", "2024-09-30", None])
def test_every_overview_figure_links_to_a_list_of_that_many_items(
    sample: Any, client: Client, username: str, day: str | None
) -> None:
    client.force_login(User.objects.get(username=username))
    html = client.get(reverse("dashboard:overview"), {"ngay": day} if day else {}).content
    figures = [(href, text) for href, text in _links(html.decode()) if "/ke-hoach/" in href]
    assert figures, "the overview links its figures to the plan lists"
    group_links = [href for href, _ in figures if "nhom=" in href]
    assert group_links, "the per-group figures are links"
    for href, text in figures:
        url = urlsplit(unescape(href))
        # Every figure goes to a plan's list, never back to the overview ("?ngay=…" alone).
        assert resolve(url.path).view_name == "dashboard:plan_items", href
        query = parse_qs(url.query)
        assert query["ngay"] == [day or timezone.localdate().isoformat()], href
        response = client.get(url.path, {k: v[0] for k, v in query.items()})
        assert response.status_code == 200, href
        page = response.context["page"]
        assert not response.context["form"].errors, href
        assert page.total == _figure(text), (href, text)
        assert len(page.rows) == min(page.total, page.per_page), href
        shown = response.content.decode()
        assert f"Tìm thấy {format_count(page.total)} nhiệm vụ" in shown, href


def test_overview_counts_read_the_vietnamese_way(leader: Client) -> None:
    html = leader.get(reverse("dashboard:overview"), {"ngay": "2024-03-31"}).content.decode()
    plan = Plan.objects.get(number="762/KH-UBND")
    done = status_summary(Scope(plan=plan), AsOf.make(dt.date(2024, 3, 31))).all.done
    assert done < 10  # the article's 06 models: a leading zero, as officials write it
    assert f'<span class="n">{format_count(done)}</span> hoàn thành' in html


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
