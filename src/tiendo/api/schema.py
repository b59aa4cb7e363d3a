"""OpenAPI post-processing: every operation documents its problem+json error answers."""

from __future__ import annotations

from typing import Any

PROBLEM = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {},
    },
    "required": ["type", "title", "status"],
}
ANSWERS = {
    "400": "Dữ liệu không hợp lệ",
    "401": "Chưa xác thực",
    "403": "Không có quyền",
    "404": "Không tìm thấy (hoặc không có quyền xem)",
    "405": "Phương thức không được hỗ trợ",
    "406": "Định dạng không được hỗ trợ",
    "415": "Kiểu nội dung không được hỗ trợ",
}


def add_problem_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            responses = operation.setdefault("responses", {})
            for code, text in ANSWERS.items():
                responses.setdefault(
                    code,
                    {
                        "description": text,
                        "content": {
                            "application/problem+json": {
                                "schema": {"$ref": "#/components/schemas/Problem"}
                            }
                        },
                    },
                )
    return result
