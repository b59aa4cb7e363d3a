"""Every write is on the record: who, when, from where, before and after."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db.models import ProtectedError
from django.test import Client

from tiendo.audit.models import AuditEvent
from tiendo.plans.services import item_upsert
from tiendo.progress.models import Lifecycle, ProgressUpdate
from tiendo.progress.services import UpdateInput, update_create_draft, update_edit_draft
from tiendo.testing import make_cast

pytestmark = pytest.mark.django_db


def test_draft_edits_record_before_and_after_with_actor_and_address() -> None:
    cast = make_cast()
    actor = cast.actor(cast.reporter)
    data = UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS, percent=30)
    draft = update_create_draft(actor=actor, item=cast.item, period=cast.period, data=data)
    update_edit_draft(
        actor=actor,
        update=draft,
        expected_version=1,
        data=UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS, percent=45),
    )
    event = AuditEvent.objects.get(action="update.edit", item=cast.item)
    assert (event.actor, event.ip) == (cast.reporter, "127.0.0.1")
    assert (event.before, event.after) == ({"percent": 30}, {"percent": 45})


def test_item_changes_keep_what_they_replaced() -> None:
    cast = make_cast()
    item = cast.item
    item_upsert(
        plan=item.plan,
        kind=item.kind,
        code=item.code,
        title="Nhiệm vụ đã đổi tên",
        lead_agency=item.lead_agency,
        start_date=item.start_date,
        deadline=item.deadline,
        actor=cast.actor(cast.admin),
    )
    event = AuditEvent.objects.filter(item=item, action="item.update").get()
    assert event.before is not None and event.after is not None
    assert (event.before["title"], event.after["title"]) == (
        "Nhiệm vụ thử nghiệm",
        "Nhiệm vụ đã đổi tên",
    )
    # Fields the call left out were cleared, and the record says so: nothing changes silently.
    assert event.before["target"] == "100.00" and event.after["target"] is None


def test_reports_cannot_be_deleted_and_the_admin_offers_no_delete(client: Client) -> None:
    cast = make_cast()
    data = UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS)
    draft = update_create_draft(
        actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=data
    )
    with pytest.raises(ProtectedError):
        cast.item.delete()
    client.force_login(User.objects.create_superuser("t.root"))
    response = client.post(f"/quan-tri/progress/progressupdate/{draft.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert ProgressUpdate.objects.filter(pk=draft.pk).exists()
    audit = client.post(f"/quan-tri/audit/auditevent/{AuditEvent.objects.first().pk}/delete/")  # type: ignore[union-attr]
    assert audit.status_code == 403


def test_agency_and_membership_changes_are_audited(settings: Any) -> None:
    cast = make_cast()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"agency.create", "plan.create", "item.create", "membership.set"} <= actions
    assert AuditEvent.objects.filter(summary__contains=cast.health.name).exists()
