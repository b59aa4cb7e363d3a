"""The agency directory from real data: provinces and communes (2025 codes, package
`vietnam-provinces`), districts before 1/7/2025 and their succession (package `vietnamadminunits`),
the standard provincial bodies since 1/3/2025, and Nghệ An's departments before and after the
1/3/2025 merger (domain.md §6).

`directory_load` loads any of the 34 provinces (command `tiendo load_directory`, admin page
"Nạp danh mục cơ quan của tỉnh"). It creates what is missing and keeps what people edited: an
agency that exists keeps its name, short name and validity dates; the loader only puts its kind
and place in the tree right, and records a succession only for a body that has none yet.
`load_nghe_an` (the sample) still rewrites everything from the shipped data, as it always has.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import vietnamadminunits
from django.core.exceptions import ValidationError
from django.db import transaction
from vietnam_provinces import Province, ProvinceCode, Ward

from tiendo.agencies.models import Agency, AgencyKind, AgencySuccession, SuccessionKind
from tiendo.agencies.services import agency_record_succession, agency_upsert
from tiendo.audit.services import snapshot
from tiendo.lib.text import fold, unaccent

if TYPE_CHECKING:
    from collections.abc import Callable

    from tiendo.lib.actors import Acting

NATION_CODE = "VN"
DEPARTMENT_MERGER = dt.date(2025, 3, 1)  # Nghị quyết of the provincial council; 14 departments
DISTRICTS_END = dt.date(2025, 7, 1)  # the district level ended (Nghị quyết 202/2025/QH15)


def province_code(code: int) -> str:
    return f"{code:02d}"


def member_code(province: int, key: str) -> str:
    """Code of a provincial body: '40.SYT', '40.H412', '40.17329'."""
    return f"{province_code(province)}.{key}"


@dataclass(frozen=True)
class BodySpec:
    """A provincial body: key, name, short name, kind, and validity."""

    key: str
    name: str
    short: str
    kind: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


_BEFORE = DEPARTMENT_MERGER - dt.timedelta(days=1)
M = AgencyKind.MINISTRY

# Central ministries and bodies that provinces address recommendations (kiến nghị) to. Several
# merged on 1/3/2025 (Nghị quyết 176/2025/QH15); codes are "BO.<key>".
MINISTRIES: tuple[BodySpec, ...] = (
    BodySpec("BCA", "Bộ Công an", "Bộ Công an", M),
    BodySpec("BYT", "Bộ Y tế", "Bộ Y tế", M),
    BodySpec("BTP", "Bộ Tư pháp", "Bộ Tư pháp", M),
    BodySpec("BTC", "Bộ Tài chính", "Bộ Tài chính", M),
    BodySpec("BNV", "Bộ Nội vụ", "Bộ Nội vụ", M),
    BodySpec("BGDDT", "Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT", M),
    BodySpec("BKHCN", "Bộ Khoa học và Công nghệ", "Bộ KH&CN", M),
    BodySpec("BTTTT", "Bộ Thông tin và Truyền thông", "Bộ TT&TT", M, valid_to=_BEFORE),
    BodySpec("BLDTBXH", "Bộ Lao động - Thương binh và Xã hội", "Bộ LĐ-TB&XH", M, valid_to=_BEFORE),
    BodySpec("BTNMT", "Bộ Tài nguyên và Môi trường", "Bộ TN&MT", M, valid_to=_BEFORE),
    BodySpec("BNNMT", "Bộ Nông nghiệp và Môi trường", "Bộ NN&MT", M, valid_from=DEPARTMENT_MERGER),
    BodySpec("BHXHVN", "Bảo hiểm xã hội Việt Nam", "BHXH Việt Nam", M),
    BodySpec("NHNNVN", "Ngân hàng Nhà nước Việt Nam", "NHNN Việt Nam", M),
    BodySpec("VPCP", "Văn phòng Chính phủ", "VPCP", M),
)
MINISTRY_MERGER: dict[str, tuple[str, ...]] = {
    "BTTTT": ("BKHCN",),
    "BLDTBXH": ("BNV", "BYT", "BGDDT"),
    "BTNMT": ("BNNMT",),
}
D, C, P = AgencyKind.DEPARTMENT, AgencyKind.CENTRAL, AgencyKind.POLICE

NGHE_AN_BODIES: tuple[BodySpec, ...] = (
    BodySpec("VP", "Văn phòng UBND tỉnh", "VP UBND tỉnh", AgencyKind.OFFICE),
    BodySpec("CAT", "Công an tỉnh", "Công an tỉnh", P),
    BodySpec(
        "TCT", "Tổ công tác triển khai Đề án 06 tỉnh", "Tổ công tác 06", AgencyKind.WORKING_GROUP
    ),
    BodySpec("SNV", "Sở Nội vụ", "Sở Nội vụ", D),
    BodySpec("STP", "Sở Tư pháp", "Sở Tư pháp", D),
    BodySpec("STC", "Sở Tài chính", "Sở Tài chính", D),
    BodySpec("SCT", "Sở Công Thương", "Sở Công Thương", D),
    BodySpec("SXD", "Sở Xây dựng", "Sở Xây dựng", D),
    BodySpec("SKHCN", "Sở Khoa học và Công nghệ", "Sở KH&CN", D),
    BodySpec("SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", D),
    BodySpec("SYT", "Sở Y tế", "Sở Y tế", D),
    BodySpec("TTT", "Thanh tra tỉnh", "Thanh tra tỉnh", D),
    BodySpec("SNGV", "Sở Ngoại vụ", "Sở Ngoại vụ", D),
    # Bodies that ended with the merger of 1/3/2025.
    BodySpec("SKHDT", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", D, valid_to=_BEFORE),
    BodySpec("SGTVT", "Sở Giao thông vận tải", "Sở GTVT", D, valid_to=_BEFORE),
    BodySpec("STNMT", "Sở Tài nguyên và Môi trường", "Sở TN&MT", D, valid_to=_BEFORE),
    BodySpec(
        "SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", D, valid_to=_BEFORE
    ),
    BodySpec("STTTT", "Sở Thông tin và Truyền thông", "Sở TT&TT", D, valid_to=_BEFORE),
    BodySpec("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH", D, valid_to=_BEFORE),
    BodySpec("SVHTT", "Sở Văn hóa và Thể thao", "Sở VH&TT", D, valid_to=_BEFORE),
    BodySpec("SDL", "Sở Du lịch", "Sở Du lịch", D, valid_to=_BEFORE),
    BodySpec("BDT", "Ban Dân tộc", "Ban Dân tộc", D, valid_to=_BEFORE),
    # Bodies created by the merger.
    BodySpec("SNNMT", "Sở Nông nghiệp và Môi trường", "Sở NN&MT", D, valid_from=DEPARTMENT_MERGER),
    BodySpec(
        "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTT&DL", D, valid_from=DEPARTMENT_MERGER
    ),
    BodySpec("SDTTG", "Sở Dân tộc và Tôn giáo", "Sở DT&TG", D, valid_from=DEPARTMENT_MERGER),
    # Central agencies located in the province that carry Đề án 06 tasks.
    BodySpec("BHXH", "Bảo hiểm xã hội tỉnh", "BHXH tỉnh", C),
    BodySpec("NHNN", "Ngân hàng Nhà nước chi nhánh tỉnh", "NHNN chi nhánh", C),
    BodySpec("VNPT", "Viễn thông (VNPT) tỉnh", "VNPT", AgencyKind.ENTERPRISE),
    BodySpec("VIETTEL", "Viettel tỉnh", "Viettel", AgencyKind.ENTERPRISE),
    BodySpec("BUUDIEN", "Bưu điện tỉnh", "Bưu điện tỉnh", AgencyKind.ENTERPRISE),
    BodySpec("CUCTHUE", "Cục Thuế tỉnh", "Cục Thuế", C),
    BodySpec("KHOBAC", "Kho bạc Nhà nước tỉnh", "KBNN tỉnh", C),
)

# Predecessor key -> successor keys, primary first (domain.md §6, the national pattern).
NGHE_AN_MERGER: dict[str, tuple[str, ...]] = {
    "SKHDT": ("STC",),
    "SGTVT": ("SXD",),
    "STNMT": ("SNNMT",),
    "SNNPTNT": ("SNNMT",),
    "STTTT": ("SKHCN",),
    "SLDTBXH": ("SNV", "SYT", "SGDDT"),
    "SVHTT": ("SVHTTDL",),
    "SDL": ("SVHTTDL",),
    "BDT": ("SDTTG",),
}


# The bodies of every province since 1/3/2025 (the national pattern after the restructuring,
# domain.md §6), in the province's own words: {cap} is "tỉnh" or "thành phố", {of} "tỉnh Lào Cai"
# or "thành phố Hà Nội", {place} "Lào Cai". Keys are those of NGHE_AN_BODIES, so a body has the
# same code suffix in every province. (uncertain) Sở Ngoại vụ and Sở Dân tộc và Tôn giáo exist
# only where the province kept them, and since 2025 several central bodies are organised by region
# (Kho bạc Nhà nước khu vực, Ngân hàng Nhà nước chi nhánh khu vực): these names are a starting point
# that administrators correct, and a re-run keeps their corrections.
STANDARD_BODIES: tuple[BodySpec, ...] = (
    BodySpec("VP", "Văn phòng UBND {cap}", "VP UBND {cap}", AgencyKind.OFFICE),
    BodySpec("CAT", "Công an {cap}", "Công an {cap}", P),
    BodySpec(
        "TCT", "Tổ công tác triển khai Đề án 06 {cap}", "Tổ công tác 06", AgencyKind.WORKING_GROUP
    ),
    BodySpec("SNV", "Sở Nội vụ", "Sở Nội vụ", D),
    BodySpec("STC", "Sở Tài chính", "Sở Tài chính", D),
    BodySpec("SXD", "Sở Xây dựng", "Sở Xây dựng", D),
    BodySpec("SNNMT", "Sở Nông nghiệp và Môi trường", "Sở NN&MT", D, valid_from=DEPARTMENT_MERGER),
    BodySpec("SCT", "Sở Công Thương", "Sở Công Thương", D),
    BodySpec("SKHCN", "Sở Khoa học và Công nghệ", "Sở KH&CN", D),
    BodySpec(
        "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTT&DL", D, valid_from=DEPARTMENT_MERGER
    ),
    BodySpec("SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", D),
    BodySpec("SYT", "Sở Y tế", "Sở Y tế", D),
    BodySpec("STP", "Sở Tư pháp", "Sở Tư pháp", D),
    BodySpec("SNGV", "Sở Ngoại vụ", "Sở Ngoại vụ", D),
    BodySpec("SDTTG", "Sở Dân tộc và Tôn giáo", "Sở DT&TG", D, valid_from=DEPARTMENT_MERGER),
    BodySpec("TTT", "Thanh tra {cap}", "Thanh tra {cap}", D),
    # Central agencies located in the province that carry Đề án 06 tasks. The tax body keeps the
    # key of the former Cục Thuế; since 1/7/2025 it is "Thuế tỉnh, thành phố".
    BodySpec("BHXH", "Bảo hiểm xã hội {of}", "BHXH {cap}", C),
    BodySpec("CUCTHUE", "Thuế {of}", "Thuế {cap}", C),
    BodySpec("KHOBAC", "Kho bạc Nhà nước {of}", "KBNN {cap}", C),
    BodySpec("NHNN", "Ngân hàng Nhà nước chi nhánh {of}", "NHNN chi nhánh", C),
    BodySpec("VNPT", "VNPT {place}", "VNPT", AgencyKind.ENTERPRISE),
    BodySpec("VIETTEL", "Viettel {place}", "Viettel", AgencyKind.ENTERPRISE),
    BodySpec("BUUDIEN", "Bưu điện {of}", "Bưu điện {cap}", AgencyKind.ENTERPRISE),
)


@dataclass(frozen=True)
class ProvinceWords:
    """How a province is written: 'tỉnh' / 'thành phố' and its name without that word."""

    cap: str
    place: str

    @property
    def of(self) -> str:
        """'tỉnh Lào Cai', 'thành phố Hà Nội'."""
        return f"{self.cap} {self.place}"

    @property
    def title(self) -> str:
        """'Tỉnh Lào Cai', 'Thành phố Hà Nội' (at the start of a sentence)."""
        return self.of[:1].upper() + self.of[1:]


def province_words(province: Province) -> ProvinceWords:
    city = "Thành phố "  # how vietnam-provinces names the six centrally-run cities
    if province.name.startswith(city):
        return ProvinceWords("thành phố", province.name.removeprefix(city))
    return ProvinceWords("tỉnh", province.name)


def standard_bodies(province: Province) -> tuple[BodySpec, ...]:
    """STANDARD_BODIES with the province's words filled in."""
    words = province_words(province)
    values = {"cap": words.cap, "of": words.of, "place": words.place}
    return tuple(
        replace(body, name=body.name.format(**values), short=body.short.format(**values))
        for body in STANDARD_BODIES
    )


def _province_title(province: Province) -> str:
    """'tỉnh Nghệ An', 'thành phố Hà Nội' (the package names cities in full already)."""
    return province_words(province).of


def _lower_first(name: str) -> str:
    """'Xã Anh Sơn' -> 'xã Anh Sơn', as in 'UBND xã Anh Sơn'."""
    return name[:1].lower() + name[1:]


def _legacy_db() -> Path:
    return Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"


@dataclass
class AgencyWriter:
    """Writes the agencies of one load through agency_upsert and notes what each write did.

    With keep_edits, an agency that exists keeps its name, short name and validity dates (what
    administrators correct); only its kind and parent are brought back to the shipped data.
    """

    keep_edits: bool = False
    actor: Acting | None = None
    # When the links of the load count as recorded, from their effective date (None: now).
    links_recorded_at: Callable[[dt.date], dt.datetime] | None = None
    created: list[Agency] = field(default_factory=list)
    updated: list[Agency] = field(default_factory=list)
    unchanged: int = 0
    new_links: int = 0
    # Codes already written by this load (the national root is reached twice), counted once.
    written: set[str] = field(default_factory=set)

    def put(
        self,
        *,
        code: str,
        name: str,
        kind: str,
        parent: Agency | None,
        short_name: str = "",
        valid_from: dt.date | None = None,
        valid_to: dt.date | None = None,
    ) -> Agency:
        existing = Agency.objects.filter(code=code).first()
        if existing is not None and self.keep_edits:
            name, short_name = existing.name, existing.short_name
            valid_from, valid_to = existing.valid_from, existing.valid_to
        agency = agency_upsert(
            code=code,
            name=name,
            kind=kind,
            parent=parent,
            short_name=short_name,
            valid_from=valid_from,
            valid_to=valid_to,
            actor=self.actor,
        )
        if code not in self.written:
            self.written.add(code)
            if existing is None:
                self.created.append(agency)
            elif snapshot(existing) != snapshot(agency):
                self.updated.append(agency)
            else:
                self.unchanged += 1
        return agency

    def succeed(
        self,
        *,
        predecessor: Agency,
        successors: list[Agency],
        effective_on: dt.date,
        kind: str,
        note: str,
    ) -> None:
        """Record a succession; with keep_edits, only for a body that has none yet."""
        in_force = AgencySuccession.objects.filter(
            predecessor=predecessor, superseded_at__isnull=True
        )
        if self.keep_edits and in_force.exists():
            return
        links = agency_record_succession(
            predecessor=predecessor,
            successors=successors,
            effective_on=effective_on,
            kind=kind,
            note=note,
            recorded_at=self.links_recorded_at(effective_on) if self.links_recorded_at else None,
        )
        self.new_links += len(links)


@transaction.atomic
def load_nation(*, writer: AgencyWriter | None = None) -> Agency:
    return (writer or AgencyWriter()).put(
        code=NATION_CODE, name="Việt Nam", kind=AgencyKind.NATION, parent=None
    )


@transaction.atomic
def load_ministries(*, writer: AgencyWriter | None = None) -> dict[str, Agency]:
    """The central ministries under the national root, with their 2025 mergers."""
    writer = writer or AgencyWriter()
    nation = load_nation(writer=writer)
    ministries = {
        body.key: writer.put(
            code=f"BO.{body.key}",
            name=body.name,
            short_name=body.short,
            kind=body.kind,
            parent=nation,
            valid_from=body.valid_from,
            valid_to=body.valid_to,
        )
        for body in MINISTRIES
    }
    for old, new in MINISTRY_MERGER.items():
        writer.succeed(
            predecessor=ministries[old],
            successors=[ministries[key] for key in new],
            effective_on=DEPARTMENT_MERGER,
            kind=SuccessionKind.MERGED,
            note="Sắp xếp tổ chức bộ máy Chính phủ từ 01/3/2025",
        )
    return ministries


@transaction.atomic
def load_province(
    code: int, *, nation: Agency | None = None, writer: AgencyWriter | None = None
) -> Agency:
    """UBND of one of the 34 provinces (2025 list), under the national root."""
    writer = writer or AgencyWriter()
    province = Province.from_code(ProvinceCode(code))
    return writer.put(
        code=province_code(code),
        name=f"UBND {_province_title(province)}",
        short_name=province.name,
        kind=AgencyKind.PROVINCE,
        parent=nation or load_nation(writer=writer),
    )


@transaction.atomic
def load_communes(
    province: Agency, code: int, *, writer: AgencyWriter | None = None
) -> list[Agency]:
    """The province's communes, wards and special zones as they exist since 1/7/2025."""
    writer = writer or AgencyWriter()
    communes = []
    for ward in sorted(Ward.iter_by_province(ProvinceCode(code)), key=lambda w: int(w.code)):
        communes.append(
            writer.put(
                code=member_code(code, str(int(ward.code))),
                name=f"UBND {_lower_first(ward.name)}",
                short_name=ward.name,
                kind=AgencyKind.COMMUNE,
                parent=province,
                valid_from=DISTRICTS_END,
            )
        )
    return communes


@dataclass(frozen=True)
class _LegacyDistricts:
    """What vietnamadminunits says about a 2025 province's districts before 1/7/2025."""

    # (district code, district name, old ward key "province_district_ward"), ordered by district.
    wards: list[tuple[str, str, str]]
    # Old ward key -> code of the 2025 commune (vietnam-provinces numbering) that took it.
    new_ward: dict[str, int]


def _legacy_districts(code: int) -> _LegacyDistricts:
    """The old wards of every old province that formed this one, and where each went.

    The legacy table is keyed by the OLD provinces (63, with their own codes: the new Lào Cai, 15,
    is old Lào Cai, 10, with old Yên Bái, 15); the converter's DICT_PROVINCE lists the old
    provinces of each new one, by key.
    """
    uri = f"{_legacy_db().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        new_wards = connection.execute(
            "SELECT provinceKey, wardKey, ward FROM admin_units WHERE provinceCode = ?",
            (province_code(code),),
        ).fetchall()
        if not new_wards:
            return _LegacyDistricts([], {})
        converter = json.loads((_legacy_db().parent / "converter_2025.json").read_text("utf-8"))
        province_key = new_wards[0][0]
        old_provinces = converter["DICT_PROVINCE"].get(province_key, [province_key])
        # Only "?" placeholders are composed into the query; the keys travel as parameters.
        marks = ", ".join("?" * len(old_provinces))
        query = f"SELECT DISTINCT districtCode, district, provinceKey, districtKey, wardKey FROM admin_units_legacy WHERE provinceKey IN ({marks}) ORDER BY districtCode"  # noqa: E501, S608
        rows = connection.execute(query, old_provinces).fetchall()
    ward_codes = _ward_codes_by_key(code, [(key, name) for _, key, name in new_wards])
    new_ward: dict[str, int] = {}
    for old_key, new_key in _old_to_new_wards(converter, province_key).items():
        if new_key in ward_codes:
            new_ward[old_key] = ward_codes[new_key]
    # An island district without wards (Côn Đảo, Bạch Long Vĩ…) is keyed "province_district_".
    wards = [
        (district_code, district, f"{province}_{district_key}_{ward_key or ''}")
        for district_code, district, province, district_key, ward_key in rows
    ]
    return _LegacyDistricts(wards, new_ward)


def _ward_codes_by_key(code: int, keyed_names: list[tuple[str, str]]) -> dict[str, int]:
    """vietnamadminunits ward key -> vietnam-provinces ward code, matched by name.

    The two packages number a few wards differently, so names decide: spelled with accents first
    ('Xã Văn Lang' and 'Xã Văn Lăng' are two communes), then without when that is unambiguous.
    """
    wards = list(Ward.iter_by_province(ProvinceCode(code)))
    exact = {_spelling(ward.name): int(ward.code) for ward in wards}
    loose = Counter(_spelling(unaccent(ward.name)) for ward in wards)
    by_loose = {_spelling(unaccent(ward.name)): int(ward.code) for ward in wards}
    found: dict[str, int] = {}
    for key, name in keyed_names:
        if _spelling(name) in exact:
            found[key] = exact[_spelling(name)]
        elif loose[_spelling(unaccent(name))] == 1:
            found[key] = by_loose[_spelling(unaccent(name))]
    return found


def _spelling(text: str) -> str:
    """'Phường Văn Miếu - Quốc Tử Giám' -> 'phườngvănmiếuquốctửgiám'."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFC", text).lower())


@transaction.atomic
def load_legacy_districts(
    province: Agency, code: int, *, writer: AgencyWriter | None = None
) -> list[Agency]:
    """District People's Committees before 1/7/2025 and the new communes that succeeded them.

    For a province formed on 1/7/2025 from several, the districts of all of them. A district's
    primary successor is the new commune that took most of its old communes; the others that took
    any of them follow as secondary successors.
    """
    writer = writer or AgencyWriter()
    legacy = _legacy_districts(code)
    communes = {
        agency.code: agency
        for agency in Agency.objects.filter(
            code__startswith=f"{province_code(code)}.", kind=AgencyKind.COMMUNE
        )
    }
    districts: dict[str, Agency] = {}
    takers: dict[str, Counter[int]] = defaultdict(Counter)
    for district_code, district_name, old_key in legacy.wards:
        if district_code not in districts:
            districts[district_code] = writer.put(
                code=member_code(code, f"H{district_code}"),
                name=f"UBND {_lower_first(district_name)}",
                short_name=district_name,
                kind=AgencyKind.DISTRICT,
                parent=province,
                valid_to=DISTRICTS_END - dt.timedelta(days=1),
            )
        if old_key in legacy.new_ward:
            takers[district_code][legacy.new_ward[old_key]] += 1
    for district_code, district in districts.items():
        successors = [
            communes[member_code(code, str(ward))]
            for ward, _ in takers[district_code].most_common()
            if member_code(code, str(ward)) in communes
        ]
        if successors:
            writer.succeed(
                predecessor=district,
                successors=successors,
                effective_on=DISTRICTS_END,
                kind=SuccessionKind.SPLIT,
                note="Kết thúc hoạt động cấp huyện từ 01/7/2025",
            )
    return list(districts.values())


def _old_to_new_wards(converter: dict[str, Any], province_key: str) -> dict[str, str]:
    """Old 'province_district_ward' key -> new ward key of the new province, from the converter."""
    mapping: dict[str, str] = {}
    for new_key, old_keys in (
        converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(province_key, {}).items()
    ):
        for old_key in old_keys:
            mapping.setdefault(old_key, new_key)
    for old_key, targets in converter["DICT_PROVINCE_WARD_DIVIDED"].get(province_key, {}).items():
        default = [t["newWardKey"] for t in targets if t.get("isDefaultNewWard")]
        if default:
            mapping.setdefault(old_key, default[0])
    return mapping


def _named(province: Agency, bodies: tuple[BodySpec, ...]) -> tuple[BodySpec, ...]:
    """Nghệ An's list names its central bodies without the province: 'Bảo hiểm xã hội tỉnh'."""
    return tuple(
        replace(body, name=f"{body.name} {province.short_name}")
        if body.kind == AgencyKind.CENTRAL
        else body
        for body in bodies
    )


@transaction.atomic
def load_bodies(
    province: Agency,
    code: int,
    bodies: tuple[BodySpec, ...],
    *,
    writer: AgencyWriter | None = None,
    named: bool = False,
) -> dict[str, Agency]:
    """The province's bodies; with named=False (Nghệ An's list) central names get the province."""
    writer = writer or AgencyWriter()
    return {
        body.key: writer.put(
            code=member_code(code, body.key),
            name=body.name,
            short_name=body.short,
            kind=body.kind,
            parent=province,
            valid_from=body.valid_from,
            valid_to=body.valid_to,
        )
        for body in (bodies if named else _named(province, bodies))
    }


def _nghe_an_bodies(province: Agency, writer: AgencyWriter) -> dict[str, Agency]:
    bodies = load_bodies(province, 40, NGHE_AN_BODIES, writer=writer)
    for old, new in NGHE_AN_MERGER.items():
        writer.succeed(
            predecessor=bodies[old],
            successors=[bodies[key] for key in new],
            effective_on=DEPARTMENT_MERGER,
            kind=SuccessionKind.MERGED,
            note="Sắp xếp tổ chức bộ máy các sở từ 01/3/2025",
        )
    return bodies


@transaction.atomic
def load_nghe_an(
    *, links_recorded_at: Callable[[dt.date], dt.datetime] | None = None
) -> dict[str, Agency]:
    """Nghệ An (code 40): departments before and after 1/3/2025, districts, 130 communes.

    links_recorded_at: when a succession effective on a day counts as recorded (None: now).
    """
    writer = AgencyWriter(links_recorded_at=links_recorded_at)
    province = load_province(40, writer=writer)
    bodies = _nghe_an_bodies(province, writer)
    load_communes(province, 40, writer=writer)
    for district in load_legacy_districts(province, 40, writer=writer):
        bodies[district.code.split(".", 1)[1]] = district
    bodies["UBND"] = province
    for key, ministry in load_ministries(writer=writer).items():
        bodies[key] = ministry
    return bodies


# --- Any province: which one was meant, and the load itself -------------------------------------

PROVINCE_ALIASES = {"hn": 1, "hcm": 79, "tphcm": 79, "saigon": 79}


def _province_key(text: str) -> str:
    """'Thành phố Hồ Chí Minh', 'TP. HCM', 'ho chi minh' -> 'hochiminh' / 'hcm'."""
    key = re.sub(r"[^a-z0-9]", "", fold(text))
    for prefix in ("thanhpho", "tinh", "tp"):
        if key.startswith(prefix) and len(key) > len(prefix):
            return key.removeprefix(prefix)
    return key


def provinces_2025() -> list[Province]:
    return sorted(Province.iter_all(), key=lambda p: int(p.code))


def province_label(province: Province) -> str:
    """'79 Thành phố Hồ Chí Minh', '15 Lào Cai'."""
    return f"{province_code(int(province.code))} {province.name}"


def province_find(text: str) -> Province:
    """The 2025 province a person means by a code ('79') or a name written any way ('Nghe An',
    'thành phố Huế', 'TP. HCM'); a Vietnamese message naming the candidates otherwise."""
    raw = text.strip()
    if not raw:
        raise ValidationError(
            "Cần nêu tỉnh, thành phố: mã (ví dụ 79) hoặc tên (ví dụ Hồ Chí Minh)."
        )
    provinces = provinces_2025()
    by_code = {int(p.code): p for p in provinces}
    key = "" if raw.isdigit() else _province_key(raw)
    if raw.isdigit() and int(raw) in by_code:
        return by_code[int(raw)]
    for province in provinces:
        if key and key == _province_key(province.name):
            return province
    if key in PROVINCE_ALIASES:
        return by_code[PROVINCE_ALIASES[key]]
    former = _former_province(code=int(raw) if raw.isdigit() else None, key=key)
    if former:
        raise ValidationError(former)
    candidates = [p for p in provinces if key and key in _province_key(p.name)]
    names = "; ".join(province_label(p) for p in candidates)
    if len(candidates) > 1:
        raise ValidationError(
            f'"{raw}" khớp với nhiều tỉnh, thành phố: {names}. Hãy ghi đủ tên hoặc mã.'
        )
    if candidates:
        raise ValidationError(f'Chưa rõ "{raw}": có phải {names}? Hãy ghi đủ tên hoặc mã.')
    what = f"mã {raw}" if raw.isdigit() else f'"{raw}"'
    listed = ", ".join(province_label(p) for p in provinces)
    raise ValidationError(
        f"Không có tỉnh, thành phố {what} trong 34 tỉnh, thành phố từ 01/7/2025: {listed}."
    )


def _former_province(*, code: int | None, key: str) -> str:
    """For one of the 63 provinces before 1/7/2025 (by old code or name), which one it became."""
    uri = f"{_legacy_db().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        old = connection.execute(
            "SELECT DISTINCT provinceCode, province, provinceKey FROM admin_units_legacy"
        ).fetchall()
        new_codes = dict(
            connection.execute("SELECT DISTINCT provinceKey, provinceCode FROM admin_units")
        )
    converter = json.loads((_legacy_db().parent / "converter_2025.json").read_text("utf-8"))
    became = {
        old_key: new_key
        for new_key, old_keys in converter["DICT_PROVINCE"].items()
        for old_key in old_keys
    }
    for old_code, old_name, old_key in old:
        if int(old_code) == code or (key and key == _province_key(old_name)):
            new = Province.from_code(ProvinceCode(int(new_codes[became[old_key]])))
            return (
                f"{old_name} (mã cũ {old_code}) đã hợp nhất vào "
                f"{_province_title(new)} (mã {province_code(int(new.code))}) từ 01/7/2025."
            )
    return ""


@dataclass
class DirectoryLoad:
    """What loading one province's directory wrote, for the command and the admin page."""

    province: Agency
    words: ProvinceWords
    bodies: list[Agency]
    communes: Counter[str]  # 'xã', 'phường', 'đặc khu' -> how many
    districts: int
    district_links: int
    ministries: int
    writer: AgencyWriter

    @property
    def created(self) -> list[Agency]:
        return self.writer.created

    @property
    def updated(self) -> list[Agency]:
        return self.writer.updated

    def summary(self) -> str:
        """'Tỉnh Lào Cai: 1 UBND tỉnh, 23 cơ quan cấp tỉnh, 99 đơn vị cấp xã (…); …'."""
        cap = self.words.cap
        ended = sum(1 for body in self.bodies if body.valid_to is not None)
        bodies = f"{len(self.bodies)} cơ quan cấp {cap}"
        if ended:
            bodies += f" ({ended} đã kết thúc hoạt động)"
        kinds = ", ".join(
            f"{self.communes[kind]} {kind}"
            for kind in ("xã", "phường", "đặc khu")
            if kind in self.communes
        )
        return (
            f"{self.words.title}: 1 UBND {cap}, {bodies}, "
            f"{sum(self.communes.values())} đơn vị cấp xã ({kinds}); "
            f"{self.districts} đơn vị cấp huyện cũ (đến 30/6/2025) với "
            f"{self.district_links} liên kết kế thừa; {self.ministries} bộ, ngành Trung ương. "
            f"Thêm mới {len(self.created)}, cập nhật {len(self.updated)}, "
            f"đã có {self.writer.unchanged}; thêm {self.writer.new_links} liên kết kế thừa."
        )


@transaction.atomic
def directory_load(*, code: int, actor: Acting | None = None) -> DirectoryLoad:
    """Load one of the 34 provinces: its UBND, provincial bodies, communes, pre-2025 districts
    with their successors, and the ministries. Idempotent; keeps what administrators edited.

    Every agency created or changed leaves its own audit event (agency_upsert), by actor; a run
    that changes nothing leaves none. actor None is the command line. Who may load is decided
    in accounts.access (`require_directory_loader`), asked by the admin page that calls this.
    """
    package = Province.from_code(ProvinceCode(code))
    writer = AgencyWriter(keep_edits=True, actor=actor)
    province = load_province(code, writer=writer)
    if code == 40:
        bodies = _nghe_an_bodies(province, writer)
    else:
        bodies = load_bodies(province, code, standard_bodies(package), writer=writer, named=True)
    load_communes(province, code, writer=writer)
    districts = load_legacy_districts(province, code, writer=writer)
    ministries = load_ministries(writer=writer)
    return DirectoryLoad(
        province=province,
        words=province_words(package),
        bodies=list(bodies.values()),
        communes=Counter(
            ward.division_type.value for ward in Ward.iter_by_province(ProvinceCode(code))
        ),
        districts=len(districts),
        district_links=AgencySuccession.objects.filter(
            predecessor__in=districts, superseded_at__isnull=True
        ).count(),
        ministries=len(ministries),
        writer=writer,
    )
