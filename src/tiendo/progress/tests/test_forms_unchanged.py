"""Open a form and save it without touching anything: nothing is refused, nothing changes.

Every edit form is read the way a browser reads it (tiendo.browser_tests.helpers.parse_forms:
the values as rendered, selected options, checked boxes, textarea line breaks sent as CRLF,
only the clicked button) and posted back unchanged. The database row must be the same after.

The one allowed difference: a draft's `version` goes up by one. It is the optimistic lock's save
counter, not content — pressing "Lưu dự thảo" is a save, and a colleague holding the old form
must be told that someone saved in between, even when the text happens to be the same.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from tiendo.accounts.access import actor_for_user
from tiendo.accounts.models import Membership
from tiendo.agencies.models import Agency, AgencyKind
from tiendo.audit.models import AuditEvent
from tiendo.browser_tests.helpers import Form, find_form, parse_forms, visible_text
from tiendo.notifications.models import NotificationPreference, ReminderRule
from tiendo.plans.models import Item, Plan, Programme, TaskGroup
from tiendo.progress.models import (
    Holiday,
    Lifecycle,
    ObstacleCategory,
    ProgressUpdate,
    ReportingPeriod,
)
from tiendo.progress.periods import period_close
from tiendo.progress.services import (
    ObstacleInput,
    RecommendationInput,
    UpdateInput,
    update_create_draft,
)

pytestmark = pytest.mark.django_db

NARRATIVE = (
    "Đã lắp đặt thiết bị tại các cơ sở khám chữa bệnh công lập.\n"
    "Còn 12 trạm y tế xã chưa có đường truyền — đề nghị “Sở KH&CN” hỗ trợ <ưu tiên>."
)


def login(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def row(obj: models.Model) -> dict[str, Any]:
    """Every stored column of a row, and the ids behind its many-to-many fields."""
    obj.refresh_from_db()
    values: dict[str, Any] = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    for m2m in obj._meta.many_to_many:
        values[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    return values


def changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {k: (before[k], after.get(k)) for k in before if before[k] != after.get(k)}


def errors_on(html: str) -> list[str]:
    """The error messages a person would see on the page."""
    import re

    found = re.findall(r'class="[^"]*(?:error|errorlist|errornote)[^"]*"[^>]*>(.*?)</', html, re.S)
    return [" ".join(visible_text(f).split()) for f in found if visible_text(f).strip()]


def post_unchanged(client: Client, url: str, form: Form, button: str | None = None) -> Any:
    buttons = form.buttons()
    clicked = form.button(button) if button else (buttons[0] if buttons else None)
    action = form.action or url
    return client.post(action, form.data_dict(clicked))


# --- the progress update draft --------------------------------------------------------------


def make_draft(item_code: str, plan: str, **values: Any) -> ProgressUpdate:
    reporter = actor_for_user(User.objects.get(username="yte.chuyenvien"))
    item = Item.objects.get(plan__number=plan, code=item_code)
    period = item.plan.periods.filter(closed_at__isnull=True).order_by("-cutoff").first()
    today = timezone.localdate()
    valid_on = min(period.cutoff, today) if period else today
    ministry = Agency.objects.filter(kind=AgencyKind.MINISTRY).order_by("name").first()
    assert ministry is not None, "the sample has no ministry to address a recommendation to"
    data = UpdateInput(
        valid_on=valid_on,
        state=values.pop("state", Lifecycle.IN_PROGRESS),
        narrative=NARRATIVE,
        obstacles=[ObstacleInput(ObstacleCategory.INFRASTRUCTURE, "Đường truyền\nchưa ổn định.")],
        recommendations=[RecommendationInput(ministry, "Bộ Y tế hướng dẫn kết nối.")],
        **values,
    )
    return update_create_draft(actor=reporter, item=item, period=period, data=data)


EXPECTED_SHOWN = {
    Decimal("460"): "460",
    Decimal("1275000"): "1.275.000",
    Decimal("1250.5"): "1.250,5",
}


def details(update: ProgressUpdate) -> list[tuple[str, ...]]:
    return [
        *((o.category, o.description) for o in update.obstacles.order_by("pk")),
        *((str(r.addressee_id), r.content) for r in update.recommendations.order_by("pk")),
    ]


@pytest.mark.parametrize(
    ("item_code", "plan", "achieved", "percent"),
    [
        ("MH15", "762/KH-UBND", Decimal("460"), 60),  # 460 cơ sở: once reopened as "4.6E+2"
        ("MH16", "762/KH-UBND", Decimal("1275000"), 75),  # 1.275.000 người
        ("19", "87/KH-UBND", Decimal("1250.5"), 0),  # a decimal: "1.250,5"
    ],
)
def test_draft_reopened_and_saved_unchanged_keeps_every_value(
    sample: Any, item_code: str, plan: str, achieved: Decimal, percent: int
) -> None:
    draft = make_draft(item_code, plan, achieved=achieved, percent=percent)
    before, before_details = row(draft), details(draft)
    client = login("yte.chuyenvien")
    url = reverse("progress:update_edit", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200, f"the edit form does not open: {page.status_code}"
    form = find_form(page.content.decode(), having="achieved")
    shown = dict(form.data())["achieved"]
    assert shown == EXPECTED_SHOWN[achieved], f"{achieved} reopens as “{shown}”"
    response = post_unchanged(client, url, form, "Lưu dự thảo")
    html = response.content.decode() if response.status_code != 302 else ""
    assert response.status_code == 302, (
        f"saving the draft unchanged is refused (achieved shown as “{shown}”): "
        f"{response.status_code} {errors_on(html)}"
    )
    after = row(draft)
    assert after["version"] == before["version"] + 1, "a save counts as a version (see module doc)"
    after["version"] = before["version"]
    # Line breaks are the next test's subject; here the values.
    after["narrative"] = after["narrative"].replace("\r\n", "\n")
    assert not changed(before, after), (
        f"saving unchanged changed the draft (achieved shown as “{shown}”): "
        f"{changed(before, after)}"
    )
    now = [tuple(v.replace("\r\n", "\n") for v in d) for d in details(draft)]
    assert now == before_details, f"obstacles/recommendations changed: {before_details} → {now}"


def test_line_breaks_written_outside_the_browser_survive_an_unchanged_save(sample: Any) -> None:
    """Drafts made by the API, the import or the sample have LF line breaks; a browser sends
    every textarea back with CRLF. Saving unchanged must not rewrite the text."""
    draft = make_draft("MH15", "762/KH-UBND", achieved=Decimal("460"), percent=60)
    before, before_details = row(draft)["narrative"], details(draft)
    client = login("yte.chuyenvien")
    url = reverse("progress:update_edit", args=[draft.pk])
    form = find_form(client.get(url).content.decode(), having="narrative")
    assert post_unchanged(client, url, form, "Lưu dự thảo").status_code == 302
    assert row(draft)["narrative"] == before, (
        f"saving unchanged rewrote the narrative's line breaks: {before!r} → "
        f"{row(draft)['narrative']!r} (the item's history then shows an edit nobody made)"
    )
    assert details(draft) == before_details, (
        f"saving unchanged rewrote the obstacles' line breaks: {before_details} → {details(draft)}"
    )


def test_done_draft_with_completion_date_saved_unchanged(sample: Any) -> None:
    today = timezone.localdate()
    draft = make_draft(
        "MH17",
        "762/KH-UBND",
        state=Lifecycle.DONE,
        percent=100,
        achieved=Decimal("100"),
        completed_on=today - dt.timedelta(days=1),
    )
    before = row(draft)
    client = login("yte.chuyenvien")
    url = reverse("progress:update_edit", args=[draft.pk])
    form = find_form(client.get(url).content.decode(), having="completed_on")
    sent = dict(form.data())
    assert sent["completed_on"] == (today - dt.timedelta(days=1)).strftime("%d/%m/%Y"), (
        f"the completion date is not shown as dd/mm/yyyy: “{sent['completed_on']}”"
    )
    response = post_unchanged(client, url, form, "Lưu dự thảo")
    assert response.status_code == 302, (
        f"saving unchanged is refused: {errors_on(response.content.decode())}"
    )
    after = row(draft)
    after["version"] = before["version"]
    after["narrative"] = after["narrative"].replace("\r\n", "\n")  # see the line-break test
    assert not changed(before, after), (
        f"saving unchanged changed the draft: {changed(before, after)}"
    )


# --- the reporting period form ----------------------------------------------------------------


def test_period_form_sent_as_opened_is_refused_in_vietnamese_and_creates_nothing(
    sample: Any,
) -> None:
    plan = Plan.objects.get(number="87/KH-UBND")
    client = login("thuongtruc")
    url = reverse("progress:period_list", args=[plan.pk])
    form = find_form(client.get(url).content.decode(), having="kind")
    count = ReportingPeriod.objects.count()
    response = post_unchanged(client, url, form, "Mở kỳ")
    assert response.status_code == 200, f"the empty period form is not refused: {response}"
    assert ReportingPeriod.objects.count() == count, "an empty period form opened a period"
    html = response.content.decode()
    assert errors_on(html), "the refused period form says nothing"
    again = find_form(html, having="kind")
    assert again.values() == form.values(), (
        f"the refused form does not show what was sent: {form.values()} → {again.values()}"
    )


def test_period_form_with_dd_mm_yyyy_dates_round_trips(sample: Any) -> None:
    plan = Plan.objects.get(number="87/KH-UBND")
    client = login("thuongtruc")
    url = reverse("progress:period_list", args=[plan.pk])
    form = find_form(client.get(url).content.decode(), having="kind")
    data = form.data_dict(form.button("Mở kỳ"))
    data.update(
        kind="custom",
        starts_on="01/01/2027",
        cutoff="15/01/2027",
        due_on="19/01/2027",
        label="Kỳ thử 01/2027",
    )
    response = client.post(url, data)
    assert response.status_code == 302, f"refused: {errors_on(response.content.decode())}"
    period = ReportingPeriod.objects.get(plan=plan, label="Kỳ thử 01/2027")
    assert (period.starts_on, period.cutoff, period.due_on) == (
        dt.date(2027, 1, 1),
        dt.date(2027, 1, 15),
        dt.date(2027, 1, 19),
    ), "dd/mm/yyyy dates read as another day"


# --- the consolidated report page --------------------------------------------------------------


def test_report_form_redrawn_and_downloaded_unchanged(sample: Any) -> None:
    client = login("thuongtruc")
    url = reverse("documents:report")
    opened = find_form(client.get(url).content.decode(), having="ngay")
    # What a person does first: tick the plans and type the signer (the page leaves both empty).
    for control in opened.controls:
        if control.name == "plans":
            control.checked = True
        if control.name == "signer_name" and not control.value:
            control.value = "Trần Ngọc Tuấn"
        if control.name == "number":
            control.value = "15/BC-CAT"  # the page offers "/BC-CAT": the number is typed
    events = AuditEvent.objects.count()
    first = post_unchanged(client, url, opened, "Soạn thảo báo cáo")
    html = first.content.decode()
    assert first.status_code == 200 and "Dự thảo nội dung" in html, (
        f"the report form does not draft a report: {errors_on(html)}"
    )
    drafted = find_form(html, having="ngay")
    sent = dict(opened.values())
    redrawn = dict(drafted.values())
    lost = {k: (v, redrawn.get(k)) for k, v in sent.items() if redrawn.get(k) != v}
    assert not lost, f"the drafted page shows other values than those sent: {lost}"
    second = post_unchanged(client, url, drafted, "Soạn thảo báo cáo")
    again = find_form(second.content.decode(), having="ngay")
    assert again.values() == drafted.values(), "drafting the same request twice gave other content"
    word = post_unchanged(client, url, drafted, "Tải báo cáo (Word)")
    assert word.status_code == 200 and word["Content-Disposition"].startswith("attachment"), (
        f"“Tải báo cáo (Word)” did not download: {word.status_code} {word.get('Content-Type')}"
    )
    assert AuditEvent.objects.count() == events, "reading a report wrote to the database"


# --- the plan import preview -------------------------------------------------------------------


def annex_bytes() -> bytes:
    from io import BytesIO

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Phụ lục"
    sheet.append(["PHỤ LỤC: DANH MỤC NHIỆM VỤ THỬ"])
    sheet.append([None])
    sheet.append(["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành", "Sản phẩm"])
    sheet.append(["I", "Nhóm nhiệm vụ về y tế"])
    sheet.append([1, "Kết nối dữ liệu tiêm chủng", "Sở Y tế", "Quý II/2027", "01 Kế hoạch"])
    sheet.append([2, "Làm sạch dữ liệu dân cư", "Công an tỉnh", "30/06/2027", "100% hồ sơ"])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_import_preview_sent_again_unchanged_then_imported(sample: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login("thuongtruc")
    url = reverse("imports:plan")
    opened = find_form(client.get(url).content.decode(), having="number")
    data = opened.data_dict(opened.button("Đọc thử"))
    data.update(number="999/KH-UBND", issued_on="05/01/2027", title="Kế hoạch thử nhập")
    # The title rows do not say which programme: the user chooses it.
    data["programme"] = str(Programme.objects.get(code="DA06").pk)
    upload = SimpleUploadedFile("phu-luc.xlsx", annex_bytes())
    preview = client.post(url, {**data, "file": upload})
    html = preview.content.decode()
    assert "Kết quả đọc thử" in html, f"no preview: {errors_on(html)}"
    form = find_form(html, having="token")
    assert dict(form.data())["issued_on"] == "05/01/2027", "the date is not shown as typed"
    again = post_unchanged(client, url, form, "Đọc thử")
    html2 = again.content.decode()
    assert "Kết quả đọc thử" in html2 and not errors_on(html2), (
        f"previewing again unchanged fails: {errors_on(html2)}"
    )
    assert not Plan.objects.filter(number="999/KH-UBND").exists(), "a preview imported the plan"
    done = post_unchanged(client, url, find_form(html2, having="token"), "Nhập")
    assert done.status_code == 302, f"“Nhập” did not import: {errors_on(done.content.decode())}"
    plan = Plan.objects.get(number="999/KH-UBND")
    assert (plan.issued_on, plan.title) == (dt.date(2027, 1, 5), "Kế hoạch thử nhập")
    assert Item.objects.filter(plan=plan).count() == 2


# --- the notification preference ---------------------------------------------------------------


def test_notification_preference_saved_unchanged(sample: Any) -> None:
    client = login("yte.lanhdao")
    url = reverse("notifications:inbox")
    form = find_form(client.get(url).content.decode(), having="delivery")
    chosen = dict(form.data())["delivery"]
    response = post_unchanged(client, url, form, "Lưu")
    assert response.status_code == 302
    user = User.objects.get(username="yte.lanhdao")
    saved = NotificationPreference.objects.get(user=user).delivery
    assert saved == chosen, f"the preference shown as “{chosen}” was saved as “{saved}”"


# --- admin change forms --------------------------------------------------------------------------


def admin_objects() -> list[models.Model]:
    standing = actor_for_user(User.objects.get(username="thuongtruc"))
    open_period = ReportingPeriod.objects.filter(closed_at__isnull=True).order_by("pk").first()
    assert open_period is not None
    # Closed through the web (a real timestamp, with microseconds), then opened in the admin.
    period_close(actor=standing, period=open_period)
    plan = Plan.objects.get(number="87/KH-UBND")
    rule, _ = ReminderRule.objects.get_or_create(plan=plan)
    return [
        Programme.objects.get(code="DA06"),
        plan,
        TaskGroup.objects.filter(plan=plan).order_by("pk").first(),  # type: ignore[list-item]
        Item.objects.filter(plan=plan, coordinating_agencies__isnull=False).order_by("pk").first(),  # type: ignore[list-item]
        Item.objects.get(plan__number="762/KH-UBND", code="MH15"),
        Agency.objects.get(code="40.SYT"),
        Membership.objects.get(user__username="yte.chuyenvien"),
        open_period,
        ReportingPeriod.objects.filter(closed_at__isnull=False).order_by("pk").first(),  # type: ignore[list-item]
        Holiday.objects.order_by("day").first(),  # type: ignore[list-item]
        rule,
    ]


def inline_rows(obj: models.Model) -> list[list[dict[str, Any]]]:
    """The rows of each inline of the object's admin page (task groups of a plan…)."""
    from django.contrib import admin
    from django.forms.models import _get_foreign_key

    model_admin = admin.site._registry[type(obj)]
    out = []
    for inline in model_admin.inlines:
        fk = _get_foreign_key(type(obj), inline.model, fk_name=inline.fk_name)
        rows = inline.model.objects.filter(**{fk.name: obj}).order_by("pk")
        out.append([row(r) for r in rows])
    return out


ADMIN_MODELS = [
    "programme",
    "plan",
    "taskgroup",
    "item with coordinators",
    "item MH15",
    "agency",
    "membership",
    "period closed on the web",
    "period of the sample",
    "holiday",
    "reminder rule",
]


@pytest.mark.parametrize("which", range(len(ADMIN_MODELS)), ids=ADMIN_MODELS)
def test_admin_change_form_saved_unchanged(sample: Any, which: int) -> None:
    obj = admin_objects()[which]
    assert obj is not None, f"the sample has no {ADMIN_MODELS[which]}"
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    client = login("quantri")
    page = client.get(url)
    assert page.status_code == 200, f"{url}: {page.status_code}"
    html = page.content.decode()
    forms = [f for f in parse_forms(html) if f.attrs.get("id") == f"{meta.model_name}_form"]
    assert forms, f"{url}: no change form (read only?)"
    before, inlines_before = row(obj), inline_rows(obj)
    response = client.post(url, forms[0].data_dict(forms[0].button_named("_save")))
    assert response.status_code == 302, (
        f"{ADMIN_MODELS[which]}: the admin refuses its own form unchanged: "
        f"{errors_on(response.content.decode())}"
    )
    after = row(obj)
    assert not changed(before, after), (
        f"{ADMIN_MODELS[which]}: saving unchanged in the admin changed {changed(before, after)}"
    )
    assert inline_rows(obj) == inlines_before, (
        f"{ADMIN_MODELS[which]}: saving unchanged in the admin changed its inline rows"
    )
