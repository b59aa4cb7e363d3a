"""Sessions saved only for requests that use them."""

from __future__ import annotations

from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.http import HttpRequest, HttpResponse


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that a request which never touched its session saves nothing.

    SESSION_SAVE_EVERY_REQUEST (the idle timeout) would otherwise save a session for any request
    carrying a session cookie that nothing read: an API call with a token, or a forged
    `sessionid` on such a request, wrote a new row each time. Every page for a logged-in person
    reads the session (to know the user), so the idle timeout still counts from its last page.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and not session.accessed and not session.modified:
            return response
        return super().process_response(request, response)
