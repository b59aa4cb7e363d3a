"""Synthetic programme data for the benchmark, streamed into PostgreSQL with COPY.

The agency tree is real (34 provinces and 3,321 communes of 2025, from `vietnam-provinces`) with
twenty provincial bodies per province; plans, items, deadline extensions and progress updates are
drawn from a seeded generator, so one scale and seed always give the same rows. Rows are formatted
as COPY text and written in chunks: nothing holds more than a chunk of the big tables in memory.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import psycopg
from psycopg import sql
from vietnam_provinces import Province, Ward

from tiendo.agencies.directory import (
    DISTRICTS_END,
    NATION_CODE,
    NGHE_AN_BODIES,
    member_code,
    province_code,
)
from tiendo.agencies.models import AgencyKind
from tiendo.plans.models import BudgetSource, ItemKind
from tiendo.progress.models import Lifecycle

# Where the benchmark looks: a cut-off inside the data, known a little later (late reports exist).
CUTOFF = dt.date(2025, 6, 30)
KNOWN_AT = dt.datetime(2025, 7, 10, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
LAST_DAY = dt.date(2025, 12, 31)
# Plans each province issued, as (first issue date, share of the province's items). The last one
# comes after the cut-off, so its items are outside every figure.
PLAN_WAVES = (
    (dt.date(2023, 1, 10), 0.35),
    (dt.date(2023, 6, 15), 0.30),
    (dt.date(2024, 2, 20), 0.25),
    (dt.date(2025, 8, 5), 0.10),
)
GROUP_NAMES = (
    "Nhóm nhiệm vụ về hoàn thiện thể chế",
    "Nhóm nhiệm vụ về dịch vụ công trực tuyến",
    "Nhóm nhiệm vụ phục vụ phát triển kinh tế, xã hội",
    "Nhóm nhiệm vụ phục vụ công dân số",
    "Nhóm nhiệm vụ hoàn thiện hệ sinh thái dữ liệu dân cư",
    "Nhóm nhiệm vụ phục vụ chỉ đạo, điều hành",
    "Nhóm nhiệm vụ về hạ tầng, bảo đảm an ninh, an toàn",
    "Nhóm nhiệm vụ về nguồn lực",
    "Nhóm nhiệm vụ tuyên truyền",
    "Nhóm nhiệm vụ kiểm tra, đánh giá",
    "Nhóm nhiệm vụ khác",
    "Nhóm mô hình điểm",
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
NARRATIVES = (
    "Đã ban hành văn bản hướng dẫn các đơn vị triển khai; đang tổng hợp kết quả.",
    "Đã làm sạch dữ liệu, kết nối với Cơ sở dữ liệu quốc gia về dân cư.",
    "Đang phối hợp với Công an tỉnh rà soát, xác thực thông tin công dân.",
    "Đã tổ chức tập huấn cho cán bộ, công chức cấp xã về sử dụng VNeID.",
    "Đang triển khai thí điểm tại một số xã, phường; dự kiến mở rộng trong quý tới.",
    "Đã tích hợp dịch vụ công lên Cổng dịch vụ công quốc gia.",
    "Chưa bố trí được kinh phí; đã đề xuất Sở Tài chính.",
    "Đã hoàn thành, có báo cáo kết quả gửi Tổ công tác Đề án 06.",
)
COMMUNE_SHARE = 0.35  # of top-level items led by a commune rather than a provincial body
MODEL_SHARE = 0.20
SITES_SHARE = 0.25  # of pilot models deployed at communes as child items
RECURRING_SHARE = 0.05
EXTENDED_SHARE = 0.02
LATE_ITEM_SHARE = 0.01  # items entered after K: invisible to the figures
DONE_SHARE = 0.60
CHUNK_ROWS = 20_000


@dataclass(frozen=True)
class Scale:
    """How much data a benchmark run generates."""

    name: str
    items: int
    updates_per_item: int  # on average; each item gets 0 to twice as many
    plans_per_province: int = len(PLAN_WAVES)
    groups_per_plan: int = 10
    bodies_per_province: int = 20

    @property
    def updates(self) -> int:
        return self.items * self.updates_per_item


SCALES = {
    "small": Scale("small", items=5_000, updates_per_item=10),
    "default": Scale("default", items=100_000, updates_per_item=10),
    "national": Scale("national", items=1_000_000, updates_per_item=10),
}


@dataclass
class Province34:
    """A province as generated: its UBND, bodies and communes (agency ids), and its plans."""

    code: int
    agency_id: int
    path: str
    bodies: list[int] = field(default_factory=list)
    communes: list[int] = field(default_factory=list)


@dataclass
class Loaded:
    """Row counts of what the generator wrote."""

    agencies: int = 0
    provinces: int = 0
    communes: int = 0
    plans: int = 0
    groups: int = 0
    items: int = 0
    top_level_items: int = 0
    deadline_changes: int = 0
    updates: int = 0


class Progress:
    """A one-line progress report on stderr, redrawn at most twice a second."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, total, 0
        self.started = self.shown = time.monotonic()

    def advance(self, n: int = 1, note: str = "") -> None:
        self.done += n
        now = time.monotonic()
        if now - self.shown >= 0.5 or self.done >= self.total:
            self.shown = now
            elapsed = now - self.started
            share = min(self.done / self.total, 1.0) if self.total else 1.0
            eta = elapsed / share - elapsed if share else 0.0
            bar = "#" * int(share * 30)
            sys.stderr.write(
                f"\r{self.label}: [{bar:<30}] {share:4.0%} {self.done:,}/{self.total:,}"
                f" {note} {elapsed:5.0f} s, eta {eta:4.0f} s "
            )
            sys.stderr.flush()

    def close(self) -> float:
        sys.stderr.write("\n")
        return time.monotonic() - self.started


class Dates:
    """ISO text of days and timestamps, cached: formatting dominates generating 10M rows."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.base = first.toordinal()
        self.iso = [
            dt.date.fromordinal(n).isoformat() for n in range(self.base, last.toordinal() + 1)
        ]

    def day(self, ordinal: int) -> str:
        return self.iso[ordinal - self.base]

    def moment(self, ordinal: int, minute_of_day: int) -> str:
        hours, minutes = divmod(minute_of_day, 60)
        return f"{self.iso[ordinal - self.base]} {hours:02d}:{minutes:02d}:00+07"


def _row(*values: object) -> str:
    """One line of COPY text: None is NULL, booleans are t/f (no value contains tabs)."""
    cells = []
    for value in values:
        if value is None:
            cells.append("\\N")
        elif isinstance(value, bool):
            cells.append("t" if value else "f")
        else:
            cells.append(str(value))
    return "\t".join(cells) + "\n"


def _copy_rows(
    conn: psycopg.Connection[tuple[object, ...]], table: str, columns: str, rows: Iterator[str]
) -> int:
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(columns)
    )
    count = 0
    with conn.cursor() as cursor, cursor.copy(statement) as copy:
        chunk: list[str] = []
        for line in rows:
            chunk.append(line)
            if len(chunk) >= CHUNK_ROWS:
                copy.write("".join(chunk))
                count += len(chunk)
                chunk.clear()
        copy.write("".join(chunk))
        count += len(chunk)
    return count


AGENCY_COLUMNS = "id, code, name, short_name, kind, parent_id, path, valid_from, valid_to"


def load_agencies(conn: psycopg.Connection[tuple[object, ...]], scale: Scale) -> list[Province34]:
    """The nation, 34 provinces, their bodies and communes, with the paths agency_upsert writes."""
    bodies = [body for body in NGHE_AN_BODIES if body.valid_to is None][
        : scale.bodies_per_province
    ]
    provinces: list[Province34] = []
    lines = [_row(1, NATION_CODE, "Việt Nam", "", AgencyKind.NATION.value, None, "/1/", None, None)]
    next_id = 2
    for province in sorted(Province.iter_all(), key=lambda p: int(p.code)):
        code = int(province.code)
        entry = Province34(code=code, agency_id=next_id, path=f"/1/{next_id}/")
        lines.append(
            _row(
                next_id,
                province_code(code),
                f"UBND {province.name}",
                province.name,
                AgencyKind.PROVINCE.value,
                1,
                entry.path,
                None,
                None,
            )
        )
        next_id += 1
        for body in bodies:
            name = f"{body.name} {province.name}" if body.kind == AgencyKind.CENTRAL else body.name
            lines.append(
                _row(
                    next_id,
                    member_code(code, body.key),
                    name,
                    body.short,
                    str(body.kind),
                    entry.agency_id,
                    f"{entry.path}{next_id}/",
                    body.valid_from,
                    None,
                )
            )
            entry.bodies.append(next_id)
            next_id += 1
        for ward in sorted(province.iter_wards() if False else _wards(code), key=lambda w: w[0]):
            ward_code, ward_name = ward
            lines.append(
                _row(
                    next_id,
                    member_code(code, str(ward_code)),
                    f"UBND {ward_name}",
                    ward_name,
                    AgencyKind.COMMUNE.value,
                    entry.agency_id,
                    f"{entry.path}{next_id}/",
                    DISTRICTS_END,
                    None,
                )
            )
            entry.communes.append(next_id)
            next_id += 1
        provinces.append(entry)
    _copy_rows(conn, "agencies_agency", AGENCY_COLUMNS, iter(lines))
    return provinces


def _wards(code: int) -> list[tuple[int, str]]:
    from vietnam_provinces import ProvinceCode

    return [(int(ward.code), ward.name) for ward in Ward.iter_by_province(ProvinceCode(code))]
