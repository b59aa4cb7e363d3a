"""Loading any of the 34 provinces: `tiendo load_directory` and the admin page.

Lào Cai (15) was formed on 1/7/2025 from old Lào Cai (10) and Yên Bái (15); Huế (46) is a city that
was not merged. Figures come from the packages, never typed: the communes of `vietnam-provinces`.
"""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from vietnam_provinces import ProvinceCode, Ward

from tiendo.accounts.access import actor_for_user
from tiendo.agencies.directory import (
    NGHE_AN_BODIES,
    STANDARD_BODIES,
    directory_load,
    load_nghe_an,
    province_find,
)
from tiendo.agencies.models import Agency, AgencyKind, AgencySuccession
from tiendo.agencies.services import agency_upsert
from tiendo.audit.models import AuditEvent
from tiendo.testing import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LAST_DISTRICT_DAY = dt.date(2025, 6, 30)
STANDARD_KEYS = [body.key for body in STANDARD_BODIES]


def under(code: int) -> Any:
    return Agency.objects.filter(code__startswith=f"{code:02d}.")


def package_communes(code: int) -> int:
    return len(list(Ward.iter_by_province(ProvinceCode(code))))


def state(code: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], int]:
    """Every row a load of this province may write, and the audit trail's length."""
    agencies = list(
        Agency.objects.order_by("code").values_list(
            "code", "name", "short_name", "kind", "parent_id", "path", "valid_from", "valid_to"
        )
    )
    links = list(
        AgencySuccession.objects.order_by("predecessor__code", "successor__code").values_list(
            "predecessor__code", "successor__code", "effective_on", "kind", "is_primary", "note"
        )
    )
    return agencies, links, AuditEvent.objects.count()


def superuser(name: str = "t.quantri.danhmuc") -> User:
    return User.objects.create_superuser(name, password=TEST_PASSWORD)


# --- A province merged on 1/7/2025: Lào Cai ----------------------------------------------------


def test_merged_province_gets_every_commune_of_the_package() -> None:
    directory_load(code=15)
    communes = under(15).filter(kind=AgencyKind.COMMUNE)
    assert communes.count() == package_communes(15) == 99
    assert set(communes.values_list("parent__code", flat=True)) == {"15"}
    assert not communes.filter(valid_from__isnull=True).exists()


def test_merged_province_gets_the_standard_bodies_under_its_ubnd() -> None:
    directory_load(code=15)
    province = Agency.objects.get(code="15")
    assert (province.name, province.kind) == ("UBND tỉnh Lào Cai", AgencyKind.PROVINCE)
    bodies = {
        a.code: a
        for a in Agency.objects.filter(parent=province).exclude(
            kind__in=[AgencyKind.COMMUNE, AgencyKind.DISTRICT]
        )
    }
    assert sorted(bodies) == sorted(f"15.{key}" for key in STANDARD_KEYS)
    assert bodies["15.CAT"].name == "Công an tỉnh"
    assert bodies["15.CAT"].kind == AgencyKind.POLICE
    assert bodies["15.VP"].name == "Văn phòng UBND tỉnh"
    assert bodies["15.SKHCN"].name == "Sở Khoa học và Công nghệ"
    assert bodies["15.BHXH"].name == "Bảo hiểm xã hội tỉnh Lào Cai"
    assert bodies["15.CUCTHUE"].name == "Thuế tỉnh Lào Cai"
    assert bodies["15.BUUDIEN"].name == "Bưu điện tỉnh Lào Cai"
    assert "15.STTTT" not in bodies  # merged into Sở KH&CN before this list starts


def test_merged_province_gets_the_districts_of_both_old_provinces_with_successors() -> None:
    directory_load(code=15)
    province = Agency.objects.get(code="15")
    districts = under(15).filter(kind=AgencyKind.DISTRICT)
    # 9 districts of old Lào Cai (code 10: 080-089) and 9 of old Yên Bái (code 15: 132-141).
    assert districts.count() == 18
    assert Agency.objects.get(code="15.H080").name == "UBND thành phố Lào Cai"
    assert Agency.objects.get(code="15.H132").name == "UBND thành phố Yên Bái"
    assert set(districts.values_list("valid_to", flat=True)) == {LAST_DISTRICT_DAY}
    for district in districts:
        links = AgencySuccession.objects.filter(predecessor=district)
        assert links.filter(is_primary=True).count() == 1, district.code
        assert {link.successor.parent_id for link in links} == {province.pk}
        assert {link.successor.kind for link in links} == {AgencyKind.COMMUNE}
        assert {link.effective_on for link in links} == {dt.date(2025, 7, 1)}
    yen_bai = AgencySuccession.objects.get(predecessor__code="15.H132", is_primary=True)
    assert yen_bai.successor.name == "UBND phường Yên Bái"


def test_island_district_passes_to_its_special_zone() -> None:
    directory_load(code=79)
    con_dao = AgencySuccession.objects.get(predecessor__code="79.H755")
    assert con_dao.successor.name == "UBND đặc khu Côn Đảo"
    assert under(79).filter(kind=AgencyKind.DISTRICT).count() == 38  # HCM, Bình Dương, BR-VT
    assert under(79).filter(kind=AgencyKind.COMMUNE).count() == package_communes(79)


# --- A city that was not merged: Huế ------------------------------------------------------------


def test_unmerged_city_uses_city_wording_and_its_own_districts() -> None:
    directory_load(code=46)
    assert Agency.objects.get(code="46").name == "UBND thành phố Huế"
    names = dict(under(46).values_list("code", "name"))
    assert names["46.VP"] == "Văn phòng UBND thành phố"
    assert names["46.CAT"] == "Công an thành phố"
    assert names["46.TTT"] == "Thanh tra thành phố"
    assert names["46.BHXH"] == "Bảo hiểm xã hội thành phố Huế"
    assert all(f"46.{key}" in names for key in STANDARD_KEYS)
    assert under(46).filter(kind=AgencyKind.COMMUNE).count() == package_communes(46) == 40
    districts = under(46).filter(kind=AgencyKind.DISTRICT)
    assert districts.count() == 9
    assert set(districts.values_list("valid_to", flat=True)) == {LAST_DISTRICT_DAY}
    assert names["46.H474"] == "UBND quận Thuận Hóa"
    primary = AgencySuccession.objects.filter(predecessor__in=districts, is_primary=True)
    assert primary.count() == 9


def test_summary_says_what_was_loaded_in_vietnamese() -> None:
    summary = directory_load(code=46).summary()
    assert summary.startswith(
        "Thành phố Huế: 1 UBND thành phố, 23 cơ quan cấp thành phố, "
        "40 đơn vị cấp xã (19 xã, 21 phường); 9 đơn vị cấp huyện cũ (đến 30/6/2025) với "
    )
    assert "14 bộ, ngành Trung ương" in summary
    assert "cập nhật 0" in summary


# --- Idempotence, edits, audit ------------------------------------------------------------------


@pytest.mark.parametrize("code", [15, 46])
def test_second_run_creates_and_changes_nothing(code: int) -> None:
    first = directory_load(code=code)
    assert len(first.created) >= 1 + 23 + package_communes(code)
    before = state(code)
    second = directory_load(code=code)
    assert (second.created, second.updated, second.writer.new_links) == ([], [], 0)
    assert "Thêm mới 0, cập nhật 0" in second.summary()
    assert state(code) == before


def test_rerun_keeps_names_an_administrator_edited_and_fixes_the_tree() -> None:
    directory_load(code=46)
    nation = Agency.objects.get(code="VN")
    health = Agency.objects.get(code="46.SYT")
    agency_upsert(
        code="46.SYT",
        name="Sở Y tế thành phố Huế",
        short_name="SYT Huế",
        kind=health.kind,
        parent=nation,  # misplaced by hand
        valid_to=dt.date(2030, 12, 31),
    )
    result = directory_load(code=46)
    health.refresh_from_db()
    assert (health.name, health.short_name) == ("Sở Y tế thành phố Huế", "SYT Huế")
    assert health.valid_to == dt.date(2030, 12, 31)
    assert health.parent == Agency.objects.get(code="46")
    assert [a.code for a in result.updated] == ["46.SYT"]
    assert result.created == []


def test_every_agency_written_leaves_an_audit_event_by_the_administrator() -> None:
    admin = superuser()
    actor = actor_for_user(admin)
    result = directory_load(code=46, actor=actor)
    events = AuditEvent.objects.filter(actor=admin, action="agency.create")
    assert events.count() == len(result.created)
    assert set(events.values_list("object_id", flat=True)) == {str(a.pk) for a in result.created}
    directory_load(code=46, actor=actor)
    assert AuditEvent.objects.filter(actor=admin).count() == len(result.created)


def test_only_a_superuser_may_load(client: Client) -> None:
    """A staff member who is not a system administrator opens the admin but not the load: the
    page refuses (access.require_directory_loader) and nothing is written."""
    clerk = User.objects.create_user("t.canbo", password=TEST_PASSWORD, is_staff=True)
    client.force_login(clerk)
    url = reverse("admin:agencies_agency_load_directory")
    assert client.get(url).status_code == 403
    assert client.post(url, {"province": "46"}).status_code == 403
    assert not Agency.objects.filter(code="46").exists()


def test_general_loader_gives_nghe_an_the_codes_of_load_nghe_an() -> None:
    bodies = load_nghe_an()
    result = directory_load(code=40)
    assert (result.created, result.updated) == ([], [])
    communes = under(40).filter(kind=AgencyKind.COMMUNE).values_list("code", flat=True)
    assert result.writer.written == {a.code for a in bodies.values()} | set(communes) | {"VN"}
    for key in ("40.CAT", "40.SKHCN", "40.STTTT", "40.H412", "40.SYT", "BO.BKHCN"):
        assert key in result.writer.written
    assert {body.key for body in STANDARD_BODIES} <= {body.key for body in NGHE_AN_BODIES}


# --- Which province was meant ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("79", 79),
        ("Hồ Chí Minh", 79),
        ("thành phố Hồ Chí Minh", 79),
        ("TP. HCM", 79),
        ("thành phố Huế", 46),
        ("Nghe An", 40),
        ("nghệ  an", 40),
        ("Tỉnh Lào Cai", 15),
        ("15", 15),
        ("1", 1),
    ],
)
def test_province_is_found_by_code_or_name_written_any_way(text: str, code: int) -> None:
    assert int(province_find(text).code) == code


def test_ambiguous_name_is_refused_with_the_candidates() -> None:
    with pytest.raises(ValidationError) as error:
        province_find("Ninh")
    assert error.value.messages == [
        '"Ninh" khớp với nhiều tỉnh, thành phố: 22 Quảng Ninh; 24 Bắc Ninh; 37 Ninh Bình; '
        "80 Tây Ninh. Hãy ghi đủ tên hoặc mã."
    ]


def test_partial_name_is_refused_with_the_one_candidate() -> None:
    with pytest.raises(ValidationError, match="có phải 79 Thành phố Hồ Chí Minh"):
        province_find("Hồ Chí")


def test_former_province_says_which_province_it_became() -> None:
    with pytest.raises(ValidationError) as by_name:
        province_find("Yên Bái")
    assert by_name.value.messages == [
        "Tỉnh Yên Bái (mã cũ 15) đã hợp nhất vào tỉnh Lào Cai (mã 15) từ 01/7/2025."
    ]
    with pytest.raises(ValidationError, match=r"Hà Giang \(mã cũ 02\) đã hợp nhất vào tỉnh Tuyên"):
        province_find("02")


def test_unknown_province_lists_the_34() -> None:
    with pytest.raises(ValidationError) as error:
        province_find("Atlantis")
    message = error.value.messages[0]
    assert message.startswith('Không có tỉnh, thành phố "Atlantis" trong 34 tỉnh, thành phố')
    assert "79 Thành phố Hồ Chí Minh" in message
    assert len(re.findall(r"\b\d\d (?:Thành phố )?[A-ZĐ]", message)) == 34


# --- The command --------------------------------------------------------------------------------


def test_command_loads_a_province_named_without_accents_and_prints_the_summary() -> None:
    out = StringIO()
    call_command("load_directory", "--province", "Thanh pho Hue", stdout=out)
    assert out.getvalue().startswith("Thành phố Huế: 1 UBND thành phố, 23 cơ quan")
    assert under(46).filter(kind=AgencyKind.COMMUNE).count() == 40
    again = StringIO()
    call_command("load_directory", "--province", "46", stdout=again)
    assert "Thêm mới 0, cập nhật 0" in again.getvalue()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Quảng", "khớp với nhiều tỉnh, thành phố: 08 Tuyên Quang; 22 Quảng Ninh;"),
        ("99", "Không có tỉnh, thành phố mã 99 trong 34 tỉnh, thành phố"),
        ("Bình Dương", "đã hợp nhất vào thành phố Hồ Chí Minh (mã 79)"),
    ],
)
def test_command_refuses_unclear_province_and_writes_nothing(text: str, words: str) -> None:
    before = Agency.objects.count()
    with pytest.raises(CommandError, match=words.replace("(", r"\(").replace(")", r"\)")):
        call_command("load_directory", "--province", text, stdout=StringIO())
    assert Agency.objects.count() == before


# --- The admin page -----------------------------------------------------------------------------

URL = "admin:agencies_agency_load_directory"


def test_superuser_sees_the_page_and_the_link_to_it(client: Client) -> None:
    client.force_login(superuser())
    page = client.get(reverse(URL))
    assert page.status_code == 200
    assert "Nạp danh mục cơ quan của tỉnh" in page.text
    assert "46 Thành phố Huế" in page.text
    listing = client.get(reverse("admin:agencies_agency_changelist"))
    assert reverse(URL) in listing.text


def test_superuser_post_loads_the_province_and_shows_what_was_created(client: Client) -> None:
    client.force_login(superuser())
    response = client.post(reverse(URL), {"province": "46"})
    assert response.status_code == 200
    assert "Thành phố Huế: 1 UBND thành phố" in response.text
    assert "UBND phường Thuận Hóa" in response.text  # in the list of what was created
    assert under(46).filter(kind=AgencyKind.COMMUNE).count() == 40
    again = client.post(reverse(URL), {"province": "46"})
    assert "Thêm mới 0, cập nhật 0" in again.text


def test_staff_who_is_not_superuser_is_refused(client: Client) -> None:
    clerk = User.objects.create_user("t.canbo", password=TEST_PASSWORD, is_staff=True)
    client.force_login(clerk)
    assert client.get(reverse(URL)).status_code == 403
    assert client.post(reverse(URL), {"province": "46"}).status_code == 403
    assert not Agency.objects.filter(code="46").exists()
    listing = client.get(reverse("admin:agencies_agency_changelist"))
    assert reverse(URL) not in listing.text


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "not staff"])
def test_anonymous_and_non_staff_are_sent_to_the_login(client: Client, logged_in: bool) -> None:
    if logged_in:
        client.force_login(User.objects.create_user("t.nguoidung", password=TEST_PASSWORD))
    response = client.post(reverse(URL), {"province": "46"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not Agency.objects.filter(code="46").exists()


def test_post_without_csrf_token_is_refused() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser())
    assert client.post(reverse(URL), {"province": "46"}).status_code == 403
    assert not Agency.objects.filter(code="46").exists()


def test_unknown_province_in_the_form_is_an_error_not_a_load(client: Client) -> None:
    client.force_login(superuser())
    before = Agency.objects.count()
    response = client.post(reverse(URL), {"province": "2"})
    assert response.status_code == 200
    assert "errorlist" in response.text
    assert Agency.objects.count() == before
