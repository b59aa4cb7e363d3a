"""The operations centre in a real Chromium at the two screen sizes it is used on."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tiendo.browser_tests.conftest import BROWSER_TEST_MARKS, SHOTS
from tiendo.sample.loader import DEMO_PASSWORD, load_sample

pytestmark = BROWSER_TEST_MARKS
SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}


def login(browser: Any, base: str, username: str, size: tuple[int, int]) -> Any:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]}, locale="vi-VN")
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


@pytest.mark.parametrize("size", list(SIZES))
def test_ioc_pages_and_drill_down(live_server: Any, browser: Any, size: str) -> None:
    load_sample()  # transactional tests start from an empty database
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = login(browser, base, "thuongtruc", SIZES[size])
    page.goto(f"{base}/ioc/tong-quan/?ngay=2024-03-31")
    page.wait_for_function("document.querySelector('canvas').width > 0")
    text = page.inner_text("main")
    assert "toàn tỉnh đã hoàn thành 06 mô hình, đang thực hiện 20 mô hình" in text
    assert "Có 51 nhiệm vụ tại 10 nhóm nhiệm vụ" in text
    page.screenshot(path=str(SHOTS / f"ioc-tong-quan-{size}.png"), full_page=True)

    page.click(".tabs a:text-is('Đơn vị')")
    page.wait_for_url(re.compile(r".*/ioc/don-vi/.*"))
    page.screenshot(path=str(SHOTS / f"ioc-don-vi-{size}.png"), full_page=True)
    first_overdue = page.locator("table tbody tr").first.locator("td").nth(4)
    expected = int(first_overdue.inner_text())
    first_overdue.locator("a").click()
    page.wait_for_url(re.compile(r".*han=overdue.*"))
    assert page.locator("table.items tbody tr").count() == expected
    page.screenshot(path=str(SHOTS / f"ioc-don-vi-qua-han-{size}.png"), full_page=True)

    page.goto(f"{base}/ioc/chi-tieu/HSTT/")
    page.wait_for_function("document.querySelector('canvas').width > 0")
    assert "Xếp hạng địa bàn" in page.inner_text("main")
    page.screenshot(path=str(SHOTS / f"ioc-chi-tieu-{size}.png"), full_page=True)

    wall = login(browser, base, "lanhdao", SIZES[size])
    wall.goto(f"{base}/ioc/?ngay=2024-03-31")
    assert wall.locator("meta[http-equiv=refresh]").count() == 1
    assert wall.locator(".panels .panel:not([hidden])").count() == 1  # panels rotate
    wall.screenshot(path=str(SHOTS / f"ioc-man-hinh-{size}.png"))
