"""Defaults for a report request: from the issuing agency and from the cut-off date.

What an official of that agency would usually write: its name under its parent body, its
abbreviation in the number, the body it reports to, the signature form that fits it (a head-led
body signs KT. GIÁM ĐỐC; a collective one, an Ủy ban nhân dân, signs TM. ỦY BAN NHÂN DÂN /
KT. CHỦ TỊCH), and dates that follow the cut-off, never today's calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from tiendo.accounts.access import province_of
from tiendo.agencies.models import Agency, AgencyKind
from tiendo.lib.dates import format_date, quarter_end, quarter_of
from tiendo.lib.periods import CUTOFF_DAY, due_date
from tiendo.lib.text import unaccent
from tiendo.plans.models import Plan
from tiendo.progress.models import ReportingPeriod
from tiendo.progress.periods import holiday_days

SUMMARY_PREFIX = "Kết quả thực hiện Đề án 06"
# The Government's working group: where a province's own report on Đề án 06 goes.
GOVERNMENT_GROUP = "Tổ Công tác triển khai Đề án 06 của Chính phủ"
MINISTRY_OF_PUBLIC_SECURITY = "Bộ Công an"

# Bodies led collectively (Ủy ban nhân dân): signed "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH".
COLLECTIVE = (AgencyKind.PROVINCE, AgencyKind.DISTRICT, AgencyKind.COMMUNE)
KIND_ABBREVIATIONS: dict[str, str] = {
    AgencyKind.PROVINCE: "UBND",
    AgencyKind.DISTRICT: "UBND",
    AgencyKind.COMMUNE: "UBND",
    AgencyKind.POLICE: "CAT",
    AgencyKind.OFFICE: "VPUBND",
    AgencyKind.COMMUNE_POLICE: "CAX",
}
# (name starts with, head's title, deputy's title) for head-led bodies; the first match wins.
HEADS: tuple[tuple[str, str, str], ...] = (
    ("Văn phòng", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"),
    ("Thanh tra", "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA"),
    ("Ban ", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
    ("Cục ", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"),
    ("Tổ ", "TỔ TRƯỞNG", "TỔ PHÓ"),
    ("Bộ ", "BỘ TRƯỞNG", "THỨ TRƯỞNG"),
    ("Công an xã", "TRƯỞNG CÔNG AN", "PHÓ TRƯỞNG CÔNG AN"),
    ("Công an phường", "TRƯỞNG CÔNG AN", "PHÓ TRƯỞNG CÔNG AN"),
)
_UNIT_WORDS = re.compile(r"^(xã|phường|đặc khu|thị trấn)\s+", re.IGNORECASE)


def full_name(name: str) -> str:
    """'UBND tỉnh Nghệ An' -> 'Ủy ban nhân dân tỉnh Nghệ An': headers and addressees in full."""
    return "Ủy ban nhân dân " + name[5:] if name.startswith("UBND ") else name


def abbreviation(agency: Agency) -> str:
    """The agency's abbreviation in document numbers: 40.SYT -> SYT; UBND bodies -> UBND."""
    if agency.kind in KIND_ABBREVIATIONS:
        return KIND_ABBREVIATIONS[agency.kind]
    suffix = agency.code.rsplit(".", 1)[-1].upper()
    if re.fullmatch(r"[A-ZĐ][A-ZĐ0-9]*", suffix):
        return suffix
    initials = "".join(word[0] for word in unaccent(agency.name).split() if word[0].isalpha())
    return initials.upper() or "VP"


def signature_form(agency: Agency) -> dict[str, str]:
    """Authority, the body or head after it, the head a deputy signs for, the signer's title."""
    if agency.kind in COLLECTIVE:
        return {
            "authority": "TM.",
            "authority_body": "ỦY BAN NHÂN DÂN",
            "deputy_of": "CHỦ TỊCH",
            "signer_position": "PHÓ CHỦ TỊCH",
        }
    head, deputy = "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"
    for start, head_title, deputy_title in HEADS:
        if agency.name.startswith(start):
            head, deputy = head_title, deputy_title
            break
    return {"authority": "KT.", "authority_body": head, "deputy_of": "", "signer_position": deputy}


def agency_particulars(agency: Agency) -> dict[str, Any]:
    """Header, number, addressees, signature and recipients for a report of `agency`."""
    province = province_of(agency)
    province_body = full_name(province.name)
    own = agency.pk == province.pk
    if own or agency.kind == AgencyKind.NATION:
        # A province reports upward, never to itself.
        addressees = [GOVERNMENT_GROUP, MINISTRY_OF_PUBLIC_SECURITY]
        recipients = [
            "Như trên",
            "Thường trực Tỉnh ủy",
            "Thường trực HĐND tỉnh",
            "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
            "Công an tỉnh (Cơ quan Thường trực Đề án 06)",
            "Các sở, ban, ngành cấp tỉnh",
        ]
    else:
        addressees = [province_body]
        recipients = ["Như trên"]
        if agency.kind == AgencyKind.POLICE:
            recipients += ["Bộ Công an (C06)", "Thường trực Tỉnh ủy", "Các sở, ban, ngành"]
        else:
            recipients += ["Công an tỉnh (Cơ quan Thường trực Đề án 06)"]
    if agency.kind in COLLECTIVE or own:
        parent_body = ""
    elif agency.kind in (AgencyKind.CENTRAL, AgencyKind.ENTERPRISE, AgencyKind.MINISTRY):
        parent_body = ""  # their superior is central, not the province
    else:
        parent_body = province.name
    place = province.short_name or province.name
    if agency.kind == AgencyKind.COMMUNE:
        place = _UNIT_WORDS.sub("", agency.short_name or agency.name.removeprefix("UBND "))
    return {
        "issuing_agency": agency,
        "issuing_body": full_name(agency.name),
        "parent_body": parent_body,
        "place": place,
        "number": f"/BC-{abbreviation(agency)}",
        "addressees": addressees,
        "recipients": recipients,
        **signature_form(agency),
    }


def default_cutoff(today: dt.date) -> dt.date:
    """The last quarter end on or before today: provinces report "đến hết quý"."""
    end = quarter_end(today.year, quarter_of(today))
    if end <= today:
        return end
    first = dt.date(today.year, (quarter_of(today) - 1) * 3 + 1, 1)
    return first - dt.timedelta(days=1)


def default_issue_date(cutoff: dt.date, plans: Iterable[Plan], today: dt.date) -> dt.date:
    """The due date of the plans' reporting period closing on `cutoff` (the earliest, if they
    differ), else 2 working days after it (Nghị định 09 practice); never after today."""
    chosen = plans if isinstance(plans, QuerySet) else [plan.pk for plan in plans]
    period = (
        ReportingPeriod.objects.filter(plan__in=chosen, cutoff=cutoff).order_by("due_on").first()
    )
    due = period.due_on if period is not None else due_date(cutoff, holiday_days())
    # A cut-off after today is refused by validate_spec; do not add a second complaint.
    return min(due, max(today, cutoff))


def period_phrase(cutoff: dt.date) -> str:
    """What a report to this cut-off covers: 'quý I năm 2024', 'trong 6 tháng đầu năm 2024'…
    ("trong" keeps "Đề án 06" and the count of months apart.)

    A quarter end and the Nghị định 09 cut-off (the 14th of the quarter's last month) both name
    the period; any other day names the date itself.
    """
    month_end = calendar.monthrange(cutoff.year, cutoff.month)[1]
    if cutoff.day in (CUTOFF_DAY, month_end):
        if cutoff.month % 3 == 0:
            return {
                3: f"quý I năm {cutoff.year}",
                6: f"trong 6 tháng đầu năm {cutoff.year}",
                9: f"trong 9 tháng đầu năm {cutoff.year}",
                12: f"năm {cutoff.year}",
            }[cutoff.month]
        return f"tháng {cutoff.month} năm {cutoff.year}"
    return f"đến ngày {format_date(cutoff)}"


def default_summary(cutoff: dt.date) -> str:
    return f"{SUMMARY_PREFIX} {period_phrase(cutoff)}"


def default_particulars(
    agency: Agency | None, *, cutoff: dt.date, plans: Iterable[Plan] = (), today: dt.date
) -> dict[str, Any]:
    """Everything the report form starts with, for an official of `agency`."""
    initial: dict[str, Any] = {
        "ngay": cutoff,
        "issued_on": default_issue_date(cutoff, plans, today),
        "summary": default_summary(cutoff),
        "number": "/BC-",
    }
    if agency is not None:
        initial.update(agency_particulars(agency))
    return initial
