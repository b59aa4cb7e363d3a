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

from tiendo.accounts.access import Actor
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
    if update.status != UpdateStatus.DRAFT:
        raise ValidationError("Chỉ đính kèm tài liệu vào dự thảo báo cáo chưa gửi.")
    if update.period is not None and update.period.is_closed:
        raise ValidationError(f"Kỳ báo cáo {update.period.label} đã đóng.")
    try:
        checked = check_upload(name, data, size, settings.TIENDO_EVIDENCE_MAX_BYTES)
    except UploadRejected as error:
        raise ValidationError(str(error)) from None
    key = f"{checked.sha256[:2]}/{secrets.token_hex(16)}"
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


def evidence_open(evidence: Evidence) -> BinaryIO:
    path = (evidence_root() / evidence.storage_key).resolve()
    if evidence_root().resolve() not in path.parents:
        raise ValidationError("Đường dẫn tệp không hợp lệ.")
    return path.open("rb")
