"""Writes to accounts: a user's agency and role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from tiendo.accounts.models import Membership
from tiendo.agencies.models import Agency
from tiendo.audit.services import audit_record, snapshot

if TYPE_CHECKING:
    from tiendo.accounts.access import Actor


@transaction.atomic
def membership_set(
    *,
    user: AbstractBaseUser,
    agency: Agency,
    role: str,
    position: str = "",
    actor: Actor | None = None,
) -> Membership:
    """Give the user one agency and one role (replacing any earlier ones)."""
    membership = Membership.objects.filter(user_id=user.pk).first() or Membership(user_id=user.pk)
    before = snapshot(membership) if membership.pk is not None else None
    membership.agency = agency
    membership.role = role
    membership.position = position
    membership.full_clean()
    membership.save()
    after = snapshot(membership)
    if before != after:
        audit_record(
            actor=actor,
            action="membership.set",
            obj=membership,
            summary=f"Phân quyền {user.get_username()}: {membership.get_role_display()}, {agency}",
            before=before,
            after=after,
        )
    return membership
