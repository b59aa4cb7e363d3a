"""A report request's official particulars: checked before anything is drafted."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from tiendo.agencies.models import Agency
from tiendo.lib.dates import format_date
from tiendo.plans.models import Plan
from tiendo.status.selectors import AsOf

NUMBER = re.compile(r"^\d{1,5}/BC-[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*$")
AUTHORITIES = ("", "TM.", "KT.", "Q.", "TL.", "TUQ.")


@dataclass(frozen=True)
class ReportSpec:
    """What the user asks for: scope, cut-off, and the document's official particulars."""

    plans: Sequence[Plan]
    as_of: AsOf
    number: str
    issuing_body: str
    parent_body: str = ""
    scope_agency: Agency | None = None
    place: str = ""
    issued_on: dt.date | None = None
    summary: str = ""
    addressees: Sequence[str] = ()
    authority: str = ""
    authority_body: str = ""
    signer_position: str = ""
    signer_name: str = ""
    recipients: Sequence[str] = ()
    where: str = "toàn tỉnh"
    # The agency whose report this is (defaults and its name at the cut-off come from it).
    issuing_agency: Agency | None = None
    # TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH: the head a deputy signs for.
    deputy_of: str = ""
    # Section IV lists what falls due after the cut-off up to this day (None: the next quarter).
    next_until: dt.date | None = None

    def signature_lines(self) -> list[str]:
        """The bold capital lines above the signer's name, as Nghị định 30 writes them."""
        lines = []
        if self.authority:
            lines.append(f"{self.authority} {self.authority_body}".strip())
        if self.deputy_of:
            lines.append(f"KT. {self.deputy_of}")
        lines.append(self.signer_position)
        return [line.upper() for line in lines if line.strip()]


def validate_spec(spec: ReportSpec) -> None:
    """Refuse a request that would give a wrong or empty document, saying why."""
    errors: dict[str, str] = {}
    if not NUMBER.match(spec.number.strip()):
        errors["number"] = (
            f"Số báo cáo “{spec.number}” không đúng dạng số/BC-tên viết tắt cơ quan "
            "(ví dụ 15/BC-CAT)."
        )
    if spec.authority not in AUTHORITIES:
        errors["authority"] = "Thẩm quyền ký chỉ là TM., KT., Q., TL., TUQ. hoặc để trống."
    if not spec.plans:
        errors["plans"] = "Chọn ít nhất một kế hoạch."
    late = [plan for plan in spec.plans if plan.issued_on > spec.as_of.date]
    if late:
        names = ", ".join(f"Kế hoạch số {p.number} ({format_date(p.issued_on)})" for p in late)
        errors["as_of"] = (
            f"Ngày chốt số liệu {format_date(spec.as_of.date)} trước ngày ban hành {names}."
        )
    if errors:
        raise ValidationError(errors)
