"""The operations centre in a real Chromium: the desk sizes, a phone, and the wall screen."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest

from tiendo.browser_tests.conftest import BROWSER_TEST_MARKS, SHOTS
from tiendo.sample.loader import DEMO_PASSWORD, load_sample

pytestmark = BROWSER_TEST_MARKS
SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}
PHONE = (390, 844)
# axe-core, vendored for the browser tests by another part of the suite (never served).
AXE = Path(__file__).parent / "vendor" / "axe.min.js"

# Every IOC page, by the name its screenshot carries.
PAGES = {
    "tong-quan": "/ioc/tong-quan/?ngay=2024-03-31",
    "don-vi": "/ioc/don-vi/?ngay=2024-03-31",
    "don-vi-so-y-te": "/ioc/don-vi/40.SYT/?ngay=2024-03-31",
    "vuong-mac": "/ioc/vuong-mac/?ngay=2024-03-31",
    "chi-tieu": "/ioc/chi-tieu/",
    "chi-tieu-hstt": "/ioc/chi-tieu/HSTT/",
    "man-hinh": "/ioc/?ngay=2024-03-31",
}

# Controls a finger taps, smaller than 44×44 px (a visible one only).
SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
    '.topbar a, .topbar button, .tabs a, .ioc-filters input, .ioc-filters select, ' +
    '.ioc-filters button, .ioc details > summary, .ioc .tile, .ioc table a, .ioc .recs a'))
  .filter(e => e.offsetParent !== null && e.type !== 'hidden')
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.height < 44 || r.width < 44)
  .map(([e, r]) => `${e.tagName} "${e.textContent.trim().slice(0, 30)}" ${r.width}×${r.height}`)"""

CHARTS_DRAWN = "Array.from(document.querySelectorAll('canvas')).every(c => c.width > 0)"


def login(browser: Any, base: str, username: str, size: tuple[int, int], **options: Any) -> Any:
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, locale="vi-VN", **options
    )
    if AXE.exists():
        context.add_init_script(path=str(AXE))  # injected by the browser, not the page (CSP)
    page = context.new_page()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    return page


def wait_until(page: Any, expression: str, timeout: float = 15.0) -> None:
    """Poll an expression from here: page.wait_for_function evaluates its predicate inside the
    page, which the Content-Security-Policy (no 'unsafe-eval') refuses when it has to retry."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {expression}"
        page.wait_for_timeout(100)


def axe_violations(page: Any) -> list[str]:
    if not AXE.exists():
        return []
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"
    )
    return list(found)


@pytest.mark.parametrize("size", list(SIZES))
def test_ioc_pages_and_drill_down(live_server: Any, browser: Any, size: str) -> None:
    load_sample()  # transactional tests start from an empty database
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = login(browser, base, "thuongtruc", SIZES[size])
    page.goto(f"{base}/ioc/tong-quan/?ngay=2024-03-31")
    wait_until(page, "document.querySelector('canvas').width > 0")
    text = page.inner_text("main")
    assert "toàn tỉnh đã hoàn thành 06 mô hình, đang thực hiện 20 mô hình" in text
    assert "Có 51 nhiệm vụ tại 10 nhóm nhiệm vụ" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size][0]
    page.screenshot(path=str(SHOTS / f"ioc-tong-quan-{size}.png"), full_page=True)

    # The agency is picked by name; the URL carries its code and the cut-off stays.
    page.select_option("#id_don_vi", label="Sở Y tế")
    page.click(".ioc-filters button[type=submit]")
    page.wait_for_url(re.compile(r".*don_vi=40\.SYT.*"))
    assert "ngay=31%2F03%2F2024" in page.url or "ngay=31/03/2024" in page.url
    assert "31/03/2024" in page.inner_text(".stamp")
    page.select_option("#id_don_vi", value="")
    page.click(".ioc-filters button[type=submit]")

    page.click(".tabs a:text-is('Đơn vị')")
    page.wait_for_url(re.compile(r".*/ioc/don-vi/.*"))
    page.screenshot(path=str(SHOTS / f"ioc-don-vi-{size}.png"), full_page=True)
    first_overdue = page.locator("table tbody tr").first.locator("td").nth(4)
    expected = int(first_overdue.inner_text().replace(".", ""))
    first_overdue.locator("a").click()
    page.wait_for_url(re.compile(r".*han=overdue.*"))
    assert page.locator("table.items tbody tr").count() == expected
    page.screenshot(path=str(SHOTS / f"ioc-don-vi-qua-han-{size}.png"), full_page=True)
    item = page.locator("table.items tbody a").first
    assert item.get_attribute("href").endswith("?ngay=2024-03-31")  # the item as of the cut-off

    page.goto(f"{base}/ioc/chi-tieu/HSTT/")
    wait_until(page, "document.querySelector('canvas').width > 0")
    assert "Xếp hạng địa bàn" in page.inner_text("main")
    page.screenshot(path=str(SHOTS / f"ioc-chi-tieu-{size}.png"), full_page=True)
    page.goto(f"{base}/ioc/chi-tieu/HSTT/?ngay=2024-03-31")
    assert "Chưa có số liệu của chỉ tiêu này đến ngày 31/03/2024" in page.inner_text("main")

    wall = login(browser, base, "lanhdao", SIZES[size])
    wall.goto(f"{base}/ioc/?ngay=2024-03-31")
    wait_until(wall, CHARTS_DRAWN)
    assert wall.locator("meta[http-equiv=refresh]").count() == 0
    assert wall.locator(".wall-grid .panel:visible").count() == 3  # all at once, no rotation
    assert wall.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    ) == list(SIZES[size])  # the screen, no scrolling
    assert axe_violations(wall) == []
    wall.screenshot(path=str(SHOTS / f"ioc-man-hinh-{size}.png"))


def test_ioc_pages_fit_a_phone(live_server: Any, browser: Any) -> None:
    load_sample()
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = login(browser, base, "thuongtruc", PHONE)
    for name, path in PAGES.items():
        page.goto(base + path)
        wait_until(page, CHARTS_DRAWN)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE[0], f"{name} is {width} px wide"
        assert page.evaluate(SMALL_TARGETS) == [], name
        for wrap in page.locator(".table-wrap").all():  # tables scroll inside their frame
            box = wrap.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0]
        for canvas in page.locator("canvas").all():  # charts scale to the screen
            box = canvas.bounding_box()
            assert box is not None and box["width"] <= PHONE[0]
        assert axe_violations(page) == [], name
        page.screenshot(path=str(SHOTS / f"ioc-{name}-390x844.png"), full_page=True)


def test_wall_fills_the_screen_and_refreshes_itself(live_server: Any, browser: Any) -> None:
    load_sample()
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    wall = login(browser, base, "lanhdao", (1920, 1080))
    wall.goto(f"{base}/ioc/")
    wait_until(wall, CHARTS_DRAWN)
    assert wall.locator("meta[http-equiv=refresh]").count() == 0
    boxes = [
        wall.locator(selector).bounding_box()
        for selector in (".wall-head", ".wall-tiles", ".panel.burn", ".panel.overdue", ".panel.kpi")
    ]
    assert all(boxes), boxes
    left = min(b["x"] for b in boxes if b)
    right = max(b["x"] + b["width"] for b in boxes if b)
    bottom = max(b["y"] + b["height"] for b in boxes if b)
    assert left <= 40 and right >= 1880 and bottom >= 1040, boxes  # the whole screen
    assert bottom <= 1080 and wall.evaluate("document.documentElement.scrollHeight") == 1080
    # Read from the back of the room: figures over 70 px, text of 24 px and more.
    assert (
        float(wall.eval_on_selector(".wall-tiles .n", "e => getComputedStyle(e).fontSize")[:-2])
        > 70
    )
    assert float(wall.eval_on_selector(".wall", "e => getComputedStyle(e).fontSize")[:-2]) >= 24
    assert wall.locator(".kpis meter").count() > 0  # indicators against target
    assert wall.locator("table.rank tbody tr").count() > 0  # the most overdue agencies
    assert "Tự cập nhật 5 phút một lần" in wall.inner_text("#wall-refresh")
    assert axe_violations(wall) == []
    wall.screenshot(path=str(SHOTS / "ioc-man-hinh-hom-nay-1920x1080.png"))

    # The script fetches fresh figures in place and says when they were computed.
    before = wall.get_attribute("time[data-computed]", "datetime")
    wall.wait_for_timeout(1100)
    wall.evaluate("window.tiendoWall.refresh()")
    assert wall.get_attribute("time[data-computed]", "datetime") != before
    wait_until(wall, CHARTS_DRAWN)
    # A failed fetch leaves the figures on screen and says so.
    wall.route(re.compile(r".*/ioc/.*"), lambda route: route.abort())
    wall.evaluate("window.tiendoWall.refresh()")
    assert "Không lấy được số liệu mới" in wall.inner_text("#wall-refresh")
    assert wall.locator(".wall-tiles [data-figure=total]").inner_text() != ""
    wall.unroute(re.compile(r".*/ioc/.*"))

    # Without script every panel shows, the burn-up as a table.
    plain = login(browser, base, "lanhdao", (1920, 1080), java_script_enabled=False)
    plain.goto(f"{base}/ioc/?ngay=2024-03-31")
    assert plain.locator("meta[http-equiv=refresh]").count() == 0
    for selector in (".wall-tiles", ".panel.burn", ".panel.overdue", ".panel.kpi"):
        assert plain.locator(selector).is_visible(), selector
    assert plain.locator(".chart-table table").is_visible()
    assert "tải lại trang" in plain.inner_text("#wall-refresh")
    plain.screenshot(path=str(SHOTS / "ioc-man-hinh-khong-script-1920x1080.png"))
