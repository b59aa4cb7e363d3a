"""Notices in the centre: who a reminder or a step of the cycle reaches, and its delivery once
per person and key. The services announce their steps through notifications.events, which builds
the notices here; nothing in this module reads the engine or the services above it (the
"notices" contract in pyproject.toml), so any service may import it at module level."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tiendo.accounts.access import province_of
from tiendo.accounts.models import Role
from tiendo.agencies.models import Agency
from tiendo.lib.logmask import mask_cccd
from tiendo.notifications.models import Notification
from tiendo.plans.models import Item

REPORTERS = (Role.REPORTER, Role.HEAD)
# Deadline reminders of one item, weakest first: a person gets one a day, the strongest.
STRENGTH = {"due_soon": 1, "due_today": 2, "overdue": 3, "escalation": 4}
NO_RECIPIENT = "đơn vị chưa có tài khoản nhận nhắc việc"


@dataclass(frozen=True)
class Reminder:
    """A reminder before it is addressed to people."""

    agency: Agency
    roles: Sequence[str]
    kind: str
    key: str
    subject: str
    body: str
    link: str = ""
    item: Item | None = None
    mandatory: bool = False
    include_standing: bool = False
    # Named people (the reporter who drafted a report, the head who sent it, a requester), in
    # addition to those the agency's roles reach.
    recipients: Sequence[User] = ()
    # When the agency has nobody in those roles, its parent's heads, else the standing body,
    # get it instead, marked as such (deadline reminders: nobody is left unurged).
    fallback: bool = False
    # Among one item's deadline reminders of the same kind for one person and day, the higher
    # wins (the more days overdue, the closer the deadline).
    urgency: int = 0


def members(agency: Agency, roles: Iterable[str]) -> list[User]:
    """Active users of the agency's subtree with one of the roles."""
    return list(
        User.objects.filter(
            is_active=True,
            membership__agency__path__startswith=agency.path,
            membership__role__in=list(roles),
        )
    )


def standing_body(agency: Agency) -> list[User]:
    return members(province_of(agency), [Role.STANDING])


def unit_heads(agency: Agency) -> list[User]:
    """The heads who approve the unit's reports: its own, else those of the nearest unit above
    it that has any (access lets a head send the reports of the units below)."""
    chain = [int(part) for part in agency.path.strip("/").split("/") if part]
    heads = list(
        User.objects.filter(
            is_active=True, membership__role=Role.HEAD, membership__agency_id__in=chain
        ).select_related("membership__agency")
    )
    if not heads:
        return []
    nearest = max(len(user.membership.agency.path) for user in heads)
    return [user for user in heads if len(user.membership.agency.path) == nearest]


class Addressing:
    """Who a reminder reaches, each agency and role set looked up once per delivery."""

    def __init__(self) -> None:
        self._members: dict[tuple[int, tuple[str, ...]], list[User]] = {}
        self._fallback: dict[int, tuple[list[User], str]] = {}

    def members(self, agency: Agency, roles: Sequence[str]) -> list[User]:
        key = (agency.pk, tuple(sorted(roles)))
        if key not in self._members:
            self._members[key] = members(agency, roles)
        return self._members[key]

    def fallback(self, agency: Agency) -> tuple[list[User], str]:
        """For an agency without reporters or heads: its parent's heads, else the standing
        body, and the line that tells them why they receive it."""
        if agency.pk not in self._fallback:
            parent = agency.parent
            province = province_of(agency)
            heads = (
                list(
                    User.objects.filter(
                        is_active=True, membership__agency=parent, membership__role=Role.HEAD
                    )
                )
                if parent is not None and parent.pk != province.pk
                else []
            )
            people = heads or standing_body(agency)
            whom = "lãnh đạo cơ quan cấp trên" if heads else "cơ quan thường trực"
            self._fallback[agency.pk] = (
                people,
                f"{agency.name}: {NO_RECIPIENT}; thông báo gửi {whom} để chỉ đạo, đôn đốc.",
            )
        return self._fallback[agency.pk]

    def people(self, reminder: Reminder) -> tuple[list[User], str]:
        people = self.members(reminder.agency, reminder.roles) if reminder.roles else []
        note = ""
        if reminder.fallback and not people and not reminder.recipients:
            people, note = self.fallback(reminder.agency)
        if reminder.include_standing:
            people = people + standing_body(reminder.agency)
        people = people + [user for user in reminder.recipients if user.is_active]
        return list({user.pk: user for user in people}.values()), note


def deliver(reminders: Iterable[Reminder]) -> int:
    """Create the in-app notifications (once per person and key). Of one item's deadline
    reminders, each person gets the strongest only ("quá hạn" to the reporters and "báo cáo
    lãnh đạo" to the head, not both to the head)."""
    addressing = Addressing()
    reminders = list(reminders)
    chosen: dict[tuple[int, str], tuple[tuple[int, int], Reminder, str]] = {}
    for order, reminder in enumerate(reminders):
        people, note = addressing.people(reminder)
        for user in people:
            if reminder.item is not None and reminder.kind in STRENGTH:
                slot = (user.pk, f"item:{reminder.item.pk}")
                strength = (STRENGTH[reminder.kind], reminder.urgency)
            else:
                slot, strength = (user.pk, f"{order}:{reminder.key}"), (0, 0)
            held = chosen.get(slot)
            if held is None or strength > held[0]:
                chosen[slot] = (strength, reminder, note)
    rows = []
    for (user_pk, _), (_, reminder, note) in chosen.items():
        body = f"{reminder.body}\n({note})" if note else reminder.body
        rows.append(
            Notification(
                recipient_id=user_pk,
                agency=reminder.agency,
                item=reminder.item,
                kind=reminder.kind,
                key=reminder.key,
                subject=mask_cccd(reminder.subject)[:300],
                body=mask_cccd(body),
                link=reminder.link,
                mandatory=reminder.mandatory,
            )
        )
    created = Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(created)


def notify_on_commit(reminders: list[Reminder]) -> None:
    """For events inside a service's transaction: notify only if the change is kept."""
    transaction.on_commit(lambda: deliver(reminders))


def settle(kind: str, keys: Iterable[str] = (), key_prefix: str = "") -> int:
    """Once the work a notice asked for is done (the draft sent, the report decided), everyone's
    unread notice of it is marked read and leaves the e-mail queue: nobody is asked to act on
    what a colleague has already handled. The notices stay in the centre."""
    match = Q(key__in=list(keys))
    if key_prefix:
        match |= Q(key__startswith=key_prefix)
    return Notification.objects.filter(match, kind=kind, read_at__isnull=True).update(
        read_at=timezone.now(), mail_settled=True
    )


def settle_on_commit(kind: str, keys: Iterable[str] = (), key_prefix: str = "") -> None:
    chosen = list(keys)
    transaction.on_commit(lambda: settle(kind, chosen, key_prefix))
