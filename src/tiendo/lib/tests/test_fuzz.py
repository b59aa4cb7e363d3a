"""Malformed input over every page, form and API operation (a fixed seed, so a failure repeats):
no answer is a server error, and a refused request writes nothing.

The routes come from the URL configuration itself, so a new page is fuzzed without being listed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tiendo.audit.models import AuditEvent
from tiendo.plans.models import ExtensionRequest, Item, Plan
from tiendo.progress.models import Evidence, Lifecycle, ProgressUpdate, ReportingPeriod
from tiendo.progress.services import UpdateInput, update_create_draft, update_send
from tiendo.testing import Cast, make_cast

pytestmark = pytest.mark.django_db

SEED = 20240402  # the day of the conference
PER_ROUTE = 25
SKIPPED = {"logout", "api:api-root"}  # logging out is not input; the API root only lists links
WEIRD = [
    "",
    " ",
    "abc",
    "-1",
    "0",
    "9" * 30,
    "1e309",
    "NaN",
    "9999-12-31",
    "0001-01-01",
    "9999-12-31T23:59-05:00",
    "2099-01-01T08:00",
    "31/02/2024",
    "2024-13-45",
    "31/03/2024",
    "<script>alert(1)</script>",
    "'; DROP TABLE plans_item; --",
    "%",
    "%(x)s",
    "{}",
    "../../etc/passwd",
    "https://evil.example/",
    "//evil.example",
    "Đề án 06 😀",
    "x" * 5000,
    "1.250,5",
    "040190012345",
    "true",
    "[]",
]
FIELDS = [
    "ngay", "ke_hoach", "nhom", "don_vi", "loai", "trang", "tim", "trang_thai", "han",
    "sap_xep", "ky", "next", "xem", "format", "valid_on", "state", "percent", "achieved",
    "completed_on", "narrative", "version", "decision", "note", "requested_deadline", "reason",
    "approve", "kind", "year", "number", "starts_on", "cutoff", "due_on", "label", "step",
    "remove", "token", "action", "plans", "as_of", "known_at", "plan", "item", "period",
    "obstacle_1_category", "obstacle_1_text", "rec_1_to", "rec_1_text", "new_target",
    "decided_on", "digest", "email", "ghi_nhan", "tieu_de", "trang",
]  # fmt: skip


def routes() -> Iterator[tuple[str, list[str]]]:
    """(name, keyword names) of every route outside the admin."""

    def walk(patterns: list[Any], namespace: str) -> Iterator[tuple[str, list[str]]]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.app_name == "admin":
                    continue
                inner = ":".join(p for p in (namespace, entry.namespace or "") if p)
                yield from walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                keys = [k for k in entry.pattern.regex.groupindex if k != "format"]
                yield name, keys

    seen: dict[str, list[str]] = {}
    for name, keys in walk(get_resolver().url_patterns, ""):
        seen.setdefault(name, keys)
    yield from ((n, k) for n, k in seen.items() if n not in SKIPPED)


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (ProgressUpdate, ExtensionRequest, ReportingPeriod, Item, Plan, Evidence)
    )


def url_for(
    name: str, keys: list[str], rng: random.Random, ids: list[int], codes: list[str]
) -> str:
    values: dict[str, Any] = {}
    for key in keys:
        if key == "fmt":
            values[key] = rng.choice(["csv", "xlsx", "pdf", "docx", "x"])
        elif key == "code":
            values[key] = rng.choice([*codes, "khong-co", "40.SYT"])
        else:
            values[key] = rng.choice(ids)
    return reverse(name, kwargs=values)


def junk(rng: random.Random) -> dict[str, str]:
    return {rng.choice(FIELDS): rng.choice(WEIRD) for _ in range(rng.randint(1, 6))}


def world() -> tuple[Cast, list[int]]:
    cast = make_cast()
    data = UpdateInput(valid_on=cast.period.cutoff, state=Lifecycle.IN_PROGRESS, percent=40)
    sent = update_create_draft(
        actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=data
    )
    update_send(actor=cast.actor(cast.head), update=sent, expected_version=1)
    draft = update_create_draft(
        actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=data
    )
    ids = [cast.item.pk, cast.other_item.pk, cast.plan.pk, cast.period.pk, sent.pk, draft.pk]
    return cast, [*ids, 0, 999_999_999]


def test_malformed_input_never_breaks_a_page_or_writes_a_row() -> None:
    cast, ids = world()
    codes = [cast.health.code, cast.justice.code]
    rng = random.Random(SEED)  # noqa: S311 - reproducible input, not secrets
    people = [cast.reporter, cast.head, cast.standing, cast.outsider, cast.leader, cast.admin]
    clients = []
    for person in people:
        client = Client(raise_request_exception=False)
        client.force_login(person)
        clients.append(client)
    clients.append(Client(raise_request_exception=False))  # nobody logged in
    failures: list[str] = []
    sent = 0
    statuses: dict[int, int] = {}
    for name, keys in routes():
        for _ in range(PER_ROUTE):
            client = rng.choice(clients)
            url = url_for(name, keys, rng, ids, codes)
            before = counts()
            if rng.random() < 0.5:
                response = client.get(url, junk(rng))
                wrote = False
            elif name.startswith("api:") and rng.random() < 0.5:
                body = json.dumps(junk(rng)) if rng.random() < 0.8 else rng.choice(WEIRD)
                response = client.post(url, body, content_type="application/json")
                wrote = response.status_code in (200, 201)
            else:
                response = client.post(url, junk(rng))
                wrote = response.status_code in (201, 302)
            sent += 1
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code >= 500:
                failures.append(
                    f"{response.status_code} {response.request['REQUEST_METHOD']} {url}"
                )
            elif not wrote and counts() != before:
                failures.append(f"rows written by a refused {url} ({response.status_code})")
    assert sent > 1000
    # The input reached the pages (not only 404s): pages drawn, forms refused, writes made.
    assert statuses.get(200, 0) > 200 and statuses.get(302, 0) > 50, statuses
    assert failures == []
    assert AuditEvent.objects.exists()
