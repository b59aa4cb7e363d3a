"""Defaults for a report request, from who is asking."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tiendo.accounts.access import Actor, province_of
from tiendo.agencies.models import AgencyKind
from tiendo.lib.dates import ROMAN_QUARTERS, quarter_of

ABBREVIATIONS: dict[str, str] = {
    AgencyKind.POLICE: "CAT",
    AgencyKind.PROVINCE: "UBND",
    AgencyKind.OFFICE: "VP",
}


def default_particulars(actor: Actor, today: dt.date) -> dict[str, Any]:
    """The header, signature and recipients an official of this agency would usually write."""
    initial: dict[str, Any] = {"ngay": today, "issued_on": today, "authority": "KT."}
    agency = actor.agency
    if agency is None:
        return initial
    province = province_of(agency)
    place = province.short_name or province.name
    initial.update(
        {
            "issuing_body": agency.name if agency.kind != AgencyKind.PROVINCE else "UBND tỉnh",
            "parent_body": province.name if agency.kind != AgencyKind.PROVINCE else "",
            "place": place,
            "number": f"/BC-{ABBREVIATIONS.get(agency.kind, 'VP')}",
            "summary": (
                f"Kết quả thực hiện Đề án 06 quý {ROMAN_QUARTERS[quarter_of(today)]} "
                f"năm {today.year}"
            ),
            "addressees": f"Ủy ban nhân dân {province.name.removeprefix('UBND ')}",
            "authority_body": "GIÁM ĐỐC"
            if agency.kind != AgencyKind.PROVINCE
            else "ỦY BAN NHÂN DÂN",
            "signer_position": "PHÓ GIÁM ĐỐC" if agency.kind != AgencyKind.PROVINCE else "CHỦ TỊCH",
            "recipients": "Như trên\nBộ Công an (C06)\nThường trực Tỉnh ủy\nCác sở, ban, ngành",
        }
    )
    return initial
