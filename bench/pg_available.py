"""Exit 0 when the PostgreSQL server named by the URL answers, 1 otherwise (used by make test)."""

import sys

import psycopg


def main() -> int:
    url = sys.argv[1]
    # Ask the server's maintenance database: the test database itself may not exist yet.
    base, _, _ = url.rpartition("/")
    try:
        with psycopg.connect(f"{base}/postgres", connect_timeout=3):
            return 0
    except psycopg.Error:
        return 1


if __name__ == "__main__":
    sys.exit(main())
