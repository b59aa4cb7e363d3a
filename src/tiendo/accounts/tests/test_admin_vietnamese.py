"""The admin at /quan-tri/ reads in Vietnamese on every page, including the parts that come from
Django, DRF and django-axes, the permission names and the audit trail's action codes."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.db import models
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

import tiendo
from tiendo.accounts.tokens import api_token_create
from tiendo.audit.labels import ACTION_LABELS
from tiendo.meetings.services import freeze_create
from tiendo.notifications.delivery import Reminder, deliver
from tiendo.notifications.mail import queue_emails
from tiendo.notifications.models import ReminderRule
from tiendo.plans.models import ExtensionDecision
from tiendo.plans.services import extension_request_create, item_change_target, item_extend_deadline
from tiendo.progress.evidence import evidence_attach
from tiendo.progress.models import Decision, Holiday, Lifecycle
from tiendo.progress.periods import holidays_seed
from tiendo.progress.services import UpdateInput, update_create_draft
from tiendo.testing import TEST_PASSWORD, VN, Cast, make_cast, make_group

pytestmark = pytest.mark.django_db

# Interface words of Django, DRF and django-axes that must not reach an official's screen.
# Matched as whole words, case-sensitive, in the visible text only.
ENGLISH = [
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    "Show counts",
    "Hide counts",
    "Add",
    "Change",
    "Delete",
    "View",
    "Save",
    "Search",
    "Filter",
    "Action",
    "Actions",
    "Go",
    "Run",
    "Select",
    "Selected",
    "All",
    "Yes",
    "No",
    "Unknown",
    "None",
    "Home",
    "Log out",
    "View site",
    "Welcome",
    "History",
    "Recent actions",
    "Skip to main content",
    "Toggle",
    "Sidebar",
    "Breadcrumbs",
    "Model name",
    "Close",
    "Remove",
    "Clear",
    "Please",
    "Error",
    "Auth Token",
    "Token",
    "Tokens",
    "Key",
    "Created",
    "Group",
    "Groups",
    "User",
    "Users",
    "Username",
    "Password",
    "Permission",
    "Permissions",
    "Personal info",
    "Important dates",
    "Authentication",
    "Authorization",
    "Axes",
    "Access",
    "access",
    "Attempt",
    "attempt",
    "Locked",
    "Failed",
    "Logout",
    "Path",
    "User Agent",
    "Form Data",
    "Meta Data",
    "Data",
    "Expires",
    "Not set",
    "Today",
    "Now",
    "Date",
    "Time",
    "at",
    "by",
    "of",
    "the",
    "and",
    "or",
    "for",
    "to",
    "from",
    "with",
    "is",
    "this",
    "object",
    "recipient",
    "agency",
    "key",
    "link",
    "mandatory",
    "created",
    "read",
    "emailed",
    "claimed",
    "null",
    "true",
    "false",
    "True",
    "False",
]
ENGLISH_WORD = re.compile(r"(?<![\w.@/-])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w@/-])")

# Codes written by the services (audit actions, notification kinds, model labels, role codes):
# stored as data, they must be shown with their Vietnamese labels.
CODE = re.compile(
    r"\b(?:(?:agency|plan|item|extension|evidence|update|period|membership)\.[a-z_]+"
    r"|(?:accounts|agencies|plans|progress|audit|notifications|auth|authtoken|axes)\.[a-z_]+"
    r"|due_soon|due_today|overdue|escalation|period_due|period_missing\w*|period_open"
    r"|weekly_summary|returned|reporter|head|standing|leader)\b"
)


class VisibleText(HTMLParser):
    """What a person reads: text outside scripts and styles, plus button values, titles,
    placeholders and labels for assistive technology."""

    SHOWN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
    # Django's yes/no icons carry Python's True/False as alt text, with no way to translate it.
    BOOLEAN_ICON = re.compile(r"/admin/img/icon-(yes|no|unknown)\.svg$")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
            return
        values = dict(attrs)
        if tag == "img" and self.BOOLEAN_ICON.search(values.get("src") or ""):
            values.pop("alt", None)
        self.parts += [values[a] or "" for a in self.SHOWN_ATTRIBUTES if a in values]
        if tag == "input" and values.get("type") in ("submit", "button", "reset"):
            self.parts.append(values.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_in(html: str) -> list[str]:
    text = visible_text(html)
    return sorted({m.group(1) for m in ENGLISH_WORD.finditer(text)} | set(CODE.findall(text)))


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def fill_every_admin_model(cast: Cast, client: Client, tmp_path: Path, settings: Any) -> None:
    """At least one row behind every model the admin shows, made the way the app makes it."""
    team = Group.objects.create(name="Tổ công tác Đề án 06")
    team.permissions.set(Permission.objects.filter(codename__in=["view_item", "change_item"]))
    cast.standing.groups.add(team)
    cast.standing.user_permissions.add(Permission.objects.get(codename="add_holiday"))
    make_group(cast.plan)
    item_extend_deadline(
        item=cast.item,
        new_deadline=dt.date(2024, 9, 30),
        reason="Chờ hướng dẫn của Bộ Công an",
        decided_on=dt.date(2024, 6, 1),
    )
    item_change_target(
        actor=cast.actor(cast.standing),
        item=cast.item,
        new_target=Decimal("90"),
        reason="Điều chỉnh theo thực tế",
        decided_on=dt.date(2024, 6, 1),
    )
    extension_request_create(
        actor=cast.actor(cast.outsider),
        item=cast.other_item,
        requested_deadline=dt.date(2024, 12, 31),
        reason="Chờ kinh phí",
    )
    settings.TIENDO_EVIDENCE_DIR = str(tmp_path)
    data = UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS, percent=30)
    draft = update_create_draft(
        actor=cast.actor(cast.reporter), item=cast.item, period=cast.period, data=data
    )
    evidence_attach(
        actor=cast.actor(cast.reporter),
        update=draft,
        name="bien-ban.pdf",
        data=BytesIO(PDF),
        size=6,
    )
    holidays_seed(range(2024, 2025))
    ReminderRule.objects.create(plan=cast.plan)
    cast.reporter.email = "chuyenvien@syt.gov.vn"
    cast.reporter.save()
    deliver(
        [
            Reminder(
                cast.health,
                ["reporter"],
                "due_soon",
                "before:test",
                "Nhắc việc: nhiệm vụ sắp đến hạn",
                "Đề nghị hoàn thành và báo cáo kết quả đúng hạn.",
                item=cast.item,
            )
        ]
    )
    queue_emails(dt.datetime(2024, 6, 3, 8, tzinfo=VN))
    api_token_create(actor=cast.actor(cast.admin), user=cast.admin, name="Đồng bộ dữ liệu")
    freeze_create(
        actor=cast.actor(cast.standing),
        cutoff=dt.date(2024, 3, 31),
        known_at=None,
        plans=[cast.plan],
        title="Giao ban Đề án 06 quý I/2024",
    )
    # django-axes writes its rows on logins: a wrong password, then the administrator's login.
    client.post(reverse("login"), {"username": cast.outsider.username, "password": "sai"})
    # The failure log is off in our settings; its admin page still exists, so give it a row.
    AccessFailureLog.objects.create(
        username=cast.outsider.username,
        ip_address="127.0.0.1",
        user_agent="Trình duyệt",
        path_info="/tai-khoan/dang-nhap/",
        attempt_time=timezone.now(),
    )
    response = client.post(
        reverse("login"), {"username": cast.admin.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert AccessAttempt.objects.exists() and AccessLog.objects.exists()


def admin_urls(admin_user: User) -> list[str]:
    """The index, each app's page, and for every registered model its list (plain, with counts,
    searched), add page, one object's change, history and delete pages, as far as allowed."""
    request = RequestFactory().get("/quan-tri/")
    request.user = admin_user
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    apps: set[str] = set()
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        apps.add(opts.app_label)
        changelist = reverse(f"{name}_changelist")
        urls += [changelist, f"{changelist}?_facets=True", f"{changelist}?q=zzz"]
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"{name}_add"))
        cl = model_admin.get_changelist_instance(request)
        assert cl.result_list, f"no {opts.label} row to open"
        first = cl.result_list[0]
        # The change link as the list makes it.
        change = cl.url_for_result(first)
        urls += [change, reverse(f"{name}_history", args=[first.pk])]
        if model_admin.has_delete_permission(request, first):
            urls.append(reverse(f"{name}_delete", args=[first.pk]))
    urls += [reverse("admin:app_list", args=[label]) for label in sorted(apps)]
    urls.append(reverse("admin:auth_user_password_change", args=[admin_user.pk]))
    return urls


def test_every_admin_page_reads_in_vietnamese(
    client: Client, tmp_path: Path, settings: Any
) -> None:
    cast = make_cast()
    fill_every_admin_model(cast, client, tmp_path, settings)
    # One edit through the admin, so the confirmation, "recent actions" and history have entries.
    holiday = Holiday.objects.order_by("day").first()
    assert holiday is not None
    edit = reverse("admin:progress_holiday_change", args=[holiday.pk])
    saved = client.post(
        edit, {"day": holiday.day.isoformat(), "name": "Tết Dương lịch"}, follow=True
    )
    assert "Đã sửa ngày nghỉ lễ" in visible_text(saved.text)
    found: dict[str, list[str]] = {}
    if words := english_in(saved.text):
        found[edit] = words
    for url in admin_urls(cast.admin):
        response = client.get(url)
        assert response.status_code == 200, url
        if words := english_in(response.content.decode()):
            found[url] = words
    assert found == {}


def test_permissions_are_named_with_the_officials_verbs(
    client: Client, tmp_path: Path, settings: Any
) -> None:
    cast = make_cast()
    fill_every_admin_model(cast, client, tmp_path, settings)
    team = Group.objects.get()
    text = visible_text(client.get(reverse("admin:auth_group_change", args=[team.pk])).text)
    for verb in ("Thêm", "Sửa", "Xóa", "Xem"):
        assert f"{verb} nhiệm vụ, mô hình" in text
    assert "Xem mã truy cập API" in text
    assert "Can " not in text


def test_audit_trail_shows_actions_by_their_vietnamese_names(
    client: Client, tmp_path: Path, settings: Any
) -> None:
    cast = make_cast()
    fill_every_admin_model(cast, client, tmp_path, settings)
    text = visible_text(client.get(reverse("admin:audit_auditevent_changelist")).text)
    for label in ("Mở kỳ báo cáo", "Gia hạn nhiệm vụ", "Đính kèm tài liệu minh chứng"):
        assert label in text
    assert "period.open" not in text and "item.extend" not in text


def test_admin_script_strings_are_translated(client: Client) -> None:
    client.force_login(User.objects.create_superuser("t.root"))
    catalog = client.get(reverse("admin:jsi18n")).text
    for english in ("Choose all %s", "Remove all %s", "Sunday", "Choose a Date", "Today", "Now"):
        assert f'"{english}":' in catalog, english


def test_every_project_model_and_field_has_a_vietnamese_name() -> None:
    english: list[str] = []
    for model in admin.site._registry:
        if model._meta.app_label in {"auth", "authtoken", "axes"}:
            continue
        for field in model._meta.get_fields():
            if not isinstance(field, models.Field) or field.auto_created:
                continue
            # A field without a verbose name is labelled with its English attribute name.
            if str(field.verbose_name) == field.name.replace("_", " "):
                english.append(f"{model._meta.label}.{field.name}")
    assert english == []


def test_every_audit_action_the_services_write_has_a_vietnamese_label() -> None:
    # Codes made from a decision: "extension.approved", "update.returned"…
    made_from = {"extension": ExtensionDecision.values, "update": Decision.values}
    codes: set[str] = set()
    for path in Path(tiendo.__file__).parent.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for line in re.findall(r"\baction=(.+)", path.read_text()):
            codes |= set(re.findall(r'(?<!f)"([a-z]+\.[a-z_]+)"', line))
            for prefix in re.findall(r'f"([a-z]+)\.\{', line):
                codes |= {f"{prefix}.{value}" for value in made_from[prefix]}
    assert "period.open" in codes
    assert sorted(codes - ACTION_LABELS.keys()) == []
