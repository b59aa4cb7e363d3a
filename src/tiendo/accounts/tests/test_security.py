"""Accounts and security: argon2, lockout, session expiry, CSP. (No citizen IDs in logs: the
logging configuration itself is tested in lib/tests/test_logmask_mutants.py.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tiendo.testing import TEST_PASSWORD, make_cast

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2(settings: Any) -> None:
    from tiendo import settings as app_settings

    settings.PASSWORD_HASHERS = app_settings.PASSWORD_HASHERS
    user = User.objects.create_user("argon", password=TEST_PASSWORD)
    assert user.password.startswith("argon2$")


def test_five_wrong_passwords_lock_the_login_with_a_vietnamese_message(client: Client) -> None:
    name = make_cast().reporter.username
    url = reverse("login")
    for _ in range(5):
        client.post(url, {"username": name, "password": "sai-mat-khau"})
    locked = client.post(url, {"username": name, "password": TEST_PASSWORD})
    assert locked.status_code == 429
    assert "Tài khoản tạm thời bị khóa" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_correct_password_logs_in_before_the_limit(client: Client) -> None:
    name = make_cast().reporter.username
    client.post(reverse("login"), {"username": name, "password": "sai"})
    response = client.post(reverse("login"), {"username": name, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_pages_carry_a_content_security_policy(client: Client) -> None:
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_a_session_ends_with_the_browser_and_after_eight_idle_hours(client: Client) -> None:
    """The session cookie is not kept on disk (no expiry date: it ends when the browser closes);
    the expiry counts from the last request, so working all day keeps it, and a session left
    open on a shared office computer is refused after eight idle hours."""
    name = make_cast().reporter.username
    start = dt.datetime(2024, 4, 2, 7, 30, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        response = client.post(reverse("login"), {"username": name, "password": TEST_PASSWORD})
        cookie = response.cookies["sessionid"]
        assert (cookie["expires"], cookie["max-age"]) == ("", "")
    at = start
    for idle in (dt.timedelta(hours=7, minutes=59), dt.timedelta(hours=7, minutes=59)):
        at += idle
        with time_machine.travel(at, tick=False):
            assert client.get(reverse("dashboard:todo")).status_code == 200
    with time_machine.travel(at + dt.timedelta(hours=8, minutes=1), tick=False):
        late = client.get(reverse("dashboard:todo"))
    assert late.status_code == 302 and late["Location"].startswith(reverse("login"))


def test_logout_needs_a_post_with_csrf(client: Client) -> None:
    cast = make_cast()
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(cast.reporter)
    assert csrf_client.post(reverse("logout")).status_code == 403


def test_token_and_anonymous_requests_never_write_a_session_row(client: Client) -> None:
    from django.contrib.sessions.models import Session

    from tiendo.accounts.tokens import api_token_create

    cast = make_cast()
    _, token = api_token_create(actor=None, user=cast.reporter, name="Kiểm thử")
    forged = Client()
    forged.cookies["sessionid"] = "forgedforgedforgedforgedforged12"
    for path in ("/api/v1/plans/", "/api/v1/khong-co/", "/khong-co/", "/", "/tai-khoan/dang-nhap/"):
        forged.get(path, HTTP_AUTHORIZATION=f"Token {token}")
        forged.get(path)
    assert Session.objects.count() == 0
    client.force_login(cast.reporter)
    assert client.get("/").status_code == 200
    assert Session.objects.count() == 1, "a real login still has its session"


def test_a_person_changes_their_password_with_vietnamese_rules(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.reporter)
    url = reverse("password_change")
    page = client.get(url).content.decode()
    assert "Đổi mật khẩu" in page and "Old password" not in page
    weak = client.post(
        url, {"old_password": TEST_PASSWORD, "new_password1": "12345", "new_password2": "12345"}
    )
    text = weak.content.decode()
    assert weak.status_code == 200
    for english in ("This password", "too short", "too common", "entirely numeric"):
        assert english not in text, english
    assert "10 ký tự" in text
    cast.reporter.refresh_from_db()
    assert cast.reporter.check_password(TEST_PASSWORD), "nothing changed"
    strong = "Nghe-An-2026-rong"
    done = client.post(
        url, {"old_password": TEST_PASSWORD, "new_password1": strong, "new_password2": strong}
    )
    assert done.status_code == 302
    cast.reporter.refresh_from_db()
    assert cast.reporter.check_password(strong)
