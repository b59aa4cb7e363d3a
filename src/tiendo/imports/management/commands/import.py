"""`tiendo import plan FILE [--number 150/KH-UBND --issued-on 10/05/2024 --title …] [--dry-run]`

What the file's title rows say (number, date, trích yếu, programme) is used where an option is
not given. Questions the preview asks (a collective lead, an abolished body) are answered with
`--decide "TEXT=CHOICE"`, CHOICE being `moi` (one item per member), an agency code, `ke-thua`
or `bo`; `--use-successors` answers every abolished body with its successor.
"""

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
    help = (
        "Nhập phụ lục kế hoạch (XLSX, XLS, ODS, CSV, DOCX): xem trước, rồi ghi tất cả hoặc "
        "không ghi gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        plan = sub.add_parser("plan", help="Phụ lục danh mục nhiệm vụ của một kế hoạch")
        plan.add_argument("file")
        plan.add_argument("--number", help="Số, ký hiệu kế hoạch (mặc định: theo tiêu đề tệp)")
        plan.add_argument("--issued-on", help="Ngày ban hành (mặc định: theo tiêu đề tệp)")
        plan.add_argument("--title", help="Trích yếu (mặc định: theo tiêu đề tệp)")
        plan.add_argument("--issuer", default="40", help="Mã cơ quan ban hành (mặc định 40)")
        plan.add_argument("--kind", choices=ItemKind.values, default=ItemKind.TASK)
        plan.add_argument("--programme", help="Mã đề án (mặc định DA06 nếu tiêu đề nêu Đề án 06)")
        plan.add_argument("--default-deadline", help="Thời hạn chung khi tệp không có cột thời hạn")
        plan.add_argument(
            "--decide",
            action="append",
            default=[],
            metavar="TEXT=CHOICE",
            help="Trả lời một câu hỏi của bản xem trước (có thể lặp lại)",
        )
        plan.add_argument(
            "--use-successors",
            action="store_true",
            help="Dùng cơ quan kế thừa cho mọi cơ quan đã thôi hoạt động",
        )
        plan.add_argument("--dry-run", action="store_true", help="Chỉ xem trước, không ghi")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            annex = read_annex(path.name, path.read_bytes())
            facts = annex.facts
            code = options["programme"] or ("DA06" if facts.is_de_an_06 else None)
            if code is None:
                raise CommandError(
                    "Tệp không nêu kế hoạch thực hiện Đề án 06; hãy chỉ rõ --programme."
                )
            programme = Programme.objects.filter(code=code).first()
            if programme is None:
                raise CommandError(f"Không có đề án mã “{code}”.")
            number = options["number"] or facts.number
            issued_on = (
                parse_date(options["issued_on"], field="Ngày ban hành")
                if options["issued_on"]
                else facts.issued_on
            )
            title = options["title"] or annex.suggested_title
            if not number:
                raise CommandError("Tệp không ghi số kế hoạch; hãy cho --number.")
            if issued_on is None:
                raise CommandError("Tệp không ghi ngày ban hành; hãy cho --issued-on.")
            if not title:
                raise CommandError("Tệp không ghi trích yếu; hãy cho --title.")
            default_deadline = (
                parse_date(options["default_deadline"], field="Thời hạn chung")
                if options["default_deadline"]
                else None
            )
            decisions = {}
            for answer in options["decide"]:
                text, sep, choice = answer.rpartition("=")
                if not sep or not text.strip():
                    raise CommandError(f"“{answer}”: cần dạng NỘI DUNG=LỰA CHỌN.")
                decisions[f"lead:{' '.join(text.split())}"] = choice.strip()
                decisions[f"name:{text.strip()}"] = choice.strip()
            preview = plan_import(
                annex=annex,
                programme=programme,
                number=number,
                issued_on=issued_on,
                issuing_agency=agency_get_by_code(options["issuer"]),
                title=title,
                kind=options["kind"],
                decisions=decisions,
                use_successors=options["use_successors"],
                default_deadline=default_deadline,
                commit=not options["dry_run"],
            )
        except (AnnexRejected, DateInputError, OSError) as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Kế hoạch số {number}, ngày {issued_on:%d/%m/%Y}: {preview.summary}.")
        for note in preview.notes:
            self.stdout.write(f"  {note}")
        for decision in preview.undecided:
            self.stderr.write(f"- Cần chọn cho “{decision.text}” ({len(decision.lines)} dòng): ")
            self.stderr.write(f"  {decision.question}")
            for value, label in decision.choices[:12]:
                self.stderr.write(f'    --decide "{decision.text}={value}"  ({label})')
        for problem in preview.problems:
            self.stderr.write(f"- {problem}")
        if preview.problems or preview.undecided:
            raise CommandError(
                f"Có {len(preview.problems)} lỗi, {len(preview.undecided)} chỗ cần chọn; không ghi "
                "dữ liệu nào."
            )
        self.stdout.write("Đã nhập." if preview.committed else "Xem trước: chưa ghi dữ liệu.")
