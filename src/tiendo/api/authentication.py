"""`Authorization: Token <token>` (or `Bearer <token>`) against the hashed API tokens.

The "Token" keyword is DRF's, kept so that clients written for its authtoken app go on working
with a new token; tokens of that app (stored in clear) are no longer accepted.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from tiendo.accounts.models import ApiToken
from tiendo.accounts.tokens import api_token_active, api_token_mark_used

KEYWORDS = (b"token", b"bearer")
REFUSED = "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi."


class ApiTokenAuthentication(BaseAuthentication):
    """A request carrying an API token is that token's owner's, or it is refused with 401."""

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None  # no token: the session (or nobody) decides
        if len(parts) != 2:
            raise AuthenticationFailed(REFUSED)
        try:
            raw = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(REFUSED) from None
        now = timezone.now()
        token = api_token_active(raw, now)
        if token is None or not token.user.is_active:
            raise AuthenticationFailed(REFUSED)
        api_token_mark_used(token=token, now=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Without it DRF would answer 403 instead of 401 to a request without credentials.
        return 'Token realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """The OpenAPI schema describes the token as before (`tokenAuth`, keyword "Token")."""

    target_class = "tiendo.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Token",  # noqa: S106 - the header keyword, not a secret
        )
