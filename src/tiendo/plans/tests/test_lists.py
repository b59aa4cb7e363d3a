"""The item lists people work from: "Việc của đơn vị" and a plan's items.

Filters, search, urgency order and pages, checked against the status engine's own answer; the
standing body's list is its own agency's work; nobody sees another department's items through
any filter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tiendo.accounts.models import Role
from tiendo.accounts.services import membership_set
from tiendo.agencies.models import Agency
from tiendo.lib.text import format_count
from tiendo.plans.models import Item, ItemKind, Plan, TaskGroup
from tiendo.plans.services import item_upsert
from tiendo.progress.models import Lifecycle
from tiendo.readmodels.items import my_items, my_items_scope, text_matches
from tiendo.status.selectors import (
    CLASSES,
    STATES,
    AsOf,
    DeadlineClass,
    ItemStatus,
    Scope,
    item_statuses,
)
from tiendo.testing import Cast, make_agency, make_cast, make_group, make_item, make_plan, report

pytestmark = pytest.mark.django_db

D = dt.date(2024, 3, 31)
DAY = D.isoformat()
STARTED = [Lifecycle.IN_PROGRESS, Lifecycle.AWAITING, Lifecycle.RETURNED]


@dataclass
class World:
    """make_cast's province with a handful of items in every state and deadline class."""

    cast: Cast
    g1: TaskGroup
    g2: TaskGroup
    items: dict[str, Item]


def _task(
    plan: Plan,
    code: str,
    title: str,
    lead: Agency,
    deadline: dt.date | None,
    group: TaskGroup | None = None,
    coordinators: Iterable[Agency] = (),
    target: Decimal | None = Decimal("100"),
) -> Item:
    return item_upsert(
        plan=plan,
        kind=ItemKind.TASK,
        code=code,
        title=title,
        lead_agency=lead,
        group=group,
        coordinating_agencies=coordinators,
        deadline=deadline,
        is_recurring=deadline is None,
        product_type="Văn bản",
        metric="Số hồ sơ",
        unit="hồ sơ",
        target=target,
        recorded_at=plan.recorded_at,
    )


@pytest.fixture
def world() -> World:
    cast = make_cast()
    plan, health = cast.plan, cast.health
    g1 = make_group(plan, 1, "Nhóm dịch vụ công trực tuyến")
    g2 = make_group(plan, 2, "Nhóm phát triển dân cư số")
    unit = make_agency("Phòng Cảnh sát QLHC về TTXH", parent=cast.police)
    items = {
        "late_long": _task(
            plan, "MH01", "Cấp căn cước điện tử cho người dân", health, dt.date(2024, 1, 15), g1
        ),
        "late_short": _task(plan, "2", "Số hóa hồ sơ khám bệnh", health, dt.date(2024, 3, 20), g1),
        "soon": _task(plan, "3", "Kết nối dữ liệu bảo hiểm y tế", health, dt.date(2024, 4, 2), g2),
        "later": _task(
            plan, "4", "Triển khai sổ sức khỏe điện tử", health, dt.date(2024, 5, 31), g2
        ),
        "done": _task(plan, "5", "Ban hành quy chế", health, dt.date(2024, 2, 28), g1),
        "recurring": _task(plan, "6", "Tuyên truyền Đề án 06", health, None, g2),
        "big": _task(
            plan, "7", "Thu nhận hồ sơ", health, dt.date(2024, 12, 31), g2, (), Decimal(1275000)
        ),
        "police_lead": _task(plan, "8", "Xác thực định danh", cast.police, dt.date(2024, 3, 1)),
        "police_unit": _task(plan, "9", "Cấp định danh mức 2", unit, dt.date(2024, 4, 30)),
        "police_coord": _task(
            plan,
            "10",
            "Làm sạch dữ liệu hộ tịch",
            cast.justice,
            dt.date(2024, 6, 30),
            coordinators=[cast.police],
        ),
    }
    report(items["late_short"], dt.date(2024, 3, 10), Lifecycle.IN_PROGRESS, percent=40)
    report(items["soon"], dt.date(2024, 3, 25), Lifecycle.IN_PROGRESS, percent=80)
    report(items["done"], dt.date(2024, 2, 25), Lifecycle.DONE, completed_on=dt.date(2024, 2, 20))
    return World(cast, g1, g2, items)


def _login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def _all_ids(client: Client, url: str, params: dict[str, Any]) -> tuple[list[int], int]:
    """Every item id of a list, page after page, and the total it prints."""
    ids: list[int] = []
    response = client.get(url, params)
    page = response.context["page"]
    for number in range(1, page.num_pages + 1):
        if number > 1:
            page = client.get(url, {**params, "trang": number}).context["page"]
        ids += [row.item.pk for row in page.rows]
    return ids, page.total


def _engine_ids(
    scope: Scope,
    day: dt.date,
    keep: Callable[[ItemStatus], bool] = lambda row: True,
    **filters: Any,
) -> set[int]:
    rows = item_statuses(scope, AsOf.make(day), limit=100_000, **filters)
    return {row.item.pk for row in rows if keep(row)}


# --- filters against the engine ---------------------------------------------------------------


def _filter_cases(world: World) -> list[tuple[dict[str, Any], dict[str, Any], Any]]:
    """(query, engine filters, a test on each row for what the engine does not filter)."""
    cases: list[tuple[dict[str, Any], dict[str, Any], Any]] = [({}, {}, None)]
    cases += [({"trang_thai": state}, {"states": [state]}, None) for state in STATES]
    cases.append(({"trang_thai": "started"}, {"states": STARTED}, None))
    cases += [({"han": name}, {"deadline_classes": [name]}, None) for name in CLASSES]
    cases.append(({"han": "unfinished"}, {"unfinished_only": True}, None))
    for group in (world.g1, world.g2):
        cases.append(({"nhom": group.pk}, {}, lambda r, g=group: r.item.group_id == g.pk))
    health = world.cast.health
    cases.append(({"don_vi": health.code}, {}, lambda r: r.item.lead_agency_id == health.pk))
    cases.append(({"don_vi": "so y te"}, {}, lambda r: r.item.lead_agency_id == health.pk))
    cases.append(
        (
            {"nhom": world.g1.pk, "han": "overdue"},
            {"deadline_classes": ["overdue"]},
            lambda r: r.item.group_id == world.g1.pk,
        )
    )
    cases.append(({"tim": "ho so"}, {}, lambda r: "hồ sơ" in r.item.title))
    return cases


def test_each_filter_narrows_the_units_list_to_the_engines_answer(
    world: World, client: Client
) -> None:
    cast = world.cast
    _login(client, cast.reporter)
    scope = my_items_scope(cast.actor(cast.reporter))
    url = reverse("plans:my_items")
    for query, engine, keep in _filter_cases(world):
        ids, total = _all_ids(client, url, {"ngay": DAY, **query})
        expected = _engine_ids(scope, D, keep or (lambda r: True), **engine)
        assert set(ids) == expected, query
        assert len(ids) == total == len(expected), query


def test_each_filter_narrows_the_plan_list_to_the_engines_answer(
    world: World, client: Client
) -> None:
    cast = world.cast
    _login(client, cast.standing)
    url = reverse("dashboard:plan_items", args=[cast.plan.pk])
    for query, engine, keep in _filter_cases(world):
        ids, total = _all_ids(client, url, {"ngay": DAY, **query})
        expected = _engine_ids(Scope(plan=cast.plan), D, keep or (lambda r: True), **engine)
        assert set(ids) == expected, query
        assert len(ids) == total, query


@pytest.mark.parametrize("day", ["2024-03-31", "2024-12-31"])
def test_the_samples_plan_lists_page_through_exactly_the_engines_items(
    sample: Any, client: Client, day: str
) -> None:
    _login(client, User.objects.get(username="lanhdao"))
    cutoff = dt.date.fromisoformat(day)
    for plan in Plan.objects.filter(number__in=["762/KH-UBND", "87/KH-UBND"]):
        url = reverse("dashboard:plan_items", args=[plan.pk])
        cases: list[tuple[dict[str, str], dict[str, Any]]] = [
            ({}, {}),
            ({"han": "unfinished"}, {"unfinished_only": True}),
            ({"trang_thai": "started"}, {"states": STARTED}),
            ({"han": "done_on_time"}, {"deadline_classes": ["done_on_time"]}),
        ]
        for query, engine in cases:
            ids, total = _all_ids(client, url, {"ngay": day, **query})
            expected = _engine_ids(Scope(plan=plan), cutoff, **engine)
            assert len(ids) == len(set(ids)) == total, (plan.number, query)
            assert set(ids) == expected, (plan.number, query)


# --- order and search -------------------------------------------------------------------------


def _codes(client: Client, url: str, params: dict[str, Any]) -> list[str]:
    return [row.item.code for row in client.get(url, params).context["page"].rows]


def test_the_default_order_puts_the_most_urgent_first(world: World, client: Client) -> None:
    _login(client, world.cast.reporter)
    codes = _codes(client, reverse("plans:my_items"), {"ngay": DAY})
    # Overdue (the longest first), due soon, in time by deadline, recurring, done last.
    assert codes == ["MH01", "2", "3", "4", world.cast.item.code, "7", "6", "5"]


def test_the_sort_order_follows_urgency_on_the_sample_at_any_cutoff(
    sample: Any, client: Client
) -> None:
    _login(client, User.objects.get(username="lanhdao"))
    rank = {
        DeadlineClass.OVERDUE: 0,
        DeadlineClass.DUE_SOON: 1,
        DeadlineClass.IN_TIME: 2,
        DeadlineClass.NO_DEADLINE: 3,
    }
    plan = Plan.objects.get(number="87/KH-UBND")
    url = reverse("dashboard:plan_items", args=[plan.pk])
    for day in ("2024-03-31", timezone.localdate().isoformat()):
        page = client.get(url, {"ngay": day}).context["page"]
        keys = [
            (
                4 if row.state == Lifecycle.DONE else rank[DeadlineClass(row.deadline_class)],
                row.deadline_now or dt.date.max,
            )
            for row in page.rows
        ]
        assert keys == sorted(keys), day


def test_other_orders_are_by_deadline_or_as_in_the_plan(world: World, client: Client) -> None:
    _login(client, world.cast.reporter)
    url = reverse("plans:my_items")
    page = client.get(url, {"ngay": DAY, "sap_xep": "plan"}).context["page"]
    assert [row.item.pk for row in page.rows] == sorted(row.item.pk for row in page.rows)
    page = client.get(url, {"ngay": DAY, "sap_xep": "deadline"}).context["page"]
    deadlines = [row.deadline_now for row in page.rows if row.deadline_now]
    assert deadlines == sorted(deadlines) and len(deadlines) == len(page.rows) - 1


@pytest.mark.parametrize(
    ("words", "codes"),
    [
        ("can cuoc", {"MH01"}),
        ("CĂN CƯỚC", {"MH01"}),
        ("Căn cuoc dien", {"MH01"}),
        ("mh0", {"MH01"}),
        ("MH01", {"MH01"}),
        ("ho so", {"2", "7"}),
        ("hồ sơ khám", {"2"}),
        ("dien tu", {"MH01", "4"}),
        ("không có việc này", set()),
    ],
)
def test_search_finds_numbers_and_words_whatever_the_accents(
    world: World, client: Client, words: str, codes: set[str]
) -> None:
    _login(client, world.cast.reporter)
    response = client.get(reverse("plans:my_items"), {"ngay": DAY, "tim": words})
    assert set(_codes(client, reverse("plans:my_items"), {"ngay": DAY, "tim": words})) == codes
    html = response.content.decode()
    assert f"Tìm thấy {format_count(len(codes))} nhiệm vụ" in html
    if not codes:
        assert "Không có mục nào phù hợp với điều kiện lọc." in html


def test_search_matches_word_beginnings_not_digits_inside_years() -> None:
    assert text_matches("dinh danh", "3", "Xác thực định danh điện tử")
    assert not text_matches("1", "3", "Kế hoạch năm 2021")
    assert text_matches("1", "12", "Kế hoạch năm 2021")
    assert text_matches("  ", "3", "bất kỳ")


# --- pages ------------------------------------------------------------------------------------


@pytest.fixture
def long_plan(client: Client) -> tuple[Client, Plan]:
    plan = make_plan()
    for n in range(120):
        make_item(plan, deadline=dt.date(2024, 1, 1) + dt.timedelta(days=n))
    client.force_login(User.objects.create_superuser("t.giamsat"))
    return client, plan


def test_pages_of_fifty_with_a_vietnamese_pager_that_keeps_the_filters(
    long_plan: tuple[Client, Plan],
) -> None:
    client, plan = long_plan
    url = reverse("dashboard:plan_items", args=[plan.pk])
    first = client.get(url, {"ngay": DAY})
    assert len(first.context["page"].rows) == 50
    html = first.content.decode()
    assert "Trang 1/3" in html and "Tìm thấy 120 nhiệm vụ" in html
    assert "hiển thị từ 1 đến 50" in html
    second = client.get(url, {"ngay": DAY, "han": "overdue", "trang": "2"})
    page = second.context["page"]
    assert page.total == 90 and page.number == 2 and len(page.rows) == 40
    html = second.content.decode()
    assert "Trang 2/2" in html
    assert f'href="?ngay={DAY}&amp;han=overdue"' in html  # page 1: no trang
    assert f'href="?ngay={DAY}&amp;han=overdue&amp;trang=2"' not in html  # no link to itself
    third = client.get(url, {"ngay": DAY, "trang": "3"})
    assert len(third.context["page"].rows) == 20
    assert f'href="?ngay={DAY}&amp;trang=2"' in third.content.decode()
    ids = [
        row.item.pk
        for n in (1, 2, 3)
        for row in client.get(url, {"ngay": DAY, "trang": n}).context["page"].rows
    ]
    assert len(set(ids)) == 120


@pytest.mark.parametrize(
    ("trang", "number", "notice"),
    [
        ("4", 3, "Danh sách chỉ có 3 trang; đang hiển thị trang cuối (3/3)."),
        ("99999999999999999999", 3, "đang hiển thị trang cuối"),
        ("abc", 1, "Số trang “abc” không hợp lệ; đang hiển thị trang đầu."),
        ("0", 1, "không hợp lệ"),
        ("-2", 1, "không hợp lệ"),
        ("2.5", 1, "không hợp lệ"),
        ("", 1, ""),
    ],
)
def test_a_page_outside_the_list_shows_the_nearest_page_with_a_note(
    long_plan: tuple[Client, Plan], trang: str, number: int, notice: str
) -> None:
    client, plan = long_plan
    response = client.get(
        reverse("dashboard:plan_items", args=[plan.pk]), {"ngay": DAY, "trang": trang}
    )
    assert response.status_code == 200
    page = response.context["page"]
    assert page.number == number and page.rows
    assert notice in page.notice and (notice or not page.notice)
    if notice:
        assert notice in response.content.decode()


def test_an_empty_list_is_one_page_without_a_pager(long_plan: tuple[Client, Plan]) -> None:
    client, plan = long_plan
    url = reverse("dashboard:plan_items", args=[plan.pk])
    response = client.get(url, {"ngay": DAY, "trang_thai": "done", "trang": "7"})
    page = response.context["page"]
    assert (page.total, page.number, page.num_pages, page.rows) == (0, 1, 1, [])
    assert 'class="pager"' not in response.content.decode()
    assert "Tìm thấy 0 nhiệm vụ" in response.content.decode()


def test_a_page_reads_only_its_rows_and_queries_do_not_grow(
    long_plan: tuple[Client, Plan],
) -> None:
    client, plan = long_plan
    url = reverse("dashboard:plan_items", args=[plan.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"ngay": DAY, "tim": "thu"})
    for n in range(80):
        make_item(plan, deadline=dt.date(2024, 6, 1) + dt.timedelta(days=n))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"ngay": DAY, "tim": "thu"})
    assert response.context["page"].total == 200
    assert len(response.context["page"].rows) == 50
    # 16, and the page's items as known at K (their revisions in force: one query per page).
    assert len(many) == len(few) <= 17


def test_the_engine_pages_the_urgency_order_in_sql(world: World) -> None:
    scope = my_items_scope(world.cast.actor(world.cast.reporter))
    as_of = AsOf.make(D)
    everything = item_statuses(scope, as_of, by_urgency=True)
    window = item_statuses(scope, as_of, by_urgency=True, limit=3, offset=2)
    assert [r.item.pk for r in window] == [r.item.pk for r in everything[2:5]]
    with pytest.raises(ValueError, match="one order"):
        item_statuses(scope, as_of, by_urgency=True, by_deadline=True)


# --- bad filters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message", "engine"),
    [
        ({"han": "xyz", "trang_thai": "done"}, "Không có mức tiến độ “xyz”", {"states": ["done"]}),
        (
            {"trang_thai": "xong", "han": "overdue"},
            "Không có tình trạng “xong”",
            {"deadline_classes": ["overdue"]},
        ),
        (
            {"nhom": "abc", "han": "overdue"},
            "Nhóm nhiệm vụ không hợp lệ",
            {"deadline_classes": ["overdue"]},
        ),
        (
            {"nhom": "999999", "trang_thai": "not_started"},
            "Nhóm nhiệm vụ này không có trong danh sách",
            {"states": ["not_started"]},
        ),
        (
            {"don_vi": "khong-co", "han": "unfinished"},
            "Không có cơ quan “khong-co” trong danh sách bạn được xem",
            {"unfinished_only": True},
        ),
        (
            {"sap_xep": "lung-tung", "han": "due_soon"},
            "Không có cách sắp xếp “lung-tung”",
            {"deadline_classes": ["due_soon"]},
        ),
        ({"tim": "x" * 201, "trang_thai": "done"}, "quá dài", {"states": ["done"]}),
    ],
)
def test_a_bad_filter_is_named_in_vietnamese_and_the_others_still_apply(
    world: World, client: Client, query: dict[str, str], message: str, engine: dict[str, Any]
) -> None:
    cast = world.cast
    _login(client, cast.reporter)
    for url, scope in (
        (reverse("plans:my_items"), my_items_scope(cast.actor(cast.reporter))),
        (
            reverse("dashboard:plan_items", args=[cast.plan.pk]),
            Scope(plan=cast.plan, agency=cast.health),
        ),
    ):
        response = client.get(url, {"ngay": DAY, **query})
        assert response.status_code == 200
        assert message in response.content.decode(), url
        assert response.context["as_of"].date == D
        ids = {row.item.pk for row in response.context["page"].rows}
        assert ids == _engine_ids(scope, D, **engine), (url, query)


def test_a_bad_cutoff_falls_back_to_today_and_keeps_the_other_filters(
    world: World, client: Client
) -> None:
    _login(client, world.cast.reporter)
    response = client.get(reverse("plans:my_items"), {"ngay": "31/02/2024", "han": "overdue"})
    assert "Ngày chốt số liệu không hợp lệ" in response.content.decode()
    today = timezone.localdate()
    assert response.context["as_of"].date == today
    scope = my_items_scope(world.cast.actor(world.cast.reporter))
    ids = {row.item.pk for row in response.context["page"].rows}
    assert ids == _engine_ids(scope, today, deadline_classes=["overdue"])


def test_a_cutoff_in_day_month_year_is_read(world: World, client: Client) -> None:
    _login(client, world.cast.reporter)
    response = client.get(reverse("plans:my_items"), {"ngay": "31/03/2024"})
    assert response.context["as_of"].date == D
    linked = client.get(reverse("plans:my_items"), {"ngay": DAY, "han": "overdue"})
    assert 'name="ngay" value="31/03/2024"' in linked.content.decode()
    assert linked.context["page"].total == 2


# --- whose list -------------------------------------------------------------------------------


def test_the_standing_bodys_list_is_its_own_agencys_work(world: World, client: Client) -> None:
    cast, items = world.cast, world.items
    own = {items["police_lead"].pk, items["police_unit"].pk, items["police_coord"].pk}
    _login(client, cast.standing)
    ids, total = _all_ids(client, reverse("plans:my_items"), {"ngay": DAY})
    assert set(ids) == own and total == 3
    assert {row.item.pk for row in my_items(cast.actor(cast.standing), AsOf.make(D))} == own
    # The whole province stays on the plan's list (the IOC's view).
    plan_ids, _ = _all_ids(client, reverse("dashboard:plan_items", args=[cast.plan.pk]), {})
    assert own < set(plan_ids) and cast.item.pk in plan_ids


def test_a_department_lists_what_it_leads_and_coordinates(world: World, client: Client) -> None:
    cast, items = world.cast, world.items
    _login(client, cast.outsider)
    ids, _ = _all_ids(client, reverse("plans:my_items"), {"ngay": DAY})
    assert set(ids) == {cast.other_item.pk, items["police_coord"].pk}
    html = client.get(reverse("plans:my_items"), {"ngay": DAY}).content.decode()
    assert "Việc của Sở Tư pháp" in html


def test_someone_without_an_agency_has_an_empty_list(client: Client) -> None:
    client.force_login(User.objects.create_user("t.khongdonvi"))
    response = client.get(reverse("plans:my_items"))
    assert response.status_code == 200
    assert response.context["page"].total == 0
    assert "Đơn vị chưa được giao nhiệm vụ nào." in response.content.decode()


def test_an_outsider_never_sees_another_departments_items_through_any_filter(
    world: World, client: Client
) -> None:
    cast, items = world.cast, world.items
    health_items = set(
        Item.objects.filter(lead_agency=cast.health).values_list("pk", flat=True)
    ) - {items["police_coord"].pk}
    assert len(health_items) == 8
    _login(client, cast.outsider)
    queries: list[dict[str, Any]] = [
        {"don_vi": cast.health.code},
        {"don_vi": "Sở Y tế"},
        {"don_vi": cast.police.code},
        {"tim": "can cuoc"},
        {"tim": cast.item.code},
        {"nhom": world.g1.pk},
        {"nhom": world.g2.pk, "han": "unfinished"},
        *({"trang_thai": state} for state in [*STATES, "started"]),
        *({"han": name} for name in [*CLASSES, "unfinished"]),
        *({"sap_xep": order} for order in ("urgency", "deadline", "plan")),
        {"trang": "2"},
    ]
    for url in (
        reverse("plans:my_items"),
        reverse("dashboard:plan_items", args=[cast.plan.pk]),
    ):
        for day in (DAY, "2025-01-01"):
            for query in queries:
                response = client.get(url, {"ngay": day, **query})
                assert response.status_code == 200, (url, query)
                seen = {row.item.pk for row in response.context["page"].rows}
                assert not seen & health_items, (url, query)
                table = response.content.decode().split("<tbody>")[1].split("</tbody>")[0]
                assert "Cấp căn cước điện tử" not in table, (url, query)
                assert "Sở Y tế" not in table, (url, query)
    response = client.get(reverse("plans:my_items"), {"don_vi": cast.health.code})
    assert "trong danh sách bạn được xem" in response.content.decode()


# --- what the rows show -----------------------------------------------------------------------


def test_rows_link_to_the_item_as_of_the_lists_cutoff_and_print_numbers_the_vietnamese_way(
    world: World, client: Client
) -> None:
    cast, items = world.cast, world.items
    _login(client, cast.reporter)
    html = client.get(
        reverse("dashboard:plan_items", args=[cast.plan.pk]), {"ngay": "31/03/2024"}
    ).content.decode()
    assert f'href="/nhiem-vu/{items["late_long"].pk}/?ngay=2024-03-31"' in html
    assert "Số hồ sơ: 1.275.000 hồ sơ" in html
    assert "Tìm thấy 08 nhiệm vụ" in html
    mine = client.get(reverse("plans:my_items"), {"ngay": DAY}).content.decode()
    assert f'href="/nhiem-vu/{items["soon"].pk}/?ngay=2024-03-31"' in mine
    assert '<td class="num">80</td>' in mine


def test_the_group_and_agency_choices_are_only_what_the_person_may_see(
    world: World, client: Client
) -> None:
    cast = world.cast
    _login(client, cast.outsider)
    form = client.get(reverse("plans:my_items"), {"ngay": DAY}).context["form"]
    offered = {code for code, _ in form.fields["don_vi"].widget.choices if code}
    assert offered == {cast.justice.code}
    _login(client, cast.reporter)
    form = client.get(reverse("plans:my_items"), {"ngay": DAY}).context["form"]
    groups = {pk for pk, _ in form.fields["nhom"].widget.choices if pk}
    assert groups == {world.g1.pk, world.g2.pk}


def test_a_leader_in_the_province_agency_lists_the_whole_province(
    world: World, client: Client
) -> None:
    cast = world.cast
    user = User.objects.create_user("t.lanhdao2")
    membership_set(user=user, agency=cast.province, role=Role.LEADER)
    _login(client, user)
    ids, total = _all_ids(client, reverse("plans:my_items"), {"ngay": DAY})
    assert total == Item.objects.filter(plan=cast.plan).count() == len(ids)
