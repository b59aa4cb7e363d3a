"""The illustrative Nghệ An sample (domain.md §8): real agencies, plausible plans and histories.

As of 31/3/2024 it gives the article's figures: KH 762, 38 models = 6 done, 20 in progress,
12 not started; KH 87, 51 tasks in its 10 groups not completed. The histories go on through the
2025 reorganisation and the yearly plans of 2025 and 2026 up to the day it is loaded, when the
open reporting periods are in motion (desk.py). Loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from tiendo.accounts.access import Actor, actor_for_user
from tiendo.accounts.models import Role
from tiendo.accounts.services import membership_set
from tiendo.agencies.directory import load_nghe_an
from tiendo.agencies.models import Agency, AgencyKind, AgencySuccession
from tiendo.agencies.selectors import primary_successor_map
from tiendo.lib.dates import ROMAN_QUARTERS, quarter_end
from tiendo.lib.periods import CUTOFF_DAY, due_date
from tiendo.plans.models import ExtensionRequest, Item, ItemKind, Plan, Programme
from tiendo.plans.selectors import current_deadline
from tiendo.plans.services import (
    extension_request_create,
    group_upsert,
    item_extend_deadline,
    item_upsert,
    plan_upsert,
    programme_upsert,
)
from tiendo.progress.models import (
    Decision,
    Lifecycle,
    PeriodKind,
    ProgressUpdate,
    ReportingPeriod,
)
from tiendo.progress.periods import holiday_days, holidays_seed, period_close, period_open
from tiendo.progress.selectors import natural_key
from tiendo.progress.services import (
    ObstacleInput,
    RecommendationInput,
    UpdateInput,
    update_create_draft,
    update_mark_ready,
    update_record,
    update_revise,
)
from tiendo.sample import content
from tiendo.sample.desk import (
    RETURN_REASONS,
    RETURN_REASONS_2025,
    SCRIPTS,
    Clock,
    Fate,
    Outcome,
    fate,
    scripted,
)
from tiendo.sample.indicators import load_indicator_sample
from tiendo.sample.stories import LAST_DAY, Q1_END, VN, Report, recorded, story, year_story

PLAN_762 = "762/KH-UBND"
PLAN_87 = "87/KH-UBND"
ISSUED_762 = dt.date(2023, 10, 25)
ISSUED_87 = dt.date(2024, 2, 6)

# The article's figures at the end of Q1/2024.
MODELS_Q1 = {"done": 6, "in_progress": 20, "not_started": 12}
TASKS_UNFINISHED_Q1 = 51

# Pilot sites of two models in districts (before 1/7/2025), to show parent/child items.
PILOT_SITES = {"MH01": ("H412", "H425", "H429"), "MH05": ("H412", "H427")}

DEMO_PASSWORD = "TienDo@2024"  # noqa: S105 - printed demo logins of the sample only
# username, full name, agency key, role, position
SAMPLE_MAIL_DOMAIN = "nghean.example"
DEMO_USERS = (
    ("quantri", "Quản trị hệ thống", "UBND", Role.ADMIN, "Quản trị hệ thống"),
    ("lanhdao", "Lê Hồng Vinh", "UBND", Role.LEADER, "Phó Chủ tịch Thường trực UBND tỉnh"),
    ("thuongtruc", "Trần Ngọc Tuấn", "CAT", Role.STANDING, "Phó Giám đốc Công an tỉnh"),
    ("yte.chuyenvien", "Nguyễn Thị Hà", "SYT", Role.REPORTER, "Chuyên viên Phòng Nghiệp vụ Y"),
    ("yte.chuyenvien2", "Phạm Văn Nam", "SYT", Role.REPORTER, "Chuyên viên Văn phòng Sở"),
    ("yte.lanhdao", "Hồ Đức Thắng", "SYT", Role.HEAD, "Phó Giám đốc Sở Y tế"),
    ("khcn.chuyenvien", "Võ Thị Lan", "SKHCN", Role.REPORTER, "Chuyên viên Phòng CNTT"),
    ("khcn.lanhdao", "Võ Trọng Phú", "SKHCN", Role.HEAD, "Phó Giám đốc Sở KH&CN"),
)

# Deadlines the working group extended after the reorganisation: plan, item, new deadline,
# decided on, reason.
EXTENSIONS_2025 = (
    (
        content.PLAN_2025.number,
        "7",
        dt.date(2025, 9, 30),
        dt.date(2025, 5, 20),
        "Kết thúc hoạt động cấp huyện từ ngày 01/7/2025; nhiệm vụ chuyển giao cho UBND phường "
        "kế thừa thành phố Vinh tiếp tục thực hiện.",
    ),
    (
        content.PLAN_2025.number,
        "18",
        dt.date(2026, 6, 30),
        dt.date(2025, 11, 10),
        "Sau khi hợp nhất Sở Tài nguyên và Môi trường vào Sở Nông nghiệp và Môi trường, việc bàn "
        "giao dữ liệu đất đai của các huyện chưa hoàn tất.",
    ),
    (
        content.PLAN_2026.number,
        "10",
        dt.date(2027, 3, 31),
        dt.date(2026, 10, 15),
        "Chờ hướng dẫn của Bộ Nông nghiệp và Môi trường về kết nối Hệ thống thông tin đất đai "
        "quốc gia với các xã, phường.",
    ),
)
# What the demo agencies give as the reason when they ask for more time today.
EXTENSION_REASONS = {
    "SYT": (
        "Đơn vị cung cấp phần mềm chưa hoàn thành kết nối với hệ thống của Bộ Y tế; các trạm y tế "
        "sau sắp xếp chưa được bố trí đủ thiết bị."
    ),
    "SKHCN": (
        "Sở tiếp nhận nhiệm vụ từ Sở Thông tin và Truyền thông sau hợp nhất; gói thầu nâng cấp "
        "hệ thống chưa được phê duyệt kinh phí."
    ),
}


@dataclass
class LoadResult:
    """What load_sample did, for the command to print."""

    created_updates: int
    plans: list[Plan]
    users: list[tuple[str, str, str]]


@dataclass
class History:
    """An item with the reports of its story, to be written."""

    plan: Plan
    item: Item
    reports: list[Report]


@transaction.atomic
def load_sample() -> LoadResult:
    today = timezone.localdate()
    # The reorganisations were decided before they took effect: their links are on record from
    # the start of the day they took effect, as for links written before history was kept.
    bodies = load_nghe_an(
        links_recorded_at=lambda day: dt.datetime.combine(day, dt.time(), tzinfo=VN)
    )
    province = bodies["UBND"]
    for commune in Agency.objects.filter(parent=province, kind=AgencyKind.COMMUNE):
        bodies[commune.code.split(".", 1)[1]] = commune
    users = _demo_users(bodies)
    programme = programme_upsert(
        code="DA06",
        name=(
            "Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ "
            "chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030"
        ),
        decision="Quyết định số 06/QĐ-TTg ngày 06/01/2022",
    )
    plan_762 = plan_upsert(
        programme=programme,
        number=PLAN_762,
        issued_on=ISSUED_762,
        issuing_agency=province,
        title="Triển khai các mô hình điểm theo Đề án 06 trên địa bàn tỉnh Nghệ An (minh họa)",
        period_start=ISSUED_762,
        period_end=dt.date(2024, 12, 31),
        is_illustrative=True,
        recorded_at=recorded(ISSUED_762),
    )
    plan_87 = plan_upsert(
        programme=programme,
        number=PLAN_87,
        issued_on=ISSUED_87,
        issuing_agency=province,
        title="Triển khai thực hiện Đề án 06 trên địa bàn tỉnh Nghệ An năm 2024 (minh họa)",
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31),
        is_illustrative=True,
        recorded_at=recorded(ISSUED_87),
    )
    models = _load_items(
        plan_762, content.PLAN_762_GROUPS, content.PLAN_762_MODELS, ItemKind.MODEL, bodies
    )
    tasks = _load_items(
        plan_87, content.PLAN_87_GROUPS, content.PLAN_87_TASKS, ItemKind.TASK, bodies
    )
    sites = _load_pilot_sites(plan_762, models, bodies)
    # A yearly plan exists once it has been issued and recorded.
    year_plans: list[tuple[Plan, list[Item]]] = []
    for spec in content.YEAR_PLANS:
        if recorded(spec.issued_on) < dt.datetime.combine(today, dt.time(), VN):
            plan = _load_year_plan(programme, province, spec)
            items = _load_items(plan, spec.groups, spec.items, ItemKind.TASK, bodies)
            year_plans.append((plan, items))
    holidays_seed(range(2023, today.year + 2))
    clock = Clock(today, frozenset(holiday_days()))
    plans = [plan_762, plan_87, *(plan for plan, _ in year_plans)]
    for plan in plans:
        _open_periods(plan, clock)
    successors = Successors()
    yesterday = today - dt.timedelta(days=1)
    histories = _old_histories(plan_762, models, _model_outcomes(models), yesterday)
    histories += _old_histories(plan_87, tasks, _task_outcomes(tasks), yesterday)
    site_outcomes: dict[str, tuple[str, dt.date | None]] = {
        item.code: ("in_progress", None) for item in sites
    }
    histories += _old_histories(plan_762, sites, site_outcomes, yesterday)
    for plan, items in year_plans:
        outcomes = _year_outcomes(plan, items, bodies, successors, today)
        histories += [
            History(
                plan,
                item,
                year_story(
                    key=f"{plan.number}/{item.code}",
                    issued_on=plan.issued_on,
                    deadline=item.deadline,
                    outcome=outcomes[item.code],
                    until=yesterday,
                ),
            )
            for item in items
        ]
    desk = Desk(clock, bodies, successors, _reporters(bodies))
    created = desk.write(histories, _without_updates(histories))
    _extend_one_deadline(tasks)
    _extend_after_reorganisation(clock)
    desk.request_extensions(histories)
    load_indicator_sample(province, today)
    return LoadResult(created_updates=created, plans=plans, users=users)


def _load_year_plan(programme: Programme, province: Agency, spec: content.PlanSpec) -> Plan:
    year = spec.issued_on.year
    return plan_upsert(
        programme=programme,
        number=spec.number,
        issued_on=spec.issued_on,
        issuing_agency=province,
        title=spec.title,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        is_illustrative=True,
        recorded_at=recorded(spec.issued_on),
    )


def _load_items(
    plan: Plan,
    groups: tuple[content.GroupSpec, ...],
    specs: tuple[content.ItemSpec, ...],
    kind: str,
    bodies: dict[str, Agency],
) -> list[Item]:
    by_code = {
        spec.code: group_upsert(plan=plan, position=position, code=spec.code, name=spec.name)
        for position, spec in enumerate(groups, start=1)
    }
    return [
        item_upsert(
            plan=plan,
            kind=kind,
            code=spec.code,
            title=spec.title,
            description=spec.description,
            lead_agency=bodies[spec.lead],
            coordinating_agencies=[bodies[key] for key in spec.coord],
            group=by_code[spec.group],
            focal_person=spec.focal_person,
            start_date=plan.issued_on,
            deadline=spec.deadline,
            is_recurring=spec.deadline is None,
            product_type=spec.product_type,
            metric=spec.metric,
            unit=spec.unit,
            baseline=spec.baseline,
            target=spec.target,
            budget_source=spec.budget,
            recorded_at=plan.recorded_at,
        )
        for spec in specs
    ]


def _load_pilot_sites(plan: Plan, models: list[Item], bodies: dict[str, Agency]) -> list[Item]:
    by_code = {item.code: item for item in models}
    sites = []
    for code, districts in PILOT_SITES.items():
        parent = by_code[code]
        for number, key in enumerate(districts, start=1):
            district = bodies[key]
            sites.append(
                item_upsert(
                    plan=plan,
                    kind=ItemKind.MODEL,
                    code=f"{code}.{number}",
                    title=f"{parent.title} – điểm triển khai tại {district.short_name}",
                    lead_agency=district,
                    coordinating_agencies=[parent.lead_agency],
                    group=parent.group,
                    parent=parent,
                    start_date=parent.start_date,
                    deadline=parent.deadline,
                    is_recurring=parent.is_recurring,
                    product_type=parent.product_type,
                    metric=parent.metric,
                    unit=parent.unit,
                    target=parent.target,
                    budget_source=parent.budget_source,
                    recorded_at=parent.recorded_at,
                )
            )
    return sites


# --- outcomes and stories ---------------------------------------------------------------------


def _model_outcomes(models: list[Item]) -> dict[str, tuple[str, dt.date | None]]:
    """The Q1 outcome of every model (6 / 20 / 12) and when the unfinished ones finish later."""
    outcomes = (
        ["done"] * MODELS_Q1["done"]
        + ["in_progress"] * MODELS_Q1["in_progress"]
        + ["not_started"] * MODELS_Q1["not_started"]
    )
    if len(models) != len(outcomes):
        raise ValueError(f"sample expects {len(outcomes)} models, content has {len(models)}")
    rng = random.Random(762)  # noqa: S311 - reproducible sample
    rng.shuffle(outcomes)
    return {
        item.code: (outcome, _later_finish(rng, outcome))
        for item, outcome in zip(models, outcomes, strict=True)
    }


def _task_outcomes(tasks: list[Item]) -> dict[str, tuple[str, dt.date | None]]:
    """18 of the tasks with a deadline done by Q1, the other 51 not, every group keeping some."""
    with_deadline = [t for t in tasks if not t.is_recurring]
    done_quota = len(with_deadline) - TASKS_UNFINISHED_Q1
    open_left = Counter(t.group_id for t in with_deadline)
    rng = random.Random(87)  # noqa: S311 - reproducible sample
    rng.shuffle(with_deadline)
    outcomes: dict[str, tuple[str, dt.date | None]] = {}
    for task in with_deadline:
        if done_quota and open_left[task.group_id] > 1 and rng.random() < 0.6:
            outcomes[task.code] = ("done", None)
            open_left[task.group_id] -= 1
            done_quota -= 1
    if done_quota:
        raise ValueError(
            "sample content cannot place the done tasks while keeping every group open"
        )
    for task in tasks:
        if task.code not in outcomes:
            outcome = "not_started" if rng.random() < 0.3 else "in_progress"
            outcomes[task.code] = (outcome, _later_finish(rng, outcome))
    return outcomes


def _later_finish(rng: random.Random, outcome: str) -> dt.date | None:
    if outcome == "done":
        return None
    if rng.random() < 0.2:
        return None  # still not done at the end of 2024
    return Q1_END + dt.timedelta(days=rng.randint(20, 270))


def _carried_over_finish(key: str) -> dt.date | None:
    """When an item still open at the end of 2024 is finished later (None: it is not)."""
    rng = random.Random(f"carried/{key}")  # noqa: S311 - reproducible sample
    if rng.random() < 0.35:
        return None
    return dt.date(2025, 1, 20) + dt.timedelta(days=rng.randint(0, 640))


def _old_histories(
    plan: Plan,
    items: list[Item],
    outcomes: dict[str, tuple[str, dt.date | None]],
    until: dt.date,
) -> list[History]:
    histories = []
    for item in items:
        key = f"{plan.number}/{item.code}"
        outcome, finish = outcomes[item.code]
        if outcome != "done" and finish is None and not item.is_recurring:
            finish = _carried_over_finish(key)
        reports = story(
            key=key,
            issued_on=plan.issued_on,
            outcome_q1=outcome,
            finish_after_q1=finish if not item.is_recurring else None,
            deadline=item.deadline,
            until=until,
        )
        histories.append(History(plan, item, reports))
    return histories


def _year_outcomes(
    plan: Plan,
    items: list[Item],
    bodies: dict[str, Agency],
    successors: Successors,
    today: dt.date,
) -> dict[str, str]:
    """Half of a yearly plan's items done on time, three in ten late, the rest open; each agency
    with demo accounts keeps its first deliverable (not a document) open, so it has overdue work
    to report on."""
    dated = [item for item in items if not item.is_recurring]
    rng = random.Random(plan.number)  # noqa: S311 - reproducible sample
    quota = ["on_time"] * round(len(dated) * 0.5) + ["late"] * round(len(dated) * 0.3)
    quota += ["open"] * (len(dated) - len(quota))
    rng.shuffle(quota)
    outcomes = {item.code: "open" for item in items}
    outcomes.update({item.code: kind for item, kind in zip(dated, quota, strict=True)})
    for key in SCRIPTS:
        own = [
            item
            for item in dated
            if successors.on(item.lead_agency, today) == bodies[key]
            and item.product_type != "Văn bản"
        ]
        if own:
            first = min(own, key=lambda item: (item.deadline, natural_key(item.code)))
            outcomes[first.code] = "open"
    return outcomes


def _without_updates(histories: list[History]) -> list[History]:
    """Histories of items that have no report yet (loading again adds nothing)."""
    done = set(
        Item.objects.filter(
            pk__in=[h.item.pk for h in histories], updates__isnull=False
        ).values_list("pk", flat=True)
    )
    return [h for h in histories if h.item.pk not in done]


# --- writing the reports ----------------------------------------------------------------------


class Successors:
    """Who carries a body's work on a day (primary successors, chains followed), cached."""

    def __init__(self) -> None:
        self.dates = sorted(
            set(
                AgencySuccession.objects.filter(superseded_at__isnull=True)
                .values_list("effective_on", flat=True)
                .distinct()
            )
        )
        self.maps: dict[dt.date, dict[int, int]] = {}
        self.agencies: dict[int, Agency] = {}

    def on(self, agency: Agency, day: dt.date) -> Agency:
        in_force = [d for d in self.dates if d <= day]
        if not in_force:
            return agency
        key = in_force[-1]
        if key not in self.maps:
            self.maps[key] = primary_successor_map(key)
        successor_id = self.maps[key].get(agency.pk)
        if successor_id is None:
            return agency
        if successor_id not in self.agencies:
            self.agencies[successor_id] = Agency.objects.get(pk=successor_id)
        return self.agencies[successor_id]


def _reporters(bodies: dict[str, Agency]) -> dict[int, list[Actor]]:
    """The demo reporters of each agency that has some, in the order of DEMO_USERS."""
    reporters: dict[int, list[Actor]] = {}
    for username, _, key, role, _ in DEMO_USERS:
        if role == Role.REPORTER:
            user = User.objects.get(username=username)
            reporters.setdefault(bodies[key].pk, []).append(actor_for_user(user))
    return reporters


class Desk:
    """Writes the sample's reports through the progress services, as each would have been sent,
    reviewed, returned or left as a draft by the day of loading."""

    def __init__(
        self,
        clock: Clock,
        bodies: dict[str, Agency],
        successors: Successors,
        reporters: dict[int, list[Actor]],
    ) -> None:
        self.clock = clock
        self.bodies = bodies
        self.successors = successors
        self.reporters = reporters
        self.periods: dict[int, dict[dt.date, ReportingPeriod]] = {}

    def period(self, plan: Plan, day: dt.date) -> ReportingPeriod | None:
        if plan.pk not in self.periods:
            self.periods[plan.pk] = {p.cutoff: p for p in plan.periods.all()}
        return self.periods[plan.pk].get(day)

    def is_open(self, period: ReportingPeriod | None) -> bool:
        return period is not None and not period.is_closed and period.cutoff < self.clock.today

    def write(self, histories: list[History], todo: list[History]) -> int:
        """Write the reports of `todo`; the demo agencies' share is chosen among all
        `histories`, so that loading again picks the same items."""
        script = self.script(histories)
        created = 0
        for history in todo:
            plan, item = history.plan, history.item
            key = f"{plan.number}/{item.code}"
            rng = random.Random(f"cycle/{key}")  # noqa: S311 - reproducible
            for report in history.reports:
                period = self.period(plan, report.valid_on)
                if period is not None and self.is_open(period):
                    agency = self.successors.on(item.lead_agency, self.clock.today)
                    reporters = self.reporters.get(agency.pk, [])
                    planned = script.get((item.pk, period.pk))
                    if planned is None:
                        chosen = fate(
                            key, period.cutoff, period.due_on, self.clock, can_draft=bool(reporters)
                        )
                    else:
                        chosen = scripted(
                            planned, period.cutoff, self.clock, zlib.crc32(key.encode())
                        )
                    created += self.write_open(item, period, report, chosen, reporters)
                else:
                    created += self.write_closed(key, item, period, report, rng)
        return created

    def script(self, histories: list[History]) -> dict[tuple[int, int], Outcome]:
        """The demo agencies' fixed share of the latest period past its due date, newest plans
        first (SCRIPTS)."""
        past_due = [
            period
            for plan_periods in self.periods_of(histories)
            for period in plan_periods
            if self.is_open(period) and period.due_on < self.clock.today
        ]
        if not past_due:
            return {}
        cutoff = max(period.cutoff for period in past_due)
        chosen: dict[tuple[int, int], Outcome] = {}
        for agency_key, outcomes in SCRIPTS.items():
            agency = self.bodies[agency_key]
            candidates = []
            for history in histories:
                period = self.period(history.plan, cutoff)
                if (
                    period is not None
                    and self.is_open(period)
                    and any(report.valid_on == cutoff for report in history.reports)
                    and self.successors.on(history.item.lead_agency, self.clock.today) == agency
                ):
                    candidates.append((history, period))
            candidates.sort(
                key=lambda c: (-c[0].plan.issued_on.toordinal(), natural_key(c[0].item.code))
            )
            for (history, period), outcome in zip(candidates, outcomes, strict=False):
                chosen[(history.item.pk, period.pk)] = outcome
        return chosen

    def periods_of(self, histories: list[History]) -> list[list[ReportingPeriod]]:
        plans = {history.plan.pk: history.plan for history in histories}
        for plan in plans.values():
            self.period(plan, self.clock.today)
        return [list(self.periods[pk].values()) for pk in plans]

    def fields(self, item: Item, report: Report) -> UpdateInput:
        day = report.valid_on
        return UpdateInput(
            valid_on=day,
            state=report.state,
            percent=report.percent,
            achieved=_achieved(item, report.percent),
            completed_on=report.completed_on,
            narrative=report.narrative,
            obstacles=[ObstacleInput(c, text) for c, text in report.obstacles],
            recommendations=[
                RecommendationInput(self.successors.on(self.bodies[key], day), text)
                for key, text in report.recommendations
            ],
        )

    def record(
        self,
        item: Item,
        period: ReportingPeriod | None,
        data: UpdateInput,
        *,
        sent: dt.datetime,
        reviewed: dt.datetime | None,
        note: str = "",
    ) -> ProgressUpdate:
        """A sent report, from the body responsible for the item when it was sent; reviewed at
        `reviewed` (returned when there is a note), else awaiting review."""
        decision = "" if reviewed is None else Decision.RETURNED if note else Decision.CONFIRMED
        return update_record(
            item=item,
            agency=self.successors.on(item.lead_agency, sent.date()),
            period=period,
            valid_on=data.valid_on,
            state=data.state,
            percent=data.percent,
            achieved=data.achieved,
            completed_on=data.completed_on,
            narrative=data.narrative,
            obstacles=data.obstacles,
            recommendations=data.recommendations,
            recorded_at=sent,
            decision=decision,
            reviewed_at=reviewed,
            review_note=note,
        )

    def write_closed(
        self,
        key: str,
        item: Item,
        period: ReportingPeriod | None,
        report: Report,
        rng: random.Random,
    ) -> int:
        """History: confirmed the next morning; after Q1 a few monthly reports are missing, and
        some are returned first and sent again two days later, or (after Q1, one in three)
        never answered: the next month's report took their place."""
        after_q1 = report.valid_on > Q1_END
        if after_q1 and report.state == Lifecycle.IN_PROGRESS and rng.random() < 0.08:
            return 0  # a missing monthly report
        if report.recorded_at >= self.clock.horizon:
            return 0  # not sent yet
        data = self.fields(item, report)
        next_morning = report.recorded_at + dt.timedelta(hours=17)
        if report.state == Lifecycle.IN_PROGRESS and rng.random() < 0.06:
            reasons = RETURN_REASONS if report.valid_on <= LAST_DAY else RETURN_REASONS_2025
            note = reasons[rng.randrange(len(reasons))]
            self.record(
                item, period, data, sent=report.recorded_at, reviewed=next_morning, note=note
            )
            answer = random.Random(f"answer/{key}/{report.valid_on}")  # noqa: S311
            if after_q1 and answer.random() < 0.33:
                return 1
            again = next_morning + dt.timedelta(days=2)
            self.record(
                item, period, data, sent=again, reviewed=self.seen(again + dt.timedelta(hours=20))
            )
            return 2
        self.record(item, period, data, sent=report.recorded_at, reviewed=self.seen(next_morning))
        return 1

    def seen(self, at: dt.datetime) -> dt.datetime | None:
        """A review planned at `at`, if that moment has come."""
        return at if at < self.clock.horizon else None

    def write_open(
        self,
        item: Item,
        period: ReportingPeriod,
        report: Report,
        chosen: Fate,
        reporters: list[Actor],
    ) -> int:
        outcome = chosen.outcome
        if outcome == Outcome.MISSING or (
            not reporters and outcome in (Outcome.DRAFT, Outcome.READY)
        ):
            return 0
        data = self.fields(item, report)
        if outcome in (Outcome.DRAFT, Outcome.READY):
            author = reporters[0] if outcome == Outcome.READY else reporters[-1]
            draft = update_create_draft(actor=author, item=item, period=period, data=data)
            if outcome == Outcome.READY:
                update_mark_ready(actor=author, update=draft)
            return 1
        if chosen.sent_at is None:
            raise ValueError(f"{outcome} needs a time it was sent")
        first = self.record(
            item, period, data, sent=chosen.sent_at, reviewed=chosen.reviewed_at, note=chosen.note
        )
        reviser = reporters[0] if reporters else None
        if outcome == Outcome.REVISING and reviser and reviser.agency == first.agency:
            update_revise(actor=reviser, update=first)
            return 2
        if outcome == Outcome.RESENT and chosen.resent_at is not None:
            self.record(
                item, period, data, sent=chosen.resent_at, reviewed=chosen.resent_reviewed_at
            )
            return 2
        return 1

    def request_extensions(self, histories: list[History]) -> None:
        """Each demo agency asks today for more time on an open item, an overdue one first, of
        the newest plan, unless it has asked already (the standing body has them to decide)."""
        today = self.clock.today
        for key, reason in EXTENSION_REASONS.items():
            agency = self.bodies[key]
            reporters = self.reporters.get(agency.pk, [])
            if not reporters:
                continue
            asker = reporters[0]
            if ExtensionRequest.objects.filter(decision="", requested_by=asker.user).exists():
                continue  # asked already
            open_items = []
            for history in histories:
                item = history.item
                last = history.reports[-1].state if history.reports else Lifecycle.NOT_STARTED
                deadline = current_deadline(item, today)
                if (
                    deadline is not None
                    and last != Lifecycle.DONE
                    and self.successors.on(item.lead_agency, today) == agency
                ):
                    rank = (deadline >= today, -history.plan.issued_on.toordinal(), deadline)
                    open_items.append((rank, deadline, item))
            if not open_items:
                continue
            _, deadline, item = min(open_items, key=lambda row: row[0])
            if item.extension_requests.filter(decision="").exists():
                continue
            later = max(today, deadline) + dt.timedelta(days=92)
            quarter = (later.month - 1) // 3 + 1
            extension_request_create(
                actor=asker,
                item=item,
                requested_deadline=quarter_end(later.year, quarter),
                reason=reason,
            )


def _achieved(item: Item, percent: int) -> Decimal | None:
    if item.target is None:
        return None
    return (item.target * percent / 100).quantize(Decimal("0.01"))


# --- periods, extensions, users ---------------------------------------------------------------


def _open_periods(plan: Plan, clock: Clock) -> None:
    """Monthly periods from the plan's issue to the next cut-off, and quarter-end (đến hết quý)
    ones for 2024; from 2025 the quarterly report (Nghị định 09, closing on the 14th of the
    quarter's last month) takes the place of that month's. A period closes the day after the next
    period's due date, so the one whose reports are late stays open while the next is reported."""
    today = clock.today
    holidays = set(clock.holidays)
    year, month = plan.issued_on.year, plan.issued_on.month
    last = (today.year, today.month)
    if today.day > CUTOFF_DAY:
        last = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    while (year, month) <= last:
        if year > LAST_DAY.year and month % 3 == 0:
            period_open(
                actor=None,
                plan=plan,
                kind=PeriodKind.QUARTER,
                year=year,
                number=month // 3,
                holidays=holidays,
            )
        else:
            period_open(
                actor=None,
                plan=plan,
                kind=PeriodKind.MONTH,
                year=year,
                number=month,
                holidays=holidays,
            )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for quarter in (1, 2, 3, 4):
        end = quarter_end(2024, quarter)
        if end > plan.issued_on:
            period_open(
                actor=None,
                plan=plan,
                kind=PeriodKind.CUSTOM,
                starts_on=max(plan.issued_on, dt.date(2024, 1, 1)),
                cutoff=end,
                label=f"Báo cáo đến hết quý {ROMAN_QUARTERS[quarter]}/2024",
                holidays=holidays,
            )
    for period in plan.periods.filter(closed_at__isnull=True):
        closes = _closing_day(period.cutoff, holidays)
        if closes < today:
            period_close(actor=None, period=period, at=clock.at(closes, 17))


def _closing_day(cutoff: dt.date, holidays: set[dt.date]) -> dt.date:
    """The day after the due date of the next monthly cut-off."""
    year, month = cutoff.year, cutoff.month
    if cutoff.day >= CUTOFF_DAY:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return due_date(dt.date(year, month, CUTOFF_DAY), holidays) + dt.timedelta(days=1)


def _extend_one_deadline(tasks: list[Item]) -> None:
    """One extension (gia hạn) decided before Q1 ended, so the task is not overdue on 31/3."""
    candidates = [
        t
        for t in tasks
        if t.deadline and t.deadline < dt.date(2024, 3, 25) and not t.deadline_changes.exists()
    ]
    if not candidates or any(t.deadline_changes.exists() for t in tasks):
        return
    task = candidates[0]
    item_extend_deadline(
        item=task,
        new_deadline=dt.date(2024, 6, 30),
        reason=(
            "Chờ hướng dẫn của Bộ Công an về kết nối, chia sẻ dữ liệu với Cơ sở dữ liệu quốc gia "
            "về dân cư."
        ),
        decided_on=dt.date(2024, 3, 8),
        decided_by="Thông báo kết luận của Tổ công tác Đề án 06 tỉnh",
        recorded_at=dt.datetime(2024, 3, 8, 15, 0, tzinfo=VN),
    )


def _extend_after_reorganisation(clock: Clock) -> None:
    """The extensions the working group decided in 2025 and 2026, once their day has passed."""
    for number, code, new_deadline, decided_on, reason in EXTENSIONS_2025:
        if decided_on >= clock.today:
            continue
        item = Item.objects.filter(plan__number=number, code=code).first()
        if item is None or item.deadline_changes.exists():
            continue
        item_extend_deadline(
            item=item,
            new_deadline=new_deadline,
            reason=reason,
            decided_on=decided_on,
            decided_by="Thông báo kết luận của Tổ công tác Đề án 06 tỉnh",
            recorded_at=clock.at(decided_on, 16),
        )


def _demo_users(bodies: dict[str, Agency]) -> list[tuple[str, str, str]]:
    """One account per role, printed by `make run` (sample only: never in production)."""
    users = []
    # One hash for all: the demo password is printed anyway, and Argon2 is slow on purpose.
    encoded = ""
    for username, full_name, key, role, position in DEMO_USERS:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            is_admin = role == Role.ADMIN
            last, _, first = full_name.rpartition(" ")
            encoded = encoded or make_password(DEMO_PASSWORD)
            user = get_user_model()(
                username=username,
                # A reserved domain (RFC 2606): the sample's reminders can never reach anyone.
                email=f"{username}@{SAMPLE_MAIL_DOMAIN}",
                first_name=first,
                last_name=last,
                is_staff=is_admin,
                is_superuser=is_admin,
                password=encoded,
            )
            user.save()
        elif not user.email:
            user.email = f"{username}@{SAMPLE_MAIL_DOMAIN}"
            user.save(update_fields=["email"])
        membership_set(user=user, agency=bodies[key], role=role, position=position)
        label = f"{Role(role).label} – {bodies[key].label}"
        users.append((username, DEMO_PASSWORD, label))
    return users
