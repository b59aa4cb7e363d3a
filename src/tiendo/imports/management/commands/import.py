"""`tiendo import plan FILE --number 150/KH-UBND --issued-on 10/05/2024 --title … [--dry-run]`"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiendo.agencies.services import agency_get_by_code
from tiendo.imports.annex import AnnexRejected, plan_import, read_annex
from tiendo.lib.dates import DateInputError, parse_date
from tiendo.plans.models import ItemKind, Programme


class Command(BaseCommand):
    help = "Nhập phụ lục kế hoạch (XLSX, CSV): xem trước, rồi ghi tất cả hoặc không ghi gì."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        plan = sub.add_parser("plan", help="Phụ lục danh mục nhiệm vụ của một kế hoạch")
        plan.add_argument("file")
        plan.add_argument("--number", required=True, help="Số, ký hiệu kế hoạch")
        plan.add_argument("--issued-on", required=True, help="Ngày ban hành")
        plan.add_argument("--title", required=True, help="Trích yếu")
        plan.add_argument("--issuer", default="40", help="Mã cơ quan ban hành (mặc định 40)")
        plan.add_argument("--kind", choices=ItemKind.values, default=ItemKind.TASK)
        plan.add_argument("--programme", default="DA06")
        plan.add_argument("--dry-run", action="store_true", help="Chỉ xem trước, không ghi")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            programme = Programme.objects.filter(code=options["programme"]).first()
            if programme is None:
                raise CommandError(f"Không có đề án mã “{options['programme']}”.")
            preview = plan_import(
                annex=read_annex(path.name, path.read_bytes()),
                programme=programme,
                number=options["number"],
                issued_on=parse_date(options["issued_on"], field="Ngày ban hành"),
                issuing_agency=agency_get_by_code(options["issuer"]),
                title=options["title"],
                kind=options["kind"],
                commit=not options["dry_run"],
            )
        except (AnnexRejected, DateInputError, OSError) as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"{len(preview.groups)} nhóm; {len(preview.create)} nhiệm vụ mới, "
            f"{len(preview.update)} nhiệm vụ cập nhật."
        )
        for problem in preview.problems:
            self.stderr.write(f"- {problem}")
        if preview.problems:
            raise CommandError(f"Có {len(preview.problems)} lỗi; không ghi dữ liệu nào.")
        self.stdout.write("Đã nhập." if preview.committed else "Xem trước: chưa ghi dữ liệu.")
