"""How each sample item progressed over time: deterministic histories of progress updates.

Each item gets an outcome at the end of Q1/2024 (the article's conference) and a path before and
after it. Reports are valid on the 14th of each month (Nghị định 09 windows) and at quarter ends,
and are recorded one or two days later, some of them late.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from tiendo.progress.models import Lifecycle

VN = ZoneInfo("Asia/Ho_Chi_Minh")
Q1_END = dt.date(2024, 3, 31)
LAST_DAY = dt.date(2024, 12, 31)

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
    """The 14th of every month and each quarter end between start and end."""
    days = []
    year, month = start.year, start.month
    while dt.date(year, month, 1) <= end:
        for day in (dt.date(year, month, 14), _quarter_end(year, month)):
            if day is not None and start < day <= end:
                days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return sorted(set(days))


def _quarter_end(year: int, month: int) -> dt.date | None:
    if month not in (3, 6, 9, 12):
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
) -> list[Report]:
    """Updates of one item so that on 31/3/2024 its state is outcome_q1.

    outcome_q1 is done, in_progress or not_started; finish_after_q1 is when it is completed later
    (None: still not done at the end of 2024). Items done by Q1 finish before the 14th of March so
    that the March report already carries it.
    """
    rng = random.Random(key)  # noqa: S311 - reproducible sample, not security
    dates = report_dates(issued_on)
    reports: list[Report] = []
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
    percent = 0
    waited = False
    for day in dates:
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
        if day < started:
            if day >= dt.date(2024, 3, 14) and not waited:
                waited = True
                reports.append(
                    Report(
                        valid_on=day,
                        recorded_at=recorded(day),
                        state=Lifecycle.NOT_STARTED,
                        percent=0,
                        narrative="Chưa triển khai.",
                        obstacles=(OBSTACLES[rng.randrange(len(OBSTACLES))],),
                        recommendations=(RECOMMENDATIONS[rng.randrange(len(RECOMMENDATIONS))],),
                    )
                )
            continue
        percent = min(95, percent + rng.randint(8, 25))
        # Some reports are late (recorded well after the 2-working-day window), none after 2/4/2024
        # for data on or before 31/3/2024, so the conference's figures stay as they were read.
        late = rng.choice([0, 0, 0, 0, 5]) if day <= dt.date(2024, 3, 14) else rng.choice([0, 0, 8])
        has_obstacle = rng.random() < 0.3
        reports.append(
            Report(
                valid_on=day,
                recorded_at=recorded(day, late),
                state=Lifecycle.IN_PROGRESS,
                percent=percent,
                narrative=f"Đang triển khai, ước đạt {percent} % khối lượng công việc.",
                obstacles=(OBSTACLES[rng.randrange(len(OBSTACLES))],) if has_obstacle else (),
                recommendations=(
                    (RECOMMENDATIONS[rng.randrange(len(RECOMMENDATIONS))],) if has_obstacle else ()
                ),
            )
        )
    return reports
