"""Each step of the reporting cycle tells exactly the people who act next, in the notification
centre and by e-mail as each of them chose; the standing body's arrivals come as a daily digest."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse

from tiendo.accounts.models import Role
from tiendo.accounts.services import membership_set
from tiendo.agencies.services import agency_record_succession
from tiendo.notifications.mail import queue_emails, send_due_emails
from tiendo.notifications.models import Delivery, Notification, NotificationPreference
from tiendo.plans.models import ExtensionRequest
from tiendo.plans.services import extension_request_create, extension_request_decide
from tiendo.progress.models import Decision, Lifecycle, ProgressUpdate
from tiendo.progress.services import (
    UpdateInput,
    update_create_draft,
    update_mark_ready,
    update_review,
    update_send,
)
from tiendo.testing import VN, Cast, make_agency, make_cast, make_item, make_plan

pytestmark = pytest.mark.django_db

MARCH_15 = dt.datetime(2024, 3, 15, 10, tzinfo=VN)


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN)


def person(user: User, family: str, given: str, delivery: str = Delivery.DAILY) -> None:
    user.last_name, user.first_name = family, given
    user.email = f"{user.username}@tinh.gov.vn"
    user.save()
    NotificationPreference.objects.update_or_create(user=user, defaults={"delivery": delivery})


@pytest.fixture
def cast(settings: Any) -> Cast:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cast = make_cast()
    person(cast.reporter, "Nguyễn Thị", "Hoa")
    person(cast.colleague, "Lê Văn", "Bình", Delivery.IMMEDIATE)
    person(cast.head, "Trần Ngọc", "Tuấn", Delivery.IMMEDIATE)
    person(cast.standing, "Phạm Quốc", "Hùng", Delivery.IMMEDIATE)
    person(cast.outsider, "Hoàng Minh", "Châu", Delivery.IMMEDIATE)
    person(cast.outsider_head, "Võ Thanh", "Sơn", Delivery.IMMEDIATE)
    person(cast.leader, "Đặng Văn", "Long", Delivery.IMMEDIATE)
    return cast


def notices() -> QuerySet[Notification]:
    """This test's notices: the session's illustrative sample (if loaded) has its own."""
    return Notification.objects.exclude(item__plan__is_illustrative=True)


def recipients(kind: str) -> set[User]:
    return {n.recipient for n in notices().filter(kind=kind)}


def mails_to(user: User) -> list[Any]:
    return [m for m in mail.outbox if m.to == [user.email]]


def deliver_mail(now: dt.datetime) -> None:
    queue_emails(now)
    send_due_emails("w1", now)


def draft(cast: Cast, capture: Any) -> ProgressUpdate:
    data = UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS, percent=40)
    with capture(execute=True):
        return update_create_draft(
            actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=data
        )


def test_a_draft_put_forward_tells_the_units_heads_only(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    ward = make_agency("Bệnh viện đa khoa tỉnh", parent=cast.health)
    ward_head = User.objects.create_user("t.benhvien.lanhdao", email="bv@tinh.gov.vn")
    membership_set(user=ward_head, agency=ward, role=Role.HEAD)
    update = draft(cast, django_capture_on_commit_callbacks)
    assert not notices().exists()  # saving a draft is not yet asking anyone
    with (
        time_machine.travel(MARCH_15, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        update_mark_ready(actor=cast.actor(cast.reporter), update=update)
        update_mark_ready(actor=cast.actor(cast.reporter), update=update)  # pressed twice
    assert recipients("draft_ready") == {cast.head}  # not the hospital's head below, nor others
    note = notices().get(kind="draft_ready")
    assert note.subject == f"Dự thảo báo cáo {cast.item.code} chờ lãnh đạo đơn vị duyệt, gửi"
    assert "Đồng chí Nguyễn Thị Hoa trình dự thảo báo cáo tiến độ" in note.body
    assert f"nhiệm vụ {cast.item.code}. “{cast.item.title}”" in note.body
    assert "Thời hạn: 30/06/2024." in note.body
    assert note.link == reverse("progress:update_detail", args=[update.pk])
    deliver_mail(MARCH_15)
    [message] = [m for m in mail.outbox if m.to == [cast.head.email]]  # immediate delivery
    assert message.to == [cast.head.email] and "Kính gửi đồng chí Trần Ngọc Tuấn," in message.body
    assert f"/bao-cao/{update.pk}/" in message.body


def test_a_draft_of_a_unit_without_heads_goes_to_the_heads_above(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    ward = make_agency("Trung tâm Kiểm soát bệnh tật", parent=cast.health)
    clerk = User.objects.create_user("t.cdc.chuyenvien")
    membership_set(user=clerk, agency=ward, role=Role.REPORTER)
    # The centre leads a task of its own (it could not report on Sở Y tế's: not its item).
    task = make_item(cast.plan, lead=ward, deadline=dt.date(2024, 6, 30))
    data = UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS, percent=5)
    update = update_create_draft(actor=cast.actor(clerk), item=task, period=cast.period, data=data)
    with django_capture_on_commit_callbacks(execute=True):
        update_mark_ready(actor=cast.actor(clerk), update=update)
    assert recipients("draft_ready") == {cast.head}


def test_sending_tells_the_standing_body_in_its_daily_digest_and_settles_the_heads_notice(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    first = draft(cast, django_capture_on_commit_callbacks)
    data = UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS, percent=20)
    second = update_create_draft(
        actor=cast.actor(cast.outsider), item=cast.other_item, period=cast.period, data=data
    )
    with (
        time_machine.travel(MARCH_15, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        update_mark_ready(actor=cast.actor(cast.reporter), update=first)
        update_send(actor=cast.actor(cast.head), update=first, expected_version=1)
        update_send(actor=cast.actor(cast.outsider_head), update=second, expected_version=1)
    assert recipients("awaiting_review") == {cast.standing}
    notes = notices().filter(kind="awaiting_review").order_by("id")
    assert [n.subject for n in notes] == [
        f"Báo cáo {cast.item.code} chờ xác nhận – Sở Y tế",
        f"Báo cáo {cast.other_item.code} chờ xác nhận – Sở Tư pháp",
    ]
    assert "đồng chí Trần Ngọc Tuấn duyệt, gửi lúc 10:00 ngày 15/03/2024" in notes[0].body
    assert "Thời hạn: 30/06/2024." in notes[0].body
    ready = notices().get(kind="draft_ready")
    assert ready.read_at is not None  # sent: nothing left for the head to do
    # Immediate is the officer's choice, but arrivals come together in the day's digest.
    deliver_mail(MARCH_15 + dt.timedelta(hours=1))
    [digest] = mails_to(cast.standing)
    assert "2 nội dung cần xử lý – tổng hợp ngày 15/03/2024" in digest.subject
    assert cast.item.title in digest.body and f"/bao-cao/{second.pk}/" in digest.body
    deliver_mail(MARCH_15 + dt.timedelta(hours=2))
    assert len(mails_to(cast.standing)) == 1


def test_a_report_decided_before_the_digest_leaves_it(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    update = draft(cast, django_capture_on_commit_callbacks)
    with (
        time_machine.travel(MARCH_15, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        update_send(actor=cast.actor(cast.head), update=update, expected_version=1)
        update_review(actor=cast.actor(cast.standing), update=update, decision="confirmed")
    deliver_mail(at(dt.date(2024, 3, 18), 7))
    assert mails_to(cast.standing) == []
    assert notices().get(kind="awaiting_review").read_at is not None


@pytest.mark.parametrize("decision", [Decision.CONFIRMED, Decision.RETURNED])
def test_the_decision_tells_the_drafter_and_the_sender_only(
    cast: Cast, django_capture_on_commit_callbacks: Any, decision: str
) -> None:
    update = draft(cast, django_capture_on_commit_callbacks)
    early = at(dt.date(2024, 3, 15), 6)  # before the day's digests
    with time_machine.travel(early, tick=False), django_capture_on_commit_callbacks(execute=True):
        update_send(actor=cast.actor(cast.head), update=update, expected_version=1)
        update_review(
            actor=cast.actor(cast.standing),
            update=update,
            decision=decision,
            note="Đề nghị bổ sung danh sách cơ sở" if decision == Decision.RETURNED else "",
        )
    assert recipients(decision) == {cast.reporter, cast.head}  # not the colleague, not others
    note = notices().get(kind=decision, recipient=cast.reporter)
    assert note.link == reverse("progress:update_detail", args=[update.pk])
    assert f"nhiệm vụ {cast.item.code}. “{cast.item.title}”" in note.body
    assert "Cơ quan thường trực (đồng chí Phạm Quốc Hùng)" in note.body
    assert "Thời hạn: 30/06/2024." in note.body
    assert note.mandatory == (decision == Decision.RETURNED)
    # The head gets it at once (immediate); the reporter in the morning digest (daily).
    deliver_mail(early + dt.timedelta(minutes=5))
    assert [m.subject for m in mails_to(cast.head)] == [note.subject]
    assert mails_to(cast.reporter) == []
    deliver_mail(at(dt.date(2024, 3, 15), 7))
    [digest] = mails_to(cast.reporter)
    assert note.subject in digest.body and "Kính gửi đồng chí Nguyễn Thị Hoa," in digest.body
    assert mails_to(cast.colleague) == mails_to(cast.outsider) == []


def test_a_return_reaches_a_reporter_who_turned_mail_off(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    person(cast.reporter, "Nguyễn Thị", "Hoa", Delivery.OFF)
    update = draft(cast, django_capture_on_commit_callbacks)
    with (
        time_machine.travel(MARCH_15, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        update_send(actor=cast.actor(cast.head), update=update, expected_version=1)
        update_review(
            actor=cast.actor(cast.standing), update=update, decision="returned", note="Thiếu số"
        )
    deliver_mail(at(dt.date(2024, 3, 18), 7))
    [digest] = mails_to(cast.reporter)
    assert "Lý do: Thiếu số." in digest.body


def test_notices_after_the_days_digest_wait_for_the_next_one(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    update = draft(cast, django_capture_on_commit_callbacks)
    with (
        time_machine.travel(MARCH_15, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        update_send(actor=cast.actor(cast.head), update=update, expected_version=1)
    deliver_mail(at(dt.date(2024, 3, 18), 7))  # the standing officer's digest of Monday the 18th
    later = update_create_draft(
        actor=cast.actor(cast.reporter),
        item=cast.item,
        period=cast.period,
        data=UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS, percent=50),
    )
    with (
        time_machine.travel(at(dt.date(2024, 3, 18), 10), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        update_send(actor=cast.actor(cast.head), update=later, expected_version=1)
    deliver_mail(at(dt.date(2024, 3, 18), 11))
    assert len(mails_to(cast.standing)) == 1
    deliver_mail(at(dt.date(2024, 3, 19), 7))
    digests = mails_to(cast.standing)
    assert len(digests) == 2 and f"/bao-cao/{later.pk}/" in digests[1].body


def test_the_centre_shows_each_step_to_its_people(
    cast: Cast, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    update = draft(cast, django_capture_on_commit_callbacks)
    with time_machine.travel(MARCH_15, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            update_send(actor=cast.actor(cast.head), update=update, expected_version=1)
        client.force_login(cast.standing)
        page = client.get(reverse("notifications:inbox")).content.decode()
    assert f"Báo cáo {cast.item.code} chờ xác nhận – Sở Y tế" in page
    assert f'href="/bao-cao/{update.pk}/"' in page


# --- extensions ------------------------------------------------------------------------------


def test_an_extension_decision_follows_the_work_to_the_successor_agency(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    old = make_agency("Sở Thông tin và Truyền thông", parent=cast.province)
    new = make_agency("Sở Khoa học và Công nghệ", parent=cast.province)
    plan = make_plan(cast.province, issued_on=dt.date(2025, 1, 10))
    item = make_item(plan, lead=old, deadline=dt.date(2025, 6, 30))
    agency_record_succession(predecessor=old, successors=[new], effective_on=dt.date(2025, 3, 1))
    people = {}
    for name, agency, role in [
        ("ttt.chuyenvien", old, Role.REPORTER),  # still listed under the abolished body
        ("khcn.chuyenvien", new, Role.REPORTER),
        ("khcn.lanhdao", new, Role.HEAD),
    ]:
        people[name] = User.objects.create_user(f"t.{name}", email=f"{name}@tinh.gov.vn")
        membership_set(user=people[name], agency=agency, role=role)
    person(people["khcn.chuyenvien"], "Bùi Thị", "Lan", Delivery.IMMEDIATE)
    requester = cast.actor(people["khcn.chuyenvien"])
    with time_machine.travel(at(dt.date(2025, 4, 1), 9), tick=False):
        request = extension_request_create(
            actor=requester,
            item=item,
            requested_deadline=dt.date(2025, 9, 30),
            reason="Chờ nâng cấp hạ tầng",
        )
        with django_capture_on_commit_callbacks(execute=True):
            extension_request_decide(
                actor=cast.actor(cast.standing), request=request, approve=True, note="Đồng ý"
            )
    assert recipients("extension") == {people["khcn.chuyenvien"], people["khcn.lanhdao"]}
    note = notices().get(kind="extension", recipient=people["khcn.lanhdao"])
    assert note.subject == f"Đồng ý gia hạn nhiệm vụ {item.code} đến 30/09/2025"
    assert "đề nghị của đồng chí Bùi Thị Lan gia hạn" in note.body
    assert f"nhiệm vụ {item.code}. “{item.title}”, do Sở Khoa học và Công nghệ chủ trì" in note.body
    assert "Thời hạn: 30/09/2025 (ban đầu 30/06/2025, đã gia hạn)." in note.body
    assert note.link == reverse("plans:item_detail", args=[item.pk])
    assert ExtensionRequest.objects.get(pk=request.pk).decision == "approved"


def test_a_refused_extension_tells_a_requester_from_a_coordinating_agency_too(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    cast.item.coordinating_agencies.add(cast.justice)
    with time_machine.travel(MARCH_15, tick=False):
        request = extension_request_create(
            actor=cast.actor(cast.outsider),
            item=cast.item,
            requested_deadline=dt.date(2024, 12, 31),
            reason="Thiếu kinh phí",
        )
        with django_capture_on_commit_callbacks(execute=True):
            extension_request_decide(
                actor=cast.actor(cast.standing),
                request=request,
                approve=False,
                note="Đề nghị hoàn thành đúng hạn",
            )
    assert recipients("extension") == {cast.outsider, cast.reporter, cast.colleague, cast.head}
    note = notices().get(kind="extension", recipient=cast.outsider)
    assert note.subject == f"Không đồng ý gia hạn nhiệm vụ {cast.item.code} (đề nghị 31/12/2024)"
    assert "Ý kiến: Đề nghị hoàn thành đúng hạn." in note.body
    assert "Thời hạn: 30/06/2024." in note.body
