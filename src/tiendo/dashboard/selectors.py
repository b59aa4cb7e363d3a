"""What the dashboard pages show, assembled from the status engine (the one source of figures)."""

from __future__ import annotations

from dataclasses import dataclass

from tiendo.plans.models import Plan, TaskGroup
from tiendo.plans.selectors import plan_list
from tiendo.status.phrases import plan_sentences
from tiendo.status.selectors import AsOf, Counts, Scope, Summary, status_by_plan


@dataclass(frozen=True)
class PlanCard:
    """One plan on the overview: its figures, sentences, and a row per task group."""

    plan: Plan
    summary: Summary
    sentences: list[str]
    group_rows: list[tuple[TaskGroup, Counts]]


def overview_cards(as_of: AsOf) -> list[PlanCard]:
    """Every plan issued by the cut-off, with figures from one status query."""
    plans = list(plan_list().prefetch_related("groups"))
    summaries = status_by_plan(Scope(plans=plans), as_of)
    cards = []
    for plan in plans:
        summary = summaries.get(plan.pk)
        if summary is None:
            continue
        rows = [
            (group, summary.by_group[group.pk])
            for group in plan.groups.all()
            if group.pk in summary.by_group
        ]
        cards.append(PlanCard(plan, summary, plan_sentences(plan, summary), rows))
    return cards
