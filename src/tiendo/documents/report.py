"""The consolidated report (Báo cáo tổng hợp): what it says, computed from the as-of engine.

`build_report` validates the request, gathers the figures (all from the status selectors) and
writes the draft text in Vietnamese; the writers in docx_writer / xlsx_writer / csv_writer turn a
Report into files. The same spec (plans, scope, D, K) always gives the same content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.db.models import Count

from tiendo.agencies.models import Agency
from tiendo.documents.particulars import ReportSpec, validate_spec
from tiendo.lib.dates import cutoff_phrase, format_date
from tiendo.lib.text import format_count, format_percent
from tiendo.progress.models import Obstacle, ObstacleCategory, ReportingPeriod
from tiendo.progress.selectors import (
    Compliance,
    compliance_for_period,
    recommendations_by_addressee,
)
from tiendo.status.phrases import plan_sentences
from tiendo.status.selectors import (
    Counts,
    DeadlineClass,
    ItemStatus,
    Scope,
    Summary,
    item_statuses,
    iter_item_statuses,
    latest_update_ids,
    status_by,
    status_summary,
)

NEXT_PERIOD_DAYS = 90


@dataclass
class Section:
    """A numbered part of the body: heading and paragraphs (editable before export)."""

    heading: str
    paragraphs: list[str]


@dataclass
class Report:
    """A report ready to be written: its particulars, text and annex data."""

    spec: ReportSpec
    summaries: dict[int, Summary]
    sections: list[Section]
    overdue_count: int
    compliance: list[tuple[ReportingPeriod, list[Compliance]]]
    scope: Scope = field(default_factory=Scope)

    def items(self) -> Iterator[list[ItemStatus]]:
        """Annex I rows, streamed in chunks."""
        return iter_item_statuses(self.scope, self.spec.as_of)

    def overdue(self) -> Iterator[list[ItemStatus]]:
        """Annex II rows, the longest overdue first, streamed in chunks."""
        return iter_item_statuses(
            self.scope, self.spec.as_of, deadline_classes=[DeadlineClass.OVERDUE], by_deadline=True
        )

    def with_sections(self, sections: list[Section]) -> Report:
        return replace(self, sections=sections)


def build_report(spec: ReportSpec) -> Report:
    validate_spec(spec)
    scope = Scope(plans=list(spec.plans), agency=spec.scope_agency)
    summaries = {
        plan.pk: status_summary(Scope(plan=plan, agency=spec.scope_agency), spec.as_of)
        for plan in spec.plans
    }
    if not any(summary.all.total for summary in summaries.values()):
        raise ValidationError(
            "Không có nhiệm vụ, mô hình nào trong phạm vi báo cáo tại ngày chốt số liệu "
            f"{format_date(spec.as_of.date)}; không tạo báo cáo rỗng."
        )
    report = Report(
        spec=spec,
        summaries=summaries,
        sections=[],
        overdue_count=sum(summary.all.overdue for summary in summaries.values()),
        compliance=_compliance(spec),
        scope=scope,
    )
    report.sections = draft_sections(report)
    return report


def _compliance(spec: ReportSpec) -> list[tuple[ReportingPeriod, list[Compliance]]]:
    """The latest closed-by-cut-off period of each plan and who reported in it."""
    out = []
    for plan in spec.plans:
        period = (
            ReportingPeriod.objects.filter(plan=plan, cutoff__lte=spec.as_of.date)
            .order_by("-cutoff", "kind")
            .first()
        )
        if period is not None:
            out.append((period, compliance_for_period(period, known_at=spec.as_of.known_at)))
    return out


def draft_sections(report: Report) -> list[Section]:
    spec = report.spec
    return [
        Section("I. KẾT QUẢ THỰC HIỆN", _results(report)),
        Section("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", _limitations(report)),
        Section("III. CÁC ĐƠN VỊ CHẬM TIẾN ĐỘ", _behind(report)),
        Section("IV. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI", _next_tasks(report)),
        Section(
            "V. ĐỀ XUẤT, KIẾN NGHỊ",
            _recommendations(report)
            or [f"Chưa có kiến nghị của các đơn vị {cutoff_phrase(spec.as_of.date)}."],
        ),
    ]


def _results(report: Report) -> list[str]:
    paragraphs = []
    for plan in report.spec.plans:
        summary = report.summaries[plan.pk]
        if not summary.all.total:
            continue
        paragraphs.extend(plan_sentences(plan, summary, report.spec.where))
        done = summary.all
        paragraphs.append(
            f"Tính đến ngày {format_date(report.spec.as_of.date)}, tỷ lệ hoàn thành của Kế hoạch "
            f"số {plan.number} đạt {_percent(done.done, done.total)}; "
            f"{format_count(done.overdue)} nhiệm vụ, mô hình quá hạn."
        )
    return paragraphs


def _limitations(report: Report) -> list[str]:
    all_counts = Counts()
    for summary in report.summaries.values():
        for state, n in summary.all.by_state.items():
            all_counts.by_state[state] += n
        for name, n in summary.all.by_class.items():
            all_counts.by_class[name] += n
    paragraphs = [
        f"Còn {format_count(all_counts.overdue)} nhiệm vụ, mô hình quá hạn và "
        f"{format_count(all_counts.not_started)} nhiệm vụ, mô hình chưa triển khai; báo cáo "
        "của một số đơn vị chưa cụ thể, chưa nêu rõ sản phẩm định lượng."
    ]
    causes = (
        Obstacle.objects.filter(update_id__in=latest_update_ids(report.scope, report.spec.as_of))
        .values("category")
        .annotate(n=Count("update__item", distinct=True))
        .order_by("-n", "category")
    )
    labels = dict(ObstacleCategory.choices)
    listed = [
        f"{_lower_first(labels[row['category']])} ({format_count(row['n'])})" for row in causes
    ]
    if listed:
        paragraphs.append(
            "Nguyên nhân chủ yếu theo báo cáo của các đơn vị (số nhiệm vụ, mô hình): "
            + "; ".join(listed)
            + "."
        )
    return paragraphs


def _behind(report: Report) -> list[str]:
    per_agency = status_by(report.scope, report.spec.as_of, "lead_agency_id")
    behind = sorted(
        ((agency_id, counts) for agency_id, counts in per_agency.items() if counts.overdue),
        key=lambda pair: (-pair[1].overdue, -pair[1].not_started),
    )
    if not behind:
        return ["Không có đơn vị nào có nhiệm vụ, mô hình quá hạn."]
    names = Agency.objects.in_bulk([agency_id for agency_id, _ in behind])
    return [
        f"- {names[agency_id].name}: {format_count(counts.overdue)} nhiệm vụ, mô hình quá hạn"
        + (f", {format_count(counts.not_started)} chưa triển khai" if counts.not_started else "")
        + f" (trên tổng số {format_count(counts.total)} được giao)."
        for agency_id, counts in behind
    ]


def _next_tasks(report: Report) -> list[str]:
    horizon = report.spec.as_of.date + dt.timedelta(days=NEXT_PERIOD_DAYS)
    upcoming = item_statuses(
        report.scope,
        report.spec.as_of,
        deadline_classes=[DeadlineClass.IN_TIME, DeadlineClass.DUE_SOON],
        deadline_until=horizon,
        by_deadline=True,
        limit=20,
    )
    lines = [
        "Tập trung hoàn thành các nhiệm vụ quá hạn; các sở, ngành, địa phương chủ động bố trí "
        "kinh phí, nhân lực, phân công rõ người, rõ việc, rõ thời gian, có sản phẩm định lượng "
        "cụ thể."
    ]
    lines += [
        f"- {row.item.title} ({row.item.lead_agency.label}; hạn {format_date(row.deadline_now)})."
        for row in upcoming[:20]
        if row.deadline_now
    ]
    return lines


def _recommendations(report: Report) -> list[str]:
    paragraphs = []
    groups = recommendations_by_addressee(report.scope, report.spec.as_of)
    for number, group in enumerate(groups, start=1):
        paragraphs.append(f"{number}. Đối với {group.addressee.name}:")
        for content, items in group.contents:
            listed = ", ".join(item.code for item in items)
            paragraphs.append(f"- {content} (nhiệm vụ, mô hình: {listed}).")
    return paragraphs


def _percent(part: int, whole: int) -> str:
    return format_percent(100.0 * part / whole if whole else 0.0)


def _lower_first(text: str) -> str:
    """'Hạ tầng kỹ thuật' -> 'hạ tầng kỹ thuật', keeping abbreviations such as TW intact."""
    return text[:1].lower() + text[1:]
