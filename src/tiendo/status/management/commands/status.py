"""`tiendo status --plan 762/KH-UBND --as-of 2024-03-31 [--json]`: the figures and the sentences."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tiendo.agencies.services import agency_get_by_code
from tiendo.lib.dates import DateInputError, format_date, parse_date, parse_known_at
from tiendo.plans.models import ItemKind
from tiendo.plans.selectors import plan_by_number
from tiendo.status.phrases import plan_sentences
from tiendo.status.selectors import AsOf, Counts, Scope, status_summary


class Command(BaseCommand):
    help = "In tình hình thực hiện một kế hoạch tại một ngày chốt số liệu."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="Số, ký hiệu kế hoạch (762/KH-UBND)")
        parser.add_argument("--as-of", required=True, help="Ngày chốt số liệu (31/03/2024)")
        parser.add_argument(
            "--known-at", help="Chỉ tính dữ liệu ghi nhận đến thời điểm này (ISO 8601)"
        )
        parser.add_argument("--within", help="Mã tỉnh hoặc cơ quan ban hành kế hoạch (40)")
        parser.add_argument("--agency", help="Chỉ tính nhiệm vụ do cơ quan này chủ trì (mã)")
        parser.add_argument("--json", action="store_true", help="Kết quả dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = AsOf.make(
                parse_date(options["as_of"], field="Ngày chốt số liệu"),
                _known_at(options["known_at"]),
            )
            within = agency_get_by_code(options["within"]) if options["within"] else None
            agency = agency_get_by_code(options["agency"]) if options["agency"] else None
            plan = plan_by_number(options["plan"], within=within)
        except (DateInputError, ValidationError) as error:
            raise CommandError(_message(error)) from None
        summary = status_summary(Scope(plan=plan, agency=agency), as_of)
        where = agency.label if agency else "toàn tỉnh"
        sentences = plan_sentences(plan, summary, where)
        if options["json"]:
            self.stdout.write(
                json.dumps(_as_json(plan.number, summary, sentences), ensure_ascii=False, indent=2)
            )
            return
        self.stdout.write(f"Kế hoạch số {plan.number}: {plan.title}")
        self.stdout.write(
            f"Số liệu tính đến ngày {format_date(as_of.date)}, "
            f"ghi nhận đến {timezone.localtime(as_of.known_at):%H:%M %d/%m/%Y}"
        )
        for sentence in sentences:
            self.stdout.write(f"- {sentence}")


def _known_at(raw: str | None) -> dt.datetime | None:
    return parse_known_at(raw) if raw else None


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _counts(counts: Counts) -> dict[str, Any]:
    return {
        "total": counts.total,
        "done": counts.done,
        "in_progress": counts.in_progress,
        "not_started": counts.not_started,
        "paused": counts.paused,
        "unfinished": counts.unfinished,
        "overdue": counts.overdue,
        "by_state": counts.by_state,
        "by_deadline_class": counts.by_class,
    }


def _as_json(number: str, summary: Any, sentences: list[str]) -> dict[str, Any]:
    return {
        "plan": number,
        "as_of": summary.as_of.date.isoformat(),
        "known_at": timezone.localtime(summary.as_of.known_at).isoformat(),
        "due_soon_days": summary.as_of.due_soon_days,
        "all": _counts(summary.all),
        "models": _counts(summary.kind(ItemKind.MODEL)),
        "tasks": _counts(summary.kind(ItemKind.TASK)),
        "groups_total": summary.groups_total,
        "groups_with_unfinished": summary.groups_with_unfinished,
        "sentences": sentences,
    }
