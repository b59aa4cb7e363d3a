"""Reads of the meetings' frozen figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from tiendo.accounts.access import Actor, freezes_for_user
from tiendo.lib.dates import ROMAN_QUARTERS, format_date, quarter_end, quarter_of
from tiendo.meetings.models import Freeze
from tiendo.plans.models import Plan


def default_freeze_title(cutoff: dt.date, plan: Plan | None = None) -> str:
    """The meeting's name when none is typed: 'Giao ban Đề án 06 quý I/2024' at a quarter's
    end, else with the cut-off date; a single plan is named instead of the programme."""
    subject = f"Kế hoạch số {plan.number}" if plan else "Đề án 06"
    quarter = quarter_of(cutoff)
    if cutoff == quarter_end(cutoff.year, quarter):
        period = f"năm {cutoff.year}" if quarter == 4 else f"quý {ROMAN_QUARTERS[quarter]}"
        if quarter != 4:
            period += f"/{cutoff.year}"
        return f"Giao ban {subject} {period}"
    return f"Giao ban {subject}, số liệu đến ngày {format_date(cutoff)}"


def frozen_plans(plans: Sequence[Plan], cutoff: dt.date, known_at: dt.datetime) -> list[Plan]:
    """The plans of a page that exist at (D, K): issued by the cut-off and on record by K (the
    engine's rule), which a freeze then covers."""
    return [p for p in plans if p.issued_on <= cutoff and p.recorded_at <= known_at]


def plan_freezes(actor: Actor, plan: Plan) -> list[Freeze]:
    """The meetings' frozen figures that cover this plan and the person may open, newest first.

    Most plans have none: one query says so before the access check (which costs two)."""
    if not Freeze.objects.filter(plans=plan).exists():
        return []
    return list(freezes_for_user(actor).filter(plans=plan).order_by("-created_at", "-pk")[:50])
