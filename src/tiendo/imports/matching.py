"""Agencies named in plan annexes as officials write them, matched to the province's directory.

A cell such as "Sở KH&CN, Sở Tài chính; UBND các xã, phường" is read against the bodies of the
province (all of them, of every date) and resolved on the plan's date. Nothing is guessed and
nothing is dropped: every piece of the cell ends up either in ``Match.names`` or, as written, in
``Match.unmatched``.

How a cell is read
------------------
1. Hard separators cut it into parts: ";", "+", and a new line that starts with a bullet
   ("-", "•", "*", "1.", "a)"). A new line without a bullet is only a soft break, because long
   names wrap inside Excel cells ("Sở Văn hóa, Thể thao\\nvà Du lịch").
2. Each part is cut into pieces at the soft separators: ",", " và ", " - " and plain new lines.
   Names contain those too ("Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
   "Sở Lao động - Thương binh và Xã hội", "Các sở, ban, ngành"), so the pieces are joined back
   into the segmentation in which the fewest pieces stay unknown, then the fewest segments
   (longest known names first; a small dynamic programme).
3. Unknown pieces are reported as written; consecutive ones are reported together when the later
   one starts in lower case (it continues a name: "Trung tâm Giám sát, điều hành …").

How a name is compared
----------------------
Without diacritics, case, spaces and punctuation; "Ủy ban nhân dân"/"Uỷ ban nhân dân" = "UBND",
"Hội đồng nhân dân" = "HĐND", "TP" = "thành phố", "TX" = "thị xã"; remarks such as
"(chủ trì)" or "(cơ quan thường trực)" are ignored. A body is known by its name, its short name
and the aliases below. The province's own name at the end means "tỉnh" ("Công an tỉnh Nghệ An" =
"Công an tỉnh", "Viettel Nghệ An" = "Viettel tỉnh"), and a trailing "tỉnh" may be dropped when
the body is registered without it ("Sở Y tế tỉnh" = "Sở Y tế", "VNPT tỉnh" = "VNPT"). Distinct
bodies stay distinct: "UBND tỉnh" is not "Văn phòng UBND tỉnh", "Công an xã" is not "Công an tỉnh",
and a bare "UBND" or "Công an" names nothing.

What a name resolves to on the date
-----------------------------------
- One body valid on the date: a plain ``Named``.
- Several bodies valid on the date under the same name: ambiguous, so ``unmatched`` (never a
  guess; the user decides with ``Directory.find``).
- Bodies that existed but ended before the date: ``Named(agencies=(), abolished=…,
  successors=…)``, the successors valid on the date, primary first, chains followed.
- A body that did not exist yet on the date ("Sở Nông nghiệp và Môi trường" in 2024): a
  ``Named`` with ``agencies``, ``abolished`` and ``successors`` all empty (``not_yet_existing``),
  so the importer can say "chưa tồn tại vào ngày …" instead of "không xác định được".
- Group names (``collective=True``) expand to the members valid on the date:
  "Các sở, ban, ngành (cấp tỉnh)", "các sở, ngành", "Sở, ban, ngành" → kinds DEPARTMENT and OFFICE.
  Văn phòng UBND tỉnh counts among the departments (it is one of Nghệ An's 14 since 1/3/2025),
  Thanh tra tỉnh is registered as a department. Central bodies located in the province (BHXH,
  Cục Thuế, Kho bạc, NHNN), Công an tỉnh and the enterprises (VNPT, Viettel, Bưu điện) are NOT
  members: plans list them separately ("Các sở, ban, ngành; các cơ quan Trung ương đóng trên
  địa bàn tỉnh"), so "ngành" does not stretch to them; "Các cơ quan Trung ương đóng trên địa bàn
  tỉnh" is its own group (kind CENTRAL).
  "UBND các xã, phường, đặc khu", "UBND cấp xã", "Các xã, phường" → communes;
  "UBND các huyện, thành phố, thị xã", "UBND cấp huyện" → districts; "các địa phương" → the
  local level of the date (districts and communes valid on it).
  When a group's level has ended (districts after 1/7/2025), it resolves like an abolished body:
  no members, ``abolished`` = the bodies of that level, ``successors`` = theirs. When the
  directory has no member of the date and none ended (communes before 1/7/2025 are not in the
  directory), the collective has no members and nothing abolished: the importer must say so.
- Vague names (``vague=True``, no agencies): "Các cơ quan, đơn vị liên quan", "các đơn vị có
  liên quan", "Các đơn vị, địa phương liên quan", and any group name narrowed by "(có) liên quan"
  ("Các sở, ban, ngành liên quan", "UBND các xã, phường liên quan"): they name some of the group
  without saying which.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from tiendo.agencies.models import Agency, AgencyKind, AgencySuccession
from tiendo.agencies.selectors import agency_subtree
from tiendo.lib.text import fold

_NOT_KEY = re.compile(r"[^a-z0-9]+")
_REMARK = re.compile(r"\((?:co quan )?(?:chu tri|phoi hop|thuong truc)\)")
_WORDS = ((re.compile(r"\btp\b"), "thanh pho"), (re.compile(r"\btx\b"), "thi xa"))


def key(name: str) -> str:
    """'Văn phòng Ủy ban nhân dân tỉnh' -> 'vanphongubndtinh'; 'Sở KH&CN' -> 'sokhcn'."""
    text = _REMARK.sub(" ", fold(name))
    for pattern, full in _WORDS:
        text = pattern.sub(full, text)
    compact = _NOT_KEY.sub("", text)
    return compact.replace("uybannhandan", "ubnd").replace("hoidongnhandan", "hdnd")


# Other ways of writing a provincial body, by the last part of its code ("40.CAT" -> "CAT").
ALIASES: dict[str, tuple[str, ...]] = {
    "CAT": ("CA tỉnh",),
    "NHNN": ("Ngân hàng Nhà nước tỉnh", "NHNN tỉnh", "NHNN chi nhánh tỉnh"),
    "KHOBAC": ("Kho bạc tỉnh",),
    "VNPT": ("Viễn thông tỉnh", "VNPT tỉnh"),
    "TCT": ("Tổ công tác Đề án 06 tỉnh", "Tổ công tác Đề án 06"),
}

# Group names, on keys. Units may be joined by commas (gone from keys) or "và".
_COMMUNE = r"(?:xa|phuong|thitran|dackhu)"
_DISTRICT = r"(?:huyen|quan|thanhpho|thixa)"
_WHERE = r"(?:trendiabantinh|trendiaban|toantinh|captinh|thuoctinh|tinh)?"


def _units(unit: str) -> str:
    return rf"{unit}(?:(?:va)?{unit})*"


def _level(unit: str, level: str) -> re.Pattern[str]:
    """'UBND các xã, phường', 'Xã, phường', 'UBND cấp xã'; not a lone unit ('UBND thành phố'
    names one city)."""
    units = _units(unit)
    return re.compile(rf"^(?:ubnd)?(?:cac{units}|{unit}(?:va)?{units}|cap{level}){_WHERE}$")


GROUPS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (
        re.compile(
            r"^(?:cacso(?:(?:va)?ban)?(?:(?:va)?nganh)?|cac(?:ban)?(?:va)?nganh|so(?:ban)?(?:va)?nganh)"
            r"(?:captinh|tinh|thuocubndtinh|thuoctinh|trendiabantinh)?$"
        ),
        (AgencyKind.DEPARTMENT, AgencyKind.OFFICE),
    ),
    (_level(_COMMUNE, "xa"), (AgencyKind.COMMUNE,)),
    (_level(_DISTRICT, "huyen"), (AgencyKind.DISTRICT,)),
    (
        re.compile(rf"^(?:ubnd)?(?:cac)?diaphuong{_WHERE}$"),
        (AgencyKind.DISTRICT, AgencyKind.COMMUNE),
    ),
    (
        re.compile(r"^cac(?:coquan|donvi|va)+(?:nganh)?trunguong(?:dong|tren|diaban|tinh)*$"),
        (AgencyKind.CENTRAL,),
    ),
)
# Generic nouns of one phrase narrowed by "(có) liên quan". A single "các" (after an optional
# "UBND"): a second one starts another name ("Các sở, ban, ngành, UBND các xã và các đơn vị
# liên quan" is two groups and a vague name, not one vague name).
_GENERIC = (
    r"(?:coquan|donvi|diaphuong|so|ban|nganh|tochuc|canhan|doanhnghiep|doanthe|xa|phuong"
    r"|thitran|dackhu|huyen|thanhpho|thixa|cap|tinh|trunguong|va)"
)
VAGUE = re.compile(
    rf"^(?:ubnd)?(?:cac)?{_GENERIC}*(?:co)?lienquan(?:khac)?{_WHERE}$"
    r"|^cac(?:coquan|donvi|tochuc|va)+(?:khac)?$"
)

# Hard separators; bullets that open a line; soft separators inside a part.
_HARD = re.compile(r"[;+]")
_BULLET = re.compile(r"^\s*(?:[-–—•*·]|\d{1,2}[.)]|[a-zđ]\))\s*", re.IGNORECASE)
_SOFT = re.compile(r"\s*,\s*|\s+và\s+|\s+[-–]\s+|\s*\n\s*", re.IGNORECASE)
_TRIM = " \t\r\n.,;:"
_SPACES = re.compile(r"\s+")
_MAX_SPAN = 8  # pieces in one name; the longest group names have five or six


@dataclass(frozen=True)
class Named:
    """One name in a cell and what it named on the plan's date (see the module docstring)."""

    text: str
    agencies: tuple[Agency, ...]
    collective: bool = False
    vague: bool = False
    abolished: tuple[Agency, ...] = ()
    successors: tuple[Agency, ...] = ()

    @property
    def not_yet_existing(self) -> bool:
        """A known body created after the date ('Sở Nông nghiệp và Môi trường' in 2024)."""
        return not (self.agencies or self.collective or self.vague or self.abolished)


@dataclass(frozen=True)
class Match:
    """What a cell names: the names found, in order, and the pieces that name nothing known."""

    names: tuple[Named, ...]
    unmatched: tuple[str, ...]

    @property
    def agencies(self) -> list[Agency]:
        """Unique, in order: bodies and the members of groups on the date (abolished excluded)."""
        return list({a.pk: a for named in self.names for a in named.agencies}.values())


class Directory:
    """The province's bodies on a date, indexed by every way of writing their names.

    Construction costs two queries (bodies of every date, then successions), three when given a
    body inside the province rather than the province itself; ``match`` is cached per distinct
    cell text and never queries.
    """

    def __init__(self, province: Agency, on: dt.date) -> None:
        self.on = on
        self.province = _province_of(province)
        self.bodies = list(agency_subtree(self.province).order_by("pk"))
        self._by_pk = {a.pk: a for a in self.bodies}
        self._by_code = {a.code.upper(): a for a in self.bodies}
        self._successions: dict[int, list[int]] = {}
        for old, new in (
            AgencySuccession.objects.filter(
                predecessor__path__startswith=self.province.path,
                effective_on__lte=on,
                superseded_at__isnull=True,
            )
            .order_by("predecessor_id", "-is_primary", "pk")
            .values_list("predecessor_id", "successor_id")
        ):
            self._successions.setdefault(old, []).append(new)
        self._province_key = key(self.province.short_name) if self.province.short_name else ""
        self._index: dict[str, list[Agency]] = {}
        for agency in self.bodies:
            names = [agency.name, *ALIASES.get(agency.code.rsplit(".", 1)[-1], ())]
            # The province's short name alone ("Nghệ An") is a place, not a body.
            if agency.short_name and agency != self.province:
                names.append(agency.short_name)
            for name in names:
                k = key(name)
                for variant in {k, self._canonical(k)}:
                    if variant:
                        found = self._index.setdefault(variant, [])
                        if agency not in found:
                            found.append(agency)
        self._cache: dict[str, Match] = {}

    # --- public ------------------------------------------------------------------------------

    def match(self, cell: object) -> Match:
        """Every name in a cell, resolved on the date; what names nothing known, as written."""
        text = "" if cell is None else str(cell)
        if text not in self._cache:
            self._cache[text] = self._match(text)
        return self._cache[text]

    def find(self, code_or_name: str) -> Agency | None:
        """A body valid on the date, by exact code ('40.SYT') or by a name only it bears then."""
        text = code_or_name.strip()
        agency = self._by_code.get(text.upper())
        if agency is not None:
            return agency if agency.is_valid_on(self.on) else None
        valid = [a for a in self._bodies_named(key(text)) if a.is_valid_on(self.on)]
        return valid[0] if len(valid) == 1 else None

    def members(self, kinds: Iterable[str]) -> tuple[Agency, ...]:
        """The province's bodies of these kinds valid on the date, in directory order."""
        wanted = set(kinds)
        return tuple(a for a in self.bodies if a.kind in wanted and a.is_valid_on(self.on))

    # --- reading a cell ----------------------------------------------------------------------

    def _match(self, text: str) -> Match:
        names: list[Named] = []
        unmatched: list[str] = []
        for part in _parts(text):
            found, unknown = self._segment(part)
            names += found
            unmatched += unknown
        return Match(tuple(names), tuple(unmatched))

    def _segment(self, part: str) -> tuple[list[Named], list[str]]:
        """Split a part into known names, fewest unknown pieces first, then fewest names."""
        spans = _pieces(part)
        n = len(spans)
        # best[i]: (unknown pieces, segments) for spans[i:], and the end of the first segment.
        best: list[tuple[tuple[int, int], int, Named | None]] = [((0, 0), n, None)] * (n + 1)
        for i in range(n - 1, -1, -1):
            named = self._named(_text(part, *spans[i]))
            (unknown, segments), _, _ = best[i + 1]
            best[i] = ((unknown + (named is None), segments + 1), i + 1, named)
            # Longer spans win ties: the longest known name first.
            for j in range(i + 2, n + 1):
                if j - i > _MAX_SPAN and not (i == 0 and j == n):
                    continue
                named = self._named(_text(part, spans[i][0], spans[j - 1][1]))
                (unknown, segments), _, _ = best[j]
                if named is not None and (unknown, segments + 1) <= best[i][0]:
                    best[i] = ((unknown, segments + 1), j, named)
        names: list[Named] = []
        unknown_spans: list[tuple[int, int]] = []
        i = 0
        while i < n:
            _, j, named = best[i]
            if named is not None:
                names.append(named)
            elif unknown_spans and unknown_spans[-1][1] == i and part[spans[i][0]].islower():
                unknown_spans[-1] = (unknown_spans[-1][0], j)
            else:
                unknown_spans.append((i, j))
            i = j
        unmatched = [_text(part, spans[a][0], spans[b - 1][1]) for a, b in unknown_spans]
        return names, unmatched

    def _named(self, text: str) -> Named | None:
        """What one name means on the date, or None if it names nothing known."""
        k = key(text)
        if not k:
            return None
        bodies = self._bodies_named(k)
        if bodies:
            valid = tuple(a for a in bodies if a.is_valid_on(self.on))
            if len(valid) == 1:
                return Named(text, valid)
            if len(valid) > 1:
                return None  # two bodies answer to this name on the date: the user decides
            gone = tuple(a for a in bodies if a.valid_to is not None and a.valid_to < self.on)
            return Named(text, (), abolished=gone, successors=self._successors_of(gone))
        for variant in dict.fromkeys((k, self._canonical(k))):
            if VAGUE.match(variant):
                return Named(text, (), vague=True)
            for pattern, kinds in GROUPS:
                if pattern.match(variant):
                    return self._collective(text, kinds)
        return None

    def _collective(self, text: str, kinds: tuple[str, ...]) -> Named:
        members = self.members(kinds)
        if members:
            return Named(text, members, collective=True)
        gone = tuple(
            a
            for a in self.bodies
            if a.kind in kinds and a.valid_to is not None and a.valid_to < self.on
        )
        return Named(
            text, (), collective=True, abolished=gone, successors=self._successors_of(gone)
        )

    # --- names and successions ---------------------------------------------------------------

    def _canonical(self, k: str) -> str:
        """The province's name at the end means 'tỉnh': 'congantinhnghean' -> 'congantinh'."""
        p = self._province_key
        if not p or not k.endswith(p) or k == p:
            return k
        stem = k[: -len(p)]
        return stem if stem.endswith("tinh") else f"{stem}tinh"

    def _bodies_named(self, k: str) -> list[Agency]:
        """Bodies of any date under the first way of reading k that the index knows."""
        canonical = self._canonical(k)
        variants = [k, canonical]
        # 'Sở Y tế tỉnh', 'VNPT tỉnh': bodies registered without the province qualifier.
        if canonical.endswith("tinh") and len(canonical) > len("tinh"):
            variants.append(canonical[: -len("tinh")])
        for variant in variants:
            if variant in self._index:
                return self._index[variant]
        return []

    def _successors_of(self, gone: Iterable[Agency]) -> tuple[Agency, ...]:
        """Successors valid on the date: each body's primary first, then the others."""
        primary: list[Agency] = []
        others: list[Agency] = []
        for agency in gone:
            found = self._valid_successors(agency.pk, {agency.pk})
            primary += found[:1]
            others += found[1:]
        return tuple({a.pk: a for a in primary + others}.values())

    def _valid_successors(self, pk: int, seen: set[int]) -> list[Agency]:
        found: list[Agency] = []
        for successor_pk in self._successions.get(pk, ()):
            successor = self._by_pk.get(successor_pk)
            if successor_pk in seen or successor is None:
                continue
            seen.add(successor_pk)
            if successor.is_valid_on(self.on):
                found.append(successor)
            else:  # merged again later: follow the chain to the body of the date
                found += self._valid_successors(successor_pk, seen)
        return found


def _province_of(agency: Agency) -> Agency:
    """The province an issuing body belongs to (itself when it is a province)."""
    if agency.kind == AgencyKind.PROVINCE:
        return agency
    ancestors = [int(pk) for pk in agency.path.strip("/").split("/") if pk.isdigit()]
    province = Agency.objects.filter(pk__in=ancestors, kind=AgencyKind.PROVINCE).first()
    return province or agency


def _parts(text: str) -> list[str]:
    """Cut a cell at ';', '+' and at new lines that open with a bullet."""
    parts: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if _BULLET.match(line) and current:
            parts.append("\n".join(current))
            current = []
        current.append(line)
    if current:
        parts.append("\n".join(current))
    pieces = (_BULLET.sub("", p.strip(_TRIM)).strip(_TRIM) for ps in parts for p in _HARD.split(ps))
    return [p for p in pieces if p]


def _pieces(part: str) -> list[tuple[int, int]]:
    """Spans of the pieces between soft separators (',', ' và ', ' - ', new lines)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for separator in _SOFT.finditer(part):
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, len(part)))
    return [(a, b) for a, b in spans if part[a:b].strip(_TRIM)] or [(0, len(part))]


def _text(part: str, start: int, end: int) -> str:
    """A span as written, on one line and without trailing punctuation."""
    return _SPACES.sub(" ", part[start:end]).strip(_TRIM)
