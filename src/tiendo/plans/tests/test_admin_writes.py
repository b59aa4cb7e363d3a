"""The admin writes plans, groups, programmes, items, extensions and target changes only through
plans.services (with their checks and audit events); what history holds it shows, never edits.

Each test opens the admin page as a browser would, changes what a person would change, and posts.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from tiendo.audit.models import AuditEvent
from tiendo.browser_tests.helpers import parse_forms, visible_text
from tiendo.plans.models import (
    DeadlineChange,
    ExtensionRequest,
    Item,
    Plan,
    Programme,
    TargetChange,
    TaskGroup,
)
from tiendo.plans.services import extension_request_create, item_change_target, item_extend_deadline
from tiendo.testing import Cast, make_cast, make_group, make_item

pytestmark = pytest.mark.django_db

Data = dict[str, Any]


@pytest.fixture
def cast() -> Cast:
    return make_cast()


@pytest.fixture
def admin_client(client: Client, cast: Cast) -> Client:
    client.force_login(cast.admin)
    return client


def admin_form(client: Client, url: str) -> Data:
    """The add or change form of an admin page, as the browser would submit it with "Lưu"."""
    page = client.get(url)
    assert page.status_code == 200, url
    [form] = [f for f in parse_forms(page.text) if f.attrs.get("id", "").endswith("_form")]
    return form.data_dict(form.button_named("_save"))


def add_row(data: Data, prefix: str, **values: str) -> None:
    """One more row in an inline, filled in as a person would."""
    n = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(n + 1)
    data.update({f"{prefix}-{n}-{name}": value for name, value in values.items()})


def change_url(obj: Any) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def events(action: str, obj: Any = None) -> list[AuditEvent]:
    """The audit events of this action (on obj, if given), oldest first."""
    found = AuditEvent.objects.filter(action=action).order_by("pk")
    if obj is not None:
        found = found.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return list(found)


# --- items and their extensions -----------------------------------------------------------------


def test_item_edited_in_the_admin_goes_through_item_upsert_with_its_event(
    admin_client: Client, cast: Cast
) -> None:
    url = change_url(cast.item)
    data = admin_form(admin_client, url)
    data["title"] = "Số hóa hồ sơ bệnh án điện tử"
    data["coordinating_agencies"] = [str(cast.justice.pk)]
    assert admin_client.post(url, data).status_code == 302
    cast.item.refresh_from_db()
    assert cast.item.title == "Số hóa hồ sơ bệnh án điện tử"
    assert list(cast.item.coordinating_agencies.all()) == [cast.justice]
    [event] = events("item.update", cast.item)
    assert event.actor == cast.admin and event.item == cast.item
    assert event.after is not None and event.after["title"] == "Số hóa hồ sơ bệnh án điện tử"


def test_item_saved_unchanged_changes_nothing_and_records_nothing(
    admin_client: Client, cast: Cast
) -> None:
    url = change_url(cast.item)
    before = Item.objects.filter(pk=cast.item.pk).values().get()
    events_before = AuditEvent.objects.count()
    assert admin_client.post(url, admin_form(admin_client, url)).status_code == 302
    assert Item.objects.filter(pk=cast.item.pk).values().get() == before
    assert AuditEvent.objects.count() == events_before


def test_item_key_and_original_deadline_are_shown_not_edited(
    admin_client: Client, cast: Cast
) -> None:
    url, code = change_url(cast.item), cast.item.code
    data = admin_form(admin_client, url)
    for name in ("plan", "code", "deadline", "target", "budget_note"):
        assert name not in data, f"{name} is editable"
    # A form written by hand with them changed: item_upsert would have made a second item.
    data.update(code="99", deadline="2025-12-31", target="5", title="Tên mới")
    assert admin_client.post(url, data).status_code == 302
    cast.item.refresh_from_db()
    assert cast.item.code == code
    assert cast.item.deadline == dt.date(2024, 6, 30) and cast.item.target == Decimal("100")
    assert cast.item.title == "Tên mới"
    assert not Item.objects.filter(plan=cast.plan, code="99").exists()


def test_item_added_in_the_admin_goes_through_item_upsert(admin_client: Client, cast: Cast) -> None:
    data = admin_form(admin_client, reverse("admin:plans_item_add"))
    data.update(
        plan=str(cast.plan.pk),
        kind="task",
        code="M1",
        title="Triển khai thanh toán viện phí không dùng tiền mặt",
        lead_agency=str(cast.health.pk),
        start_date="2024-02-01",
        deadline="2024-09-30",
        budget_source="own",
    )
    assert admin_client.post(reverse("admin:plans_item_add"), data).status_code == 302
    item = Item.objects.get(plan=cast.plan, code="M1")
    [event] = events("item.create", item)
    assert event.actor == cast.admin and event.item == item


def test_extension_added_in_the_admin_goes_through_item_extend_deadline(
    admin_client: Client, cast: Cast
) -> None:
    url = change_url(cast.item)
    data = admin_form(admin_client, url)
    add_row(
        data,
        "deadline_changes",
        new_deadline="2024-09-30",
        reason="Chờ hướng dẫn của Bộ Y tế",
        decided_on="2024-06-15",
        decided_by="Văn bản số 12/UBND-KGVX",
    )
    assert admin_client.post(url, data).status_code == 302
    [change] = DeadlineChange.objects.filter(item=cast.item)
    assert (change.new_deadline, change.decided_on) == (dt.date(2024, 9, 30), dt.date(2024, 6, 15))
    assert change.decided_by == "Văn bản số 12/UBND-KGVX"
    [event] = events("item.extend", change)
    assert event.item == cast.item


def test_extension_the_service_refuses_writes_nothing_and_says_why(
    admin_client: Client, cast: Cast
) -> None:
    url = change_url(cast.item)
    data = admin_form(admin_client, url)
    data["title"] = "Tên đổi cùng lần lưu"
    # Before the item's start (01/01/2024): item_extend_deadline refuses it.
    add_row(
        data,
        "deadline_changes",
        new_deadline="2023-12-01",
        reason="Nhầm năm",
        decided_on="2024-06-15",
    )
    events_before = AuditEvent.objects.count()
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "Thời hạn mới không được trước ngày bắt đầu của nhiệm vụ." in visible_text(response.text)
    assert not DeadlineChange.objects.filter(item=cast.item).exists()
    cast.item.refresh_from_db()
    assert cast.item.title == "Nhiệm vụ thử nghiệm"  # the whole save was undone
    assert AuditEvent.objects.count() == events_before


def test_extension_on_record_is_neither_edited_nor_deleted(
    admin_client: Client, cast: Cast
) -> None:
    change = item_extend_deadline(
        item=cast.item,
        new_deadline=dt.date(2024, 9, 30),
        reason="Chờ hướng dẫn",
        decided_on=dt.date(2024, 6, 1),
    )
    url = change_url(cast.item)
    page = admin_client.get(url)
    assert "Chờ hướng dẫn" in visible_text(page.text)  # shown for reading
    data = admin_form(admin_client, url)
    assert "deadline_changes-0-new_deadline" not in data
    assert "deadline_changes-0-DELETE" not in data
    # A hand-made post that tries anyway.
    data.update(
        {
            "deadline_changes-0-id": str(change.pk),
            "deadline_changes-0-new_deadline": "2025-12-31",
            "deadline_changes-0-reason": "Sửa lại",
            "deadline_changes-0-decided_on": "2024-06-01",
            "deadline_changes-0-DELETE": "on",
        }
    )
    assert admin_client.post(url, data).status_code == 302
    assert DeadlineChange.objects.filter(item=cast.item).values().get() == (
        DeadlineChange.objects.filter(pk=change.pk).values().get()
    )
    change.refresh_from_db()
    assert (change.new_deadline, change.reason) == (dt.date(2024, 9, 30), "Chờ hướng dẫn")


def test_recurring_item_takes_no_extension(admin_client: Client, cast: Cast) -> None:
    recurring = make_item(cast.plan, lead=cast.health, deadline=None)
    url = change_url(recurring)
    data = admin_form(admin_client, url)
    add_row(
        data,
        "deadline_changes",
        new_deadline="2024-09-30",
        reason="Không áp dụng",
        decided_on="2024-06-15",
    )
    assert admin_client.post(url, data).status_code == 302
    assert not DeadlineChange.objects.filter(item=recurring).exists()


def test_items_plans_groups_and_programmes_are_not_deleted_in_the_admin(
    admin_client: Client, cast: Cast
) -> None:
    group = make_group(cast.plan)
    programme = cast.plan.programme
    for obj in (cast.other_item, cast.plan, group, programme):
        meta = obj._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])
        assert admin_client.get(url).status_code == 403
        assert admin_client.post(url, {"post": "yes"}).status_code == 403
        assert type(obj).objects.filter(pk=obj.pk).exists()


# --- plans, groups, programmes ------------------------------------------------------------------


def test_plan_edited_in_the_admin_goes_through_plan_upsert_with_its_event(
    admin_client: Client, cast: Cast
) -> None:
    url = change_url(cast.plan)
    data = admin_form(admin_client, url)
    assert "number" not in data and "issuing_agency" not in data and "recorded_at" not in data
    data.update(title="Kế hoạch triển khai Đề án 06 năm 2024", number="1/KH-KHAC")
    assert admin_client.post(url, data).status_code == 302
    cast.plan.refresh_from_db()
    assert cast.plan.title == "Kế hoạch triển khai Đề án 06 năm 2024"
    assert not Plan.objects.filter(number="1/KH-KHAC").exists()
    [event] = events("plan.update", cast.plan)
    assert event.actor == cast.admin and event.object_id == str(cast.plan.pk)


def test_plan_added_in_the_admin_goes_through_plan_upsert(admin_client: Client, cast: Cast) -> None:
    add = reverse("admin:plans_plan_add")
    data = admin_form(admin_client, add)
    data.update(
        programme=str(cast.plan.programme.pk),
        number="88/KH-BS",  # the cast's plans are numbered n/KH-UBND
        issued_on="2024-03-01",
        issuing_agency=str(cast.province.pk),
        title="Kế hoạch bổ sung",
    )
    add_row(data, "groups", position="1", code="I", name="Nhóm thể chế")
    response = admin_client.post(add, data)
    assert response.status_code == 302, re.findall(r"errorlist[^>]*>(.*?)</ul>", response.text)
    plan = Plan.objects.get(issuing_agency=cast.province, number="88/KH-BS")
    assert [(g.position, g.code, g.name) for g in plan.groups.all()] == [(1, "I", "Nhóm thể chế")]
    [event] = events("plan.create", plan)
    assert event.actor == cast.admin and event.object_id == str(plan.pk)


def test_groups_are_added_in_the_plan_and_existing_ones_not_rewritten(
    admin_client: Client, cast: Cast
) -> None:
    group = make_group(cast.plan, position=1, name="Nhóm cũ")
    url = change_url(cast.plan)
    data = admin_form(admin_client, url)
    assert "groups-0-name" not in data  # the existing group is read here, edited on its page
    data.update({"groups-0-id": str(group.pk), "groups-0-position": "1", "groups-0-name": "Sửa"})
    add_row(data, "groups", position="2", code="II", name="Nhóm mới")
    assert admin_client.post(url, data).status_code == 302
    assert [(g.position, g.name) for g in cast.plan.groups.order_by("position")] == [
        (1, "Nhóm cũ"),
        (2, "Nhóm mới"),
    ]


def test_group_edited_on_its_page_keeps_its_place(admin_client: Client, cast: Cast) -> None:
    group = make_group(cast.plan, position=3, name="Nhóm cũ")
    url = change_url(group)
    data = admin_form(admin_client, url)
    assert "position" not in data and "plan" not in data
    data.update(name="Nhóm nhiệm vụ về thể chế", position="7")
    assert admin_client.post(url, data).status_code == 302
    assert TaskGroup.objects.filter(plan=cast.plan).count() == 1
    group.refresh_from_db()
    assert (group.position, group.name) == (3, "Nhóm nhiệm vụ về thể chế")


def test_programme_edited_keeps_its_code(admin_client: Client, cast: Cast) -> None:
    programme = cast.plan.programme
    url = change_url(programme)
    data = admin_form(admin_client, url)
    assert "code" not in data
    data.update(name="Đề án 06/CP", code="KHAC")
    assert admin_client.post(url, data).status_code == 302
    programme.refresh_from_db()
    assert (programme.code, programme.name) == ("DA06", "Đề án 06/CP")
    assert not Programme.objects.filter(code="KHAC").exists()


# --- target changes and extension requests: history, read here --------------------------------


def test_administrator_may_read_target_changes_but_not_decide_them(
    admin_client: Client, cast: Cast
) -> None:
    standing = cast.actor(cast.standing)
    change = item_change_target(
        actor=standing,
        item=cast.item,
        new_target=Decimal("90"),
        reason="Điều chỉnh theo thực tế",
        decided_on=dt.date(2024, 6, 1),
    )
    url = change_url(change)
    page = admin_client.get(url)
    assert page.status_code == 200 and "Điều chỉnh theo thực tế" in visible_text(page.text)
    [form] = [f for f in parse_forms(page.text) if f.attrs.get("id") == "targetchange_form"]
    assert form.buttons() == [] and "new_target" not in form.names()
    assert admin_client.post(url, {"new_target": "1", "reason": "x"}).status_code == 403
    add = reverse("admin:plans_targetchange_add")
    assert admin_client.get(add).status_code == 403
    assert admin_client.post(add, {"item": str(cast.item.pk)}).status_code == 403
    assert TargetChange.objects.get(item=cast.item).new_target == Decimal("90")


def test_standing_body_changes_a_target_in_the_admin_through_item_change_target(
    client: Client, cast: Cast
) -> None:
    officer: User = cast.standing
    officer.is_staff = True
    officer.save()
    officer.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_targetchange", "view_targetchange"])
    )
    client.force_login(officer)
    add = reverse("admin:plans_targetchange_add")
    data = admin_form(client, add)
    data.update(
        item=str(cast.item.pk), new_target="80", reason="Theo Nghị quyết", decided_on="2024-06-01"
    )
    assert client.post(add, data).status_code == 302
    change = TargetChange.objects.get(item=cast.item)
    assert change.new_target == Decimal("80")
    [event] = events("item.target", change)
    assert event.actor == officer and event.item == cast.item


def test_extension_requests_are_read_only(admin_client: Client, cast: Cast) -> None:
    request = extension_request_create(
        actor=cast.actor(cast.outsider),
        item=cast.other_item,
        requested_deadline=dt.date(2024, 12, 31),
        reason="Chờ kinh phí",
    )
    url = change_url(request)
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"decision": "approved"}).status_code == 403
    assert ExtensionRequest.objects.get(item=cast.other_item).decision == ""
    assert not DeadlineChange.objects.filter(item=cast.other_item).exists()
