"""Telling the page that a file it asked for has arrived.

A download keeps the page where it is, so the busy indicator (static/tiendo/busy.js) cannot see
the answer come back. The form carries a random `tai_xuong` token; the file's response sets a
short-lived cookie with that token, which the script watches for to clear the notice and the
disabled buttons at once (a second format can be downloaded right after the first).
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse

COOKIE = "tiendo_tai_xuong"
_TOKEN = re.compile(r"[A-Za-z0-9]{8,40}")


def mark_download_done(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    token = request.POST.get("tai_xuong", "")
    if _TOKEN.fullmatch(token):
        # Read by the page's script, so not HttpOnly; it holds nothing but the form's own token.
        response.set_cookie(COOKIE, token, max_age=120, samesite="Lax", httponly=False)
    return response
