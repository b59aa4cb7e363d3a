"""`tiendo report --plan 762/KH-UBND --plan 87/KH-UBND --as-of 2024-03-31 --number 15/BC-CAT …`

With `--issuing-agency 40.CAT` the header, addressees, signature form and recipients default
to that agency's (as on the web page); each option given explicitly wins. The issue date and
the summary default from the cut-off. Every particular must end up filled in: validate_spec
refuses the request otherwise, naming each missing one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tiendo.agencies.services import agency_get_by_code
from tiendo.documents.particulars import ReportSpec
from tiendo.documents.selectors import (
    agency_particulars,
    default_issue_date,
    default_summary,
    full_name,
)
from tiendo.documents.services import FORMATS, report_files
from tiendo.lib.dates import DateInputError, parse_date, parse_known_at
from tiendo.plans.selectors import plan_by_number
from tiendo.status.selectors import AsOf

# option name -> ReportSpec field, for the particulars an agency can supply.
PARTICULARS = {
    "issuing_body": "issuing_body",
    "parent_body": "parent_body",
    "place": "place",
    "to": "addressees",
    "authority": "authority",
    "authority_body": "authority_body",
    "deputy_of": "deputy_of",
    "signer_position": "signer_position",
    "recipient": "recipients",
}

FIELD_OPTIONS = {
    "number": "--number",
    "issuing_body": "--issuing-body",
    "place": "--place",
    "issued_on": "--issued-on",
    "summary": "--summary",
    "addressees": "--to",
    "signer_position": "--signer-position",
    "signer_name": "--signer",
    "authority": "--authority",
    "authority_body": "--authority-body",
    "deputy_of": "--deputy-of",
    "as_of": "--as-of",
    "known_at": "--known-at",
    "next_until": "--next-until",
    "plans": "--plan",
}


class Command(BaseCommand):
    help = "Viết báo cáo tổng hợp (DOCX, PDF, phụ lục XLSX, CSV) từ số liệu tại ngày chốt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", action="append", required=True, help="Số kế hoạch (lặp lại)")
        parser.add_argument("--as-of", required=True, help="Ngày chốt số liệu")
        parser.add_argument("--known-at", help="Dữ liệu ghi nhận đến (ISO 8601; mặc định: bây giờ)")
        parser.add_argument("--within", help="Mã tỉnh chứa kế hoạch")
        parser.add_argument("--agency", help="Chỉ tính nhiệm vụ do cơ quan này chủ trì (mã)")
        parser.add_argument(
            "--issuing-agency",
            help="Mã cơ quan ban hành, ví dụ 40.CAT: thể thức mặc định theo cơ quan này",
        )
        parser.add_argument("--number", required=True, help="Số báo cáo, ví dụ 15/BC-CAT")
        parser.add_argument("--issuing-body", help="Cơ quan ban hành (hoặc --issuing-agency)")
        parser.add_argument("--parent-body", help="Cơ quan chủ quản")
        parser.add_argument("--place", help="Địa danh (mặc định: theo cơ quan ban hành)")
        parser.add_argument(
            "--issued-on",
            help="Ngày ban hành (mặc định: hạn gửi báo cáo của kỳ, không muộn hơn hôm nay)",
        )
        parser.add_argument("--summary", help="Trích yếu (mặc định: theo ngày chốt số liệu)")
        parser.add_argument("--to", action="append", help="Kính gửi (lặp lại)")
        parser.add_argument("--authority", help="TM., KT., Q., TL., TUQ.")
        parser.add_argument("--authority-body", help="Ví dụ: GIÁM ĐỐC, ỦY BAN NHÂN DÂN")
        parser.add_argument("--deputy-of", help="Dưới TM.: người đứng đầu được ký thay (CHỦ TỊCH)")
        parser.add_argument("--signer-position", help="Chức vụ người ký")
        parser.add_argument("--signer", default="", help="Họ và tên người ký")
        parser.add_argument("--recipient", action="append", help="Nơi nhận (lặp lại)")
        parser.add_argument(
            "--next-until",
            help="Nhiệm vụ thời gian tới: đến ngày (mặc định: quý tiếp theo sau ngày chốt)",
        )
        parser.add_argument(
            "--format", action="append", choices=sorted(FORMATS), help="docx, pdf, xlsx, csv"
        )
        parser.add_argument("--out", default=".", help="Thư mục ghi tệp")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            spec = self.spec(options)
            files = report_files(spec, options["format"] or ["docx"])
        except (DateInputError, ValueError) as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(_messages(error)) from None
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        for file in files:
            (out / file.name).write_bytes(file.data)
            self.stdout.write(f"Đã ghi {out / file.name} ({len(file.data):,} byte)")

    def spec(self, options: dict[str, Any]) -> ReportSpec:
        within = agency_get_by_code(options["within"]) if options["within"] else None
        known_at = None
        if options["known_at"]:
            try:
                known_at = parse_known_at(options["known_at"], option="--known-at")
            except DateInputError as error:
                raise CommandError(str(error)) from None
        cutoff = parse_date(options["as_of"], field="Ngày chốt số liệu")
        plans = [plan_by_number(number, within=within) for number in options["plan"]]
        particulars: dict[str, Any] = {}
        if options["issuing_agency"]:
            particulars = agency_particulars(agency_get_by_code(options["issuing_agency"]))
        for option, name in PARTICULARS.items():
            if options[option] is not None:
                particulars[name] = options[option]
        particulars.setdefault("addressees", [])
        if not particulars["addressees"] and particulars.get("parent_body"):
            # A body under UBND tỉnh reports to it, written in full.
            particulars["addressees"] = [full_name(particulars["parent_body"])]
        if particulars["addressees"] and "recipients" not in particulars:
            particulars["recipients"] = ["Như trên"]
        particulars.pop("number", None)
        today = timezone.localdate()
        return ReportSpec(
            plans=plans,
            as_of=AsOf.make(cutoff, known_at),
            scope_agency=agency_get_by_code(options["agency"]) if options["agency"] else None,
            number=options["number"],
            issued_on=(
                parse_date(options["issued_on"], field="Ngày ban hành")
                if options["issued_on"]
                else default_issue_date(cutoff, plans, today)
            ),
            summary=options["summary"] or default_summary(cutoff),
            signer_name=options["signer"],
            next_until=(
                parse_date(options["next_until"], field="Nhiệm vụ thời gian tới: đến ngày")
                if options["next_until"]
                else None
            ),
            **{"issuing_body": "", "place": "", **particulars},
        )


def _messages(error: ValidationError) -> str:
    """Each refusal with the option to change, one per line."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    return "\n".join(
        f"{FIELD_OPTIONS.get(name, name)}: {message}"
        for name, messages in error.message_dict.items()
        for message in messages
    )
