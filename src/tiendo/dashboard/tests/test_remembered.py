"""The IOC overview with remembered figures: the second view is served from memory with the same
figures, and the page says when the last fact behind them was recorded."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.status.memo import last_fact_at
from tiendo.testing import at, make_agency, make_item, make_plan, report_done

pytestmark = pytest.mark.django_db


def test_the_second_view_comes_from_memory_and_says_when_the_last_fact_was(
    remembering: Any, client: Client
) -> None:
    plan = make_plan(make_agency("UBND tỉnh thử"), recorded_at=at(dt.date(2024, 1, 5)))
    done, _ = (make_item(plan, recorded_at=at(dt.date(2024, 1, 5))) for _ in range(2))
    report_done(
        done,
        dt.date(2024, 2, 1),
        recorded_at=at(dt.date(2024, 2, 2), 9),
        reviewed_at=at(dt.date(2024, 2, 3), 10),
    )
    Agency.objects.update(path_changed_at=at(dt.date(2024, 1, 1)))  # set-up: placed long ago
    client.force_login(User.objects.create_superuser("ioc", "", "x"))

    def view() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(
                reverse("dashboard:ioc_overview"), {"ngay": "2024-03-31", "ke_hoach": str(plan.pk)}
            )
        assert page.status_code == 200
        engine = [q for q in queries if "deadline_class" in q["sql"] or "WITH i AS" in q["sql"]]
        return page.content.decode(), len(engine)

    first, ran = view()
    second, ran_again = view()
    shown = re.findall(r'data-figure="(\w+)">([\d.]+)<', first)
    assert dict(shown)["total"] == "2" and dict(shown)["done"] == "1"
    assert re.findall(r'data-figure="(\w+)">([\d.]+)<', second) == shown
    assert ran >= 3 and ran_again == 0
    # The stamp names the last fact recorded by K (the page's K is the still clock's now): with
    # this test's facts alone, the confirmation at 10:00 on 3/2/2024, Vietnam's time.
    last = last_fact_at(timezone.now())
    assert last is not None and last >= at(dt.date(2024, 2, 3), 10)
    assert f"<span data-last-fact>{timezone.localtime(last):%H:%M %d/%m/%Y}</span>" in second
