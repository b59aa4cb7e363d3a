"""The consolidated report (Báo cáo tổng hợp): what it says, computed from the as-of engine.

`build_report` validates the request, gathers the figures (all from the status selectors) and
writes the draft text in Vietnamese; the writers in docx_writer / xlsx_writer / csv_writer turn a
Report into files. The same spec (plans, scope, D, K) always gives the same content.

Every agency is named as it was on the cut-off D: an abolished body by the body that carries its
work on D (its primary successor), in the body and in the annexes alike, always by its full name.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from tiendo.agencies.models import Agency, AgencyKind
from tiendo.agencies.selectors import primary_successor_map
from tiendo.documents.counting import (
    items_done_without_evidence,
    items_with_obstacle,
    items_without_quantified_product,
    items_without_quantified_result,
    obstacle_categories,
)
from tiendo.documents.particulars import ReportSpec, validate_spec
from tiendo.indicators.models import Indicator
from tiendo.indicators.selectors import TrendPoint, indicators_as_of
from tiendo.lib.dates import cutoff_phrase, format_date, quarter_end, quarter_of
from tiendo.lib.text import fold, format_count, format_decimal, format_percent
from tiendo.plans.models import Item, Plan
from tiendo.progress.models import ObstacleCategory, ReportingPeriod
from tiendo.progress.selectors import natural_key
from tiendo.readmodels.reporting import (
    Compliance,
    compliance_for_period,
    recommendations_by_addressee,
)
from tiendo.status.phrases import plan_sentences
from tiendo.status.selectors import (
    AsOf,
    Counts,
    DeadlineClass,
    ItemStatus,
    Scope,
    Summary,
    item_statuses,
    iter_item_statuses,
    status_by,
    status_summary,
)

# How many items a sentence names before "và N nhiệm vụ, mô hình khác".
LIST_MAX = 10
# Section IV names this many items per agency; the count covers all of them.
NEXT_PER_AGENCY_MAX = 10
NEXT_PAGE = 2000

# A cause as a sentence's subject (the category is what the reports say, nothing more).
CAUSES: dict[str, str] = {
    ObstacleCategory.INFRASTRUCTURE: "Vướng mắc về hạ tầng kỹ thuật",
    ObstacleCategory.NO_GUIDANCE: "Chưa có hướng dẫn của bộ, ngành Trung ương",
    ObstacleCategory.FUNDING: "Khó khăn về kinh phí thực hiện",
    ObstacleCategory.STAFF: "Khó khăn về nhân lực",
    ObstacleCategory.LEGAL: "Vướng mắc về thể chế, pháp lý",
    ObstacleCategory.DATA: "Vướng mắc về dữ liệu",
    ObstacleCategory.COORDINATION: "Khó khăn trong phối hợp giữa các đơn vị",
    ObstacleCategory.NOT_PROACTIVE: "Đơn vị chưa chủ động triển khai",
    ObstacleCategory.OTHER: "Nguyên nhân khác",
}


@dataclass
class Section:
    """A numbered part of the body: heading and paragraphs (editable before export).

    A section whose heading is "" is an unnumbered block (the opening paragraph)."""

    heading: str
    paragraphs: list[str]


class AgencyNames:
    """Agencies as named on a cut-off: an abolished body by its successor at D (cached)."""

    def __init__(self, day: dt.date, known_at: dt.datetime | None = None) -> None:
        self.day = day
        self.successors = primary_successor_map(day, known_at=known_at)
        self._agencies: dict[int, Agency] = {}

    def responsible_id(self, agency_id: int) -> int:
        return self.successors.get(agency_id, agency_id)

    def load(self, agency_ids: Iterable[int]) -> None:
        """Fetch, in one query, the agencies (at D) not seen yet."""
        wanted = {self.responsible_id(agency_id) for agency_id in agency_ids}
        missing = wanted - self._agencies.keys()
        if missing:
            self._agencies.update(Agency.objects.in_bulk(missing))

    def agency(self, agency_id: int) -> Agency:
        self.load([agency_id])
        return self._agencies[self.responsible_id(agency_id)]

    def name(self, agency_id: int) -> str:
        return self.agency(agency_id).name

    def names(self, agency_ids: Iterable[int], *, besides: int | None = None) -> list[str]:
        """Full names at D, each once, in the given order (without the agency besides)."""
        ids = list(agency_ids)
        self.load(ids)
        skip = None if besides is None else self.responsible_id(besides)
        seen: dict[int, str] = {}
        for agency_id in ids:
            current = self.responsible_id(agency_id)
            if current != skip and current not in seen:
                seen[current] = self._agencies[current].name
        return list(seen.values())


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
        """Every item in scope, streamed in chunks."""
        return iter_item_statuses(self.scope, self.spec.as_of)

    def overdue(self) -> Iterator[list[ItemStatus]]:
        """The overdue items, the longest overdue first, streamed in chunks."""
        return iter_item_statuses(
            self.scope, self.spec.as_of, deadline_classes=[DeadlineClass.OVERDUE], by_deadline=True
        )

    def plan_scope(self, plan: Plan) -> Scope:
        return Scope(plan=plan, agency=self.spec.scope_agency)

    def agency_names(self) -> AgencyNames:
        return AgencyNames(self.spec.as_of.date, self.spec.as_of.known_at)

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
    names = report.agency_names()
    return [
        Section("", [_opening(report, names)]),
        Section("I. KẾT QUẢ THỰC HIỆN", _results(report)),
        Section("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", _limitations(report, names)),
        Section("III. CÁC ĐƠN VỊ CHẬM TIẾN ĐỘ", _behind(report, names)),
        Section("IV. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI", _next_tasks(report, names)),
        Section(
            "V. ĐỀ XUẤT, KIẾN NGHỊ",
            _recommendations(report, names)
            or [f"Chưa có kiến nghị của các đơn vị {cutoff_phrase(spec.as_of.date)}."],
        ),
    ]


# Opening -----------------------------------------------------------------------------------


def issuer_phrase(agency: Agency) -> str:
    """How a plan's issuer is cited: a provincial people's committee as "UBND tỉnh" (or "UBND
    thành phố" for a centrally run city), any other body by its full name."""
    if agency.kind == AgencyKind.PROVINCE:
        for prefix in ("UBND thành phố", "UBND tỉnh", "Ủy ban nhân dân thành phố"):
            if agency.name.startswith(prefix):
                return prefix.replace("Ủy ban nhân dân", "UBND")
        return "UBND tỉnh"
    return agency.name


def plan_reference(plan: Plan, names: AgencyNames) -> str:
    """'Kế hoạch số 87/KH-UBND ngày 06/02/2024 của UBND tỉnh về triển khai thực hiện …'"""
    title = lower_first(plan.title.strip().rstrip("."))
    about = title if title.startswith("về ") else f"về {title}"
    issuer = issuer_phrase(names.agency(plan.issuing_agency_id))
    return f"Kế hoạch số {plan.number} ngày {format_date(plan.issued_on)} của {issuer} {about}"


def cutoff_with_year(day: dt.date) -> str:
    """cutoff_phrase with the year when it names a quarter ('đến hết quý I năm 2024')."""
    phrase = cutoff_phrase(day)
    return f"{phrase} năm {day.year}" if phrase.startswith("đến hết quý") else phrase


def _opening(report: Report, names: AgencyNames) -> str:
    spec = report.spec
    plans = "; ".join(plan_reference(plan, names) for plan in spec.plans)
    body = spec.issuing_body.strip()
    if not body and spec.issuing_agency is not None:
        body = names.name(spec.issuing_agency.pk)
    return (
        f"Thực hiện {plans}; {body or 'cơ quan thường trực'} báo cáo kết quả thực hiện "
        f"{cutoff_with_year(spec.as_of.date)} như sau:"
    )


# I. Results and indicators ------------------------------------------------------------------


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
    paragraphs.extend(_indicators(report))
    return paragraphs


def indicator_area(report: Report) -> Agency | None:
    """Where the indicators are counted: the scope when it is a locality, else the province of
    the plans' issuer (or of the scope)."""
    scope = report.spec.scope_agency
    if scope is not None and scope.kind in (
        AgencyKind.PROVINCE,
        AgencyKind.DISTRICT,
        AgencyKind.COMMUNE,
    ):
        return scope
    start = scope or (report.spec.plans[0].issuing_agency if report.spec.plans else None)
    if start is None:
        return None
    ancestors = [int(part) for part in start.path.strip("/").split("/") if part]
    return (
        Agency.objects.filter(pk__in=ancestors, kind=AgencyKind.PROVINCE).order_by("-path").first()
    )


def year_before(day: dt.date) -> dt.date:
    """The same cut-off a year earlier (29/02 becomes 28/02)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _indicators(report: Report) -> list[str]:
    area = indicator_area(report)
    if area is None:
        return []
    as_of = report.spec.as_of
    now = [
        status
        for status in indicators_as_of(area, as_of)
        if status.latest is not None and status.latest.value is not None
    ]
    if not now:
        return []
    earlier_day = year_before(as_of.date)
    earlier = {
        status.indicator.pk: status.latest
        for status in indicators_as_of(
            area, AsOf(date=earlier_day, known_at=as_of.known_at, due_soon_days=0)
        )
    }
    # A locality's own report counts its own figures; any other report the province's.
    where = report.spec.where if area == report.spec.scope_agency else "toàn tỉnh"
    lines = [f"Kết quả thực hiện các chỉ tiêu chủ yếu của Đề án 06 {where}:"]
    for status in now:
        point = status.latest
        if point is not None and point.value is not None:
            lines.append(
                indicator_sentence(
                    status.indicator,
                    point.value,
                    point,
                    earlier.get(status.indicator.pk),
                    as_of.date,
                    earlier_day,
                )
            )
    return lines


def _quantity(value: Decimal, unit: str, is_rate: bool, *, exact: bool = False) -> str:
    """A value with its unit; a rate to one decimal ('47,9 %'), a target as set ('80 %')."""
    if is_rate or unit == "%":
        return f"{format_decimal(value)} %" if exact else format_percent(value)
    return f"{format_decimal(value)} {unit}".strip()


def indicator_sentence(
    indicator: Indicator,
    value: Decimal,
    point: TrendPoint,
    earlier: TrendPoint | None,
    day: dt.date,
    earlier_day: dt.date,
) -> str:
    """'- Tỷ lệ … đạt 91,7 % (chỉ tiêu 90 %, đạt 101,9 % chỉ tiêu); so với cùng kỳ năm 2023
    (62,3 %) tăng 29,4 điểm phần trăm.'"""
    rate = indicator.is_rate or indicator.unit == "%"
    text = f"- {indicator.name} đạt {_quantity(value, indicator.unit, rate)}"
    if (point.period_end.year, point.period_end.month) != (day.year, day.month):
        text += f" (số liệu tháng {point.period_end.month}/{point.period_end.year})"
    if point.target:
        share = point.percent_of_target or 0.0
        text += (
            f" (chỉ tiêu {_quantity(point.target, indicator.unit, rate, exact=True)}, "
            f"đạt {format_percent(share)} chỉ tiêu)"
        )
    if earlier is None or earlier.value is None:
        return text + f"; chưa có số liệu cùng kỳ năm {earlier_day.year}."
    diff = value - earlier.value
    before = _quantity(earlier.value, indicator.unit, rate)
    text += f"; so với cùng kỳ năm {earlier_day.year} ({before})"
    if not diff:
        return text + " không thay đổi."
    unit = "điểm phần trăm" if rate else indicator.unit
    change = " ".join(part for part in (format_number_abs(diff, rate), unit) if part)
    return text + f" {'tăng' if diff > 0 else 'giảm'} {change}."


def format_number_abs(value: Decimal, rate: bool) -> str:
    return format_percent(abs(value)).removesuffix(" %") if rate else format_decimal(abs(value))


# II. Limitations -----------------------------------------------------------------------------


def _limitations(report: Report, names: AgencyNames) -> list[str]:
    scope, as_of = report.scope, report.spec.as_of
    all_counts = Counts()
    for summary in report.summaries.values():
        for state, n in summary.all.by_state.items():
            all_counts.by_state[state] += n
        for name, n in summary.all.by_class.items():
            all_counts.by_class[name] += n
    paragraphs = []
    remaining = [
        f"{format_count(n)} nhiệm vụ, mô hình {what}"
        for n, what in (
            (all_counts.overdue, "quá hạn"),
            (all_counts.not_started, "chưa triển khai"),
        )
        if n
    ]
    if remaining:
        paragraphs.append(f"Còn {' và '.join(remaining)}.")
    multi = len(report.spec.plans) > 1
    facts = (
        (
            items_without_quantified_product(scope, as_of),
            "{n} nhiệm vụ, mô hình chưa xác định sản phẩm định lượng (sản phẩm, chỉ tiêu, "
            "đơn vị tính): {listing}.",
        ),
        (
            items_without_quantified_result(scope, as_of),
            "Báo cáo của {n} nhiệm vụ, mô hình chưa nêu kết quả định lượng so với chỉ tiêu: "
            "{listing}.",
        ),
        (
            items_done_without_evidence(scope, as_of),
            "Báo cáo hoàn thành của {n} nhiệm vụ, mô hình chưa kèm tài liệu minh chứng: {listing}.",
        ),
    )
    for items, sentence in facts:
        n = items.count()
        if n:
            text = sentence.format(n=format_count(n), listing=_listing(items, n, names, multi))
            paragraphs.append(text[:1].upper() + text[1:])
    causes = obstacle_categories(scope, as_of)
    if causes:
        paragraphs.append("Nguyên nhân (theo báo cáo của các đơn vị):")
        for category, n in causes:
            items = items_with_obstacle(scope, as_of, category)
            subject = CAUSES.get(category) or dict(ObstacleCategory.choices)[category]
            paragraphs.append(
                f"- {subject}: nêu tại báo cáo của {format_count(n)} nhiệm vụ, mô hình "
                f"({_listing(items, n, names, multi)})."
            )
    if not paragraphs:
        paragraphs.append(
            f"{cutoff_with_year(as_of.date)[:1].upper()}{cutoff_with_year(as_of.date)[1:]}, "
            "không có nhiệm vụ, mô hình quá hạn và báo cáo của các đơn vị không nêu khó khăn, "
            "vướng mắc."
        )
    return paragraphs


def _lead_then(item: Item) -> int:
    """The lead agency as known at K (counting's items carry it), else the item's own."""
    lead: int = getattr(item, "k_lead_agency_id", item.lead_agency_id)
    return lead


def _listing(items: QuerySet[Item], total: int, names: AgencyNames, multi: bool) -> str:
    """'3, 16 (Sở Tư pháp), 18 (Sở Y tế)', per plan when several, the first LIST_MAX only."""
    shown = list(items[:LIST_MAX])
    names.load(_lead_then(item) for item in shown)
    per_plan: dict[int, list[Item]] = {}
    plans: dict[int, Plan] = {}
    for item in shown:
        per_plan.setdefault(item.plan_id, []).append(item)
        plans[item.plan_id] = item.plan
    parts = []
    for plan_id, plan_items in per_plan.items():
        text = _codes_with_agencies(plan_items, names)
        parts.append(f"Kế hoạch số {plans[plan_id].number}: {text}" if multi else text)
    text = "; ".join(parts)
    if total > len(shown):
        text += f" và {format_count(total - len(shown))} nhiệm vụ, mô hình khác"
    return text


def _codes_with_agencies(items: Sequence[Item], names: AgencyNames) -> str:
    """Codes in plan order, each run of one agency closed by its name."""
    runs: list[tuple[str, list[str]]] = []
    for item in items:
        name = names.name(_lead_then(item))
        if runs and runs[-1][0] == name:
            runs[-1][1].append(item.code)
        else:
            runs.append((name, [item.code]))
    return ", ".join(f"{', '.join(codes)} ({name})" for name, codes in runs)


# III. Agencies behind schedule ---------------------------------------------------------------


def _behind(report: Report, names: AgencyNames) -> list[str]:
    per_agency = status_by(report.scope, report.spec.as_of, "lead_agency_id")
    behind = sorted(
        ((agency_id, counts) for agency_id, counts in per_agency.items() if counts.overdue),
        key=lambda pair: (-pair[1].overdue, -pair[1].not_started, fold(names.name(pair[0]))),
    )
    if not behind:
        return [
            f"{cutoff_with_year(report.spec.as_of.date)[:1].upper()}"
            f"{cutoff_with_year(report.spec.as_of.date)[1:]}, không có đơn vị nào có nhiệm vụ, "
            "mô hình quá hạn."
        ]
    total = sum(counts.overdue for _, counts in behind)
    names.load(agency_id for agency_id, _ in behind)
    lines = [
        f"Có {format_count(total)} nhiệm vụ, mô hình quá hạn, thuộc trách nhiệm của "
        f"{format_count(len(behind))} đơn vị:"
    ]
    lines += [
        f"- {names.name(agency_id)}: {format_count(counts.overdue)} nhiệm vụ, mô hình quá hạn"
        + (f", {format_count(counts.not_started)} chưa triển khai" if counts.not_started else "")
        + f" (trên tổng số {format_count(counts.total)} được giao)."
        for agency_id, counts in behind
    ]
    return lines


# IV. The next period -------------------------------------------------------------------------


def next_period_end(day: dt.date) -> dt.date:
    """The end of the quarter after the one day falls in (31/3/2024 -> 30/6/2024)."""
    quarter = quarter_of(day)
    if quarter == 4:
        return quarter_end(day.year + 1, 1)
    return quarter_end(day.year, quarter + 1)


def due_next(report: Report) -> Iterator[ItemStatus]:
    """Unfinished items with a deadline in force after D up to the next period's end, soonest
    first (items due on D itself are not "next")."""
    as_of = report.spec.as_of
    until = report.spec.next_until or next_period_end(as_of.date)
    offset = 0
    while True:
        page = item_statuses(
            report.scope,
            as_of,
            deadline_classes=[DeadlineClass.IN_TIME, DeadlineClass.DUE_SOON],
            deadline_until=until,
            by_deadline=True,
            limit=NEXT_PAGE,
            offset=offset,
        )
        for row in page:
            if row.deadline_now is not None and as_of.date < row.deadline_now <= until:
                yield row
        if len(page) < NEXT_PAGE:
            return
        offset += NEXT_PAGE


def _next_tasks(report: Report, names: AgencyNames) -> list[str]:
    as_of = report.spec.as_of
    until = report.spec.next_until or next_period_end(as_of.date)
    span = f"từ ngày {format_date(as_of.date + dt.timedelta(days=1))} đến ngày {format_date(until)}"
    first = (
        f"Tập trung hoàn thành dứt điểm {format_count(report.overdue_count)} nhiệm vụ, mô hình "
        "quá hạn (Phụ lục II); "
        if report.overdue_count
        else "Tiếp tục triển khai các nhiệm vụ, mô hình theo kế hoạch; "
    )
    lines = [
        first + "các sở, ngành, địa phương chủ động bố trí kinh phí, nhân lực, phân công rõ "
        "người, rõ việc, rõ thời gian, có sản phẩm định lượng cụ thể."
    ]
    multi = len(report.spec.plans) > 1
    counts: dict[int, int] = defaultdict(int)
    listed: dict[int, list[str]] = defaultdict(list)
    for row in due_next(report):
        agency_id = row.responsible_agency_id
        counts[agency_id] += 1
        if len(listed[agency_id]) < NEXT_PER_AGENCY_MAX:
            where = f"Kế hoạch số {row.item.plan.number}; " if multi else ""
            deadline = format_date(row.deadline_now) if row.deadline_now else ""
            listed[agency_id].append(
                f"{row.item.code}. {row.item.title.strip().rstrip('.')} ({where}hạn {deadline})"
            )
    if not counts:
        lines.append(
            f"Trong thời gian tới ({span}), không có nhiệm vụ, mô hình nào đến hạn hoàn thành."
        )
        return lines
    total = sum(counts.values())
    lines.append(
        f"Trong thời gian tới ({span}), có {format_count(total)} nhiệm vụ, mô hình đến hạn "
        f"hoàn thành, thuộc trách nhiệm của {format_count(len(counts))} đơn vị:"
    )
    names.load(counts)
    for agency_id in sorted(counts, key=lambda a: (-counts[a], fold(names.name(a)))):
        entries = listed[agency_id]
        more = counts[agency_id] - len(entries)
        tail = f"; và {format_count(more)} nhiệm vụ, mô hình khác" if more > 0 else ""
        lines.append(
            f"- {names.name(agency_id)} ({format_count(counts[agency_id])} nhiệm vụ, mô hình): "
            + "; ".join(entries)
            + tail
            + "."
        )
    return lines


# V. Recommendations --------------------------------------------------------------------------


def _recommendations(report: Report, names: AgencyNames) -> list[str]:
    """Grouped by the addressee as it is on D: a recommendation to an abolished ministry goes to
    its successor, and the old name in its text becomes the successor's."""
    merged: dict[int, dict[str, dict[int, Item]]] = defaultdict(lambda: defaultdict(dict))
    for group in recommendations_by_addressee(report.scope, report.spec.as_of):
        addressee = names.agency(group.addressee.pk)
        for content, items in group.contents:
            text = content
            if addressee.pk != group.addressee.pk:
                text = content.replace(group.addressee.name, addressee.name)
            for item in items:
                merged[addressee.pk][text][item.pk] = item
    order: dict[str, int] = {AgencyKind.MINISTRY: 0, AgencyKind.PROVINCE: 1}
    addressees = sorted(
        merged, key=lambda a: (order.get(names.agency(a).kind, 2), fold(names.name(a)))
    )
    multi = len(report.spec.plans) > 1
    plans = {plan.pk: plan for plan in report.spec.plans}
    paragraphs = []
    for number, addressee_id in enumerate(addressees, start=1):
        paragraphs.append(f"{number}. Đối với {names.name(addressee_id)}:")
        for content, by_id in sorted(merged[addressee_id].items()):
            paragraphs.append(f"- {content} ({_codes(list(by_id.values()), plans, multi)}).")
    return paragraphs


def _codes(items: list[Item], plans: dict[int, Plan], multi: bool) -> str:
    """'nhiệm vụ, mô hình: MH04, MH05', or per plan when the report covers several."""
    per_plan: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        per_plan[item.plan_id].append(item)
    parts = []
    for plan_id in sorted(per_plan, key=lambda p: (plans[p].issued_on, plans[p].number)):
        ordered = sorted(per_plan[plan_id], key=lambda i: natural_key(i.code))
        codes = ", ".join(item.code for item in ordered)
        parts.append(f"Kế hoạch số {plans[plan_id].number}: {codes}" if multi else codes)
    return "; ".join(parts) if multi else f"nhiệm vụ, mô hình: {', '.join(parts)}"


# Helpers -------------------------------------------------------------------------------------


def _percent(part: int, whole: int) -> str:
    return format_percent(100.0 * part / whole if whole else 0.0)


def lower_first(text: str) -> str:
    """'Triển khai thực hiện…' -> 'triển khai thực hiện…', keeping 'UBND…', 'VNeID…' intact."""
    word = text.split(" ", 1)[0]
    if len(word) > 1 and any(ch.isupper() for ch in word[1:]):
        return text
    return text[:1].lower() + text[1:]
