"""docs/benchmarks.md: each scale owns one marked section, rewritten by its own run."""

from __future__ import annotations

import os
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
ORDER = ("small", "default", "national")
HEADER = """# Benchmarks

`make bench` measures the as-of status engine (`tiendo.status.selectors`) on synthetic data in
PostgreSQL, next to the same figures written by hand as one SQL statement (the floor). Each scale
below is rewritten by its own run; the text outside the marked sections is kept.
"""


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds of the measured runs (after a warm-up)."""

    seconds: list[float]

    @property
    def min_ms(self) -> float:
        return 1000 * min(self.seconds)

    @property
    def median_ms(self) -> float:
        return 1000 * statistics.median(self.seconds)


@dataclass(frozen=True)
class Result:
    """One measured figure: the engine against the best floor variant."""

    what: str
    items: int
    engine: Timing
    engine_sql: Timing
    floor: Timing
    floor_variant: str

    @property
    def ratio(self) -> float:
        return self.engine.median_ms / self.floor.median_ms


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())
        if found:
            ram = f", {int(found.group(1)) / 1024**2:.1f} GiB RAM"
    return f"{cpu}, {os.cpu_count()} cores{ram}"


def table(results: list[Result]) -> str:
    lines = [
        "| what | items | engine ms (min / median) | of which SQL | floor ms (min / median)"
        " | ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        lines.append(
            f"| {result.what} | {result.items:,}"
            f" | {result.engine.min_ms:,.0f} / {result.engine.median_ms:,.0f}"
            f" | {result.engine_sql.median_ms:,.0f}"
            f" | {result.floor.min_ms:,.0f} / {result.floor.median_ms:,.0f}"
            f" ({result.floor_variant})"
            f" | {result.ratio:.2f}× |"
        )
    return "\n".join(lines)


def write_section(scale: str, body: str, doc: Path = DOC) -> None:
    """Replace this scale's section of the document (or add it), keeping everything else."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else HEADER
    start, end = f"<!-- bench:{scale} -->", f"<!-- /bench:{scale} -->"
    section = f"{start}\n{body.strip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        # Scales keep their order: after the last smaller scale present, else before the first
        # larger one, else at the end.
        position = ORDER.index(scale) if scale in ORDER else len(ORDER)
        before = [s for s in ORDER[:position] if f"<!-- /bench:{s} -->" in text]
        after = [s for s in ORDER[position + 1 :] if f"<!-- bench:{s} -->" in text]
        if before:
            anchor = f"<!-- /bench:{before[-1]} -->"
            text = text.replace(anchor, f"{anchor}\n\n{section}", 1)
        elif after:
            anchor = f"<!-- bench:{after[0]} -->"
            text = text.replace(anchor, f"{section}\n\n{anchor}", 1)
        else:
            text = f"{text.rstrip()}\n\n{section}\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text, encoding="utf-8")
