"""Error pages in Vietnamese, in the site's frame: what Django leaves empty or English."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string


class MethodNotAllowedPageMiddleware:
    """`require_POST` answers a GET with an empty 405: give people a page that says why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not request.path.startswith("/api/")
            and not getattr(response, "streaming", False)
            and not response.content
        ):
            response.content = render_to_string("405.html", request=request).encode()
            response["Content-Type"] = "text/html; charset=utf-8"
        return response


class RejectNulMiddleware:
    """A NUL character in the address can never be meant, and PostgreSQL refuses it in any
    text: answer 400 at the door instead of a server error deep in a query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            return bad_request_page(request)
        return self.get_response(request)


def bad_request_page(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        body = {
            "type": "about:blank",
            "title": "Dữ liệu không hợp lệ",
            "status": 400,
            "detail": "Địa chỉ hoặc tham số có ký tự không hợp lệ.",
        }
        return JsonResponse(body, status=400, content_type="application/problem+json")
    return HttpResponse(render_to_string("400.html", request=request), status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (stale page, expired session) explained, instead of Django's English."""
    return HttpResponse(render_to_string("403_csrf.html", request=request), status=403)
