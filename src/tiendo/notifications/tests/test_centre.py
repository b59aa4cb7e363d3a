"""The notification centre as people use it: pages past 200, a filter by kind, what each way of
receiving e-mail means before choosing it, and the list of agencies nobody is reminded for."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tiendo.accounts.models import Role
from tiendo.accounts.services import membership_set
from tiendo.notifications.models import Notification
from tiendo.testing import Cast, make_agency, make_cast, make_item

pytestmark = pytest.mark.django_db


def page(client: Client, query: str = "") -> str:
    response = client.get(f"{reverse('notifications:inbox')}{query}")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def fill(user: User, count: int, kind: str = "due_soon") -> None:
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


def test_the_centre_pages_past_200_and_keeps_the_filter(client: Client) -> None:
    cast = make_cast()
    fill(cast.reporter, 230)
    fill(cast.reporter, 3, kind="returned")
    client.force_login(cast.reporter)
    first = page(client)
    assert "233 thông báo · Trang 1/5" in first
    assert "[returned số 002]" in first and "[due_soon số 000]" not in first
    last = page(client, "?trang=5")
    assert "[due_soon số 000]" in last and "Trang trước" in last and "Trang sau" not in last
    only = page(client, "?loai=returned")
    assert "3 thông báo" in only and "[due_soon" not in only and "[returned số 000]" in only
    due = page(client, "?loai=due_soon&trang=2")
    assert "230 thông báo · Trang 2/5" in due and "loai=due_soon&trang=3" in due
    Notification.objects.filter(kind="returned").update(read_at=timezone.now())
    unread = page(client, "?loai=returned&chua_doc=on")
    assert "0 thông báo" in unread and "Chưa có thông báo nào." in unread


@pytest.mark.parametrize("query", ["?trang=abc", "?trang=999", "?loai=khong-co", "?trang=-1"])
def test_odd_filters_and_pages_never_fail(client: Client, query: str) -> None:
    cast = make_cast()
    fill(cast.reporter, 60)
    client.force_login(cast.reporter)
    text = page(client, query)
    assert "thông báo" in text and "[due_soon số" in text


def test_what_off_means_is_said_before_saving_and_a_missing_address_is_told(
    client: Client,
) -> None:
    cast = make_cast()
    client.force_login(cast.reporter)
    text = page(client)
    assert (
        "không nhận thư thông thường, chỉ xem tại đây; nhắc việc bắt buộc của cơ quan thường "
        "trực (quá hạn, báo cáo bị trả lại, gia hạn…) vẫn được gửi gộp một thư mỗi ngày" in text
    )
    assert "nhắc việc bắt buộc vẫn được gửi hằng ngày" in text  # weekly
    assert "chưa có địa chỉ thư điện tử" in text
    cast.reporter.email = "yte.chuyenvien@tinh.gov.vn"
    cast.reporter.save()
    assert "chưa có địa chỉ thư điện tử" not in page(client)
    saved = client.post(reverse("notifications:preference"), {"delivery": "off"}, follow=True)
    assert "Đã lưu cách nhận thư: Không gửi thư" in html.unescape(saved.content.decode())
    assert cast.reporter.notification_preference.delivery == "off"


def test_agencies_without_recipients_are_listed_for_the_standing_body(client: Client) -> None:
    cast = make_cast()
    unit = make_agency("Trung tâm Kiểm soát bệnh tật", parent=cast.health)
    for deadline in (dt.date(2030, 3, 1), dt.date(2030, 4, 1)):
        make_item(cast.plan, lead=unit, deadline=deadline)
    make_item(cast.plan, lead=cast.police, deadline=dt.date(2030, 3, 1))
    client.force_login(cast.standing)
    response = client.get(reverse("notifications:unreached"))
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "<td>Trung tâm Kiểm soát bệnh tật</td><td>2</td>" in text
    assert "<td>Công an tỉnh</td><td>1</td>" in text  # only a standing account there
    assert "<td>Sở Y tế</td>" not in text  # it has reporters and a head
    # Once the unit has a reporter, it leaves the list.
    person = User.objects.create_user("t.cdc.chuyenvien")
    membership_set(user=person, agency=unit, role=Role.REPORTER)
    text = html.unescape(client.get(reverse("notifications:unreached")).content.decode())
    assert "Trung tâm Kiểm soát bệnh tật" not in text
    assert "Đơn vị chưa có người nhận nhắc việc" in page(client)  # linked from the centre


def test_others_cannot_list_agencies_without_recipients(client: Client) -> None:
    cast: Cast = make_cast()
    for user in (cast.reporter, cast.head, cast.leader):
        client.force_login(user)
        assert client.get(reverse("notifications:unreached")).status_code == 403
        assert "Đơn vị chưa có người nhận nhắc việc" not in page(client)
