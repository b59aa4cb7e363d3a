"""A Content-Security-Policy header on every response.

Government intranets serve every asset from the app itself (no CDN), so the policy can forbid
all foreign sources and inline script: an injected <script> in user-entered text then does nothing.
Django 5.2 has no CSP support of its own; this is the whole of what we need.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase

HEADER = "Content-Security-Policy"

DEFAULT_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def current_policy() -> str:
    """settings.TIENDO_CSP when set and not empty, else DEFAULT_POLICY; read on every call."""
    configured = getattr(settings, "TIENDO_CSP", None)
    if isinstance(configured, str) and configured.strip():
        return configured
    return DEFAULT_POLICY


class ContentSecurityPolicyMiddleware:
    """Adds the policy unless the view set its own (a page that needs a looser one)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not response.has_header(HEADER):
            response[HEADER] = current_policy()
        return response
