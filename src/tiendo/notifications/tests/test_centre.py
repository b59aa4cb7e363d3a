"""The notification centre as people use it: pages past 200, a filter by kind, what each way of
receiving e-mail means before choosing it, a missing address told, "Gửi lại" for refused mail,
and the list of agencies nobody receives reminders for."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tiendo.accounts.models import Role
from tiendo.accounts.services import membership_set
from tiendo.agencies.models import AgencyKind
from tiendo.agencies.services import agency_record_succession
from tiendo.audit.models import AuditEvent
from tiendo.notifications.models import Notification, NotificationPreference, OutgoingEmail
from tiendo.notifications.resend import resend_refused
from tiendo.notifications.selectors import agencies_without_recipients
from tiendo.testing import VN, Cast, make_agency, make_cast, make_item, make_plan

pytestmark = pytest.mark.django_db

INBOX = "notifications:inbox"
LONG_AGO = dt.datetime(2024, 4, 1, 7, tzinfo=VN)


def page(client: Client, query: str = "") -> str:
    response = client.get(f"{reverse(INBOX)}{query}")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def fill(user: User, count: int, kind: str = "due_soon") -> None:
    """count notices of one kind, an hour apart, the oldest count days ago."""
    start = timezone.now() - dt.timedelta(days=count)
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            key=f"{kind}:{n}",
            subject=f"[{kind} số {n:03d}] Nhắc việc",
            body="Đề nghị cập nhật tiến độ.",
            created_at=start + dt.timedelta(hours=n),
        )
        for n in range(count)
    )


def link(text: str, label: str) -> str:
    """The href of the pager link with this label."""
    found = re.search(rf'<a href="([^"]+)" rel="(?:prev|next)">{label}</a>', text)
    assert found, f"no link “{label}”"
    return found.group(1).replace("&amp;", "&")


# --- pages and the filter -------------------------------------------------------------------


def test_the_centre_pages_past_200_to_the_oldest_notices(client: Client) -> None:
    cast = make_cast()
    fill(cast.reporter, 230)
    fill(cast.reporter, 3, kind="returned")
    client.force_login(cast.reporter)
    first = page(client)
    assert "233 thông báo · Trang 1/5" in first
    assert "[returned số 002]" in first and "[due_soon số 183]" in first
    assert "[due_soon số 182]" not in first  # the 51st is on page 2
    assert "Trang trước" not in first
    second = page(client, link(first, "Trang sau"))
    assert "Trang 2/5" in second and "[due_soon số 182]" in second
    last = page(client, "?trang=5")
    assert "Trang 5/5" in last and "Trang sau" not in last
    assert "[due_soon số 000]" in last and "[due_soon số 032]" in last
    assert "[due_soon số 033]" not in last
    assert "?trang=4" in link(last, "Trang trước")
    # Reading the pages marks nothing read.
    assert Notification.objects.filter(recipient=cast.reporter, read_at__isnull=True).count() == 233


def test_the_kind_filter_shows_only_that_kind_and_the_pages_keep_it(client: Client) -> None:
    cast = make_cast()
    fill(cast.reporter, 120)
    fill(cast.reporter, 3, kind="returned")
    fill(cast.colleague, 2, kind="returned")
    client.force_login(cast.reporter)
    everything = page(client)
    assert '<label for="id_loai">Loại thông báo:</label>' in everything
    for label in ("Báo cáo lãnh đạo (quá hạn kéo dài)", "Chưa gửi báo cáo", "Gia hạn"):
        assert f">{label}</option>" in everything
    assert '<button type="submit">Lọc</button>' in everything
    only = page(client, "?loai=returned")
    assert "3 thông báo" in only and "[due_soon" not in only
    assert all(f"[returned số {n:03d}]" in only for n in range(3))
    assert '<option value="returned" selected>' in only
    due = page(client, "?loai=due_soon&trang=2")
    assert "120 thông báo · Trang 2/3" in due and "[returned" not in due
    assert link(due, "Trang sau") == "?loai=due_soon&trang=3"
    assert link(due, "Trang trước") == "?loai=due_soon&trang=1"


def test_the_unread_filter_hides_what_was_read(client: Client) -> None:
    cast = make_cast()
    fill(cast.reporter, 4, kind="returned")
    Notification.objects.filter(key__in=["returned:0", "returned:1"]).update(read_at=timezone.now())
    client.force_login(cast.reporter)
    unread = page(client, "?loai=returned&chua_doc=on")
    assert "2 thông báo" in unread
    assert "[returned số 003]" in unread and "[returned số 000]" not in unread
    Notification.objects.filter(recipient=cast.reporter).update(read_at=timezone.now())
    none = page(client, "?chua_doc=on")
    assert "0 thông báo" in none and "Chưa có thông báo nào." in none


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("?trang=abc", "Trang 1/2"),
        ("?trang=-1", "Trang 2/2"),
        ("?trang=999", "Trang 2/2"),
        ("?trang=", "Trang 1/2"),
        ("?loai=khong-co", "Bộ lọc không hợp lệ: đang hiện tất cả thông báo."),
        ("?loai=due_soon&chua_doc=khong", "Trang 1/2"),
    ],
)
def test_odd_filters_and_pages_never_fail(client: Client, query: str, shown: str) -> None:
    cast = make_cast()
    fill(cast.reporter, 60)
    client.force_login(cast.reporter)
    text = page(client, query)
    assert "60 thông báo" in text and shown in text and "[due_soon số" in text


def test_an_unknown_kind_stays_out_of_the_pager_links(client: Client) -> None:
    cast = make_cast()
    fill(cast.reporter, 60)
    client.force_login(cast.reporter)
    text = page(client, "?loai=khong-co")
    assert link(text, "Trang sau") == "?trang=2"


# --- how mail is received -------------------------------------------------------------------


def test_what_off_and_weekly_mean_is_said_before_saving(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.reporter)
    text = page(client)
    assert not NotificationPreference.objects.filter(user=cast.reporter).exists()
    assert "Cách nhận thư điện tử: Tổng hợp hằng ngày" in text
    assert 'aria-describedby="delivery-help"' in text and 'id="delivery-help"' in text
    assert (
        "<dt>Không gửi thư (chỉ xem trên hệ thống)</dt><dd>không nhận thư thông thường, chỉ "
        "xem tại đây; nhắc việc bắt buộc của cơ quan thường trực (quá hạn, báo cáo bị trả lại, "
        "gia hạn…) vẫn được gửi gộp một thư mỗi ngày làm việc.</dd>" in text
    )
    assert (
        "<dt>Tổng hợp hằng tuần</dt><dd>một thư vào ngày làm việc đầu tuần; nhắc việc bắt buộc "
        "vẫn được gửi hằng ngày.</dd>" in text
    )


def test_saving_off_says_what_still_comes(client: Client) -> None:
    cast = make_cast()
    cast.reporter.email = "yte.chuyenvien@tinh.gov.vn"
    cast.reporter.save()
    client.force_login(cast.reporter)
    saved = client.post(reverse("notifications:preference"), {"delivery": "off"}, follow=True)
    text = html.unescape(saved.content.decode())
    assert (
        "Đã lưu cách nhận thư: Không gửi thư (chỉ xem trên hệ thống) – không nhận thư thông "
        "thường" in text
    )
    assert "chưa có địa chỉ thư điện tử" not in text
    assert "Cách nhận thư điện tử: Không gửi thư" in text
    assert NotificationPreference.objects.get(user=cast.reporter).delivery == "off"
    refused = client.post(reverse("notifications:preference"), {"delivery": "never"}, follow=True)
    assert "Lựa chọn không hợp lệ." in refused.content.decode()
    assert NotificationPreference.objects.get(user=cast.reporter).delivery == "off"


def test_a_person_without_an_address_is_told_that_no_mail_can_come(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.reporter)
    text = page(client)
    assert (
        '<p class="message error" role="alert">Tài khoản của đồng chí chưa có địa chỉ thư điện '
        "tử: hệ thống không gửi được thư nhắc việc, thông báo chỉ hiện tại trang này. Đề nghị "
        "liên hệ quản trị hệ thống để bổ sung địa chỉ thư.</p>" in text
    )
    saved = client.post(reverse("notifications:preference"), {"delivery": "daily"}, follow=True)
    assert "chưa gửi được thư" in html.unescape(saved.content.decode())
    cast.reporter.email = "yte.chuyenvien@tinh.gov.vn"
    cast.reporter.save()
    assert "chưa có địa chỉ thư điện tử" not in page(client)


# --- "Gửi lại" ------------------------------------------------------------------------------


def refused(user: User, to: str, subjects: list[str], pk_hint: str) -> OutgoingEmail:
    """A digest the mail server refused for good, carrying one notice per subject."""
    email = OutgoingEmail.objects.create(
        key=f"digest:{user.pk}:{pk_hint}",
        to=to,
        subject="[Tiến Độ] tổng hợp",
        body="\n".join(subjects),
        due_at=LONG_AGO,
        attempts=1,
        failed_at=LONG_AGO,
        failure_reason="550 5.1.1 Recipient address rejected",
    )
    for n, subject in enumerate(subjects):
        Notification.objects.create(
            recipient=user,
            kind="overdue",
            key=f"{pk_hint}:{n}",
            subject=subject,
            body=subject,
            email=email,
            created_at=LONG_AGO,
        )
    return email


def test_resend_moves_the_notices_to_a_new_message_to_the_current_address(
    client: Client,
) -> None:
    cast = make_cast()
    cast.reporter.email = "yte.chuyenvien@tinh.gov.vn"
    cast.reporter.save()
    old = refused(cast.reporter, "sai.dia.chi@tinh.gov.vn", ["Quá hạn 3 ngày", "Quá hạn 4"], "a")
    theirs = refused(cast.colleague, "dongnghiep@tinh.gov.vn", ["Việc của người khác"], "b")
    client.force_login(cast.reporter)
    text = page(client)
    # The address was put right: the refusal is history, but what it carried still waits.
    assert "bị máy chủ thư từ chối" not in text
    assert "Còn 1 thư trước đây chưa đến được đồng chí" in text
    assert f'action="{reverse("notifications:resend")}"' in text
    moment = dt.datetime(2024, 4, 2, 9, 30, tzinfo=VN)
    with time_machine.travel(moment, tick=False):
        response = client.post(reverse("notifications:resend"), follow=True)
    assert "Đã xếp 1 thư để gửi lại tới yte.chuyenvien@tinh.gov.vn" in html.unescape(
        response.content.decode()
    )
    new = OutgoingEmail.objects.get(key=f"resend:{old.pk}")
    assert new.to == "yte.chuyenvien@tinh.gov.vn" and new.due_at == moment
    assert (new.subject, new.body) == (old.subject, old.body)
    assert new.sent_at is None and new.failed_at is None and new.attempts == 0
    assert set(Notification.objects.filter(email=new).values_list("subject", flat=True)) == {
        "Quá hạn 3 ngày",
        "Quá hạn 4",
    }
    old.refresh_from_db()
    assert old.failed_at == LONG_AGO and old.to == "sai.dia.chi@tinh.gov.vn"
    assert not old.notices.exists()
    # Somebody else's refused message is not touched.
    theirs.refresh_from_db()
    assert theirs.failed_at == LONG_AGO and theirs.notices.get().recipient == cast.colleague
    assert not OutgoingEmail.objects.filter(key=f"resend:{theirs.pk}").exists()
    event = AuditEvent.objects.get(action="email.resend")
    assert event.actor == cast.reporter and event.object_id == str(new.pk)
    # Pressing again queues nothing more, and the button has gone.
    with time_machine.travel(moment + dt.timedelta(minutes=1), tick=False):
        again = client.post(reverse("notifications:resend"), follow=True)
    assert "Không còn thư bị từ chối nào cần gửi lại." in html.unescape(again.content.decode())
    assert OutgoingEmail.objects.count() == 3
    assert "Còn 1 thư trước đây" not in html.unescape(again.content.decode())


def test_resend_to_the_same_address_is_allowed_and_counts_each_message(client: Client) -> None:
    """The administrator may have fixed the mail server rather than the address."""
    cast = make_cast()
    cast.reporter.email = "yte.chuyenvien@tinh.gov.vn"
    cast.reporter.save()
    first = refused(cast.reporter, cast.reporter.email, ["Nhắc việc 1"], "c")
    second = refused(cast.reporter, cast.reporter.email, ["Nhắc việc 2"], "d")
    client.force_login(cast.reporter)
    text = page(client)
    assert "bị máy chủ thư từ chối (550 5.1.1 Recipient address rejected)" in text
    assert resend_refused(user=cast.reporter, actor=cast.actor(cast.reporter)) == 2
    assert resend_refused(user=cast.reporter) == 0
    for old in (first, second):
        new = OutgoingEmail.objects.get(key=f"resend:{old.pk}")
        assert new.to == cast.reporter.email and old.notices.count() == 0
        assert new.notices.count() == 1
    assert "bị máy chủ thư từ chối" not in page(client)


def test_resend_without_an_address_changes_nothing(client: Client) -> None:
    cast = make_cast()
    old = refused(cast.reporter, "cu@tinh.gov.vn", ["Nhắc việc"], "e")
    client.force_login(cast.reporter)
    response = client.post(reverse("notifications:resend"), follow=True)
    assert "Tài khoản chưa có địa chỉ thư điện tử: không gửi lại được." in html.unescape(
        response.content.decode()
    )
    assert OutgoingEmail.objects.count() == 1 and old.notices.count() == 1


def test_resend_is_a_post_for_a_logged_in_person(client: Client) -> None:
    cast = make_cast()
    cast.reporter.email = "yte.chuyenvien@tinh.gov.vn"
    cast.reporter.save()
    refused(cast.reporter, "cu@tinh.gov.vn", ["Nhắc việc"], "f")
    assert client.post(reverse("notifications:resend")).status_code == 302  # to the login page
    client.force_login(cast.reporter)
    assert client.get(reverse("notifications:resend")).status_code == 405
    assert OutgoingEmail.objects.count() == 1
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.reporter)
    assert strict.post(reverse("notifications:resend")).status_code == 403
    assert OutgoingEmail.objects.count() == 1


# --- agencies without reminder recipients ---------------------------------------------------


def unreached(client: Client) -> str:
    response = client.get(reverse("notifications:unreached"))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def row(*cells: object) -> str:
    return "<tr>" + "".join(
        f'<td class="num">{c}</td>' if isinstance(c, int) else f"<td>{c}</td>" for c in cells
    )


def test_agencies_without_recipients_are_listed_for_the_standing_body(client: Client) -> None:
    cast = make_cast()
    unit = make_agency("Trung tâm Kiểm soát bệnh tật", parent=cast.health)
    for deadline in (dt.date(2030, 3, 1), dt.date(2030, 4, 1), None):
        make_item(cast.plan, lead=unit, deadline=deadline)
    make_item(cast.plan, lead=cast.police, deadline=dt.date(2030, 3, 1))
    staffed_by_child = make_agency("Sở Công Thương", parent=cast.province)
    market = make_agency("Chi cục Quản lý thị trường", parent=staffed_by_child)
    make_item(cast.plan, lead=staffed_by_child, deadline=dt.date(2030, 3, 1))
    membership_set(user=User.objects.create_user("t.qltt"), agency=market, role=Role.REPORTER)
    client.force_login(cast.standing)
    text = unreached(client)
    # Its parent (Sở Y tế) has a head, who gets its reminders.
    assert row("Trung tâm Kiểm soát bệnh tật", 3, 2, "Lãnh đạo Sở Y tế") in text
    # Only a standing account at the police; its parent is the province: the standing body.
    assert row("Công an tỉnh", 1, 1, "Cơ quan thường trực") in text
    assert "<td>Sở Y tế</td>" not in text  # it has reporters and a head
    assert "Sở Công Thương" not in text  # a unit below it has a reporter, who is reminded
    assert "Sở Tư pháp" not in text
    assert "đơn vị chưa có tài khoản nhận nhắc việc" in text
    assert "2 cơ quan, đơn vị chưa có người nhận nhắc việc" in text
    # Once the unit has a reporter, it leaves the list.
    person = User.objects.create_user("t.cdc.chuyenvien")
    membership_set(user=person, agency=unit, role=Role.REPORTER)
    assert "Trung tâm Kiểm soát bệnh tật" not in unreached(client)
    # An inactive account receives nothing: the unit is back.
    person.is_active = False
    person.save()
    assert row("Trung tâm Kiểm soát bệnh tật", 3, 2) in unreached(client)
    assert "Đơn vị chưa có người nhận nhắc việc" in page(client)  # linked from the centre


def test_the_list_follows_succession_and_stays_in_the_province(client: Client) -> None:
    cast = make_cast()
    old = make_agency("Sở Thông tin và Truyền thông", parent=cast.province)
    new = make_agency("Sở Khoa học và Công nghệ", parent=cast.province)
    make_item(cast.plan, lead=old, deadline=dt.date(2030, 3, 1))
    agency_record_succession(predecessor=old, successors=[new], effective_on=dt.date(2025, 3, 1))
    elsewhere = make_agency("UBND tỉnh Khác", kind=AgencyKind.PROVINCE)
    far = make_agency("Sở Y tế tỉnh Khác", parent=elsewhere)
    make_item(make_plan(elsewhere), lead=far, deadline=dt.date(2030, 3, 1))
    client.force_login(cast.admin)
    text = unreached(client)
    assert row("Sở Khoa học và Công nghệ", 1, 1, "Cơ quan thường trực") in text
    assert "Sở Thông tin và Truyền thông" not in text  # abolished: its work is the successor's
    assert "tỉnh Khác" not in text


def test_others_cannot_list_agencies_without_recipients(client: Client) -> None:
    cast: Cast = make_cast()
    make_item(cast.plan, lead=make_agency("Trung tâm Y tế", parent=cast.health))
    for user in (cast.reporter, cast.head, cast.outsider, cast.leader):
        client.force_login(user)
        response = client.get(reverse("notifications:unreached"))
        assert response.status_code == 403
        assert "Trung tâm Y tế" not in response.content.decode()
        assert "Đơn vị chưa có người nhận nhắc việc" not in page(client)
    client.force_login(cast.standing)
    assert "Trung tâm Y tế" in unreached(client)


def test_the_list_takes_the_same_queries_for_many_agencies() -> None:
    cast = make_cast()
    day = timezone.localdate()

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            rows = agencies_without_recipients(cast.province, day)
        return len(rows), len(captured)

    make_item(cast.plan, lead=make_agency(parent=cast.health), deadline=dt.date(2030, 1, 1))
    few, few_queries = queries()
    for _ in range(8):
        make_item(cast.plan, lead=make_agency(parent=cast.justice), deadline=dt.date(2030, 1, 1))
    many, many_queries = queries()
    assert (few, many) == (1, 9)
    assert many_queries == few_queries
