"""`tiendo report --plan 762/KH-UBND --plan 87/KH-UBND --as-of 2024-03-31 --number 15/BC-CAT …`"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tiendo.agencies.services import agency_get_by_code
from tiendo.documents.particulars import ReportSpec
from tiendo.documents.services import FORMATS, report_files
from tiendo.lib.dates import DateInputError, parse_date
from tiendo.plans.selectors import plan_by_number
from tiendo.status.selectors import AsOf


class Command(BaseCommand):
    help = "Viết báo cáo tổng hợp (DOCX, PDF, phụ lục XLSX, CSV) từ số liệu tại ngày chốt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", action="append", required=True, help="Số kế hoạch (lặp lại)")
        parser.add_argument("--as-of", required=True, help="Ngày chốt số liệu")
        parser.add_argument("--known-at", help="Dữ liệu ghi nhận đến (ISO 8601; mặc định: bây giờ)")
        parser.add_argument("--within", help="Mã tỉnh chứa kế hoạch")
        parser.add_argument("--agency", help="Chỉ tính nhiệm vụ do cơ quan này chủ trì (mã)")
        parser.add_argument("--number", required=True, help="Số báo cáo, ví dụ 15/BC-CAT")
        parser.add_argument("--issuing-body", required=True, help="Cơ quan ban hành")
        parser.add_argument("--parent-body", default="", help="Cơ quan chủ quản")
        parser.add_argument("--place", default="", help="Địa danh")
        parser.add_argument("--issued-on", help="Ngày ban hành (mặc định: hôm nay)")
        parser.add_argument("--summary", default="Kết quả thực hiện Đề án 06", help="Trích yếu")
        parser.add_argument("--to", action="append", default=[], help="Kính gửi (lặp lại)")
        parser.add_argument("--authority", default="", help="TM., KT., Q., TL., TUQ.")
        parser.add_argument("--authority-body", default="", help="Ví dụ: GIÁM ĐỐC")
        parser.add_argument("--signer-position", default="", help="Chức vụ người ký")
        parser.add_argument("--signer", default="", help="Họ và tên người ký")
        parser.add_argument("--recipient", action="append", default=[], help="Nơi nhận (lặp lại)")
        parser.add_argument(
            "--format", action="append", choices=sorted(FORMATS), help="docx, pdf, xlsx, csv"
        )
        parser.add_argument("--out", default=".", help="Thư mục ghi tệp")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            within = agency_get_by_code(options["within"]) if options["within"] else None
            known_at = (
                timezone.make_aware(dt.datetime.fromisoformat(options["known_at"]))
                if options["known_at"]
                else None
            )
            spec = ReportSpec(
                plans=[plan_by_number(number, within=within) for number in options["plan"]],
                as_of=AsOf.make(parse_date(options["as_of"], field="Ngày chốt số liệu"), known_at),
                scope_agency=agency_get_by_code(options["agency"]) if options["agency"] else None,
                number=options["number"],
                issuing_body=options["issuing_body"],
                parent_body=options["parent_body"],
                place=options["place"],
                issued_on=(
                    parse_date(options["issued_on"], field="Ngày ban hành")
                    if options["issued_on"]
                    else timezone.localdate()
                ),
                summary=options["summary"],
                addressees=options["to"],
                authority=options["authority"],
                authority_body=options["authority_body"],
                signer_position=options["signer_position"],
                signer_name=options["signer"],
                recipients=options["recipient"],
            )
            files = report_files(spec, options["format"] or ["docx"])
        except (DateInputError, ValueError) as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        for file in files:
            (out / file.name).write_bytes(file.data)
            self.stdout.write(f"Đã ghi {out / file.name} ({len(file.data):,} byte)")
