"""Shared fixtures. The Nghệ An sample is loaded once per session, on first request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def sample(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    """The illustrative sample (a LoadResult), committed to the test database for the session."""
    from django.contrib.auth.models import User

    from tiendo.sample.loader import SAMPLE_MAIL_DOMAIN, load_sample

    with django_db_blocker.unblock():
        result = load_sample()
        # Tests that run the worker read their own people's mail: the demo accounts' addresses
        # are taken off for the session (sample/tests/test_sample_mail.py gives them back).
        User.objects.filter(email__endswith=f"@{SAMPLE_MAIL_DOMAIN}").update(email="")
        yield result


# New test passwords hash fast; Argon2 stays listed so the sample's accounts still verify.
FAST_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _figures_not_remembered(settings: Any) -> None:
    """Tests reuse ids and fixed moments across their rolled-back databases, so remembered
    figures would leak from one test into the next: the memo is off unless a test turns it on
    (the `remembering` fixture)."""
    settings.TIENDO_FIGURE_MEMO = False


@pytest.fixture
def remembering(settings: Any) -> Any:
    """The memo on, its cache empty, and the clock an hour ahead and still: whatever other
    tests committed (the session's sample) has settled, and each test's own new facts have not."""
    import datetime as dt

    import time_machine
    from django.core.cache import caches
    from django.utils import timezone

    settings.TIENDO_FIGURE_MEMO = True
    settings.TIENDO_FIGURE_SETTLE_SECONDS = 300
    caches["figures"].clear()
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1), tick=False):
        yield caches["figures"]
    caches["figures"].clear()
