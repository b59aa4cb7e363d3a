"""The report page in Chromium with script on: a draft belongs to its cut-off.

An official drafts for 31/03/2024, edits a section, then changes the cut-off to 30/06/2024 and
clicks a download button: no file (it would print 30/06 in the header over 31/3's figures); the
page says it redrafted and shows the 30/06 draft; the next download carries 30/06 only.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tiendo.browser_tests.conftest import BROWSER_TEST_MARKS
from tiendo.browser_tests.test_real_use import (  # the shared server and logged-in people
    DOWNLOADS,
    SHARED,
    People,
    axe_violations,
    chromium,
    draft_report,
    file_text,
    people,
    shared_server,
    shot,
)

pytestmark = [pytest.mark.django_db, BROWSER_TEST_MARKS[1]] if SHARED else BROWSER_TEST_MARKS
__all__ = ["chromium", "people", "shared_server"]

EDITED = "Đoạn này do Cơ quan Thường trực sửa cho báo cáo quý I, không được in sang kỳ khác."


def test_changing_the_cutoff_after_editing_redrafts_instead_of_downloading(
    people: People,
) -> None:
    page = people("thuongtruc")
    draft_report(page, people.base)
    assert "31/03/2024" in page.locator("section.card .stamp").first.inner_text()
    # The issue date and summary followed the chosen cut-off, not the page's first default.
    assert page.input_value("#id_issued_on") == "02/04/2024"
    assert page.input_value("#id_summary") == "Kết quả thực hiện Đề án 06 quý I năm 2024"
    section = page.locator("textarea[name^=section_]").nth(1)
    section.fill(EDITED)

    page.fill("#id_ngay", "30/06/2024")
    note = page.locator("[data-field=ngay] .draft-note")
    assert note.is_visible(), "changing the cut-off after drafting gave no warning"
    assert "nội dung đã sửa" in note.inner_text()
    shot(page, "bao-cao-doi-ngay-chot")

    downloads: list[Any] = []

    def seen(download: Any) -> None:
        downloads.append(download)

    page.on("download", seen)
    with page.expect_navigation(timeout=60_000):
        page.click(f"button:has-text('{DOWNLOADS['docx']}')")
    page.wait_for_timeout(500)
    assert not downloads, "a file was sent for a draft of another cut-off"
    page.remove_listener("download", seen)
    message = page.locator(".message").first.inner_text()
    assert "Ngày chốt số liệu đã đổi từ 31/03/2024 sang 30/06/2024" in message
    assert "soạn lại" in message
    stamp = page.locator("section.card .stamp").first.inner_text()
    assert "30/06/2024" in stamp
    texts = " ".join(t.input_value() for t in page.locator("textarea[name^=section_]").all())
    assert EDITED not in texts
    assert "Tính đến ngày 30/06/2024" in texts
    assert page.input_value("#id_issued_on") == "02/07/2024"
    assert not page.locator(".draft-note:visible").count(), "the warning outlived the redraft"
    shot(page, "bao-cao-soan-lai")

    with page.expect_download(timeout=90_000) as info:
        page.click(f"button:has-text('{DOWNLOADS['docx']}')")
    download = info.value
    assert download.suggested_filename.endswith("den-2024-06-30.docx")
    text = " ".join(file_text("docx", Path(download.path()).read_bytes()).split())
    assert "30/06/2024" in text
    assert EDITED not in text
    assert "Tính đến ngày 31/03/2024" not in text
    assert re.search(r"ngày 02 tháng 7 năm 2024", text), "the date line is not from the cut-off"


def test_the_drafted_page_fits_a_phone_and_passes_axe(people: People) -> None:
    page = people("thuongtruc")
    draft_report(page, people.base)
    problems = [f"{v['id']}: {v['help']} {v['targets']}" for v in axe_violations(page)]
    assert not problems, problems
    page.set_viewport_size({"width": 390, "height": 844})
    width = int(page.evaluate("document.documentElement.scrollWidth"))
    shot(page, "bao-cao-du-thao-390")
    page.set_viewport_size({"width": 1366, "height": 768})
    assert width <= 390, f"the drafted report page is {width} px wide on a phone"
    # Every field has a label a screen reader reads; the K field is reachable by keyboard.
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('form[data-report] input:not([type=hidden]),'
                 + 'form[data-report] textarea, form[data-report] select')]
             .filter(e => !e.labels || !e.labels.length).map(e => e.name)"""
    )
    assert not unlabelled, unlabelled
    page.focus("#id_ngay")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_known_at"
