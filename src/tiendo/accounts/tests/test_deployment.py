"""The documented deployment (docs/deploy.md) works: TLS behind the proxy, the real client's
address in the audit and the login throttle, and no start without a secret key."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from tiendo.lib.clientip import client_ip
from tiendo.testing import TEST_PASSWORD, make_cast

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"
DEPLOYED = {
    "TIENDO_PUBLIC_URL": "https://tiendo.nghean.gov.vn",
    "TIENDO_SECRET_KEY": secrets.token_urlsafe(50),
    "TIENDO_TRUSTED_PROXIES": "10.0.0.0/24",
    "TIENDO_ALLOWED_HOSTS": "127.0.0.1",
    "TIENDO_DEBUG": "0",
}


def run(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # A deployment's environment: none of ours, and not the browser tests' async switch.
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TIENDO_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="tiendo.settings")
    environment["TIENDO_DATA_DIR"] = os.environ.get("TIENDO_DATA_DIR", "var")
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_in_the_documented_configuration() -> None:
    done = run(
        "import sys; from django.core.management import call_command; import django;"
        "django.setup(); call_command('check', deploy=True, fail_level='WARNING')",
        DEPLOYED,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def test_one_public_address_sets_host_origin_tls_and_links() -> None:
    done = run(
        "from django.conf import settings as s; import json;"
        "print(json.dumps([s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, s.SECURE_PROXY_SSL_HEADER,"
        " s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.TIENDO_BASE_URL]))",
        DEPLOYED,
    )
    hosts, origins, header, secure, redirect, base = json.loads(done.stdout)
    assert "tiendo.nghean.gov.vn" in hosts
    assert origins == ["https://tiendo.nghean.gov.vn"]
    assert header == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert secure and redirect
    assert base == "https://tiendo.nghean.gov.vn"


def test_the_web_server_refuses_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in DEPLOYED.items() if k != "TIENDO_SECRET_KEY"}
    done = run("import tiendo.wsgi", env)
    assert done.returncode != 0
    assert "TIENDO_SECRET_KEY is not set" in done.stderr
    assert run("import tiendo.wsgi", DEPLOYED).returncode == 0


def test_login_behind_the_tls_proxy_is_accepted(settings: Any, client: Client) -> None:
    settings.CSRF_TRUSTED_ORIGINS = ["https://tiendo.nghean.gov.vn"]
    settings.ALLOWED_HOSTS = ["tiendo.nghean.gov.vn"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    cast = make_cast()
    browser = Client(enforce_csrf_checks=True)
    headers = {"HTTP_HOST": "tiendo.nghean.gov.vn", "HTTP_X_FORWARDED_PROTO": "https"}
    page = browser.get(reverse("login"), **headers)  # type: ignore[arg-type]
    token = page.cookies["csrftoken"].value
    response = browser.post(
        reverse("login"),
        {"username": cast.reporter.username, "password": TEST_PASSWORD},
        HTTP_ORIGIN="https://tiendo.nghean.gov.vn",
        HTTP_REFERER="https://tiendo.nghean.gov.vn/tai-khoan/dang-nhap/",
        HTTP_X_CSRFTOKEN=token,
        **headers,  # type: ignore[arg-type]
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert "_auth_user_id" in browser.session


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("203.0.113.9", "6.6.6.6", "203.0.113.9"),  # not from the proxy: the header is ignored
        (PROXY, "198.51.100.7", "198.51.100.7"),
        (PROXY, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # only the hop the proxy saw
        (PROXY, "198.51.100.7, 10.0.0.9", "198.51.100.7"),  # a second trusted proxy skipped
        (PROXY, "<b>not-an-ip</b>", PROXY),
        (PROXY, "1" * 60, PROXY),
        (PROXY, "", PROXY),
        ("::ffff:203.0.113.9", "", "203.0.113.9"),
        ("garbage", "", ""),
    ],
)
def test_the_client_address_is_believed_only_from_trusted_proxies(
    settings: Any, remote: str, forwarded: str, expected: str
) -> None:
    settings.TIENDO_TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_write_behind_the_proxy_records_the_real_client_and_survives_a_long_header(
    settings: Any, client: Client
) -> None:
    from tiendo.audit.models import AuditEvent

    settings.TIENDO_TRUSTED_PROXIES = ["10.0.0.0/24"]
    cast = make_cast()
    client.force_login(cast.reporter)
    response = client.post(
        reverse("plans:extension_request", args=[cast.item.pk]),
        {"requested_deadline": "30/09/2024", "reason": "Chờ hướng dẫn của Bộ Y tế"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="x" * 80 + ", 198.51.100.7",
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action__startswith="extension", item=cast.item)
    assert event.ip == "198.51.100.7"


def login(client: Client, username: str, password: str, address: str) -> int:
    response = client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )
    return response.status_code


def test_wrong_passwords_from_one_office_do_not_lock_a_colleague_elsewhere(
    settings: Any, client: Client
) -> None:
    settings.TIENDO_TRUSTED_PROXIES = ["10.0.0.0/24"]
    name = make_cast().reporter.username
    for _ in range(5):
        login(Client(), name, "sai-mat-khau", "198.51.100.7")
    assert login(Client(), name, TEST_PASSWORD, "198.51.100.7") == 429, "the pair is locked"
    assert login(Client(), name, TEST_PASSWORD, "203.0.113.20") == 302, "elsewhere it is not"


def test_password_spraying_from_many_addresses_locks_the_username(
    settings: Any, client: Client
) -> None:
    settings.TIENDO_TRUSTED_PROXIES = ["10.0.0.0/24"]
    name = make_cast().reporter.username
    for n in range(20):
        login(Client(), name, "sai-mat-khau", f"198.51.100.{n + 1}")
    assert login(Client(), name, TEST_PASSWORD, "203.0.113.20") == 429
