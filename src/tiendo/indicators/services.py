"""Writes to indicators: definitions, targets and values (form, CSV and sample share these)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.audit.services import audit_record
from tiendo.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from tiendo.lib.dates import DateInputError, parse_date
from tiendo.lib.text import parse_number

if TYPE_CHECKING:
    from tiendo.lib.actors import Acting


@transaction.atomic
def indicator_upsert(
    *,
    code: str,
    name: str,
    unit: str,
    direction: str = "up",
    is_rate: bool = False,
    baseline: Decimal | None = None,
    description: str = "",
) -> Indicator:
    indicator = Indicator.objects.filter(code=code).first() or Indicator(code=code)
    indicator.name, indicator.unit, indicator.direction = name, unit, direction
    indicator.is_rate, indicator.baseline, indicator.description = is_rate, baseline, description
    indicator.full_clean()
    indicator.save()
    return indicator


Kept = TypeVar("Kept", IndicatorTarget, IndicatorValue)


def _replace_in_force(
    model: type[Kept],
    field: str,
    amount: Decimal,
    *,
    indicator: Indicator,
    agency: Agency,
    period_end: dt.date,
    now: dt.datetime,
    too_early: str,
) -> tuple[Kept | None, Kept, bool]:
    """(the row in force before, the row in force after, whether it changed): the row in force
    for the locality and period is closed at now and a new one holds amount, unless it already
    holds it."""
    current = (
        model.objects.select_for_update()
        .filter(
            indicator=indicator, agency=agency, period_end=period_end, superseded_at__isnull=True
        )
        .first()
    )
    if current is not None and getattr(current, field) == amount:
        return current, current, False
    row = model(indicator=indicator, agency=agency, period_end=period_end, recorded_at=now)
    setattr(row, field, amount)
    row.full_clean(validate_constraints=False)
    if current is not None:
        if now <= current.recorded_at:
            raise ValidationError({"recorded_at": too_early})
        current.superseded_at = now
        current.save(update_fields=["superseded_at"])
    row.save()
    return current, row, True


@transaction.atomic
def target_set(
    *,
    indicator: Indicator,
    agency: Agency,
    period_end: dt.date,
    target: Decimal,
    actor: Acting | None = None,
    recorded_at: dt.datetime | None = None,
) -> IndicatorTarget:
    """Set a locality's target for a period: the target in force is closed (superseded_at)
    and the new one added, so percentages of target as known at any earlier K stay what they
    were. The same target again changes nothing. Audited with the target before and after."""
    current, row, changed = _replace_in_force(
        IndicatorTarget,
        "target",
        target,
        indicator=indicator,
        agency=agency,
        period_end=period_end,
        now=recorded_at or timezone.now(),
        too_early="Chỉ tiêu mới phải ghi nhận sau chỉ tiêu đang có hiệu lực.",
    )
    if not changed:
        return row
    what = f"{indicator.code} – {agency.name}, kỳ {period_end:%m/%Y}"
    audit_record(
        actor=actor,
        action="indicator.target",
        obj=row,
        summary=(
            f"Điều chỉnh chỉ tiêu {what}: {current.target} → {target}"
            if current
            else f"Giao chỉ tiêu {what}: {target}"
        ),
        before={"target": str(current.target)} if current else None,
        after={"target": str(target)},
    )
    return row


@transaction.atomic
def value_record(
    *,
    indicator: Indicator,
    agency: Agency,
    period_end: dt.date,
    value: Decimal,
    actor: Acting | None = None,
    recorded_at: dt.datetime | None = None,
) -> IndicatorValue:
    """Record a locality's value for a period, or correct it: the value in force is closed
    (superseded_at) and the new one added, so the figure as known at any earlier K stays what
    it was. The same value again changes nothing. Audited with the value before and after."""
    current, row, changed = _replace_in_force(
        IndicatorValue,
        "value",
        value,
        indicator=indicator,
        agency=agency,
        period_end=period_end,
        now=recorded_at or timezone.now(),
        too_early="Bản đính chính phải ghi nhận sau số liệu đang có hiệu lực.",
    )
    if not changed:
        return row
    what = f"{indicator.code} – {agency.name}, kỳ {period_end:%m/%Y}"
    audit_record(
        actor=actor,
        action="indicator.correct" if current else "indicator.record",
        obj=row,
        summary=(
            f"Đính chính số liệu {what}: {current.value} → {value}"
            if current
            else f"Ghi nhận số liệu {what}: {value}"
        ),
        before={"value": str(current.value)} if current else None,
        after={"value": str(value)},
    )
    return row


@dataclass(frozen=True)
class ImportResult:
    created: int
    errors: list[str]


COLUMNS = ["ma_chi_tieu", "ma_dia_ban", "ky", "gia_tri"]


def values_import_csv(data: bytes, actor: Acting | None = None) -> ImportResult:
    """Import values from CSV (ma_chi_tieu, ma_dia_ban, ky, gia_tri): all rows or none.

    Every problem is reported by row and column; nothing is written when there is one.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ImportResult(0, ["Tệp không phải văn bản UTF-8 (CSV)."])
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return ImportResult(0, [f"Thiếu cột: {', '.join(missing)} (cần: {', '.join(COLUMNS)})."])
    indicators = {i.code: i for i in Indicator.objects.all()}
    errors: list[str] = []
    rows: list[tuple[Indicator, Agency, dt.date, Decimal]] = []
    agencies: dict[str, Agency | None] = {}
    for line, row in enumerate(reader, start=2):
        if row.get(None):
            # "62,5" unquoted in a comma-separated file splits into 62 and 5: never drop the 5.
            errors.append(
                f"Dòng {line}: thừa {len(row[None])} cột so với tiêu đề "
                f"({', '.join(COLUMNS)}); số có dấu phẩy thập phân cần đặt trong ngoặc kép "
                '(ví dụ "62,5") hoặc ghi bằng dấu chấm (62.5).'
            )
            continue
        indicator = indicators.get((row["ma_chi_tieu"] or "").strip())
        if indicator is None:
            errors.append(
                f"Dòng {line}, cột ma_chi_tieu: không có chỉ tiêu “{row['ma_chi_tieu']}”."
            )
        code = (row["ma_dia_ban"] or "").strip()
        if code not in agencies:
            agencies[code] = Agency.objects.filter(code=code).first()
        agency = agencies[code]
        if agency is None:
            errors.append(f"Dòng {line}, cột ma_dia_ban: không có địa bàn mã “{code}”.")
        try:
            period = parse_date(row["ky"] or "", field="Kỳ")
        except DateInputError as error:
            errors.append(f"Dòng {line}, cột ky: {error}")
            period = None
        try:
            value = parse_number(row["gia_tri"] or "")
            if value < 0:
                raise ValueError
        except ValueError:
            errors.append(f"Dòng {line}, cột gia_tri: “{row['gia_tri']}” không phải số không âm.")
            value = None
        if indicator and agency and period and value is not None:
            rows.append((indicator, agency, period, value))
    if errors:
        return ImportResult(0, errors)
    with transaction.atomic():
        for indicator, agency, period, value in rows:
            value_record(
                indicator=indicator, agency=agency, period_end=period, value=value, actor=actor
            )
    return ImportResult(len(rows), [])
