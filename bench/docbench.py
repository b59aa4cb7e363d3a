"""The report documents next to floors written with the libraries alone, each in its own process.

    .venv/bin/python bench/docbench.py JOB [options]   # one measurement; prints one JSON line

Jobs: `province-docx` (build_report and write_docx for Nghệ An's plans), `national-xlsx`
(build_report over every plan, then write_xlsx to a file), `docx-floor` (python-docx writing the
same paragraphs and annex rows from the strings province-docx dumped) and `xlsx-floor` (openpyxl
write-only writing as many rows and columns of similar values to a file). Each run is a fresh
process whose peak resident memory (VmHWM, reset as the measurement starts) is its own: libpq's
result buffers and lxml's trees count, which tracemalloc (Python's heap only, with --trace) does
not see.

run.py calls `measure`, which starts the processes and gathers their JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import django

from database import DEFAULT_URL, BenchError, database_name

HERE = Path(__file__).resolve().parent
PROVINCE = 40  # Nghệ An, as in suite.py
HEADER_ROWS = 4  # the app's sheets: title, reference, cut-off, column titles
Json = dict[str, Any]
T = TypeVar("T")


# --- In the measuring process -------------------------------------------------------------------


def _status_kb(field_name: str) -> int:
    """A memory figure of this process from /proc/self/status (VmRSS, VmHWM), in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field_name}:"):
            return int(line.split()[1])
    raise BenchError(f"no {field_name} in /proc/self/status")


def _peak_kb() -> int:
    """The peak resident size since the meter started: VmHWM after the reset, else ru_maxrss."""
    try:
        return _status_kb("VmHWM")
    except (OSError, BenchError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


class Meter:
    """Wall time per phase, and the peak resident memory above what the process held at the
    start. The kernel's high-water mark is reset first (clear_refs 5), so what the process
    reached while loading its input does not count."""

    def __init__(self, trace: bool) -> None:
        self.trace = trace
        self.phases: dict[str, float] = {}
        self.marks: dict[str, int] = {}
        # Not Linux, or not allowed: the peak is then the process's whole life's.
        with contextlib.suppress(OSError):
            Path("/proc/self/clear_refs").write_text("5")
        self.rss_start = _status_kb("VmRSS")
        if trace:
            tracemalloc.start()

    def phase(self, name: str, run: Callable[[], T]) -> T:
        started = time.perf_counter()
        value = run()
        self.phases[name] = time.perf_counter() - started
        self.marks[name] = _peak_kb()
        return value

    def result(self, **extra: Any) -> Json:
        out: Json = {
            "phases": self.phases,
            "rss_start_kb": self.rss_start,
            "rss_peak_kb": _peak_kb(),
            "peak_after_kb": self.marks,
            **extra,
        }
        if self.trace:
            out["traced_peak"] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        return out


def _setup() -> None:
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    database_name(url)  # only ever a bench database
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "tiendo.settings"
    django.setup()


def _spec(national: bool) -> Any:
    """The request an official would make: Nghệ An's plans, or every plan issued by the cut-off."""
    from datagen import CUTOFF, KNOWN_AT
    from tiendo.agencies.directory import province_code
    from tiendo.agencies.models import Agency, AgencyKind
    from tiendo.documents.particulars import ReportSpec
    from tiendo.plans.models import Plan
    from tiendo.status.selectors import AsOf

    as_of = AsOf.make(CUTOFF, KNOWN_AT, due_soon_days=3)
    plans = Plan.objects.filter(issued_on__lte=CUTOFF).select_related("issuing_agency")
    common: Json = {
        "as_of": as_of,
        "issued_on": KNOWN_AT.date(),
        "summary": "Kết quả thực hiện Đề án 06 quý II năm 2025",
        "authority": "KT.",
        "authority_body": "GIÁM ĐỐC",
        "signer_position": "PHÓ GIÁM ĐỐC",
        "signer_name": "Nguyễn Văn An",
    }
    if national:
        return ReportSpec(
            plans=list(plans.order_by("issued_on", "issuing_agency_id", "number")),
            number="1/BC-C06",
            issuing_body="Cục Cảnh sát quản lý hành chính về trật tự xã hội",
            parent_body="Bộ Công an",
            place="Hà Nội",
            addressees=["Tổ công tác triển khai Đề án 06 của Chính phủ"],
            recipients=["Như trên", "Lãnh đạo Bộ (để báo cáo)"],
            where="toàn quốc",
            **common,
        )
    province = Agency.objects.get(code=province_code(PROVINCE), kind=AgencyKind.PROVINCE)
    return ReportSpec(
        plans=list(
            plans.filter(issuing_agency__path__startswith=province.path).order_by(
                "issued_on", "number"
            )
        ),
        number="1/BC-CAT",
        issuing_body=f"Công an tỉnh {province.short_name}",
        parent_body=f"UBND tỉnh {province.short_name}",
        place=province.short_name,
        addressees=[f"Ủy ban nhân dân tỉnh {province.short_name}"],
        recipients=["Như trên", "Bộ Công an (C06)", "Thường trực Tỉnh ủy"],
        **common,
    )


def _annex_rows(report: Any) -> list[int]:
    from tiendo.documents.annexes import ANNEXES

    return [sum(1 for _ in annex.rows(report)) for annex in ANNEXES]


def _overdue_total(report: Any) -> int:
    return sum(summary.all.overdue for summary in report.summaries.values())


# The selectors build_report calls, timed where it calls them (whatever it calls them with).
TIMED_SELECTORS = ("status_summary", "status_by_plan", "status_by", "item_statuses")


def _describe(kwargs: dict[str, Any]) -> str:
    """A call's telling arguments: deadline classes, horizon, limit."""
    parts = [str(value) for value in kwargs.get("deadline_classes") or ()]
    if kwargs.get("deadline_until"):
        parts.append("deadline_until")
    if "limit" in kwargs:
        parts.append(f"limit {kwargs['limit']:,}")
    return ", ".join(parts)


def _breakdown(spec: Any) -> tuple[Json, Any]:
    """build_report with the status selectors it calls wrapped in timers (calls, seconds, rows
    returned), then its annex rows read alone (Annex I streams from the database as the writer
    writes). Returns the timings and facts, and the report."""
    import tiendo.documents.report as module

    calls: list[Json] = []

    def timer(name: str, selector: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            value = selector(*args, **kwargs)
            rows = len(value) if isinstance(value, list) else None
            spent = time.perf_counter() - started
            calls.append({"name": name, "args": _describe(kwargs), "s": spent, "rows": rows})
            return value

        return timed

    originals = {name: getattr(module, name) for name in TIMED_SELECTORS if hasattr(module, name)}
    for name, selector in originals.items():
        setattr(module, name, timer(name, selector))
    try:
        started = time.perf_counter()
        report = module.build_report(spec)
        build = time.perf_counter() - started
    finally:
        for name, selector in originals.items():
            setattr(module, name, selector)
    started = time.perf_counter()
    rows = _annex_rows(report)
    return {
        "plans": len(spec.plans),
        "build": build,
        "calls": calls,
        "annex_rows": time.perf_counter() - started,
        "rows": rows,
        "overdue_total": _overdue_total(report),
    }, report


def _dump(report: Any, path: str) -> None:
    """The report's texts and annex cells as the DOCX shows them, for docx-floor."""
    from tiendo.documents.annexes import ANNEXES, GroupRow, as_text, reference

    def cells(values: Any, width: int) -> list[str]:
        # A heading row (a plan, a task group): its text in the first cell, the rest empty.
        if isinstance(values, GroupRow):
            return [values.text, *[""] * (width - 1)]
        return [as_text(v) for v in values]

    strings = {
        "paragraphs": [text for s in report.sections for text in (s.heading, *s.paragraphs)],
        "annexes": [
            {
                "lines": [annex.label, annex.title, reference(report)],
                "columns": [column.title for column in annex.columns],
                "rows": [cells(values, len(annex.columns)) for values in annex.rows(report)],
            }
            for annex in ANNEXES
        ],
    }
    Path(path).write_text(json.dumps(strings, ensure_ascii=False), encoding="utf-8")


def job_engine(
    national: bool, trace: bool, breakdown: bool, out: str | None, dump: str | None
) -> Json:
    """province-docx or national-xlsx: build_report, then the writer, as the app calls them;
    or, with breakdown, build_report's parts timed one by one (and the strings dumped)."""
    from tiendo.documents.annexes import ANNEXES
    from tiendo.documents.docx_writer import write_docx
    from tiendo.documents.report import build_report
    from tiendo.documents.xlsx_writer import write_xlsx

    spec = _spec(national)
    if breakdown:
        facts, report = _breakdown(spec)
        if dump:
            _dump(report, dump)
        return facts
    meter = Meter(trace)
    report = meter.phase("build", lambda: build_report(spec))
    if national:
        if out is None:
            raise BenchError("national-xlsx needs --out")
        with open(out, "wb") as file:
            meter.phase("write", lambda: write_xlsx(report, out=file))
        size = os.path.getsize(out)
    else:
        size = len(meter.phase("write", lambda: write_docx(report)))
    result = meter.result(bytes=size, plans=len(spec.plans))
    # Counted after the measurement, so the counting costs neither time nor memory above.
    result["rows"] = _annex_rows(report)
    result["columns"] = [len(annex.columns) for annex in ANNEXES]
    result["paragraphs"] = sum(1 + len(s.paragraphs) for s in report.sections)
    result["overdue_total"] = _overdue_total(report)
    return result


def _docx_plain(strings: Json, out: str) -> None:
    """python-docx's own API: a paragraph per text, cell.text per cell, fonts set once on the
    Normal style, landscape annex section, Table Grid tables."""
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm, Pt

    document = Document()
    normal: Any = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    for text in strings["paragraphs"]:
        document.add_paragraph(text)
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for annex in strings["annexes"]:
        for line in annex["lines"]:
            document.add_paragraph(line)
        table = document.add_table(rows=1, cols=len(annex["columns"]))
        table.style = "Table Grid"
        for cell, title in zip(table.rows[0].cells, annex["columns"], strict=True):
            cell.text = title
        for row in annex["rows"]:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    document.save(out)


def _docx_row_copy(strings: Json, out: str) -> None:
    """The app's formatting (Times New Roman 11 pt in every script, no spacing, cell widths),
    built once per table as a prototype row and deep-copied for each row, its texts replaced."""
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    def fonts(rpr: Any) -> None:
        element = rpr.find(qn("w:rFonts"))
        if element is None:
            element = OxmlElement("w:rFonts")
            rpr.insert(0, element)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            element.set(qn(attr), "Times New Roman")

    document = Document()
    normal: Any = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    for text in strings["paragraphs"]:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.font.size = Pt(14)
        fonts(run._r.get_or_add_rPr())
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for annex in strings["annexes"]:
        for line in annex["lines"]:
            document.add_paragraph(line)
        columns = len(annex["columns"])
        table = document.add_table(rows=2, cols=columns)
        table.style = "Table Grid"
        table.autofit = False
        width = Mm(252 / columns)
        for row_cells, texts in (
            (table.rows[0].cells, annex["columns"]),
            (table.rows[1].cells, ["·"] * columns),
        ):
            for cell, text in zip(row_cells, texts, strict=True):
                cell.width = width
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_before = Pt(0)
                paragraph.paragraph_format.space_after = Pt(0)
                run = paragraph.add_run(text)
                run.font.size = Pt(11)
                fonts(run._r.get_or_add_rPr())
        prototype = table.rows[1]._tr
        tbl = prototype.getparent()
        tbl.remove(prototype)
        t_tag = qn("w:t")
        for row in annex["rows"]:
            tr = copy.deepcopy(prototype)
            for t, text in zip(tr.iter(t_tag), row, strict=True):
                t.text = text
            tbl.append(tr)
    document.save(out)


def job_docx_floor(strings_path: str, variant: str, out: str) -> Json:
    """python-docx from the dumped strings, saved to a file (the app's writer returns bytes;
    writing a few megabytes to the page cache is the same work within noise)."""
    import docx  # noqa: F401  (imported before the baseline, as the engine's writer is)

    strings = json.loads(Path(strings_path).read_text(encoding="utf-8"))
    write = _docx_plain if variant == "plain" else _docx_row_copy
    meter = Meter(trace=False)
    meter.phase("write", lambda: write(strings, out))
    size = os.path.getsize(out)
    return meter.result(bytes=size)


# Values like the annex's: numbers, plan numbers, codes, titles, agency names, dates (or
# "Thường xuyên"), state and class labels, percentages.
PLAN_NUMBERS = ("125/KH-UBND", "272/KH-UBND", "493/KH-UBND")
AGENCY_NAMES = (
    "Sở Khoa học và Công nghệ",
    "Công an tỉnh",
    "Sở Nông nghiệp và Môi trường",
    "UBND xã Diễn Châu",
    "Văn phòng UBND tỉnh",
)
STATE_LABELS = ("Chưa triển khai", "Đang thực hiện", "Hoàn thành", "Chờ xác nhận", "Tạm dừng")
CLASS_LABELS = ("Quá hạn", "Còn trong hạn", "Hoàn thành đúng hạn", "Hoàn thành quá hạn")


def _similar_rows(count: int) -> Iterator[list[Any]]:
    first = dt.date(2023, 1, 1)
    for n in range(1, count + 1):
        yield [
            n,
            PLAN_NUMBERS[n % 3],
            str(n),
            f"Nhiệm vụ số {n}",
            AGENCY_NAMES[n % 5],
            "Thường xuyên" if n % 20 == 0 else first + dt.timedelta(days=n % 1000),
            STATE_LABELS[n % 5],
            CLASS_LABELS[n % 4],
            None if n % 3 == 0 else n % 100,
        ]


def job_xlsx_floor(rows: Sequence[int], columns: Sequence[int], variant: str, out: str) -> Json:
    """openpyxl write-only, to a file: plain values ("plain"); each cell a WriteOnlyCell given
    the app's font, border, wrap and date format one by one ("styled"); or the same look as two
    named styles, one assignment per cell ("named")."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side

    body, thin = Font(name="Times New Roman", size=11), Side(style="thin", color="808080")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")

    def write() -> None:
        workbook = Workbook(write_only=True)
        if variant == "named":
            for name, number_format in (("body", "General"), ("day", "DD/MM/YYYY")):
                style = NamedStyle(name, font=body, border=grid, alignment=wrap)
                style.number_format = number_format
                workbook.add_named_style(style)
        for index, (count, width) in enumerate(zip(rows, columns, strict=True)):
            sheet = workbook.create_sheet(f"Sheet {index + 1}")
            for line in range(HEADER_ROWS - 1):
                sheet.append([f"Dòng tiêu đề {line + 1}"])
            sheet.append([f"Cột {c + 1}" for c in range(width)])
            for values in _similar_rows(count):
                values = values[:width]
                if variant == "plain":
                    sheet.append(values)
                    continue
                cells = []
                for value in values:
                    cell = WriteOnlyCell(sheet, value=value)
                    if variant == "named":
                        cell.style = "day" if isinstance(value, dt.date) else "body"
                    else:
                        cell.font, cell.border, cell.alignment = body, grid, wrap
                        if isinstance(value, dt.date):
                            cell.number_format = "DD/MM/YYYY"
                    cells.append(cell)
                sheet.append(cells)
        with open(out, "wb") as file:
            workbook.save(file)

    meter = Meter(trace=False)
    meter.phase("write", write)
    return meter.result(bytes=os.path.getsize(out))


def child(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="one documents measurement")
    parser.add_argument(
        "job", choices=("province-docx", "national-xlsx", "docx-floor", "xlsx-floor")
    )
    parser.add_argument("--trace", action="store_true", help="tracemalloc peak (slower)")
    parser.add_argument("--breakdown", action="store_true", help="time build_report's parts")
    parser.add_argument("--out", help="the XLSX file to write")
    parser.add_argument("--dump", help="write the report's strings here (for docx-floor)")
    parser.add_argument("--strings", help="docx-floor: the strings province-docx dumped")
    parser.add_argument("--variant", default="plain")
    parser.add_argument("--rows", default="0,0,0", help="xlsx-floor: rows per sheet")
    parser.add_argument("--columns", default="9,9,9", help="xlsx-floor: columns per sheet")
    args = parser.parse_args(argv)
    if args.job in ("province-docx", "national-xlsx"):
        _setup()
        result = job_engine(
            args.job == "national-xlsx", args.trace, args.breakdown, args.out, args.dump
        )
    elif args.job == "docx-floor":
        result = job_docx_floor(args.strings, args.variant, args.out)
    else:
        rows = [int(n) for n in args.rows.split(",")]
        columns = [int(n) for n in args.columns.split(",")]
        result = job_xlsx_floor(rows, columns, args.variant, args.out)
    print(json.dumps(result))
    return 0


# --- In run.py's process ------------------------------------------------------------------------


def _spawn(url: str, *args: str) -> Json:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [sys.executable, str(HERE / "docbench.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise BenchError(f"docbench.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    result: Json = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@dataclass
class Measured:
    """Repeated runs of one job: seconds per phase, peak memory above the start, and facts."""

    runs: list[Json] = field(default_factory=list)

    def seconds(self, phase: str) -> float:
        return statistics.median(float(run["phases"][phase]) for run in self.runs)

    def total(self) -> float:
        return statistics.median(float(sum(run["phases"].values())) for run in self.runs)

    @property
    def rss_mib(self) -> float:
        """Peak resident memory above the process's own before the first phase (MiB)."""
        return max((int(run["rss_peak_kb"]) - int(run["rss_start_kb"])) / 1024 for run in self.runs)

    @property
    def build_mib(self) -> float:
        """The same peak, reached by the end of build_report (MiB)."""
        return max(
            (int(run["peak_after_kb"]["build"]) - int(run["rss_start_kb"])) / 1024
            for run in self.runs
        )

    @property
    def first(self) -> Json:
        return self.runs[0]


@dataclass
class DocResult:
    """One document: the engine's runs, its traced run and breakdown, and each floor variant."""

    what: str
    engine: Measured
    traced: Json | None
    breakdown: Json
    floors: dict[str, Measured]

    @property
    def best_floor(self) -> str:
        return min(self.floors, key=lambda name: self.floors[name].total())

    @property
    def ratio(self) -> float:
        """build_report + writer against the faster floor."""
        return self.engine.total() / self.floors[self.best_floor].total()

    @property
    def writer_ratio(self) -> float:
        return self.engine.seconds("write") / self.floors[self.best_floor].total()


@dataclass(frozen=True)
class DocPlan:
    """What a scale measures: timed runs per job (each a fresh process, after the breakdown run
    has warmed the cache), whether a traced run follows, and the floor variants."""

    runs: int
    trace: bool
    docx_floors: tuple[str, ...] = ("plain", "row_copy")
    xlsx_floors: tuple[str, ...] = ("plain", "styled", "named")


# The national XLSX takes minutes a run: one run, no traced run (tracing doubles it or worse),
# and only the floor the ratio needs.
DOC_PLANS = {
    "small": DocPlan(runs=3, trace=True),
    "default": DocPlan(runs=3, trace=True),
    "national": DocPlan(runs=1, trace=False, xlsx_floors=("plain",)),
}


def _repeat(url: str, runs: int, *args: str) -> Measured:
    return Measured([_spawn(url, *args) for _ in range(runs)])


def measure(url: str, scale: str, runs: int) -> list[DocResult]:
    """The province report and the national XLSX annex, each against its floors."""
    plan = DOC_PLANS[scale]
    runs = min(runs, plan.runs)
    results = []
    with tempfile.TemporaryDirectory(prefix="tiendo-bench-") as folder:
        strings = os.path.join(folder, "strings.json")
        xlsx = os.path.join(folder, "annex.xlsx")
        docx_out = os.path.join(folder, "floor.docx")
        started = time.monotonic()
        breakdown = _spawn(url, "province-docx", "--breakdown", "--dump", strings)
        docx = _repeat(url, runs, "province-docx")
        # No traced run: python-docx's tree lives in lxml, outside tracemalloc's view, and
        # tracing slows python-docx fourfold.
        floors = {
            variant: _repeat(
                url,
                runs,
                "docx-floor",
                "--strings",
                strings,
                "--variant",
                variant,
                "--out",
                docx_out,
            )
            for variant in plan.docx_floors
        }
        results.append(DocResult("province report, DOCX", docx, None, breakdown, floors))
        _print(results[-1], time.monotonic() - started)
        started = time.monotonic()
        breakdown = _spawn(url, "national-xlsx", "--breakdown")
        sheet = _repeat(url, runs, "national-xlsx", "--out", xlsx)
        traced = _spawn(url, "national-xlsx", "--trace", "--out", xlsx) if plan.trace else None
        shape = [
            *("--rows", ",".join(str(n) for n in sheet.first["rows"])),
            *("--columns", ",".join(str(n) for n in sheet.first["columns"])),
        ]
        floors = {
            variant: _repeat(url, runs, "xlsx-floor", *shape, "--variant", variant, "--out", xlsx)
            for variant in plan.xlsx_floors
        }
        results.append(DocResult("national annexes, XLSX", sheet, traced, breakdown, floors))
        _print(results[-1], time.monotonic() - started)
    return results


def _print(result: DocResult, spent: float) -> None:
    engine = result.engine
    traced = ""
    if result.traced:
        traced = f" (Python heap {result.traced['traced_peak'] / 2**20:,.0f} MiB)"
    floors = ", ".join(
        f"{name} {m.total():,.1f} s / {m.rss_mib:,.0f} MiB" for name, m in result.floors.items()
    )
    print(
        f"{result.what}: rows {engine.first['rows']}, build {engine.seconds('build'):,.1f} s,"
        f" write {engine.seconds('write'):,.1f} s, peak +{engine.rss_mib:,.0f} MiB RSS{traced};"
        f" floors {floors}; ratio {result.ratio:.2f} (writer {result.writer_ratio:.2f});"
        f" {spent:.0f} s",
        flush=True,
    )


def _size(n: int) -> str:
    return f"{n / 1e6:,.1f} MB" if n >= 1e6 else f"{n / 1e3:,.0f} kB"


def _notes(result: DocResult) -> str:
    """Where build_report's time went, the annex rows read alone, and every floor, in words."""
    b = result.breakdown
    grouped: dict[tuple[str, str], list[Json]] = {}
    for call in b["calls"]:
        grouped.setdefault((call["name"], call["args"]), []).append(call)
    parts = []
    for (name, args), calls in grouped.items():
        label = f"{name}({args})" if args else name
        times = f" ×{len(calls)}" if len(calls) > 1 else ""
        rows = [c["rows"] for c in calls if c["rows"] is not None]
        fetched = f", {sum(rows):,} rows" if rows else ""
        parts.append(f"`{label}`{times} {sum(c['s'] for c in calls):,.2f} s{fetched}")
    rest = b["build"] - sum(call["s"] for call in b["calls"])
    listed, overdue = b["rows"][1], b["overdue_total"]
    annex_ii = (
        f" Annex II lists {listed:,} of {overdue:,} overdue items." if listed < overdue else ""
    )
    floors = "; ".join(
        f"{name} {m.total():,.2f} s, +{m.rss_mib:,.0f} MiB" for name, m in result.floors.items()
    )
    return textwrap.fill(
        f"- {result.what[:1].upper()}{result.what[1:]}: build_report {b['build']:,.2f} s, of"
        f" which {'; '.join(parts)}; the rest {rest:,.2f} s.{annex_ii} The annex rows read alone"
        f" (no writing): {b['annex_rows']:,.2f} s. Floors: {floors}.",
        width=100,
        subsequent_indent="  ",
        break_on_hyphens=False,
    )


def markdown(results: list[DocResult], runs: int) -> str:
    lines = [
        "| document | annex rows I / II / III × columns | build_report s | writer s | total s"
        " | peak memory | file | floor s | floor memory | ratio (writer alone) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        engine, best = result.engine, result.floors[result.best_floor]
        rows = " / ".join(f"{n:,}" for n in engine.first["rows"])
        parts = [f"+{engine.build_mib:,.0f} after build_report"]
        if result.traced:
            parts.append(f"Python heap {result.traced['traced_peak'] / 2**20:,.0f} MiB")
        memory = f"+{engine.rss_mib:,.0f} MiB ({'; '.join(parts)})"
        what = f"{result.what} ({engine.first['plans']} plans)"
        lines.append(
            f"| {what} | {rows} × {engine.first['columns'][0]}"
            f" | {engine.seconds('build'):,.2f} | {engine.seconds('write'):,.2f}"
            f" | {engine.total():,.2f} | {memory} | {_size(engine.first['bytes'])}"
            f" | {best.total():,.2f} ({result.best_floor}) | +{best.rss_mib:,.0f} MiB"
            f" | {result.ratio:.1f}× ({result.writer_ratio:.1f}×) |"
        )
    each = "\n".join(_notes(result) for result in results)
    return f"""{chr(10).join(lines)}

{each}

Documents: `build_report` then `write_docx` (bytes in memory) or `write_xlsx` (to a file), as
the app calls them, each run a fresh process (median of {runs}; a breakdown run first warms the
cache). The province report covers Nghệ An's plans issued by D; the national annexes every plan
issued by D. Peak memory: the process's peak resident size (VmHWM, reset just before
`build_report`) above what it held then, overall and by the end of `build_report`, so libpq's
result buffers and lxml's trees count; "Python heap" is tracemalloc's peak in a separate run
(small and default scales only). Floors, the faster variant named: python-docx writing the same
paragraphs and annex cells from precomputed strings (`plain`: its own API, `cell.text`;
`row_copy`: the app's run formatting on one prototype row, deep-copied per row), and openpyxl
write-only writing as many rows × columns of similar values to a file (`plain` values; `styled`:
each cell given font, border, alignment and date format, as the app does; `named`: the same look
as two named styles). Ratio: engine total / floor; in brackets the writer alone / floor.
"""


if __name__ == "__main__":
    sys.exit(child())
