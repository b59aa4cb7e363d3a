"""Writes to progress: the reporting cycle. Drafts are edited by their agency, sent by its head,
confirmed or returned by the standing body; nothing reported is ever edited after it is sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tiendo.accounts.access import (
    Actor,
    leads_item,
    may_report_for,
    may_write_reports,
    require_item_action,
    require_update_action,
)
from tiendo.agencies.models import Agency
from tiendo.audit.services import audit_record, snapshot
from tiendo.notifications import events
from tiendo.plans.models import Item
from tiendo.progress.evidence import evidence_carry
from tiendo.progress.models import (
    FORM_TOKEN,
    Decision,
    Obstacle,
    ProgressUpdate,
    Recommendation,
    ReportingPeriod,
    UpdateStatus,
)

EDITABLE_FIELDS = ["valid_on", "state", "percent", "achieved", "completed_on", "narrative"]


class StaleVersion(ValidationError):
    """Someone else saved the same draft first."""


RETURN_NEEDS_REASON = "Cần ghi rõ lý do trả lại để đơn vị bổ sung."


@dataclass(frozen=True)
class ObstacleInput:
    category: str
    description: str


@dataclass(frozen=True)
class RecommendationInput:
    addressee: Agency
    content: str


@dataclass(frozen=True)
class UpdateInput:
    """What a reporter fills in on the update form."""

    valid_on: dt.date
    state: str
    percent: int | None = None
    achieved: Decimal | None = None
    completed_on: dt.date | None = None
    narrative: str = ""
    obstacles: Sequence[ObstacleInput] = ()
    recommendations: Sequence[RecommendationInput] = ()


def _check_numeric_value(item: Item, data: UpdateInput) -> None:
    if data.achieved is not None and item.target is None and not item.unit:
        raise ValidationError(
            {"achieved": "Nhiệm vụ này không có chỉ tiêu định lượng; ghi kết quả ở phần mô tả."}
        )


def _check_period_open(period: ReportingPeriod | None) -> None:
    if period is not None and period.is_closed:
        raise ValidationError(
            f"Kỳ báo cáo {period.label} đã đóng; không thể thêm hoặc sửa báo cáo của kỳ này."
        )


def _write_details(update: ProgressUpdate, data: UpdateInput) -> None:
    update.obstacles.all().delete()
    update.recommendations.all().delete()
    for obstacle in data.obstacles:
        row = Obstacle(update=update, category=obstacle.category, description=obstacle.description)
        row.full_clean()
        row.save()
    for rec in data.recommendations:
        row2 = Recommendation(update=update, addressee=rec.addressee, content=rec.content)
        row2.full_clean()
        row2.save()


@transaction.atomic
def update_create_draft(
    *,
    actor: Actor,
    item: Item,
    period: ReportingPeriod | None,
    data: UpdateInput,
    form_token: str = "",
    agency: Agency | None = None,
) -> ProgressUpdate:
    """A new draft by the actor's agency (a contribution when the agency only coordinates),
    or by `agency`, a unit the actor reports for (a revision stays the returned report's).

    With the form's one-time `form_token`, the same form sent again (a double click, a retry)
    gives back the draft its first send made, even when both arrive at once: the token is
    unique in the database, so only one insert can win.
    """
    if not may_write_reports(actor):
        raise PermissionDenied("Chỉ chuyên viên, lãnh đạo đơn vị mới được lập báo cáo.")
    require_item_action(actor, item, "report")
    agency = agency or actor.agency
    if agency is None or not may_report_for(actor, agency):
        raise PermissionDenied("Chỉ lập báo cáo cho đơn vị của mình hoặc đơn vị trực thuộc.")
    if form_token and not FORM_TOKEN.fullmatch(form_token):
        raise ValidationError(
            "Biểu mẫu lập báo cáo không hợp lệ (sai mã biểu mẫu); hãy tải lại trang rồi nhập lại."
        )
    if form_token and (made := _draft_of_form(actor, item, form_token)) is not None:
        return made
    _check_period_open(period)
    if period is not None and period.plan_id != item.plan_id:
        raise ValidationError("Kỳ báo cáo thuộc kế hoạch khác.")
    _check_numeric_value(item, data)
    update = ProgressUpdate(
        item=item,
        period=period,
        agency=agency,
        is_contribution=not leads_item(agency, item),
        created_by=actor.user,
        form_token=form_token,
        **{name: getattr(data, name) for name in EDITABLE_FIELDS},
    )
    # The token's uniqueness is left to the insert, which settles races; checked above.
    update.full_clean(exclude=["form_token"])
    try:
        with transaction.atomic():
            update.save()
    except IntegrityError:
        made = _draft_of_form(actor, item, form_token) if form_token else None
        if made is None:
            raise
        return made  # the same form, sent at the same time, was saved by the other request
    _write_details(update, data)
    audit_record(
        actor=actor,
        action="update.draft",
        obj=update,
        item=item,
        summary=f"Lập dự thảo báo cáo {item.code}: {update.get_state_display()}",
        after=snapshot(update, EDITABLE_FIELDS),
    )
    return update


def _draft_of_form(actor: Actor, item: Item, form_token: str) -> ProgressUpdate | None:
    made = ProgressUpdate.objects.filter(form_token=form_token).first()
    if made is not None and (made.created_by_id != actor.user.pk or made.item_id != item.pk):
        raise ValidationError(
            "Biểu mẫu này đã được dùng để lập một báo cáo khác; hãy tải lại trang rồi nhập lại."
        )
    return made


@transaction.atomic
def update_edit_draft(
    *, actor: Actor, update: ProgressUpdate, expected_version: int, data: UpdateInput
) -> ProgressUpdate:
    """Save changes to a draft, unless someone saved it since the form was opened."""
    locked = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    require_update_action(actor, locked, "edit")
    if locked.status != UpdateStatus.DRAFT:
        raise ValidationError("Báo cáo đã được gửi; không thể sửa. Hãy lập báo cáo bổ sung.")
    _check_period_open(locked.period)
    if locked.version != expected_version:
        raise StaleVersion(
            "Báo cáo này vừa được người khác sửa và lưu. Vui lòng tải lại trang để xem nội "
            "dung mới nhất trước khi sửa tiếp; các thay đổi của bạn chưa được lưu."
        )
    _check_numeric_value(locked.item, data)
    before = snapshot(locked, EDITABLE_FIELDS)
    for name in EDITABLE_FIELDS:
        setattr(locked, name, getattr(data, name))
    locked.version += 1
    locked.full_clean()
    locked.save()
    _write_details(locked, data)
    audit_record(
        actor=actor,
        action="update.edit",
        obj=locked,
        item=locked.item,
        summary=f"Sửa dự thảo báo cáo {locked.item.code}",
        before=before,
        after=snapshot(locked, EDITABLE_FIELDS),
    )
    return locked


@transaction.atomic
def update_mark_ready(*, actor: Actor, update: ProgressUpdate) -> ProgressUpdate:
    """The reporter puts a finished draft before the unit's heads (trình lãnh đạo), who are
    notified. It stays a draft: it may still be edited, and put forward again after changes."""
    locked = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    require_update_action(actor, locked, "ready")
    if locked.status != UpdateStatus.DRAFT:
        raise ValidationError(
            f"Báo cáo này đã ở trạng thái “{locked.status_label}”, không trình lại."
        )
    _check_period_open(locked.period)
    locked.ready_at = timezone.now()
    locked.ready_by = actor.user
    locked.save(update_fields=["ready_at", "ready_by"])
    audit_record(
        actor=actor,
        action="update.ready",
        obj=locked,
        item=locked.item,
        summary=f"Trình lãnh đạo đơn vị dự thảo báo cáo {locked.item.code}",
    )
    events.report_ready(locked, actor.user)
    return locked


@transaction.atomic
def update_send(*, actor: Actor, update: ProgressUpdate, expected_version: int) -> ProgressUpdate:
    """The agency head approves and sends a draft: from now on it is on the record."""
    locked = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    require_update_action(actor, locked, "send")
    if locked.status != UpdateStatus.DRAFT:
        raise ValidationError(
            f"Báo cáo này đã ở trạng thái “{locked.status_label}”, không gửi lại."
        )
    if locked.version != expected_version:
        raise StaleVersion("Báo cáo vừa được sửa sau khi bạn mở; vui lòng xem lại trước khi gửi.")
    _check_period_open(locked.period)
    locked.recorded_at = timezone.now()
    locked.sent_by = actor.user
    locked.version += 1
    locked.save(update_fields=["recorded_at", "sent_by", "version"])
    audit_record(
        actor=actor,
        action="update.send",
        obj=locked,
        item=locked.item,
        summary=f"Gửi báo cáo {locked.item.code} tới cơ quan thường trực",
    )
    events.report_sent(locked, actor.user)
    return locked


@transaction.atomic
def update_review(
    *, actor: Actor, update: ProgressUpdate, decision: str, note: str = ""
) -> ProgressUpdate:
    """The standing body confirms a sent report, or returns it with a reason."""
    locked = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    require_update_action(actor, locked, "review")
    if locked.status != UpdateStatus.SENT:
        raise ValidationError(
            f"Chỉ xem xét báo cáo đang chờ xác nhận; báo cáo này “{locked.status_label}”."
        )
    if decision not in Decision.values:
        raise ValidationError("Quyết định không hợp lệ.")
    if decision == Decision.RETURNED and not note.strip():
        raise ValidationError({"review_note": RETURN_NEEDS_REASON})
    locked.decision = decision
    locked.review_note = note.strip()
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = actor.user
    locked.version += 1
    locked.save(update_fields=["decision", "review_note", "reviewed_at", "reviewed_by", "version"])
    verb = "Xác nhận" if decision == Decision.CONFIRMED else "Trả lại"
    events.report_reviewed(locked)
    audit_record(
        actor=actor,
        action=f"update.{decision}",
        obj=locked,
        item=locked.item,
        summary=f"{verb} báo cáo {locked.item.code}"
        + (f": {note.strip()}" if note.strip() else ""),
    )
    return locked


@transaction.atomic
def update_revise(*, actor: Actor, update: ProgressUpdate) -> ProgressUpdate:
    """A new draft that revises a returned report, with its figures, details and evidence
    carried over (the returned report keeps its own rows: it stays on the record as it was)."""
    update = ProgressUpdate.objects.select_related("agency").get(pk=update.pk)
    if update.status != UpdateStatus.RETURNED:
        raise ValidationError("Chỉ lập báo cáo bổ sung cho báo cáo đã bị trả lại.")
    require_update_action(actor, update, "revise")
    existing = update.revisions.filter(recorded_at__isnull=True).first()
    if existing is not None:
        return existing
    data = UpdateInput(
        **{name: getattr(update, name) for name in EDITABLE_FIELDS},
        obstacles=[ObstacleInput(o.category, o.description) for o in update.obstacles.all()],
        recommendations=[
            RecommendationInput(r.addressee, r.content) for r in update.recommendations.all()
        ],
    )
    draft = update_create_draft(
        actor=actor, item=update.item, period=update.period, data=data, agency=update.agency
    )
    draft.supersedes = update
    draft.save(update_fields=["supersedes"])
    evidence_carry(actor=actor, source=update, draft=draft)
    return draft


@transaction.atomic
def update_record(
    *,
    item: Item,
    valid_on: dt.date,
    state: str,
    agency: Agency | None = None,
    period: ReportingPeriod | None = None,
    percent: int | None = None,
    achieved: Decimal | None = None,
    completed_on: dt.date | None = None,
    narrative: str = "",
    recorded_at: dt.datetime | None = None,
    decision: str = Decision.CONFIRMED,
    reviewed_at: dt.datetime | None = None,
    review_note: str = "",
    obstacles: Sequence[ObstacleInput] = (),
    recommendations: Sequence[RecommendationInput] = (),
) -> ProgressUpdate:
    """Record an already-sent report (backfill from earlier records, imports, the sample).

    It enters the record at recorded_at (default now) as the report of agency (default the lead
    agency): a body that did not lead the item that day records a contribution, which never sets
    the item's status. Reviewed with decision at reviewed_at (default: when recorded); decision ""
    leaves it awaiting review.
    """
    sent = recorded_at or timezone.now()
    reporting = agency or item.lead_agency
    if decision == Decision.RETURNED and not review_note.strip():
        raise ValidationError({"review_note": RETURN_NEEDS_REASON})
    update = ProgressUpdate(
        item=item,
        period=period,
        agency=reporting,
        is_contribution=not leads_item(reporting, item, timezone.localdate(sent)),
        valid_on=valid_on,
        state=state,
        percent=percent,
        achieved=achieved,
        completed_on=completed_on,
        narrative=narrative,
        created_at=sent,
        recorded_at=sent,
        decision=decision,
        reviewed_at=(reviewed_at or sent) if decision else None,
        review_note=review_note,
    )
    update.full_clean()
    update.save()
    _write_details(
        update, UpdateInput(valid_on, state, obstacles=obstacles, recommendations=recommendations)
    )
    return update
