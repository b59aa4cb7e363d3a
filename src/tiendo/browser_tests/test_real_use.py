"""The product as people use it: Chromium with script on, logged in through the login form.

Each test walks one errand of the sample's demo people to the end and checks the database (or
the downloaded file), because a page that "renders" proves nothing: the report buttons once
only redrew the draft and "Nhập" only previewed again, while every view test stayed green.

- the consolidated report: every download button gives a file with the cut-off and figures;
- the plan import: upload a realistic annex, preview, "Nhập", the plan and items exist;
- a reporter asks for a deadline extension, the standing body decides it;
- the standing body closes a reporting period;
- the main pages: axe-core finds no serious or critical violation, screenshots at three sizes,
  nothing wider than a 390 px phone.

One Chromium for the module and one logged-in context per person and test. On the in-memory
SQLite test database the server thread shares the test's connection (as Django's
LiveServerTestCase does), so the session's sample is loaded once and each test's writes are
rolled back like any other test; elsewhere (PostgreSQL) each test is transactional and loads
the sample again, which is slower but the same test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from django.conf import settings
from django.utils import timezone
from docx import Document
from openpyxl import Workbook, load_workbook

from tiendo.agencies.models import Agency
from tiendo.browser_tests.conftest import ARGS, BROWSER_TEST_MARKS, CHROMIUM, SHOTS
from tiendo.plans.models import DeadlineChange, ExtensionRequest, Item, Plan, Programme
from tiendo.progress.models import ProgressUpdate, ReportingPeriod
from tiendo.sample.loader import DEMO_PASSWORD, load_sample

_DB = settings.DATABASES["default"]
SHARED = _DB["ENGINE"].endswith("sqlite3") and not (_DB.get("TEST") or {}).get("NAME")
pytestmark = [pytest.mark.django_db, BROWSER_TEST_MARKS[1]] if SHARED else BROWSER_TEST_MARKS

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SIZES = {"1366": (1366, 768), "1920": (1920, 1080), "390": (390, 844)}
CUTOFF = dt.date(2024, 3, 31)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class People:
    """One logged-in browser context per demo person, made on first use."""

    def __init__(self, browser: Any, base: str) -> None:
        self.browser, self.base = browser, base
        self.pages: dict[str, Any] = {}

    def __call__(self, username: str) -> Any:
        if username not in self.pages:
            context = self.browser.new_context(
                viewport={"width": 1366, "height": 768}, locale="vi-VN", accept_downloads=True
            )
            context.set_default_timeout(20_000)
            page = context.new_page()
            page.goto(f"{self.base}/tai-khoan/dang-nhap/")
            page.fill("#id_username", username)
            page.fill("#id_password", DEMO_PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state()
            assert "/dang-nhap/" not in page.url, (
                f"{username} cannot log in through the form: {page.inner_text('main')[:300]}"
            )
            self.pages[username] = page
        return self.pages[username]

    def go(self, username: str, path: str) -> Any:
        page = self(username)
        response = page.goto(f"{self.base}{path}")
        assert response is not None and response.status < 400, (
            f"{username} {path}: HTTP {response.status if response else 'none'}"
        )
        return page

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


class OneAtATime:
    """WSGI wrapper serving every request on the running test's own database connection (so
    the server sees the test's transaction and its writes roll back with it), one request at
    a time (Chromium sends several at once: the page, its favicon…), bodies included."""

    lock = threading.Lock()
    connection: Any = None  # set by the `people` fixture for each test

    def __init__(self, app: Any) -> None:
        self.app = app

    def __call__(self, environ: Any, start_response: Any) -> list[bytes]:
        from django.db import DEFAULT_DB_ALIAS, connections

        with self.lock:
            connections[DEFAULT_DB_ALIAS] = OneAtATime.connection
            result = self.app(environ, start_response)
            try:
                return list(result)
            finally:
                if hasattr(result, "close"):
                    result.close()


@pytest.fixture(scope="module")
def shared_server(request: pytest.FixtureRequest, django_db_blocker: Any) -> Iterator[str | None]:
    """A live server on the test's own SQLite connection, with the session's sample."""
    if not SHARED:
        yield None
        return
    from django.test.testcases import LiveServerThread

    request.getfixturevalue("sample")  # committed before any test's transaction begins
    with django_db_blocker.unblock():
        thread = LiveServerThread("localhost", cast(Any, OneAtATime))
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield f"http://localhost:{thread.port}"
        # The server thread must not close the shared in-memory connection on the way out.
        thread.httpd.shutdown()
        thread.httpd.server_close()


@pytest.fixture
def people(
    request: pytest.FixtureRequest, shared_server: str | None, chromium: Any
) -> Iterator[People]:
    if shared_server is None:
        base = request.getfixturevalue("live_server").url
        load_sample()  # transactional browser tests start from an empty database
    else:
        from django.db import DEFAULT_DB_ALIAS, connections

        base = shared_server
        if OneAtATime.connection is not connections[DEFAULT_DB_ALIAS]:
            OneAtATime.connection = connections[DEFAULT_DB_ALIAS]
            OneAtATime.connection.inc_thread_sharing()
    crowd = People(chromium, base)
    yield crowd
    crowd.close()
    # The sharing is left on: the server's threads close their (in-memory, hence never really
    # closed) connection after a keep-alive ends, which may be after this test.


def flash(page: Any) -> str:
    return str(page.locator(".message").first.inner_text(timeout=10_000))


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"real-{name}.png"), full_page=True)


# --- the consolidated report ------------------------------------------------------------------

DOWNLOADS = {
    "docx": "Tải báo cáo (Word)",
    "pdf": "Tải báo cáo (PDF)",
    "xlsx": "Tải phụ lục (Excel)",
    "csv": "Tải phụ lục I (CSV)",
}


REPORT_PLANS = ("762/KH-UBND", "87/KH-UBND")
STATES_CUTOFF = re.compile(
    r"(?:đến|chốt|tại)(?: hết)?(?: ngày)?:?\s*" + re.escape(CUTOFF.strftime("%d/%m/%Y")), re.I
)


def draft_report(page: Any, base: str) -> None:
    """What a person does on /bao-cao-tong-hop/: choose the plans and the cut-off, draft."""
    page.goto(f"{base}/bao-cao-tong-hop/")
    # The two plans issued before the cut-off (the sample has later ones too).
    for number in REPORT_PLANS:
        page.get_by_label(re.compile(re.escape(number))).check()
    page.fill("#id_number", "15/BC-CAT")
    page.fill("#id_ngay", CUTOFF.strftime("%d/%m/%Y"))
    if not page.input_value("#id_signer_name"):
        page.fill("#id_signer_name", "Trần Ngọc Tuấn")
    with page.expect_navigation(timeout=60_000):
        page.click("button:has-text('Soạn thảo báo cáo')")
    if page.locator("#du-thao").count() == 0:
        shot(page, "bao-cao-khong-soan-duoc")
        errors = page.locator(".error, .message").all_inner_texts()
        raise AssertionError(f"“Soạn thảo báo cáo” drafted nothing; the page says: {errors}")


def file_text(fmt: str, data: bytes) -> str:
    """What a person reads when opening the file."""
    if fmt == "docx":
        document = Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            parts.extend(cell.text for row in table.rows for cell in row.cells)
        for section in document.sections:
            parts.extend(p.text for p in section.header.paragraphs)
        return "\n".join(parts)
    if fmt == "pdf":
        assert data.startswith(b"%PDF-"), f"the PDF download is not a PDF: {data[:20]!r}"
        if not shutil.which("pdftotext"):
            return ""
        tool = shutil.which("pdftotext") or "pdftotext"
        out = subprocess.run(  # noqa: S603 - a local tool on our own file
            [tool, "-layout", "-", "-"], input=data, capture_output=True, check=True
        )
        return out.stdout.decode()
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(data), read_only=True)
        cells: list[str] = []
        for sheet in book.worksheets:
            for values in sheet.iter_rows(values_only=True):
                cells.extend(
                    v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else str(v)
                    for v in values
                    if v is not None
                )
        return "\n".join(cells)
    return data.decode("utf-8-sig")


def test_each_report_button_downloads_a_file_with_the_cutoff_and_the_figures(
    people: People,
) -> None:
    page = people("thuongtruc")
    draft_report(page, people.base)
    shot(page, "bao-cao-du-thao")
    drafted = page.locator("textarea[name=section_0_text]").input_value()
    first = drafted.split("\n\n")[0].strip()
    figures = re.findall(r"\b\d{2,}\b", first)[:4]
    assert figures, f"the drafted results section has no figure: {first[:300]}"
    problems = []
    for fmt, label in DOWNLOADS.items():
        if page.locator(f"button:has-text('{label}')").count() == 0:
            assert fmt == "csv", f"no button “{label}” on the report page"
            continue
        # Each download from a freshly drafted page: see the next test for one after another.
        draft_report(page, people.base)
        try:
            with page.expect_download(timeout=90_000) as info:
                page.click(f"button:has-text('{label}')")
        except Exception as error:  # a redraw instead of a file: the bug this test is for
            problems.append(f"“{label}”: no file downloaded ({type(error).__name__})")
            continue
        download = info.value
        data = Path(download.path()).read_bytes()
        name = download.suggested_filename
        (SHOTS.parent / "downloads").mkdir(parents=True, exist_ok=True)
        (SHOTS.parent / "downloads" / f"real-{name}").write_bytes(data)
        text = file_text(fmt, data)
        if fmt == "pdf" and not text:
            continue  # no pdftotext: the magic bytes were checked
        # Said as the cut-off ("tính đến ngày 31/03/2024"), not merely a deadline that day; a
        # CSV (no title rows) says it on every row, in its column "Số liệu tính đến ngày".
        if fmt == "csv":
            records = list(csv.DictReader(io.StringIO(text)))
            stated = {record.get("Số liệu tính đến ngày") for record in records}
            if not records or stated != {f"{CUTOFF:%d/%m/%Y}"}:
                problems.append(f"“{label}” ({name}): rows state the cut-off as {stated}")
        elif not STATES_CUTOFF.search(" ".join(text.split())):
            problems.append(
                f"“{label}” ({name}): the content never says its figures are as of "
                f"{CUTOFF:%d/%m/%Y} (first line: {text.strip().splitlines()[0][:120]!r})"
            )
        if fmt == "docx" and " ".join(first.split()) not in " ".join(text.split()):
            problems.append(f"“{label}”: the draft's first paragraph is not in the file: {first}")
        if fmt in ("docx", "pdf"):
            missing = [f for f in figures if f not in text]
            if missing:
                problems.append(f"“{label}”: figures of the draft {missing} are not in the file")
        else:
            rows = [r for r in csv.reader(io.StringIO(text))] if fmt == "csv" else []
            if fmt == "csv" and len(rows) < 10:
                problems.append(f"“{label}”: only {len(rows)} rows in Annex I")
            if "MH01" not in text:
                problems.append(f"“{label}”: the item MH01 of Kế hoạch 762 is not in the annex")
    assert not problems, "Report downloads:\n  " + "\n  ".join(problems)


def test_after_one_download_the_other_buttons_work_without_waiting(people: People) -> None:
    """People download the Word file, then the PDF, from the same page."""
    page = people("thuongtruc")
    draft_report(page, people.base)
    with page.expect_download(timeout=60_000):
        page.click(f"button:has-text('{DOWNLOADS['docx']}')")
    started = time.monotonic()
    try:
        with page.expect_download(timeout=60_000):
            page.click(f"button:has-text('{DOWNLOADS['xlsx']}')", timeout=5_000)
    except Exception as error:
        busy = page.locator(".busy").first
        notice = busy.inner_text() if busy.is_visible() else ""
        raise AssertionError(
            "after the Word file has arrived, “Tải phụ lục (Excel)” cannot be clicked for "
            f"{time.monotonic() - started:.0f}+ s (buttons disabled; notice shown: “{notice}”) "
            f"— {type(error).__name__}"
        ) from None


# --- the plan import ----------------------------------------------------------------------------

ANNEX_NUMBER = "123/KH-UBND"


def realistic_annex(path: Path, *, restart: bool = True) -> Path:
    """An annex as a provincial office types it: title rows, Roman groups, numbering that
    starts again in each group (or runs on, restart=False), agencies as people write them,
    periods as deadlines."""
    first = 1 if restart else 3
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Phụ lục"
    sheet.append(["UBND TỈNH NGHỆ AN", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append(["PHỤ LỤC"])
    sheet.append(["DANH MỤC NHIỆM VỤ TRIỂN KHAI ĐỀ ÁN 06 NĂM 2024"])
    sheet.append([f"(Kèm theo Kế hoạch số {ANNEX_NUMBER} ngày 15/01/2024 của UBND tỉnh)"])
    sheet.append([])
    sheet.append(
        [
            "TT",
            "Nội dung nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian hoàn thành",
            "Sản phẩm",
            "Ghi chú",
        ]
    )
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    sheet.append(["I", "NHÓM NHIỆM VỤ HOÀN THIỆN THỂ CHẾ, CHÍNH SÁCH"])
    sheet.append(
        [1, "Rà soát văn bản quy phạm pháp luật liên quan đến dữ liệu dân cư", "Sở Tư pháp",
         "Các sở, ban, ngành", "Quý II/2024", "01 Báo cáo", None]
    )  # fmt: skip
    sheet.append(
        [2, "Ban hành kế hoạch bảo đảm an ninh, an toàn dữ liệu", "Công an tỉnh",
         "Sở Thông tin và Truyền thông", "Tháng 6/2024", "01 Kế hoạch", None]
    )  # fmt: skip
    sheet.append(["II", "NHÓM NHIỆM VỤ PHỤC VỤ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"])
    sheet.append(
        [first, "Khám chữa bệnh bảo hiểm y tế bằng thẻ Căn cước tại tuyến xã", "Sở Y tế",
         "BHXH tỉnh", "Quý III/2024", "100% trạm y tế xã", None]
    )  # fmt: skip
    sheet.append(
        [first + 1, "Cấp phiếu lý lịch tư pháp trên ứng dụng VNeID", "Sở Tư pháp",
         "Công an tỉnh", "Quý II/2024", "01 Kế hoạch", "Phối hợp Bộ Tư pháp"]
    )  # fmt: skip
    sheet.append(
        [first + 2, "Tuyên truyền sử dụng tài khoản định danh điện tử", "Công an tỉnh",
         "UBND các huyện, thành phố, thị xã", "Thường xuyên", "Tuyên truyền", None]
    )  # fmt: skip
    sheet.append(["Tổng cộng", "05 nhiệm vụ"])
    book.save(path)
    return path


@pytest.mark.parametrize("restart", [False, True], ids=["numbered-on", "numbering-restarts"])
def test_an_annex_is_uploaded_previewed_and_imported(
    people: People, tmp_path: Path, restart: bool
) -> None:
    page = people.go("thuongtruc", "/nhap-ke-hoach/")
    annex = realistic_annex(tmp_path / "phu-luc-kh-123.xlsx", restart=restart)
    page.set_input_files("#id_file", str(annex))
    page.fill("#id_number", ANNEX_NUMBER)
    page.fill("#id_issued_on", "15/01/2024")
    page.fill("#id_title", "Triển khai Đề án 06 năm 2024 (nhập thử)")
    page.select_option("#id_kind", "task")
    page.click("button:has-text('Đọc thử')")
    page.wait_for_selector("#xem-truoc", timeout=30_000)
    shot(page, "nhap-ke-hoach-doc-thu")
    preview = page.locator("section[aria-labelledby=xem-truoc]").inner_text()
    assert "lỗi" not in preview.lower(), f"the realistic annex is refused:\n{preview}"
    assert page.locator("section[aria-labelledby=xem-truoc] tbody tr").count() == 5, preview
    with page.expect_navigation(timeout=60_000):
        page.click("button:has-text('Nhập')")
    shot(page, "nhap-ke-hoach-da-nhap")
    message = (
        page.locator(".message").first.inner_text() if page.locator(".message").count() else ""
    )
    assert "/nhap-ke-hoach/" not in page.url or "Đã nhập" in message, (
        f"“Nhập” only showed the import page again ({page.url}); message: “{message}”"
    )
    plan = Plan.objects.filter(number=ANNEX_NUMBER).first()
    assert plan is not None, f"“Nhập” did not import the plan (message: {message})"
    assert plan.issued_on == dt.date(2024, 1, 15), f"issued on {plan.issued_on}, typed 15/01/2024"
    assert [g.code for g in plan.groups.order_by("position")] == ["I", "II"]
    items = list(Item.objects.filter(plan=plan).select_related("lead_agency", "group"))
    stored = sorted((i.group.code if i.group else "", i.code, i.title[:30]) for i in items)
    assert len(items) == 5, (
        f"5 tasks in the annex (numbered 1, 2 in group I and 1, 2, 3 in group II), "
        f"{len(items)} in the database: {stored} (message: {message})"
    )
    health = next(i for i in items if "Căn cước" in i.title)
    assert health.lead_agency == Agency.objects.get(code="40.SYT")
    assert health.deadline == dt.date(2024, 9, 30), f"Quý III/2024 read as {health.deadline}"
    plan_item = next(i for i in items if "an ninh" in i.title)
    assert plan_item.product_type == "01 Kế hoạch" and plan_item.target == 1, (
        f"“01 Kế hoạch” read as {plan_item.product_type!r}, target {plan_item.target}"
    )


FULL_NAMES = [
    "Bảo hiểm xã hội tỉnh",
    "Sở Y tế tỉnh Nghệ An",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Công an tỉnh Nghệ An",
]


def test_an_annex_naming_bodies_in_full_is_understood(people: People, tmp_path: Path) -> None:
    """Officials write the full names as often as the short ones ("BHXH tỉnh")."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"])
    sheet.append(["I", "Nhóm nhiệm vụ thử"])
    for n, name in enumerate(FULL_NAMES, start=1):
        sheet.append([n, f"Nhiệm vụ do {name} chủ trì", name, "Quý IV/2024"])
    book.save(tmp_path / "ten-day-du.xlsx")
    page = people.go("thuongtruc", "/nhap-ke-hoach/")
    page.set_input_files("#id_file", str(tmp_path / "ten-day-du.xlsx"))
    page.fill("#id_number", "124/KH-UBND")
    page.fill("#id_issued_on", "15/01/2024")
    page.fill("#id_title", "Thử tên cơ quan viết đầy đủ")
    # The file does not say which programme it implements: the user chooses it.
    page.select_option("#id_programme", label=Programme.objects.get(code="DA06").name)
    page.click("button:has-text('Đọc thử')")
    page.wait_for_selector("#xem-truoc", timeout=30_000)
    preview = page.locator("section[aria-labelledby=xem-truoc]").inner_text()
    unknown = re.findall(r"không xác định được cơ quan “([^”]+)”", preview)
    assert not unknown, f"the import does not recognise these bodies written in full: {unknown}"


def test_an_annex_with_collective_and_abolished_bodies_is_decided_then_imported(
    people: People,
) -> None:
    """A province's real annex: the title rows fill the form, the preview asks who leads
    "Các sở, ban, ngành" and what to do with abolished bodies, and only then imports."""
    from tiendo.imports.tests.annexes import FIXTURES

    page = people.go("thuongtruc", "/nhap-ke-hoach/")
    page.set_input_files("#id_file", str(FIXTURES / "restarting_numbers.xlsx"))
    page.click("button:has-text('Đọc thử')")
    page.wait_for_selector("#xem-truoc", timeout=30_000)
    # Number, date and programme come from the title rows ("Kèm theo Kế hoạch số 150/KH-UBND").
    assert page.input_value("#id_number") == "150/KH-UBND"
    assert page.input_value("#id_issued_on") == "10/05/2025"
    assert page.locator("button:has-text('Nhập')").count() == 0  # decisions pending
    questions = page.locator("section[aria-labelledby=xem-truoc] select")
    assert questions.count() == 4, page.locator("#xem-truoc").inner_text()
    shot(page, "nhap-ke-hoach-can-chon")
    for index in range(questions.count()):
        select = questions.nth(index)
        values = select.locator("option").evaluate_all("(os) => os.map((o) => o.value)")
        select.select_option(
            "moi" if "moi" in values else "ke-thua" if "ke-thua" in values else "bo"
        )
    with page.expect_navigation(timeout=60_000):
        page.click("button:has-text('Đọc thử')")
    page.wait_for_selector("#xem-truoc", timeout=30_000)
    # Every question answered: the preview offers the import, or says what still stops it.
    assert page.locator("button:has-text('Nhập')").count() == 1, page.locator(
        "section[aria-labelledby=xem-truoc]"
    ).inner_text()
    table = page.locator("section[aria-labelledby=xem-truoc] table.items").inner_text()
    assert "Cần chọn" not in table and "Lỗi" not in table, table
    shot(page, "nhap-ke-hoach-da-chon")
    with page.expect_navigation(timeout=60_000):
        page.click("button:has-text('Nhập')")
    # If the import wrote nothing, the page says why (a stale preview, a problem). A stale
    # answer here was once the CCCD mask rewriting a fingerprint that held 12 digits in a row.
    imported = Plan.objects.filter(number="150/KH-UBND", issuing_agency__code="40")
    assert imported.exists(), page.locator("main").inner_text()[:3000]
    plan = imported.get()
    items = {i.code: i for i in Item.objects.filter(plan=plan).select_related("lead_agency")}
    # "Các sở, ban, ngành" leading II.2: one task per department, none made up for the rest.
    shared = [code for code in items if code.startswith("II.2-")]
    assert len(shared) == 14 and "II.2" not in items
    assert items["I.1"].lead_agency.code == "40.SKHCN"  # "Sở TT&TT" → its successor
    assert {"I.1", "II.1", "III.1", "IV.1"} <= set(items)  # numbering restarts per group
    assert len(items) == 10 + 14, sorted(items)


# --- extensions and periods ---------------------------------------------------------------------


def test_reporter_asks_for_an_extension_and_the_standing_body_grants_it(people: People) -> None:
    item = Item.objects.get(plan__number="762/KH-UBND", code="MH16")
    requested = max(item.deadline or CUTOFF, timezone.localdate()) + dt.timedelta(days=90)
    reporter = people.go("yte.chuyenvien", f"/nhiem-vu/{item.pk}/")
    reporter.fill("#id_requested_deadline", requested.strftime("%d/%m/%Y"))
    reporter.fill("#id_reason", "Chờ Bộ Y tế nâng cấp phần mềm sổ sức khỏe điện tử.")
    reporter.click("button:has-text('Gửi đề nghị gia hạn')")
    message = flash(reporter)
    shot(reporter, "gia-han-de-nghi")
    request = ExtensionRequest.objects.filter(item=item).order_by("-pk").first()
    assert request is not None, f"the extension request was not saved (message: {message})"
    assert request.requested_deadline == requested, (
        f"typed {requested:%d/%m/%Y}, saved {request.requested_deadline}"
    )

    standing = people.go("thuongtruc", "/gia-han/")
    row = standing.locator("tr", has_text=f"{item.code}.")
    row.locator("textarea[name=note]").fill("Đồng ý; đề nghị Sở Y tế báo cáo hằng tháng.")
    row.locator("button:has-text('Đồng ý gia hạn')").click()
    message = flash(standing)
    shot(standing, "gia-han-quyet-dinh")
    request.refresh_from_db()
    assert request.decision, f"the decision was not saved (message: {message})"
    change = DeadlineChange.objects.filter(item=item, new_deadline=requested).first()
    assert change is not None, (
        f"approved, but the item has no new deadline {requested} (message: {message})"
    )
    reporter.goto(f"{people.base}/nhiem-vu/{item.pk}/")
    assert requested.strftime("%d/%m/%Y") in reporter.inner_text("main"), (
        "the item page does not show the new deadline"
    )


def test_the_standing_body_closes_a_reporting_period(people: People) -> None:
    period = ReportingPeriod.objects.filter(closed_at__isnull=True).order_by("cutoff").first()
    assert period is not None, "the sample has no open period"
    page = people.go("thuongtruc", f"/ke-hoach/{period.plan_id}/ky-bao-cao/")
    row = page.locator("tr", has_text=period.label).filter(has_text="Đang mở").first
    row.locator("button:has-text('Đóng kỳ')").click()
    message = flash(page)
    shot(page, "ky-bao-cao-dong")
    period.refresh_from_db()
    assert period.closed_at is not None, f"the period is still open (message: {message})"
    assert "Đã đóng" in page.locator("tr", has_text=period.label).first.inner_text()


# --- the main pages: accessibility, screenshots, phones -----------------------------------------


def main_pages() -> list[tuple[str, str, str]]:
    """(person, page, screenshot name) for the pages people use every day."""
    plan = Plan.objects.get(number="87/KH-UBND")
    item = Item.objects.get(plan__number="762/KH-UBND", code="MH15")
    update = ProgressUpdate.objects.filter(item=item, recorded_at__isnull=False).order_by("-pk")[0]
    day = f"?ngay={CUTOFF:%Y-%m-%d}"
    return [
        ("thuongtruc", f"/{day}", "tong-quan"),
        ("thuongtruc", f"/ke-hoach/{plan.pk}/{day}", "ke-hoach"),
        ("thuongtruc", f"/nhiem-vu/{item.pk}/", "nhiem-vu"),
        ("thuongtruc", "/tiep-nhan/", "tiep-nhan"),
        ("thuongtruc", "/bao-cao-tong-hop/", "bao-cao-tong-hop"),
        ("thuongtruc", "/nhap-ke-hoach/", "nhap-ke-hoach"),
        ("thuongtruc", "/thong-bao/", "thong-bao"),
        ("thuongtruc", f"/ioc/tong-quan/{day}", "ioc-tong-quan"),
        ("thuongtruc", f"/ioc/don-vi/{day}", "ioc-don-vi"),
        ("thuongtruc", f"/ioc/vuong-mac/{day}", "ioc-vuong-mac"),
        ("thuongtruc", f"/ioc/chi-tieu/{day}", "ioc-chi-tieu"),
        ("lanhdao", f"/ioc/{day}", "ioc-man-hinh"),
        ("yte.chuyenvien", "/viec-cua-toi/", "viec-cua-toi"),
        ("yte.chuyenvien", f"/nhiem-vu/{item.pk}/", "nhiem-vu-chuyen-vien"),
        ("yte.chuyenvien", f"/bao-cao/{update.pk}/", "bao-cao"),
    ]


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
                count: v.nodes.length}));
}"""


def axe_violations(page: Any) -> list[dict[str, Any]]:
    try:
        page.add_script_tag(path=str(AXE))
    except Exception:
        # The app's Content-Security-Policy forbids inline script (as it should): evaluate the
        # same file through the DevTools protocol instead, which the policy does not govern.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result: list[dict[str, Any]] = page.evaluate(AXE_RUN)
    return result


def test_main_pages_pass_axe_fit_a_phone_and_are_photographed(people: People) -> None:
    # The checker itself must see a plain violation, or a clean result below means nothing.
    probe = people("thuongtruc").context.new_page()
    probe.set_content('<html lang="vi"><body><main><img src="x.png"></main></body></html>')
    assert any(v["id"] == "image-alt" for v in axe_violations(probe)), "axe-core did not run"
    probe.close()
    accessibility: list[str] = []
    overflow: list[str] = []
    for person, path, name in main_pages():
        page = people.go(person, path)
        page.wait_for_load_state("load")
        for violation in axe_violations(page):
            accessibility.append(
                f"{path} ({person}): [{violation['impact']}] {violation['id']} – "
                f"{violation['help']} ×{violation['count']}: {violation['targets']}"
            )
        for size, (width, height) in SIZES.items():
            page.set_viewport_size({"width": width, "height": height})
            shot(page, f"{name}-{size}")
            if size == "390":
                scroll = int(page.evaluate("document.documentElement.scrollWidth"))
                if scroll > width:
                    wide = page.evaluate(
                        """w => [...document.querySelectorAll('body *')]
                          .filter(e => e.getBoundingClientRect().right > w + 1
                                    && !e.closest('.table-wrap'))
                          .slice(0, 4)
                          .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                                    + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')""",
                        width,
                    )
                    overflow.append(f"{path} ({person}): {scroll} px wide; {wide}")
        page.set_viewport_size({"width": 1366, "height": 768})
    assert not accessibility and not overflow, (
        "axe-core serious/critical violations:\n  "
        + ("\n  ".join(accessibility) or "none")
        + "\nwider than a 390 px phone (document.documentElement.scrollWidth):\n  "
        + ("\n  ".join(overflow) or "none")
    )
