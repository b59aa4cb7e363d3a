"""The CCCD mask where a mutant once slipped through (docs/benchmarks.md, "Mutation testing"):
the logging configuration every logger writes through, and the pages' middleware at its edges.
"""

from __future__ import annotations

import logging

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, StreamingHttpResponse

from tiendo.lib.logmask import MaskCccdFilter, MaskCccdMiddleware

CCCD = "040190012345"
MASKED = "040*******45"


def configured_handlers(logger: logging.Logger) -> list[logging.Handler]:
    # pytest adds its own capturing handlers; the configured ones are the standard library's.
    return [h for h in logger.handlers if type(h).__module__ == "logging"]


def test_every_configured_logger_writes_through_the_mask() -> None:
    """Application loggers propagate to the root: its handler, like every handler named in
    settings.LOGGING, carries the mask, and a line written through it comes out masked."""
    configured = settings.LOGGING.get("loggers", {})
    assert isinstance(configured, dict)
    names = ["", *configured]
    for name in names:
        handlers = configured_handlers(logging.getLogger(name or None))
        assert handlers, f"logger {name or 'root'} has a configured handler"
        for handler in handlers:
            assert any(isinstance(f, MaskCccdFilter) for f in handler.filters), (name, handler)
    root_handler = configured_handlers(logging.getLogger())[0]
    assert isinstance(root_handler, logging.StreamHandler)
    record = logging.getLogger("tiendo.accounts").makeRecord(
        "tiendo.accounts", logging.INFO, __file__, 1, "Tạo tài khoản %s", (CCCD,), None
    )
    # What the handler would write (its filters, then its format), without touching its stream:
    # swapping the stream flushed one a previous test had closed.
    assert root_handler.filter(record)
    line = root_handler.format(record)
    assert CCCD not in line
    assert MASKED in line


def respond(response: HttpResponse | StreamingHttpResponse) -> HttpResponse:
    middleware = MaskCccdMiddleware(lambda request: response)  # type: ignore[arg-type,return-value]
    return middleware(HttpRequest())


@pytest.mark.parametrize(
    "content_type",
    [
        "text/html; charset=utf-8",
        "application/json",
        "application/problem+json",
        "text/plain; charset=utf-8",
    ],
)
def test_every_text_answer_is_masked_on_the_way_out(content_type: str) -> None:
    response = respond(HttpResponse(f"Số định danh {CCCD}", content_type=content_type))
    assert response.content.decode() == f"Số định danh {MASKED}"


def test_a_file_download_is_left_as_sent() -> None:
    """Binary answers (a spreadsheet, a PDF) are not text: their bytes are never rewritten."""
    body = f"PK {CCCD}".encode()
    response = respond(HttpResponse(body, content_type="application/octet-stream"))
    assert response.content == body


def test_an_answer_in_another_charset_is_masked_in_that_charset() -> None:
    text = f"Công dân {CCCD}"
    sent = HttpResponse(text.encode("utf-16"), content_type="text/plain; charset=utf-16")
    response = respond(sent)
    assert response.content.decode("utf-16") == f"Công dân {MASKED}"


def test_a_page_without_a_number_keeps_its_bytes() -> None:
    sent = HttpResponse(b"ok \xff", content_type="text/plain")
    assert respond(sent).content == b"ok \xff"


def test_a_streamed_answer_is_passed_on_as_a_stream() -> None:
    """A streamed CSV or page is never read into memory to be masked (its cells are masked as
    they are written, lib/cells.py): the middleware hands the stream on untouched."""
    sent = StreamingHttpResponse(iter([f"a,{CCCD}\n"]), content_type="text/plain")
    middleware = MaskCccdMiddleware(lambda request: sent)  # type: ignore[arg-type,return-value]
    response: object = middleware(HttpRequest())
    assert response is sent
    assert b"".join(sent.streaming_content) == f"a,{CCCD}\n".encode()  # type: ignore[arg-type]


def test_an_answer_without_a_content_type_passes() -> None:
    """A 304 Not Modified carries no Content-Type: it goes out as it is."""
    response = respond(HttpResponseNotModified())
    assert response.status_code == 304
    assert "Content-Type" not in response
