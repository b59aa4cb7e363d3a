"""Errors as application/problem+json (RFC 9457) with Vietnamese messages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

TITLES = {
    400: "Dữ liệu không hợp lệ",
    401: "Chưa xác thực",
    403: "Không có quyền",
    404: "Không tìm thấy",
    405: "Phương thức không được hỗ trợ",
    406: "Định dạng không được hỗ trợ",
    409: "Xung đột dữ liệu",
    415: "Kiểu nội dung không được hỗ trợ",
    429: "Quá nhiều yêu cầu",
}


def problem_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Django's own errors become DRF's, then every error becomes a problem document."""
    if isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or "Không tìm thấy.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or "Bạn không có quyền thực hiện thao tác này.")
    response = exception_handler(exc, context)
    if response is None:
        return None
    code = response.status_code
    data = response.data
    problem: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(code, "Lỗi"),
        "status": code,
    }
    if isinstance(data, dict) and set(data) == {"detail"}:
        problem["detail"] = str(data["detail"])
    else:
        problem["detail"] = "Dữ liệu gửi lên có lỗi; xem chi tiết trong “errors”."
        problem["errors"] = data
    response.data = problem
    response.content_type = "application/problem+json"
    if code == status.HTTP_401_UNAUTHORIZED:
        response["WWW-Authenticate"] = 'Token realm="api"'
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 for any address: problem+json under /api/, the site's page elsewhere."""
    if request.path.startswith("/api/"):
        body = {
            "type": "about:blank",
            "title": TITLES[404],
            "status": 404,
            "detail": "Không có địa chỉ này trong API.",
        }
        return JsonResponse(body, status=404, content_type="application/problem+json")
    return page_not_found(request, exception or Http404())
