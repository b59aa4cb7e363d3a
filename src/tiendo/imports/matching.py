"""Agencies named as people write them: 'CA tỉnh', 'Sở TT&TT', 'UBND các huyện, thành phố, thị xã'.

Names are matched without diacritics, case, spaces and punctuation, against the bodies of the
province that existed on the plan's date, with a few aliases and group names that expand to their
members. What cannot be matched is reported, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Q

from tiendo.agencies.models import Agency, AgencyKind
from tiendo.agencies.selectors import agency_subtree
from tiendo.lib.text import fold


def key(name: str) -> str:
    return re.sub(r"[\s&.\-–/]+", "", fold(name))


# Common ways of writing a body -> the kind it is (resolved inside the province).
KIND_ALIASES = {
    "catinh": AgencyKind.POLICE,
    "congantinh": AgencyKind.POLICE,
    "ubndtinh": AgencyKind.PROVINCE,
    "uybannhandantinh": AgencyKind.PROVINCE,
    "vanphongubndtinh": AgencyKind.OFFICE,
    "vpubndtinh": AgencyKind.OFFICE,
}
# Group names -> the kinds of their members.
GROUPS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (
        re.compile(r"^(ubnd)?(cac)?huyen(,?thanhpho)?(,?thixa)?$|^ubndcaphuyen$|^ubndcachuyen.*"),
        (AgencyKind.DISTRICT,),
    ),
    (re.compile(r"^(ubnd)?(cac)?xa,?phuong.*|^ubndcapxa$"), (AgencyKind.COMMUNE,)),
    (re.compile(r"^(cac)?so,?ban,?nganh.*"), (AgencyKind.DEPARTMENT, AgencyKind.OFFICE)),
]


@dataclass(frozen=True)
class Match:
    agencies: list[Agency]
    unmatched: list[str]


class Directory:
    """The province's bodies on a date, indexed by every way of writing their names."""

    def __init__(self, province: Agency, on: dt.date) -> None:
        self.on = on
        self.province_key = key(f"tỉnh {province.short_name}") if province.short_name else "tinh"
        valid = (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )
        self.agencies = list(agency_subtree(province).filter(valid))
        self.index: dict[str, Agency] = {}
        for agency in self.agencies:
            for name in (agency.name, agency.short_name, agency.code.split(".")[-1]):
                if name:
                    self.index.setdefault(key(name), agency)
                    self.index.setdefault(key(name.removeprefix("UBND ")), agency)
        for alias, kind in KIND_ALIASES.items():
            found = next((a for a in self.agencies if a.kind == kind), None)
            if found is not None:
                self.index.setdefault(alias, found)

    def one(self, name: str) -> list[Agency] | None:
        k = key(name)
        if not k:
            return []
        # "VNPT tỉnh", "Sở Y tế tỉnh Nghệ An": the province's own name adds nothing.
        for variant in (k, k.removesuffix(self.province_key), k.removesuffix("tinh")):
            if variant in self.index:
                return [self.index[variant]]
        for pattern, kinds in GROUPS:
            if pattern.match(k):
                return [a for a in self.agencies if a.kind in kinds]
        return None

    def match(self, cell: object) -> Match:
        """All agencies a cell names (groups expanded), and the names that matched nothing."""
        text = str(cell or "").strip()
        if not text:
            return Match([], [])
        whole = self.one(text)
        if whole is not None:
            return Match(whole, [])
        found: list[Agency] = []
        unmatched: list[str] = []
        for part in re.split(r"[;\n]+", text):
            part = part.strip().strip("-–•").strip()
            if not part:
                continue
            agencies = self.one(part)
            if agencies is None:
                pieces = [p.strip() for p in re.split(r",|\s+và\s+", part) if p.strip()]
                resolved = [(p, self.one(p)) for p in pieces]
                unmatched += [p for p, a in resolved if a is None]
                for _, a in resolved:
                    found += a or []
            else:
                found += agencies
        unique = list({a.pk: a for a in found}.values())
        return Match(unique, unmatched)
