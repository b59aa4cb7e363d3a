"""Meeting mode, "Chốt số liệu": a meeting's figures frozen at (D, K) behind a permanent link."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tiendo.accounts.models import Role
from tiendo.accounts.services import membership_set
from tiendo.agencies.models import AgencyKind
from tiendo.audit.models import AuditEvent
from tiendo.meetings.models import Freeze
from tiendo.plans.models import Plan
from tiendo.progress.models import Lifecycle
from tiendo.progress.services import update_record
from tiendo.testing import VN, Cast, at, make_agency, make_cast, make_plan

pytestmark = pytest.mark.django_db

MEETING = dt.datetime(2024, 4, 2, 14, 0, 30, tzinfo=VN)  # the conference, 02/04/2024
LATER = dt.datetime(2024, 4, 2, 16, 0, tzinfo=VN)


@pytest.fixture
def cast() -> Cast:
    """The cast's plan: the health item done on 20/03, reported on 01/04 (before the meeting)."""
    cast = make_cast()
    update_record(
        item=cast.item,
        valid_on=dt.date(2024, 3, 20),
        state=Lifecycle.DONE,
        completed_on=dt.date(2024, 3, 20),
        recorded_at=at(dt.date(2024, 4, 1), 9),
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


def freeze(client: Client, cast: Cast, **extra: str) -> tuple[int, str]:
    """Press "Chốt số liệu" on the overview of the cast's plan at D = 31/03/2024."""
    data = {"ngay": "2024-03-31", "ke_hoach": str(cast.plan.pk), "trang": "tong-quan", **extra}
    response = client.post(reverse("dashboard:ioc_freeze"), data)
    return response.status_code, response.get("Location", "")


def other_province() -> tuple[User, Plan]:
    """The standing officer of another province, and its plan."""
    province = make_agency("UBND tỉnh Khác", kind=AgencyKind.PROVINCE)
    police = make_agency("Công an tỉnh Khác", parent=province, kind=AgencyKind.POLICE)
    officer = User.objects.create_user("t.khac.thuongtruc")
    membership_set(user=officer, agency=police, role=Role.STANDING)
    return officer, make_plan(province, issued_on=dt.date(2024, 1, 10))


def own_freezes(cast: Cast) -> list[Freeze]:
    return list(Freeze.objects.filter(plans=cast.plan))


def test_the_standing_body_freezes_the_page_as_shown(client: Client, cast: Cast) -> None:
    client.force_login(cast.standing)
    live = client.get(
        reverse("dashboard:ioc_overview"), {"ngay": "2024-03-31", "ke_hoach": str(cast.plan.pk)}
    ).content.decode()
    assert "Chốt số liệu</button>" in live
    with time_machine.travel(MEETING, tick=False):
        status, location = freeze(client, cast)
    [made] = own_freezes(cast)
    assert status == 302 and location == reverse("dashboard:ioc_frozen", args=[made.pk])
    assert made.cutoff == dt.date(2024, 3, 31)
    assert made.known_at == MEETING.replace(
        second=0
    )  # the page had no K: the moment, to the minute
    assert made.filters == f"ke_hoach={cast.plan.pk}"
    assert made.title == f"Giao ban Kế hoạch số {cast.plan.number} quý I/2024"
    assert (made.created_by, made.agency, made.page) == (cast.standing, cast.police, "tong-quan")
    event = AuditEvent.objects.get(action="figures.freeze", object_id=str(made.pk))
    assert event.actor == cast.standing
    assert event.after and event.after["plans"] == [cast.plan.pk]


def test_a_typed_title_and_k_are_kept(client: Client, cast: Cast) -> None:
    client.force_login(cast.leader)
    status, _ = freeze(
        client, cast, ghi_nhan="2024-04-02T10:30", tieu_de="  Hội nghị ngày 02/04/2024  "
    )
    [made] = own_freezes(cast)
    assert status == 302
    assert made.known_at == dt.datetime(2024, 4, 2, 10, 30, tzinfo=VN)
    assert made.title == "Hội nghị ngày 02/04/2024"


@pytest.mark.parametrize("person", ["reporter", "head", "outsider", "admin"])
def test_only_the_standing_body_and_leaders_may_freeze(
    client: Client, cast: Cast, person: str
) -> None:
    client.force_login(getattr(cast, person))
    assert freeze(client, cast)[0] == 403
    assert own_freezes(cast) == []
    page = client.get(reverse("dashboard:ioc_overview"), {"ke_hoach": cast.plan.pk})
    assert "Chốt số liệu</button>" not in page.content.decode()


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"ghi_nhan": "2099-01-01T08:00"}, "chưa đến"),
        ({"ghi_nhan": "hôm qua"}, "Thời điểm ghi nhận dữ liệu không hợp lệ"),
        ({"ngay": "31/13/2024"}, "Ngày chốt số liệu không hợp lệ"),
        ({"ke_hoach": "999999"}, "Không tìm thấy kế hoạch này"),
        ({"tieu_de": "x" * 201}, "Tên cuộc họp quá dài"),
        ({"ngay": "2023-12-31"}, "Không có kế hoạch nào được ban hành"),
        ({"trang": "khong-co"}, "Không có trang “khong-co”"),
    ],
)
def test_bad_input_freezes_nothing_and_says_why(
    client: Client, cast: Cast, bad: dict[str, str], message: str
) -> None:
    client.force_login(cast.standing)
    status, location = freeze(client, cast, **bad)
    assert status == 302 and location.startswith("/ioc/")
    assert "/ioc/chot/" not in location
    assert own_freezes(cast) == []
    assert not AuditEvent.objects.filter(action="figures.freeze", actor=cast.standing).exists()
    assert message in text(client.get(location).content.decode())


def test_the_permanent_link_shows_the_meetings_figures_after_later_reports(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.standing)
    with time_machine.travel(MEETING, tick=False):
        live_then = client.get(
            reverse("dashboard:ioc_overview"), {"ngay": "2024-03-31", "ke_hoach": str(cast.plan.pk)}
        ).content.decode()
        freeze(client, cast)
    [made] = own_freezes(cast)
    with time_machine.travel(LATER, tick=False):
        # The other item's report for 31/03 arrives after the meeting.
        update_record(
            item=cast.other_item,
            valid_on=dt.date(2024, 3, 31),
            state=Lifecycle.DONE,
            completed_on=dt.date(2024, 3, 28),
        )
        frozen = client.get(reverse("dashboard:ioc_frozen", args=[made.pk]))
        live_now = client.get(
            reverse("dashboard:ioc_overview"), {"ngay": "2024-03-31", "ke_hoach": str(cast.plan.pk)}
        ).content.decode()
    html = frozen.content.decode()
    assert frozen.status_code == 200
    assert figures(html) == figures(live_then)
    assert figures(html)["done"] == 1
    assert figures(live_now)["done"] == 2  # the live page moved on
    page = text(html)
    assert "Số liệu đã chốt ngày 02/04/2024 lúc 14:00 bởi t.thuongtruc (Công an tỉnh)" in page
    assert "hiển thị đúng như tại cuộc họp" in page
    assert (
        "Số liệu tính đến ngày 31/03/2024, theo dữ liệu ghi nhận đến 14:00 ngày 02/04/2024" in page
    )
    assert f"http://testserver/ioc/chot/{made.pk}/" in page
    assert "Chốt số liệu</button>" not in html  # a frozen page is not frozen again


def test_a_frozen_agencies_page_opens_as_the_agencies_page(client: Client, cast: Cast) -> None:
    client.force_login(cast.standing)
    freeze(client, cast, trang="don-vi")
    [made] = own_freezes(cast)
    page = client.get(reverse("dashboard:ioc_frozen", args=[made.pk]))
    assert page.templates[0].name == "ioc/agencies.html"
    assert {c.agency for c in page.context["cards"]} >= {cast.health, cast.justice}


def test_readers_of_the_plan_open_it_with_their_own_scope_others_get_404(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.standing)
    freeze(client, cast)
    [made] = own_freezes(cast)
    url = reverse("dashboard:ioc_frozen", args=[made.pk])
    client.force_login(cast.reporter)
    page = client.get(url)
    assert page.status_code == 200
    assert figures(page.content.decode())["total"] == 1  # Sở Y tế's own item only
    client.force_login(other_province()[0])  # another province's standing body
    assert client.get(url).status_code == 404


def test_the_plans_page_lists_its_freezes(client: Client, cast: Cast) -> None:
    client.force_login(cast.standing)
    with time_machine.travel(MEETING, tick=False):
        freeze(client, cast, tieu_de="Giao ban Đề án 06 quý I/2024")
    [made] = own_freezes(cast)
    other, unfrozen = other_province()
    for person, plan in ((cast.reporter, cast.plan), (other, unfrozen)):
        client.force_login(person)
        html = client.get(reverse("dashboard:plan_items", args=[plan.pk])).content.decode()
        listed = f'href="/ioc/chot/{made.pk}/"' in html
        assert listed == (plan == cast.plan)
    client.force_login(cast.reporter)
    page = text(client.get(reverse("dashboard:plan_items", args=[cast.plan.pk])).content.decode())
    assert (
        "Giao ban Đề án 06 quý I/2024: số liệu tính đến ngày 31/03/2024, theo dữ liệu ghi nhận "
        "đến 14:00 ngày 02/04/2024; chốt lúc 14:00 ngày 02/04/2024 bởi t.thuongtruc "
        "(Công an tỉnh)." in page
    )


def test_the_report_link_opens_the_report_form_with_the_same_d_k_and_plans(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.standing)
    with time_machine.travel(MEETING, tick=False):
        freeze(client, cast)
    [made] = own_freezes(cast)
    client.force_login(cast.standing)  # a new session: the last one was idle since 2024
    html = client.get(reverse("dashboard:ioc_frozen", args=[made.pk])).content.decode()
    [link] = re.findall(r'<a href="([^"]+)">Lập báo cáo từ số liệu đã chốt</a>', html)
    link = unescape(link)
    url = urlsplit(link)
    assert url.path == reverse("documents:report")
    assert parse_qs(url.query) == {
        "ngay": ["2024-03-31"],
        "ghi_nhan": ["2024-04-02T14:00"],
        "ke_hoach": [str(cast.plan.pk)],
    }
    report = client.get(link)
    form, page = report.context["form"], report.content.decode()
    assert 'name="ngay" value="31/03/2024"' in page
    assert 'name="known_at" value="02/04/2024 14:00"' in page
    assert re.findall(r'name="plans" value="(\d+)"[^>]* checked', page) == [str(cast.plan.pk)]
    assert form["plans"].value() == [cast.plan.pk]
    assert "quý I" in form["summary"].value()  # the defaults follow D


def test_the_report_form_says_when_a_linked_parameter_cannot_be_read(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.standing)
    response = client.get(
        reverse("documents:report"),
        {"ngay": "x", "ghi_nhan": "2099-01-01T00:00", "ke_hoach": "999999"},
    )
    assert response.status_code == 200
    page = text(response.content.decode())
    assert "Ngày chốt số liệu trong đường dẫn không hợp lệ" in page
    assert "Thời điểm ghi nhận dữ liệu trong đường dẫn không hợp lệ hoặc chưa đến" in page
    assert "Có kế hoạch trong đường dẫn không tìm thấy" in page
