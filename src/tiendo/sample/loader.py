"""The illustrative Nghệ An sample (domain.md §8): real agencies, plausible plans and histories.

As of 31/3/2024 it gives the article's figures: KH 762, 38 models = 6 done, 20 in progress,
12 not started; KH 87, 51 tasks in its 10 groups not completed. Loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from tiendo.accounts.models import Role
from tiendo.accounts.services import membership_set
from tiendo.agencies.directory import load_nghe_an
from tiendo.agencies.models import Agency
from tiendo.lib.dates import ROMAN_QUARTERS, quarter_end
from tiendo.plans.models import Item, ItemKind, Plan
from tiendo.plans.services import (
    group_upsert,
    item_extend_deadline,
    item_upsert,
    plan_upsert,
    programme_upsert,
)
from tiendo.progress.models import Decision, Lifecycle, PeriodKind
from tiendo.progress.periods import holiday_days, holidays_seed, period_close, period_open
from tiendo.progress.services import ObstacleInput, RecommendationInput, update_record
from tiendo.sample import content
from tiendo.sample.indicators import load_indicator_sample
from tiendo.sample.stories import Q1_END, VN, recorded, story

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


@dataclass
class LoadResult:
    """What load_sample did, for the command to print."""

    created_updates: int
    plans: list[Plan]
    users: list[tuple[str, str, str]]


@transaction.atomic
def load_sample() -> LoadResult:
    bodies = load_nghe_an()
    province = bodies["UBND"]
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
    holidays_seed(range(2023, timezone.localdate().year + 2))
    holidays = holiday_days()
    for plan in (plan_762, plan_87):
        _open_periods(plan, holidays)
    created = 0
    created += _write_histories(plan_762, _model_outcomes(models), models, bodies)
    created += _write_histories(plan_87, _task_outcomes(tasks), tasks, bodies)
    site_outcomes: dict[str, tuple[str, dt.date | None]] = {
        item.code: ("in_progress", None) for item in sites
    }
    created += _write_histories(plan_762, site_outcomes, sites, bodies)
    _extend_one_deadline(tasks)
    load_indicator_sample(province, timezone.localdate())
    return LoadResult(created_updates=created, plans=[plan_762, plan_87], users=_demo_users(bodies))


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


def _write_histories(
    plan: Plan,
    outcomes: dict[str, tuple[str, dt.date | None]],
    items: list[Item],
    bodies: dict[str, Agency],
) -> int:
    """Append each item's story, unless the item already has updates (idempotent load).

    Each report belongs to the plan's period with that cut-off, is confirmed by the standing body
    the next morning, and some are returned first and sent again; a few monthly reports after Q1
    are missing, and the newest ones still await review.
    """
    with_updates = set(
        Item.objects.filter(pk__in=[i.pk for i in items], updates__isnull=False).values_list(
            "pk", flat=True
        )
    )
    periods = {p.cutoff: p for p in plan.periods.all()}
    created = 0
    for item in items:
        if item.pk in with_updates:
            continue
        outcome, finish = outcomes[item.code]
        rng = random.Random(f"cycle/{plan.number}/{item.code}")  # noqa: S311 - reproducible
        for report in story(
            key=f"{plan.number}/{item.code}",
            issued_on=plan.issued_on,
            outcome_q1=outcome,
            finish_after_q1=finish if not item.is_recurring else None,
            deadline=item.deadline,
        ):
            after_q1 = report.valid_on > Q1_END
            if after_q1 and report.state == Lifecycle.IN_PROGRESS and rng.random() < 0.08:
                continue  # a missing monthly report
            fields = {
                "item": item,
                "valid_on": report.valid_on,
                "period": periods.get(report.valid_on),
                "state": report.state,
                "percent": report.percent,
                "achieved": _achieved(item, report.percent),
                "completed_on": report.completed_on,
                "narrative": report.narrative,
                "obstacles": [ObstacleInput(c, text) for c, text in report.obstacles],
                "recommendations": [
                    RecommendationInput(bodies[key], text) for key, text in report.recommendations
                ],
            }
            next_morning = report.recorded_at + dt.timedelta(hours=17)
            if report.state == Lifecycle.IN_PROGRESS and rng.random() < 0.06:
                update_record(
                    **fields,  # type: ignore[arg-type]
                    recorded_at=report.recorded_at,
                    decision=Decision.RETURNED,
                    reviewed_at=next_morning,
                    review_note=RETURN_REASONS[rng.randrange(len(RETURN_REASONS))],
                )
                created += 1
                if report.valid_on >= dt.date(2024, 11, 14):
                    continue  # returned recently: the agency has not sent it again yet
                report_again = next_morning + dt.timedelta(days=2)
                update_record(
                    **fields,  # type: ignore[arg-type]
                    recorded_at=report_again,
                    reviewed_at=report_again + dt.timedelta(hours=20),
                )
            else:
                pending = report.valid_on >= dt.date(2024, 12, 14) and rng.random() < 0.3
                update_record(
                    **fields,  # type: ignore[arg-type]
                    recorded_at=report.recorded_at,
                    decision="" if pending else Decision.CONFIRMED,
                    reviewed_at=next_morning,
                )
            created += 1
    return created


RETURN_REASONS = (
    "Báo cáo chưa nêu sản phẩm định lượng cụ thể; đề nghị bổ sung số liệu so với chỉ tiêu.",
    "Tỷ lệ hoàn thành chưa khớp với kết quả nêu trong báo cáo; đề nghị rà soát lại.",
    "Chưa có tài liệu minh chứng cho kết quả đã báo cáo.",
)


def _open_periods(plan: Plan, holidays: set[dt.date]) -> None:
    """Monthly periods from the plan's issue to now, quarter-end (đến hết quý) ones for 2024;
    those whose due date passed more than a week ago are closed."""
    today = timezone.localdate()
    year, month = plan.issued_on.year, plan.issued_on.month
    while (year, month) <= (today.year, today.month + (today.day >= 15)):
        period_open(
            actor=None, plan=plan, kind=PeriodKind.MONTH, year=year, number=month, holidays=holidays
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
        if period.due_on + dt.timedelta(days=7) < today:
            period_close(
                actor=None,
                period=period,
                at=dt.datetime.combine(period.due_on + dt.timedelta(days=7), dt.time(17), VN),
            )


def _achieved(item: Item, percent: int) -> Decimal | None:
    if item.target is None:
        return None
    return (item.target * percent / 100).quantize(Decimal("0.01"))


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


def _demo_users(bodies: dict[str, Agency]) -> list[tuple[str, str, str]]:
    """One account per role, printed by `make run` (sample only: never in production)."""
    User = get_user_model()
    users = []
    for username, full_name, key, role, position in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            is_admin = role == Role.ADMIN
            last, _, first = full_name.rpartition(" ")
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                is_staff=is_admin,
                is_superuser=is_admin,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        membership_set(user=user, agency=bodies[key], role=role, position=position)
        label = f"{Role(role).label} – {bodies[key].label}"
        users.append((username, DEMO_PASSWORD, label))
    return users
