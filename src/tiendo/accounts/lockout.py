"""The login throttle's rule: a (username, address) pair locks fast, a username slowly.

django-axes compares one number, the largest failure count over its lockout parameters (here the
username's count across all addresses), with one limit. This limit makes that comparison say
"the pair has failed TIENDO_LOGIN_FAILURE_LIMIT times, or the username
TIENDO_LOGIN_USER_FAILURE_LIMIT times", so one office behind a shared address cannot lock out a
colleague with a handful of wrong passwords, and spraying from many addresses still locks.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from tiendo.lib.clientip import client_ip


def failure_limit(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
    username = get_client_username(request, credentials)
    pair = AccessAttempt.objects.filter(username=username, ip_address=client_ip(request) or None)
    failures = pair.aggregate(total=Sum("failures_since_start"))["total"] or 0
    if failures >= settings.TIENDO_LOGIN_FAILURE_LIMIT:
        return 1  # the pair is over its limit: any count locks
    return int(settings.TIENDO_LOGIN_USER_FAILURE_LIMIT)
