"""The notification centre in a real Chromium, at an office laptop's and a phone's size: the
filter is chosen and applied, the pages are turned, the way of receiving mail is read and saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tiendo.browser_tests.conftest import BROWSER_TEST_MARKS, SHOTS
from tiendo.notifications.models import Notification, NotificationPreference
from tiendo.testing import TEST_PASSWORD, make_cast

pytestmark = BROWSER_TEST_MARKS
SIZES = {"1366x768": (1366, 768), "390x844": (390, 844)}


def test_a_reporter_filters_pages_and_chooses_how_to_receive_mail(
    live_server: Any, browser: Any
) -> None:
    cast = make_cast()
    start = timezone.now() - dt.timedelta(days=30)
    Notification.objects.bulk_create(
        Notification(
            recipient=cast.reporter,
            kind="returned" if n % 20 == 0 else "due_soon",
            key=f"b:{n}",
            subject=f"Nhắc việc số {n:03d}: nhiệm vụ 2.{n} đến hạn ngày 30/06/2024 (còn 7 ngày)",
            body="Đề nghị hoàn thành và báo cáo kết quả đúng hạn.",
            created_at=start + dt.timedelta(hours=n),
        )
        for n in range(120)
    )
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size, (width, height) in SIZES.items():
        page = browser.new_page(viewport={"width": width, "height": height}, locale="vi-VN")
        page.goto(f"{base}/tai-khoan/dang-nhap/")
        page.fill("#id_username", cast.reporter.username)
        page.fill("#id_password", TEST_PASSWORD)
        page.click("button[type=submit]")
        page.goto(f"{base}/thong-bao/")
        assert "120 thông báo · Trang 1/3" in page.inner_text("main")
        page.click("a:has-text('Trang sau')")
        page.wait_for_url("**trang=2")
        assert "Nhắc việc số 069" in page.inner_text("main")
        page.select_option("#id_loai", label="Báo cáo bị trả lại")
        page.click("button:has-text('Lọc')")
        page.wait_for_url("**loai=returned**")
        text = page.inner_text("main")
        assert "6 thông báo" in text and "Nhắc việc số 001" not in text
        page.screenshot(path=str(SHOTS / f"thong-bao-{size}.png"), full_page=True)
        if width == 390:
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # What "Không gửi thư" means is read before it is chosen.
        page.click("summary:has-text('Cách nhận thư điện tử')")
        assert "nhắc việc bắt buộc của cơ quan thường trực" in page.inner_text("#delivery-help")
        page.select_option("#id_delivery", value="weekly")
        page.click("button:has-text('Lưu')")
        page.wait_for_selector("text=Đã lưu cách nhận thư")
        assert NotificationPreference.objects.get(user=cast.reporter).delivery == "weekly"
        page.close()
