"""The floor: the engine's counts written by hand as one PostgreSQL statement.

Same rules as tiendo.status.selectors: an item's state comes from the lead agency's latest report
(not a coordinating body's contribution) valid on or before D and sent on or before K, ties broken
by recorded_at then id, NOT_STARTED without one; a report returned by K counts as RETURNED, and
"done" counts as DONE once confirmed by K, as AWAITING before that. Its
deadline is the latest extension decided by D and recorded by K, else the original. Every item
attribute (kind, group, parent, lead agency, original deadline, withdrawal) is read from the
item's revision in force at K, as the engine reads it: top-level items only, entered by K and not
withdrawn by D, in plans issued by D as known at K (the plan's revision in force at K). The
scope's lead-agency test is the subtree path prefix alone: the benchmark data has no agency
successions.

Two shapes are measured and the faster one is the floor: a LATERAL probe of the as-of index per
item (best when the scope is a small part of the data) and one DISTINCT ON pass over every update
(a single ordered scan, which can win when the scope is everything).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from database import Connection
from tiendo.progress.models import Decision, Lifecycle
from tiendo.status.selectors import DeadlineClass

VARIANTS = ("lateral", "distinct_on")
KEYS = ("plan_id", "kind", "group_id")

EFFECTIVE_STATE = """CASE
                WHEN u.reviewed_at <= %(k)s AND u.decision = '{returned_decision}' THEN '{returned}'
                WHEN u.reviewed_at <= %(k)s AND u.decision = '{confirmed}' AND u.state = '{done}'
                    THEN '{done}'
                WHEN u.state = '{done}' THEN '{awaiting}'
                ELSE u.state
            END"""

LATEST_LATERAL = """
    LEFT JOIN LATERAL (
        SELECT {effective_state} AS state, COALESCE(u.completed_on, u.valid_on) AS done_on
        FROM progress_progressupdate u
        WHERE u.item_id = i.id AND u.valid_on <= %(d)s AND u.recorded_at <= %(k)s
            AND NOT u.is_contribution
        ORDER BY u.valid_on DESC, u.recorded_at DESC, u.id DESC
        LIMIT 1
    ) u ON true"""

LATEST_DISTINCT_ON = """
    LEFT JOIN (
        SELECT DISTINCT ON (u.item_id)
            u.item_id, {effective_state} AS state, COALESCE(u.completed_on, u.valid_on) AS done_on
        FROM progress_progressupdate u
        WHERE u.valid_on <= %(d)s AND u.recorded_at <= %(k)s AND NOT u.is_contribution
        ORDER BY u.item_id, u.valid_on DESC, u.recorded_at DESC, u.id DESC
    ) u ON u.item_id = i.id"""

TEMPLATE = """
SELECT {keys}, c.state, c.deadline_class, COUNT(*)
FROM (
    SELECT {item_keys},
        COALESCE(u.state, '{not_started}') AS state,
        CASE
            WHEN r.is_recurring THEN '{no_deadline}'
            WHEN u.state = '{done}' AND u.done_on <= COALESCE(dc.new_deadline, r.deadline)
                THEN '{done_on_time}'
            WHEN u.state = '{done}' THEN '{done_late}'
            WHEN COALESCE(dc.new_deadline, r.deadline) < %(d)s THEN '{overdue}'
            WHEN COALESCE(dc.new_deadline, r.deadline) <= %(soon)s THEN '{due_soon}'
            ELSE '{in_time}'
        END AS deadline_class
    FROM plans_item i
    JOIN plans_itemrevision r ON r.item_id = i.id AND r.recorded_at <= %(k)s
        AND (r.superseded_at IS NULL OR r.superseded_at > %(k)s)
    JOIN plans_planrevision p ON p.plan_id = i.plan_id AND p.recorded_at <= %(k)s
        AND (p.superseded_at IS NULL OR p.superseded_at > %(k)s){agency_join}{latest}
    LEFT JOIN (
        SELECT DISTINCT ON (d.item_id) d.item_id, d.new_deadline
        FROM plans_deadlinechange d
        WHERE d.decided_on <= %(d)s AND d.recorded_at <= %(k)s
        ORDER BY d.item_id, d.decided_on DESC, d.recorded_at DESC, d.id DESC
    ) dc ON dc.item_id = i.id
    WHERE r.parent_id IS NULL AND (r.withdrawn_on IS NULL OR r.withdrawn_on > %(d)s)
        AND p.issued_on <= %(d)s
) c
GROUP BY {keys}, c.state, c.deadline_class
"""

AGENCY_JOIN = "\n    JOIN agencies_agency a ON a.id = r.lead_agency_id AND a.path LIKE %(path)s"


def floor_sql(keys: Sequence[str], *, variant: str, scoped: bool) -> str:
    """The statement for these group keys; scoped adds the lead agency's subtree test."""
    if variant not in VARIANTS or not set(keys) <= set(KEYS):
        raise ValueError(f"unknown variant {variant!r} or keys {keys!r}")
    latest = LATEST_LATERAL if variant == "lateral" else LATEST_DISTINCT_ON
    # Put the pieces together first, so one format() fills every placeholder.
    template = TEMPLATE.replace("{latest}", latest.replace("{effective_state}", EFFECTIVE_STATE))
    return template.format(
        keys=", ".join(f"c.{key}" for key in keys),
        item_keys=", ".join(f"{'i' if key == 'plan_id' else 'r'}.{key}" for key in keys),
        agency_join=AGENCY_JOIN if scoped else "",
        not_started=Lifecycle.NOT_STARTED.value,
        done=Lifecycle.DONE.value,
        awaiting=Lifecycle.AWAITING.value,
        returned=Lifecycle.RETURNED.value,
        confirmed=Decision.CONFIRMED.value,
        returned_decision=Decision.RETURNED.value,
        no_deadline=DeadlineClass.NO_DEADLINE.value,
        done_on_time=DeadlineClass.DONE_ON_TIME.value,
        done_late=DeadlineClass.DONE_LATE.value,
        overdue=DeadlineClass.OVERDUE.value,
        due_soon=DeadlineClass.DUE_SOON.value,
        in_time=DeadlineClass.IN_TIME.value,
    )


def floor_params(
    day: dt.date, known_at: dt.datetime, due_soon_days: int, path: str | None
) -> dict[str, Any]:
    params: dict[str, Any] = {
        "d": day,
        "k": known_at,
        "soon": day + dt.timedelta(days=due_soon_days),
    }
    if path is not None:
        params["path"] = path.replace("%", r"\%").replace("_", r"\_") + "%"
    return params


def floor_counts(
    conn: Connection,
    keys: Sequence[str],
    *,
    variant: str,
    params: dict[str, Any],
) -> list[tuple[Any, ...]]:
    """(key values..., state, deadline class, count) rows."""
    query = floor_sql(keys, variant=variant, scoped="path" in params)
    with conn.cursor() as cursor:
        cursor.execute(query.encode(), params)  # built from fixed text above, values as params
        return cursor.fetchall()
