"""List exports: the page's filters, the user's scope, formats people open."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tiendo.plans.models import Plan
from tiendo.status.selectors import AsOf, Scope, status_summary
from tiendo.testing import make_cast

pytestmark = pytest.mark.django_db


def test_items_export_follows_the_page_filters(sample: Any, client: Client) -> None:
    client.force_login(User.objects.get(username="thuongtruc"))
    plan = Plan.objects.get(number="762/KH-UBND")
    url = reverse("documents:export_items", args=[plan.pk, "xlsx"])
    response = client.get(url, {"ngay": "2024-03-31", "trang_thai": "done"})
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active  # type: ignore[attr-defined]
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    import datetime as dt

    assert (
        len(rows) == status_summary(Scope(plan=plan), AsOf.make(dt.date(2024, 3, 31))).all.done == 6
    )
    assert {r[6] for r in rows} == {"Hoàn thành"}
    csv_response = client.get(
        reverse("documents:export_items", args=[plan.pk, "csv"]), {"ngay": "2024-03-31"}
    )
    text = b"".join(csv_response.streaming_content).decode("utf-8")  # type: ignore[attr-defined]
    assert text.startswith("\ufeffSố hiệu,Nội dung,Cơ quan chủ trì")
    assert len(text.strip().splitlines()) == 39  # header and 38 models
    assert client.get(reverse("documents:export_items", args=[plan.pk, "pdf"])).status_code == 404


def test_exports_keep_to_the_users_scope(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.outsider)
    response = client.get(reverse("documents:export_items", args=[cast.plan.pk, "csv"]))
    lines = b"".join(response.streaming_content).decode().strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 2 and cast.other_item.title in lines[1]
    agencies = client.get(reverse("documents:export_agencies", args=["csv"]))
    text = b"".join(agencies.streaming_content).decode()  # type: ignore[attr-defined]
    assert "Sở Y tế" in text and "Việt Nam" not in text
