"""`make bench`: the status engine and the report documents against their floors, on PostgreSQL.

    .venv/bin/python bench/run.py --scale small|default|national [--runs 5] [--keep] [--reuse]
        [--no-documents] [--no-write]

Creates the database named by DATABASE_URL (default tiendo_bench on the local server, JIT off;
the name must contain "bench", since it is dropped), migrates it, loads synthetic data at the
scale, checks that the as-of engine's counts equal the hand-written SQL floor's, times both, then
times the report documents against python-docx and openpyxl alone (bench/docbench.py, each run
in its own process) and writes the scale's section of docs/benchmarks.md. --keep leaves the
database for EXPLAIN; --reuse skips the load when the kept database already holds the same scale
and seed; --no-documents measures the status figures only and leaves the documents table out of
the section.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import django

from database import (
    DEFAULT_URL,
    BenchError,
    database_label,
    database_name,
    drop_database,
    label_database,
    recreate_database,
)

SCALE_NAMES = ("small", "default", "national")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", choices=SCALE_NAMES, default="default")
    parser.add_argument("--runs", type=int, default=5, help="timed runs after one warm-up")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--reuse", action="store_true", help="reuse a kept database of this scale")
    parser.add_argument("--no-documents", action="store_true", help="skip the report documents")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch the docs")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    label = f"tiendo bench scale={args.scale} seed={args.seed}"
    try:
        name = database_name(url)
        reuse = args.reuse and database_label(url) == label
        if not reuse:
            print(f"creating database {name}", flush=True)
            recreate_database(url, label="loading")
        os.environ["DATABASE_URL"] = url
        os.environ["DJANGO_SETTINGS_MODULE"] = "tiendo.settings"
        django.setup()
        # The suite imports models and the engine, which need Django set up first.
        from django.core.management import call_command
        from django.db import connections

        import docbench
        import moving
        import suite
        from report import write_section

        call_command("migrate", interactive=False, verbosity=0)
        if reuse:
            print(f"reusing {name}", flush=True)
            loaded, load_seconds = suite.count_rows(url), None
        else:
            loaded, load_seconds = suite.load(url, args.scale, args.seed)
            label_database(url, label)
            print(f"loaded in {load_seconds:.0f} s", flush=True)
        started = time.monotonic()
        results = suite.measure(url, args.runs)
        print(f"measured in {time.monotonic() - started:.0f} s", flush=True)
        started = time.monotonic()
        moved = moving.measure(args.runs)
        print(f"figures while reports arrive measured in {time.monotonic() - started:.0f} s")
        documents: list[docbench.DocResult] = []
        if not args.no_documents:
            started = time.monotonic()
            documents = docbench.measure(url, args.scale, args.runs)
            print(f"documents measured in {time.monotonic() - started:.0f} s", flush=True)
        text = suite.section(
            args.scale, loaded, load_seconds, results, args.runs, args.seed, url, documents
        )
        text = f"{text.rstrip()}\n\n{moving.section(moved, args.runs)}\n"
        if args.no_write:
            print(text)
        else:
            write_section(args.scale, text)
        connections.close_all()
        if not args.keep:
            drop_database(url)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
