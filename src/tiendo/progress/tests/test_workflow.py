"""The reporting cycle through the services: only confirmed reports count as done."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tiendo.audit.models import AuditEvent
from tiendo.progress.evidence import evidence_attach, evidence_open
from tiendo.progress.models import Decision, Evidence, Lifecycle, ProgressUpdate, UpdateStatus
from tiendo.progress.periods import period_close
from tiendo.progress.services import (
    ObstacleInput,
    RecommendationInput,
    StaleVersion,
    UpdateInput,
    update_create_draft,
    update_edit_draft,
    update_review,
    update_revise,
    update_send,
)
from tiendo.status.selectors import AsOf, DeadlineClass, Scope, item_statuses
from tiendo.testing import VN, Cast, make_agency, make_cast

pytestmark = pytest.mark.django_db
MARCH_15 = dt.datetime(2024, 3, 15, 9, tzinfo=VN)


@pytest.fixture
def cast() -> Cast:
    return make_cast()


def done_report(day: dt.date = dt.date(2024, 3, 14)) -> UpdateInput:
    return UpdateInput(
        valid_on=day,
        state=Lifecycle.DONE,
        percent=100,
        achieved=Decimal("100"),
        completed_on=dt.date(2024, 3, 10),
        narrative="Đã triển khai tại 100% cơ sở khám chữa bệnh công lập.",
    )


def status(cast: Cast, known_at: dt.datetime | None = None) -> tuple[str, str]:
    [row] = item_statuses(Scope(item_ids=[cast.item.pk]), AsOf.make(dt.date(2024, 3, 31), known_at))
    return row.state, row.deadline_class


def test_whole_cycle_counts_done_only_once_confirmed(cast: Cast) -> None:
    with time_machine.travel(MARCH_15, tick=False):
        draft = update_create_draft(
            actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=done_report()
        )
        assert draft.status == UpdateStatus.DRAFT
        assert status(cast)[0] == Lifecycle.NOT_STARTED  # a draft is not on the record
        update_send(actor=cast.actor(cast.head), update=draft, expected_version=draft.version)
        assert status(cast)[0] == Lifecycle.AWAITING
    with time_machine.travel(MARCH_15 + dt.timedelta(days=1), tick=False):
        update_review(
            actor=cast.actor(cast.standing),
            update=draft,
            decision=Decision.RETURNED,
            note="Chưa có minh chứng số cơ sở đã triển khai.",
        )
        assert status(cast)[0] == Lifecycle.RETURNED
    with time_machine.travel(MARCH_15 + dt.timedelta(days=1, hours=3), tick=False):
        revision = update_revise(actor=cast.actor(cast.reporter), update=draft)
        assert revision.supersedes_id == draft.pk and revision.status == UpdateStatus.DRAFT
        update_send(actor=cast.actor(cast.head), update=revision, expected_version=revision.version)
    with time_machine.travel(MARCH_15 + dt.timedelta(days=2), tick=False):
        update_review(actor=cast.actor(cast.standing), update=revision, decision=Decision.CONFIRMED)
        assert status(cast) == (Lifecycle.DONE, DeadlineClass.DONE_ON_TIME)
    # What was known on 16/3 stays as it was: the report was returned then.
    assert status(cast, known_at=MARCH_15 + dt.timedelta(days=1, hours=1))[0] == Lifecycle.RETURNED
    draft.refresh_from_db()
    assert draft.status == UpdateStatus.RETURNED  # the returned report stays on the record
    actions = list(
        AuditEvent.objects.filter(item=cast.item, action__startswith="update.").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == sorted(
        [
            "update.draft",
            "update.send",
            "update.returned",
            "update.draft",
            "update.send",
            "update.confirmed",
        ]
    )


def test_sending_an_already_confirmed_report_is_refused(cast: Cast) -> None:
    draft = update_create_draft(
        actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=done_report()
    )
    update_send(actor=cast.actor(cast.head), update=draft, expected_version=1)
    update_review(actor=cast.actor(cast.standing), update=draft, decision=Decision.CONFIRMED)
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="đã ở trạng thái “Đã xác nhận”"):
        update_send(actor=cast.actor(cast.head), update=draft, expected_version=draft.version)
    with pytest.raises(ValidationError, match="Chỉ xem xét báo cáo đang chờ xác nhận"):
        update_review(
            actor=cast.actor(cast.standing), update=draft, decision=Decision.RETURNED, note="x"
        )


def test_a_reporter_cannot_send_and_a_head_cannot_review(cast: Cast) -> None:
    draft = update_create_draft(
        actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=done_report()
    )
    with pytest.raises(PermissionDenied):
        update_send(actor=cast.actor(cast.reporter), update=draft, expected_version=1)
    update_send(actor=cast.actor(cast.head), update=draft, expected_version=1)
    with pytest.raises(PermissionDenied):
        update_review(actor=cast.actor(cast.head), update=draft, decision=Decision.CONFIRMED)
    draft.refresh_from_db()
    assert draft.decision == ""


def test_returning_needs_a_reason(cast: Cast) -> None:
    draft = update_create_draft(
        actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=done_report()
    )
    update_send(actor=cast.actor(cast.head), update=draft, expected_version=1)
    with pytest.raises(ValidationError, match="Cần ghi rõ lý do trả lại"):
        update_review(actor=cast.actor(cast.standing), update=draft, decision=Decision.RETURNED)
    draft.refresh_from_db()
    assert draft.status == UpdateStatus.SENT


def test_stale_form_cannot_overwrite_a_colleagues_save(cast: Cast) -> None:
    draft = update_create_draft(
        actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=done_report()
    )
    mine = UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS, percent=40)
    theirs = UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS, percent=70)
    update_edit_draft(
        actor=cast.actor(cast.colleague), update=draft, expected_version=1, data=theirs
    )
    with pytest.raises(StaleVersion, match="vừa được người khác sửa"):
        update_edit_draft(
            actor=cast.actor(cast.reporter), update=draft, expected_version=1, data=mine
        )
    draft.refresh_from_db()
    assert (draft.percent, draft.version) == (70, 2)


def test_closed_period_locks_its_drafts(cast: Cast) -> None:
    draft = update_create_draft(
        actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=done_report()
    )
    period_close(actor=cast.actor(cast.standing), period=cast.period)
    cast.period.refresh_from_db()
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="đã đóng"):
        update_edit_draft(
            actor=cast.actor(cast.reporter), update=draft, expected_version=1, data=done_report()
        )
    with pytest.raises(ValidationError, match="đã đóng"):
        update_send(actor=cast.actor(cast.head), update=draft, expected_version=1)
    with pytest.raises(ValidationError, match="đã đóng"):
        update_create_draft(
            actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=done_report()
        )
    assert ProgressUpdate.objects.filter(item=cast.item).count() == 1


def test_coordinating_agency_reports_a_contribution_that_does_not_set_the_status(
    cast: Cast,
) -> None:
    cast.item.coordinating_agencies.add(cast.justice)
    contribution = update_create_draft(
        actor=cast.actor(cast.outsider), item=cast.item, period=cast.period, data=done_report()
    )
    update_send(actor=cast.actor(cast.outsider_head), update=contribution, expected_version=1)
    update_review(actor=cast.actor(cast.standing), update=contribution, decision="confirmed")
    assert contribution.is_contribution
    assert status(cast)[0] == Lifecycle.NOT_STARTED


def test_obstacles_and_recommendations_are_kept_with_their_category_and_addressee(
    cast: Cast,
) -> None:
    ministry = make_agency("Bộ Y tế")
    data = UpdateInput(
        valid_on=dt.date(2024, 3, 14),
        state=Lifecycle.IN_PROGRESS,
        percent=30,
        obstacles=[ObstacleInput("no_guidance", "Chưa có hướng dẫn về sổ sức khỏe điện tử.")],
        recommendations=[RecommendationInput(ministry, "Đề nghị Bộ Y tế ban hành hướng dẫn.")],
    )
    draft = update_create_draft(
        actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=data
    )
    assert list(draft.obstacles.values_list("category", flat=True)) == ["no_guidance"]
    assert draft.recommendations.get().addressee == ministry


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_evidence_is_checked_by_content_and_stored_outside_the_web_root(
    cast: Cast, tmp_path: object, settings: object
) -> None:
    settings.TIENDO_EVIDENCE_DIR = str(tmp_path)  # type: ignore[attr-defined]
    draft = update_create_draft(
        actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=done_report()
    )
    actor = cast.actor(cast.reporter)
    stored = evidence_attach(
        actor=actor, update=draft, name="../../bien-ban.pdf", data=BytesIO(PDF), size=len(PDF)
    )
    assert (stored.file_name, stored.kind) == ("bien-ban.pdf", "pdf")
    with evidence_open(stored) as handle:
        assert handle.read() == PDF
    with pytest.raises(ValidationError, match="nội dung không phải PDF"):
        evidence_attach(
            actor=actor, update=draft, name="bao-cao.pdf", data=BytesIO(b"MZ\x90\x00" * 10), size=40
        )
    with pytest.raises(ValidationError, match="vượt quá giới hạn"):
        evidence_attach(
            actor=actor, update=draft, name="lon.pdf", data=BytesIO(PDF), size=50 * 1024 * 1024
        )
    assert Evidence.objects.filter(update=draft).count() == 1
