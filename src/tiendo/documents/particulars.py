"""A report request's official particulars: checked before anything is drafted."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.lib.dates import format_date
from tiendo.plans.models import Plan
from tiendo.status.selectors import AsOf

NUMBER = re.compile(r"^\d{1,5}/BC-[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*$")
AUTHORITIES = ("", "TM.", "KT.", "Q.", "TL.", "TUQ.")


# Also the report form's words for an empty field (documents.forms.ReportForm).
NO_PLANS = "Chọn ít nhất một kế hoạch."
NO_ISSUE_DATE = "Chưa nhập ngày ban hành."


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


# Field names of ReportSpec with what an official calls them, for "chưa nhập" messages.
REQUIRED: tuple[tuple[str, str], ...] = (
    ("number", "số, ký hiệu báo cáo (ví dụ 15/BC-CAT)"),
    ("issuing_body", "cơ quan ban hành"),
    ("place", "địa danh"),
    ("summary", "trích yếu"),
    ("signer_position", "chức vụ người ký"),
    ("signer_name", "họ và tên người ký"),
)
EARLIEST_KNOWN_AT = dt.date(2020, 1, 1)


def _moment(value: dt.datetime) -> str:
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%H:%M} ngày {format_date(local.date())}"


def validate_spec(spec: ReportSpec) -> None:
    """Refuse a request that would give a wrong or empty document, saying why.

    Errors are keyed by ReportSpec field, one message each, so that every caller (the web form,
    the CLI, a script) can show it next to what must change. "Today" is the local date.
    """
    errors: dict[str, str] = {}
    today = timezone.localdate()
    for name, label in REQUIRED:
        if not str(getattr(spec, name)).strip():
            errors[name] = f"Chưa nhập {label}."
    if "number" not in errors and not NUMBER.match(spec.number.strip()):
        errors["number"] = (
            f"Số báo cáo “{spec.number}” không đúng dạng số/BC-tên viết tắt cơ quan "
            "(ví dụ 15/BC-CAT)."
        )
    if not [name for name in spec.addressees if name.strip()]:
        errors["addressees"] = (
            "Chưa nhập nơi “Kính gửi” (ít nhất một cơ quan, ví dụ Ủy ban nhân dân tỉnh Nghệ An)."
        )
    elif spec.issuing_body.strip() and any(
        _same_body(name, spec.issuing_body) for name in spec.addressees
    ):
        errors["addressees"] = (
            f"“Kính gửi” không thể là chính cơ quan ban hành ({spec.issuing_body})."
        )
    if spec.authority not in AUTHORITIES:
        errors["authority"] = "Thẩm quyền ký chỉ là TM., KT., Q., TL., TUQ. hoặc để trống."
    elif spec.authority and not spec.authority_body.strip():
        errors["authority_body"] = (
            f"Sau “{spec.authority}” cần ghi tập thể hoặc người đứng đầu (ví dụ GIÁM ĐỐC, "
            "ỦY BAN NHÂN DÂN)."
        )
    if spec.deputy_of.strip() and spec.authority != "TM.":
        errors["deputy_of"] = (
            f"“KT. {spec.deputy_of.upper()}” chỉ dùng dưới “TM.” (thay mặt tập thể); "
            "khi cấp phó ký thay người đứng đầu, chọn thẩm quyền KT."
        )
    if not spec.plans:
        errors["plans"] = NO_PLANS
    cutoff = spec.as_of.date
    late = [plan for plan in spec.plans if plan.issued_on > cutoff]
    if cutoff > today:
        errors["as_of"] = (
            f"Ngày chốt số liệu {format_date(cutoff)} sau ngày hôm nay ({format_date(today)}): "
            "chưa có số liệu của ngày đó."
        )
    elif late:
        names = ", ".join(f"Kế hoạch số {p.number} ({format_date(p.issued_on)})" for p in late)
        errors["as_of"] = f"Ngày chốt số liệu {format_date(cutoff)} trước ngày ban hành {names}."
    known_at = spec.as_of.known_at
    if known_at > timezone.now():
        errors["known_at"] = (
            f"Thời điểm ghi nhận dữ liệu {_moment(known_at)} ở tương lai; "
            "hãy chọn một thời điểm đã qua."
        )
    elif timezone.localtime(known_at).date() < EARLIEST_KNOWN_AT:
        errors["known_at"] = (
            f"Thời điểm ghi nhận dữ liệu {_moment(known_at)} trước năm {EARLIEST_KNOWN_AT.year}: "
            "hãy kiểm tra lại năm."
        )
    if spec.issued_on is None:
        errors["issued_on"] = NO_ISSUE_DATE
    elif spec.issued_on < cutoff:
        errors["issued_on"] = (
            f"Ngày ban hành {format_date(spec.issued_on)} trước ngày chốt số liệu "
            f"{format_date(cutoff)}: báo cáo không thể ban hành trước khi chốt số liệu."
        )
    elif spec.issued_on > today and cutoff <= today:  # else the cut-off is what to change
        errors["issued_on"] = (
            f"Ngày ban hành {format_date(spec.issued_on)} sau ngày hôm nay "
            f"({format_date(today)}): hãy ghi ngày ký ban hành, không muộn hơn hôm nay."
        )
    if spec.next_until is not None and spec.next_until <= cutoff:
        errors["next_until"] = (
            f"Ngày cuối của “nhiệm vụ thời gian tới” {format_date(spec.next_until)} phải sau "
            f"ngày chốt số liệu {format_date(cutoff)}."
        )
    if errors:
        raise ValidationError(errors)


def _same_body(a: str, b: str) -> bool:
    def norm(name: str) -> str:
        name = " ".join(name.lower().strip(" .;").split())
        return "ủy ban nhân dân " + name[5:] if name.startswith("ubnd ") else name

    return norm(a) == norm(b)
