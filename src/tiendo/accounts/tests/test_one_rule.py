"""One rule per decision: what a page offers a person is exactly what the service lets them do,
because both ask the same function in accounts/access.py.

For every person of the cast and every state of a report, each button on the report's page is
compared with the service it calls, run for real inside a savepoint that is rolled back: the
button is shown if and only if the service does not refuse the person. A rule re-written in a
template or a service (the way the revise rule once disagreed) makes this fail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tiendo.accounts.access import may_write_reports
from tiendo.accounts.models import Role
from tiendo.accounts.services import membership_set
from tiendo.browser_tests.helpers import parse_forms
from tiendo.plans.models import Item
from tiendo.plans.services import extension_request_create, item_change_target
from tiendo.progress.evidence import evidence_attach
from tiendo.progress.models import Decision, Lifecycle, ProgressUpdate
from tiendo.progress.services import (
    EDITABLE_FIELDS,
    UpdateInput,
    update_create_draft,
    update_edit_draft,
    update_mark_ready,
    update_review,
    update_revise,
    update_send,
)
from tiendo.testing import TEST_PASSWORD, Cast, make_agency, make_cast, make_item, make_plan

pytestmark = pytest.mark.django_db

DATA = UpdateInput(
    valid_on=dt.date(2024, 3, 14),
    state=Lifecycle.IN_PROGRESS,
    percent=40,
    narrative="Đã triển khai tại 12 cơ sở khám chữa bệnh công lập.",
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def same_data(update: ProgressUpdate) -> UpdateInput:
    return UpdateInput(**{name: getattr(update, name) for name in EDITABLE_FIELDS})


# The report page's buttons and the service each one calls.
BUTTONS: dict[str, Callable[..., object]] = {
    "Sửa dự thảo": lambda actor, u: update_edit_draft(
        actor=actor, update=u, expected_version=u.version, data=same_data(u)
    ),
    "Trình lãnh đạo đơn vị duyệt": lambda actor, u: update_mark_ready(actor=actor, update=u),
    "Duyệt và gửi cơ quan thường trực": lambda actor, u: update_send(
        actor=actor, update=u, expected_version=u.version
    ),
    "Xác nhận": lambda actor, u: update_review(actor=actor, update=u, decision=Decision.CONFIRMED),
    "Lập báo cáo bổ sung": lambda actor, u: update_revise(actor=actor, update=u),
}


def service_allows(call: Callable[..., object], actor: object, update: ProgressUpdate) -> bool:
    """Whether the service does it for this person on this report as it stands (refusing the
    person or the report's state alike); nothing it writes is kept."""
    fresh = ProgressUpdate.objects.get(pk=update.pk)
    try:
        with transaction.atomic():
            call(actor, fresh)
            transaction.set_rollback(True)
    except (PermissionDenied, ValidationError):
        return False
    return True


def reports(cast: Cast) -> dict[str, ProgressUpdate]:
    """A draft, a sent report and a returned one of Sở Y tế's item."""
    reporter, head, standing = (cast.actor(u) for u in (cast.reporter, cast.head, cast.standing))

    def new() -> ProgressUpdate:
        return update_create_draft(actor=reporter, item=cast.item, period=cast.period, data=DATA)

    draft = new()
    sent = update_send(actor=head, update=new(), expected_version=1)
    returned = update_send(actor=head, update=new(), expected_version=1)
    update_review(actor=standing, update=returned, decision=Decision.RETURNED, note="Thiếu số")
    return {"draft": draft, "sent": sent, "returned": returned}


def test_every_button_on_a_report_is_shown_exactly_when_its_service_accepts_the_person() -> None:
    cast = make_cast()
    people = [
        cast.reporter,
        cast.colleague,
        cast.head,
        cast.outsider,
        cast.outsider_head,
        cast.standing,
        cast.leader,
        cast.admin,
    ]
    checked = 0
    offered = 0
    for state, update in reports(cast).items():
        for user in people:
            client = Client()
            client.force_login(user)
            page = client.get(f"/bao-cao/{update.pk}/")
            own = user in (cast.reporter, cast.colleague, cast.head)
            province_wide = user in (cast.standing, cast.leader, cast.admin)
            # Sở Tư pháp does not read Sở Y tế's items; a draft is its agency's own.
            readable = own or (province_wide and state != "draft")
            assert page.status_code == (200 if readable else 404), (state, user.username)
            if not readable:
                continue
            html = page.content.decode()
            for label, call in BUTTONS.items():
                shown = label in html
                allowed = service_allows(call, cast.actor(user), update)
                assert shown == allowed, (
                    f"{user.username}, {state} report: “{label}” "
                    f"{'shown' if shown else 'hidden'} but the service "
                    f"{'accepts' if allowed else 'refuses'} them"
                )
                checked += 1
                offered += shown
    # Every button for the 3 readers of the draft and the 6 of each sent and returned report;
    # and the matrix is not vacuous: the draft offers edit to 3, put forward to 2, send to 1;
    # the sent report review to 1; the returned one revise to 3.
    assert (checked, offered) == (len(BUTTONS) * (3 + 6 + 6), 3 + 2 + 1 + 1 + 3)


def test_a_department_revises_its_units_returned_report_and_the_revision_stays_the_units() -> None:
    """The revise rule, once written twice (the page offered it to Sở Y tế for a hospital
    under it, the service refused): one rule now, and the revision keeps the unit's name."""
    cast = make_cast()
    hospital = make_agency("Bệnh viện Đa khoa tỉnh", parent=cast.health)
    item = make_item(cast.plan, lead=hospital, deadline=dt.date(2024, 6, 30))

    def person(username: str, role: str) -> User:
        user = User.objects.create_user(f"t.{username}", password=TEST_PASSWORD)
        membership_set(user=user, agency=hospital, role=role)
        return user

    nurse, director = person("bvdk.chuyenvien", Role.REPORTER), person("bvdk.giamdoc", Role.HEAD)
    draft = update_create_draft(actor=cast.actor(nurse), item=item, period=cast.period, data=DATA)
    sent = update_send(actor=cast.actor(director), update=draft, expected_version=1)
    update_review(
        actor=cast.actor(cast.standing), update=sent, decision=Decision.RETURNED, note="Thiếu số"
    )
    client = Client()
    client.force_login(cast.reporter)  # Sở Y tế, above the hospital
    assert "Lập báo cáo bổ sung" in client.get(f"/bao-cao/{sent.pk}/").content.decode()
    answer = client.post(f"/bao-cao/{sent.pk}/bo-sung/")
    revision = ProgressUpdate.objects.get(supersedes=sent)
    assert answer.status_code == 302
    assert revision.agency == hospital and revision.created_by == cast.reporter
    with pytest.raises(PermissionDenied):
        update_revise(actor=cast.actor(cast.outsider), update=sent)
    assert ProgressUpdate.objects.filter(supersedes=sent).count() == 1


def test_services_refuse_people_outside_the_item_whoever_calls_them() -> None:
    """The services ask access.py themselves: a view, the API or a script cannot skip it."""
    cast = make_cast()
    draft = update_create_draft(
        actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=DATA
    )
    outsider = cast.actor(cast.outsider)
    with pytest.raises(PermissionDenied):
        update_edit_draft(actor=outsider, update=draft, expected_version=1, data=DATA)
    with pytest.raises(PermissionDenied):
        evidence_attach(
            actor=outsider, update=draft, name="bien-ban.pdf", data=BytesIO(PDF), size=len(PDF)
        )
    with pytest.raises(PermissionDenied):
        update_create_draft(actor=outsider, item=cast.item, period=cast.period, data=DATA)
    with pytest.raises(PermissionDenied):
        extension_request_create(
            actor=outsider,
            item=cast.item,
            requested_deadline=dt.date(2024, 12, 31),
            reason="Chờ kinh phí",
        )
    with pytest.raises(PermissionDenied):
        item_change_target(
            actor=cast.actor(cast.reporter),
            item=cast.item,
            new_target=Decimal("10"),
            reason="Tự điều chỉnh",
            decided_on=dt.date(2024, 6, 1),
        )
    draft.refresh_from_db()
    assert draft.version == 1 and not draft.evidence.exists()
    assert ProgressUpdate.objects.filter(item=cast.item).count() == 1
    assert not cast.item.extension_requests.exists() and not cast.item.target_changes.exists()


def test_only_reporters_and_heads_of_an_agency_write_reports() -> None:
    """The rule behind every "Lập báo cáo": the standing body reviews, leaders and
    administrators read; none of them drafts (mutation testing found it unpinned)."""
    cast = make_cast()
    writers = {
        user.username
        for user in (
            cast.reporter,
            cast.colleague,
            cast.head,
            cast.outsider,
            cast.outsider_head,
            cast.standing,
            cast.leader,
            cast.admin,
        )
        if may_write_reports(cast.actor(user))
    }
    assert writers == {
        "t.yte.chuyenvien",
        "t.yte.chuyenvien2",
        "t.yte.lanhdao",
        "t.tuphap.chuyenvien",
        "t.tuphap.lanhdao",
    }
    # The standing body's own agency leads an item: still not a report it drafts.
    item = make_item(cast.plan, lead=cast.police, deadline=dt.date(2024, 6, 30))
    with pytest.raises(PermissionDenied):
        update_create_draft(
            actor=cast.actor(cast.standing), item=item, period=cast.period, data=DATA
        )


def test_a_province_wide_readers_figures_never_count_another_provinces_items() -> None:
    """With the whole country in one database, the standing body and the leader of one
    province count their province's items only, asked for no plan (the to-do page)."""
    from tiendo.readmodels.scope import figure_scope
    from tiendo.status.selectors import AsOf, status_summary

    cast = make_cast()
    other = make_agency("UBND tỉnh Khác", kind=cast.province.kind)
    elsewhere = make_plan(other, issued_on=dt.date(2024, 2, 1))
    for _ in range(3):
        make_item(elsewhere, lead=make_agency("Sở Y tế tỉnh Khác", parent=other))
    as_of = AsOf.make(dt.date(2024, 3, 31))
    ours = Item.objects.filter(plan__issuing_agency=cast.province, parent__isnull=True).count()
    for user in (cast.standing, cast.leader):
        counted = status_summary(figure_scope(cast.actor(user)), as_of).all.total
        assert counted == ours == 2, (user.username, counted)


def test_the_standing_body_manages_the_periods_and_reminders_of_its_own_provinces_plans_only(
    client: Client,
) -> None:
    """With the country in one database, a province's standing body opens, closes and sets the
    reminders of its own plans; another province's plan is refused by the services, absent
    from the admin's choices, and its period page offers no management."""
    from tiendo.notifications.models import ReminderRule
    from tiendo.notifications.services import reminder_rule_set
    from tiendo.progress.models import PeriodKind, ReportingPeriod
    from tiendo.progress.periods import period_close, period_open

    cast = make_cast()
    other = make_agency("UBND tỉnh Khác", kind=cast.province.kind)
    elsewhere = make_plan(other, issued_on=dt.date(2024, 2, 1))
    theirs = period_open(actor=None, plan=elsewhere, kind=PeriodKind.QUARTER, year=2024, number=1)
    standing = cast.actor(cast.standing)
    opened = period_open(
        actor=standing, plan=cast.plan, kind=PeriodKind.QUARTER, year=2024, number=2
    )
    assert opened.plan == cast.plan
    with pytest.raises(PermissionDenied):
        period_open(actor=standing, plan=elsewhere, kind=PeriodKind.QUARTER, year=2024, number=2)
    with pytest.raises(PermissionDenied):
        period_close(actor=standing, period=theirs)
    with pytest.raises(PermissionDenied):
        reminder_rule_set(actor=standing, plan=elsewhere, days_before="3,1")
    assert reminder_rule_set(actor=standing, plan=cast.plan, days_before="3,1").before_days == [
        3,
        1,
    ]
    assert not ReminderRule.objects.filter(plan=elsewhere).exists()
    assert ReportingPeriod.objects.filter(plan=elsewhere).count() == 1
    assert ReportingPeriod.objects.get(pk=theirs.pk).closed_at is None

    cast.standing.is_staff = True
    cast.standing.save()
    cast.standing.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_reportingperiod", "change_reportingperiod", "add_reminderrule"]
        )
    )
    client.force_login(cast.standing)
    for add in ("admin:progress_reportingperiod_add", "admin:notifications_reminderrule_add"):
        page = client.get(reverse(add))
        assert page.status_code == 200
        [form] = [f for f in parse_forms(page.text) if f.attrs.get("id", "").endswith("_form")]
        [plan_field] = [c for c in form.controls if c.name == "plan"]
        offered = {value for value, _ in plan_field.options if value}
        assert offered == {str(cast.plan.pk)}, add
    change = reverse("admin:progress_reportingperiod_change", args=[theirs.pk])
    assert client.post(change, {"closed": "on"}).status_code == 403
    assert ReportingPeriod.objects.get(pk=theirs.pk).closed_at is None
