"""Evidence files: checked by content, stored outside the web root under a random key, and
served only through the access helper (views call evidence_open after get_evidence_for_user)."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path
from typing import IO, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from tiendo.accounts.access import Actor, require_update_action
from tiendo.audit.services import audit_record
from tiendo.lib.filetypes import UploadRejected, check_upload
from tiendo.progress.models import Evidence, ProgressUpdate, UpdateStatus


def evidence_root() -> Path:
    return Path(settings.TIENDO_EVIDENCE_DIR)


@transaction.atomic
def evidence_attach(
    *, actor: Actor, update: ProgressUpdate, name: str, data: IO[bytes], size: int
) -> Evidence:
    """Check the file's content and attach it to a draft (sent reports are never changed)."""
    require_update_action(actor, update, "edit")
    if update.status != UpdateStatus.DRAFT:
        raise ValidationError("Chỉ đính kèm tài liệu vào dự thảo báo cáo chưa gửi.")
    if update.period is not None and update.period.is_closed:
        raise ValidationError(f"Kỳ báo cáo {update.period.label} đã đóng.")
    try:
        checked = check_upload(name, data, size, settings.TIENDO_EVIDENCE_MAX_BYTES)
    except UploadRejected as error:
        raise ValidationError(str(error)) from None
    key = _new_key(checked.sha256)
    target = evidence_root() / key
    target.parent.mkdir(parents=True, exist_ok=True)
    data.seek(0)
    with target.open("xb") as out:
        shutil.copyfileobj(data, out)
    evidence = Evidence(
        update=update,
        file_name=checked.safe_name,
        storage_key=key,
        kind=checked.kind,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor.user,
    )
    try:
        evidence.full_clean()
        evidence.save()
    except Exception:
        target.unlink(missing_ok=True)
        raise
    audit_record(
        actor=actor,
        action="evidence.attach",
        obj=evidence,
        item=update.item,
        summary=f"Đính kèm tài liệu minh chứng “{checked.safe_name}” ({checked.kind.upper()})",
    )
    return evidence


def _new_key(sha256: str) -> str:
    return f"{sha256[:2]}/{secrets.token_hex(16)}"


@transaction.atomic
def evidence_carry(
    *, actor: Actor, source: ProgressUpdate, draft: ProgressUpdate
) -> list[Evidence]:
    """Copy a returned report's evidence onto its revision draft, so the unit resubmits without
    uploading again. Each copy is a file of its own: removing it from the draft never touches
    the returned report, whose rows and files stay as they were sent."""
    carried = []
    for original in source.evidence.order_by("uploaded_at", "id"):
        key = _new_key(original.sha256)
        target = evidence_root() / key
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with evidence_open(original) as handle, target.open("xb") as out:
                shutil.copyfileobj(handle, out)
        except FileNotFoundError:
            target.unlink(missing_ok=True)
            continue  # a row whose file was lost (restored without files): nothing to carry
        copy = Evidence(
            update=draft,
            file_name=original.file_name,
            storage_key=key,
            kind=original.kind,
            content_type=original.content_type,
            size=original.size,
            sha256=original.sha256,
            uploaded_by=original.uploaded_by,
            uploaded_at=original.uploaded_at,
            carried_from=original,
        )
        copy.full_clean()
        copy.save()
        carried.append(copy)
    if carried:
        names = ", ".join(f"“{e.file_name}”" for e in carried)
        audit_record(
            actor=actor,
            action="evidence.carry",
            obj=draft,
            item=draft.item,
            summary=f"Mang {len(carried)} tài liệu minh chứng của báo cáo bị trả lại sang báo cáo "
            f"bổ sung: {names}",
        )
    return carried


@transaction.atomic
def evidence_remove(*, actor: Actor, evidence: Evidence) -> None:
    """Take a file off a draft (one carried from a returned report, or uploaded by mistake).
    Only drafts change: once sent, a report's evidence is part of the record."""
    update = evidence.update
    require_update_action(actor, update, "edit")
    if update.status != UpdateStatus.DRAFT:
        raise ValidationError("Chỉ bỏ tài liệu khỏi dự thảo báo cáo chưa gửi.")
    if update.period is not None and update.period.is_closed:
        raise ValidationError(f"Kỳ báo cáo {update.period.label} đã đóng.")
    origin = " (mang sang từ báo cáo bị trả lại)" if evidence.carried_from_id else ""
    audit_record(
        actor=actor,
        action="evidence.remove",
        obj=evidence,
        item=update.item,
        summary=f"Bỏ tài liệu minh chứng “{evidence.file_name}”{origin} khỏi dự thảo báo cáo "
        f"{update.item.code}",
        before={"file_name": evidence.file_name, "sha256": evidence.sha256},
    )
    target = evidence_root() / evidence.storage_key
    evidence.delete()
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: target.unlink(missing_ok=True))


def evidence_open(evidence: Evidence) -> BinaryIO:
    path = (evidence_root() / evidence.storage_key).resolve()
    if evidence_root().resolve() not in path.parents:
        raise ValidationError("Đường dẫn tệp không hợp lệ.")
    return path.open("rb")
