"""How each sample item progressed over time: deterministic histories of progress updates.

Each item of the 2023–2024 plans gets an outcome at the end of Q1/2024 (the article's conference)
and a path before and after it; items of the yearly plans from 2025 get one relative to their
deadline. Reports are valid on the 14th of each month (Nghị định 09 windows) and, in 2024, also
at quarter ends (the province then reported "đến hết quý"); from 2025 the quarterly report closes
on the 14th like the others. Each is recorded one or two days after its cut-off, some of them late.
Histories run up to the day before the sample is loaded.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from tiendo.progress.models import Lifecycle

VN = ZoneInfo("Asia/Ho_Chi_Minh")
Q1_END = dt.date(2024, 3, 31)
LAST_DAY = dt.date(2024, 12, 31)  # the end of the 2023–2024 plans' own period
MERGER = dt.date(2025, 3, 1)  # ministries and departments merged (domain.md §6, §9)

# (cause category, what the agency wrote): the causes the article names come first.
OBSTACLES: tuple[tuple[str, str], ...] = (
    (
        "infrastructure",
        "Hạ tầng kỹ thuật thiếu đồng bộ, đường truyền tại một số điểm chưa ổn định.",
    ),
    (
        "no_guidance",
        "Chưa có hướng dẫn của bộ, ngành Trung ương về quy trình kết nối, chia sẻ dữ liệu.",
    ),
    ("funding", "Kinh phí thực hiện chưa được bố trí trong dự toán năm."),
    ("staff", "Thiếu cán bộ chuyên trách công nghệ thông tin tại cơ sở."),
    ("not_proactive", "Một số đơn vị phối hợp chưa chủ động triển khai phần việc được giao."),
    (
        "data",
        "Dữ liệu chuyên ngành chưa được làm sạch, chưa đồng bộ với Cơ sở dữ liệu quốc gia "
        "về dân cư.",
    ),
)
# From 2025 the reorganisation brings causes of its own.
OBSTACLES_2025: tuple[tuple[str, str], ...] = (
    *OBSTACLES,
    (
        "coordination",
        "Sắp xếp tổ chức bộ máy, đơn vị hành chính làm thay đổi đầu mối thực hiện; việc bàn "
        "giao hồ sơ, dữ liệu giữa đơn vị cũ và đơn vị mới chưa hoàn tất.",
    ),
    (
        "legal",
        "Chưa có hướng dẫn điều chỉnh quy trình nội bộ sau khi kết thúc hoạt động cấp huyện.",
    ),
)
# (addressee key, recommendation): ministries first, as the leader asked.
RECOMMENDATIONS: tuple[tuple[str, str], ...] = (
    (
        "BCA",
        "Đề nghị Bộ Công an hướng dẫn quy trình kết nối, xác thực dữ liệu với Cơ sở dữ liệu quốc "
        "gia về dân cư.",
    ),
    ("BYT", "Đề nghị Bộ Y tế sớm ban hành hướng dẫn thống nhất về triển khai sổ sức khỏe điện tử."),
    ("UBND", "Đề nghị UBND tỉnh bố trí kinh phí để đầu tư, nâng cấp hạ tầng kỹ thuật."),
    (
        "BHXHVN",
        "Đề nghị Bảo hiểm xã hội Việt Nam hoàn thiện phần mềm tiếp nhận, tra cứu thẻ bảo hiểm y tế "
        "bằng căn cước công dân.",
    ),
    (
        "BTTTT",
        "Đề nghị Bộ Thông tin và Truyền thông hướng dẫn tiêu chuẩn kết nối Trung tâm điều hành "
        "thông minh.",
    ),
)
# After the merger the same requests go to the ministries that exist then (same positions).
RECOMMENDATIONS_2025: tuple[tuple[str, str], ...] = (
    *RECOMMENDATIONS[:4],
    (
        "BKHCN",
        "Đề nghị Bộ Khoa học và Công nghệ hướng dẫn tiêu chuẩn kết nối Trung tâm điều hành thông "
        "minh với hệ thống của Chính phủ.",
    ),
)


@dataclass(frozen=True)
class Report:
    """One progress update of a sample item."""

    valid_on: dt.date
    recorded_at: dt.datetime
    state: str
    percent: int
    completed_on: dt.date | None = None
    narrative: str = ""
    obstacles: tuple[tuple[str, str], ...] = ()
    recommendations: tuple[tuple[str, str], ...] = ()


def report_dates(start: dt.date, end: dt.date = LAST_DAY) -> list[dt.date]:
    """The 14th of every month between start and end, and each quarter end up to 2024."""
    days = []
    year, month = start.year, start.month
    while dt.date(year, month, 1) <= end:
        for day in (dt.date(year, month, 14), _quarter_end(year, month)):
            if day is not None and start < day <= end:
                days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return sorted(set(days))


def _quarter_end(year: int, month: int) -> dt.date | None:
    if month not in (3, 6, 9, 12) or year > LAST_DAY.year:
        return None
    return dt.date(year, month, {3: 31, 6: 30, 9: 30, 12: 31}[month])


def recorded(day: dt.date, late_days: int = 0) -> dt.datetime:
    """Reports arrive the next working day afternoon, or late_days later than that."""
    arrival = day + dt.timedelta(days=1 + late_days)
    while arrival.weekday() >= 5:
        arrival += dt.timedelta(days=1)
    return dt.datetime(arrival.year, arrival.month, arrival.day, 16, 30, tzinfo=VN)


def story(
    *,
    key: str,
    issued_on: dt.date,
    outcome_q1: str,
    finish_after_q1: dt.date | None,
    deadline: dt.date | None,
    until: dt.date = LAST_DAY,
) -> list[Report]:
    """Updates of one item of the 2023–2024 plans so that on 31/3/2024 its state is outcome_q1.

    outcome_q1 is done, in_progress or not_started; finish_after_q1 is when it is completed later
    (None: not done by `until`, the last data date). Items done by Q1 finish before the 14th of
    March so that the March report already carries it.
    """
    rng = random.Random(key)  # noqa: S311 - reproducible sample, not security
    completed: dt.date | None
    if outcome_q1 == "done":
        latest = min(
            dt.date(2024, 3, 10), (deadline or Q1_END) + dt.timedelta(days=rng.choice([0, 0, 9]))
        )
        completed = max(
            issued_on + dt.timedelta(days=20), latest - dt.timedelta(days=rng.randint(0, 25))
        )
        started = issued_on + dt.timedelta(days=rng.randint(5, 20))
    elif outcome_q1 == "in_progress":
        completed = finish_after_q1
        started = min(
            Q1_END - dt.timedelta(days=20), issued_on + dt.timedelta(days=rng.randint(10, 100))
        )
    else:
        completed = finish_after_q1
        started = dt.date(2024, 4, 14) + dt.timedelta(days=rng.randint(0, 120))
    return _progress(
        rng,
        dates=report_dates(issued_on, until),
        started=started,
        completed=completed,
        first_wait=dt.date(2024, 3, 14),
        plan_year=LAST_DAY.year,
        recurring=deadline is None,
    )


def year_story(
    *, key: str, issued_on: dt.date, deadline: dt.date | None, outcome: str, until: dt.date
) -> list[Report]:
    """Updates of one item of a yearly plan (2025 on).

    outcome is on_time (done by its deadline), late (done some weeks after it) or open (not done
    by `until`; recurring items are always open). Completions after `until` have not happened yet.
    """
    rng = random.Random(key)  # noqa: S311 - reproducible sample, not security
    started = issued_on + dt.timedelta(days=rng.randint(7, 45))
    completed: dt.date | None = None
    if deadline is not None and outcome == "on_time":
        earliest = started + dt.timedelta(days=25)
        completed = max(earliest, deadline - dt.timedelta(days=rng.randint(0, 45)))
    elif deadline is not None and outcome == "late":
        completed = deadline + dt.timedelta(days=rng.randint(12, 150))
    return _progress(
        rng,
        dates=report_dates(issued_on, until),
        started=started,
        completed=completed,
        first_wait=issued_on,
        plan_year=issued_on.year,
        recurring=deadline is None,
    )


def _progress(
    rng: random.Random,
    *,
    dates: list[dt.date],
    started: dt.date,
    completed: dt.date | None,
    first_wait: dt.date,
    plan_year: int,
    recurring: bool,
) -> list[Report]:
    """The reports on `dates`: one "not started" while waiting, then progress, then done.

    A recurring item (thường xuyên) is done for good with its plan's year: the next year's plan
    gives that work again.
    """
    reports: list[Report] = []
    percent = 0
    waited = False
    year_end = dt.date(plan_year, 12, 31)
    for day in dates:
        later = day > LAST_DAY
        if recurring and day > year_end:
            reports.append(
                Report(
                    valid_on=day,
                    recorded_at=recorded(day),
                    state=Lifecycle.DONE,
                    percent=100,
                    completed_on=year_end,
                    narrative=f"Đã hoàn thành nội dung thường xuyên của năm {plan_year}; từ năm "
                    f"{plan_year + 1} nhiệm vụ được giao tại kế hoạch của năm mới.",
                )
            )
            break
        if completed is not None and day >= completed:
            reports.append(
                Report(
                    valid_on=day,
                    recorded_at=recorded(day, rng.choice([0, 0, 0, 3])),
                    state=Lifecycle.DONE,
                    percent=100,
                    completed_on=completed,
                    narrative="Đã hoàn thành, sản phẩm đã được nghiệm thu và đưa vào sử dụng.",
                )
            )
            break
        obstacles = OBSTACLES_2025 if later else OBSTACLES
        recommendations = RECOMMENDATIONS_2025 if day >= MERGER else RECOMMENDATIONS
        if day < started:
            if day >= first_wait and not waited:
                waited = True
                reports.append(
                    Report(
                        valid_on=day,
                        recorded_at=recorded(day),
                        state=Lifecycle.NOT_STARTED,
                        percent=0,
                        narrative="Chưa triển khai.",
                        obstacles=(obstacles[rng.randrange(len(obstacles))],),
                        recommendations=(recommendations[rng.randrange(len(recommendations))],),
                    )
                )
            continue
        if later and percent >= 60:
            # Work carried into a later year moves slowly, and some of it stalls.
            percent = min(95, percent + rng.choice([0, 0, 2, 3, 5]))
        else:
            percent = min(95, percent + rng.randint(8, 25))
        # Some reports are late (recorded well after the 2-working-day window), none after 2/4/2024
        # for data on or before 31/3/2024, so the conference's figures stay as they were read.
        if later:
            late = rng.choice([0, 0, 0, 1, 3, 8])
        elif day <= dt.date(2024, 3, 14):
            late = rng.choice([0, 0, 0, 0, 5])
        else:
            late = rng.choice([0, 0, 8])
        has_obstacle = rng.random() < 0.3
        reports.append(
            Report(
                valid_on=day,
                recorded_at=recorded(day, late),
                state=Lifecycle.IN_PROGRESS,
                percent=percent,
                narrative=f"Chuyển tiếp từ năm {plan_year}, đang triển khai, ước đạt {percent} % "
                "khối lượng công việc."
                if day.year > plan_year
                else f"Đang triển khai, ước đạt {percent} % khối lượng công việc.",
                obstacles=(obstacles[rng.randrange(len(obstacles))],) if has_obstacle else (),
                recommendations=(
                    (recommendations[rng.randrange(len(recommendations))],) if has_obstacle else ()
                ),
            )
        )
    return reports
