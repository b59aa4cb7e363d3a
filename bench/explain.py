"""EXPLAIN (ANALYZE, BUFFERS) of the engine's statement, or of a floor, on a kept bench database.

    .venv/bin/python bench/run.py --scale default --keep      # once: load and keep the data
    .venv/bin/python bench/explain.py [--province] [--floor lateral|distinct_on] [--no-jit]

The engine's statement is captured as status_counts sends it, so what is explained is exactly
what the benchmark timed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any

import django

from database import DEFAULT_URL, database_name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="EXPLAIN the engine or the floor")
    parser.add_argument("--province", action="store_true", help="one province, not the country")
    parser.add_argument("--floor", choices=("lateral", "distinct_on"), help="explain a floor")
    parser.add_argument("--no-jit", action="store_true", help="SET jit = off first")
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    database_name(url)  # the same guard as run.py: only a bench database
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "tiendo.settings"
    django.setup()
    # Imports that need Django set up.
    from django.db import connection

    from datagen import CUTOFF, KNOWN_AT
    from floor import floor_params, floor_sql
    from suite import PROVINCE
    from tiendo.agencies.directory import province_code
    from tiendo.agencies.models import Agency
    from tiendo.status.selectors import AsOf, Scope, status_counts

    as_of = AsOf.make(CUTOFF, KNOWN_AT, due_soon_days=3)
    agency = Agency.objects.get(code=province_code(PROVINCE)) if args.province else None
    keys = ("kind", "group_id")
    if args.floor:
        path = agency.path if agency else None
        sql: str = floor_sql(keys, variant=args.floor, scoped=path is not None)
        params: Any = floor_params(as_of.date, as_of.known_at, as_of.due_soon_days, path)
    else:
        captured: list[tuple[str, Any]] = []

        def capture(
            execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
        ) -> Any:
            captured.append((sql, params))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(capture):
            status_counts(Scope(agency=agency), as_of, by=keys)
        sql, params = captured[-1]  # the counting statement comes last
    with connection.cursor() as cursor:
        if args.no_jit:
            cursor.execute("SET jit = off")
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        for (line,) in cursor.fetchall():
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
