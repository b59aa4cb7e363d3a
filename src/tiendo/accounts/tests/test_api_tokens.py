"""API tokens: stored as digests, shown once, expiring, revocable by their owner and the
administrator, refused afterwards with a Vietnamese problem+json 401."""

from __future__ import annotations

import datetime as dt
import hashlib
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.http import Http404
from django.test import Client
from django.urls import reverse

from tiendo.accounts.access import get_api_token_for_user
from tiendo.accounts.models import ApiToken, ApiTokenState
from tiendo.accounts.tokens import api_token_create, api_token_revoke
from tiendo.audit.labels import action_label
from tiendo.audit.models import AuditEvent
from tiendo.testing import Cast, make_cast

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2024, 3, 5, 2, tzinfo=dt.UTC)
REFUSED = "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi."


@pytest.fixture
def cast() -> Cast:
    return make_cast()


def call_api(raw: str, keyword: str = "Token") -> Any:
    return Client(HTTP_AUTHORIZATION=f"{keyword} {raw}").get("/api/v1/plans/")


def assert_refused(response: Any) -> None:
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == 'Token realm="api"'
    assert response.json() == {
        "type": "about:blank",
        "title": "Chưa xác thực",
        "status": 401,
        "detail": REFUSED,
    }


def test_the_database_keeps_no_raw_secret(cast: Cast) -> None:
    token, raw = api_token_create(
        actor=cast.actor(cast.reporter), user=cast.reporter, name="Phần mềm của Sở"
    )
    prefix, secret = raw.removeprefix("td_").split("_", 1)
    assert raw.startswith("td_") and token.prefix == prefix and len(secret) >= 40
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    everything = StringIO()
    call_command("dumpdata", stdout=everything)
    assert secret not in everything.getvalue()
    assert token.digest in everything.getvalue(), "the dump did include the token's row"
    assert call_api(raw).status_code == 200


def test_a_token_works_until_it_expires(cast: Cast) -> None:
    with time_machine.travel(T0, tick=False) as traveller:
        token, raw = api_token_create(actor=None, user=cast.reporter, name="Đồng bộ", days=2)
        assert token.expires_at == T0 + dt.timedelta(days=2)
        traveller.shift(dt.timedelta(days=2) - dt.timedelta(seconds=1))
        assert call_api(raw).status_code == 200
        traveller.shift(dt.timedelta(seconds=1))
        assert_refused(call_api(raw))
        assert ApiToken.objects.get(pk=token.pk).state == ApiTokenState.EXPIRED


def test_a_revoked_token_is_refused_at_once(cast: Cast) -> None:
    token, raw = api_token_create(actor=None, user=cast.reporter, name="Đồng bộ")
    assert call_api(raw).status_code == 200
    api_token_revoke(actor=cast.actor(cast.reporter), token=token)
    assert_refused(call_api(raw))
    assert_refused(call_api(raw, "Bearer"))


def test_bearer_is_accepted_and_odd_or_old_tokens_are_refused(cast: Cast) -> None:
    _, raw = api_token_create(actor=None, user=cast.reporter, name="Đồng bộ")
    assert call_api(raw, "Bearer").status_code == 200
    assert call_api(raw, "token").status_code == 200
    # A key of DRF's old authtoken app (40 hex characters, stored in clear) works no more.
    assert_refused(call_api("9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"))
    assert_refused(call_api(raw + "x"))
    assert_refused(call_api(raw[:-1]))
    assert_refused(call_api(raw + " " + raw))
    assert_refused(Client(HTTP_AUTHORIZATION="Token").get("/api/v1/plans/"))
    assert_refused(call_api("td_" + "a" * 5000))


def test_the_token_of_a_deactivated_account_is_refused(cast: Cast) -> None:
    _, raw = api_token_create(actor=None, user=cast.reporter, name="Đồng bộ")
    cast.reporter.is_active = False
    cast.reporter.save()
    assert_refused(call_api(raw))


def test_last_use_is_recorded_at_most_once_an_hour(cast: Cast) -> None:
    with time_machine.travel(T0, tick=False) as traveller:
        token, raw = api_token_create(actor=None, user=cast.reporter, name="Đồng bộ")
        assert token.last_used_at is None
        assert call_api(raw).status_code == 200
        token.refresh_from_db()
        assert token.last_used_at == T0
        traveller.shift(dt.timedelta(minutes=59))
        assert call_api(raw).status_code == 200
        token.refresh_from_db()
        assert token.last_used_at == T0, "not written again within the hour"
        traveller.shift(dt.timedelta(minutes=2))
        assert call_api(raw).status_code == 200
        token.refresh_from_db()
        assert token.last_used_at == T0 + dt.timedelta(minutes=61)


def test_validity_defaults_to_the_setting_and_stays_within_a_year(
    cast: Cast, settings: Any
) -> None:
    settings.TIENDO_API_TOKEN_DAYS = 30
    with time_machine.travel(T0, tick=False):
        token, _ = api_token_create(actor=None, user=cast.reporter, name="Đồng bộ")
    assert token.expires_at == T0 + dt.timedelta(days=30)
    for days in (0, 366):
        with pytest.raises(ValidationError) as error:
            api_token_create(actor=None, user=cast.reporter, name="Quá hạn", days=days)
        assert error.value.message_dict == {
            "expires_at": ["Thời hạn của mã truy cập từ 1 đến 365 ngày."]
        }
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["Đồng bộ"]


def test_creating_and_revoking_are_in_the_audit_without_the_secret(cast: Cast) -> None:
    token, raw = api_token_create(
        actor=cast.actor(cast.reporter), user=cast.reporter, name="Phần mềm của Sở"
    )
    api_token_revoke(actor=cast.actor(cast.admin), token=token)
    events = AuditEvent.objects.filter(object_type="accounts.apitoken", object_id=str(token.pk))
    assert [(e.action, e.actor) for e in events.order_by("id")] == [
        ("apitoken.create", cast.reporter),
        ("apitoken.revoke", cast.admin),
    ]
    created, revoked = events.order_by("id")
    assert created.ip == "127.0.0.1"
    assert created.after is not None and created.after["prefix"] == token.prefix
    assert "Phần mềm của Sở" in created.summary and cast.reporter.username in created.summary
    assert revoked.after is not None and revoked.after["revoked_by_id"] == cast.admin.pk
    stored = " ".join(f"{e.summary} {e.before} {e.after}" for e in events)
    assert raw not in stored and token.digest not in stored
    assert action_label("apitoken.create") == "Tạo mã truy cập API"
    assert action_label("apitoken.revoke") == "Thu hồi mã truy cập API"


def test_revoking_twice_is_refused_with_a_message(cast: Cast) -> None:
    token, _ = api_token_create(actor=None, user=cast.reporter, name="Đồng bộ")
    api_token_revoke(actor=cast.actor(cast.reporter), token=token)
    with pytest.raises(ValidationError) as error:
        api_token_revoke(actor=cast.actor(cast.reporter), token=token)
    assert error.value.messages == ["Mã truy cập này đã bị thu hồi trước đó."]
    assert AuditEvent.objects.filter(action="apitoken.revoke").count() == 1


def test_a_person_reaches_only_their_own_tokens_and_the_administrator_everybodys(
    cast: Cast,
) -> None:
    token, _ = api_token_create(actor=None, user=cast.reporter, name="Đồng bộ")
    assert get_api_token_for_user(cast.actor(cast.reporter), token.pk, "revoke") == token
    assert get_api_token_for_user(cast.actor(cast.admin), token.pk, "revoke") == token
    for person in (cast.colleague, cast.head, cast.standing, cast.leader):
        with pytest.raises(Http404):
            get_api_token_for_user(cast.actor(person), token.pk, "revoke")


def test_a_colleague_cannot_revoke_anothers_token_on_the_page(cast: Cast, client: Client) -> None:
    name = "Phần mềm riêng của chuyên viên"
    token, raw = api_token_create(actor=None, user=cast.reporter, name=name)
    client.force_login(cast.colleague)
    url = reverse("api_token_revoke", args=[token.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert call_api(raw).status_code == 200
    assert name not in client.get(reverse("api_tokens")).content.decode()


def test_the_administrator_revokes_anybodys_token_on_the_page(cast: Cast, client: Client) -> None:
    token, raw = api_token_create(actor=None, user=cast.reporter, name="Đồng bộ")
    client.force_login(cast.admin)
    url = reverse("api_token_revoke", args=[token.pk])
    page = client.get(url).content.decode()
    assert "Thu hồi mã truy cập “Đồng bộ”" in page and "Không thể hoàn tác" in page
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None, "asking is not revoking"
    response = client.post(url, follow=True)
    assert response.redirect_chain == [(reverse("api_tokens"), 302)]
    assert "Đã thu hồi mã truy cập “Đồng bộ”." in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_by == cast.admin and token.revoked_at is not None
    assert_refused(call_api(raw))


def test_a_person_revokes_their_own_token_on_the_page(cast: Cast, client: Client) -> None:
    token, raw = api_token_create(actor=None, user=cast.reporter, name="Đồng bộ")
    client.force_login(cast.reporter)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 302
    assert_refused(call_api(raw))
    page = client.get(reverse("api_tokens")).content.decode()
    assert "Đã thu hồi" in page
    assert reverse("api_token_revoke", args=[token.pk]) not in page


def test_the_page_shows_a_new_token_once_only(cast: Cast, client: Client) -> None:
    client.force_login(cast.reporter)
    url = reverse("api_tokens")
    empty = client.get(url).content.decode()
    assert "Bạn chưa có mã truy cập nào." in empty
    created = client.post(url, {"name": "Phần mềm của Sở", "days": "30"})
    assert created.status_code == 200
    assert "no-store" in created["Cache-Control"]
    token = ApiToken.objects.get(user=cast.reporter)
    text = created.content.decode()
    raw = text.split('id="ma-moi" value="', 1)[1].split('"', 1)[0]
    assert raw.startswith(f"td_{token.prefix}_")
    assert "Mã chỉ hiện một lần này" in text and "Ctrl+C" in text
    assert call_api(raw).status_code == 200
    later = client.get(url).content.decode()
    assert raw not in later
    assert f"td_{token.prefix}…" in later and "Phần mềm của Sở" in later
    assert "Đang dùng được" in later
    assert token.expires_at - token.created_at == dt.timedelta(days=30)


@pytest.mark.parametrize("days", ["0", "366", "ba mươi", ""])
def test_the_page_refuses_a_validity_outside_a_year(cast: Cast, client: Client, days: str) -> None:
    client.force_login(cast.reporter)
    response = client.post(reverse("api_tokens"), {"name": "Đồng bộ", "days": days})
    assert response.status_code == 200
    assert "Thời hạn của mã truy cập từ 1 đến 365 ngày." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_menu_links_to_the_page(cast: Cast, client: Client) -> None:
    client.force_login(cast.leader)
    page = client.get(reverse("dashboard:todo")).content.decode()
    assert f'<a href="{reverse("api_tokens")}">Mã truy cập API</a>' in page


def test_the_command_prints_a_working_token(cast: Cast) -> None:
    out, err = StringIO(), StringIO()
    with time_machine.travel(T0, tick=False):
        call_command(
            "api_token",
            cast.standing.username,
            "--name",
            "Hệ thống IOC",
            "--days",
            "10",
            stdout=out,
            stderr=err,
        )
        raw = out.getvalue().strip()
        assert call_api(raw).status_code == 200
    token = ApiToken.objects.get(user=cast.standing)
    assert token.name == "Hệ thống IOC" and token.expires_at == T0 + dt.timedelta(days=10)
    assert raw.startswith(f"td_{token.prefix}_") and "\n" not in raw
    assert "Mã chỉ hiện một lần này" in err.getvalue() and raw not in err.getvalue()
    assert AuditEvent.objects.filter(action="apitoken.create", actor=None).count() == 1


def test_the_command_refuses_unknown_accounts_and_long_validity(cast: Cast) -> None:
    with pytest.raises(CommandError, match=r"Không có tài khoản “khong\.co”"):
        call_command("api_token", "khong.co", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="từ 1 đến 365 ngày"):
        call_command(
            "api_token",
            cast.standing.username,
            "--days",
            "400",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    assert not ApiToken.objects.exists()


def test_the_administrator_revokes_from_the_admin_and_never_sees_a_secret(
    cast: Cast, client: Client
) -> None:
    token, raw = api_token_create(actor=None, user=cast.reporter, name="Đồng bộ")
    client.force_login(cast.admin)
    changelist = reverse("admin:accounts_apitoken_changelist")
    pages = client.get(changelist).content.decode()
    pages += client.get(reverse("admin:accounts_apitoken_change", args=[token.pk])).text
    assert f"td_{token.prefix}…" in pages and "Đang dùng được" in pages
    assert token.digest not in pages and raw not in pages
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    response = client.post(
        changelist, {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    assert "Đã thu hồi 1 mã truy cập." in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_by == cast.admin
    assert AuditEvent.objects.filter(action="apitoken.revoke", actor=cast.admin).count() == 1
    assert_refused(call_api(raw))


def test_the_schema_still_describes_the_token_keyword(cast: Cast) -> None:
    _, raw = api_token_create(actor=None, user=cast.standing, name="Đồng bộ")
    schema = Client(HTTP_AUTHORIZATION=f"Token {raw}").get("/api/v1/schema/?format=json").json()
    assert schema["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": 'Token-based authentication with required prefix "Token"',
    }
    assert {"tokenAuth": []} in schema["paths"]["/api/v1/plans/"]["get"]["security"]
