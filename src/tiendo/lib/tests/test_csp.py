from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings

from tiendo.lib.csp import DEFAULT_POLICY, ContentSecurityPolicyMiddleware


def plain_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<p>Xin chào</p>")


def page_with_own_policy(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("<p>Bản đồ</p>")
    response["Content-Security-Policy"] = "img-src *"
    return response


def call(view: ContentSecurityPolicyMiddleware) -> HttpResponse:
    response = view(RequestFactory().get("/"))
    assert isinstance(response, HttpResponse)
    return response


def test_default_policy_is_added_to_a_response() -> None:
    response = call(ContentSecurityPolicyMiddleware(plain_page))
    assert response["Content-Security-Policy"] == (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
    assert response.content == "<p>Xin chào</p>".encode()


def test_a_policy_set_by_the_view_is_kept() -> None:
    response = call(ContentSecurityPolicyMiddleware(page_with_own_policy))
    assert response["Content-Security-Policy"] == "img-src *"


def test_the_setting_is_read_on_each_request_not_at_import() -> None:
    middleware = ContentSecurityPolicyMiddleware(plain_page)
    with override_settings(TIENDO_CSP="default-src 'self' https://ban-do.nghean.gov.vn"):
        assert call(middleware)["Content-Security-Policy"] == (
            "default-src 'self' https://ban-do.nghean.gov.vn"
        )
    assert call(middleware)["Content-Security-Policy"] == DEFAULT_POLICY


def test_an_empty_setting_falls_back_to_the_default_policy() -> None:
    with override_settings(TIENDO_CSP=""):
        assert (
            call(ContentSecurityPolicyMiddleware(plain_page))["Content-Security-Policy"]
            == DEFAULT_POLICY
        )
