"""iter_item_statuses: the same rows as item_statuses, in chunks, read from the database a chunk at
a time (a server-side cursor on PostgreSQL, so memory stays bounded at national scale)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection

from tiendo.status.selectors import AsOf, Scope, item_statuses, iter_item_statuses
from tiendo.status.tests.test_history_property import World
from tiendo.testing import at

pytestmark = pytest.mark.django_db


def test_the_chunks_are_the_list_in_order_and_come_from_a_server_side_cursor() -> None:
    world = World(random.Random(3))  # noqa: S311 (a repeatable history)
    world.history()
    scope = Scope(plans=[world.plan, world.late_plan])
    as_of = AsOf.make(dt.date(2024, 6, 30), at(dt.date(2024, 7, 1)))
    chunks = iter_item_statuses(scope, as_of, chunk=3, by_urgency=True)
    first = next(chunks)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_cursors WHERE name LIKE '_django_curs_%%'")
            assert cursor.fetchone() == (1,)  # the statement is open, the rest still on the server
    rows = [first, *chunks]
    assert {len(chunk) for chunk in rows[:-1]} == {3}
    flat = [(s.item.pk, s.state, s.deadline_class, s.deadline_now) for c in rows for s in c]
    whole = item_statuses(scope, as_of, by_urgency=True)
    assert flat == [(s.item.pk, s.state, s.deadline_class, s.deadline_now) for s in whole]
    assert len(flat) == len(world.items)
