"""Synthetic programme data for the benchmark, streamed into PostgreSQL with COPY.

The agency tree is real (the 34 provinces and 3,321 communes of 2025, from `vietnam-provinces`)
with twenty provincial bodies per province; plans, items, deadline extensions and progress updates
come from a seeded generator, so a scale and a seed always give the same rows. Rows are formatted as
COPY text and written in chunks, items, updates and extensions on three connections at once, so
memory stays bounded whatever the scale.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field

import psycopg
from django.db import models
from psycopg import sql
from vietnam_provinces import Province, ProvinceCode, Ward

from database import BenchError, Connection
from tiendo.agencies.directory import (
    DISTRICTS_END,
    NATION_CODE,
    NGHE_AN_BODIES,
    member_code,
    province_code,
)
from tiendo.agencies.models import Agency, AgencyKind
from tiendo.plans.models import DeadlineChange, Item, ItemKind, Plan, Programme, TaskGroup
from tiendo.progress.models import Decision, Lifecycle, ProgressUpdate

# The benchmark's cut-off lies inside the data and is known ten days later, so reports recorded
# late and updates valid after D are both present and must be ignored.
CUTOFF = dt.date(2025, 6, 30)
KNOWN_AT = dt.datetime(2025, 7, 10, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
LAST = LAST_DAY.toordinal()
HORIZON = dt.date(2026, 12, 31)  # extended deadlines may run past the data
NULL = "\\N"
# The plans every province issues: (issue date, share of the province's items). The last comes
# after the cut-off, so its items are outside every figure.
PLAN_WAVES = (
    (dt.date(2023, 1, 10), 0.35),
    (dt.date(2023, 6, 15), 0.30),
    (dt.date(2024, 2, 20), 0.25),
    (dt.date(2025, 8, 5), 0.10),
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
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
# States an agency reports on an unfinished item, with cumulative odds ("awaiting" and
# "returned" are not reported: they follow from the review).
OPEN_STATES = (
    (0.10, Lifecycle.NOT_STARTED.value),
    (0.90, Lifecycle.IN_PROGRESS.value),
    (1.00, Lifecycle.PAUSED.value),
)
DONE = Lifecycle.DONE.value
CONFIRMED, RETURNED = Decision.CONFIRMED.value, Decision.RETURNED.value
COMMUNE_LED = 0.35  # share of top-level items led by a commune rather than a provincial body
MODEL_SHARE = 0.20
SITES_SHARE = 0.25  # share of pilot models deployed at communes as child items
RECURRING_SHARE = 0.05
EXTENDED_SHARE = 0.02
ENTERED_LATE_SHARE = 0.01  # items entered after K: invisible to the figures
DONE_SHARE = 0.60
CONTRIBUTION_SHARE = 0.05  # updates sent by a coordinating body: never the item's status
DRAFT_SHARE = 0.02  # items whose latest update is an unsent draft
REVIEWED_SHARE = 0.85
RETURNED_SHARE = 0.08  # of reviewed updates
CHUNK_ROWS = 20_000


@dataclass(frozen=True)
class Scale:
    """How much data a benchmark run generates."""

    name: str
    items: int
    updates_per_item: int  # on average; each item gets between none and twice as many
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
class ProvinceRows:
    """A generated province: its UBND's agency id and path, its bodies and communes."""

    code: int
    agency_id: int
    path: str
    bodies: list[int] = field(default_factory=list)
    communes: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class PlanRows:
    """A generated plan: its id, issuer, issue date, task groups and how many items it has."""

    id: int
    province: ProvinceRows
    issued_on: dt.date
    groups: tuple[int, ...]
    items: int
    after_cutoff: bool


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
    """A one-line progress bar on stderr, redrawn at most twice a second."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, total, 0
        self.started = self.shown = time.monotonic()

    def advance(self, n: int, note: str = "") -> None:
        self.done += n
        now = time.monotonic()
        if now - self.shown >= 0.5 or self.done >= self.total:
            self.shown = now
            elapsed = now - self.started
            share = min(self.done / self.total, 1.0) if self.total else 1.0
            eta = elapsed / share - elapsed if share else 0.0
            sys.stderr.write(
                f"\r{self.label} [{'#' * int(share * 30):<30}] {share:4.0%}"
                f" {self.done:,}/{self.total:,}{note}  {elapsed:.0f} s, eta {eta:.0f} s  "
            )
            sys.stderr.flush()

    def close(self) -> float:
        sys.stderr.write("\n")
        return time.monotonic() - self.started


class Days:
    """COPY text of days and moments, cached: formatting dominates writing 10M rows."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.first, self.last = first.toordinal(), last.toordinal()
        self.iso = [dt.date.fromordinal(n).isoformat() for n in range(self.first, self.last + 1)]

    def day(self, ordinal: int) -> str:
        return self.iso[ordinal - self.first]

    def moment(self, ordinal: int, minute_of_day: int) -> str:
        hours, minutes = divmod(minute_of_day, 60)
        return f"{self.iso[ordinal - self.first]} {hours:02d}:{minutes:02d}:00+07"


def cell(value: object) -> str:
    """A value as COPY text: None is NULL, booleans are t/f, dates and times in ISO form."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


class Table:
    """COPY layout of a model's table: the columns the generator fills, then all others.

    The others get their model default (or NULL), so a field added with a default needs no change
    here; a new required field without one stops the load and names itself.
    """

    def __init__(self, model: type[models.Model], filled: Sequence[str]) -> None:
        self.name = model._meta.db_table
        fields = {f.column: f for f in model._meta.concrete_fields if f.column}
        unknown = [column for column in filled if column not in fields]
        if unknown:
            raise BenchError(f"{self.name} has no {unknown}: bench/datagen.py is out of date")
        rest = [column for column in fields if column not in filled]
        defaults = []
        for column in rest:
            value = fields[column].get_default()
            if value is None and not fields[column].null:
                raise BenchError(f"{self.name}.{column} is required: fill it in bench/datagen.py")
            defaults.append(cell(value))
        self.columns = sql.SQL(", ").join([sql.Identifier(c) for c in [*filled, *rest]])
        self.suffix = "".join(f"\t{text}" for text in defaults) + "\n"

    def line(self, *values: object) -> str:
        return "\t".join(cell(value) for value in values) + self.suffix


class CopyStream:
    """Lines buffered into chunks for one COPY ... FROM STDIN."""

    def __init__(self, copy: psycopg.Copy) -> None:
        self.copy = copy
        self.lines: list[str] = []
        self.rows = 0

    def add(self, line: str) -> None:
        self.lines.append(line)
        if len(self.lines) >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        self.copy.write("".join(self.lines))
        self.rows += len(self.lines)
        self.lines.clear()


def _open_copy(stack: ExitStack, conn: Connection, table: Table) -> CopyStream:
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table.name), table.columns)
    cursor = stack.enter_context(conn.cursor())
    return CopyStream(stack.enter_context(cursor.copy(statement)))


def copy_lines(conn: Connection, table: Table, lines: Iterable[str]) -> int:
    with ExitStack() as stack:
        stream = _open_copy(stack, conn, table)
        for line in lines:
            stream.add(line)
        stream.flush()
    return stream.rows


def load_agencies(conn: Connection, scale: Scale) -> list[ProvinceRows]:
    """The nation, 34 provinces, their bodies and communes, with the paths agency_upsert writes."""
    table = Table(
        Agency,
        ["id", "code", "name", "short_name", "kind", "parent_id", "path", "valid_from", "valid_to"],
    )
    bodies = [body for body in NGHE_AN_BODIES if body.valid_to is None]
    bodies = bodies[: scale.bodies_per_province]
    provinces: list[ProvinceRows] = []
    lines = [table.line(1, NATION_CODE, "Việt Nam", "", AgencyKind.NATION, None, "/1/", None, None)]
    next_id = 2
    for province in sorted(Province.iter_all(), key=lambda p: int(p.code)):
        code = int(province.code)
        entry = ProvinceRows(code=code, agency_id=next_id, path=f"/1/{next_id}/")
        lines.append(
            table.line(
                *(next_id, province_code(code), f"UBND {province.name}", province.name),
                *(AgencyKind.PROVINCE, 1, entry.path, None, None),
            )
        )
        next_id += 1
        for body in bodies:
            name = f"{body.name} {province.name}" if body.kind == AgencyKind.CENTRAL else body.name
            lines.append(
                table.line(
                    *(next_id, member_code(code, body.key), name, body.short, body.kind),
                    *(entry.agency_id, f"{entry.path}{next_id}/", body.valid_from, None),
                )
            )
            entry.bodies.append(next_id)
            next_id += 1
        wards = sorted(Ward.iter_by_province(ProvinceCode(code)), key=lambda w: int(w.code))
        for ward in wards:
            lines.append(
                table.line(
                    *(next_id, member_code(code, str(int(ward.code))), f"UBND {ward.name}"),
                    *(ward.name, AgencyKind.COMMUNE, entry.agency_id),
                    *(f"{entry.path}{next_id}/", DISTRICTS_END, None),
                )
            )
            entry.communes.append(next_id)
            next_id += 1
        provinces.append(entry)
    copy_lines(conn, table, lines)
    return provinces


def load_plans(
    conn: Connection, provinces: list[ProvinceRows], scale: Scale, rng: random.Random
) -> list[PlanRows]:
    """One programme; each province's plans (one per wave) with their task groups."""
    programme = Table(Programme, ["id", "code", "name", "decision"])
    copy_lines(conn, programme, [programme.line(1, "DA06", "Đề án 06", "06/QĐ-TTg")])
    plan_table = Table(
        Plan,
        [
            "id",
            "number",
            "issued_on",
            "title",
            "period_start",
            "period_end",
            "recorded_at",
            "issuing_agency_id",
            "programme_id",
        ],
    )
    group_table = Table(TaskGroup, ["id", "position", "code", "name", "plan_id"])
    per_province, remainder = divmod(scale.items, len(provinces))
    plans: list[PlanRows] = []
    plan_lines: list[str] = []
    group_lines: list[str] = []
    group_id = 1
    for index, province in enumerate(provinces):
        budget = per_province + (1 if index < remainder else 0)
        shares = [round(budget * share) for _, share in PLAN_WAVES]
        shares[0] += budget - sum(shares)
        for wave, ((first_issue, _), items) in enumerate(zip(PLAN_WAVES, shares, strict=True)):
            plan_id = len(plans) + 1
            issued_on = first_issue + dt.timedelta(days=rng.randrange(20))
            number = f"{100 + wave * 150 + rng.randrange(100)}/KH-UBND"
            title = f"Kế hoạch triển khai Đề án 06 năm {issued_on:%Y}"
            plan_lines.append(
                plan_table.line(
                    *(plan_id, number, issued_on, title, issued_on, LAST_DAY),
                    *(f"{issued_on} 16:00:00+07", province.agency_id, 1),
                )
            )
            groups = []
            for position in range(scale.groups_per_plan):
                group_lines.append(
                    group_table.line(
                        group_id, position + 1, ROMAN[position], GROUP_NAMES[position], plan_id
                    )
                )
                groups.append(group_id)
                group_id += 1
            plans.append(
                PlanRows(
                    id=plan_id,
                    province=province,
                    issued_on=issued_on,
                    groups=tuple(groups),
                    items=items,
                    after_cutoff=issued_on > CUTOFF,
                )
            )
    copy_lines(conn, plan_table, plan_lines)
    copy_lines(conn, group_table, group_lines)
    return plans


class ItemWriter:
    """Draws items with their updates and extensions and streams them into three COPYs."""

    def __init__(self, rng: random.Random, days: Days, scale: Scale) -> None:
        self.rng, self.days, self.mean_updates = rng, days, scale.updates_per_item
        self.item_table = Table(
            Item,
            [
                "id",
                "plan_id",
                "group_id",
                "parent_id",
                "kind",
                "code",
                "title",
                "lead_agency_id",
                "deadline",
                "is_recurring",
                "recorded_at",
            ],
        )
        self.update_table = Table(
            ProgressUpdate,
            [
                "id",
                "item_id",
                "agency_id",
                "is_contribution",
                "valid_on",
                "state",
                "percent",
                "completed_on",
                "narrative",
                "created_at",
                "recorded_at",
                "decision",
                "reviewed_at",
            ],
        )
        self.change_table = Table(
            DeadlineChange,
            ["id", "item_id", "new_deadline", "reason", "decided_on", "decided_by", "recorded_at"],
        )
        self.next_item = self.next_update = self.next_change = 1
        self.top_level = 0

    def open(self, stack: ExitStack, conns: Sequence[Connection]) -> None:
        """Start the three COPYs, one connection each, so they stream side by side."""
        self.items = _open_copy(stack, conns[0], self.item_table)
        self.updates = _open_copy(stack, conns[1], self.update_table)
        self.changes = _open_copy(stack, conns[2], self.change_table)

    def flush(self) -> None:
        for stream in (self.items, self.updates, self.changes):
            stream.flush()

    def plan(self, plan: PlanRows) -> int:
        """All items of one plan; returns how many were written."""
        rng, written, seq = self.rng, 0, 0
        issued = plan.issued_on.toordinal()
        province = plan.province
        while written < plan.items:
            seq += 1
            group = plan.groups[rng.randrange(len(plan.groups))]
            kind = ItemKind.MODEL if rng.random() < MODEL_SHARE else ItemKind.TASK
            if rng.random() < COMMUNE_LED:
                lead = province.communes[rng.randrange(len(province.communes))]
            else:
                lead = province.bodies[rng.randrange(len(province.bodies))]
            deadline = None
            if rng.random() >= RECURRING_SHARE:
                deadline = rng.randint(issued + 30, LAST)
            parent = self.item(plan, group, None, kind, str(seq), lead, deadline, issued)
            self.top_level += 1
            written += 1
            if kind == ItemKind.MODEL and rng.random() < SITES_SHARE:
                for site in range(1, rng.randint(1, 3) + 1):
                    if written >= plan.items:
                        break
                    commune = province.communes[rng.randrange(len(province.communes))]
                    code = f"{seq}.{site}"
                    self.item(plan, group, parent, kind, code, commune, deadline, issued)
                    written += 1
        return written

    def item(
        self,
        plan: PlanRows,
        group: int,
        parent: int | None,
        kind: str,
        code: str,
        lead: int,
        deadline: int | None,
        issued: int,
    ) -> int:
        rng, days = self.rng, self.days
        item_id = self.next_item
        self.next_item += 1
        entered = issued + rng.randrange(21)
        if rng.random() < ENTERED_LATE_SHARE:
            entered = rng.randint(KNOWN_AT.date().toordinal() + 1, LAST)
        noun = "Mô hình điểm" if kind == ItemKind.MODEL else "Nhiệm vụ"
        self.items.add(
            self.item_table.line(
                *(item_id, plan.id, group, parent, kind, code, f"{noun} số {code}", lead),
                *(None if deadline is None else days.day(deadline), deadline is None),
                days.moment(entered, 540),
            )
        )
        if deadline is not None and rng.random() < EXTENDED_SHARE:
            self.extend(item_id, deadline, issued)
        self.report(item_id, issued, lead, plan.province.bodies)
        return item_id

    def extend(self, item_id: int, deadline: int, issued: int) -> None:
        """One extension, sometimes a second one later."""
        rng, days = self.rng, self.days
        for _ in range(2 if rng.random() < 0.2 else 1):
            decided = max(issued, deadline - rng.randrange(61))
            deadline = min(deadline + rng.randint(30, 240), days.last)
            recorded = min(decided + rng.randrange(11), LAST)
            self.changes.add(
                self.change_table.line(
                    *(self.next_change, item_id, days.day(deadline)),
                    *("Chờ hướng dẫn của bộ, ngành Trung ương", days.day(decided)),
                    *("Chủ tịch UBND tỉnh", days.moment(recorded, 900)),
                )
            )
            self.next_change += 1

    def report(self, item_id: int, issued: int, lead: int, bodies: list[int]) -> None:
        """The item's progress updates: open states, then perhaps done for good. Each is sent
        some days after its date and mostly reviewed later; a few are coordinating agencies'
        contributions, and the last may still be a draft."""
        rng, days, random_ = self.rng, self.days, self.rng.random
        count = rng.randint(0, 2 * self.mean_updates)
        first, span = issued + 7, LAST - issued - 7
        valid = sorted(first + int(random_() * span) for _ in range(count))
        finished = rng.randrange(count) if count and random_() < DONE_SHARE else count
        draft = count - 1 if random_() < DRAFT_SHARE else count
        completed = ""
        suffix = self.update_table.suffix
        for index, day in enumerate(valid):
            if index >= finished:
                state, percent = DONE, "100"
                if not completed:
                    completed = days.day(day - int(random_() * 8))
            else:
                odds = random_()
                state = next(name for limit, name in OPEN_STATES if odds < limit)
                percent = str(min(95, 100 * index // count + int(random_() * 10)))
            agency, contribution = lead, "f"
            if random_() < CONTRIBUTION_SHARE:
                agency, contribution = bodies[int(random_() * len(bodies))], "t"
            sent_on = min(day + 1 + int(random_() * 10), LAST)
            minute = 420 + int(random_() * 600)
            created = days.moment(sent_on, minute)
            recorded, decision, reviewed = created, "", NULL
            if index == draft:
                recorded = NULL
            elif random_() < REVIEWED_SHARE:
                decision = RETURNED if random_() < RETURNED_SHARE else CONFIRMED
                reviewed = days.moment(sent_on + 1 + int(random_() * 14), minute + 30)
            narrative = NARRATIVES[int(random_() * len(NARRATIVES))]
            self.updates.add(
                f"{self.next_update}\t{item_id}\t{agency}\t{contribution}\t{days.day(day)}"
                f"\t{state}\t{percent}\t{completed if state == DONE else NULL}\t{narrative}"
                f"\t{created}\t{recorded}\t{decision}\t{reviewed}{suffix}"
            )
            self.next_update += 1


def load_items(
    url: str, plans: list[PlanRows], scale: Scale, rng: random.Random
) -> tuple[int, int, int, int]:
    """Items, deadline changes and updates: (items, top-level items, changes, updates)."""
    writer = ItemWriter(rng, Days(FIRST_DAY, HORIZON), scale)
    progress = Progress("items", scale.items)
    with ExitStack() as stack:
        conns = [stack.enter_context(psycopg.connect(url)) for _ in range(3)]
        for conn in conns:
            conn.execute("SET synchronous_commit = off")
        writer.open(stack, conns)
        for plan in plans:
            progress.advance(writer.plan(plan), f" items, {writer.next_update - 1:,} updates")
        writer.flush()
    progress.close()
    return writer.items.rows, writer.top_level, writer.changes.rows, writer.updates.rows


def load_revisions(conn: Connection) -> int:
    """Every item's and plan's first revision, as the migrations and the services write them:
    INSERT … SELECT (the engine reads their attributes from the revision in force at K)."""
    cursor = conn.execute(
        "INSERT INTO plans_itemrevision (item_id, kind, group_id, parent_id, lead_agency_id,"
        " coordinating, deadline, is_recurring, target, unit, product_type, metric,"
        " withdrawn_on, recorded_at) SELECT id, kind, group_id, parent_id, lead_agency_id,"
        " '[]'::jsonb, deadline, is_recurring, target, unit, product_type, metric,"
        " withdrawn_on, recorded_at"
        " FROM plans_item"
    )
    items = cursor.rowcount
    conn.execute(
        "INSERT INTO plans_planrevision (plan_id, programme_id, issued_on, recorded_at)"
        " SELECT id, programme_id, issued_on, recorded_at FROM plans_plan"
    )
    return items
