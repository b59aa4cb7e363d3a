"""Reads of plans for pages, commands and reports."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from tiendo.agencies.models import Agency
from tiendo.plans.models import Plan


def plan_list(*, within: Agency | None = None) -> QuerySet[Plan]:
    """Plans issued by bodies inside an agency subtree (all plans when no subtree is given)."""
    plans = Plan.objects.select_related("issuing_agency", "programme")
    if within is not None:
        plans = plans.filter(issuing_agency__path__startswith=within.path)
    return plans.order_by("issued_on", "number")


def plan_by_number(number: str, *, within: Agency | None = None) -> Plan:
    """The plan with this số/ký hiệu, or a message saying why it cannot be chosen."""
    matches = list(plan_list(within=within).filter(number__iexact=number.strip()))
    if not matches:
        raise ValidationError(f'Không tìm thấy kế hoạch số "{number}".')
    if len(matches) > 1:
        issuers = ", ".join(plan.issuing_agency.name for plan in matches)
        raise ValidationError(
            f'Có nhiều kế hoạch cùng số "{number}" ({issuers}); hãy chỉ rõ tỉnh, cơ quan ban hành.'
        )
    return matches[0]
