"""Any screen as of any (D, K): the cut-off D and "Theo dữ liệu ghi nhận đến" K in the URL."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from tiendo.progress.models import Lifecycle
from tiendo.progress.services import update_record
from tiendo.testing import Cast, at, make_cast

pytestmark = pytest.mark.django_db

D = "2024-03-31"
BEFORE = "2024-04-02T14:00"  # before the report below was recorded
AFTER = "2024-04-02T16:00"


@pytest.fixture
def cast() -> Cast:
    """The cast's plan with one item reported done on 20/03, recorded at 15:00 on 02/04."""
    cast = make_cast()
    update_record(
        item=cast.item,
        valid_on=dt.date(2024, 3, 20),
        state=Lifecycle.DONE,
        completed_on=dt.date(2024, 3, 20),
        recorded_at=at(dt.date(2024, 4, 2), 15),
    )
    return cast


def figures(html: str) -> dict[str, int]:
    return {
        k: int(v.replace(".", "")) for k, v in re.findall(r'data-figure="(\w+)">([\d.]+)<', html)
    }


def text(html: str) -> str:
    """The visible words, tags taken out (no space left before punctuation)."""
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([,.:;])", r"\1", words)


def get(client: Client, name: str, **params: str) -> str:
    response = client.get(reverse(f"dashboard:{name}"), params)
    assert response.status_code == 200, name
    return response.content.decode()


def test_the_ioc_overview_shows_the_figures_as_known_at_k(client: Client, cast: Cast) -> None:
    client.force_login(cast.standing)
    plan = str(cast.plan.pk)
    before = get(client, "ioc_overview", ngay=D, ghi_nhan=BEFORE, ke_hoach=plan)
    after = get(client, "ioc_overview", ngay=D, ghi_nhan=AFTER, ke_hoach=plan)
    assert figures(before)["total"] == figures(after)["total"] == 2
    assert figures(before)["done"] == 0
    assert figures(after)["done"] == 1
    assert (
        "Số liệu tính đến ngày 31/03/2024, theo dữ liệu ghi nhận đến 14:00 ngày 02/04/2024"
        in text(before)
    )
    assert 'name="ghi_nhan" value="02/04/2024 14:00"' in before  # shown back as typed
    live = get(client, "ioc_overview", ngay=D, ke_hoach=plan)
    assert figures(live)["done"] == 1  # no K: now, as before


def test_every_ioc_page_takes_k(client: Client, cast: Cast) -> None:
    client.force_login(cast.standing)
    for name in ("ioc_agencies", "ioc_obstacles", "ioc_indicators", "ioc_wall"):
        html = get(client, name, ngay=D, ghi_nhan=BEFORE, ke_hoach=str(cast.plan.pk))
        assert "theo dữ liệu ghi nhận đến 14:00 ngày 02/04/2024" in text(html), name
    agency = reverse("dashboard:ioc_agency", args=[cast.health.code])
    params = {"ngay": D, "ke_hoach": str(cast.plan.pk), "han": "done_on_time"}
    assert client.get(agency, {**params, "ghi_nhan": BEFORE}).context["rows"] == []
    assert len(client.get(agency, {**params, "ghi_nhan": AFTER}).context["rows"]) == 1


def test_links_between_ioc_pages_keep_d_and_k(client: Client, cast: Cast) -> None:
    client.force_login(cast.standing)
    html = get(client, "ioc_overview", ngay=D, ghi_nhan=BEFORE, ke_hoach=str(cast.plan.pk))
    tabs = re.findall(r'href="(/ioc/[^"]*\?[^"]*)"', html)  # the menu's plain link aside
    assert len(tabs) >= 5
    for link in tabs:
        assert "ngay=2024-03-31" in link and "ghi_nhan=2024-04-02T14%3A00" in link, link
        assert f"ke_hoach={cast.plan.pk}" in link, link
    # The plans' item lists it links to carry D and K too.
    html = get(client, "ioc_overview", ngay=D, ghi_nhan=BEFORE)
    lists = re.findall(r'href="(/ke-hoach/\d+/[^"]*)"', html)
    assert lists and all("ghi_nhan=2024-04-02T14%3A00" in unescape(link) for link in lists)


@pytest.mark.parametrize(
    ("known_at", "message"),
    [
        ("2099-01-01T08:00", "Thời điểm ghi nhận dữ liệu 08:00 ngày 01/01/2099 chưa đến"),
        ("hôm qua", "Thời điểm ghi nhận dữ liệu không hợp lệ"),
        ("0001-01-01T00:00", "Thời điểm ghi nhận dữ liệu không hợp lệ"),
        ("9999-12-31T23:59-05:00", "Thời điểm ghi nhận dữ liệu không hợp lệ"),
    ],
)
def test_a_future_or_unreadable_k_is_reported_and_the_other_filters_apply(
    client: Client, cast: Cast, known_at: str, message: str
) -> None:
    client.force_login(cast.standing)
    for name in ("ioc_overview", "ioc_agencies", "ioc_wall", "overview"):
        html = get(client, name, ngay=D, ghi_nhan=known_at, ke_hoach=str(cast.plan.pk))
        assert message in text(html), name
        assert "Số liệu tính đến ngày 31/03/2024" in text(html), name  # D still applies
    html = get(client, "ioc_overview", ngay=D, ghi_nhan=known_at, ke_hoach=str(cast.plan.pk))
    assert (figures(html)["total"], figures(html)["done"]) == (2, 1)  # the plan, K = now
    assert "ghi_nhan" not in "".join(re.findall(r'href="(/ioc/[^"]*)"', html))


def test_the_overview_and_the_plans_items_take_k(client: Client, cast: Cast) -> None:
    client.force_login(cast.standing)
    for known_at, done in ((BEFORE, 0), (AFTER, 1)):
        page = client.get(reverse("dashboard:overview"), {"ngay": D, "ghi_nhan": known_at})
        card = next(c for c in page.context["cards"] if c.plan.pk == cast.plan.pk)
        assert card.summary.all.done == done
        html = page.content.decode()
        assert f"theo dữ liệu ghi nhận đến {known_at[11:]} ngày 02/04/2024" in text(html)
        assert f"ghi_nhan={known_at[:13]}%3A00" in html  # the figures' links keep K
        items = client.get(
            reverse("dashboard:plan_items", args=[cast.plan.pk]),
            {"ngay": D, "ghi_nhan": known_at, "trang_thai": "done"},
        )
        assert items.context["page"].total == done
        shown = f'name="ghi_nhan" value="02/04/2024 {known_at[11:]}"'
        assert shown in items.content.decode()  # the list's filter shows K as typed


def test_k_with_an_offset_or_typed_the_vietnamese_way_is_the_same_moment(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.standing)
    plan = str(cast.plan.pk)
    for same in ("2024-04-02T08:00Z", "2024-04-02T15:00+07:00", "02/04/2024 15:00"):
        html = get(client, "ioc_overview", ngay=D, ghi_nhan=same, ke_hoach=plan)
        assert "ghi nhận đến 15:00 ngày 02/04/2024" in text(html), same
        assert figures(html)["done"] == 1, same  # recorded at 15:00: known at 15:00
