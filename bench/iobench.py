"""Plan-annex import and list exports, next to openpyxl and the csv module alone.

    .venv/bin/python bench/iobench.py [--import-rows 10000] [--export-rows 1000000] [--runs 3]
        [--skip-import] [--skip-export] [--keep] [--no-write]
    .venv/bin/python bench/iobench.py --job JOB --export-rows N --out PATH   # one export (child)

Import: creates its own database (DATABASE_URL, default tiendo_iobench on the local server with
jit off; the name must contain "bench", since it is dropped), loads the Nghệ An sample directory
(`load_sample`), builds an annex of N item rows in the layout real annexes have (title rows, a
two-row header, Roman-numeral groups, numbered items, agencies as people write them, deadlines as
dates and periods), then times `read_annex` and `plan_import(commit=True)` (a new plan each run)
against openpyxl alone reading the same file.

Export: `write_xlsx` and `iter_csv` (tiendo.documents.exports) on a Table of N rows × 10 columns
generated lazily, against openpyxl write-only and csv.writer alone writing the same rows. Each
export runs in a fresh process (JOB: xlsx-app, xlsx-floor, csv-app, csv-floor) that reports its
wall time and its peak resident memory. Writes the `io` section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from database import BenchError, database_name, drop_database, recreate_database

HERE = Path(__file__).resolve().parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tiendo_iobench?options=-c%20jit%3Doff"
ISSUED = dt.date(2024, 5, 10)  # the Nghệ An directory as it was then (districts, old departments)
ITEMS_PER_GROUP = 500
JOBS = ("xlsx-app", "xlsx-floor", "csv-app", "csv-floor")
Json = dict[str, Any]
T = TypeVar("T")

# --- realistic values -----------------------------------------------------------------------

ACTIONS = (
    "Triển khai",
    "Rà soát, đánh giá",
    "Xây dựng và ban hành",
    "Tổ chức tuyên truyền",
    "Hoàn thành kết nối",
    "Làm sạch dữ liệu",
    "Thí điểm",
    "Nhân rộng",
)
OBJECTS = (
    "quy chế phối hợp khai thác Cơ sở dữ liệu quốc gia về dân cư",
    "dịch vụ công trực tuyến toàn trình trên Cổng dịch vụ công quốc gia",
    "ứng dụng VNeID trong khám chữa bệnh bằng căn cước công dân",
    "thanh toán không dùng tiền mặt trong thu học phí, viện phí",
    "cấp phiếu lý lịch tư pháp trên ứng dụng VNeID",
    "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "kích hoạt tài khoản định danh điện tử mức độ 2",
    "mô hình điểm về chuyển đổi số cấp xã",
    "hạ tầng bảo đảm an ninh, an toàn thông tin",
    "dữ liệu hộ tịch, đất đai, bảo hiểm xã hội",
)
PLACES = ("trên địa bàn tỉnh", "tại cấp xã", "tại các bệnh viện", "tại các trường học", "")
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
)
# Agencies as annexes write them (full names, short names, aliases), Nghệ An in 2024.
LEADS = (
    "Công an tỉnh",
    "CA tỉnh",
    "VP UBND tỉnh",
    "Văn phòng UBND tỉnh",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở TT&TT",
    "Sở Thông tin và Truyền thông",
    "Sở GD&ĐT",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở KH&ĐT",
    "Sở LĐ-TB&XH",
    "Sở Công Thương",
    "Sở KH&CN",
    "BHXH tỉnh",
    "Sở TN&MT",
    "Sở GTVT",
)
COORDINATORS = (
    "",
    "Sở TT&TT",
    "Công an tỉnh; Sở Tư pháp",
    "Các sở, ban, ngành",
    "VNPT, Viettel, Bưu điện tỉnh",
    "BHXH tỉnh; Sở Y tế",
    "UBND các huyện, thành phố, thị xã",
    "Sở Tài chính",
    "Sở Nội vụ; VP UBND tỉnh",
    "",
)
PRODUCTS = (
    "01 văn bản",
    "100% hồ sơ được số hóa",
    "Báo cáo",
    "500.000 tài khoản được kích hoạt",
    "Tuyên truyền",
    "130 xã",
    "",
)
STATES = ("Chưa triển khai", "Đang thực hiện", "Tạm dừng", "Hoàn thành", "Chờ xác nhận")


def deadline_cell(i: int) -> Any:
    """Deadlines as annexes write them: typed dates, quarters, months, periods, recurring."""
    kind = i % 20
    if kind < 8:
        return dt.datetime(2024, 6 + i % 7, 1 + i % 28)  # noqa: DTZ001 - Excel dates carry no zone
    if kind < 12:
        return f"Quý {('II', 'III', 'IV')[i % 3]}/2024"
    if kind < 15:
        return f"Tháng {6 + i % 7}/2024"
    if kind < 17:
        return "Thường xuyên"
    if kind < 19:
        return "Năm 2024"
    return "6 tháng cuối năm 2024"


def roman(number: int) -> str:
    out = ""
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out += numeral
            number -= value
    return out


def annex_rows(count: int) -> Iterator[list[Any]]:
    """Group rows and item rows, ITEMS_PER_GROUP items per group, numbered 1.1, 1.2 …"""
    for i in range(count):
        group, position = divmod(i, ITEMS_PER_GROUP)
        if position == 0:
            name = GROUP_NAMES[group % len(GROUP_NAMES)]
            yield [roman(group + 1), name, None, None, None, None, None]
        title = f"{ACTIONS[i % 8]} {OBJECTS[(i // 8) % 10]} {PLACES[i % 5]}".strip()
        note = "Phối hợp với Tổ công tác 06 tỉnh" if i % 9 == 0 else None
        yield [
            f"{group + 1}.{position + 1}",
            title,
            LEADS[(i * 7) % len(LEADS)],
            COORDINATORS[(i * 3) % len(COORDINATORS)] or None,
            deadline_cell(i),
            PRODUCTS[i % len(PRODUCTS)] or None,
            note,
        ]


def annex_xlsx(count: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Phụ lục"
    sheet.append(["UBND TỈNH NGHỆ AN"])
    sheet.append(["PHỤ LỤC: DANH MỤC NHIỆM VỤ TRIỂN KHAI ĐỀ ÁN 06 NĂM 2024"])
    sheet.append(["(Kèm theo Kế hoạch số …/KH-UBND ngày 10/5/2024 của UBND tỉnh)"])
    sheet.append([])
    sheet.append(
        ["TT", "Nội dung nhiệm vụ", "Cơ quan", None, "Thời gian hoàn thành", "Sản phẩm", "Ghi chú"]
    )
    sheet.append([None, None, "Chủ trì", "Phối hợp", None, None, None])
    sheet.merge_cells("C5:D5")
    for column in "ABEFG":
        sheet.merge_cells(f"{column}5:{column}6")
    for row in annex_rows(count):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


EXPORT_COLUMNS = (
    "Số TT",
    "Nội dung nhiệm vụ",
    "Nhóm nhiệm vụ",
    "Cơ quan chủ trì",
    "Loại",
    "Tình trạng",
    "Thời hạn",
    "Ngày hoàn thành",
    "Tỷ lệ hoàn thành (%)",
    "Chỉ tiêu",
)
DAYS = [dt.date(2023, 1, 1) + dt.timedelta(days=n) for n in range(1096)]
TITLES = [f"{a} {o} {p}".strip() for a in ACTIONS for o in OBJECTS for p in PLACES]  # 400 titles


def export_rows(count: int) -> Iterator[tuple[Any, ...]]:
    """Rows of an item list: codes, titles, names, dates (some empty), integers and decimals."""
    for i in range(count):
        done = i % 3 == 0
        yield (
            f"{i // 500 + 1}.{i % 500 + 1}",
            TITLES[(i * 7) % len(TITLES)],
            GROUP_NAMES[(i // 500) % len(GROUP_NAMES)],
            LEADS[(i * 11) % len(LEADS)],
            "Mô hình" if i % 5 == 0 else "Nhiệm vụ",
            STATES[3] if done else STATES[i % 3],
            DAYS[(i * 13) % len(DAYS)],
            DAYS[(i * 17) % len(DAYS)] if done else None,
            100 if done else (i * 37) % 100,
            float((i * 29) % 5000) / 4 if i % 4 else None,
        )


# --- one export, in its own process ----------------------------------------------------------


def _status_kb(name: str) -> int:
    """VmRSS (resident now) or VmHWM (peak resident) of this process, in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return int(line.split()[1])
    raise BenchError(f"no {name} in /proc/self/status")


def child(job: str, count: int, out: str) -> Json:
    """Write the rows one way; wall time, peak resident memory, and the file's size and digest."""
    from openpyxl import Workbook

    from tiendo.documents.exports import Table, iter_csv, write_xlsx

    table = Table("Danh sách nhiệm vụ", EXPORT_COLUMNS, lambda: export_rows(count))
    start_kb = _status_kb("VmRSS")
    begin = time.perf_counter()
    if job == "xlsx-app":
        written = write_xlsx(table)
        with open(out, "wb") as target:
            while chunk := written.read(1 << 20):
                target.write(chunk)
        written.close()
    elif job == "xlsx-floor":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(table.name)
        sheet.append(list(EXPORT_COLUMNS))
        for row in export_rows(count):
            sheet.append(row)
        workbook.save(out)
    elif job == "csv-app":
        with open(out, "wb") as target:
            for text in iter_csv(table):
                target.write(text.encode("utf-8"))  # as StreamingHttpResponse encodes it
    elif job == "csv-floor":
        with open(out, "w", encoding="utf-8", newline="") as target:
            target.write("\ufeff")
            writer = csv.writer(target)
            writer.writerow(EXPORT_COLUMNS)
            # The same text the app writes: dates as 31/03/2024 (columns 7 and 8), None as empty.
            writer.writerows(
                (*row[:6], f"{row[6]:%d/%m/%Y}", f"{row[7]:%d/%m/%Y}" if row[7] else "", *row[8:])
                for row in export_rows(count)
            )
    else:
        raise SystemExit(f"unknown job {job}")
    seconds = time.perf_counter() - begin
    # The process image's own peak. Not ru_maxrss: Linux carries the parent's peak across fork
    # and exec into it (RUSAGE_CHILDREN too), so every child would show this script's size.
    peak_kb = _status_kb("VmHWM")
    digest = ""
    if job.startswith("csv"):
        with open(out, "rb") as written_file:
            digest = hashlib.file_digest(written_file, "sha256").hexdigest()
    return {
        "job": job,
        "seconds": seconds,
        "start_kb": start_kb,
        "peak_kb": peak_kb,
        "bytes": Path(out).stat().st_size,
        "sha256": digest,
    }


@dataclass
class Export:
    job: str
    runs: list[Json] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(float(run["seconds"]) for run in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(int(run["peak_kb"]) for run in self.runs) / 1024

    @property
    def above_mib(self) -> float:
        return max(int(run["peak_kb"]) - int(run["start_kb"]) for run in self.runs) / 1024

    @property
    def size(self) -> int:
        return int(self.runs[-1]["bytes"])


def spawn(job: str, count: int, folder: str) -> Json:
    out = str(Path(folder) / f"{job}.{job.split('-')[0]}")
    done = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--job",
            job,
            "--export-rows",
            str(count),
            "--out",
            out,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise BenchError(f"{Path(__file__).name} --job {job} failed:\n{done.stderr[-3000:]}")
    result: Json = json.loads(done.stdout.strip().splitlines()[-1])
    Path(out).unlink()
    return result


def measure_exports(count: int, runs: int) -> dict[str, Export]:
    """Each job `runs` times, app and floor alternating; CSV outputs checked byte for byte."""
    results = {job: Export(job) for job in JOBS}
    with tempfile.TemporaryDirectory(prefix="tiendo-iobench-") as folder:
        for _ in range(runs):
            for job in JOBS:
                run = spawn(job, count, folder)
                results[job].runs.append(run)
                print(
                    f"{job}: {count:,} rows in {run['seconds']:,.1f} s, peak"
                    f" {run['peak_kb'] / 1024:,.0f} MiB, {run['bytes'] / 1e6:,.1f} MB",
                    flush=True,
                )
    app, floor = results["csv-app"].runs[-1], results["csv-floor"].runs[-1]
    if app["sha256"] != floor["sha256"] or app["bytes"] != floor["bytes"]:
        raise BenchError("iter_csv and the csv floor wrote different files")
    return results


# --- the import, in this process ---------------------------------------------------------------


@dataclass
class Imported:
    rows: int
    file_bytes: int
    read: list[float] = field(default_factory=list)
    preview: list[float] = field(default_factory=list)  # plan_import(commit=False)
    commit: list[float] = field(default_factory=list)  # plan_import(commit=True), a new plan
    statements: int = 0  # of one commit
    server: str = ""  # PostgreSQL's version and settings
    floors: dict[str, list[float]] = field(default_factory=dict)

    @property
    def best_floor(self) -> str:
        return min(self.floors, key=lambda name: statistics.median(self.floors[name]))

    @property
    def floor_seconds(self) -> float:
        return statistics.median(self.floors[self.best_floor])


def floor_calamine(data: bytes) -> int:
    """python-calamine alone (the reader read_annex uses): the first sheet's values."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return len(workbook.get_sheet_by_index(0).to_python(skip_empty_area=False))


def floor_read_only(data: bytes) -> int:
    """openpyxl's streaming reader: every row's values, kept (read_annex keeps them too)."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True)
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return len(rows)


def floor_full(data: bytes) -> int:
    """The ordinary workbook, each cell's value read as read_annex reads it."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return len(rows)


def timed(run: Callable[[], T]) -> tuple[float, T]:
    begin = time.perf_counter()
    value = run()
    return time.perf_counter() - begin, value


def measure_import(url: str, count: int, runs: int, commits: int) -> Imported:
    from django.core.management import call_command
    from django.db import connection

    import suite
    from tiendo.agencies.models import Agency
    from tiendo.imports.annex import plan_import, read_annex
    from tiendo.plans.models import Item, Programme
    from tiendo.sample.loader import load_sample

    recreate_database(url, label="tiendo iobench")
    call_command("migrate", interactive=False, verbosity=0)
    began = time.monotonic()
    load_sample()
    print(f"sample loaded in {time.monotonic() - began:.0f} s", flush=True)
    province = Agency.objects.get(code="40")
    programme = Programme.objects.get(code="DA06")
    data = annex_xlsx(count)
    result = Imported(rows=count, file_bytes=len(data), server=suite.server_facts(url))
    result.floors = {name: [] for name in FLOORS}

    def run_import(number: str, commit: bool) -> Any:
        return plan_import(
            annex=annex,
            programme=programme,
            number=number,
            issued_on=ISSUED,
            issuing_agency=province,
            title="Kế hoạch triển khai Đề án 06 năm 2024 (nhập thử, benchmark)",
            commit=commit,
        )

    statements = [0]

    def counting(execute: Callable[..., Any], sql: str, params: Any, many: bool, ctx: Any) -> Any:
        statements[0] += 1
        return execute(sql, params, many, ctx)

    for attempt in range(runs + 1):  # the first round warms up and is not kept
        spent, annex = timed(partial(read_annex, "phu-luc.xlsx", data))
        if len(annex.rows) != count or annex.all_problems:
            raise BenchError(f"read_annex: {len(annex.rows)} rows, {annex.all_problems[:5]}")
        floors = {name: timed(partial(read, data))[0] for name, read in FLOORS.items()}
        preview_spent, preview = timed(partial(run_import, "1/KH-BENCH", False))
        if preview.problems:
            raise BenchError(f"plan_import found problems: {preview.problems[:5]}")
        print(
            f"import {attempt}: read_annex {spent:.2f} s, preview {preview_spent:.2f} s; floors "
            + ", ".join(f"{name} {s:.2f} s" for name, s in floors.items()),
            flush=True,
        )
        if attempt:
            result.read.append(spent)
            result.preview.append(preview_spent)
            for name, s in floors.items():
                result.floors[name].append(s)
    # Commits are long and write a plan each time: once per --commits, each a new plan.
    for commit in range(commits):
        number = f"{commit + 1}/KH-BENCH"
        statements[0] = 0
        with connection.execute_wrapper(counting):
            commit_spent, done = timed(partial(run_import, number, True))
        created = Item.objects.filter(plan__number=number).count()
        if not done.committed or created != count:
            raise BenchError(f"plan_import committed {created} items of {count}")
        print(f"commit: {commit_spent:.2f} s ({statements[0]:,} statements)", flush=True)
        result.commit.append(commit_spent)
        result.statements = statements[0]
    return result


FLOORS: dict[str, Callable[[bytes], int]] = {
    "calamine": floor_calamine,
    "read_only": floor_read_only,
    "full": floor_full,
}


# --- the report ---------------------------------------------------------------------------------


def para(text: str) -> str:
    return textwrap.fill(text, width=100, break_on_hyphens=False, break_long_words=False)


def mib(value: float) -> str:
    return f"{value:,.0f} MiB"


def section(
    imported: Imported | None,
    exports: dict[str, Export] | None,
    args: argparse.Namespace,
    url: str,
) -> str:
    from report import machine

    today = dt.datetime.now(dt.UTC).date()
    runs = "one run" if args.export_runs == 1 else f"median of {args.export_runs} runs"
    commits = "one run" if args.commits == 1 else f"median of {args.commits} runs"
    server = f"; {imported.server}" if imported is not None else ""
    intro = (
        f"Measured {today:%Y-%m-%d} with `.venv/bin/python bench/iobench.py`. Import: reading and"
        f" preview median of {args.runs} run{'s' if args.runs > 1 else ''} after one warm-up,"
        f" commit {commits} (a new plan each time); exports: {runs} of each, each in a fresh"
        f" process. Machine: {machine()}{server}; {load_average(args.load_before)}."
    )
    parts = ["## Import and export", "", para(intro)]
    med = statistics.median
    if imported is not None:
        dry = med(imported.read) + med(imported.preview)
        commit = med(imported.read) + med(imported.commit)
        floor = imported.floor_seconds
        others = ", ".join(f"{name} {med(times):.2f} s" for name, times in imported.floors.items())
        parts += [
            "",
            "### Import of a plan annex (XLSX)",
            "",
            "| rows | file | read_annex s | preview s | commit s | dry run (read + preview) s"
            " | import (read + commit) s | floor s | dry run / floor (goal ≤ 2×)"
            " | import / floor (goal ≤ 5×) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| {imported.rows:,} | {imported.file_bytes / 1024:,.0f} kB"
            f" | {med(imported.read):.2f} | {med(imported.preview):.2f}"
            f" | {med(imported.commit):.2f} | {dry:.2f} | {commit:.2f}"
            f" | {floor:.2f} ({imported.best_floor})"
            f" | {dry / floor:.1f}× | {commit / floor:.1f}× |",
            "",
            para(
                f"The annex: title rows, a two-row merged header, {ITEMS_PER_GROUP} items per"
                " Roman-numeral group, leads and coordinators as annexes write them (short"
                " names, aliases, lists, 'Các sở, ban, ngành', 'UBND các huyện, thành phố, thị"
                " xã'), deadlines as dates, quarters, months and periods; imported into"
                " PostgreSQL (its own database, jit off) over the Nghệ An sample directory. A"
                f" commit ran {imported.statements:,} SQL statements"
                f" ({imported.statements / imported.rows:.2f} per row; per row"
                f" {1000 * med(imported.commit) / imported.rows:.2f} ms). The preview resolves"
                " every agency (once per distinct cell text), reads the plan's existing items"
                " and says per row what changes, without writing; commit does the preview again,"
                " then writes in bulk (items, coordinator links, one audit event per item and"
                " one for the import). Floor: the fastest library alone reading the same file's"
                f" values ({others}; calamine = python-calamine `to_python()`, the reader"
                " read_annex uses; read_only and full = openpyxl). read_annex adds the streaming"
                " pass over the sheet XML that finds hidden rows and columns and bounds the"
                " size before calamine loads anything.",
            ),
        ]
    if exports is not None:
        rows = args.export_rows
        lines = [
            "| export | rows × columns | seconds | peak memory (above start) | file"
            " | floor s | floor peak (above start) | ratio |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for kind, label in (("xlsx", "write_xlsx (XLSX)"), ("csv", "iter_csv (CSV)")):
            app, lib = exports[f"{kind}-app"], exports[f"{kind}-floor"]
            lines.append(
                f"| {label} | {rows:,} × {len(EXPORT_COLUMNS)} | {app.seconds:,.1f}"
                f" | {mib(app.peak_mib)} (+{mib(app.above_mib)}) | {app.size / 1e6:,.0f} MB"
                f" | {lib.seconds:,.1f} | {mib(lib.peak_mib)} (+{mib(lib.above_mib)})"
                f" | {app.seconds / lib.seconds:.2f}× |"
            )
        parts += [
            "",
            "### Export of a list",
            "",
            *lines,
            "",
            para(
                "Rows are generated lazily in the measuring process (the same generator for app"
                " and floor, so its cost is in both): code, title, group, lead agency, kind and"
                " state as text, deadline and completion date (a third empty), an integer"
                " percentage and a decimal target (a quarter empty). write_xlsx as the export"
                " views call it (a WriteOnlyCell per value, a date format on dates, bold titles,"
                " frozen first row; the workbook then copied from its spooled temporary file to"
                " disk); iter_csv's chunks encoded to UTF-8 and written to a file, as a"
                " StreamingHttpResponse would send them. Floors: openpyxl write-only appending the"
                " plain values (dates get openpyxl's default format; no styles), and csv.writer"
                " writing the same text (dates formatted as the app does), whose file was checked"
                " identical to iter_csv's, byte for byte. Peak memory: the process's peak"
                " resident size (VmHWM; not ru_maxrss, which Linux carries over from the parent"
                " across fork and exec), and in brackets above what it held before writing"
                " (interpreter, openpyxl, tiendo's modules).",
            ),
        ]
    return "\n".join(parts)


# --- main ---------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--export-rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="timed reads after a warm-up")
    parser.add_argument("--commits", type=int, default=1, help="timed imports with commit=True")
    parser.add_argument("--export-runs", type=int, default=1, help="runs of each export")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch the docs")
    parser.add_argument("--job", choices=JOBS, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if min(args.runs, args.commits, args.export_runs) < 1:
        parser.error("--runs, --commits and --export-runs must be at least 1")
    return args


def load_average(before: float) -> str:
    """The 1-minute load average at the start and now: other work on the cores shows here."""
    return f"load average {before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.load_before = os.getloadavg()[0]
    if args.job:
        print(json.dumps(child(args.job, args.export_rows, args.out)))
        return 0
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    try:
        imported = None
        if not args.skip_import:
            database_name(url)  # only ever a bench database
            os.environ["DATABASE_URL"] = url
            os.environ["DJANGO_SETTINGS_MODULE"] = "tiendo.settings"
            os.environ.setdefault("TIENDO_LOG_LEVEL", "WARNING")
            import django

            django.setup()
            imported = measure_import(url, args.import_rows, args.runs, args.commits)
            from django.db import connections

            connections.close_all()
            if not args.keep:
                drop_database(url)
        exports = None
        if not args.skip_export:
            exports = measure_exports(args.export_rows, args.export_runs)
        text = section(imported, exports, args, url)
        if args.no_write:
            print(text)
        elif imported is not None and exports is not None:
            from report import write_section

            write_section("io", text)
        else:
            print(text)
            print("(a partial run: docs/benchmarks.md left as it is)", file=sys.stderr)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
