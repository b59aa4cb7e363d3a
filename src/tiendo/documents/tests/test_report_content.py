"""What the consolidated report says: names valid on the cut-off, the opening, indicators, the
limitations found in the data, who is behind, what falls due next, and the annexes' grouping.

Expectations are computed here from the database, independently of the report's own selectors.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from django.db.models import Avg, Sum
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.agencies.selectors import primary_successor_map
from tiendo.documents.annexes import ANNEXES, GroupRow
from tiendo.documents.particulars import ReportSpec
from tiendo.documents.report import CAUSES, Report, build_report
from tiendo.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from tiendo.lib.text import format_count, format_decimal, format_percent
from tiendo.plans.models import Item, Plan
from tiendo.progress.models import Evidence, Lifecycle, Obstacle, ProgressUpdate, Recommendation
from tiendo.progress.services import RecommendationInput, update_record
from tiendo.status.selectors import AsOf, DeadlineClass, Scope, item_statuses
from tiendo.testing import VN

pytestmark = pytest.mark.django_db
CONFERENCE = dt.datetime(2024, 4, 2, 14, tzinfo=VN)
Q1_2024 = dt.date(2024, 3, 31)
Q3_2025 = dt.date(2025, 9, 30)


def plans(*numbers: str) -> list[Plan]:
    return list(Plan.objects.filter(number__in=numbers).order_by("issued_on"))


def spec(day: dt.date, numbers: tuple[str, ...], **overrides: Any) -> ReportSpec:
    fields: dict[str, Any] = {
        "plans": plans(*numbers),
        "as_of": AsOf.make(day, CONFERENCE if day == Q1_2024 else None),
        "number": "15/BC-CAT",
        "issuing_body": "Công an tỉnh",
        "parent_body": "UBND tỉnh Nghệ An",
        "place": "Nghệ An",
        "issued_on": min(day + dt.timedelta(days=2), timezone.localdate()),
        "summary": "Kết quả thực hiện Đề án 06",
        "addressees": ["Ủy ban nhân dân tỉnh"],
        "signer_position": "Phó Giám đốc",
        "signer_name": "Trần Ngọc Tuấn",
    }
    fields.update(overrides)
    return ReportSpec(**fields)


def section(report: Report, prefix: str) -> list[str]:
    [found] = [s for s in report.sections if s.heading.startswith(prefix)]
    return found.paragraphs


def counting_update(item: Item, as_of: AsOf) -> ProgressUpdate | None:
    """The report that counts for an item at (D, K), found the plain way."""
    return (
        ProgressUpdate.objects.filter(
            item=item,
            valid_on__lte=as_of.date,
            recorded_at__lte=as_of.known_at,
            is_contribution=False,
        )
        .order_by("-valid_on", "-recorded_at", "-id")
        .first()
    )


def scope_items(report: Report) -> list[Item]:
    as_of = report.spec.as_of
    return list(
        Item.objects.filter(
            plan__in=report.spec.plans, parent__isnull=True, recorded_at__lte=as_of.known_at
        ).select_related("plan", "lead_agency")
    )


def name_at(agency_id: int, day: dt.date) -> str:
    successors = primary_successor_map(day)
    return Agency.objects.get(pk=successors.get(agency_id, agency_id)).name


# Opening --------------------------------------------------------------------------------------


def test_opening_paragraph_cites_each_plan_and_the_cutoff(sample: Any) -> None:
    report = build_report(spec(Q1_2024, ("762/KH-UBND", "87/KH-UBND")))
    first = report.sections[0]
    assert first.heading == ""
    [opening] = first.paragraphs
    cited = [
        f"Kế hoạch số {p.number} ngày {p.issued_on:%d/%m/%Y} của UBND tỉnh về "
        f"{p.title[:1].lower()}{p.title[1:]}"
        for p in plans("762/KH-UBND", "87/KH-UBND")
    ]
    assert opening == (
        f"Thực hiện {'; '.join(cited)}; Công an tỉnh báo cáo kết quả thực hiện "
        "đến hết quý I năm 2024 như sau:"
    )
    assert [s.heading for s in report.sections][1] == "I. KẾT QUẢ THỰC HIỆN"


# Names valid on D -----------------------------------------------------------------------------


def every_text(report: Report) -> list[str]:
    out = [p for s in report.sections for p in s.paragraphs]
    for annex in ANNEXES:
        for row in annex.rows(report):
            if isinstance(row, GroupRow):
                out.append(row.text)
            else:
                out.extend(value for value in row if isinstance(value, str))
    return out


def test_a_report_of_30_9_2025_names_no_abolished_body(sample: Any) -> None:
    report = build_report(spec(Q3_2025, ("762/KH-UBND", "87/KH-UBND", "35/KH-UBND")))
    texts = every_text(report)
    abolished = [a.name for a in Agency.objects.all() if not a.is_valid_on(Q3_2025)]
    assert "Sở Thông tin và Truyền thông" in abolished
    leftovers = {name for name in abolished for text in texts if name in text}
    assert leftovers == set()
    # The agency columns of both item annexes hold full names of bodies valid on D.
    valid = {a.name for a in Agency.objects.all() if a.is_valid_on(Q3_2025)}
    for annex in ANNEXES[:2]:
        lead = [c.title for c in annex.columns].index("Cơ quan chủ trì")
        rows = [row for row in annex.rows(report) if not isinstance(row, GroupRow)]
        assert rows
        for row in rows:
            assert row[lead] in valid
            coordinators = str(row[lead + 1])
            assert all(n in valid for n in coordinators.split("; ") if coordinators)
    # An item led by Sở TT&TT in the data shows its successor.
    old = Item.objects.filter(lead_agency__name="Sở Thông tin và Truyền thông").first()
    assert old is not None and name_at(old.lead_agency_id, Q3_2025) == "Sở Khoa học và Công nghệ"


def test_a_2024_report_keeps_the_names_of_2024(sample: Any) -> None:
    report = build_report(spec(Q1_2024, ("762/KH-UBND", "87/KH-UBND")))
    [annex] = [a for a in ANNEXES if a.label == "Phụ lục I"]
    lead = [c.title for c in annex.columns].index("Cơ quan chủ trì")
    code = [c.title for c in annex.columns].index("Số hiệu")
    led = {
        (item.code, item.lead_agency.name)
        for item in Item.objects.filter(plan__number="762/KH-UBND", parent__isnull=True)
    }
    rows = [row for row in annex.rows(report) if not isinstance(row, GroupRow)]
    shown = {(row[code], row[lead]) for row in rows}
    assert led <= shown
    assert any(name == "Sở Thông tin và Truyền thông" for _, name in shown)


def test_recommendations_to_an_abolished_ministry_go_to_its_successor(sample: Any) -> None:
    day = Q3_2025
    numbers = ("762/KH-UBND", "87/KH-UBND", "35/KH-UBND")
    report = build_report(spec(day, numbers))
    old = Agency.objects.get(name="Bộ Thông tin và Truyền thông")
    in_scope = [counting_update(i, report.spec.as_of) for i in scope_items(report)]
    sample_to_old = Recommendation.objects.filter(
        update__in=[u for u in in_scope if u is not None], addressee=old
    ).exists()
    text = "\n".join(section(report, "V."))
    assert "Bộ Thông tin và Truyền thông" not in text
    if sample_to_old:
        assert "Đối với Bộ Khoa học và Công nghệ:" in text
    item = Item.objects.get(plan__number="35/KH-UBND", code="14")
    update_record(
        item=item,
        valid_on=day - dt.timedelta(days=1),
        state=Lifecycle.IN_PROGRESS,
        percent=50,
        achieved=Decimal(1),
        recorded_at=report.spec.as_of.known_at - dt.timedelta(minutes=1),
        recommendations=[
            RecommendationInput(old, "Đề nghị Bộ Thông tin và Truyền thông hướng dẫn kết nối.")
        ],
    )
    report = build_report(spec(day, ("35/KH-UBND",), as_of=report.spec.as_of))
    text = "\n".join(section(report, "V."))
    assert "Đối với Bộ Khoa học và Công nghệ:" in text
    assert "- Đề nghị Bộ Khoa học và Công nghệ hướng dẫn kết nối (nhiệm vụ, mô hình: 14)." in text
    assert "Bộ Thông tin và Truyền thông" not in text


# Indicators -----------------------------------------------------------------------------------


def province_value(indicator: Indicator, period: dt.date) -> Decimal | None:
    values = IndicatorValue.objects.filter(indicator=indicator, period_end=period)
    if indicator.is_rate:
        avg = values.aggregate(v=Avg("value"))["v"]
        return None if avg is None else Decimal(avg).quantize(Decimal("0.1"), ROUND_HALF_UP)
    total = values.aggregate(v=Sum("value"))["v"]
    return None if total is None else Decimal(total)


def test_indicators_compare_with_the_same_cutoff_a_year_before(sample: Any) -> None:
    day = dt.date(2026, 9, 30)
    report = build_report(spec(day, ("28/KH-UBND",)))
    text = "\n".join(section(report, "I."))
    assert "Kết quả thực hiện các chỉ tiêu chủ yếu của Đề án 06 toàn tỉnh:" in text
    rate = Indicator.objects.get(code="HSTT")
    now, before = province_value(rate, day), province_value(rate, dt.date(2025, 9, 30))
    assert now is not None and before is not None
    target = IndicatorTarget.objects.get(
        indicator=rate, agency__name="UBND tỉnh Nghệ An", period_end=day
    ).target
    diff = now - before
    expected = (
        f"- {rate.name} đạt {format_percent(now)} (chỉ tiêu {format_decimal(target)} %, "
        f"đạt {format_percent(float(100 * now / target))} chỉ tiêu); so với cùng kỳ năm 2025 "
        f"({format_percent(before)}) {'tăng' if diff > 0 else 'giảm'} "
        f"{format_percent(abs(diff)).removesuffix(' %')} điểm phần trăm."
    )
    assert expected in text
    count = Indicator.objects.get(code="VNEID2")
    now, before = province_value(count, day), province_value(count, dt.date(2025, 9, 30))
    assert now is not None and before is not None
    change = "tăng" if now > before else "giảm"
    assert (
        f"so với cùng kỳ năm 2025 ({format_decimal(before)} tài khoản) {change} "
        f"{format_decimal(abs(now - before))} tài khoản." in text
    )


def test_indicators_without_last_years_data_say_so(sample: Any) -> None:
    report = build_report(spec(Q3_2025, ("35/KH-UBND",)))
    lines = [p for p in section(report, "I.") if p.startswith("- ")]
    assert not IndicatorValue.objects.filter(period_end__lte=dt.date(2024, 9, 30)).exists()
    with_data = IndicatorValue.objects.filter(period_end__lte=Q3_2025).values("indicator")
    assert len(lines) == Indicator.objects.filter(pk__in=with_data).count()
    assert all(line.endswith("; chưa có số liệu cùng kỳ năm 2024.") for line in lines)


def test_a_report_before_any_indicator_data_has_no_indicator_block(sample: Any) -> None:
    report = build_report(spec(Q1_2024, ("762/KH-UBND", "87/KH-UBND")))
    assert not any("chỉ tiêu chủ yếu" in p for p in section(report, "I."))


# II. Limitations ------------------------------------------------------------------------------


def test_limitations_name_reports_without_a_quantified_result(sample: Any) -> None:
    base = build_report(spec(Q1_2024, ("762/KH-UBND", "87/KH-UBND")))
    text = "\n".join(section(base, "II."))
    assert "chưa cụ thể" not in text
    as_of = base.spec.as_of
    lacking = [
        item
        for item in scope_items(base)
        if item.target is not None
        and (u := counting_update(item, as_of)) is not None
        and u.achieved is None
    ]
    assert ("chưa nêu kết quả định lượng" in text) == bool(lacking)
    for code in ("19", "41"):
        update_record(
            item=Item.objects.get(plan__number="87/KH-UBND", code=code),
            valid_on=Q1_2024,
            state=Lifecycle.IN_PROGRESS,
            percent=40,
            achieved=None,
            recorded_at=CONFERENCE - dt.timedelta(minutes=1),
        )
    report = build_report(spec(Q1_2024, ("762/KH-UBND", "87/KH-UBND")))
    text = "\n".join(section(report, "II."))
    lacking = sorted(
        (
            item
            for item in scope_items(report)
            if item.target is not None
            and (u := counting_update(item, as_of)) is not None
            and u.achieved is None
        ),
        key=lambda i: i.pk,
    )
    assert [i.code for i in lacking] == ["19", "41"]
    listed = ", ".join(f"{i.code} ({name_at(i.lead_agency_id, Q1_2024)})" for i in lacking)
    assert (
        f"Báo cáo của {format_count(len(lacking))} nhiệm vụ, mô hình chưa nêu kết quả định "
        f"lượng so với chỉ tiêu: Kế hoạch số 87/KH-UBND: {listed}." in text
    )
    done_no_file = [
        item
        for item in scope_items(report)
        if (u := counting_update(item, as_of)) is not None
        and u.state == Lifecycle.DONE
        and not Evidence.objects.filter(update=u).exists()
    ]
    if done_no_file:
        assert (
            f"Báo cáo hoàn thành của {format_count(len(done_no_file))} nhiệm vụ, mô hình chưa "
            "kèm tài liệu minh chứng:" in text
        )
        if len(done_no_file) > 10:
            assert f"và {format_count(len(done_no_file) - 10)} nhiệm vụ, mô hình khác." in text


def test_causes_are_sentences_per_category_with_their_items(sample: Any) -> None:
    report = build_report(spec(Q3_2025, ("762/KH-UBND", "87/KH-UBND", "35/KH-UBND")))
    text = "\n".join(section(report, "II."))
    as_of = report.spec.as_of
    per_category: dict[str, list[Item]] = defaultdict(list)
    for item in scope_items(report):
        update = counting_update(item, as_of)
        if update is None:
            continue
        for category in {o.category for o in Obstacle.objects.filter(update=update)}:
            per_category[category].append(item)
    assert per_category
    for category, items in per_category.items():
        line = next(p for p in section(report, "II.") if p.startswith(f"- {CAUSES[category]}:"))
        assert f"nêu tại báo cáo của {format_count(len(items))} nhiệm vụ, mô hình (" in line
        if len(items) <= 10:
            for item in items:
                assert f"{item.code}" in line and name_at(item.lead_agency_id, Q3_2025) in line
    assert "Nguyên nhân (theo báo cáo của các đơn vị):" in text


# III. Agencies behind -------------------------------------------------------------------------


def test_behind_counts_the_agencies_that_own_the_overdue_items(sample: Any) -> None:
    report = build_report(spec(Q3_2025, ("762/KH-UBND", "87/KH-UBND", "35/KH-UBND")))
    overdue = [
        row
        for plan in report.spec.plans
        for row in item_statuses(
            Scope(plan=plan), report.spec.as_of, deadline_classes=[DeadlineClass.OVERDUE]
        )
    ]
    successors = primary_successor_map(Q3_2025)
    owners = {successors.get(r.item.lead_agency_id, r.item.lead_agency_id) for r in overdue}
    lines = section(report, "III.")
    assert lines[0] == (
        f"Có {format_count(len(overdue))} nhiệm vụ, mô hình quá hạn, thuộc trách nhiệm của "
        f"{format_count(len(owners))} đơn vị:"
    )
    assert len(lines) == 1 + len(owners)
    names = {Agency.objects.get(pk=pk).name for pk in owners}
    assert {line[2:].split(":")[0] for line in lines[1:]} == names
    counts = [int(line.split(": ")[1].split(" ")[0]) for line in lines[1:]]
    assert counts == sorted(counts, reverse=True) and sum(counts) == len(overdue)


# IV. The next period --------------------------------------------------------------------------


def test_next_tasks_are_those_due_after_the_cutoff_up_to_the_next_quarter_end(
    sample: Any,
) -> None:
    report = build_report(spec(Q3_2025, ("35/KH-UBND",)))
    lines = section(report, "IV.")
    assert "rõ người, rõ việc, rõ thời gian, có sản phẩm định lượng cụ thể" in lines[0]
    unfinished = item_statuses(Scope(plan=report.spec.plans[0]), report.spec.as_of, limit=1000)
    until = dt.date(2025, 12, 31)
    due = [
        r
        for r in unfinished
        if r.state != Lifecycle.DONE and r.deadline_now and Q3_2025 < r.deadline_now <= until
    ]
    on_the_day = [r for r in unfinished if r.state != Lifecycle.DONE and r.deadline_now == Q3_2025]
    assert due, "the 2025 sample has work due in Q4"
    by_agency: dict[str, list[Any]] = defaultdict(list)
    for r in due:
        by_agency[name_at(r.item.lead_agency_id, Q3_2025)].append(r)
    assert lines[1] == (
        f"Trong thời gian tới (từ ngày 01/10/2025 đến ngày 31/12/2025), có "
        f"{format_count(len(due))} nhiệm vụ, mô hình đến hạn hoàn thành, thuộc trách nhiệm của "
        f"{format_count(len(by_agency))} đơn vị:"
    )
    agency_lines = {line[2:].split(" (")[0]: line for line in lines[2:]}
    assert set(agency_lines) == set(by_agency)
    for name, rows in by_agency.items():
        for r in rows:
            assert (
                f"{r.item.code}. {r.item.title} (hạn {r.deadline_now:%d/%m/%Y})"
                in agency_lines[name]
            )
    listed = "\n".join(lines[2:])
    for r in on_the_day:
        assert f"{r.item.code}. {r.item.title}" not in listed


def test_an_empty_next_period_says_so_with_its_span(sample: Any) -> None:
    day = dt.date(2026, 11, 30)
    report = build_report(spec(day, ("28/KH-UBND",), next_until=dt.date(2026, 12, 10)))
    due = [
        r
        for r in item_statuses(Scope(plan=report.spec.plans[0]), report.spec.as_of, limit=1000)
        if r.state != Lifecycle.DONE
        and r.deadline_now
        and day < r.deadline_now <= dt.date(2026, 12, 10)
    ]
    assert due == []
    assert section(report, "IV.")[-1] == (
        "Trong thời gian tới (từ ngày 01/12/2026 đến ngày 10/12/2026), không có nhiệm vụ, "
        "mô hình nào đến hạn hoàn thành."
    )


# Annexes --------------------------------------------------------------------------------------


def test_annex_i_holds_every_item_under_its_plan_and_groups_in_order(sample: Any) -> None:
    report = build_report(spec(Q3_2025, ("762/KH-UBND", "87/KH-UBND", "35/KH-UBND")))
    annex = ANNEXES[0]
    assert [c.title for c in annex.columns] == [
        "TT",
        "Số hiệu",
        "Nội dung",
        "Sản phẩm",
        "Chỉ tiêu",
        "Kết quả đạt được",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời hạn ban đầu",
        "Thời hạn hiện tại",
        "Tình trạng",
        "Tiến độ",
    ]
    kinds = {c.title: c.kind for c in annex.columns}
    assert kinds["Số hiệu"] == "code" and kinds["Thời hạn hiện tại"] == "date"
    assert kinds["Chỉ tiêu"] == "number" and kinds["Nội dung"] == "text"
    rows = list(annex.rows(report))
    items = [row for row in rows if not isinstance(row, GroupRow)]
    assert len(items) == len(scope_items(report))
    headings = [(row.level, row.text) for row in rows if isinstance(row, GroupRow)]
    expected = []
    for plan in report.spec.plans:
        expected.append((0, plan.number))
        expected += [(1, f"{g.code}. {g.name}") for g in plan.groups.order_by("position")]
    assert [(level, text if level else text.split(" ")[3]) for level, text in headings] == [
        (level, text) for level, text in expected
    ]
    # Each item sits under its own group; TT restarts under each plan.
    current: dict[int, str] = {}
    by_code = {(i.plan.number, i.code): i for i in scope_items(report)}
    for row in rows:
        if isinstance(row, GroupRow):
            current[row.level] = row.text
            if row.level == 0:
                n = 0
            continue
        n += 1
        assert row[0] == n
        item = by_code[(current[0].split(" ")[3], str(row[1]))]
        assert item.group is not None
        assert current[1] == f"{item.group.code}. {item.group.name}"
        assert row[8] == item.deadline or (item.is_recurring and row[8] == "Thường xuyên")
        assert row[4] == item.target


def test_annex_ii_lists_the_overdue_items_per_plan_longest_overdue_first(sample: Any) -> None:
    report = build_report(spec(Q3_2025, ("762/KH-UBND", "87/KH-UBND", "35/KH-UBND")))
    annex = ANNEXES[1]
    days = [c.title for c in annex.columns].index("Số ngày quá hạn")
    assert annex.columns[days].kind == "number"
    rows = list(annex.rows(report))
    items = [row for row in rows if not isinstance(row, GroupRow)]
    assert len(items) == report.overdue_count
    block: list[int] = []
    for row in [*rows, GroupRow("end", 0)]:
        if isinstance(row, GroupRow):
            assert block == sorted(block, reverse=True)
            block = []
        else:
            late = row[days]
            assert isinstance(late, int) and late > 0
            block.append(late)
