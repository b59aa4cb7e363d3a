"""Agency cells of real plan annexes, matched to Nghệ An's directory as written, never guessed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from tiendo.agencies.directory import load_nghe_an
from tiendo.agencies.models import Agency, AgencyKind
from tiendo.imports.matching import Directory, Named

pytestmark = pytest.mark.django_db

IN_2024 = dt.date(2024, 5, 10)  # before the department merger of 1/3/2025
SPRING_2025 = dt.date(2025, 5, 10)  # 14 departments, districts still there
AUTUMN_2025 = dt.date(2025, 8, 1)  # no districts: 130 communes

DEPARTMENTS_2025 = {
    "40.VP",
    "40.SNV",
    "40.STP",
    "40.STC",
    "40.SCT",
    "40.SXD",
    "40.SKHCN",
    "40.SGDDT",
    "40.SYT",
    "40.TTT",
    "40.SNGV",
    "40.SNNMT",
    "40.SVHTTDL",
    "40.SDTTG",
}
DEPARTMENTS_2024 = (DEPARTMENTS_2025 - {"40.SNNMT", "40.SVHTTDL", "40.SDTTG"}) | {
    "40.SKHDT",
    "40.SGTVT",
    "40.STNMT",
    "40.SNNPTNT",
    "40.STTTT",
    "40.SLDTBXH",
    "40.SVHTT",
    "40.SDL",
    "40.BDT",
}
CENTRAL = {"40.BHXH", "40.NHNN", "40.CUCTHUE", "40.KHOBAC"}


@pytest.fixture(scope="module")
def nghe_an(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Nghệ An's directory (real data, domain.md §6), for this module only.

    Not the session's `sample`: matching needs the directory alone, and the sample also reads
    plans and imports. Loading is idempotent, so a sample already loaded is left as it was.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        load_nghe_an()
        yield
        transaction.set_rollback(True)


def directory(on: dt.date) -> Directory:
    return Directory(Agency.objects.get(code="40"), on)


def codes(agencies: tuple[Agency, ...] | list[Agency]) -> list[str]:
    return [a.code for a in agencies]


def only(cell: str, on: dt.date) -> Named:
    """The one name a cell holds (and nothing left unmatched)."""
    match = directory(on).match(cell)
    assert match.unmatched == (), match
    assert len(match.names) == 1, match
    return match.names[0]


def of_kind(kind: str, on: dt.date) -> set[str]:
    """Codes of the province's bodies of a kind valid on a date, read straight from the table."""
    return {
        a.code for a in Agency.objects.filter(parent__code="40", kind=kind) if a.is_valid_on(on)
    }


# --- 1. names as published -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "on", "code"),
    [
        ("Công an tỉnh Nghệ An", IN_2024, "40.CAT"),
        ("Công an tỉnh", AUTUMN_2025, "40.CAT"),
        ("CA tỉnh", IN_2024, "40.CAT"),
        ("Bảo hiểm xã hội tỉnh", IN_2024, "40.BHXH"),
        ("BHXH tỉnh Nghệ An", AUTUMN_2025, "40.BHXH"),
        ("Văn phòng Ủy ban nhân dân tỉnh", IN_2024, "40.VP"),
        ("Văn phòng UBND tỉnh", IN_2024, "40.VP"),
        ("VP UBND tỉnh", AUTUMN_2025, "40.VP"),
        ("Ủy ban nhân dân tỉnh", IN_2024, "40"),
        ("UBND tỉnh Nghệ An", AUTUMN_2025, "40"),
        ("Sở Khoa học và Công nghệ", IN_2024, "40.SKHCN"),
        ("Sở KH&CN", AUTUMN_2025, "40.SKHCN"),
        ("Sở KHCN", AUTUMN_2025, "40.SKHCN"),
        ("Sở Giáo dục và Đào tạo", IN_2024, "40.SGDDT"),
        ("Sở GDĐT", AUTUMN_2025, "40.SGDDT"),
        ("Sở Y tế tỉnh Nghệ An", IN_2024, "40.SYT"),
        ("Viettel Nghệ An", IN_2024, "40.VIETTEL"),
        ("VNPT Nghệ An", IN_2024, "40.VNPT"),
        ("Bưu điện tỉnh", IN_2024, "40.BUUDIEN"),
        ("Cục Thuế tỉnh", IN_2024, "40.CUCTHUE"),
        ("Kho bạc Nhà nước tỉnh", IN_2024, "40.KHOBAC"),
        ("Ngân hàng Nhà nước chi nhánh tỉnh", IN_2024, "40.NHNN"),
        ("UBND xã Anh Sơn", AUTUMN_2025, "40.17329"),
        ("Xã Anh Sơn", AUTUMN_2025, "40.17329"),
        ("UBND huyện Anh Sơn", IN_2024, "40.H424"),
        ("UBND TP Vinh", IN_2024, "40.H412"),
        ("Sở Lao động - Thương binh và Xã hội", IN_2024, "40.SLDTBXH"),
        ("Sở LĐ-TB&XH", IN_2024, "40.SLDTBXH"),
        ("Sở Văn hóa, Thể thao và Du lịch", AUTUMN_2025, "40.SVHTTDL"),
        ("Tổ công tác 06", IN_2024, "40.TCT"),
        ("Công an tỉnh (cơ quan thường trực)", IN_2024, "40.CAT"),
    ],
)
def test_names_written_as_published_are_matched(
    nghe_an: None, cell: str, on: dt.date, code: str
) -> None:
    named = only(cell, on)
    assert codes(named.agencies) == [code]
    assert named.text == cell
    assert not (named.collective or named.vague or named.abolished or named.successors)


@pytest.mark.parametrize(
    "cell",
    [
        "Ủy ban nhân dân tỉnh",
        "Uỷ ban nhân dân tỉnh",
        "UỶ BAN NHÂN DÂN TỈNH",
        "UBND tỉnh.",
        "UBND tỉnh;",
        "  UBND   tỉnh  ",
        "ubnd tinh",
        "UBND TỈNH NGHỆ AN",
    ],
)
def test_spelling_case_spaces_and_trailing_punctuation_do_not_matter(
    nghe_an: None, cell: str
) -> None:
    named = only(cell, IN_2024)
    assert codes(named.agencies) == ["40"]


# --- 2. group names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "Các sở, ban, ngành",
        "Các Sở, ban, ngành.",
        "Các sở, ban, ngành cấp tỉnh",
        "các sở, ngành",
        "Sở, ban, ngành",
        "CÁC SỞ, BAN, NGÀNH",
    ],
)
@pytest.mark.parametrize(
    ("on", "expected"), [(IN_2024, DEPARTMENTS_2024), (AUTUMN_2025, DEPARTMENTS_2025)]
)
def test_departments_group_expands_to_departments_and_office_of_the_date(
    nghe_an: None, cell: str, on: dt.date, expected: set[str]
) -> None:
    named = only(cell, on)
    assert named.collective and not named.vague and not named.abolished
    assert set(codes(named.agencies)) == expected
    # Police and the central bodies in the province are listed separately by plans.
    assert not {"40.CAT", *CENTRAL} & set(codes(named.agencies))


def test_the_departments_of_2025_are_the_fourteen_of_the_merger(nghe_an: None) -> None:
    assert len(DEPARTMENTS_2025) == 14
    assert set(codes(only("Các sở, ban, ngành", AUTUMN_2025).agencies)) == of_kind(
        AgencyKind.DEPARTMENT, AUTUMN_2025
    ) | {"40.VP"}


@pytest.mark.parametrize(
    "cell", ["UBND các xã, phường, đặc khu", "UBND các xã, phường", "UBND cấp xã", "Các xã, phường"]
)
def test_communes_group_expands_to_the_130_communes(nghe_an: None, cell: str) -> None:
    named = only(cell, AUTUMN_2025)
    assert named.collective
    assert len(named.agencies) == 130
    assert set(codes(named.agencies)) == of_kind(AgencyKind.COMMUNE, AUTUMN_2025)
    assert "40.17329" in codes(named.agencies)


def test_communes_group_before_the_new_communes_has_no_members_and_says_so(
    nghe_an: None,
) -> None:
    named = only("UBND các xã, phường", IN_2024)
    assert named.collective and named.agencies == () and named.abolished == ()


@pytest.mark.parametrize(
    "cell",
    [
        "UBND các huyện, thành phố, thị xã",
        "UBND các huyện, thị xã, thành phố",
        "UBND cấp huyện",
        "UBND các huyện",
        "Các huyện, thành phố, thị xã",
    ],
)
@pytest.mark.parametrize("on", [IN_2024, SPRING_2025])
def test_districts_group_expands_to_the_20_districts(nghe_an: None, cell: str, on: dt.date) -> None:
    named = only(cell, on)
    assert named.collective
    assert len(named.agencies) == 20
    assert set(codes(named.agencies)) == of_kind(AgencyKind.DISTRICT, on)
    assert {"40.H412", "40.H424", "40.H432"} <= set(codes(named.agencies))


def test_central_bodies_group_expands_to_them(nghe_an: None) -> None:
    named = only("Các cơ quan Trung ương đóng trên địa bàn tỉnh", AUTUMN_2025)
    assert named.collective and set(codes(named.agencies)) == CENTRAL


@pytest.mark.parametrize(("on", "kind"), [(IN_2024, "district"), (AUTUMN_2025, "commune")])
def test_localities_are_the_local_level_of_the_date(nghe_an: None, on: dt.date, kind: str) -> None:
    named = only("Các địa phương", on)
    assert named.collective and set(codes(named.agencies)) == of_kind(kind, on)


# --- 3. vague names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "Các cơ quan, đơn vị liên quan",
        "Các đơn vị liên quan",
        "các cơ quan có liên quan",
        "Các đơn vị, địa phương liên quan",
        "các đơn vị có liên quan",
        "Các cơ quan, đơn vị, địa phương có liên quan.",
        "Các sở, ban, ngành liên quan",
        "UBND các xã, phường liên quan",
    ],
)
def test_vague_names_name_nobody_in_particular(nghe_an: None, cell: str) -> None:
    named = only(cell, AUTUMN_2025)
    assert named.vague and named.agencies == () and not named.collective
    assert directory(AUTUMN_2025).match(cell).agencies == []


# --- 4. cells listing several bodies ---------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "on", "expected"),
    [
        ("Sở Khoa học và Công nghệ, Sở Tài chính", IN_2024, [["40.SKHCN"], ["40.STC"]]),
        ("Sở Tư pháp và Sở Nội vụ", IN_2024, [["40.STP"], ["40.SNV"]]),
        ("Sở TT&TT; Sở Tư pháp", IN_2024, [["40.STTTT"], ["40.STP"]]),
        ("Sở Y tế\nSở Tài chính", IN_2024, [["40.SYT"], ["40.STC"]]),
        ("- Sở Y tế;\n- BHXH tỉnh.", IN_2024, [["40.SYT"], ["40.BHXH"]]),
        ("+ Sở Y tế\n+ Công an tỉnh", IN_2024, [["40.SYT"], ["40.CAT"]]),
        ("Sở Y tế + BHXH tỉnh", IN_2024, [["40.SYT"], ["40.BHXH"]]),
        ("1. Sở Y tế\n2. Sở Tư pháp", IN_2024, [["40.SYT"], ["40.STP"]]),
        ("Sở Y tế - Sở Tài chính", IN_2024, [["40.SYT"], ["40.STC"]]),
        ("Sở Văn hóa, Thể thao và Du lịch", AUTUMN_2025, [["40.SVHTTDL"]]),
        ("Sở Văn hóa, Thể thao\nvà Du lịch", AUTUMN_2025, [["40.SVHTTDL"]]),
        (
            "Sở Văn hóa, Thể thao và Du lịch, Sở Khoa học và Công nghệ",
            AUTUMN_2025,
            [["40.SVHTTDL"], ["40.SKHCN"]],
        ),
        (
            "Sở Lao động - Thương binh và Xã hội, Sở Y tế",
            IN_2024,
            [["40.SLDTBXH"], ["40.SYT"]],
        ),
        (
            "Công an tỉnh, Sở Y tế, BHXH tỉnh, Viettel Nghệ An và VNPT Nghệ An",
            IN_2024,
            [["40.CAT"], ["40.SYT"], ["40.BHXH"], ["40.VIETTEL"], ["40.VNPT"]],
        ),
    ],
)
def test_cells_listing_several_bodies_are_split_without_breaking_names(
    nghe_an: None, cell: str, on: dt.date, expected: list[list[str]]
) -> None:
    match = directory(on).match(cell)
    assert match.unmatched == ()
    assert [codes(n.agencies) for n in match.names] == expected


def test_two_groups_in_one_cell_are_both_expanded(nghe_an: None) -> None:
    match = directory(AUTUMN_2025).match("Các sở, ban, ngành; UBND các xã, phường")
    assert [n.text for n in match.names] == ["Các sở, ban, ngành", "UBND các xã, phường"]
    assert all(n.collective for n in match.names) and match.unmatched == ()
    assert set(codes(match.agencies)) == DEPARTMENTS_2025 | of_kind("commune", AUTUMN_2025)
    assert len(match.agencies) == 14 + 130


def test_groups_and_a_vague_name_separated_by_commas_are_told_apart(nghe_an: None) -> None:
    match = directory(AUTUMN_2025).match(
        "Các sở, ban, ngành, UBND các xã, phường, đặc khu và các đơn vị liên quan"
    )
    assert [(n.text, n.collective, n.vague) for n in match.names] == [
        ("Các sở, ban, ngành", True, False),
        ("UBND các xã, phường, đặc khu", True, False),
        ("các đơn vị liên quan", False, True),
    ]
    assert len(match.agencies) == 144 and match.unmatched == ()


def test_agencies_are_unique_and_in_order(nghe_an: None) -> None:
    match = directory(AUTUMN_2025).match("Sở Y tế; Các sở, ban, ngành; Sở Y tế; Công an tỉnh")
    found = codes(match.agencies)
    assert found[0] == "40.SYT" and found[-1] == "40.CAT"
    assert len(found) == len(set(found)) == 15
    assert len(match.names) == 4  # every name as written, repeated ones too


@pytest.mark.parametrize(
    ("cell", "found", "unmatched"),
    [
        ("Sở Không Tồn Tại", [], ["Sở Không Tồn Tại"]),
        ("Sở Y tế, Hội Nông dân tỉnh", ["40.SYT"], ["Hội Nông dân tỉnh"]),
        (
            "Trung tâm Giám sát, điều hành thông minh; Sở Tư pháp",
            ["40.STP"],
            ["Trung tâm Giám sát, điều hành thông minh"],
        ),
        ("Hội Nông dân, Hội Phụ nữ, Sở Y tế", ["40.SYT"], ["Hội Nông dân", "Hội Phụ nữ"]),
        ("Các sở, ban, ngành, đoàn thể", sorted(DEPARTMENTS_2025), ["đoàn thể"]),
    ],
)
def test_pieces_that_name_nothing_known_are_reported_as_written(
    nghe_an: None, cell: str, found: list[str], unmatched: list[str]
) -> None:
    match = directory(AUTUMN_2025).match(cell)
    assert sorted(codes(match.agencies)) == sorted(found)
    assert list(match.unmatched) == unmatched


@pytest.mark.parametrize("cell", ["", None, "   ", " ; ", "-"])
def test_empty_cells_name_nothing(nghe_an: None, cell: object) -> None:
    match = directory(IN_2024).match(cell)
    assert match.names == () and match.unmatched == () and match.agencies == []


# --- 5. bodies that no longer existed, or did not exist yet, on the date ---------------------


@pytest.mark.parametrize(
    ("cell", "on", "abolished", "successors"),
    [
        ("Sở Thông tin và Truyền thông", SPRING_2025, ["40.STTTT"], ["40.SKHCN"]),
        ("Sở TT&TT", AUTUMN_2025, ["40.STTTT"], ["40.SKHCN"]),
        (
            "Sở Lao động - Thương binh và Xã hội",
            SPRING_2025,
            ["40.SLDTBXH"],
            ["40.SNV", "40.SYT", "40.SGDDT"],
        ),
        ("Sở Tài nguyên và Môi trường", SPRING_2025, ["40.STNMT"], ["40.SNNMT"]),
        ("Sở Văn hóa và Thể thao", SPRING_2025, ["40.SVHTT"], ["40.SVHTTDL"]),
        ("Ban Dân tộc tỉnh", SPRING_2025, ["40.BDT"], ["40.SDTTG"]),
        ("Sở Kế hoạch và Đầu tư", AUTUMN_2025, ["40.SKHDT"], ["40.STC"]),
    ],
)
def test_abolished_bodies_are_named_with_their_successors(
    nghe_an: None, cell: str, on: dt.date, abolished: list[str], successors: list[str]
) -> None:
    named = only(cell, on)
    assert named.agencies == ()
    assert codes(named.abolished) == abolished
    assert codes(named.successors) == successors
    assert directory(on).match(cell).agencies == []


def test_an_abolished_district_names_the_communes_that_took_it_primary_first(
    nghe_an: None,
) -> None:
    named = only("UBND huyện Anh Sơn", AUTUMN_2025)
    assert named.agencies == () and codes(named.abolished) == ["40.H424"]
    successors = codes(named.successors)
    assert successors[0] == "40.17380"  # Yên Xuân took most of the old district's communes
    assert "40.17329" in successors and len(successors) == len(set(successors)) == 6


def test_the_districts_group_after_the_districts_ended_names_them_and_their_successors(
    nghe_an: None,
) -> None:
    named = only("UBND các huyện, thành phố, thị xã", AUTUMN_2025)
    assert named.collective and named.agencies == ()
    assert set(codes(named.abolished)) == of_kind(AgencyKind.DISTRICT, IN_2024)
    assert set(codes(named.successors)) == of_kind(AgencyKind.COMMUNE, AUTUMN_2025)
    primaries = codes(named.successors)[:3]
    assert primaries == ["40.16690", "40.16939", "40.16738"]  # of Vinh, Thái Hòa, Quế Phong


@pytest.mark.parametrize(
    ("cell", "on", "code"),
    [
        ("Sở Thông tin và Truyền thông", IN_2024, "40.STTTT"),
        ("Sở TT&TT", dt.date(2025, 2, 28), "40.STTTT"),
        ("UBND huyện Anh Sơn", dt.date(2025, 6, 30), "40.H424"),
        ("UBND xã Anh Sơn", dt.date(2025, 7, 1), "40.17329"),
        ("Sở Nông nghiệp và Môi trường", dt.date(2025, 3, 1), "40.SNNMT"),
    ],
)
def test_the_same_name_on_a_date_it_existed_is_a_plain_match(
    nghe_an: None, cell: str, on: dt.date, code: str
) -> None:
    assert codes(only(cell, on).agencies) == [code]


@pytest.mark.parametrize(
    ("cell", "on"),
    [
        ("Sở Nông nghiệp và Môi trường", IN_2024),
        ("Sở Văn hóa, Thể thao và Du lịch", IN_2024),
        ("UBND xã Anh Sơn", SPRING_2025),
    ],
)
def test_a_body_that_did_not_exist_yet_is_named_but_matches_nothing(
    nghe_an: None, cell: str, on: dt.date
) -> None:
    named = only(cell, on)
    assert named.not_yet_existing
    assert named.agencies == named.abolished == named.successors == ()
    assert directory(on).match(cell).agencies == []


# --- 6. close names stay distinct ------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("Sở Tài chính", "40.STC"),
        ("Sở Tài nguyên và Môi trường", "40.STNMT"),
        ("UBND tỉnh", "40"),
        ("Văn phòng UBND tỉnh", "40.VP"),
        ("Công an tỉnh", "40.CAT"),
        ("Sở Văn hóa và Thể thao", "40.SVHTT"),
        ("Sở Du lịch", "40.SDL"),
        ("Sở Khoa học và Công nghệ", "40.SKHCN"),
        ("Sở Kế hoạch và Đầu tư", "40.SKHDT"),
    ],
)
def test_close_names_are_not_conflated(nghe_an: None, cell: str, code: str) -> None:
    assert codes(only(cell, IN_2024).agencies) == [code]


@pytest.mark.parametrize(
    "cell", ["Công an xã", "UBND", "Công an", "HĐND tỉnh", "Sở", "UBND thành phố", "Nghệ An"]
)
def test_names_of_no_body_in_the_directory_are_unmatched(nghe_an: None, cell: str) -> None:
    match = directory(IN_2024).match(cell)
    assert match.names == () and match.unmatched == (cell,)


# --- find, for a user's decision ---------------------------------------------------------------


def test_find_takes_a_code_or_a_single_name_valid_on_the_date(nghe_an: None) -> None:
    on_2025 = directory(AUTUMN_2025)
    assert on_2025.find("40.SYT") == Agency.objects.get(code="40.SYT")
    assert on_2025.find(" 40.syt ") == Agency.objects.get(code="40.SYT")
    found = on_2025.find("Sở KH&CN")
    assert found is not None and found.code == "40.SKHCN"
    assert on_2025.find("40.STTTT") is None  # abolished on the date
    assert on_2025.find("Sở TT&TT") is None
    assert on_2025.find("Các sở, ban, ngành") is None  # a group is not one body
    assert on_2025.find("BO.BYT") is None  # not a body of the province
    assert on_2025.find("Sở Không Tồn Tại") is None
    assert directory(IN_2024).find("40.STTTT") == Agency.objects.get(code="40.STTTT")


# --- 7. speed ----------------------------------------------------------------------------------


def test_the_directory_costs_two_queries_and_matching_none(
    nghe_an: None, django_assert_num_queries: Any
) -> None:
    province = Agency.objects.get(code="40")
    with django_assert_num_queries(2):
        built = Directory(province, AUTUMN_2025)
    cells = [
        "Sở TT&TT; Sở Tư pháp",
        "Các sở, ban, ngành; UBND các xã, phường",
        "UBND các huyện",
        "Sở Không Tồn Tại",
    ]
    with django_assert_num_queries(0):
        first = [built.match(cell) for cell in cells]
        for _ in range(2_000):
            for cell in cells:
                built.match(cell)
        assert built.find("Sở Y tế") is not None
    assert all(built.match(cell) is match for cell, match in zip(cells, first, strict=True))


def test_a_directory_built_from_a_body_inside_the_province_reads_the_province(
    nghe_an: None, django_assert_num_queries: Any
) -> None:
    police = Agency.objects.get(code="40.CAT")
    with django_assert_num_queries(3):
        built = Directory(police, AUTUMN_2025)
    assert built.province.code == "40"
    assert codes(built.match("Sở Y tế").agencies) == ["40.SYT"]
