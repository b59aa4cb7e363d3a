"""The agency directory from real data: provinces and communes (2025 codes, package
`vietnam-provinces`), districts before 1/7/2025 and their succession (package `vietnamadminunits`),
and Nghệ An's departments before and after the 1/3/2025 merger (domain.md §6).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import vietnamadminunits
from django.db import transaction
from vietnam_provinces import Province, ProvinceCode, Ward

from tiendo.agencies.models import Agency, AgencyKind, SuccessionKind
from tiendo.agencies.services import agency_record_succession, agency_upsert
from tiendo.lib.text import fold

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


def _province_title(province: Province) -> str:
    """'tỉnh Nghệ An', 'thành phố Hà Nội' (the package names cities in full already)."""
    if province.name.lower().startswith("thành phố"):
        return _lower_first(province.name)
    return f"tỉnh {province.name}"


def _lower_first(name: str) -> str:
    """'Xã Anh Sơn' -> 'xã Anh Sơn', as in 'UBND xã Anh Sơn'."""
    return name[:1].lower() + name[1:]


def _legacy_db() -> Path:
    return Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"


@transaction.atomic
def load_nation() -> Agency:
    return agency_upsert(code=NATION_CODE, name="Việt Nam", kind=AgencyKind.NATION)


@transaction.atomic
def load_ministries() -> dict[str, Agency]:
    """The central ministries under the national root, with their 2025 mergers."""
    nation = load_nation()
    ministries = {
        body.key: agency_upsert(
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
        agency_record_succession(
            predecessor=ministries[old],
            successors=[ministries[key] for key in new],
            effective_on=DEPARTMENT_MERGER,
            kind=SuccessionKind.MERGED,
            note="Sắp xếp tổ chức bộ máy Chính phủ từ 01/3/2025",
        )
    return ministries


@transaction.atomic
def load_province(code: int, *, nation: Agency | None = None) -> Agency:
    """UBND of one of the 34 provinces (2025 list), under the national root."""
    province = Province.from_code(ProvinceCode(code))
    return agency_upsert(
        code=province_code(code),
        name=f"UBND {_province_title(province)}",
        short_name=province.name,
        kind=AgencyKind.PROVINCE,
        parent=nation or load_nation(),
    )


@transaction.atomic
def load_communes(province: Agency, code: int) -> list[Agency]:
    """The province's communes, wards and special zones as they exist since 1/7/2025."""
    communes = []
    for ward in sorted(Ward.iter_by_province(ProvinceCode(code)), key=lambda w: int(w.code)):
        communes.append(
            agency_upsert(
                code=member_code(code, str(int(ward.code))),
                name=f"UBND {_lower_first(ward.name)}",
                short_name=ward.name,
                kind=AgencyKind.COMMUNE,
                parent=province,
                valid_from=DISTRICTS_END,
            )
        )
    return communes


@transaction.atomic
def load_legacy_districts(province: Agency, code: int) -> list[Agency]:
    """District People's Committees before 1/7/2025 and the new communes that succeeded them.

    A district's primary successor is the new commune that took most of its old communes; the
    others that took any of them follow as secondary successors.
    """
    connection = sqlite3.connect(_legacy_db())
    try:
        rows = connection.execute(
            "SELECT DISTINCT districtCode, district, provinceKey, districtKey, wardKey"
            " FROM admin_units_legacy WHERE provinceCode = ? ORDER BY districtCode",
            (province_code(code),),
        ).fetchall()
    finally:
        connection.close()
    converter = json.loads((_legacy_db().parent / "converter_2025.json").read_text("utf-8"))
    old_to_new = _old_to_new_wards(converter, rows[0][2] if rows else "")
    new_by_key = {
        fold(agency.short_name).replace(" ", ""): agency
        for agency in Agency.objects.filter(parent=province, kind=AgencyKind.COMMUNE)
    }
    districts: dict[str, Agency] = {}
    takers: dict[str, Counter[str]] = defaultdict(Counter)
    for district_code, district_name, province_key, district_key, ward_key in rows:
        if district_code not in districts:
            districts[district_code] = agency_upsert(
                code=member_code(code, f"H{district_code}"),
                name=f"UBND {_lower_first(district_name)}",
                short_name=district_name,
                kind=AgencyKind.DISTRICT,
                parent=province,
                valid_to=DISTRICTS_END - dt.timedelta(days=1),
            )
        new_key = old_to_new.get(f"{province_key}_{district_key}_{ward_key}")
        if new_key:
            takers[district_code][new_key] += 1
    for district_code, district in districts.items():
        successors = [
            new_by_key[key] for key, _ in takers[district_code].most_common() if key in new_by_key
        ]
        if successors:
            agency_record_succession(
                predecessor=district,
                successors=successors,
                effective_on=DISTRICTS_END,
                kind=SuccessionKind.SPLIT,
                note="Kết thúc hoạt động cấp huyện từ 01/7/2025",
            )
    return list(districts.values())


def _old_to_new_wards(converter: dict[str, dict[str, Any]], province_key: str) -> dict[str, str]:
    """Old 'province_district_ward' key -> new ward key, from the 2025 converter."""
    prefix = f"{province_key}_"
    mapping: dict[str, str] = {}
    for wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].values():
        for new_key, old_keys in wards.items():
            for old_key in old_keys:
                if old_key.startswith(prefix):
                    mapping.setdefault(old_key, new_key)
    for wards in converter["DICT_PROVINCE_WARD_DIVIDED"].values():
        for old_key, targets in wards.items():
            default = [t["newWardKey"] for t in targets if t.get("isDefaultNewWard")]
            if old_key.startswith(prefix) and default:
                mapping.setdefault(old_key, default[0])
    return mapping


@transaction.atomic
def load_bodies(province: Agency, code: int, bodies: tuple[BodySpec, ...]) -> dict[str, Agency]:
    return {
        body.key: agency_upsert(
            code=member_code(code, body.key),
            name=f"{body.name} {province.short_name}"
            if body.kind == AgencyKind.CENTRAL
            else body.name,
            short_name=body.short,
            kind=body.kind,
            parent=province,
            valid_from=body.valid_from,
            valid_to=body.valid_to,
        )
        for body in bodies
    }


@transaction.atomic
def load_nghe_an() -> dict[str, Agency]:
    """Nghệ An (code 40): departments before and after 1/3/2025, districts, 130 communes."""
    province = load_province(40)
    bodies = load_bodies(province, 40, NGHE_AN_BODIES)
    for old, new in NGHE_AN_MERGER.items():
        agency_record_succession(
            predecessor=bodies[old],
            successors=[bodies[key] for key in new],
            effective_on=DEPARTMENT_MERGER,
            kind=SuccessionKind.MERGED,
            note="Sắp xếp tổ chức bộ máy các sở từ 01/3/2025",
        )
    load_communes(province, 40)
    for district in load_legacy_districts(province, 40):
        bodies[district.code.split(".", 1)[1]] = district
    bodies["UBND"] = province
    for key, ministry in load_ministries().items():
        bodies[key] = ministry
    return bodies
