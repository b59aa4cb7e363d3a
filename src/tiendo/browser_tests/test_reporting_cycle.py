"""The whole reporting cycle in a real Chromium, as the people who do it every day.

A Sở Y tế reporter drafts, the head sends, the standing body returns it with a reason, the reporter
revises, the head sends again, the standing body confirms, and the status engine then counts the
item as done on time. Screenshots of every step go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tiendo.browser_tests.conftest import BROWSER_TEST_MARKS, SHOTS
from tiendo.progress.models import Decision, ProgressUpdate
from tiendo.status.selectors import AsOf, DeadlineClass, Scope, item_statuses
from tiendo.testing import TEST_PASSWORD, Cast, make_cast

pytestmark = BROWSER_TEST_MARKS


class Person:
    """One person at one browser window."""

    def __init__(
        self, browser: Any, base: str, username: str, width: int = 1366, height: int = 768
    ):
        self.page = browser.new_page(viewport={"width": width, "height": height}, locale="vi-VN")
        self.base = base
        self.page.goto(f"{base}/tai-khoan/dang-nhap/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", TEST_PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(f"{base}/viec-can-lam/")

    def go(self, path: str) -> None:
        self.page.goto(f"{self.base}{path}")

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def flash(self) -> str:
        return str(self.page.locator(".message").first.inner_text())


def test_reporting_cycle_from_draft_to_confirmed(live_server: Any, browser: Any) -> None:
    cast: Cast = make_cast()
    base = live_server.url
    item = cast.item

    reporter = Person(browser, base, cast.reporter.username)
    reporter.go(f"/nhiem-vu/{item.pk}/")
    reporter.shot("01-chuyen-vien-xem-nhiem-vu")
    reporter.page.click("text=Lập báo cáo tiến độ")
    reporter.page.select_option("#id_state", "done")
    reporter.page.fill("#id_percent", "100")
    reporter.page.fill("#id_achieved", "100")
    reporter.page.fill("#id_completed_on", "2024-03-10")
    reporter.page.fill("#id_narrative", "Đã triển khai tại 100% cơ sở khám chữa bệnh công lập.")
    reporter.page.select_option("#id_obstacle_1_category", "infrastructure")
    reporter.page.fill("#id_obstacle_1_text", "Đường truyền tại trạm y tế xã chưa ổn định.")
    reporter.shot("02-chuyen-vien-lap-bao-cao")
    reporter.page.click("text=Lưu dự thảo")
    assert "Đã lưu dự thảo" in reporter.flash()
    reporter.shot("03-du-thao-da-luu")
    draft = ProgressUpdate.objects.get(item=item)
    assert draft.recorded_at is None and draft.obstacles.count() == 1

    head = Person(browser, base, cast.head.username)
    head.go(f"/bao-cao/{draft.pk}/")
    head.page.click("text=Duyệt và gửi cơ quan thường trực")
    assert "Đã gửi báo cáo" in head.flash()
    head.shot("04-lanh-dao-don-vi-gui")

    standing = Person(browser, base, cast.standing.username)
    standing.go("/tiep-nhan/")
    standing.shot("05-thuong-truc-tiep-nhan")
    standing.page.click("text=xem và xử lý")
    standing.page.fill("#id_note", "Chưa có minh chứng số cơ sở đã triển khai; đề nghị bổ sung.")
    standing.page.click("text=Trả lại để bổ sung")
    assert "Đã ghi nhận ý kiến" in standing.flash()
    standing.shot("06-thuong-truc-tra-lai")
    draft.refresh_from_db()
    assert draft.decision == Decision.RETURNED

    reporter.go(f"/bao-cao/{draft.pk}/")
    assert "Chưa có minh chứng" in reporter.page.content()
    reporter.page.click("text=Lập báo cáo bổ sung")
    reporter.page.fill("#id_narrative", "Đã triển khai tại 45/45 cơ sở; kèm danh sách cơ sở.")
    reporter.page.click("text=Lưu dự thảo")
    reporter.shot("07-chuyen-vien-bo-sung")
    revision = ProgressUpdate.objects.get(supersedes=draft)

    head.go(f"/bao-cao/{revision.pk}/")
    head.page.click("text=Duyệt và gửi cơ quan thường trực")
    standing.go(f"/bao-cao/{revision.pk}/")
    standing.page.click("button:has-text('Xác nhận')")
    standing.shot("08-thuong-truc-xac-nhan")
    revision.refresh_from_db()
    assert revision.decision == Decision.CONFIRMED

    [row] = item_statuses(Scope(item_ids=[item.pk]), AsOf.make(dt.date(2024, 3, 31)))
    assert (row.state, row.deadline_class) == ("done", DeadlineClass.DONE_ON_TIME)

    reporter.go(f"/nhiem-vu/{item.pk}/")
    history = reporter.page.locator("#lich-su + ol").inner_text()
    assert "Trả lại báo cáo" in history and "Xác nhận báo cáo" in history
    reporter.shot("09-lich-su-nhiem-vu")
    phone = Person(browser, base, cast.reporter.username, width=390, height=844)
    phone.go(f"/nhiem-vu/{item.pk}/")
    phone.shot("10-dien-thoai-nhiem-vu")
