"""The engine's Scope for a person's figures (who sees what is decided in accounts.access)."""

from __future__ import annotations

from tiendo.accounts.access import Actor, figure_agency, plans_for_user
from tiendo.plans.models import Plan, TaskGroup
from tiendo.status.selectors import Scope


def figure_scope(
    actor: Actor, *, plan: Plan | None = None, group: TaskGroup | None = None
) -> Scope:
    """What the actor's figures cover: the plan or group asked for, limited to the agency
    accounts.access.figure_agency gives. Asked for no plan, a province-wide reader's figures
    cover the plans they may read (their province's), never another province's."""
    agency = figure_agency(actor)
    plans = None
    if plan is None and group is None and agency is None and not actor.is_superuser:
        plans = list(plans_for_user(actor))
    return Scope(plan=plan, plans=plans, group=group, agency=agency)
