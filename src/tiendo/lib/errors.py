"""Error pages in Vietnamese, in the site's frame: what Django leaves empty or English."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
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


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (stale page, expired session) explained, instead of Django's English."""
    return HttpResponse(render_to_string("403_csrf.html", request=request), status=403)
