"""The quarter simulation (issue 18): the reminder worker run day by day over real quarters.

A staffed province (make_cast plus more agencies: one with accounts of every delivery
preference, Công an tỉnh whose only account is the standing body, a department and a unit
without any account, a district) gets about thirty items with deadlines spread over the
quarter, on weekends and during Tết included, some with coordinating agencies, in a plan whose
reminders are mandatory and one whose are optional (with weekly lists for coordinators). The
clock is frozen on each day of the quarter, weekends and holidays included (the holidays are
the seeded progress.Holiday table), and two workers run the worker's round on it: "w1" at
07:05, "w2" at 07:06 and 13:00; on Wednesdays at 10:00 events (a returned report, an extension
decision) reach named people between the rounds. A last round on the next working day sends
what is left. Every user has an e-mail address; the mail server is a locmem backend that
records when each message went and can fail per address, or for everyone.

Then, from the database and the mail actually sent (not from the worker's own counters):
nothing on days off, nothing lost, nothing doubled, at most the chosen number of e-mails per
person per week and day, every deadline reminder on its day and to someone (a fallback for
agencies without accounts), one message per person per item per day, the standing body's and
the coordinators' weekly lists, and, across the reorganisation of 1/7/2025, nothing to the
abolished body. A third test runs the SMTP failure matrix: temporary failures, a permanent
refusal, a server gone for a whole day."""

from __future__ import annotations

import datetime as dt
import re
import smtplib
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from tiendo.accounts.models import Role
from tiendo.accounts.services import membership_set
from tiendo.agencies.models import Agency, AgencyKind
from tiendo.agencies.services import agency_record_succession
from tiendo.lib.dates import format_date
from tiendo.lib.periods import PeriodKind
from tiendo.notifications.delivery import NO_RECIPIENT, Reminder, deliver
from tiendo.notifications.models import (
    Delivery,
    Notification,
    NotificationPreference,
    OutgoingEmail,
    ReminderRule,
)
from tiendo.notifications.rounds import tick
from tiendo.plans.models import Item
from tiendo.progress.models import Holiday, Lifecycle
from tiendo.progress.periods import holidays_seed, period_open
from tiendo.testing import VN, Cast, make_agency, make_cast, make_item, make_plan, report

pytestmark = pytest.mark.django_db

# The deadline reminders of one item, of which a person gets at most one a day.
ITEM_KINDS = ("due_soon", "due_today", "overdue", "escalation")
# The worker's rounds on each day; "" is the moment the events of a Wednesday happen.
DAY_STEPS = ((7, 5, "w1"), (7, 6, "w2"), (10, 0, ""), (13, 0, "w2"))
LAST_ROUNDS = ((8, 0, "w1"), (8, 1, "w2"), (15, 0, "w1"))
DISTRICT = "UBND huyện Nghi Lộc"
COMMUNE = "UBND xã Nghi Lộc"
REORGANISATION = dt.date(2025, 7, 1)

# (lead, deadline, plan: "m" mandatory / "o" optional with coordinators' lists, coordinating
# agencies, the day its completion is recorded at 17:00 or None)
Row = tuple[str, dt.date, str, tuple[str, ...], dt.date | None]
D = dt.date
Q1_2024: list[Row] = [
    ("health", D(2024, 1, 15), "m", (), None),
    ("police", D(2024, 1, 20), "m", (), None),  # Saturday
    ("justice", D(2024, 1, 21), "m", ("health",), None),  # Sunday
    ("home", D(2024, 1, 26), "m", (), None),
    ("edu", D(2024, 1, 31), "m", ("justice", "home"), None),
    ("district", D(2024, 2, 4), "m", (), None),  # Sunday
    ("cdc", D(2024, 2, 8), "m", (), None),  # Tết
    ("health", D(2024, 2, 10), "m", ("edu",), None),  # Tết, a Saturday
    ("police", D(2024, 2, 14), "m", (), None),  # the last day of Tết
    ("justice", D(2024, 2, 15), "m", (), None),
    ("edu", D(2024, 2, 16), "m", (), None),
    ("home", D(2024, 2, 19), "m", (), None),
    ("health", D(2024, 2, 24), "m", (), None),  # Saturday
    ("district", D(2024, 2, 29), "m", (), D(2024, 2, 26)),  # done on the "còn 3 ngày" day
    ("police", D(2024, 3, 3), "m", (), None),  # Sunday
    ("cdc", D(2024, 3, 8), "m", (), None),
    ("justice", D(2024, 3, 11), "m", (), None),
    ("health", D(2024, 3, 16), "m", (), None),  # Saturday
    ("edu", D(2024, 3, 20), "m", (), D(2024, 3, 5)),  # done before any reminder
    ("police", D(2024, 3, 29), "m", (), None),
    ("home", D(2024, 3, 31), "m", (), None),  # Sunday 31/3
    ("health", D(2024, 3, 31), "m", ("police",), None),  # Sunday 31/3
    ("district", D(2024, 4, 2), "m", (), None),  # "còn 1 ngày" in the last round
    ("health", D(2024, 1, 24), "o", ("justice", "edu"), None),
    ("edu", D(2024, 2, 9), "o", ("health",), None),  # Tết
    ("justice", D(2024, 2, 25), "o", ("district",), None),  # Sunday
    ("police", D(2024, 3, 9), "o", ("health", "justice"), None),  # Saturday
    ("district", D(2024, 3, 14), "o", ("edu",), D(2024, 3, 20)),  # done late
    ("home", D(2024, 3, 24), "o", ("justice",), None),  # Sunday
    ("cdc", D(2024, 3, 30), "o", ("health",), None),  # Saturday
]
SUMMER_2025: list[Row] = [
    ("health", D(2025, 6, 10), "m", (), None),
    ("district", D(2025, 6, 14), "m", ("health",), None),  # overdue once the district is gone
    ("police", D(2025, 6, 15), "m", (), None),  # Sunday
    ("justice", D(2025, 6, 20), "m", ("district",), None),
    ("home", D(2025, 6, 28), "m", (), None),  # Saturday
    ("district", D(2025, 6, 30), "m", (), None),  # the district's last day
    ("edu", D(2025, 7, 1), "m", (), None),
    ("district", D(2025, 7, 3), "m", (), None),  # "còn 7 ngày" to the district, then the commune
    ("cdc", D(2025, 7, 5), "m", (), None),  # Saturday
    ("district", D(2025, 7, 6), "o", ("justice",), None),  # Sunday
    ("health", D(2025, 7, 11), "m", (), D(2025, 7, 8)),
    ("police", D(2025, 7, 15), "m", (), None),
    ("district", D(2025, 7, 20), "m", (), None),  # Sunday
    ("justice", D(2025, 7, 26), "o", ("district", "edu"), None),  # Saturday
    ("edu", D(2025, 7, 31), "m", (), None),
    ("commune", D(2025, 8, 2), "m", (), None),  # Saturday
    ("home", D(2025, 8, 8), "o", ("health",), None),
    ("district", D(2025, 8, 15), "m", (), None),
    ("health", D(2025, 8, 17), "o", ("district",), None),  # Sunday
    ("police", D(2025, 8, 24), "m", (), None),  # Sunday
    ("cdc", D(2025, 8, 29), "m", (), None),
    ("edu", D(2025, 8, 31), "o", ("police",), None),  # Sunday
    ("justice", D(2025, 9, 2), "m", (), None),  # Quốc khánh
    ("district", D(2025, 9, 5), "m", (), None),
]
# How each person chose to receive e-mail ("reporter" never chose: daily).
DELIVERY = {
    "standing": Delivery.DAILY,
    "reporter": Delivery.DAILY,
    "colleague": Delivery.WEEKLY,
    "head": Delivery.OFF,
    "outsider": Delivery.IMMEDIATE,
    "outsider_head": Delivery.DAILY,
    "leader": Delivery.WEEKLY,
    "admin": Delivery.DAILY,
    "edu": Delivery.WEEKLY,
    "edu_head": Delivery.IMMEDIATE,
    "district": Delivery.OFF,
    "district_head": Delivery.DAILY,
    "commune": Delivery.IMMEDIATE,
    "commune_head": Delivery.WEEKLY,
}


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN)


def local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(VN).date()


def week_of(day: dt.date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


# --- the mail server ------------------------------------------------------------------------


def outgoing_pk(message: EmailMessage) -> int:
    """The OutgoingEmail a message was made from (its Message-ID carries the pk)."""
    found = re.match(r"<tiendo\.(\d+)\.", str(message.extra_headers["Message-ID"]))
    assert found, message.extra_headers
    return int(found.group(1))


@dataclass(frozen=True)
class Attempt:
    at: dt.datetime
    to: str
    email_pk: int
    outcome: str  # "sent", "temporary" or "refused"


class Postman(EmailBackend):
    """The province's mail server: it can be down for everyone, refuse an address for good, or
    give an address replies to raise, one per attempt. Accepted messages land in
    django.core.mail.outbox, and with the moment they went in `delivered`."""

    down: ClassVar[bool] = False
    refusing: ClassVar[set[str]] = set()
    replies: ClassVar[dict[str, list[Exception]]] = {}
    attempts: ClassVar[list[Attempt]] = []
    delivered: ClassVar[list[tuple[dt.datetime, EmailMessage]]] = []

    @classmethod
    def reset(cls) -> None:
        cls.down, cls.refusing, cls.replies, cls.attempts, cls.delivered = False, set(), {}, [], []

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            to, now = message.to[0], timezone.localtime()
            error: Exception | None = None
            if Postman.down:
                error = ConnectionRefusedError(111, "Connection refused")
            elif to in Postman.refusing:
                error = smtplib.SMTPRecipientsRefused({to: (550, b"5.1.1 User unknown")})
            elif Postman.replies.get(to):
                error = Postman.replies[to].pop(0)
            refused = isinstance(error, smtplib.SMTPRecipientsRefused)
            outcome = "sent" if error is None else "refused" if refused else "temporary"
            Postman.attempts.append(Attempt(now, to, outgoing_pk(message), outcome))
            if error is not None:
                raise error
            Postman.delivered.append((now, message))
        return super().send_messages(email_messages)


@pytest.fixture
def postman(settings: Any) -> Iterator[type[Postman]]:
    settings.EMAIL_BACKEND = f"{__name__}.Postman"
    Postman.reset()
    yield Postman
    Postman.reset()


# --- the calendar, as the test reads it -----------------------------------------------------


@dataclass(frozen=True)
class Days:
    """Working days: Monday to Friday, except the days in progress.Holiday."""

    off: frozenset[dt.date]

    @classmethod
    def load(cls) -> Days:
        return cls(frozenset(Holiday.objects.values_list("day", flat=True)))

    def works(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.off

    def back(self, day: dt.date) -> dt.date:
        while not self.works(day):
            day -= dt.timedelta(days=1)
        return day

    def ahead(self, day: dt.date) -> dt.date:
        while not self.works(day):
            day += dt.timedelta(days=1)
        return day

    def send_day(self, natural: dt.date, after: dt.date | None = None) -> dt.date:
        """A reminder for a day off goes on the working day before, unless it must come after
        `after` (an overdue notice): then on the working day after."""
        day = self.back(natural)
        return self.ahead(natural) if after is not None and day <= after else day

    def week(self, day: dt.date) -> list[dt.date]:
        monday = day - dt.timedelta(days=day.weekday())
        return [monday + dt.timedelta(days=n) for n in range(7)]

    def week_start(self, day: dt.date) -> dt.date | None:
        return next((d for d in self.week(day) if self.works(d)), None)

    def working_in_week(self, day: dt.date) -> int:
        return sum(self.works(d) for d in self.week(day))

    def between(self, first: dt.date, last: dt.date) -> Iterator[dt.date]:
        day = first
        while day <= last:
            yield day
            day += dt.timedelta(days=1)


# --- the province ---------------------------------------------------------------------------


@dataclass
class World:
    """The staffed province, and what the test expects of it."""

    cast: Cast
    days: Days
    agencies: dict[str, Agency]
    people: dict[str, User]
    # agency pk -> the people its deadline reminders reach (a fallback if it has nobody)
    reach: dict[int, set[int]]
    # agency pk -> its heads (escalations) and its own reporters and heads (weekly lists)
    heads: dict[int, set[int]]
    direct: dict[int, set[int]]
    fallback: set[int]
    items: list[Item] = field(default_factory=list)
    done: dict[int, dt.date] = field(default_factory=dict)
    listed_plans: set[int] = field(default_factory=set)
    successor: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._names = {user.pk: name for name, user in self.people.items()}

    def mode(self, user_pk: int) -> str:
        return DELIVERY[self._names[user_pk]]

    def responsible(self, agency_pk: int, day: dt.date) -> int:
        return self.successor.get(agency_pk, agency_pk) if day >= REORGANISATION else agency_pk

    def name(self, user_pk: int) -> str:
        return self._names[user_pk]

    def addresses(self) -> dict[str, User]:
        return {user.email: user for user in self.people.values()}


def staff(*, reorganised: bool = False) -> World:
    """make_cast's province with more agencies, every person with an address and a choice."""
    cast = make_cast()
    holidays_seed(range(2024, 2026))
    province = cast.province
    agencies = {
        "police": cast.police,
        "health": cast.health,
        "justice": cast.justice,
        "edu": make_agency("Sở Giáo dục và Đào tạo", parent=province),
        "home": make_agency("Sở Nội vụ", parent=province),  # no accounts
        "cdc": make_agency("Trung tâm Kiểm soát bệnh tật", parent=cast.health),  # no accounts
        "district": make_agency(DISTRICT, parent=province, kind=AgencyKind.DISTRICT),
    }
    people = {
        "standing": cast.standing,
        "reporter": cast.reporter,
        "colleague": cast.colleague,
        "head": cast.head,
        "outsider": cast.outsider,
        "outsider_head": cast.outsider_head,
        "leader": cast.leader,
        "admin": cast.admin,
    }
    extra = [
        ("edu", "edu", Role.REPORTER),
        ("edu_head", "edu", Role.HEAD),
        ("district", "district", Role.REPORTER),
        ("district_head", "district", Role.HEAD),
    ]
    if reorganised:
        agencies["commune"] = make_agency(COMMUNE, parent=province, kind=AgencyKind.COMMUNE)
        extra += [("commune", "commune", Role.REPORTER), ("commune_head", "commune", Role.HEAD)]
    for name, agency, role in extra:
        people[name] = User.objects.create_user(f"t.q.{name}")
        membership_set(user=people[name], agency=agencies[agency], role=role)
    for name, user in people.items():
        user.email = f"{user.username.removeprefix('t.')}@tinh.gov.vn"
        user.save()
        if name != "reporter":  # the reporter never chose: the daily digest
            NotificationPreference.objects.create(user=user, delivery=DELIVERY[name])

    def pks(*names: str) -> set[int]:
        return {people[n].pk for n in names}

    a = {name: agency.pk for name, agency in agencies.items()}
    direct = {
        a["health"]: pks("reporter", "colleague", "head"),
        a["justice"]: pks("outsider", "outsider_head"),
        a["edu"]: pks("edu", "edu_head"),
        a["district"]: pks("district", "district_head"),
        a["police"]: set(),
        a["home"]: set(),
        a["cdc"]: set(),
    }
    heads = {
        a["health"]: pks("head"),
        a["justice"]: pks("outsider_head"),
        a["edu"]: pks("edu_head"),
        a["district"]: pks("district_head"),
    }
    if reorganised:
        direct[a["commune"]] = pks("commune", "commune_head")
        heads[a["commune"]] = pks("commune_head")
    reach = dict(direct)
    # Công an tỉnh's only account is the standing body's; Sở Nội vụ has none: the standing
    # body. The unit below Sở Y tế has none: Sở Y tế's head.
    reach[a["police"]] = reach[a["home"]] = pks("standing")
    reach[a["cdc"]] = pks("head")
    return World(
        cast=cast,
        days=Days.load(),
        agencies=agencies,
        people=people,
        reach=reach,
        heads=heads,
        direct=direct,
        fallback={a["police"], a["home"], a["cdc"]},
    )


def plant(
    world: World, issued_on: dt.date, rows: Sequence[Row], months: Sequence[tuple[int, int]]
) -> None:
    """Two plans (mandatory reminders; optional ones with coordinators' weekly lists), their
    items, and monthly reporting periods of the first."""
    mandatory = make_plan(world.cast.province, issued_on=issued_on)
    optional = make_plan(world.cast.province, issued_on=issued_on)
    ReminderRule.objects.create(plan=optional, mandatory=False, coordinators_weekly=True)
    world.listed_plans.add(optional.pk)
    for lead, deadline, plan, coordinators, done in rows:
        item = make_item(
            mandatory if plan == "m" else optional,
            lead=world.agencies[lead],
            deadline=deadline,
            start_date=issued_on,
        )
        item.coordinating_agencies.add(*[world.agencies[c] for c in coordinators])
        if done is not None:
            report(item, done, Lifecycle.DONE, completed_on=done)  # recorded at 17:00
            world.done[item.pk] = done
        world.items.append(item)
    world.items += [world.cast.item, world.cast.other_item]
    for year, month in months:
        period_open(actor=None, plan=mandatory, kind=PeriodKind.MONTH, year=year, number=month)


# --- the simulation -------------------------------------------------------------------------


def run_round(world: World, worker: str, moment: dt.datetime) -> None:
    with time_machine.travel(moment, tick=False):
        result = tick(worker, moment)
    if not world.days.works(local_day(moment)):
        assert result == {"reminders": None, "queued": 0, "sent": 0, "failed": 0}, moment


def announce(world: World, moment: dt.datetime) -> None:
    """Events of the day, between the rounds: a returned report (mandatory) and an extension
    decision (optional), to named people."""
    p, day = world.people, format_date(local_day(moment))
    with time_machine.travel(moment, tick=False):
        deliver(
            [
                Reminder(
                    world.cast.health,
                    (),
                    "returned",
                    f"quarter:returned:{day}",
                    f"Báo cáo gửi ngày {day} bị trả lại",
                    f"Đề nghị bổ sung số liệu các cơ sở đã triển khai (trả lại ngày {day}).",
                    mandatory=True,
                    recipients=[p["reporter"], p["colleague"], p["edu_head"]],
                ),
                Reminder(
                    world.cast.justice,
                    (),
                    "extension",
                    f"quarter:extension:{day}",
                    f"Ý kiến về đề nghị gia hạn ngày {day}",
                    f"Cơ quan thường trực đã cho ý kiến về đề nghị gia hạn ngày {day}.",
                    recipients=[p["outsider"], p["edu"], p["head"], p["leader"], p["standing"]],
                ),
            ]
        )


def simulate(
    world: World,
    first: dt.date,
    last: dt.date,
    weather: Callable[[dt.date], None] | None = None,
) -> dt.date:
    """Every day from first to last, days off included, then the next working day; returns
    that last day. `weather` sets the mail server's state at the start of each day."""
    for day in world.days.between(first, last):
        if weather is not None:
            weather(day)
        for hour, minute, worker in DAY_STEPS:
            if worker:
                run_round(world, worker, at(day, hour, minute))
            elif world.days.works(day) and day.weekday() == 2:
                announce(world, at(day, hour, minute))
    final = world.days.ahead(last + dt.timedelta(days=1))
    if weather is not None:
        weather(final)
    for hour, minute, worker in LAST_ROUNDS:
        run_round(world, worker, at(final, hour, minute))
    return final


# --- what was sent --------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    at: dt.datetime
    message: EmailMessage
    email: OutgoingEmail
    user: User


def notices(world: World) -> list[Notification]:
    """This province's notices (the session's sample, if loaded, has its own)."""
    return list(
        Notification.objects.filter(recipient__in=list(world.people.values()))
        .select_related("recipient", "email")
        .order_by("created_at", "id")
    )


def sent_mail(world: World) -> list[Sent]:
    addresses = world.addresses()
    mine = [(moment, m) for moment, m in Postman.delivered if m.to[0] in addresses]
    outbox = [m for m in mail.outbox if m.to[0] in addresses]
    assert [m.subject for m in outbox] == [m.subject for _, m in mine]
    emails = OutgoingEmail.objects.in_bulk([outgoing_pk(m) for _, m in mine])
    return [Sent(moment, m, emails[outgoing_pk(m)], addresses[m.to[0]]) for moment, m in mine]


def carried_by(sent: Sequence[Sent]) -> dict[int, list[Notification]]:
    out: dict[int, list[Notification]] = defaultdict(list)
    for note in Notification.objects.filter(email__in=[s.email.pk for s in sent]):
        assert note.email_id is not None
        out[note.email_id].append(note)
    return out


def in_body(note: Notification, message: EmailMessage) -> bool:
    """The notice as a digest or an immediate message lists it ("3. subject", its body)."""
    return f". {note.subject}\n   {note.body}\n" in str(message.body)


# --- the checks -----------------------------------------------------------------------------


def assert_nothing_on_days_off(world: World, notes: Sequence[Notification]) -> None:
    days = world.days
    made_off = [
        (n.kind, local_day(n.created_at)) for n in notes if not days.works(local_day(n.created_at))
    ]
    assert made_off == [], made_off[:10]
    addresses = world.addresses()
    mailed_off = [
        (local_day(moment), m.to[0], m.subject)
        for moment, m in Postman.delivered
        if m.to[0] in addresses and not days.works(local_day(moment))
    ]
    assert mailed_off == [], mailed_off[:10]
    tried_off = [a for a in Postman.attempts if not days.works(local_day(a.at))]
    assert tried_off == [], tried_off[:10]
    sent_off = [
        (e.to, local_day(e.sent_at))
        for e in OutgoingEmail.objects.filter(to__in=list(addresses), sent_at__isnull=False)
        if e.sent_at is not None and not days.works(local_day(e.sent_at))
    ]
    assert sent_off == [], sent_off[:10]


def assert_nothing_lost(
    world: World, notes: Sequence[Notification], sent: Sequence[Sent], refused: Collection[str] = ()
) -> None:
    """Each notice that should be mailed is in exactly one sent message, the one it is linked
    to; one that should not (off, optional; or settled) is in none."""
    by_to: dict[str, list[Sent]] = defaultdict(list)
    for s in sent:
        by_to[s.user.email].append(s)
    lost = []
    for note in notes:
        carrying = [s for s in by_to[note.recipient.email] if in_body(note, s.message)]
        who = f"{world.name(note.recipient_id)} {note.kind} {local_day(note.created_at)}"
        wanted = not note.mail_settled and (
            world.mode(note.recipient_id) != Delivery.OFF or note.mandatory
        )
        if not wanted:
            if note.email_id is not None or carrying:
                lost.append(f"mailed though not wanted: {who}: {note.subject}")
        elif note.recipient.email in refused:
            if note.email is None or note.email.failed_at is None or carrying:
                lost.append(f"refused address, not marked failed: {who}: {note.subject}")
        elif len(carrying) != 1:
            lost.append(f"in {len(carrying)} sent messages: {who}: {note.subject}")
        elif note.email is None or note.email.sent_at is None:
            lost.append(f"not linked to a sent message: {who}: {note.subject}")
        elif carrying[0].email.pk != note.email.pk:
            lost.append(f"in another message than its own: {who}: {note.subject}")
    assert lost == [], (len(lost), lost[:10])


def assert_nothing_doubled(world: World, sent: Sequence[Sent]) -> None:
    keys = Counter(s.email.key for s in sent)
    assert [k for k, n in keys.items() if n > 1] == []
    queued = OutgoingEmail.objects.filter(to__in=list(world.addresses()))
    assert set(keys) == {e.key for e in queued if e.sent_at is not None}
    # Each notice is carried by one message only; no message is empty.
    carried = carried_by(sent)
    assert all(carried[s.email.pk] for s in sent)


def assert_cadence(world: World, notes: Sequence[Notification], sent: Sequence[Sent]) -> None:
    """Per person, as chosen: immediate (one notice a message, the same day), a daily digest
    (at most one a day), a weekly digest (at most one a week, plus the mandatory ones daily,
    never two messages on one day), off (mandatory ones only, at most one a day)."""
    days = world.days
    carried = carried_by(sent)
    per_day = Counter((s.user.pk, local_day(s.at)) for s in sent)
    per_week = Counter((s.user.pk, week_of(local_day(s.at))) for s in sent)
    week_digests = Counter(
        (s.user.pk, week_of(local_day(s.at)))
        for s in sent
        if s.email.key.startswith("digest-week:")
    )
    wrong = []
    for s in sent:
        mode, key, day = world.mode(s.user.pk), s.email.key, local_day(s.at)
        carries = carried[s.email.pk]
        who = f"{world.name(s.user.pk)} ({mode}) {day}: {key}"
        if mode == Delivery.IMMEDIATE:
            if not key.startswith("n:") or len(carries) != 1:
                wrong.append(f"not one notice at once: {who}")
            continue
        if mode == Delivery.WEEKLY:
            limit = 1 + days.working_in_week(day)
            daily_only_mandatory = key.startswith("digest:")
            if not key.startswith(("digest:", "digest-week:")):
                wrong.append(f"not a digest: {who}")
        else:
            limit = days.working_in_week(day)
            daily_only_mandatory = mode == Delivery.OFF
            if not key.startswith("digest:"):
                wrong.append(f"not a daily digest: {who}")
        if daily_only_mandatory and not all(n.mandatory for n in carries):
            wrong.append(f"optional notices outside the chosen digest: {who}")
        if per_day[(s.user.pk, day)] > 1:
            wrong.append(f"{per_day[(s.user.pk, day)]} messages on one day: {who}")
        if per_week[(s.user.pk, week_of(day))] > limit:
            wrong.append(f"{per_week[(s.user.pk, week_of(day))]} messages in the week: {who}")
    wrong += [f"{n} weekly digests in {w}" for (_, w), n in week_digests.items() if n > 1]
    for note in notes:
        if note.email is None or note.email.sent_at is None:
            continue
        mode = world.mode(note.recipient_id)
        made, went = local_day(note.created_at), local_day(note.email.sent_at)
        next_day = days.ahead(made + dt.timedelta(days=1))
        if mode == Delivery.IMMEDIATE:
            ok = went == made
        elif note.mandatory or mode == Delivery.DAILY:
            ok = went in (made, next_day)  # mandatory ones come at least daily
        else:  # weekly, optional: the week's digest, this week's if it is still to go
            starts = [days.week_start(made), days.week_start(made + dt.timedelta(days=7))]
            ok = went in [d for d in starts if d is not None and d >= made]
        if not ok:
            wrong.append(f"{world.name(note.recipient_id)} ({mode}): made {made}, sent {went}")
    assert wrong == [], (len(wrong), wrong[:10])


def assert_one_message_per_person_per_item_per_day(notes: Sequence[Notification]) -> None:
    same = Counter(
        (n.recipient_id, n.item_id, local_day(n.created_at))
        for n in notes
        if n.item_id is not None and n.kind in ITEM_KINDS
    )
    twice = [slot for slot, count in same.items() if count > 1]
    assert twice == [], twice[:10]


def expected_deadline_notices(
    world: World, item: Item, first: dt.date, last: dt.date
) -> dict[str, tuple[str, dt.date, frozenset[int]]]:
    """key -> (kind, day, recipients) of the item's deadline reminders in the rounds from
    first to last: 7, 3 and 1 days before and on the deadline (a day off: the working day
    before; the nearest of those falling on one day wins), every 7 days once overdue (a day
    off: the working day after), and past 14 days overdue to the unit's heads instead."""
    days, deadline = world.days, item.deadline
    assert deadline is not None
    done = world.done.get(item.pk, dt.date.max)
    issued = item.plan.issued_on

    def runs(day: dt.date) -> bool:
        return first <= day <= last and issued < day <= done

    def reach(day: dt.date) -> set[int]:
        return world.reach[world.responsible(item.lead_agency_id, day)]

    def heads(day: dt.date) -> set[int]:
        return world.heads.get(world.responsible(item.lead_agency_id, day), set())

    out: dict[str, tuple[str, dt.date, frozenset[int]]] = {}
    before: dict[dt.date, str] = {}
    for n in (7, 3, 1, 0):  # the nearer overwrites the farther on the same day
        day = days.back(deadline - dt.timedelta(days=n))
        if runs(day):
            before[day] = f"before:{item.pk}:{deadline}:{n}" if n else f"due:{item.pk}:{deadline}"
    for day, key in before.items():
        kind = "due_today" if day == deadline else "due_soon"
        out[key] = (kind, day, frozenset(reach(day)))
    late = 1
    while (day := days.send_day(deadline + dt.timedelta(days=late), after=deadline)) <= last:
        over = late - 14
        escalated = runs(day) and over >= 1 and (over - 1) % 7 == 0 and bool(heads(day))
        if escalated:
            out[f"escalate:{item.pk}:{deadline}:{late}"] = (
                "escalation",
                day,
                frozenset(heads(day)),
            )
        if runs(day) and (late - 1) % 7 == 0:
            people = reach(day) - (heads(day) if escalated else set())
            out[f"overdue:{item.pk}:{deadline}:{late}"] = ("overdue", day, frozenset(people))
        late += 1
    return out


def assert_every_deadline_reminder_reached_someone(
    world: World, notes: Sequence[Notification], first: dt.date, last: dt.date
) -> Counter[str]:
    """Returns how many reminder keys of each kind were expected (and found)."""
    by_key: dict[str, list[Notification]] = defaultdict(list)
    for note in notes:
        if note.item_id is not None and note.kind in ITEM_KINDS:
            by_key[note.key].append(note)
    names = {agency.pk: agency.name for agency in world.agencies.values()}
    wrong, counted = [], Counter[str]()
    for item in world.items:
        expected = expected_deadline_notices(world, item, first, last)
        found = {key for key in by_key if key.split(":")[1] == str(item.pk)}
        about = f"item {item.code} ({names[item.lead_agency_id]}, hạn {item.deadline})"
        wrong += [f"{about}: unexpected {key}" for key in sorted(found - set(expected))]
        for key, (kind, day, people) in expected.items():
            counted[kind] += 1
            got = by_key.get(key, [])
            if not people:
                wrong.append(f"{about}: {key} has nobody to receive it")
            got_people = frozenset(n.recipient_id for n in got)
            got_days = {local_day(n.created_at) for n in got}
            got_kinds = {n.kind for n in got}
            if (got_people, got_days, got_kinds) != (people, {day}, {kind}):
                wrong.append(
                    f"{about}: {key} expected {kind} on {day} to "
                    f"{sorted(world.name(p) for p in people)}, got {sorted(got_kinds)} on "
                    f"{sorted(got_days)} to {sorted(world.name(n.recipient_id) for n in got)}"
                )
            agency = world.responsible(item.lead_agency_id, day)
            if agency in world.fallback and kind != "escalation":
                marked = f"{names[agency]}: {NO_RECIPIENT}"
                wrong += [
                    f"{about}: {key} without the fallback note" for n in got if marked not in n.body
                ]
    assert wrong == [], (len(wrong), wrong[:12])
    return counted


def listed_codes(body: str, prefix: str) -> set[str]:
    return set(re.findall(rf"^{re.escape(prefix)}(\S+)\. ", body, flags=re.MULTILINE))


def assert_weekly_lists(
    world: World, notes: Sequence[Notification], first: dt.date, last: dt.date
) -> int:
    """On each week's first working day: the standing body's list of items more than 14 days
    overdue, and each coordinating agency's list of the items (of plans that ask for it) due
    within 7 days or overdue. Returns the number of weeks."""
    days = world.days
    standing = world.people["standing"].pk
    starts = sorted(
        {s for d in days.between(first, last) if (s := days.week_start(d)) and first <= s <= last}
    )
    wrong = []
    for start in starts:
        unfinished = [
            i
            for i in world.items
            if i.plan.issued_on < start <= world.done.get(i.pk, dt.date.max) and i.deadline
        ]
        overdue = {i.code for i in unfinished if i.deadline and (start - i.deadline).days > 14}
        lists = [
            n
            for n in notes
            if n.recipient_id == standing
            and n.kind == "escalation_digest"
            and local_day(n.created_at) == start
        ]
        got = [listed_codes(n.body, "  + ") for n in lists]
        if got != ([overdue] if overdue else []):
            wrong.append(f"escalation list of {start}: expected {sorted(overdue)}, got {got}")
        coordinated: dict[int, set[str]] = defaultdict(set)
        for item in unfinished:
            if item.plan_id not in world.listed_plans or item.deadline is None:
                continue
            if (item.deadline - start).days > 7:
                continue
            lead = world.responsible(item.lead_agency_id, start)
            for agency in item.coordinating_agencies.all():
                if (coordinator := world.responsible(agency.pk, start)) != lead:
                    for person in world.direct[coordinator]:
                        coordinated[person].add(item.code)
        received: dict[int, list[set[str]]] = defaultdict(list)
        for n in notes:
            if n.kind == "coordination_digest" and local_day(n.created_at) == start:
                received[n.recipient_id].append(listed_codes(n.body, "- "))
        expected = {p: [codes] for p, codes in coordinated.items()}
        if dict(received) != expected:
            wrong.append(
                f"coordination lists of {start}: expected {expected}, got {dict(received)}"
            )
    lists_off = [
        n.kind
        for n in notes
        if n.kind in ("escalation_digest", "coordination_digest", "weekly_summary")
        and local_day(n.created_at) not in starts
    ]
    assert lists_off == []
    assert wrong == [], wrong[:6]
    return len(starts)


def assert_the_chosen_mail_arrived(
    world: World, notes: Sequence[Notification], sent: Sequence[Sent]
) -> None:
    """All the checks of the mail and the notices that do not depend on the dates run."""
    assert_nothing_on_days_off(world, notes)
    assert_nothing_lost(world, notes, sent)
    assert_nothing_doubled(world, sent)
    assert_cadence(world, notes, sent)
    assert_one_message_per_person_per_item_per_day(notes)


# --- the tests ------------------------------------------------------------------------------


def test_a_staffed_first_quarter_of_2024_is_urged_on_working_days_once_and_nothing_is_lost(
    postman: type[Postman],
) -> None:
    world = staff()
    plant(world, dt.date(2023, 12, 20), Q1_2024, [(2024, 1), (2024, 2), (2024, 3)])
    first, last = dt.date(2024, 1, 1), dt.date(2024, 3, 31)
    final = simulate(world, first, last)
    assert final == dt.date(2024, 4, 1)
    notes, sent = notices(world), sent_mail(world)
    assert_the_chosen_mail_arrived(world, notes, sent)
    counted = assert_every_deadline_reminder_reached_someone(world, notes, first, final)
    assert all(counted[kind] for kind in ITEM_KINDS), counted
    assert assert_weekly_lists(world, notes, first, final) == 14
    # Công an tỉnh's own items reached its standing officer, marked as such.
    police = [i.pk for i in world.items if i.lead_agency_id == world.cast.police.pk]
    to_standing = [n for n in notes if n.item_id in police and n.recipient == world.cast.standing]
    assert len({n.item_id for n in to_standing}) == len(police)
    assert all(f"Công an tỉnh: {NO_RECIPIENT}" in n.body for n in to_standing)
    # Nothing urged during Tết (8–14/2), nor on Sunday 31/3.
    tet = {dt.date(2024, 2, 8) + dt.timedelta(days=n) for n in range(7)} | {dt.date(2024, 3, 31)}
    assert not [n for n in notes if local_day(n.created_at) in tet]
    kinds = Counter(n.kind for n in notes)
    assert {"period_open", "period_due", "period_missing", "weekly_summary", "returned"} <= set(
        kinds
    )
    assert {"escalation_digest", "coordination_digest", "extension"} <= set(kinds)
    assert {s.email.key.split(":")[0] for s in sent} == {"n", "digest", "digest-week"}


def test_june_to_august_2025_across_the_reorganisation_urges_the_successor_never_the_abolished_body(
    postman: type[Postman],
) -> None:
    world = staff(reorganised=True)
    district, commune = world.agencies["district"], world.agencies["commune"]
    plant(world, dt.date(2025, 5, 15), SUMMER_2025, [(2025, 6), (2025, 7), (2025, 8)])
    # Decided and recorded before it took effect, as the 2025 reorganisation was.
    agency_record_succession(
        predecessor=district,
        successors=[commune],
        effective_on=REORGANISATION,
        recorded_at=dt.datetime(2025, 6, 12, 9, tzinfo=VN),
    )
    world.successor[district.pk] = commune.pk
    first, last = dt.date(2025, 6, 1), dt.date(2025, 8, 31)
    final = simulate(world, first, last)
    assert final == dt.date(2025, 9, 3)  # 1/9 and 2/9 are Quốc khánh
    notes, sent = notices(world), sent_mail(world)
    assert_the_chosen_mail_arrived(world, notes, sent)
    counted = assert_every_deadline_reminder_reached_someone(world, notes, first, final)
    assert all(counted[kind] for kind in ITEM_KINDS), counted
    assert assert_weekly_lists(world, notes, first, final) == 14
    # Nothing to the abolished district from 1/7, nor naming it; its work reaches the commune.
    after = [n for n in notes if local_day(n.created_at) >= REORGANISATION]
    district_people = {world.people["district"].pk, world.people["district_head"].pk}
    assert [n.subject for n in after if n.agency_id == district.pk] == []
    assert [n.subject for n in after if n.recipient_id in district_people] == []
    assert [n.subject for n in after if "huyện Nghi Lộc" in f"{n.subject} {n.body}"] == []
    inherited = {i.pk for i in world.items if i.lead_agency_id == district.pk}
    to_commune = {
        n.recipient_id for n in after if n.item_id in inherited and n.agency_id == commune.pk
    }
    assert to_commune == {world.people["commune"].pk, world.people["commune_head"].pk}
    before = [n for n in notes if local_day(n.created_at) < REORGANISATION]
    assert {n.recipient_id for n in before if n.item_id in inherited} == district_people
    period_notices = [n for n in after if n.kind.startswith("period_")]
    assert period_notices and all(n.agency_id != district.pk for n in period_notices)


def test_smtp_failures_temporary_permanent_and_a_vanished_server_lose_and_double_nothing(
    postman: type[Postman],
) -> None:
    world = staff()
    plant(world, dt.date(2023, 12, 20), Q1_2024, [(2024, 3)])
    p = world.people
    refused = p["edu"].email  # a weekly reader whose mailbox no longer exists
    vanished = dt.date(2024, 3, 15)  # a Friday: what fails waits for Monday
    trouble: dict[dt.date, dict[str, list[Exception]]] = {
        dt.date(2024, 3, 5): {p["reporter"].email: [smtplib.SMTPServerDisconnected("closed")]},
        dt.date(2024, 3, 6): {
            p["outsider"].email: [smtplib.SMTPResponseException(421, b"4.7.0 Try later")] * 3,
            p["standing"].email: [smtplib.SMTPServerDisconnected("closed")] * 2,
        },
        dt.date(2024, 3, 12): {
            p["district_head"].email: [
                smtplib.SMTPResponseException(421, b"4.3.2 Service not available"),
                smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
            ],
        },
    }

    def weather(day: dt.date) -> None:
        postman.down = day == vanished
        postman.refusing = {refused}
        postman.replies.update(trouble.get(day, {}))

    first, last = dt.date(2024, 3, 4), dt.date(2024, 3, 22)
    final = simulate(world, first, last, weather)
    notes, sent = notices(world), sent_mail(world)
    assert_nothing_on_days_off(world, notes)
    assert_nothing_lost(world, notes, sent, refused={refused})
    assert_nothing_doubled(world, sent)
    tries: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in postman.attempts:
        tries[attempt.email_pk].append(attempt)
    emails = OutgoingEmail.objects.in_bulk(list(tries))
    # Temporary failures: retried later, sent exactly once, the attempts counted.
    retried = [pk for pk, a in tries.items() if any(t.outcome == "temporary" for t in a)]
    to_others = [pk for pk in retried if emails[pk].to != refused]
    assert len(to_others) >= 10
    for pk in to_others:
        outcomes = [t.outcome for t in tries[pk]]
        email = emails[pk]
        assert outcomes[-1] == "sent" and outcomes.count("sent") == 1, (email.key, outcomes)
        assert email.sent_at == tries[pk][-1].at and email.failed_at is None
        assert email.attempts == len(outcomes) - 1
    # The vanished day: every attempt failed, and all went on Monday.
    that_day = [t for t in postman.attempts if local_day(t.at) == vanished]
    assert that_day and {t.outcome for t in that_day} == {"temporary"}
    for pk in {t.email_pk for t in that_day} - {pk for pk in tries if emails[pk].to == refused}:
        assert local_day(tries[pk][-1].at) == dt.date(2024, 3, 18)
    # The permanent refusal: failed at once, never tried again, its notices shown as refused.
    to_refused = OutgoingEmail.objects.filter(to=refused)
    assert to_refused.count() >= 3
    for email in to_refused:
        outcomes = [t.outcome for t in tries[email.pk]]
        assert outcomes[-1] == "refused" and outcomes.count("refused") == 1, outcomes
        assert email.failed_at == tries[email.pk][-1].at and email.sent_at is None
        assert email.failure_reason.startswith("550 5.1.1") and email.attempts == len(outcomes)
    assert not [s for s in sent if s.user.email == refused]
    assert final == dt.date(2024, 3, 25)
