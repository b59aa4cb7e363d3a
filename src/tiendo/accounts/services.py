"""Writes to accounts: a user's agency and role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from tiendo.accounts.models import Membership
from tiendo.agencies.models import Agency


@transaction.atomic
def membership_set(
    *, user: AbstractBaseUser, agency: Agency, role: str, position: str = ""
) -> Membership:
    """Give the user one agency and one role (replacing any earlier ones)."""
    membership = Membership.objects.filter(user_id=user.pk).first() or Membership(user_id=user.pk)
    membership.agency = agency
    membership.role = role
    membership.position = position
    membership.full_clean()
    membership.save()
    return membership
