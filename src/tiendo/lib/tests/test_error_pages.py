"""Error pages speak Vietnamese in the site's frame, with a way back; never an English dead end."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tiendo.testing import make_cast

pytestmark = pytest.mark.django_db

ENGLISH = ("Not Found", "Forbidden", "Server Error", "Bad Request", "requested resource", "CSRF")


def assert_vietnamese_page(html: str, heading: str) -> None:
    assert '<html lang="vi">' in html
    assert heading in html
    assert 'href="/"' in html, "a way back to the overview"
    for word in ENGLISH:
        assert word not in html, word


def test_unknown_address_gives_a_vietnamese_404_with_navigation(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.reporter)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_vietnamese_page(html, "Không tìm thấy trang (lỗi 404)")
    assert "Chức năng chính" in html, "the menu of a logged-in person"


def test_an_item_of_another_department_says_why_it_is_not_found(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.outsider)
    response = client.get(reverse("plans:item_detail", args=[cast.item.pk]))
    assert response.status_code == 404
    assert "Không tìm thấy nhiệm vụ hoặc bạn không có quyền xem." in response.content.decode()


def test_forbidden_action_gives_a_vietnamese_403(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.leader)
    response = client.get(reverse("progress:update_create", args=[cast.item.pk]))
    assert response.status_code == 403
    assert_vietnamese_page(response.content.decode(), "lỗi 403")


def test_opening_a_post_only_address_explains_instead_of_an_empty_405(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.head)
    response = client.get(reverse("plans:extension_request", args=[cast.item.pk]))
    assert response.status_code == 405
    assert_vietnamese_page(response.content.decode(), "Thao tác không hợp lệ (lỗi 405)")


def test_a_stale_form_explains_the_csrf_refusal_in_vietnamese() -> None:
    cast = make_cast()
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.head)
    response = client.post(reverse("plans:extension_request", args=[cast.item.pk]), {})
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()


def test_server_error_page_is_vietnamese_and_needs_no_database() -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert_vietnamese_page(response.content.decode(), "Hệ thống gặp sự cố (lỗi 500)")


def test_api_404_stays_problem_json(client: Client) -> None:
    response = client.get("/api/v1/khong-co/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
