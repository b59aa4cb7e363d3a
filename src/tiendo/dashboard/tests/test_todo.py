"""The "Việc cần làm" page: each role of the cast sees exactly its own to-do, from the services.

One situation for everyone, built through the reporting services on 15–17/03/2024 and looked at
on 20/03/2024 (the Q1/2024 period of the cast's plan is open; its reports were due 18/03):

- Sở Y tế leads `item` (due 30/06, its Q1 report was returned), `overdue` (due 10/03; a colleague
  has an ad hoc draft on it, and the reporter asked for an extension) and `soon` (due 22/03; the
  reporter has a Q1 draft on it);
- Sở Tư pháp leads `other_item` (due 30/06, its Q1 report is waiting for the standing body) and
  `late` (due 01/03, nothing reported).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tiendo.accounts.access import actor_for_user
from tiendo.agencies.services import agency_record_succession
from tiendo.dashboard.todo import (
    AGENCIES_OVERDUE,
    DRAFTS,
    DUE_SOON,
    EXTENSIONS,
    LONGEST_OVERDUE,
    MISSING,
    OVERDUE,
    RETURNED,
    REVIEW,
    UNREPORTED,
    Block,
    TodoPage,
)
from tiendo.plans.models import ExtensionRequest, Item
from tiendo.plans.services import extension_request_create
from tiendo.progress.models import Decision, Lifecycle, ProgressUpdate
from tiendo.progress.selectors import review_queue
from tiendo.progress.services import (
    UpdateInput,
    update_create_draft,
    update_review,
    update_send,
)
from tiendo.readmodels.reporting import compliance_for_period
from tiendo.readmodels.scope import figure_scope
from tiendo.status.phrases import plan_sentences
from tiendo.status.selectors import AsOf, Scope, status_summary
from tiendo.testing import TEST_PASSWORD, VN, Cast, make_agency, make_cast, make_item

pytestmark = pytest.mark.django_db

SENT = dt.datetime(2024, 3, 15, 9, tzinfo=VN)
NOW = dt.datetime(2024, 3, 20, 9, tzinfo=VN)
TODAY = NOW.date()
REASON = "Chưa có minh chứng số cơ sở đã triển khai; đề nghị bổ sung."
URL = "/viec-can-lam/"


@dataclass
class World:
    cast: Cast
    overdue: Item
    soon: Item
    late: Item
    returned: ProgressUpdate
    waiting: ProgressUpdate
    my_draft: ProgressUpdate
    colleague_draft: ProgressUpdate


def q1_report(state: str = Lifecycle.IN_PROGRESS) -> UpdateInput:
    return UpdateInput(valid_on=dt.date(2024, 3, 14), state=state, percent=40)


def sent(cast: Cast, reporter: User, head: User, item: Item) -> ProgressUpdate:
    draft = update_create_draft(
        actor=cast.actor(reporter), item=item, period=cast.period, data=q1_report()
    )
    return update_send(actor=cast.actor(head), update=draft, expected_version=draft.version)


def build(extra: int = 0) -> World:
    """The situation above; `extra` adds that many more of every kind of row, for query counts."""
    cast = make_cast()
    plan = cast.plan
    overdue = make_item(plan, lead=cast.health, deadline=dt.date(2024, 3, 10))
    soon = make_item(plan, lead=cast.health, deadline=dt.date(2024, 3, 22))
    late = make_item(plan, lead=cast.justice, deadline=dt.date(2024, 3, 1))
    more = [make_item(plan, lead=cast.health, deadline=dt.date(2024, 3, 5)) for _ in range(extra)]
    others = [make_item(plan, lead=cast.justice) for _ in range(extra)]
    with time_machine.travel(SENT):
        returned = sent(cast, cast.reporter, cast.head, cast.item)
        waiting = sent(cast, cast.outsider, cast.outsider_head, cast.other_item)
        to_return = [sent(cast, cast.reporter, cast.head, item) for item in more]
        for item in others:
            sent(cast, cast.outsider, cast.outsider_head, item)
    with time_machine.travel(SENT + dt.timedelta(days=1)):
        standing = cast.actor(cast.standing)
        for update in [returned, *to_return]:
            update_review(actor=standing, update=update, decision=Decision.RETURNED, note=REASON)
        for item in [overdue, *more]:
            extension_request_create(
                actor=cast.actor(cast.reporter),
                item=item,
                requested_deadline=dt.date(2024, 4, 30),
                reason="Chờ hướng dẫn của Bộ Y tế về kết nối dữ liệu.",
            )
    with time_machine.travel(SENT + dt.timedelta(days=2)):
        reporter = cast.actor(cast.reporter)
        my_draft = update_create_draft(
            actor=reporter, item=soon, period=cast.period, data=q1_report()
        )
        for item in more:
            update_create_draft(actor=reporter, item=item, period=None, data=q1_report())
        colleague_draft = update_create_draft(
            actor=cast.actor(cast.colleague), item=overdue, period=None, data=q1_report()
        )
    return World(cast, overdue, soon, late, returned, waiting, my_draft, colleague_draft)


@pytest.fixture
def world() -> World:
    return build()


def todo(client: Client, user: User, **params: str) -> tuple[TodoPage, str]:
    client.force_login(user)
    with time_machine.travel(NOW):
        response = client.get(URL, params)
    assert response.status_code == 200
    return response.context["page"], response.content.decode()


def blocks(page: TodoPage) -> dict[str, Block]:
    return {block.key: block for block in page.blocks}


def ids(block: Block) -> list[int]:
    return [row.item_id for row in block.rows]


def item_link(item: Item) -> str:
    return f'href="/nhiem-vu/{item.pk}/?ngay=2024-03-20"'


# --- each role --------------------------------------------------------------------------------


def test_reporter_sees_the_agencys_items_to_report_returned_reports_and_own_drafts(
    client: Client, world: World
) -> None:
    cast = world.cast
    page, text = todo(client, cast.reporter)
    b = blocks(page)
    assert list(b) == [OVERDUE, DUE_SOON, UNREPORTED, RETURNED, DRAFTS]
    assert (b[OVERDUE].count, ids(b[OVERDUE])) == (1, [world.overdue.pk])
    assert (b[DUE_SOON].count, ids(b[DUE_SOON])) == (1, [world.soon.pk])
    # `item` has a (returned) Q1 report and `soon` a Q1 draft; `overdue` has only an ad hoc draft.
    assert (b[UNREPORTED].count, ids(b[UNREPORTED])) == (1, [world.overdue.pk])
    assert (b[RETURNED].count, ids(b[RETURNED])) == (1, [cast.item.pk])
    # The colleague's draft is the colleague's to finish.
    assert (b[DRAFTS].count, ids(b[DRAFTS])) == (1, [world.soon.pk])

    overdue_row = b[OVERDUE].rows[0]
    assert (overdue_row.deadline, overdue_row.days_label) == (
        dt.date(2024, 3, 10),
        "Quá hạn 10 ngày",
    )
    assert b[DUE_SOON].rows[0].days_label == "Còn 02 ngày"
    assert "10/03/2024" in text and "22/03/2024" in text and "30/06/2024" in text
    assert b[UNREPORTED].lead == (
        "01 nhiệm vụ chưa có báo cáo của kỳ Quý I/2024 (hạn gửi 18/03/2024, đã quá 02 ngày)."
    )
    assert f"Lý do trả lại: {REASON}" in html.unescape(text)
    revise = reverse("progress:update_revise", args=[world.returned.pk])
    assert f'action="{revise}"' in text
    assert reverse("progress:update_edit", args=[world.my_draft.pk]) in text
    assert reverse("progress:update_edit", args=[world.colleague_draft.pk]) not in text
    for item in (world.overdue, world.soon, cast.item):
        assert item_link(item) in text
    for item in (world.late, cast.other_item):
        assert f"/nhiem-vu/{item.pk}/" not in text


def test_head_sees_the_units_drafts_to_send_returned_reports_and_overdue_items(
    client: Client, world: World
) -> None:
    cast = world.cast
    page, text = todo(client, cast.head)
    b = blocks(page)
    assert list(b) == [DRAFTS, RETURNED, OVERDUE]
    assert (b[DRAFTS].count, ids(b[DRAFTS])) == (2, [world.soon.pk, world.overdue.pk])
    for draft in (world.my_draft, world.colleague_draft):
        assert reverse("progress:update_detail", args=[draft.pk]) in text
    assert b[DRAFTS].rows[0].note.endswith(f"bởi {cast.reporter.username}")
    assert b[DRAFTS].rows[1].note.endswith(f"bởi {cast.colleague.username}")
    assert (b[RETURNED].count, ids(b[RETURNED])) == (1, [cast.item.pk])
    assert (b[OVERDUE].count, ids(b[OVERDUE])) == (1, [world.overdue.pk])
    assert b[OVERDUE].more_url == (
        f"{reverse('dashboard:ioc_agency', args=[cast.health.code])}?ngay=2024-03-20&han=overdue"
    )


def test_outsider_sees_only_their_own_department(client: Client, world: World) -> None:
    cast = world.cast
    page, text = todo(client, cast.outsider)
    b = blocks(page)
    assert ids(b[OVERDUE]) == [world.late.pk] and b[OVERDUE].count == 1
    assert (b[DUE_SOON].count, b[DUE_SOON].rows) == (0, [])
    assert ids(b[UNREPORTED]) == [world.late.pk]  # other_item's report is sent
    assert (b[RETURNED].count, b[DRAFTS].count) == (0, 0)
    for item in (cast.item, world.overdue, world.soon):
        assert f"/nhiem-vu/{item.pk}/" not in text
    assert REASON not in html.unescape(text)
    assert "Sở Y tế" not in text.split('<main id="noi-dung">')[1]
    assert "Không có báo cáo nào bị trả lại cần bổ sung." in text
    assert "Bạn không có dự thảo nào đang chờ duyệt." in text
    assert "Không có nhiệm vụ nào đến hạn trong 03 ngày tới." in text


def test_standing_body_sees_the_review_queue_extensions_and_missing_reports(
    client: Client, world: World
) -> None:
    cast = world.cast
    page, text = todo(client, cast.standing)
    b = blocks(page)
    assert list(b) == [REVIEW, EXTENSIONS, MISSING]
    review = b[REVIEW]
    assert (review.count, ids(review)) == (1, [cast.other_item.pk])
    assert review.first_url == reverse("progress:update_detail", args=[world.waiting.pk])
    assert "đã chờ 05 ngày" in review.rows[0].note and "đã chờ 05 ngày" in review.lead
    assert f'href="{review.first_url}"' in text and "Xử lý báo cáo cũ nhất" in text
    assert (b[EXTENSIONS].count, ids(b[EXTENSIONS])) == (1, [world.overdue.pk])
    assert "Đề nghị gia hạn đến 30/04/2024" in b[EXTENSIONS].rows[0].note
    missing = [(a.agency, a.count, a.total) for a in b[MISSING].agencies]
    assert missing == [("Sở Y tế", 2, 3), ("Sở Tư pháp", 1, 2)]
    with time_machine.travel(NOW):
        compliance = compliance_for_period(cast.period, actor=cast.actor(cast.standing))
    assert sorted(missing) == sorted((c.agency.label, c.missing, c.expected) for c in compliance)
    assert b[MISSING].count == 2
    assert b[MISSING].more_url == reverse("progress:compliance", args=[cast.period.pk])
    assert "Lập báo cáo" not in text


def test_leader_sees_the_province_summary_and_the_most_overdue(
    client: Client, world: World
) -> None:
    cast = world.cast
    page, text = todo(client, cast.leader)
    with time_machine.travel(NOW):
        summary = status_summary(Scope(plan=cast.plan), AsOf.make(TODAY))
    [card] = page.cards
    assert card.summary.all.total == summary.all.total == 5
    for sentence in plan_sentences(cast.plan, summary):
        assert html.escape(sentence) in text
    b = blocks(page)
    assert list(b) == [AGENCIES_OVERDUE, LONGEST_OVERDUE]
    ranked = [(a.agency, a.count, a.total) for a in b[AGENCIES_OVERDUE].agencies]
    assert ranked == [("Sở Y tế", 1, 3), ("Sở Tư pháp", 1, 2)]
    assert (b[LONGEST_OVERDUE].count, ids(b[LONGEST_OVERDUE])) == (
        summary.all.overdue,
        [world.late.pk, world.overdue.pk],
    )
    assert "Lập báo cáo" not in text and '<form method="post" action="/bao-cao' not in text


def test_admin_sees_the_queues_and_the_admin_tasks(client: Client, world: World) -> None:
    page, text = todo(client, world.cast.admin)
    b = blocks(page)
    assert list(b) == [REVIEW, EXTENSIONS, MISSING]
    # The administrator reads every province, the session's sample included when it is loaded:
    # the queues hold every report still waiting and every request still undecided.
    waiting = ProgressUpdate.objects.filter(recorded_at__isnull=False, decision="")
    pending = ExtensionRequest.objects.filter(decision="")
    assert b[REVIEW].count == review_queue(actor_for_user(world.cast.admin)).count() >= 1
    assert b[EXTENSIONS].count == pending.count() >= 1
    assert waiting.filter(item__plan=world.cast.plan).count() == 1
    assert reverse("admin:index") in [link.url for link in page.links]
    assert "Việc quản trị" in text


def test_an_abolished_bodys_items_are_the_successors_to_do(client: Client) -> None:
    cast = make_cast()
    old = make_agency("Sở Thông tin và Truyền thông", parent=cast.province)
    inherited = make_item(cast.plan, lead=old, deadline=dt.date(2024, 3, 1))
    agency_record_succession(
        predecessor=old,
        successors=[cast.health],
        effective_on=dt.date(2024, 2, 1),
        recorded_at=dt.datetime(2024, 1, 25, 9, tzinfo=VN),  # known before the page is read
    )
    page, text = todo(client, cast.reporter)
    [row] = blocks(page)[OVERDUE].rows
    assert (row.item_id, row.agency) == (
        inherited.pk,
        "Sở Y tế (tiếp nhận từ Sở Thông tin và Truyền thông)",
    )
    assert item_link(inherited) in text


def test_person_without_a_role_is_told_whom_to_ask(client: Client) -> None:
    user = User.objects.create_user("t.chua-phan-quyen", password=TEST_PASSWORD)
    page, text = todo(client, user)
    assert page.blocks == []
    assert "chưa được gán cơ quan, đơn vị và vai trò" in text


def test_empty_blocks_say_so_kindly(client: Client) -> None:
    cast = make_cast()
    with time_machine.travel(dt.datetime(2024, 1, 20, 9, tzinfo=VN)):
        client.force_login(cast.head)
        text = client.get(URL).content.decode()
    assert "Không có dự thảo nào chờ lãnh đạo duyệt, gửi." in text
    assert "Đơn vị không có nhiệm vụ nào quá hạn." in text


def test_a_block_opens_in_full_and_closes_again(client: Client, world: World) -> None:
    page, _ = todo(client, world.cast.head, xem=DRAFTS)
    draft = blocks(page)[DRAFTS]
    assert draft.expanded and draft.more_label == "Thu gọn"
    page, _ = todo(client, world.cast.head, xem="khong-co")
    assert not any(block.expanded for block in page.blocks)


# --- login, menu, bounded queries -----------------------------------------------------------


def test_login_lands_on_the_todo_page(client: Client, world: World) -> None:
    response = client.post(
        reverse("login"), {"username": world.cast.reporter.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:todo") == URL
    page = client.get(response["Location"]).content.decode()
    nav = page.split('aria-label="Chức năng chính">')[1]
    assert re.match(r'\s*<a href="/viec-can-lam/">Việc cần làm</a>', nav)


def test_the_page_requires_login(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


QUERY_BOUND = 42  # the reporter's page, the longest, runs 40 with one plan (2: items as known at K)


@pytest.mark.parametrize("extra", [0, 25])
def test_the_page_runs_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries: Any, extra: int
) -> None:
    world = build(extra)
    cast = world.cast
    for user in (cast.reporter, cast.head, cast.standing, cast.leader, cast.admin):
        client.force_login(user)
        with time_machine.travel(NOW), django_assert_max_num_queries(QUERY_BOUND):
            assert client.get(URL).status_code == 200
    if extra:  # the larger world really has more rows than a block shows
        page, _ = todo(client, cast.head)
        assert blocks(page)[DRAFTS].count == 2 + extra
        assert len(blocks(page)[DRAFTS].rows) == 10


# --- the sample -----------------------------------------------------------------------------

ENGLISH = re.compile(
    r"\b(Overdue|Pending|Draft|Drafts|Report|Reports|Review|Submit|Save|View|Items?|Tasks?|"
    r"Deadline|Status|Agency|Days?|None|True|False|Error|Page|Next|Previous|Total|Login|Logout|"
    r"the|and|of|with|for)\b"
)


class _Text(HTMLParser):
    """The words a person reads: text outside scripts and styles, and titles and labels."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


# The four of the brief, and two whose pages have rows in the sample as it stands.
SAMPLE_PEOPLE = [
    "thuongtruc",
    "yte.chuyenvien",
    "yte.lanhdao",
    "lanhdao",
    "khcn.chuyenvien",
    "quantri",
]


@pytest.mark.parametrize("username", SAMPLE_PEOPLE)
def test_sample_people_get_their_page_in_vietnamese(
    sample: Any, client: Client, username: str
) -> None:
    user = User.objects.get(username=username)
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "Việc cần làm" in text
    assert not ENGLISH.findall(text), ENGLISH.findall(text)
    page: TodoPage = response.context["page"]
    b = blocks(page)
    actor = actor_for_user(user)
    today = page.today
    for block in page.blocks:
        assert len(block.rows) + len(block.agencies) <= max(block.count, 10)
        assert block.count or block.empty in text
    if username in ("thuongtruc", "quantri"):
        assert b[REVIEW].count == review_queue(actor).count()
    if actor.role in ("reporter", "head"):
        counts = status_summary(figure_scope(actor), AsOf.make(today)).all
        assert b[OVERDUE].count == counts.overdue
    if actor.role == "reporter":
        assert b[DUE_SOON].count == counts.by_class["due_soon"]
    if username == "lanhdao":
        assert page.cards
        overdue = sum(card.summary.all.overdue for card in page.cards)
        assert b[LONGEST_OVERDUE].count == overdue
        for card in page.cards:
            for sentence in card.sentences:
                assert sentence in text
