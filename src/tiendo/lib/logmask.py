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
# A 12-digit run inside a longer string of letters and digits is part of a token, a digest or a
# key (a form's one-time token, an upload's name, an import preview's fingerprint: 32 hex
# characters hold 12 digits in a row 3 % of the time), never a citizen's number.
_TOKEN_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-")
_WORD_LIMIT = 20  # "CCCD040190012345" (16) is masked; a 32-character token is not


def mask_cccd(text: str) -> str:
    """'040190012345' -> '040*******45': province code and last two digits stay for support.
    Masked wherever it stands in prose, even glued to a word ("CCCD040190012345"); left as it
    is inside a token longer than _WORD_LIMIT characters (masking it would break the page)."""
    parts: list[str] = []
    last = 0
    for match in _CCCD.finditer(text):
        start, end = match.span()
        left, right = start, end
        while left > 0 and text[left - 1] in _TOKEN_CHARS:
            left -= 1
        while right < len(text) and text[right] in _TOKEN_CHARS:
            right += 1
        if right - left > _WORD_LIMIT:
            continue
        parts += [text[last:start], f"{match.group(1)}*******{match.group(2)}"]
        last = end
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


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
