"""Who is urged, and when: working days and Tết, a missed day caught up once, a fallback for
agencies without accounts, one message per person per item and day, weekly lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail

from tiendo.accounts.models import Role
from tiendo.accounts.services import membership_set
from tiendo.agencies.services import agency_record_succession
from tiendo.lib.periods import PeriodKind
from tiendo.notifications.delivery import NO_RECIPIENT
from tiendo.notifications.models import (
    Delivery,
    Notification,
    NotificationPreference,
    ReminderRule,
)
from tiendo.notifications.rounds import tick
from tiendo.progress.periods import holidays_seed, period_open
from tiendo.testing import VN, Cast, make_agency, make_cast, make_item, make_plan, restate_item

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN)


def run(first: dt.date, last: dt.date, skip: tuple[dt.date, ...] = ()) -> None:
    day = first
    while day <= last:
        if day not in skip:
            with time_machine.travel(at(day), tick=False):
                tick("w1")
        day += dt.timedelta(days=1)


def days(user: User, kind: str = "", item: Any = None) -> list[dt.date]:
    notes = Notification.objects.filter(recipient=user).order_by("created_at", "id")
    if kind:
        notes = notes.filter(kind=kind)
    if item is not None:
        notes = notes.filter(item=item)
    return [n.created_at.astimezone(VN).date() for n in notes]


@pytest.fixture
def cast(settings: Any) -> Cast:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cast = make_cast()
    for user in (cast.reporter, cast.colleague, cast.head, cast.standing, cast.leader):
        user.email = f"{user.username}@tinh.gov.vn"
        user.save()
    holidays_seed(range(2024, 2026))
    return cast


def test_nobody_is_urged_at_tet_and_a_deadline_after_it_is_announced_before(cast: Cast) -> None:
    # Tết 2024: Thursday 8/2 to Wednesday 14/2. Deadline Friday 16/2: 7 days before is Friday
    # 9/2 (Tết) and 3 days before Tuesday 13/2 (Tết): both come on Wednesday 7/2.
    restate_item(cast.item, deadline=dt.date(2024, 2, 16))
    run(dt.date(2024, 2, 1), dt.date(2024, 2, 20))
    assert days(cast.reporter, "due_soon") == [dt.date(2024, 2, 7), dt.date(2024, 2, 15)]
    assert days(cast.reporter, "due_today") == [dt.date(2024, 2, 16)]
    created = Notification.objects.values_list("created_at", flat=True)
    assert all(
        not dt.date(2024, 2, 8) <= c.astimezone(VN).date() <= dt.date(2024, 2, 14) for c in created
    )
    first = Notification.objects.filter(recipient=cast.reporter).earliest("created_at")
    assert "đến hạn ngày 16/02/2024 (còn 9 ngày)" in first.subject
    # No e-mail left on a day off either.
    assert all(m.subject for m in mail.outbox)


def test_a_deadline_on_a_sunday_is_announced_as_a_day_off(cast: Cast) -> None:
    restate_item(cast.item, deadline=dt.date(2024, 3, 31))  # Sunday
    run(dt.date(2024, 3, 27), dt.date(2024, 4, 2))
    friday = Notification.objects.get(
        recipient=cast.reporter, created_at__date=dt.date(2024, 3, 29)
    )
    # Friday carries Saturday's "còn 1 ngày" and Sunday's deadline, once, the strongest.
    assert friday.kind == "due_soon"
    assert "31/03/2024 (Chủ nhật, ngày nghỉ; còn 2 ngày)" in friday.subject
    # The overdue notice never comes before the deadline: Monday, not Friday.
    assert days(cast.reporter, "overdue") == [dt.date(2024, 4, 1)]
    assert (
        "Quá hạn 1 ngày"
        in Notification.objects.get(recipient=cast.reporter, kind="overdue").subject
    )


def test_a_missed_day_is_caught_up_once(cast: Cast) -> None:
    restate_item(cast.item, deadline=dt.date(2024, 3, 20))
    later = make_item(cast.plan, lead=cast.health, deadline=dt.date(2024, 3, 26))
    # The server is down on Tuesday 19/3, the "còn 1 ngày" day of the first item and the
    # "còn 7 ngày" of the second.
    run(dt.date(2024, 3, 18), dt.date(2024, 3, 22), skip=(dt.date(2024, 3, 19),))
    caught = Notification.objects.filter(recipient=cast.reporter, item=later).earliest("created_at")
    assert caught.created_at.astimezone(VN).date() == dt.date(2024, 3, 20)
    assert "đến hạn ngày 26/03/2024 (còn 6 ngày)" in caught.subject
    notes = Notification.objects.filter(recipient=cast.reporter, item=cast.item).order_by(
        "created_at"
    )
    assert [(n.kind, n.created_at.astimezone(VN).date()) for n in notes] == [
        # Wednesday: the deadline (stronger than the missed "còn 1 ngày", which is not sent too)
        ("due_today", dt.date(2024, 3, 20)),
        ("overdue", dt.date(2024, 3, 21)),
    ]
    # A missed Monday's week list comes on Tuesday, once.
    NotificationPreference.objects.create(user=cast.leader, delivery=Delivery.DAILY)
    run(dt.date(2024, 3, 26), dt.date(2024, 3, 28))  # Monday 25/3 missed
    assert days(cast.leader, "weekly_summary") == [dt.date(2024, 3, 18), dt.date(2024, 3, 26)]


def test_reminders_of_an_agency_without_accounts_go_to_a_fallback(cast: Cast) -> None:
    own = make_item(cast.plan, lead=cast.police, deadline=dt.date(2024, 3, 20))
    unit = make_agency("Trung tâm Kiểm soát bệnh tật", parent=cast.health)
    orphan = make_item(cast.plan, lead=unit, deadline=dt.date(2024, 3, 20))
    restate_item(cast.item, deadline=dt.date(2024, 3, 20))
    run(dt.date(2024, 3, 13), dt.date(2024, 3, 13))
    # Công an tỉnh's only account is the standing body's: it gets its own items' reminders.
    police_note = Notification.objects.get(recipient=cast.standing, item=own)
    assert f"Công an tỉnh: {NO_RECIPIENT}; thông báo gửi cơ quan thường trực" in police_note.body
    # A unit with no accounts: its parent's head, told why.
    head_note = Notification.objects.get(recipient=cast.head, item=orphan)
    assert f"Trung tâm Kiểm soát bệnh tật: {NO_RECIPIENT}" in head_note.body
    assert not Notification.objects.filter(recipient=cast.standing, item=orphan).exists()
    # An agency with people gets no fallback note.
    own_note = Notification.objects.get(recipient=cast.reporter, item=cast.item)
    assert NO_RECIPIENT not in own_note.body


def test_one_message_per_person_per_item_and_day_the_strongest(cast: Cast) -> None:
    ReminderRule.objects.create(plan=cast.plan, overdue_every_days=1, escalate_after_days=14)
    restate_item(cast.item, deadline=dt.date(2024, 3, 3))
    run(dt.date(2024, 3, 18), dt.date(2024, 3, 18))  # 15 days overdue: first escalation
    by_person = {
        user.username: list(Notification.objects.filter(recipient=user, item=cast.item))
        for user in (cast.reporter, cast.head)
    }
    assert [n.kind for n in by_person["t.yte.chuyenvien"]] == ["overdue"]
    assert [n.kind for n in by_person["t.yte.lanhdao"]] == ["escalation"]
    assert "hạn 03/03/2024" in by_person["t.yte.lanhdao"][0].body


def test_the_standing_body_gets_one_weekly_list_of_long_overdue_items(cast: Cast) -> None:
    second = make_item(cast.plan, lead=cast.justice, deadline=dt.date(2024, 2, 1))
    restate_item(cast.item, deadline=dt.date(2024, 2, 15))
    run(dt.date(2024, 3, 4), dt.date(2024, 3, 19))
    lists = Notification.objects.filter(recipient=cast.standing, kind="escalation_digest")
    assert [n.created_at.astimezone(VN).date() for n in lists] == [
        dt.date(2024, 3, 18),
        dt.date(2024, 3, 11),
        dt.date(2024, 3, 4),
    ]
    last = lists.first()
    assert last is not None
    assert "2 nhiệm vụ, mô hình" in last.subject
    assert "- Sở Tư pháp (1):" in last.body and "- Sở Y tế (1):" in last.body
    assert f"{second.code}. {second.title}" in last.body
    assert "hạn 01/02/2024, quá hạn 46 ngày" in last.body
    assert not Notification.objects.filter(recipient=cast.standing, kind="escalation").exists()


def test_a_weekly_reader_still_gets_mandatory_reminders_daily(cast: Cast) -> None:
    NotificationPreference.objects.create(user=cast.reporter, delivery=Delivery.WEEKLY)
    restate_item(cast.item, deadline=dt.date(2024, 3, 20))
    run(dt.date(2024, 3, 11), dt.date(2024, 3, 22))
    mine = [m for m in mail.outbox if m.to == [cast.reporter.email]]
    # Mandatory (the default rule): a digest each day there is one, never two on one day; the
    # they are not held for the weekly digest.
    dates = [m.subject.rpartition(" ")[2] for m in mine]
    assert dates == [
        "13/03/2024",
        "14/03/2024",
        "15/03/2024",
        "19/03/2024",
        "20/03/2024",
        "21/03/2024",
    ]
    assert all("tổng hợp ngày" in m.subject for m in mine)
    # Optional reminders wait for the weekly digest.
    mail.outbox.clear()
    ReminderRule.objects.create(plan=cast.plan, mandatory=False)
    second = make_item(cast.plan, lead=cast.health, deadline=dt.date(2024, 4, 3))
    run(dt.date(2024, 3, 25), dt.date(2024, 4, 1))
    mine = [m for m in mail.outbox if m.to == [cast.reporter.email]]
    assert [m.subject for m in mine] == [
        # The week's optional reminders (27/3 and 29/3 for the second item, 28/3 "quá hạn" for
        # the first) wait for Monday's digest.
        "[Tiến Độ] 3 nội dung cần xử lý – tổng hợp tuần 01/04/2024"
    ]
    assert second.code in mine[0].body


def test_coordinating_agencies_get_a_weekly_list_when_the_plan_asks(cast: Cast) -> None:
    restate_item(cast.item, deadline=dt.date(2024, 3, 20))
    cast.item.coordinating_agencies.add(cast.justice)
    run(dt.date(2024, 3, 18), dt.date(2024, 3, 18))
    assert not Notification.objects.filter(kind="coordination_digest").exists()  # off by default
    ReminderRule.objects.create(plan=cast.plan, coordinators_weekly=True)
    run(dt.date(2024, 3, 25), dt.date(2024, 3, 27))
    notes = Notification.objects.filter(kind="coordination_digest")
    assert {n.recipient for n in notes} == {cast.outsider, cast.outsider_head}
    assert all(n.created_at.astimezone(VN).date() == dt.date(2024, 3, 25) for n in notes)
    body = notes[0].body
    assert f"{cast.item.code}. {cast.item.title} – chủ trì: Sở Y tế; hạn 20/03/2024" in body
    assert "quá hạn 5 ngày" in body


def test_a_person_without_a_role_in_the_agency_gets_nothing(cast: Cast) -> None:
    stranger = User.objects.create_user("t.khach", email="khach@tinh.gov.vn")
    membership_set(user=stranger, agency=cast.justice, role=Role.REPORTER)
    restate_item(cast.item, deadline=dt.date(2024, 3, 20))
    run(dt.date(2024, 3, 13), dt.date(2024, 3, 13))
    assert not Notification.objects.filter(recipient=stranger, item=cast.item).exists()


def test_the_monday_summary_and_reminders_name_the_body_valid_on_the_day(cast: Cast) -> None:
    old = make_agency("Sở Thông tin và Truyền thông", parent=cast.province)
    new = make_agency("Sở Khoa học và Công nghệ", parent=cast.province)
    plan = make_plan(cast.province, issued_on=dt.date(2025, 1, 10))
    item = make_item(plan, lead=old, deadline=dt.date(2025, 6, 1))  # 85 days overdue on 25/8
    period_open(actor=None, plan=plan, kind=PeriodKind.QUARTER, year=2025, number=2)
    agency_record_succession(
        predecessor=old,
        successors=[new],
        effective_on=dt.date(2025, 7, 1),
        recorded_at=dt.datetime(2025, 6, 20, 9, tzinfo=VN),  # decided before it took effect
    )
    head = User.objects.create_user("t.khcn.lanhdao", email="khcn.lanhdao@tinh.gov.vn")
    membership_set(user=head, agency=new, role=Role.HEAD)
    run(dt.date(2025, 8, 25), dt.date(2025, 8, 25))  # a Monday
    summary = Notification.objects.get(recipient=cast.leader, kind="weekly_summary")
    # The figures are those of the cut-off (14/06/2025); who answers is today's body.
    assert "Số liệu tính đến ngày 14/06/2025." in summary.body
    assert f"- {item.code}. {item.title} (Sở Khoa học và Công nghệ; hạn 01/06/2025" in summary.body
    assert "Thông tin và Truyền thông" not in summary.body
    reminders = Notification.objects.filter(item=item)
    assert {n.agency for n in reminders} == {new}
    assert head in {n.recipient for n in reminders}


def test_without_a_mail_server_messages_are_written_as_files(
    cast: Cast, settings: Any, tmp_path: Any
) -> None:
    from email import message_from_bytes, policy

    settings.EMAIL_BACKEND = "tiendo.notifications.mailbox.EmailBackend"
    settings.TIENDO_MAIL_DIR = str(tmp_path / "mail")
    restate_item(cast.item, deadline=dt.date(2024, 3, 20))
    run(dt.date(2024, 3, 13), dt.date(2024, 3, 13))
    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 3  # the reporter, the colleague, the head
    message = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert "nội dung cần xử lý – tổng hợp ngày 13/03/2024" in str(message["Subject"])
    body = message.get_body()
    assert body is not None and "đến hạn ngày 20/03/2024 (còn 7 ngày)" in body.get_content()
