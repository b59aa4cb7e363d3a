"""Every view and action × every role × own agency / other agency, through the web.

Each row names an action on the Sở Y tế side of the cast (its item, its drafts and reports, its
evidence) or on Sở Tư pháp's draft, and the HTTP status each person must get. 404 means the thing
does not exist for that person (nobody learns other agencies' ids by guessing); 403 means they may
see it but not do that. After each case the database must show the action happened or not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tiendo.accounts.models import ApiToken
from tiendo.accounts.tokens import api_token_create
from tiendo.meetings.models import Freeze
from tiendo.meetings.services import freeze_create
from tiendo.plans.models import ExtensionRequest
from tiendo.progress.evidence import evidence_attach
from tiendo.progress.models import Lifecycle, ProgressUpdate
from tiendo.progress.services import UpdateInput, update_create_draft, update_send
from tiendo.testing import Cast, make_cast

pytestmark = pytest.mark.django_db

PEOPLE = [
    "reporter",
    "colleague",
    "head",
    "outsider",
    "outsider_head",
    "standing",
    "leader",
    "admin",
]
PDF = b"%PDF-1.4\n%%EOF\n"


@dataclass
class World:
    cast: Cast
    own_draft: ProgressUpdate
    own_sent: ProgressUpdate
    other_draft: ProgressUpdate
    draft_evidence: int
    sent_evidence: int
    extension: ExtensionRequest
    reporter_token: ApiToken
    freeze: Freeze


def build(tmp_path: Any, settings: Any) -> World:
    settings.TIENDO_EVIDENCE_DIR = str(tmp_path)
    cast = make_cast()
    report = UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS, percent=40)
    health = cast.actor(cast.reporter)
    own_sent = update_create_draft(actor=health, item=cast.item, period=cast.period, data=report)
    sent_evidence = evidence_attach(
        actor=health, update=own_sent, name="minh-chung.pdf", data=BytesIO(PDF), size=len(PDF)
    )
    update_send(actor=cast.actor(cast.head), update=own_sent, expected_version=1)
    own_draft = update_create_draft(actor=health, item=cast.item, period=cast.period, data=report)
    draft_evidence = evidence_attach(
        actor=health, update=own_draft, name="du-thao.pdf", data=BytesIO(PDF), size=len(PDF)
    )
    other_draft = update_create_draft(
        actor=cast.actor(cast.outsider), item=cast.other_item, period=cast.period, data=report
    )
    extension = ExtensionRequest.objects.create(
        item=cast.other_item,
        requested_deadline=dt.date(2024, 9, 30),
        reason="Chờ hướng dẫn của Bộ Tư pháp",
        requested_by=cast.outsider,
    )
    reporter_token, _ = api_token_create(
        actor=health, user=cast.reporter, name="Phần mềm của Sở Y tế"
    )
    freeze = freeze_create(
        actor=cast.actor(cast.standing),
        cutoff=dt.date(2024, 3, 31),
        known_at=None,
        plans=[cast.plan],
        title="Giao ban Đề án 06 quý I/2024",
    )
    return World(
        cast,
        own_draft,
        own_sent,
        other_draft,
        draft_evidence.pk,
        sent_evidence.pk,
        extension,
        reporter_token,
        freeze,
    )


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: Callable[[World], str]
    expected: dict[str, int]
    data: Callable[[World], dict[str, Any]] = lambda w: {}
    # What the database must say afterwards, given whether the action was allowed.
    effect: Callable[[World, bool], bool] | None = None


def allowed(codes: dict[str, int], ok: int) -> dict[str, int]:
    return codes | {p: ok for p, c in codes.items() if c == 0}


H = {"reporter": 0, "colleague": 0, "head": 0}  # Sở Y tế (own agency)
J = {"outsider": 404, "outsider_head": 404}  # Sở Tư pháp (other agency)
R = {"standing": 200, "leader": 200, "admin": 200}  # province-wide readers

EVERYONE = dict.fromkeys(PEOPLE, 200)
ALL_302 = dict.fromkeys(PEOPLE, 302)

UPDATE_FORM = {"valid_on": "2024-03-14", "state": "in_progress", "percent": "55", "version": "1"}

CASES = [
    Case(
        "item page",
        "get",
        lambda w: reverse("plans:item_detail", args=[w.cast.item.pk]),
        allowed(H, 200) | J | R,
    ),
    Case(
        "new report form",
        "get",
        lambda w: reverse("progress:update_create", args=[w.cast.item.pk]),
        allowed(H, 200) | J | {"standing": 403, "leader": 403, "admin": 403},
    ),
    Case(
        "create a draft",
        "post",
        lambda w: reverse("progress:update_create", args=[w.cast.item.pk]),
        allowed(H, 302) | J | {"standing": 403, "leader": 403, "admin": 403},
        data=lambda w: UPDATE_FORM | {"ky": w.cast.period.pk},
        effect=lambda w, ok: (
            ProgressUpdate.objects.filter(item=w.cast.item).count() == (3 if ok else 2)
        ),
    ),
    Case(
        "read own draft",
        "get",
        lambda w: reverse("progress:update_detail", args=[w.own_draft.pk]),
        allowed(H, 200) | J | {"standing": 404, "leader": 404, "admin": 404},
    ),
    Case(
        "edit own draft",
        "post",
        lambda w: reverse("progress:update_edit", args=[w.own_draft.pk]),
        allowed(H, 302) | J | {"standing": 404, "leader": 404, "admin": 404},
        data=lambda w: UPDATE_FORM,
        effect=lambda w, ok: (ProgressUpdate.objects.get(pk=w.own_draft.pk).percent == 55) == ok,
    ),
    Case(
        "send own draft",
        "post",
        lambda w: reverse("progress:update_send", args=[w.own_draft.pk]),
        {"reporter": 403, "colleague": 403, "head": 302}
        | J
        | {"standing": 404, "leader": 404, "admin": 404},
        data=lambda w: {"version": "1"},
        effect=lambda w, ok: (
            (ProgressUpdate.objects.get(pk=w.own_draft.pk).recorded_at is not None) == ok
        ),
    ),
    Case(
        "read a sent report",
        "get",
        lambda w: reverse("progress:update_detail", args=[w.own_sent.pk]),
        allowed(H, 200) | J | R,
    ),
    Case(
        "confirm a sent report",
        "post",
        lambda w: reverse("progress:update_review", args=[w.own_sent.pk]),
        {"reporter": 403, "colleague": 403, "head": 403}
        | J
        | {"standing": 302, "leader": 403, "admin": 403},
        data=lambda w: {"decision": "confirmed"},
        effect=lambda w, ok: (
            (ProgressUpdate.objects.get(pk=w.own_sent.pk).decision == "confirmed") == ok
        ),
    ),
    Case(
        "draft evidence",
        "get",
        lambda w: reverse("progress:evidence_download", args=[w.draft_evidence]),
        allowed(H, 200) | J | {"standing": 404, "leader": 404, "admin": 404},
    ),
    Case(
        "sent evidence",
        "get",
        lambda w: reverse("progress:evidence_download", args=[w.sent_evidence]),
        allowed(H, 200) | J | R,
    ),
    Case(
        "upload evidence to own draft",
        "post",
        lambda w: reverse("progress:evidence_upload", args=[w.own_draft.pk]),
        allowed(H, 302) | J | {"standing": 404, "leader": 404, "admin": 404},
        data=lambda w: {"file": _pdf()},
        effect=lambda w, ok: (w.own_draft.evidence.count() == 2) == ok,
    ),
    Case(
        "other agency's draft",
        "get",
        lambda w: reverse("progress:update_detail", args=[w.other_draft.pk]),
        {
            "reporter": 404,
            "colleague": 404,
            "head": 404,
            "outsider": 200,
            "outsider_head": 200,
            "standing": 404,
            "leader": 404,
            "admin": 404,
        },
    ),
    Case(
        "edit other agency's draft",
        "post",
        lambda w: reverse("progress:update_edit", args=[w.other_draft.pk]),
        {
            "reporter": 404,
            "colleague": 404,
            "head": 404,
            "outsider": 302,
            "outsider_head": 302,
            "standing": 404,
            "leader": 404,
            "admin": 404,
        },
        data=lambda w: UPDATE_FORM,
        effect=lambda w, ok: (ProgressUpdate.objects.get(pk=w.other_draft.pk).percent == 55) == ok,
    ),
    Case(
        "request an extension",
        "post",
        lambda w: reverse("plans:extension_request", args=[w.cast.item.pk]),
        allowed(H, 302) | J | {"standing": 403, "leader": 403, "admin": 403},
        data=lambda w: {"requested_deadline": "2024-12-31", "reason": "Thiếu kinh phí"},
        effect=lambda w, ok: ExtensionRequest.objects.filter(item=w.cast.item).exists() == ok,
    ),
    Case(
        "decide an extension",
        "post",
        lambda w: reverse("plans:extension_decide", args=[w.extension.pk]),
        {"reporter": 404, "colleague": 404, "head": 404, "outsider": 403, "outsider_head": 403}
        | {"standing": 302, "leader": 403, "admin": 403},
        data=lambda w: {"approve": "1"},
        effect=lambda w, ok: (
            (ExtensionRequest.objects.get(pk=w.extension.pk).decision == "approved") == ok
        ),
    ),
    Case(
        "close a period",
        "post",
        lambda w: reverse("progress:period_toggle", args=[w.cast.period.pk]),
        {
            "reporter": 403,
            "colleague": 403,
            "head": 403,
            "outsider": 403,
            "outsider_head": 403,
            "standing": 302,
            "leader": 403,
            "admin": 302,
        },
        effect=lambda w, ok: (
            (type(w.cast.period).objects.get(pk=w.cast.period.pk).closed_at is not None) == ok
        ),
    ),
    Case(
        "plan periods page",
        "get",
        lambda w: reverse("progress:period_list", args=[w.cast.plan.pk]),
        dict.fromkeys(PEOPLE, 200),
    ),
    Case(
        "compliance page",
        "get",
        lambda w: reverse("progress:compliance", args=[w.cast.period.pk]),
        dict.fromkeys(PEOPLE, 200),
    ),
    Case(
        "review queue",
        "get",
        lambda w: reverse("progress:review_queue"),
        dict.fromkeys(PEOPLE, 200),
    ),
    Case("my items", "get", lambda w: reverse("plans:my_items"), dict.fromkeys(PEOPLE, 200)),
    Case("overview", "get", lambda w: reverse("dashboard:overview"), dict.fromkeys(PEOPLE, 200)),
    Case(
        "plan items",
        "get",
        lambda w: reverse("dashboard:plan_items", args=[w.cast.plan.pk]),
        dict.fromkeys(PEOPLE, 200),
    ),
    Case("to-do page", "get", lambda w: reverse("dashboard:todo"), dict.fromkeys(PEOPLE, 200)),
    Case("wall screen", "get", lambda w: reverse("dashboard:ioc_wall"), EVERYONE),
    Case("IOC overview", "get", lambda w: reverse("dashboard:ioc_overview"), EVERYONE),
    Case("IOC agencies", "get", lambda w: reverse("dashboard:ioc_agencies"), EVERYONE),
    # Provinces ranked: for readers of the whole country (none in a province's cast) and the
    # administrator (dashboard/tests/test_provinces.py has the central working group).
    Case(
        "IOC provinces",
        "get",
        lambda w: reverse("dashboard:ioc_provinces"),
        dict.fromkeys(PEOPLE, 404) | {"admin": 200},
    ),
    Case(
        "IOC own agency",
        "get",
        lambda w: reverse("dashboard:ioc_agency", args=[w.cast.health.code]),
        allowed(H, 200) | J | R,
    ),
    Case(
        "IOC other agency",
        "get",
        lambda w: reverse("dashboard:ioc_agency", args=[w.cast.justice.code]),
        {"reporter": 404, "colleague": 404, "head": 404, "outsider": 200, "outsider_head": 200} | R,
    ),
    Case("IOC obstacles", "get", lambda w: reverse("dashboard:ioc_obstacles"), EVERYONE),
    Case("IOC indicators", "get", lambda w: reverse("dashboard:ioc_indicators"), EVERYONE),
    Case(
        "IOC indicator",
        "get",
        lambda w: reverse("dashboard:ioc_indicator", args=["khong-co"]),
        dict.fromkeys(PEOPLE, 404),
    ),
    Case(
        "freeze the figures for a meeting",
        "post",
        lambda w: reverse("dashboard:ioc_freeze"),
        dict.fromkeys(PEOPLE, 403) | {"standing": 302, "leader": 302},
        data=lambda w: {"ngay": "2024-03-31", "tieu_de": "Họp Tổ công tác"},
        effect=lambda w, ok: Freeze.objects.filter(title="Họp Tổ công tác").exists() == ok,
    ),
    # Every person of the cast reads the cast's plan (their province's): all open the freeze.
    Case(
        "a meeting's frozen figures",
        "get",
        lambda w: reverse("dashboard:ioc_frozen", args=[w.freeze.pk]),
        EVERYONE,
    ),
    Case(
        "change a target",
        "post",
        lambda w: reverse("plans:target_change", args=[w.cast.item.pk]),
        {"reporter": 403, "colleague": 403, "head": 403}
        | J
        | {"standing": 302, "leader": 403, "admin": 403},
        data=lambda w: {"new_target": "120", "decided_on": "01/03/2024", "reason": "Bộ giao thêm"},
        effect=lambda w, ok: (
            (type(w.cast.item).objects.get(pk=w.cast.item.pk).target_changes.exists()) == ok
        ),
    ),
    Case("extension requests", "get", lambda w: reverse("plans:extension_list"), EVERYONE),
    Case(
        "revise a report that was not returned",
        "post",
        lambda w: reverse("progress:update_revise", args=[w.own_sent.pk]),
        allowed(H, 302) | J | {"standing": 403, "leader": 403, "admin": 403},
        effect=lambda w, ok: ProgressUpdate.objects.filter(item=w.cast.item).count() == 2,
    ),
    Case("consolidated report page", "get", lambda w: reverse("documents:report"), EVERYONE),
    Case(
        "export items",
        "get",
        lambda w: reverse("documents:export_items", args=[w.cast.plan.pk, "csv"]),
        EVERYONE,
    ),
    Case(
        "export reports",
        "get",
        lambda w: reverse("documents:export_updates", args=[w.cast.plan.pk, "csv"]),
        EVERYONE,
    ),
    Case(
        "export agencies",
        "get",
        lambda w: reverse("documents:export_agencies", args=["csv"]),
        EVERYONE,
    ),
    Case(
        "export indicator values",
        "get",
        lambda w: reverse("documents:export_indicators", args=["csv"]),
        EVERYONE,
    ),
    Case("notification centre", "get", lambda w: reverse("notifications:inbox"), EVERYONE),
    Case("mark notices read", "post", lambda w: reverse("notifications:mark_read"), ALL_302),
    Case(
        "notification settings",
        "post",
        lambda w: reverse("notifications:preference"),
        ALL_302,
        data=lambda w: {"delivery": "daily"},
    ),
    Case("send refused mail again", "post", lambda w: reverse("notifications:resend"), ALL_302),
    Case(
        "agencies without reminder recipients",
        "get",
        lambda w: reverse("notifications:unreached"),
        {**dict.fromkeys(PEOPLE, 403), "standing": 200, "admin": 200},
    ),
    Case(
        "plan import page",
        "get",
        lambda w: reverse("imports:plan"),
        dict.fromkeys(PEOPLE, 403) | {"standing": 200, "admin": 200},
    ),
    Case("import template", "get", lambda w: reverse("imports:template"), EVERYONE),
    Case("change password page", "get", lambda w: reverse("password_change"), EVERYONE),
    Case("API tokens page", "get", lambda w: reverse("api_tokens"), EVERYONE),
    Case(
        "create an API token",
        "post",
        lambda w: reverse("api_tokens"),
        EVERYONE,
        data=lambda w: {"name": "Đồng bộ", "days": "30"},
        effect=lambda w, ok: ApiToken.objects.filter(name="Đồng bộ").count() == 1,
    ),
    Case(
        "revoke a reporter's API token",
        "post",
        lambda w: reverse("api_token_revoke", args=[w.reporter_token.pk]),
        dict.fromkeys(PEOPLE, 404) | {"reporter": 302, "admin": 302},
        effect=lambda w, ok: (
            (ApiToken.objects.get(pk=w.reporter_token.pk).revoked_at is not None) == ok
        ),
    ),
]

# Routes whose access is tested elsewhere, each with where.
ELSEWHERE = {
    "login": "accounts/tests/test_security.py (lockout, TLS login)",
    "logout": "accounts/tests/test_security.py (POST with CSRF)",
    "password_change_done": "accounts/tests/test_security.py (after a change)",
    "progress:update_revise": "revise a returned report: progress/tests/test_review.py",
}


def _pdf() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_access_matrix(
    case: Case, person: str, client: Client, tmp_path: Any, settings: Any
) -> None:
    world = build(tmp_path, settings)
    client.force_login(getattr(world.cast, person))
    url = case.url(world)
    response = client.get(url) if case.method == "get" else client.post(url, case.data(world))
    expected = case.expected[person]
    assert response.status_code == expected, f"{case.name} by {person}"
    if case.effect is not None:
        assert case.effect(world, expected == 302), f"{case.name} by {person}: database state"


def test_guessing_ids_of_other_agencies_reveals_nothing(
    client: Client, tmp_path: Any, settings: Any
) -> None:
    world = build(tmp_path, settings)
    client.force_login(world.cast.outsider)
    missing = client.get(reverse("progress:update_detail", args=[999_999]))
    hidden = client.get(reverse("progress:update_detail", args=[world.own_draft.pk]))
    assert missing.status_code == hidden.status_code == 404
    assert "Sở Y tế" not in hidden.content.decode()


def test_every_web_route_has_a_row_in_the_matrix(tmp_path: Any, settings: Any) -> None:
    """A new page fails here until its row says who may open it (the API has its own tests:
    api/tests/test_api.py for scope, test_schemathesis.py for every operation)."""
    from django.urls import URLPattern, URLResolver, get_resolver, resolve

    def names(patterns: list[Any], namespace: str = "") -> set[str]:
        found: set[str] = set()
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.app_name not in ("admin", "api"):
                    inner = ":".join(p for p in (namespace, entry.namespace or "") if p)
                    found |= names(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                found.add(f"{namespace}:{entry.name}" if namespace else entry.name)
        return found

    world = build(tmp_path, settings)
    covered = {resolve(case.url(world).split("?")[0]).view_name for case in CASES}
    missing = names(get_resolver().url_patterns) - covered - set(ELSEWHERE)
    assert missing == set(), f"routes without a row in the access matrix: {sorted(missing)}"
