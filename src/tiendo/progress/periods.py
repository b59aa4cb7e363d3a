"""Writes to reporting periods and the holiday calendar (the standing body's tools)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tiendo.accounts.access import Actor, require_period_manager
from tiendo.audit.services import audit_record, audit_saved, snapshot
from tiendo.lib import periods as windows
from tiendo.lib.dates import date_window_error, format_date
from tiendo.plans.models import Plan
from tiendo.progress.models import Holiday, PeriodKind, ReportingPeriod


@transaction.atomic
def holidays_seed(years: range) -> int:
    """Load the public holidays of the given years (editable afterwards in the admin)."""
    created = 0
    for year in years:
        for day, name in windows.holidays_for(year):
            _, made = Holiday.objects.get_or_create(day=day, defaults={"name": name})
            created += made
    return created


@transaction.atomic
def holiday_save(
    *, actor: Actor | None, day: dt.date, name: str, holiday: Holiday | None = None
) -> Holiday:
    """Add a day off, or correct one (the Government announces them each year, and moves them):
    by whoever may manage the reporting periods, audited. Working days count from this
    calendar (notifications.workdays), so each change is on record with who made it."""
    require_period_manager(actor)
    row = holiday or Holiday()
    before = snapshot(row) if holiday is not None else None
    row.day, row.name = day, " ".join(name.split())
    row.full_clean()
    row.save()
    what = f"ngày nghỉ {format_date(row.day)} ({row.name})"
    audit_saved(
        actor=actor, obj=row, before=before, noun="holiday", summary=(f"Thêm {what}", f"Sửa {what}")
    )
    return row


@transaction.atomic
def holiday_remove(*, actor: Actor | None, holiday: Holiday) -> None:
    """Take back a day off announced by mistake (it becomes a working day again); audited."""
    require_period_manager(actor)
    audit_record(
        actor=actor,
        action="holiday.remove",
        obj=holiday,
        summary=f"Bỏ ngày nghỉ {format_date(holiday.day)} ({holiday.name})",
        before=snapshot(holiday),
    )
    holiday.delete()


def holiday_days() -> set[dt.date]:
    return set(Holiday.objects.values_list("day", flat=True))


@transaction.atomic
def period_open(
    *,
    actor: Actor | None,
    plan: Plan,
    kind: str,
    year: int | None = None,
    number: int = 1,
    starts_on: dt.date | None = None,
    cutoff: dt.date | None = None,
    due_on: dt.date | None = None,
    label: str = "",
    holidays: set[dt.date] | None = None,
) -> ReportingPeriod:
    """Open a reporting period: a Nghị định 09 window (kind, year, number) or a custom one.

    The due date defaults to 2 working days after the cut-off. Opening it again changes nothing.
    """
    require_period_manager(actor, plan)
    if kind == PeriodKind.CUSTOM:
        missing = {
            name: f"Kỳ {PeriodKind.CUSTOM.label.lower()} cần {what}."
            for name, what, value in (
                ("starts_on", "ngày bắt đầu (số liệu từ ngày)", starts_on),
                ("cutoff", "ngày chốt số liệu", cutoff),
            )
            if value is None
        }
        if missing or starts_on is None or cutoff is None:
            raise ValidationError(missing)
        for day, field in ((starts_on, "Ngày bắt đầu"), (cutoff, "Ngày chốt số liệu")):
            problem = date_window_error(day, field)
            if problem:
                raise ValidationError(problem)
        window = windows.custom_window(starts_on, cutoff)
    else:
        if year is None:
            raise ValidationError({"year": "Cần chọn năm của kỳ báo cáo."})
        try:
            window = windows.standard_window(windows.PeriodKind(kind), year, number)
        except ValueError as error:
            raise ValidationError(str(error)) from None
    period = ReportingPeriod.objects.filter(plan=plan, kind=kind, cutoff=window.cutoff).first()
    if period is not None:
        return period
    period = ReportingPeriod(
        plan=plan,
        kind=kind,
        label=label or window.label,
        starts_on=window.starts_on,
        cutoff=window.cutoff,
        due_on=due_on
        or windows.due_date(window.cutoff, holidays if holidays is not None else holiday_days()),
    )
    period.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            period.save()
    except IntegrityError:
        # Opened by someone else a moment ago (two clicks, two officers): the same period.
        return ReportingPeriod.objects.get(plan=plan, kind=kind, cutoff=window.cutoff)
    audit_record(
        actor=actor, action="period.open", obj=period, summary=f"Mở kỳ báo cáo {period.label}"
    )
    return period


@transaction.atomic
def period_close(
    *, actor: Actor | None, period: ReportingPeriod, at: dt.datetime | None = None
) -> ReportingPeriod:
    """Close a period: its reports can no longer be drafted, edited or sent."""
    require_period_manager(actor, period.plan)
    if period.closed_at is None:
        period.closed_at = at or timezone.now()
        period.save(update_fields=["closed_at"])
        audit_record(
            actor=actor, action="period.close", obj=period, summary=f"Đóng kỳ {period.label}"
        )
    return period


@transaction.atomic
def period_reopen(*, actor: Actor, period: ReportingPeriod) -> ReportingPeriod:
    require_period_manager(actor, period.plan)
    if period.closed_at is not None:
        period.closed_at = None
        period.save(update_fields=["closed_at"])
        audit_record(
            actor=actor, action="period.reopen", obj=period, summary=f"Mở lại kỳ {period.label}"
        )
    return period
