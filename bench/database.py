"""The benchmark's own PostgreSQL database: create, drop, and set indexes aside for a bulk load."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

Connection = psycopg.Connection[tuple[Any, ...]]
# JIT off, as docs/deploy.md recommends for production: its compile time costs more than it
# saves on these statements. Engine and floor run with the same settings.
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tiendo_bench?options=-c%20jit%3Doff"


class BenchError(RuntimeError):
    """The benchmark cannot run, or it found the engine and the floor disagreeing."""


def database_name(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise BenchError(f"the benchmark needs PostgreSQL; DATABASE_URL is {parts.scheme}://…")
    name = parts.path.lstrip("/")
    # The script drops and recreates the database: refuse anything not meant to be thrown away.
    if "bench" not in name:
        raise BenchError(f"refusing to drop database {name!r}: its name must contain 'bench'")
    return name


def maintenance_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres"))


def recreate_database(url: str, label: str) -> None:
    """Drop the benchmark database if it exists and create it empty, labelled with the scale."""
    name = sql.Identifier(database_name(url))
    with psycopg.connect(maintenance_url(url), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(name))
    label_database(url, label)


def label_database(url: str, label: str) -> None:
    """Say what the database holds; a run labels it only once its load has finished."""
    name = sql.Identifier(database_name(url))
    with psycopg.connect(maintenance_url(url), autocommit=True) as conn:
        conn.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(name, sql.Literal(label)))


def database_label(url: str) -> str | None:
    """The label recreate_database gave the database, or None when there is no such database."""
    with psycopg.connect(maintenance_url(url)) as conn:
        found = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            (database_name(url),),
        ).fetchone()
    return None if found is None else str(found[0])


def drop_database(url: str) -> None:
    name = sql.Identifier(database_name(url))
    with psycopg.connect(maintenance_url(url), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


@dataclass
class SetAside:
    """Indexes and key constraints dropped before a bulk load, to be rebuilt after it."""

    drops: list[sql.Composed]
    rebuilds: list[str]  # definitions as PostgreSQL prints them


def set_aside_indexes(conn: Connection, tables: list[str]) -> SetAside:
    """Drop every index but the primary key, and the unique and foreign keys, of the tables.

    Loading into bare tables and building each index once afterwards is several times faster
    than maintaining the indexes row by row; foreign keys are checked in one pass when re-added.
    """
    drops: list[sql.Composed] = []
    indexes: list[str] = []
    uniques: list[str] = []
    foreign: list[str] = []
    for table in tables:
        ident = sql.Identifier(table)
        for name, definition, kind in conn.execute(
            "SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint"
            " WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY conname",
            (table,),
        ):
            drops.append(
                sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(ident, sql.Identifier(name))
            )
            target = uniques if kind == "u" else foreign
            add = sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} ").format(ident, sql.Identifier(name))
            target.append(add.as_string(conn) + definition)
        for name, definition in conn.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid"
            " WHERE i.indrelid = %s::regclass AND NOT i.indisprimary"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
            " ORDER BY c.relname",
            (table,),
        ):
            drops.append(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
            indexes.append(definition)
    for statement in drops:
        conn.execute(statement)
    conn.commit()
    return SetAside(drops=drops, rebuilds=[*indexes, *uniques, *foreign])


def rebuild(conn: Connection, aside: SetAside) -> None:
    for statement in aside.rebuilds:
        conn.execute(statement.encode())  # PostgreSQL's own text for what was there
    conn.commit()


def reset_sequences(conn: Connection, tables: list[str]) -> None:
    """Identity sequences continue after the ids the generator chose."""
    for table in tables:
        conn.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence({table}, 'id'),"
                " COALESCE((SELECT MAX(id) FROM {ident}), 0) + 1, false)"
            ).format(table=sql.Literal(table), ident=sql.Identifier(table))
        )
    conn.commit()
