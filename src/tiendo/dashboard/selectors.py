"""What the dashboard pages show, assembled from the status engine (the one source of figures)."""

from __future__ import annotations

from dataclasses import dataclass

from tiendo.accounts.access import READ_ALL_ROLES, Actor, plans_for_user
from tiendo.notifications.models import Notification
from tiendo.plans.models import Plan, TaskGroup
from tiendo.status.phrases import plan_sentences
from tiendo.status.selectors import AsOf, Counts, Scope, Summary, status_by_plan


@dataclass(frozen=True)
class PlanCard:
    """One plan on the overview: its figures, sentences, and a row per task group."""

    plan: Plan
    summary: Summary
    sentences: list[str]
    group_rows: list[tuple[TaskGroup, Counts]]


def weekly_summary_for(actor: Actor) -> Notification | None:
    """The latest weekly summary sent to this leader or standing officer, for the overview."""
    return (
        Notification.objects.filter(recipient=actor.user, kind="weekly_summary")
        .order_by("-created_at")
        .first()
    )


def status_scope(
    actor: Actor, *, plan: Plan | None = None, group: TaskGroup | None = None
) -> Scope:
    """What the actor's figures cover: the whole province for the standing body and leaders,
    the agency's own items for a department or commune."""
    agency = None if actor.role in READ_ALL_ROLES or actor.is_superuser else actor.read_root
    return Scope(plan=plan, group=group, agency=agency)


def overview_cards(actor: Actor, as_of: AsOf) -> list[PlanCard]:
    """Every plan the actor may read, issued by the cut-off, with figures from one query."""
    plans = list(plans_for_user(actor).prefetch_related("groups"))
    scope = status_scope(actor)
    summaries = status_by_plan(Scope(plans=plans, agency=scope.agency), as_of)
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
