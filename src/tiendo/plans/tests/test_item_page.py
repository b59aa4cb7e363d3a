"""The item page as people read it: its state as of the cut-off they came from, and a history in
words that shows nobody a draft that is not theirs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tiendo.progress.models import Lifecycle
from tiendo.progress.services import UpdateInput, update_create_draft, update_edit_draft
from tiendo.testing import Cast, make_cast, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    return make_cast()


def page(client: Client, cast: Cast, user: object, query: str = "") -> str:
    client.force_login(user)  # type: ignore[arg-type]
    response = client.get(reverse("plans:item_detail", args=[cast.item.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def history_text(html: str) -> str:
    section = html.split('id="lich-su"', 1)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))


def secret_draft(cast: Cast) -> None:
    """A draft of Sở Y tế, edited once, never sent."""
    with time_machine.travel(dt.datetime(2024, 3, 10, 9, tzinfo=dt.UTC)):
        data = UpdateInput(
            valid_on=dt.date(2024, 3, 10),
            state=Lifecycle.IN_PROGRESS,
            percent=30,
            achieved=Decimal("460"),
            narrative="Đã triển khai tại 3 bệnh viện tuyến huyện",
        )
        draft = update_create_draft(
            actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=data
        )
        edited = replace(data, narrative="Bí mật nội bộ: chưa gửi", achieved=Decimal("1275000"))
        update_edit_draft(
            actor=cast.actor(cast.reporter), update=draft, expected_version=1, data=edited
        )


def test_unsent_draft_is_not_in_the_history_of_people_outside_its_agency(
    cast: Cast, client: Client
) -> None:
    secret_draft(cast)
    for person in (cast.standing, cast.leader, cast.admin):
        text = history_text(page(Client(), cast, person))
        assert "Bí mật nội bộ" not in text, person.username
        assert "dự thảo" not in text, person.username
        assert "1.275.000" not in text, person.username


def test_own_agency_reads_the_draft_history_field_by_field_in_words(
    cast: Cast, client: Client
) -> None:
    secret_draft(cast)
    text = history_text(page(client, cast, cast.colleague))
    assert "Sửa dự thảo báo cáo" in text
    assert "Kết quả thực hiện: Đã triển khai tại 3 bệnh viện tuyến huyện → " in text
    assert "Bí mật nội bộ: chưa gửi" in text
    assert "460 → 1.275.000" in text
    assert "{" not in text and "'achieved'" not in text and "1275000.00" not in text
    assert "Kết quả đạt được: 460 Kết quả thực hiện: Đã triển khai" in text, "creation"
    assert "ID:" not in text and "– → 1" not in text


def test_item_page_shows_the_state_as_of_the_cut_off_it_was_opened_with(
    cast: Cast, client: Client
) -> None:
    report(cast.item, dt.date(2024, 3, 1), Lifecycle.IN_PROGRESS, percent=40)
    report(
        cast.item,
        dt.date(2024, 5, 20),
        Lifecycle.DONE,
        completed_on=dt.date(2024, 5, 20),
        percent=100,
    )
    on_the_day = page(client, cast, cast.standing, "?ngay=2024-03-31")
    assert "Tình trạng tính đến ngày 31/03/2024" in on_the_day
    assert "Đang thực hiện" in on_the_day.split("Tình trạng tính đến ngày", 1)[1][:300]
    assert f'href="{reverse("dashboard:plan_items", args=[cast.plan.pk])}?ngay=2024-03-31"' in (
        on_the_day
    )
    today = page(client, cast, cast.standing)
    assert "Tình trạng hôm nay" in today


def test_item_page_with_a_nonsense_cut_off_says_so_and_shows_today(
    cast: Cast, client: Client
) -> None:
    html = page(client, cast, cast.standing, "?ngay=31/02/2024")
    assert "Tình trạng hôm nay" in html


def test_the_item_page_shows_the_item_as_known_at_k_and_says_so(client: Client, cast: Cast) -> None:
    report(
        cast.item,
        dt.date(2024, 3, 20),
        Lifecycle.IN_PROGRESS,
        percent=40,
        recorded_at=dt.datetime(2024, 4, 5, 9, tzinfo=dt.timezone(dt.timedelta(hours=7))),
    )
    before = page(client, cast, cast.standing, "?ngay=2024-03-31&ghi_nhan=2024-04-02T14:00")
    after = page(client, cast, cast.standing, "?ngay=2024-03-31&ghi_nhan=2024-04-06T09:00")
    assert "theo dữ liệu ghi nhận đến 02/04/2024 14:00" in before
    assert "<strong>Chưa triển khai</strong>" in before
    assert "<strong>Đang thực hiện</strong>" in after and "40%" in after
    wrong = page(client, cast, cast.standing, "?ngay=2024-03-31&ghi_nhan=hôm-qua")
    assert "Đang thực hiện" in wrong and 'role="alert"' in wrong
