"""Every page each demo person can reach by clicking, from the overview on.

As each role of the sample, start at / (today and 31/03/2024) and follow every same-site link
(GET only), the way people wander the app. On every page: no server error, no link to a
missing page (or to a page that then refuses the person), no English interface words, links to
an item from a page with a cut-off keep that cut-off, and a figure that links to a list gives a
list with that many rows.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import Resolver404, resolve

from tiendo.browser_tests.helpers import (
    english_words,
    figure_of,
    normalise_url,
    parse_day,
    query_of,
    read_page,
)

pytestmark = pytest.mark.django_db

# Today, and the end of Q1/2024 the sample's story is about (overdue, in progress, returned).
STARTS = ["/", "/?ngay=2024-03-31"]
ROLES = ["thuongtruc", "yte.chuyenvien", "yte.lanhdao", "lanhdao", "quantri"]
MAX_PAGES = 400
# Lists with every filter combination are endless; a few of each (route, set of filters) and a
# few more of each route are enough to meet every template and every kind of link.
MAX_PER_SHAPE = 4
MAX_PER_ROUTE = 16
MAX_FETCH_ONLY = 3  # downloads of each route: status only
MAX_PER_ADMIN_ROUTE = 2  # the admin is Django's: a few of each of its pages
# Every figure is opened for one province-wide and one department reader; the other roles
# share those scopes, so for them only the headline figures (not per group) are opened.
EVERY_FIGURE = {"thuongtruc", "yte.chuyenvien"}
FETCH_ONLY = ("/xuat/", "/minh-chung/")
ITEM = re.compile(r"^/nhiem-vu/(\d+)/$")
LIST_ROUTES = {"dashboard:plan_items", "dashboard:ioc_agency", "plans:my_items"}
FIGURE_PAGES = {"dashboard:overview", "dashboard:plan_items", "dashboard:ioc_overview"}
FOUND = re.compile(r"Tìm thấy\s+(\d{1,3}(?:\.\d{3})+|\d+)")
ITEMS_COUNT = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+) mục\.")
ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)


@dataclass
class Crawl:
    """What one person met on the way."""

    role: str
    visited: dict[str, int] = field(default_factory=dict)  # url -> status
    found_on: dict[str, str] = field(default_factory=dict)  # url -> the page linking it first
    server_errors: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    english: list[str] = field(default_factory=list)
    lost_cutoff: list[str] = field(default_factory=list)
    figures: list[tuple[str, str, int]] = field(default_factory=list)  # (page, target, figure)
    html: dict[str, str] = field(default_factory=dict)  # list pages, for the figure check


def route_of(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return "?"
    return str(match.view_name)


def skipped(role_is_staff: bool, path: str) -> bool:
    if "dang-xuat" in path or "logout" in path or path.startswith(("/api/", "/static/")):
        return True
    return path.startswith("/quan-tri/") and not role_is_staff


def crawl(username: str) -> Crawl:
    user = User.objects.get(username=username)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    result = Crawl(username)
    queue: deque[str] = deque(STARTS)
    result.found_on.update((start, "(start)") for start in STARTS)
    shapes: Counter[tuple[str, frozenset[str]]] = Counter()
    routes: Counter[str] = Counter()
    seen = set(STARTS)
    while queue and len(result.visited) < MAX_PAGES:
        url = queue.popleft()
        response: Any = client.get(url)
        status = int(response.status_code)
        result.visited[url] = status
        where = f"{url} (linked from {result.found_on.get(url)})"
        if status >= 500:
            result.server_errors.append(f"{status} {where}")
            continue
        if status == 404:
            result.missing.append(where)
            continue
        if status == 403:
            result.refused.append(where)
            continue
        if status in (301, 302, 303, 307, 308):
            links = [(response["Location"], "")]
        else:
            path = url.split("?")[0]
            content_type = response.get("Content-Type", "")
            if path.startswith(FETCH_ONLY) or not content_type.startswith("text/html"):
                continue
            html = response.content.decode()
            page = read_page(html)
            result.english.extend(f"{url}: {w}" for w in english_words(page.text))
            route = route_of(path)
            if route in LIST_ROUTES:
                result.html[url] = html
            links = page.links
            cutoff = parse_day(query_of(url).get("ngay", ""))
            for href, text in links:
                target = normalise_url(url, href)
                if target is None:
                    continue
                target_path = target.split("?")[0]
                if cutoff and ITEM.match(target_path):
                    carried = parse_day(query_of(target).get("ngay", ""))
                    if carried != cutoff:
                        result.lost_cutoff.append(
                            f"{url}: “{text[:60]}” → {target} (ngay {carried} ≠ {cutoff})"
                        )
                figure = figure_of(text)
                if (
                    figure is not None
                    and route in FIGURE_PAGES
                    and route_of(target_path) in LIST_ROUTES
                    and (username in EVERY_FIGURE or "nhom" not in query_of(target))
                ):
                    result.figures.append((url, target, figure))
        for href, _ in links:
            target = normalise_url(url, href)
            if target is None or target in seen:
                continue
            target_path = target.split("?")[0]
            if skipped(user.is_staff, target_path):
                continue
            route = route_of(target_path)
            shape = (route, frozenset(query_of(target)))
            cap = (
                MAX_FETCH_ONLY
                if target_path.startswith(FETCH_ONLY)
                else MAX_PER_ADMIN_ROUTE
                if route.startswith("admin:")
                else MAX_PER_ROUTE
            )
            if shapes[shape] >= MAX_PER_SHAPE or routes[route] >= cap:
                continue
            shapes[shape] += 1
            routes[route] += 1
            seen.add(target)
            result.found_on[target] = url
            queue.append(target)
    # Figures whose list was not on the way are fetched now (bounded like the rest).
    for _, target, _ in result.figures:
        if target not in result.html and len(result.html) < MAX_PAGES:
            response = client.get(target)
            if response.status_code == 200:
                result.html[target] = response.content.decode()
    return result


def rows_of(html: str) -> tuple[int | None, int, bool]:
    """(the total the list prints, rows in its item table, whether it has more pages)."""
    total = None
    text = read_page(html).text
    if match := FOUND.search(text) or ITEMS_COUNT.search(text):
        total = int(match.group(1).replace(".", ""))
    table = re.search(r'<table class="items".*?<tbody>(.*?)</tbody>', html, re.S)
    rows = 0
    if table:
        rows = sum(1 for row in ROW.findall(table.group(1)) if "colspan" not in row)
    return total, rows, 'class="pager"' in html


class Crawls:
    """Each role's crawl, made once when a test first asks for it (GET requests only)."""

    def __init__(self, blocker: Any) -> None:
        self.blocker = blocker
        self.done: dict[str, Crawl] = {}

    def __getitem__(self, role: str) -> Crawl:
        if role not in self.done:
            with self.blocker.unblock():
                self.done[role] = crawl(role)
        return self.done[role]


@pytest.fixture(scope="module")
def crawls(sample: Any, django_db_blocker: Any) -> Crawls:
    return Crawls(django_db_blocker)


def report(lines: list[str], limit: int = 40) -> str:
    shown = "\n  ".join(lines[:limit])
    more = f"\n  … and {len(lines) - limit} more" if len(lines) > limit else ""
    return f"\n  {shown}{more}"


@pytest.mark.parametrize("role", ROLES)
def test_crawl_meets_no_server_error(crawls: Crawls, role: str) -> None:
    result = crawls[role]
    assert len(result.visited) > 10, f"{role}: only {len(result.visited)} pages reached"
    assert not result.server_errors, f"{role}: server errors on{report(result.server_errors)}"


@pytest.mark.parametrize("role", ROLES)
def test_no_link_leads_to_a_missing_or_refused_page(crawls: Crawls, role: str) -> None:
    result = crawls[role]
    assert not result.missing, (
        f"{role}: links to pages that do not exist (404):{report(result.missing)}"
    )
    assert not result.refused, (
        f"{role}: links shown to this person lead to a refusal (403):{report(result.refused)}"
    )


@pytest.mark.parametrize("role", ROLES)
def test_no_english_interface_text(crawls: Crawls, role: str) -> None:
    result = crawls[role]
    assert not result.english, f"{role}: English interface text:{report(result.english)}"


@pytest.mark.parametrize("role", ROLES)
def test_item_links_keep_the_cutoff_of_the_page(crawls: Crawls, role: str) -> None:
    result = crawls[role]
    assert not result.lost_cutoff, (
        f"{role}: a link to an item from a page with a cut-off (ngay) opens it at another date "
        f"(the item then shows a different status than the page):{report(result.lost_cutoff)}"
    )


@pytest.mark.parametrize("role", ROLES)
def test_each_figure_opens_a_list_of_that_many_rows(crawls: Crawls, role: str) -> None:
    result = crawls[role]
    checked = 0
    wrong = []
    for page, target, figure in result.figures:
        html = result.html.get(target)
        if html is None:
            continue
        total, rows, paged = rows_of(html)
        shown = total if total is not None else rows
        if shown != figure or (not paged and rows != figure):
            wrong.append(
                f"{page}: figure {figure} → {target} lists "
                f"{'total ' + str(total) + ', ' if total is not None else ''}{rows} rows"
            )
        checked += 1
    assert checked >= 5, f"{role}: only {checked} figure links checked; the crawl missed them"
    assert not wrong, f"{role}: figures that do not match their list:{report(wrong)}"
