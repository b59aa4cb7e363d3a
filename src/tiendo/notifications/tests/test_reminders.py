"""Reminders through the weeks of a plan, with time frozen: who gets what, on which day, once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from tiendo.lib.env import ConfigError, env_email
from tiendo.notifications.models import (
    Delivery,
    Notification,
    NotificationPreference,
    OutgoingEmail,
    ReminderRule,
)
from tiendo.notifications.rounds import tick
from tiendo.progress.models import Decision, Lifecycle
from tiendo.progress.services import UpdateInput, update_create_draft, update_review, update_send
from tiendo.testing import VN, Cast, make_cast, make_item, restate_item

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN)


def run_days(first: dt.date, last: dt.date, worker: str = "w1") -> None:
    day = first
    while day <= last:
        with time_machine.travel(at(day), tick=False):
            tick(worker)
        day += dt.timedelta(days=1)


@pytest.fixture
def cast(settings: Any) -> Cast:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cast = make_cast()
    for user in (
        cast.reporter,
        cast.colleague,
        cast.head,
        cast.standing,
        cast.outsider,
        cast.leader,
    ):
        user.email = f"{user.username}@tinh.gov.vn"
        user.save()
    restate_item(cast.item, deadline=dt.date(2024, 3, 20))
    return cast


def days_by_kind(user: Any) -> dict[str, list[dt.date]]:
    out: dict[str, list[dt.date]] = defaultdict(list)
    for note in Notification.objects.filter(recipient=user, item__isnull=False).order_by(
        "created_at"
    ):
        out[note.kind].append(note.created_at.astimezone(VN).date())
    return dict(out)


def test_the_right_people_are_urged_on_the_right_days(cast: Cast) -> None:
    # The cast's own set-up notifies too (drafts awaiting approval), today: not the rounds'.
    before = set(Notification.objects.values_list("pk", flat=True))
    run_days(dt.date(2024, 3, 10), dt.date(2024, 4, 12))
    reporter = days_by_kind(cast.reporter)
    # 7, 3 and 1 days before Wednesday 20/3; the 3-day one falls on Sunday: Friday instead.
    assert reporter["due_soon"] == [
        dt.date(2024, 3, 13),
        dt.date(2024, 3, 15),
        dt.date(2024, 3, 19),
    ]
    assert reporter["due_today"] == [dt.date(2024, 3, 20)]
    assert reporter["overdue"] == [
        dt.date(2024, 3, 21),
        dt.date(2024, 3, 28),
        dt.date(2024, 4, 4),
        dt.date(2024, 4, 11),
    ]
    assert "escalation" not in reporter
    head = days_by_kind(cast.head)
    assert head["escalation"] == [dt.date(2024, 4, 4), dt.date(2024, 4, 11)]  # overdue > 14 days
    # The standing body gets one list a week (Mondays), not a notice per item.
    standing = Notification.objects.filter(recipient=cast.standing, kind__startswith="escalation")
    assert [(n.kind, n.created_at.astimezone(VN).date()) for n in standing] == [
        ("escalation_digest", dt.date(2024, 4, 8))
    ]
    assert f"{cast.item.code}. {cast.item.title}" in standing[0].body
    assert "hạn 20/03/2024, quá hạn 19 ngày" in standing[0].body
    assert days_by_kind(cast.outsider) == {}  # another department's people are not bothered
    soon = Notification.objects.filter(recipient=cast.reporter, kind="due_soon")
    assert [n.subject.rpartition("đến hạn ngày ")[2] for n in soon.order_by("created_at")] == [
        "20/03/2024 (còn 7 ngày)",
        "20/03/2024 (còn 5 ngày)",  # written on Friday for Sunday's reminder
        "20/03/2024 (còn 1 ngày)",
    ]
    # Nobody is urged on a day off.
    rounds = Notification.objects.exclude(pk__in=before)
    assert rounds.count() > 10
    assert not [n for n in rounds if n.created_at.astimezone(VN).weekday() > 4]


def test_done_items_are_not_urged(cast: Cast) -> None:
    from tiendo.progress.services import update_record

    update_record(
        item=cast.item,
        valid_on=dt.date(2024, 3, 12),
        state=Lifecycle.DONE,
        completed_on=dt.date(2024, 3, 11),
        recorded_at=at(dt.date(2024, 3, 12)),
    )
    run_days(dt.date(2024, 3, 12), dt.date(2024, 3, 25))
    assert not Notification.objects.filter(item=cast.item).exists()


def test_one_digest_per_person_and_day_groups_the_reminders(cast: Cast) -> None:
    second = make_item(cast.plan, lead=cast.health, deadline=dt.date(2024, 3, 20))
    with time_machine.travel(at(dt.date(2024, 3, 13), 6), tick=False):
        tick("w1")  # reminders made at 06:00; digests wait for 07:00
    assert OutgoingEmail.objects.count() == 0
    with time_machine.travel(at(dt.date(2024, 3, 13), 7), tick=False):
        tick("w1")
    to_reporter = [m for m in mail.outbox if m.to == [cast.reporter.email]]
    assert len(to_reporter) == 1
    assert "2 nội dung cần xử lý – tổng hợp ngày 13/03/2024" in to_reporter[0].subject
    assert (
        cast.item.title in to_reporter[0].body and f"{second.code} (Kế hoạch" in to_reporter[0].body
    )
    assert "Kính gửi đồng chí" in to_reporter[0].body


def test_immediate_preference_sends_each_reminder_at_once_and_off_keeps_mandatory_ones(
    cast: Cast,
) -> None:
    NotificationPreference.objects.create(user=cast.reporter, delivery=Delivery.IMMEDIATE)
    NotificationPreference.objects.create(user=cast.colleague, delivery=Delivery.OFF)
    ReminderRule.objects.create(plan=cast.plan, mandatory=False)
    with time_machine.travel(at(dt.date(2024, 3, 13), 6), tick=False):
        tick("w1")
    assert [m.to for m in mail.outbox] == [[cast.reporter.email]]
    with time_machine.travel(at(dt.date(2024, 3, 13), 9), tick=False):
        tick("w1")
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert cast.colleague.email not in recipients  # off, and this plan's reminders are optional
    assert cast.head.email in recipients  # daily by default


def test_running_twice_or_after_a_restart_sends_nothing_twice(cast: Cast) -> None:
    for worker in ("w1", "w2", "w1"):
        with time_machine.travel(at(dt.date(2024, 3, 13), 9), tick=False):
            tick(worker)
    people = Notification.objects.filter(kind="due_soon").values_list("recipient", flat=True)
    assert sorted(people) == sorted([cast.reporter.pk, cast.colleague.pk, cast.head.pk])
    assert len(mail.outbox) == OutgoingEmail.objects.count()
    assert len({m.to[0] for m in mail.outbox}) == len(mail.outbox)


def test_a_returned_report_tells_its_drafter_and_sender_at_once(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    data = UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS, percent=40)
    with time_machine.travel(at(dt.date(2024, 3, 15)), tick=False):
        draft = update_create_draft(
            actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=data
        )
        update_send(actor=cast.actor(cast.head), update=draft, expected_version=1)
    with pytest.raises(ValidationError):
        update_review(actor=cast.actor(cast.standing), update=draft, decision=Decision.RETURNED)
    with django_capture_on_commit_callbacks(execute=True):
        update_review(
            actor=cast.actor(cast.standing),
            update=draft,
            decision=Decision.RETURNED,
            note="Thiếu số liệu cơ sở đã triển khai",
        )
    returned = Notification.objects.filter(kind="returned")
    # The reporter who drafted it and the head who sent it; not the colleague who did neither.
    assert {n.recipient for n in returned} == {cast.reporter, cast.head}
    assert "Lý do: Thiếu số liệu cơ sở đã triển khai" in returned.first().body  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"days_before": "7,-3"}, "phải lớn hơn 0"),
        ({"days_before": "bảy"}, "không phải là một số ngày"),
        ({"escalate_to": "head,sep"}, "Vai trò không tồn tại: sep"),
        ({"overdue_every_days": 0}, "Chu kỳ nhắc lại phải từ 1 ngày"),
    ],
)
def test_bad_rules_are_refused_with_a_clear_message(
    cast: Cast, fields: dict[str, Any], message: str
) -> None:
    rule = ReminderRule(plan=cast.plan, **fields)
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert message in " ".join(error.value.messages)


def test_an_invalid_sender_address_stops_the_start(monkeypatch: Any) -> None:
    monkeypatch.setenv("TIENDO_EMAIL_FROM", "tiến độ ở tỉnh")
    with pytest.raises(ConfigError, match="not a valid e-mail address"):
        env_email("TIENDO_EMAIL_FROM", "x@y")
    monkeypatch.setenv("TIENDO_EMAIL_FROM", "Tiến Độ <tiendo@nghean.gov.vn>")
    assert env_email("TIENDO_EMAIL_FROM", "x@y") == "Tiến Độ <tiendo@nghean.gov.vn>"
