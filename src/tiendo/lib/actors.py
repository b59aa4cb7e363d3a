"""Who does a write, as the layers below accounts see it.

The audit trail and the agency directory sit below `accounts` (see docs/architecture.md,
Layers), so they cannot name `accounts.access.Actor`; they ask only for what they record, and
every Actor is one of these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class Acting(Protocol):
    @property
    def user(self) -> User: ...

    @property
    def ip(self) -> str: ...
