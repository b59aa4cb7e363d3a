"""Small builders for tests: each makes one valid object through the services, with defaults."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from tiendo.accounts.access import Actor, actor_for_user
from tiendo.accounts.models import Role
from tiendo.accounts.services import membership_set
from tiendo.agencies.models import Agency, AgencyKind
from tiendo.agencies.services import agency_upsert
from tiendo.plans.models import Item, ItemKind, ItemRevision, Plan, Programme, TaskGroup
from tiendo.plans.services import group_upsert, item_upsert, plan_upsert, programme_upsert
from tiendo.progress.models import (
    Decision,
    Lifecycle,
    PeriodKind,
    ProgressUpdate,
    ReportingPeriod,
)
from tiendo.progress.periods import period_open
from tiendo.progress.services import update_record

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TEST_PASSWORD = "Mat-khau-thu-2024"  # noqa: S105 - test accounts only
_serial = itertools.count(1)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    """An aware datetime on day in Vietnam's time zone."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN)


def make_agency(
    name: str = "",
    *,
    parent: Agency | None = None,
    kind: str = AgencyKind.DEPARTMENT,
    **extra: object,
) -> Agency:
    n = next(_serial)
    return agency_upsert(
        code=str(extra.pop("code", f"T{n}")),
        name=name or f"Sở thử nghiệm {n}",
        kind=kind,
        parent=parent,
        **extra,  # type: ignore[arg-type]
    )


def make_programme() -> Programme:
    return programme_upsert(code="DA06", name="Đề án 06")


def make_plan(
    issuer: Agency | None = None,
    *,
    number: str = "",
    issued_on: dt.date = dt.date(2024, 1, 1),
    recorded_at: dt.datetime | None = None,
) -> Plan:
    return plan_upsert(
        programme=make_programme(),
        number=number or f"{next(_serial)}/KH-UBND",
        issued_on=issued_on,
        issuing_agency=issuer or make_agency(kind=AgencyKind.PROVINCE),
        title="Kế hoạch thử nghiệm",
        recorded_at=recorded_at or at(issued_on),
    )


def make_group(plan: Plan, position: int = 1, name: str = "Nhóm thử nghiệm") -> TaskGroup:
    return group_upsert(plan=plan, position=position, code=str(position), name=name)


def restate_item(item: Item, **facts: object) -> Item:
    """A test's item as if it had been assigned so from the start: its columns and its revision
    in force are rewritten (only test set-up may rewrite history; services keep it)."""
    for name, value in facts.items():
        setattr(item, name, value)
    item.save(update_fields=list(facts))
    ItemRevision.objects.filter(item=item, superseded_at__isnull=True).update(**facts)
    return item


def make_item(
    plan: Plan,
    *,
    lead: Agency | None = None,
    deadline: dt.date | None = dt.date(2024, 3, 31),
    kind: str = ItemKind.TASK,
    group: TaskGroup | None = None,
    parent: Item | None = None,
    recorded_at: dt.datetime | None = None,
    start_date: dt.date | None = dt.date(2024, 1, 1),
    target: Decimal | None = Decimal("100"),
) -> Item:
    return item_upsert(
        plan=plan,
        kind=kind,
        code=str(next(_serial)),
        title="Nhiệm vụ thử nghiệm",
        lead_agency=lead or make_agency(),
        group=group,
        parent=parent,
        start_date=start_date,
        deadline=deadline,
        is_recurring=deadline is None,
        product_type="Văn bản",
        metric="Tỷ lệ hoàn thành",
        unit="%",
        target=target,
        recorded_at=recorded_at or plan.recorded_at,
    )


def report(
    item: Item,
    valid_on: dt.date,
    state: str,
    *,
    recorded_at: dt.datetime | None = None,
    completed_on: dt.date | None = None,
    percent: int | None = None,
) -> ProgressUpdate:
    return update_record(
        item=item,
        valid_on=valid_on,
        state=state,
        completed_on=completed_on,
        percent=percent,
        recorded_at=recorded_at or at(valid_on, 17),
    )


def report_done(
    item: Item,
    on: dt.date,
    *,
    recorded_at: dt.datetime | None = None,
    reviewed_at: dt.datetime | None = None,
) -> ProgressUpdate:
    """The lead agency's report that the item was done on `on`, sent the next day (unless
    recorded_at says when) and confirmed (at reviewed_at, else when sent)."""
    return update_record(
        item=item,
        valid_on=on,
        state=Lifecycle.DONE,
        percent=100,
        completed_on=on,
        recorded_at=recorded_at or at(on + dt.timedelta(days=1)),
        decision=Decision.CONFIRMED,
        reviewed_at=reviewed_at,
    )


@dataclass
class Cast:
    """The named people of the reporting tests, in one province with two departments.

    standing: officer of Công an tỉnh (the standing body); reporter / colleague / head: Sở Y tế,
    which leads `item`; outsider / outsider_head: Sở Tư pháp; leader: UBND tỉnh (reads only).
    """

    province: Agency
    police: Agency
    health: Agency
    justice: Agency
    plan: Plan
    item: Item
    other_item: Item
    period: ReportingPeriod
    standing: User
    reporter: User
    colleague: User
    head: User
    outsider: User
    outsider_head: User
    leader: User
    admin: User

    def actor(self, user: User) -> Actor:
        return actor_for_user(user, ip="127.0.0.1")


def make_cast() -> Cast:
    province = make_agency("UBND tỉnh Thử nghiệm", kind=AgencyKind.PROVINCE)
    police = make_agency("Công an tỉnh", parent=province, kind=AgencyKind.POLICE)
    health = make_agency("Sở Y tế", parent=province)
    justice = make_agency("Sở Tư pháp", parent=province)
    plan = make_plan(province, issued_on=dt.date(2024, 1, 10))
    item = make_item(plan, lead=health, deadline=dt.date(2024, 6, 30))
    other_item = make_item(plan, lead=justice, deadline=dt.date(2024, 6, 30))
    period = period_open(
        actor=None, plan=plan, kind=PeriodKind.QUARTER, year=2024, number=1, holidays=set()
    )

    def person(username: str, agency: Agency, role: str) -> User:
        # "t." keeps test people apart from the sample's demo accounts in the same database.
        user = User.objects.create_user(f"t.{username}", password=TEST_PASSWORD)
        membership_set(user=user, agency=agency, role=role)
        return user

    admin = person("quantri", province, Role.ADMIN)
    admin.is_superuser = admin.is_staff = True
    admin.save()
    return Cast(
        province=province,
        police=police,
        health=health,
        justice=justice,
        plan=plan,
        item=item,
        other_item=other_item,
        period=period,
        standing=person("thuongtruc", police, Role.STANDING),
        reporter=person("yte.chuyenvien", health, Role.REPORTER),
        colleague=person("yte.chuyenvien2", health, Role.REPORTER),
        head=person("yte.lanhdao", health, Role.HEAD),
        outsider=person("tuphap.chuyenvien", justice, Role.REPORTER),
        outsider_head=person("tuphap.lanhdao", justice, Role.HEAD),
        leader=person("lanhdao", province, Role.LEADER),
        admin=admin,
    )
