"""Decisions of accounts/access.py that mutation testing found unguarded from accounts/tests
(docs/benchmarks.md, "Mutation testing"): each page's link is offered to exactly the people the
page itself lets in, and a refused write leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tiendo.agencies.models import Agency
from tiendo.testing import Cast, make_cast

pytestmark = pytest.mark.django_db

PEOPLE = [
    "reporter",
    "colleague",
    "head",
    "outsider",
    "outsider_head",
    "standing",
    "leader",
    "admin",
]
COVERAGE_LINK = "Đơn vị chưa có người nhận nhắc việc"
LOAD_URL = "admin:agencies_agency_load_directory"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("person", PEOPLE)
def test_the_reminder_coverage_link_is_offered_exactly_to_those_the_list_lets_in(
    person: str,
) -> None:
    cast: Cast = make_cast()
    client = logged_in(getattr(cast, person))
    listing = client.get(reverse("notifications:unreached"))
    inbox = client.get(reverse("notifications:inbox"))
    assert inbox.status_code == 200
    may_list = person in ("standing", "admin")
    assert listing.status_code == (200 if may_list else 403)
    assert (COVERAGE_LINK in inbox.text) is may_list


@pytest.mark.parametrize("superuser", [True, False])
def test_only_a_superuser_is_offered_and_may_use_the_directory_load(superuser: bool) -> None:
    """Staff who are not system administrators (here the standing body's officer, made staff
    to manage agencies) see neither the link nor the page, and their POST writes nothing."""
    cast = make_cast()
    user = cast.admin if superuser else cast.standing
    if not superuser:
        user.is_staff = True
        user.save()
    client = logged_in(user)
    before = Agency.objects.count()
    page = client.get(reverse(LOAD_URL))
    assert page.status_code == (200 if superuser else 403)
    listing = client.get(reverse("admin:agencies_agency_changelist"))
    if listing.status_code == 200:
        assert (reverse(LOAD_URL) in listing.text) is superuser
    else:
        assert not superuser  # no permission on the agency list at all
    if not superuser:
        assert client.post(reverse(LOAD_URL), {"province": "46"}).status_code == 403
        assert Agency.objects.count() == before


@pytest.mark.parametrize("person", PEOPLE)
def test_everyone_with_an_agency_is_offered_the_consolidated_report(person: str) -> None:
    """Every agency makes the consolidated report for its own scope (access.may_make_report):
    the menu offers it to each of the cast, and the page it links to answers them."""
    cast = make_cast()
    client = logged_in(getattr(cast, person))
    page = client.get(reverse("notifications:inbox"))
    assert f'href="{reverse("documents:report")}"' in page.text
    assert client.get(reverse("documents:report")).status_code == 200


# --- what each person is offered on an item, and each refusal's words --------------------


def test_an_items_page_offers_each_person_exactly_their_actions() -> None:
    from tiendo.accounts.access import item_actions
    from tiendo.testing import make_item

    cast = make_cast()
    recurring = make_item(cast.plan, lead=cast.health, deadline=None)
    offered = {
        (person, which): item_actions(cast.actor(getattr(cast, person)), item)
        for person in ("reporter", "head", "outsider", "standing", "leader")
        for which, item in (("item", cast.item), ("recurring", recurring))
    }
    assert offered == {
        ("reporter", "item"): {"report", "extend"},
        ("reporter", "recurring"): {"report"},  # no deadline to extend
        ("head", "item"): {"report", "extend"},
        ("head", "recurring"): {"report"},
        ("outsider", "item"): set(),
        ("outsider", "recurring"): set(),
        ("standing", "item"): {"review"},
        ("standing", "recurring"): {"review"},
        ("leader", "item"): set(),
        ("leader", "recurring"): set(),
    }


def test_a_period_is_found_by_its_own_id_within_the_persons_plans_and_managed_by_few() -> None:
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from tiendo.accounts.access import get_period_for_user
    from tiendo.progress.models import PeriodKind
    from tiendo.progress.periods import period_open
    from tiendo.testing import make_agency, make_plan

    cast = make_cast()
    second = period_open(actor=None, plan=cast.plan, kind=PeriodKind.QUARTER, year=2024, number=2)
    other = make_plan(make_agency("UBND tỉnh Khác", kind=cast.province.kind))
    theirs = period_open(actor=None, plan=other, kind=PeriodKind.QUARTER, year=2024, number=1)
    reporter, standing = cast.actor(cast.reporter), cast.actor(cast.standing)
    assert get_period_for_user(reporter, second.pk) == second
    assert get_period_for_user(standing, cast.period.pk, "manage") == cast.period
    with pytest.raises(Http404, match=r"^Không tìm thấy kỳ báo cáo\.$"):
        get_period_for_user(standing, theirs.pk)
    with pytest.raises(PermissionDenied, match=r"^Chỉ cơ quan thường trực của tỉnh"):
        get_period_for_user(reporter, second.pk, "manage")


def test_the_units_own_work_is_empty_for_someone_without_an_agency() -> None:
    from tiendo.accounts.access import own_items_for_user

    cast = make_cast()
    assert set(own_items_for_user(cast.actor(cast.reporter))) == {cast.item}
    nobody = User.objects.create_user("t.khong.don.vi")
    assert list(own_items_for_user(cast.actor(nobody))) == []


def test_every_refusal_says_why_in_the_words_the_person_reads() -> None:
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from tiendo.accounts.access import (
        get_api_token_for_user,
        get_evidence_for_user,
        require_directory_loader,
        require_extension_decider,
    )
    from tiendo.accounts.tokens import api_token_create

    cast = make_cast()
    reporter = cast.actor(cast.reporter)
    token, _ = api_token_create(actor=None, user=cast.head, name="Đồng bộ phần mềm của Sở")
    refusals: list[tuple[Callable[[], object], type[Exception]]] = [
        (lambda: require_extension_decider(reporter), PermissionDenied),
        (lambda: require_directory_loader(cast.actor(cast.standing)), PermissionDenied),
        (lambda: get_evidence_for_user(reporter, 999_999), Http404),
        (lambda: get_api_token_for_user(reporter, token.pk), Http404),
    ]
    said = []
    for refuse, kind in refusals:
        with pytest.raises(kind) as refused:
            refuse()
        said.append(str(refused.value))
    assert said == [
        "Chỉ cơ quan thường trực mới được quyết định gia hạn.",
        "Chỉ quản trị hệ thống được nạp danh mục cơ quan của tỉnh.",
        "Không tìm thấy tài liệu.",
        "Không tìm thấy mã truy cập hoặc bạn không có quyền xem.",
    ]
    assert get_api_token_for_user(cast.actor(cast.head), token.pk) == token
    assert get_api_token_for_user(cast.actor(cast.admin), token.pk) == token


def test_an_items_history_shows_its_own_reports_only_and_hides_others_drafts() -> None:
    from tiendo.accounts.access import history_for_user
    from tiendo.progress.services import UpdateInput, update_create_draft

    cast = make_cast()
    data = UpdateInput(valid_on=cast.period.cutoff, state="in_progress", percent=10)
    ours = update_create_draft(
        actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=data
    )
    update_create_draft(
        actor=cast.actor(cast.outsider), item=cast.other_item, period=cast.period, data=data
    )
    seen = {
        (e.object_type, e.object_id)
        for e in history_for_user(cast.actor(cast.head), cast.item)
        if e.object_type == "progress.progressupdate"
    }
    assert seen == {("progress.progressupdate", str(ours.pk))}
    hidden = history_for_user(cast.actor(cast.standing), cast.item)
    assert not hidden.filter(object_type="progress.progressupdate").exists()


def test_a_row_hidden_from_someone_is_not_found_and_the_page_says_what() -> None:
    from tiendo.progress.models import PeriodKind
    from tiendo.progress.periods import period_open
    from tiendo.progress.services import UpdateInput, update_create_draft
    from tiendo.testing import make_agency, make_plan

    cast = make_cast()
    draft = update_create_draft(
        actor=cast.actor(cast.reporter),
        item=cast.item,
        period=cast.period,
        data=UpdateInput(valid_on=cast.period.cutoff, state="in_progress", percent=10),
    )
    elsewhere = make_plan(make_agency("UBND tỉnh Khác", kind=cast.province.kind))
    theirs = period_open(actor=None, plan=elsewhere, kind=PeriodKind.QUARTER, year=2024, number=1)
    pages = {
        reverse("plans:item_detail", args=[cast.item.pk]): "Không tìm thấy nhiệm vụ",
        reverse("progress:update_detail", args=[draft.pk]): "Không tìm thấy báo cáo",
        reverse("dashboard:plan_items", args=[elsewhere.pk]): "Không tìm thấy kế hoạch",
        reverse("progress:compliance", args=[theirs.pk]): "Không tìm thấy kỳ báo cáo.",
    }
    client = logged_in(cast.outsider)
    for url, said in pages.items():
        response = client.get(url)
        assert response.status_code == 404, url
        assert said in response.content.decode(), url


def test_a_coordinating_body_reads_its_items_and_the_province_reads_every_item_of_its_plans() -> (
    None
):
    from tiendo.accounts.access import items_for_user, plans_for_user
    from tiendo.agencies.models import AgencyKind
    from tiendo.testing import make_agency, make_item

    cast = make_cast()
    cast.item.coordinating_agencies.add(cast.justice)
    ministry = make_agency("Bộ Công an", kind=AgencyKind.MINISTRY)
    national = make_item(cast.plan, lead=ministry)  # in the province's plan, led from outside
    readable = {
        person: set(items_for_user(cast.actor(getattr(cast, person))))
        for person in ("reporter", "outsider", "standing", "leader")
    }
    assert readable == {
        "reporter": {cast.item},
        "outsider": {cast.item, cast.other_item},  # leads one, coordinates the other
        "standing": {cast.item, cast.other_item, national},
        "leader": {cast.item, cast.other_item, national},
    }
    assert list(plans_for_user(cast.actor(cast.outsider))) == [cast.plan]


def test_whose_figures_each_person_sees() -> None:
    """A department sees its own subtree's figures; the standing body, leaders and
    administrators the province's plans whole (accounts.access.figure_agency)."""
    from tiendo.accounts.access import figure_agency

    cast = make_cast()
    seen = {
        person: figure_agency(cast.actor(getattr(cast, person)))
        for person in ("reporter", "head", "outsider", "standing", "leader", "admin")
    }
    assert seen == {
        "reporter": cast.health,
        "head": cast.health,
        "outsider": cast.justice,
        "standing": None,
        "leader": None,
        "admin": None,
    }


def test_an_unsent_draft_is_read_by_its_agency_only() -> None:
    from tiendo.accounts.access import updates_for_user
    from tiendo.progress.services import UpdateInput, update_create_draft

    cast = make_cast()
    draft = update_create_draft(
        actor=cast.actor(cast.reporter),
        item=cast.item,
        period=cast.period,
        data=UpdateInput(valid_on=cast.period.cutoff, state="in_progress", percent=10),
    )
    readers = {
        person
        for person in ("reporter", "colleague", "head", "outsider", "standing", "leader")
        if updates_for_user(cast.actor(getattr(cast, person))).filter(pk=draft.pk).exists()
    }
    assert readers == {"reporter", "colleague", "head"}


def test_a_department_reads_the_outside_plans_it_has_items_in() -> None:
    """A national plan issued outside the province, with one item led by the province's Sở Y
    tế: the department reads that plan (its own work is in it). The province's readers read
    their province's plans whole, never a plan issued outside (its other items are other
    provinces' figures)."""
    from tiendo.accounts.access import plans_for_user
    from tiendo.agencies.models import AgencyKind
    from tiendo.testing import make_agency, make_item, make_plan

    cast = make_cast()
    national = make_plan(make_agency("Bộ Công an", kind=AgencyKind.MINISTRY))
    make_item(national, lead=cast.health)
    readable = {
        person: set(plans_for_user(cast.actor(getattr(cast, person))))
        for person in ("reporter", "outsider", "standing")
    }
    assert readable == {
        "reporter": {cast.plan, national},
        "outsider": {cast.plan},
        "standing": {cast.plan},
    }


def test_an_item_action_refused_says_who_may_take_it() -> None:
    from django.core.exceptions import PermissionDenied

    from tiendo.accounts.access import ItemAction, require_item_action

    cast = make_cast()
    said = {}
    asked: list[tuple[str, ItemAction]] = [
        ("outsider", "report"),
        ("outsider", "extend"),
        ("head", "review"),
    ]
    for person, action in asked:
        with pytest.raises(PermissionDenied) as refused:
            require_item_action(cast.actor(getattr(cast, person)), cast.item, action)
        said[action] = str(refused.value)
    assert said == {
        "report": "Chỉ cơ quan chủ trì, phối hợp mới được báo cáo nhiệm vụ này.",
        "extend": "Chỉ cơ quan chủ trì, phối hợp mới được báo cáo nhiệm vụ này.",
        "review": "Chỉ cơ quan thường trực mới được thực hiện thao tác này.",
    }


def test_the_menu_offers_each_person_their_pages() -> None:
    from dataclasses import asdict

    from tiendo.accounts.access import menu_for

    cast = make_cast()
    menus = {
        person: asdict(menu_for(cast.actor(getattr(cast, person))))
        for person in ("reporter", "standing", "leader", "admin")
    }
    assert menus == {
        "reporter": {
            "own_items": True,
            "review": False,
            "report": True,
            "import_plans": False,
            "admin": False,
        },
        "standing": {
            "own_items": True,
            "review": True,
            "report": True,
            "import_plans": True,
            "admin": False,
        },
        "leader": {
            "own_items": True,
            "review": False,
            "report": True,
            "import_plans": False,
            "admin": False,
        },
        "admin": {
            "own_items": True,
            "review": False,
            "report": True,
            "import_plans": True,
            "admin": True,
        },
    }
