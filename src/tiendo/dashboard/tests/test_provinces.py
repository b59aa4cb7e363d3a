"""The country's provinces ranked for the central working group: each line adds up what the
province's own IOC counts (and opens it); nobody else sees the ranking."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tiendo.accounts.models import Role
from tiendo.accounts.services import membership_set
from tiendo.agencies.models import Agency, AgencyKind
from tiendo.plans.models import Plan
from tiendo.status.selectors import AsOf, Scope, status_summary
from tiendo.testing import at, make_agency, make_item, make_plan, report_done

pytestmark = pytest.mark.django_db

ASKED = {"ngay": "31/03/2024", "ghi_nhan": "01/04/2024 08:00"}


def person(username: str, agency: Agency, role: str) -> User:
    user = User.objects.create_user(f"t.{username}", password="x")
    membership_set(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def country() -> dict[str, object]:
    nation = make_agency("Việt Nam (thử)", kind=AgencyKind.NATION)
    group = make_agency(
        "Tổ công tác triển khai Đề án 06 của Chính phủ",
        parent=nation,
        kind=AgencyKind.WORKING_GROUP,
    )
    ministry = make_agency("Bộ Công an (thử)", parent=nation, kind=AgencyKind.MINISTRY)
    north = make_agency("UBND tỉnh Thử Bắc", parent=nation, kind=AgencyKind.PROVINCE)
    south = make_agency("UBND tỉnh Thử Nam", parent=nation, kind=AgencyKind.PROVINCE)
    health = make_agency("Sở Y tế tỉnh Thử Bắc", parent=north)
    commune = make_agency("UBND xã Thử Bắc", parent=north, kind=AgencyKind.COMMUNE)
    justice = make_agency("Sở Tư pháp tỉnh Thử Nam", parent=south)
    recorded = at(dt.date(2024, 1, 5))
    north_plan = make_plan(north, recorded_at=recorded)
    south_plan = make_plan(south, recorded_at=recorded)
    # North: 2 of 3 done (one overdue left); south: 1 of 4 done, 2 overdue, 1 still in time.
    for n, lead in enumerate([health, health, commune]):
        item = make_item(north_plan, lead=lead, deadline=dt.date(2024, 3, 15), recorded_at=recorded)
        if n < 2:
            report_done(item, dt.date(2024, 3, 1))
    south_items = [
        make_item(south_plan, lead=justice, deadline=deadline, recorded_at=recorded)
        for deadline in (dt.date(2024, 2, 1), dt.date(2024, 3, 1), dt.date(2024, 3, 1))
    ]
    south_items.append(
        make_item(south_plan, lead=justice, deadline=dt.date(2024, 6, 30), recorded_at=recorded)
    )
    report_done(south_items[0], dt.date(2024, 3, 1))
    make_item(south_plan, lead=ministry, recorded_at=recorded)  # a ministry's, in no province
    return {
        "north": north,
        "south": south,
        "plans": [north_plan, south_plan],
        "national": person("totrunguong", group, Role.LEADER),
        "north_leader": person("lanhdao.bac", north, Role.LEADER),
        "north_reporter": person("yte.bac", health, Role.REPORTER),
    }


def test_provinces_are_ranked_and_each_line_is_the_provinces_own_page(
    client: Client, country: dict[str, object]
) -> None:
    client.force_login(country["national"])  # type: ignore[arg-type]
    page = client.get(reverse("dashboard:ioc_provinces"), ASKED)
    assert page.status_code == 200
    text = page.content.decode()
    north, south = country["north"], country["south"]
    assert isinstance(north, Agency) and isinstance(south, Agency)
    assert re.findall(r'data-province="([^"]+)"', text) == [north.code, south.code]
    ranking = page.context["ranking"]
    assert [
        (line.counts.total, line.counts.done, line.counts.overdue) for line in ranking.lines
    ] == [
        (3, 2, 1),
        (4, 1, 2),
    ]
    assert ranking.central.total == 1  # the ministry's item, said apart
    assert "Bộ, ngành và cơ quan Trung ương chủ trì".lower() in text.lower()

    plans = country["plans"]
    assert isinstance(plans, list) and all(isinstance(p, Plan) for p in plans)
    as_of = AsOf.make(dt.date(2024, 3, 31), at(dt.date(2024, 4, 1), 8))
    links = re.findall(r'<th scope="row"><a href="([^"]+)">', text)
    for line, link in zip(ranking.lines, links, strict=True):
        engine = status_summary(Scope(plans=plans, agency=line.province), as_of).all
        assert (line.counts.by_state, line.counts.by_class) == (engine.by_state, engine.by_class)
        # The line opens the province's own IOC overview, with the same D and K, and the
        # figures there are the line's.
        own = client.get(html.unescape(link))
        assert own.status_code == 200
        shown = own.context["summary"].all
        assert (shown.total, shown.done, shown.overdue) == (
            line.counts.total,
            line.counts.done,
            line.counts.overdue,
        )
        assert own.context["as_of"] == as_of


def test_the_ranking_is_only_for_readers_of_the_whole_country(
    client: Client, country: dict[str, object]
) -> None:
    url = reverse("dashboard:ioc_provinces")
    tab = reverse("dashboard:ioc_provinces") + "?"
    for who in ("north_leader", "north_reporter"):
        client.force_login(country[who])  # type: ignore[arg-type]
        assert client.get(url, ASKED).status_code == 404, who
        assert tab not in client.get(reverse("dashboard:ioc_overview"), ASKED).content.decode()
    client.force_login(country["national"])  # type: ignore[arg-type]
    assert tab in client.get(reverse("dashboard:ioc_overview"), ASKED).content.decode()
