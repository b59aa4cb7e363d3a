"""Masking of personal ID numbers (CCCD) in log output (Nghị định 13/2023/NĐ-CP).

Logs are read by operators and shipped to other machines, so a citizen's 12-digit number must
never reach them in full. Only exact 12-digit runs are masked: dates, phone numbers (10 digits),
old 9-digit CMND numbers and longer codes stay readable for debugging.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping

from django.http import HttpRequest, HttpResponse

_CCCD = re.compile(r"(?<![0-9])([0-9]{3})[0-9]{7}([0-9]{2})(?![0-9])")


def mask_cccd(text: str) -> str:
    """'040190012345' -> '040*******45': province code and last two digits stay for support."""
    return _CCCD.sub(r"\1*******\2", text)


class MaskCccdFilter(logging.Filter):
    """Masks the message and its string arguments; never drops a record.

    Numbers passed as int arguments and exception tracebacks are not masked: pass ID numbers as
    strings (they are strings in the database, leading zero included).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask_cccd(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                mask_cccd(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        elif isinstance(record.args, Mapping):
            record.args = {
                key: mask_cccd(value) if isinstance(value, str) else value
                for key, value in record.args.items()
            }
        return True


class MaskCccdMiddleware:
    """Pages and API answers never show a citizen's full ID number, whoever typed it where
    (a narrative, a return reason, a search box): it is masked on the way out. Stored text
    stays as written; exports mask each cell (lib/cells.py), notifications and e-mail at write.
    A form reopened with a masked number saves it masked, which is the intent."""

    TYPES = ("text/html", "application/json", "application/problem+json", "text/plain")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        kind = response.get("Content-Type", "").split(";")[0].strip()
        if kind in self.TYPES and not getattr(response, "streaming", False):
            text = response.content.decode(response.charset or "utf-8", errors="replace")
            masked = mask_cccd(text)
            if masked != text:
                response.content = masked.encode(response.charset or "utf-8")
        return response
