"""The daily round of reminders: deadlines, reporting periods and the weekly lists.

Reminders go out on working days only. One that would fall on a day off goes on the working
day before (a deadline on Sunday is announced on Friday, as such); one that must not come early
(overdue, "số liệu đã chốt") goes on the working day after. A day the worker missed is caught up
by the next round, once: each reminder has a key per natural day, unique per person. The texts
are written for the day the round runs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tiendo.accounts.access import province_of
from tiendo.accounts.models import Role
from tiendo.agencies.models import Agency
from tiendo.agencies.selectors import primary_successor_map, responsible_agency_id
from tiendo.lib.dates import format_date
from tiendo.notifications.delivery import REPORTERS, Reminder, deliver
from tiendo.notifications.mail import queue_emails, send_due_emails
from tiendo.notifications.models import ReminderRule, ScheduledRun
from tiendo.notifications.selectors import UNFINISHED
from tiendo.notifications.services import claim_run, finish_run
from tiendo.notifications.workdays import Calendar
from tiendo.plans.models import Item, Plan
from tiendo.progress.models import ReportingPeriod
from tiendo.readmodels.reporting import compliance_for_period
from tiendo.status.phrases import plan_sentences
from tiendo.status.selectors import (
    AsOf,
    DeadlineClass,
    ItemStatus,
    Scope,
    iter_item_statuses,
    status_summary,
)

# A worker down for longer than this starts afresh instead of sending weeks of reminders.
CATCH_UP = dt.timedelta(days=14)
RUN_PREFIX = "reminders:"


@dataclass(frozen=True)
class Round:
    """One working day's round: it sends what falls on `day`, and what fell on the days since
    the last round that ran (`since`, the first day not yet served)."""

    day: dt.date
    since: dt.date
    calendar: Calendar

    def send_day(self, natural: dt.date, after: dt.date | None = None) -> dt.date:
        """When a reminder meant for `natural` goes out: that day, or the working day before
        it; the working day after if it must come after `after` (an overdue notice never comes
        on or before the deadline)."""
        day = self.calendar.on_or_before(natural)
        if after is not None and day <= after:
            day = self.calendar.on_or_after(natural)
        return day

    def sends(self, natural: dt.date, after: dt.date | None = None) -> bool:
        return self.since <= self.send_day(natural, after) <= self.day

    def natural_days(self) -> list[dt.date]:
        """Every day whose reminders may go out in this round."""
        first = self.calendar.on_or_before(self.since - dt.timedelta(days=1)) + dt.timedelta(days=1)
        last = self.calendar.on_or_after(self.day + dt.timedelta(days=1)) - dt.timedelta(days=1)
        return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]

    @property
    def week(self) -> str:
        year, week, _ = self.day.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def starts_week(self) -> bool:
        """The week's lists go on its first working day, or on the next round if that was
        missed."""
        start = self.calendar.week_start(self.day)
        return start is not None and self.since <= start <= self.day


def rule_for(plan: Plan) -> ReminderRule:
    return getattr(plan, "reminder_rule", None) or ReminderRule(plan=plan)


def _left(days: int) -> str:
    if days > 0:
        return f"còn {days} ngày"
    return "hạn là hôm nay" if days == 0 else f"quá hạn {-days} ngày"


def _unfinished(plan: Plan, day: dt.date) -> Iterator[tuple[ItemStatus, dt.date]]:
    """Every unfinished item of the plan with a deadline, and that deadline in force."""
    for chunk in iter_item_statuses(
        Scope(plan=plan, top_level_only=False), AsOf.make(day), deadline_classes=UNFINISHED
    ):
        for row in chunk:
            if row.deadline_now is not None:
                yield row, row.deadline_now


class Agencies:
    """Agencies by id, each fetched once per round."""

    def __init__(self) -> None:
        self._cache: dict[int, Agency] = {}

    def get(self, pk: int) -> Agency:
        if pk not in self._cache:
            self._cache[pk] = Agency.objects.get(pk=pk)
        return self._cache[pk]


def item_reminders(
    round_: Round, plans: Iterable[Plan], agencies: Agencies | None = None
) -> list[Reminder]:
    """Deadline reminders for every unfinished item of the plans: before the deadline, on it,
    after it every overdue_every_days, and to the unit's heads past escalate_after_days."""
    out: list[Reminder] = []
    agencies = agencies or Agencies()
    calendar, today = round_.calendar, round_.day
    days = round_.natural_days()
    for plan in plans:
        rule = rule_for(plan)
        before = set(rule.before_days)
        for row, deadline in _unfinished(plan, today):
            agency = agencies.get(row.responsible_agency_id)
            item = row.item
            left = (deadline - today).days
            due = calendar.deadline(deadline)
            when = calendar.deadline(deadline, _left(left))
            link = reverse("plans:item_detail", args=[item.pk])
            what = f"{item.get_kind_display().lower()} {item.code} (Kế hoạch số {plan.number})"
            head = f"“{item.title}”, {what}, do {agency.name} chủ trì"
            state = f"Tình trạng: {row.state_label}."
            for natural in days:
                natural_left = (deadline - natural).days
                if (natural_left > 0 and natural_left in before) or (
                    natural_left == 0 and rule.on_due_day
                ):
                    if left < 0 or not round_.sends(natural):
                        continue  # a missed "còn 1 ngày" is not sent once overdue
                    key = (
                        f"before:{item.pk}:{deadline}:{natural_left}"
                        if natural_left
                        else f"due:{item.pk}:{deadline}"
                    )
                    if left == 0:
                        kind, subject = "due_today", f"Đến hạn hôm nay: {what}"
                        ask = "Đề nghị báo cáo kết quả ngay trong ngày."
                    else:
                        kind = "due_soon"
                        subject = f"Nhắc việc: {what} đến hạn ngày {when}"
                        ask = "Đề nghị hoàn thành và báo cáo kết quả đúng hạn."
                    out.append(
                        Reminder(
                            agency,
                            REPORTERS,
                            kind,
                            key,
                            subject,
                            f"{head}, đến hạn ngày {when}. {state} {ask}",
                            link,
                            item,
                            rule.mandatory,
                            fallback=True,
                            urgency=-natural_left,
                        )
                    )
                if natural_left >= 0 or not round_.sends(natural, after=deadline):
                    continue
                late = -natural_left
                # The day after the deadline, then every overdue_every_days while overdue.
                if (late - 1) % rule.overdue_every_days == 0:
                    out.append(
                        Reminder(
                            agency,
                            REPORTERS,
                            "overdue",
                            f"overdue:{item.pk}:{deadline}:{late}",
                            f"Quá hạn {-left} ngày: {what}",
                            f"{head}, đã quá hạn {-left} ngày (hạn {due}). {state} Đề nghị "
                            "khẩn trương hoàn thành, báo cáo rõ nguyên nhân, khó khăn và đề "
                            "xuất gia hạn nếu cần.",
                            link,
                            item,
                            rule.mandatory,
                            fallback=True,
                            urgency=late,
                        )
                    )
                over = late - rule.escalate_after_days
                roles = [r for r in rule.escalation_roles if r != Role.STANDING]
                if over >= 1 and (over - 1) % 7 == 0 and (roles or not rule.escalation_roles):
                    out.append(
                        Reminder(
                            agency,
                            roles or [Role.HEAD],
                            "escalation",
                            f"escalate:{item.pk}:{deadline}:{late}",
                            f"Báo cáo lãnh đạo: {what} quá hạn {-left} ngày",
                            f"{head}, quá hạn {-left} ngày (hạn {due}), vượt ngưỡng "
                            f"{rule.escalate_after_days} ngày. Đề nghị thủ trưởng đơn vị trực "
                            "tiếp chỉ đạo, báo cáo cơ quan thường trực.",
                            link,
                            item,
                            True,
                            urgency=late,
                        )
                    )
    return out


def escalation_digest(
    round_: Round, plans: Sequence[Plan], agencies: Agencies | None = None
) -> list[Reminder]:
    """Once a week, for the standing body of each province: every item overdue past its plan's
    threshold, by responsible agency, with its deadline and days overdue (one list, not one
    notice per item)."""
    if not round_.starts_week:
        return []
    agencies = agencies or Agencies()
    today, calendar = round_.day, round_.calendar
    by_province: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for plan in plans:
        rule = rule_for(plan)
        if Role.STANDING not in rule.escalation_roles:
            continue
        province = province_of(plan.issuing_agency)
        for row, deadline in _unfinished(plan, today):
            late = (today - deadline).days
            if late > rule.escalate_after_days:
                by_province[province.pk][row.responsible_agency_id].append(
                    f"  + {row.item.code}. {row.item.title} (Kế hoạch số {plan.number}) – hạn "
                    f"{calendar.deadline(deadline)}, quá hạn {late} ngày"
                )
    out = []
    for province_id, by_agency in by_province.items():
        province = agencies.get(province_id)
        count = sum(len(lines) for lines in by_agency.values())
        lines = [
            f"Tính đến ngày {format_date(today)}, {count} nhiệm vụ, mô hình quá hạn vượt ngưỡng "
            f"báo cáo lãnh đạo, của {len(by_agency)} cơ quan, đơn vị:"
        ]
        named = sorted(by_agency.items(), key=lambda pair: agencies.get(pair[0]).name)
        for agency_id, items in named:
            lines.append(f"- {agencies.get(agency_id).name} ({len(items)}):")
            lines += items
        out.append(
            Reminder(
                province,
                [Role.STANDING],
                "escalation_digest",
                f"escalations:{province_id}:{round_.week}",
                f"Tổng hợp {count} nhiệm vụ, mô hình quá hạn kéo dài – tuần {round_.week[-2:]}"
                f"/{today.isocalendar().year}",
                "\n".join(lines),
                reverse("dashboard:overview"),
                None,
                True,
            )
        )
    return out


def coordination_digest(
    round_: Round, plans: Sequence[Plan], agencies: Agencies | None = None
) -> list[Reminder]:
    """Once a week, where the plan's rule asks for it: to each coordinating agency, the items
    it coordinates that are due within 7 days or overdue."""
    if not round_.starts_week:
        return []
    agencies = agencies or Agencies()
    today, calendar = round_.day, round_.calendar
    successors = primary_successor_map(today)
    out = []
    for plan in plans:
        rule = rule_for(plan)
        if not rule.coordinators_weekly:
            continue
        rows = [
            (row, deadline)
            for row, deadline in _unfinished(plan, today)
            if (deadline - today).days <= 7
        ]
        coordinators: dict[int, set[int]] = defaultdict(set)
        through = Item.coordinating_agencies.through.objects.filter(
            item_id__in=[row.item.pk for row, _ in rows]
        ).values_list("item_id", "agency_id")
        for item_id, agency_id in through:
            coordinators[item_id].add(responsible_agency_id(agency_id, successors))
        by_agency: dict[int, list[str]] = defaultdict(list)
        for row, deadline in rows:
            for agency_id in coordinators[row.item.pk] - {row.responsible_agency_id}:
                by_agency[agency_id].append(
                    f"- {row.item.code}. {row.item.title} – chủ trì: "
                    f"{agencies.get(row.responsible_agency_id).name}; hạn "
                    f"{calendar.deadline(deadline)}, {_left((deadline - today).days)}; "
                    f"{row.state_label.lower()}"
                )
        for agency_id, lines in by_agency.items():
            agency = agencies.get(agency_id)
            out.append(
                Reminder(
                    agency,
                    REPORTERS,
                    "coordination_digest",
                    f"coord:{plan.pk}:{round_.week}",
                    f"Nhiệm vụ phối hợp sắp đến hạn, quá hạn (Kế hoạch số {plan.number})",
                    f"{agency.name} là cơ quan phối hợp của {len(lines)} nhiệm vụ, mô hình sắp "
                    f"đến hạn hoặc đã quá hạn, tính đến ngày {format_date(today)}. Đề nghị phối "
                    "hợp với cơ quan chủ trì để hoàn thành đúng hạn.\n" + "\n".join(lines),
                    reverse("plans:my_items"),
                    None,
                    False,
                )
            )
    return out


def period_reminders(round_: Round, plans: Iterable[Plan]) -> list[Reminder]:
    """Periods: reporting opens at the cut-off, the due date nears, reports are missing."""
    out: list[Reminder] = []
    calendar, today = round_.calendar, round_.day
    days = round_.natural_days()
    first, last = days[0], days[-1]
    for plan in plans:
        rule = rule_for(plan)
        if not rule.period_reminders:
            continue
        ahead = dt.timedelta(days=rule.period_due_days_before)
        one = dt.timedelta(days=1)
        province = province_of(plan.issuing_agency)
        for period in ReportingPeriod.objects.filter(
            Q(plan=plan),
            Q(cutoff__range=(first, last))
            | Q(due_on__range=(first + ahead, last + ahead))
            | Q(due_on__range=(first - one, last - one)),
        ):
            opens = round_.sends(period.cutoff, after=period.cutoff - one)
            nears = round_.sends(period.due_on - ahead)
            missing = round_.sends(period.due_on + one, after=period.due_on)
            if not (opens or nears or missing):
                continue
            link = reverse("progress:compliance", args=[period.pk])
            rows = compliance_for_period(period)
            label = period.label
            due = calendar.deadline(period.due_on)
            left = _left((period.due_on - today).days)
            if opens:
                for row in rows:
                    out.append(
                        Reminder(
                            row.agency,
                            REPORTERS,
                            "period_open",
                            f"open:{period.pk}",
                            f"Kỳ báo cáo {label} (Kế hoạch số {plan.number}) đã chốt số liệu",
                            f"Số liệu tính đến ngày {format_date(period.cutoff)}. Đề nghị "
                            f"{row.agency.name} gửi báo cáo {row.expected} nhiệm vụ, mô hình "
                            f"trước ngày {due} ({left}).",
                            link,
                            None,
                            rule.mandatory,
                        )
                    )
            if nears and period.due_on >= today:
                for row in rows:
                    if row.missing:
                        out.append(
                            Reminder(
                                row.agency,
                                REPORTERS,
                                "period_due",
                                f"due:{period.pk}",
                                f"Sắp hết hạn gửi báo cáo {label} (hạn {due}, {left})",
                                f"{row.agency.name} còn {row.missing} nhiệm vụ, mô hình chưa gửi "
                                f"báo cáo kỳ {label} của Kế hoạch số {plan.number}; hạn gửi "
                                f"{due} ({left}).",
                                link,
                                None,
                                rule.mandatory,
                            )
                        )
            if missing:
                late = [row for row in rows if row.missing]
                for row in late:
                    out.append(
                        Reminder(
                            row.agency,
                            REPORTERS,
                            "period_missing",
                            f"missing:{period.pk}",
                            f"Chưa gửi báo cáo {label} (hạn {format_date(period.due_on)}, {left})",
                            f"{row.agency.name} chưa gửi báo cáo {row.missing} nhiệm vụ, mô hình "
                            f"kỳ {label} của Kế hoạch số {plan.number}; hạn gửi {due}, {left}. "
                            "Đề nghị gửi ngay.",
                            link,
                            None,
                            True,
                        )
                    )
                if late:
                    names = "; ".join(f"{r.agency.name} ({r.missing})" for r in late)
                    out.append(
                        Reminder(
                            province,
                            [Role.STANDING],
                            "period_missing_summary",
                            f"missing-all:{period.pk}",
                            f"{len(late)} đơn vị chưa gửi báo cáo {label} (hạn "
                            f"{format_date(period.due_on)}, {left})",
                            f"Kế hoạch số {plan.number}, kỳ {label}, hạn gửi báo cáo {due} "
                            f"({left}); số nhiệm vụ, mô hình chưa báo cáo: {names}.",
                            link,
                            None,
                            True,
                        )
                    )
    return out


def weekly_summary(
    round_: Round, plans: Sequence[Plan], agencies: Agencies | None = None
) -> list[Reminder]:
    """The week's summary for leaders, on its first working day: the officials' sentences as
    of the last cut-off and the items longest overdue, named by the body answering for them
    on the day sent."""
    if not round_.starts_week or not plans:
        return []
    agencies = agencies or Agencies()
    day = round_.day
    out = []
    by_province: dict[int, list[Plan]] = defaultdict(list)
    for plan in plans:
        by_province[province_of(plan.issuing_agency).pk].append(plan)
    week = day.isocalendar().week
    for province_id, province_plans in by_province.items():
        text = summary_text(day, province_plans, agencies)
        if text:
            out.append(
                Reminder(
                    agencies.get(province_id),
                    [Role.LEADER, Role.STANDING],
                    "weekly_summary",
                    f"summary:{round_.week}",
                    f"Tóm tắt tình hình thực hiện Đề án 06 tuần {week}/{day.isocalendar().year}",
                    text,
                    reverse("dashboard:overview"),
                    None,
                    True,
                )
            )
    return out


def last_cutoff(day: dt.date, plans: Sequence[Plan]) -> dt.date:
    period = (
        ReportingPeriod.objects.filter(plan__in=plans, cutoff__lte=day).order_by("-cutoff").first()
    )
    return period.cutoff if period else day


def summary_text(day: dt.date, plans: Sequence[Plan], agencies: Agencies | None = None) -> str:
    agencies = agencies or Agencies()
    cutoff = last_cutoff(day, plans)
    as_of = AsOf.make(cutoff)
    lines = [f"Số liệu tính đến ngày {format_date(cutoff)}."]
    overdue: list[ItemStatus] = []
    for plan in plans:
        summary = status_summary(Scope(plan=plan), as_of)
        if summary.all.total:
            lines += [f"- {s}" for s in plan_sentences(plan, summary)]
        for chunk in iter_item_statuses(
            Scope(plan=plan), as_of, deadline_classes=[DeadlineClass.OVERDUE]
        ):
            overdue += chunk
    overdue.sort(key=lambda r: r.deadline_now or dt.date.max)
    # Who answers for each item today (a body abolished since the cut-off has a successor).
    successors = primary_successor_map(day)
    if overdue:
        lines.append("Các nhiệm vụ, mô hình quá hạn lâu nhất:")
        lines += [
            f"- {r.item.code}. {r.item.title} "
            f"({agencies.get(responsible_agency_id(r.responsible_agency_id, successors)).name};"
            f" hạn {format_date(r.deadline_now)}, quá hạn {(day - r.deadline_now).days} ngày)"
            for r in overdue[:10]
            if r.deadline_now
        ]
    return "\n".join(lines)


def last_round(day: dt.date) -> dt.date | None:
    """The latest earlier day whose round finished, within the catch-up window."""
    names = ScheduledRun.objects.filter(
        name__gte=f"{RUN_PREFIX}{day - CATCH_UP}",
        name__lt=f"{RUN_PREFIX}{day}",
        finished_at__isnull=False,
    ).values_list("name", flat=True)
    days = [dt.date.fromisoformat(name.removeprefix(RUN_PREFIX)) for name in names]
    return max(days, default=None)


def generate_reminders(day: dt.date, worker: str, now: dt.datetime | None = None) -> int | None:
    """Today's reminders, once per working day however many workers run (None: a day off, or
    already done)."""
    calendar = Calendar.load()
    if not calendar.works(day):
        return None
    name = f"{RUN_PREFIX}{day.isoformat()}"
    if not claim_run(name, worker, now or timezone.now()):
        return None
    previous = last_round(day)
    # The previous round sent what fell up to the next working day; the rest is caught up.
    since = calendar.on_or_after(previous + dt.timedelta(days=1)) if previous else day
    round_ = Round(day=day, since=min(since, day), calendar=calendar)
    plans = list(
        Plan.objects.select_related("issuing_agency", "reminder_rule").filter(issued_on__lte=day)
    )
    agencies = Agencies()
    created = deliver(
        [
            *item_reminders(round_, plans, agencies),
            *period_reminders(round_, plans),
            *escalation_digest(round_, plans, agencies),
            *coordination_digest(round_, plans, agencies),
            *weekly_summary(round_, plans, agencies),
        ]
    )
    finish_run(name)
    return created


def tick(worker: str, now: dt.datetime | None = None) -> dict[str, int | None]:
    """One round of the worker: today's reminders, digests, and e-mails due. Nothing is mailed
    on days off; what waits goes on the next working day."""
    moment = now or timezone.now()
    day = timezone.localtime(moment).date()
    created = generate_reminders(day, worker, moment)
    calendar = Calendar.load()
    queued = queue_emails(moment, calendar)
    sent, failed = send_due_emails(worker, moment) if calendar.works(day) else (0, 0)
    return {"reminders": created, "queued": queued, "sent": sent, "failed": failed}
