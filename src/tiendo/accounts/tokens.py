"""API tokens: made, revoked, looked up. Only a SHA-256 digest of each token is stored.

A token reads `td_<prefix>_<secret>`: the prefix (8 hex characters) is kept in clear so its owner
can recognise it in a list, the secret is 32 random bytes. The whole string is shown once, when
it is made; afterwards nobody, the administrator included, can read it again.

Plain SHA-256 (no salt, no slow hash) is enough for a random 256-bit secret: there is nothing to
guess, and the digest can be found by a unique index lookup on every request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from tiendo.accounts.models import ApiToken
from tiendo.audit.services import audit_record, snapshot

if TYPE_CHECKING:
    from tiendo.accounts.access import Actor

TOKEN_START = "td_"  # noqa: S105 - the visible start of every token, not a secret
# Longer than any token we make: a bigger header is refused before it is hashed.
TOKEN_MAX_LENGTH = 100
# last_used_at is written at most this often: one write per request would serialise every call
# of a busy client on the same row.
USE_RECORD_INTERVAL = dt.timedelta(hours=1)
# The audit keeps what a token is, never its secret nor its digest.
AUDITED_FIELDS = ["user_id", "name", "prefix", "created_at", "expires_at"]

ACTION_LABELS = {
    "apitoken.create": "Tạo mã truy cập API",
    "apitoken.revoke": "Thu hồi mã truy cập API",
}


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, actor: Actor | None, user: AbstractBaseUser, name: str, days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token for user, valid for days (TIENDO_API_TOKEN_DAYS by default), and its raw
    text, which the caller shows once and forgets."""
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    now = timezone.now()
    validity = settings.TIENDO_API_TOKEN_DAYS if days is None else days
    token = ApiToken(
        user_id=user.pk,
        name=name.strip(),
        prefix=prefix,
        digest=token_digest(raw),
        created_at=now,
        expires_at=now + dt.timedelta(days=validity),
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=actor,
        action="apitoken.create",
        obj=token,
        summary=(
            f"Tạo mã truy cập API “{token.name}” ({token.shown_prefix}…) cho "
            f"{user.get_username()}, hết hạn {timezone.localtime(token.expires_at):%d/%m/%Y}"
        ),
        after=snapshot(token, AUDITED_FIELDS),
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Stop the token working from now on (the row stays, for the record)."""
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError("Mã truy cập này đã bị thu hồi trước đó.")
    before = snapshot(token, ["revoked_at", "revoked_by_id"])
    token.revoked_at = timezone.now()
    token.revoked_by = actor.user
    token.full_clean()
    token.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        actor=actor,
        action="apitoken.revoke",
        obj=token,
        summary=(
            f"Thu hồi mã truy cập API “{token.name}” ({token.shown_prefix}…) "
            f"của {token.user.get_username()}"
        ),
        before=before,
        after=snapshot(token, ["revoked_at", "revoked_by_id"]),
    )
    return token


def api_token_mark_used(*, token: ApiToken, now: dt.datetime) -> None:
    """Note that the token was used, at most once per USE_RECORD_INTERVAL. Bookkeeping, not a
    change to the record: no audit event; one conditional UPDATE, safe under concurrent calls."""
    if token.last_used_at is not None and now - token.last_used_at < USE_RECORD_INTERVAL:
        return
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - USE_RECORD_INTERVAL)
    ).update(last_used_at=now)
    token.last_used_at = now


def api_token_active(raw: str, now: dt.datetime) -> ApiToken | None:
    """The token whose raw text this is, if it is neither revoked nor expired."""
    if not raw.startswith(TOKEN_START) or len(raw) > TOKEN_MAX_LENGTH:
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )


def api_tokens_of(user: AbstractBaseUser) -> QuerySet[ApiToken]:
    """A person's own tokens, newest first (the page "Mã truy cập API")."""
    return ApiToken.objects.filter(user_id=user.pk).select_related("revoked_by")
