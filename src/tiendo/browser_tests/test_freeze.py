"""Meeting mode in a real Chromium: ask the IOC as of (D, K), press "Chốt số liệu", follow the
permanent link and open the report from the frozen figures."""

from __future__ import annotations

import re
from typing import Any

from tiendo.browser_tests.conftest import BROWSER_TEST_MARKS, SHOTS
from tiendo.browser_tests.test_ioc import CHARTS_DRAWN, PHONE, axe_violations, login, wait_until
from tiendo.sample.loader import load_sample

pytestmark = BROWSER_TEST_MARKS

FIGURES = "Object.fromEntries([...document.querySelectorAll('[data-figure]')].map(e => [e.dataset.figure, e.textContent]))"  # noqa: E501


def test_freeze_the_figures_and_follow_the_permanent_link(live_server: Any, browser: Any) -> None:
    load_sample()
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = login(browser, base, "thuongtruc", (1366, 768))
    page.goto(f"{base}/ioc/tong-quan/?ngay=2024-03-31")
    # K is typed as officials write it, in the field its label names, and kept in the URL.
    page.get_by_label("Theo dữ liệu ghi nhận đến").fill("02/04/2024 14:00")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*ghi_nhan=02%2F04%2F2024.*"))
    tab = page.locator(".tabs a", has_text="Đơn vị").get_attribute("href")
    assert "ghi_nhan=2024-04-02T14%3A00" in tab  # links between the pages keep it
    stamp = page.inner_text(".stamp[data-asof]")
    assert "31/03/2024" in stamp and "14:00 ngày 02/04/2024" in stamp
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    wait_until(page, CHARTS_DRAWN)
    shown = page.evaluate(FIGURES)
    assert axe_violations(page) == []
    page.screenshot(path=str(SHOTS / "ioc-chot-so-lieu-1366x768.png"), full_page=True)

    page.get_by_label("Tên cuộc họp").fill("Giao ban Đề án 06 quý I/2024")
    page.get_by_role("button", name="Chốt số liệu").click()
    page.wait_for_url(re.compile(r".*/ioc/chot/\d+/$"))
    banner = page.inner_text(".frozen")
    assert "Giao ban Đề án 06 quý I/2024" in banner
    assert "hiển thị đúng như tại cuộc họp" in banner
    assert page.evaluate(FIGURES) == shown
    permanent = page.url

    page.goto(f"{base}/ioc/tong-quan/")  # elsewhere, then back by the permanent link
    page.goto(permanent)
    page.locator(".frozen a", has_text="/ioc/chot/").click()
    page.wait_for_url(permanent)
    assert page.evaluate(FIGURES) == shown
    assert "14:00 ngày 02/04/2024" in page.inner_text(".stamp[data-asof]")
    page.screenshot(path=str(SHOTS / "ioc-da-chot-1366x768.png"), full_page=True)

    page.get_by_role("link", name="Lập báo cáo từ số liệu đã chốt").click()
    page.wait_for_url(re.compile(r".*/bao-cao-tong-hop/\?.*"))
    assert page.input_value("#id_ngay") == "31/03/2024"
    assert page.input_value("#id_known_at") == "02/04/2024 14:00"

    phone = login(browser, base, "lanhdao", PHONE)
    phone.goto(permanent)
    wait_until(phone, CHARTS_DRAWN)
    assert phone.evaluate(FIGURES) == shown  # a leader reads the same province-wide figures
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    assert axe_violations(phone) == []
    phone.screenshot(path=str(SHOTS / "ioc-da-chot-390x844.png"), full_page=True)
