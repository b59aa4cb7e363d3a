"""The "Việc cần làm" page in a real Chromium: a reporter logs in and lands on it, at the two
screen sizes officials use (an office laptop and a phone)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tiendo.browser_tests.conftest import BROWSER_TEST_MARKS, SHOTS
from tiendo.plans.services import item_upsert
from tiendo.progress.models import Decision, Lifecycle, PeriodKind
from tiendo.progress.periods import period_open
from tiendo.progress.services import UpdateInput, update_create_draft, update_review, update_send
from tiendo.testing import TEST_PASSWORD, Cast, make_cast

pytestmark = BROWSER_TEST_MARKS
SIZES = {"1366x768": (1366, 768), "390x844": (390, 844)}


def situation() -> Cast:
    """Today's work of Sở Y tế: items overdue and due soon, a returned report, a draft."""
    cast = make_cast()
    today = timezone.localdate()
    period = period_open(
        actor=None,
        plan=cast.plan,
        kind=PeriodKind.CUSTOM,
        starts_on=today - dt.timedelta(days=20),
        cutoff=today - dt.timedelta(days=1),
        label="Báo cáo tháng này",
        holidays=set(),
    )
    titles = [
        ("Kết nối, chia sẻ dữ liệu khám chữa bệnh với Cơ sở dữ liệu quốc gia về dân cư", -12),
        ("Triển khai sổ sức khỏe điện tử trên ứng dụng VNeID cho người dân toàn tỉnh", -3),
        ("Thanh toán không dùng tiền mặt tại 100% bệnh viện công lập", 2),
        ("Cấp giấy chứng sinh, báo tử liên thông điện tử", 30),
    ]
    items = [
        item_upsert(
            plan=cast.plan,
            kind="task",
            code=f"2.{n}",
            title=title,
            lead_agency=cast.health,
            deadline=today + dt.timedelta(days=days),
            start_date=dt.date(2024, 1, 10),
            product_type="Văn bản",
            unit="%",
            recorded_at=cast.plan.recorded_at,
        )
        for n, (title, days) in enumerate(titles, start=1)
    ]
    reporter, head = cast.actor(cast.reporter), cast.actor(cast.head)
    data = UpdateInput(valid_on=period.cutoff, state=Lifecycle.IN_PROGRESS, percent=60)
    returned = update_create_draft(actor=reporter, item=items[3], period=period, data=data)
    update_send(actor=head, update=returned, expected_version=returned.version)
    update_review(
        actor=cast.actor(cast.standing),
        update=returned,
        decision=Decision.RETURNED,
        note="Tỷ lệ hoàn thành chưa khớp với kết quả nêu trong báo cáo; đề nghị rà soát lại.",
    )
    update_create_draft(actor=reporter, item=items[2], period=period, data=data)
    return cast


def test_reporter_lands_on_the_todo_page(live_server: Any, browser: Any) -> None:
    cast = situation()
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size, (width, height) in SIZES.items():
        page = browser.new_page(viewport={"width": width, "height": height}, locale="vi-VN")
        page.goto(f"{base}/tai-khoan/dang-nhap/")
        page.fill("#id_username", cast.reporter.username)
        page.fill("#id_password", TEST_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/viec-can-lam/")
        text = page.inner_text("main")
        assert "Việc cần làm" in page.inner_text("nav")
        assert "Nhiệm vụ quá hạn của đơn vị" in text and "Quá hạn 12 ngày" in text
        assert "Lý do trả lại: Tỷ lệ hoàn thành chưa khớp" in text
        assert page.locator("#du-thao tbody tr").count() == 1
        page.screenshot(path=str(SHOTS / f"todo-{size}.png"), full_page=True)
        if width == 390:
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.close()
