"""freeze_create: who may freeze, which plans a freeze covers, and that it is never edited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from tiendo.audit.models import AuditEvent
from tiendo.meetings.models import Freeze
from tiendo.meetings.selectors import default_freeze_title
from tiendo.meetings.services import freeze_create
from tiendo.testing import VN, at, make_agency, make_cast, make_plan

pytestmark = pytest.mark.django_db

D = dt.date(2024, 3, 31)


@pytest.mark.parametrize(
    ("cutoff", "title"),
    [
        (dt.date(2024, 3, 31), "Giao ban Đề án 06 quý I/2024"),
        (dt.date(2024, 9, 30), "Giao ban Đề án 06 quý III/2024"),
        (dt.date(2024, 12, 31), "Giao ban Đề án 06 năm 2024"),
        (dt.date(2024, 4, 14), "Giao ban Đề án 06, số liệu đến ngày 14/04/2024"),
    ],
)
def test_the_default_title_names_the_period(cutoff: dt.date, title: str) -> None:
    assert default_freeze_title(cutoff) == title


def test_a_freeze_covers_only_the_plans_that_exist_at_d_and_k() -> None:
    cast = make_cast()
    later = make_plan(cast.province, issued_on=dt.date(2024, 5, 1))  # issued after D
    unrecorded = make_plan(
        cast.province, issued_on=dt.date(2024, 2, 1), recorded_at=at(dt.date(2024, 4, 10))
    )
    made = freeze_create(
        actor=cast.actor(cast.standing),
        cutoff=D,
        known_at=dt.datetime(2024, 4, 2, 14, tzinfo=VN),
        plans=[cast.plan, later, unrecorded],
    )
    assert list(made.plans.all()) == [cast.plan]


def test_a_plan_the_person_cannot_read_is_refused_and_nothing_written() -> None:
    cast = make_cast()
    elsewhere = make_plan(make_agency("UBND tỉnh Khác", kind="province"))
    with pytest.raises(ValidationError, match="không có quyền xem"):
        freeze_create(actor=cast.actor(cast.standing), cutoff=D, known_at=None, plans=[elsewhere])
    with pytest.raises(PermissionDenied):
        freeze_create(actor=cast.actor(cast.head), cutoff=D, known_at=None, plans=[cast.plan])
    assert not Freeze.objects.filter(plans__in=[cast.plan, elsewhere]).exists()
    assert not AuditEvent.objects.filter(action="figures.freeze", actor=cast.standing).exists()


def test_a_k_after_the_moment_of_freezing_is_refused() -> None:
    cast = make_cast()
    with pytest.raises(ValidationError, match="chưa tới"):
        freeze_create(
            actor=cast.actor(cast.leader),
            cutoff=D,
            known_at=dt.datetime(2099, 1, 1, tzinfo=VN),
            plans=[cast.plan],
        )
    assert not Freeze.objects.filter(plans=cast.plan).exists()


def test_nobody_edits_or_deletes_a_freeze_in_the_admin() -> None:
    cast = make_cast()
    made = freeze_create(
        actor=cast.actor(cast.standing), cutoff=D, known_at=None, plans=[cast.plan]
    )
    request = RequestFactory().get("/quan-tri/")
    request.user = cast.admin
    model_admin = admin.site._registry[Freeze]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, made)
    assert not model_admin.has_delete_permission(request, made)
