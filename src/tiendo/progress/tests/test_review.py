"""The standing body's review as its officers work it: the facts beside each report, the queue
oldest first, on to the next report after each decision; and the revision after a return."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tiendo.audit.models import AuditEvent
from tiendo.browser_tests.helpers import visible_text
from tiendo.plans.models import Item
from tiendo.plans.services import item_extend_deadline
from tiendo.progress.evidence import evidence_attach, evidence_remove
from tiendo.progress.models import Decision, Evidence, Lifecycle, ProgressUpdate, UpdateStatus
from tiendo.progress.services import (
    UpdateInput,
    update_create_draft,
    update_review,
    update_revise,
    update_send,
)
from tiendo.testing import VN, Cast, make_cast

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN)


def sent_report(
    cast: Cast,
    item: Item,
    when: dt.datetime,
    *,
    valid_on: dt.date = dt.date(2024, 3, 14),
    achieved: str = "1250",
    files: tuple[tuple[str, bytes], ...] = (),
) -> ProgressUpdate:
    """A report drafted by the item's reporter, with its files, sent by the head at `when`."""
    reporter, head = (
        (cast.reporter, cast.head) if item == cast.item else (cast.outsider, cast.outsider_head)
    )
    data = UpdateInput(
        valid_on=valid_on,
        state=Lifecycle.IN_PROGRESS,
        percent=60,
        achieved=Decimal(achieved),
        narrative="Đã triển khai tại các cơ sở khám chữa bệnh công lập.",
    )
    with time_machine.travel(when, tick=False):
        draft = update_create_draft(
            actor=cast.actor(reporter), item=item, period=cast.period, data=data
        )
        for name, content in files:
            evidence_attach(
                actor=cast.actor(reporter),
                update=draft,
                name=name,
                data=BytesIO(content),
                size=len(content),
            )
        return update_send(actor=cast.actor(head), update=draft, expected_version=1)


@dataclass
class Desk:
    """The standing body's desk on 16/3/2024: one confirmed report from February, and three
    reports waiting (sent 13/3, 10/3 and 14/3; the 10/3 one was made last)."""

    cast: Cast
    confirmed: ProgressUpdate
    first: ProgressUpdate  # Sở Y tế, sent 13/3, with two evidence files
    oldest: ProgressUpdate  # Sở Tư pháp, sent 10/3
    latest: ProgressUpdate  # Sở Y tế, sent 14/3


@pytest.fixture
def desk(settings: Any, tmp_path: Path) -> Desk:
    settings.TIENDO_EVIDENCE_DIR = str(tmp_path)
    cast = make_cast()
    cast.item.unit, cast.item.target = "cơ sở", Decimal("2000")
    cast.item.save()
    confirmed = sent_report(
        cast, cast.item, at(dt.date(2024, 2, 15)), valid_on=dt.date(2024, 2, 14), achieved="800"
    )
    with time_machine.travel(at(dt.date(2024, 2, 16)), tick=False):
        update_review(actor=cast.actor(cast.standing), update=confirmed, decision="confirmed")
    item_extend_deadline(
        item=cast.item,
        new_deadline=dt.date(2024, 9, 30),
        reason="Chờ Bộ Y tế nâng cấp phần mềm",
        decided_on=dt.date(2024, 3, 1),
    )
    files = (("bien-ban.pdf", PDF), ("anh-chup.png", PNG))
    first = sent_report(cast, cast.item, at(dt.date(2024, 3, 13)), files=files)
    latest = sent_report(cast, cast.item, at(dt.date(2024, 3, 14)))
    oldest = sent_report(cast, cast.other_item, at(dt.date(2024, 3, 10)))
    return Desk(cast, confirmed, first, oldest, latest)


def standing_client(desk: Desk) -> Client:
    client = Client()
    client.force_login(desk.cast.standing)
    return client


DAY = at(dt.date(2024, 3, 16), 10)


def test_review_page_shows_the_previous_confirmed_report_deadline_target_and_evidence(
    desk: Desk,
) -> None:
    with time_machine.travel(DAY, tick=False):
        response = standing_client(desk).get(
            reverse("progress:update_detail", args=[desk.first.pk])
        )
    assert response.status_code == 200
    facts = response.context["facts"]
    assert facts.previous == desk.confirmed
    assert (facts.original_deadline, facts.deadline_now) == (
        dt.date(2024, 6, 30),
        dt.date(2024, 9, 30),
    )
    assert [x.reason for x in facts.extensions] == ["Chờ Bộ Y tế nâng cấp phần mềm"]
    assert (facts.target, facts.achieved_share) == (Decimal("2000"), Decimal("62.5"))
    evidence = list(response.context["evidence"])
    assert [e.file_name for e in evidence] == ["bien-ban.pdf", "anh-chup.png"]
    page = response.content.decode()
    assert "Số liệu đến 14/02/2024</a>: Đang thực hiện, 60%, đạt 800 cơ sở" in page
    assert "<strong>30/09/2024</strong> (ban đầu 30/06/2024)" in page
    assert "Chỉ tiêu 2.000 cơ sở; đạt 1.250 cơ sở (62,5% chỉ tiêu)" in page
    for e in evidence:
        assert reverse("progress:evidence_download", args=[e.pk]) in page
    # The links go through the access-checked download.
    download = standing_client(desk).get(
        reverse("progress:evidence_download", args=[evidence[0].pk])
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]


def test_a_first_report_says_there_is_no_confirmed_one_yet(desk: Desk) -> None:
    with time_machine.travel(DAY, tick=False):
        response = standing_client(desk).get(
            reverse("progress:update_detail", args=[desk.oldest.pk])
        )
    assert response.context["facts"].previous is None
    assert "Chưa có báo cáo nào được xác nhận." in response.content.decode()


def test_the_queue_counts_and_shows_waiting_time_oldest_first(desk: Desk) -> None:
    with time_machine.travel(DAY, tick=False):
        response = standing_client(desk).get(reverse("progress:review_queue"))
    rows = response.context["rows"]
    assert [row.update for row in rows] == [desk.oldest, desk.first, desk.latest]
    assert [row.waiting for row in rows] == ["chờ 6 ngày", "chờ 3 ngày", "chờ 2 ngày"]
    assert [row.evidence_count for row in rows] == [0, 2, 0]
    assert rows[1].deadline_now == dt.date(2024, 9, 30)  # the extension is in force
    page = response.content.decode()
    assert "<strong>3</strong> báo cáo đang chờ" in page
    assert page.index("chờ 6 ngày") < page.index("chờ 3 ngày") < page.index("chờ 2 ngày")


def test_confirming_goes_on_to_the_oldest_report_still_waiting(desk: Desk) -> None:
    client = standing_client(desk)
    with time_machine.travel(DAY, tick=False):
        response = client.post(
            reverse("progress:update_review", args=[desk.first.pk]), {"decision": "confirmed"}
        )
        page = client.get(response["Location"]).content.decode()
    assert response.status_code == 302
    assert response["Location"] == reverse("progress:update_detail", args=[desk.oldest.pk])
    desk.first.refresh_from_db()
    assert (desk.first.decision, desk.first.reviewed_by) == (
        Decision.CONFIRMED,
        desk.cast.standing,
    )
    assert f"xác nhận báo cáo {desk.cast.item.code}" in page
    assert "Còn 2 báo cáo chờ xác nhận" in page


def test_returning_also_goes_on_and_the_last_decision_ends_at_the_empty_queue(desk: Desk) -> None:
    client = standing_client(desk)
    with time_machine.travel(DAY, tick=False):
        returned = client.post(
            reverse("progress:update_review", args=[desk.oldest.pk]),
            {"decision": "returned", "note": "Thiếu danh sách cơ sở"},
        )
        assert returned["Location"] == reverse("progress:update_detail", args=[desk.first.pk])
        client.post(
            reverse("progress:update_review", args=[desk.first.pk]), {"decision": "confirmed"}
        )
        last = client.post(
            reverse("progress:update_review", args=[desk.latest.pk]),
            {"decision": "confirmed"},
            follow=True,
        )
    assert last.redirect_chain[-1][0] == reverse("progress:review_queue")
    assert "Đã xử lý hết báo cáo chờ xác nhận" in last.content.decode()
    # The empty queue says so once, without an empty table.
    assert visible_text(last.content.decode()).count("Không có báo cáo nào đang chờ") == 1
    assert "<table" not in last.content.decode().split("<main", 1)[-1]
    waiting = ProgressUpdate.objects.filter(recorded_at__isnull=False, decision="")
    assert not waiting.filter(item__plan=desk.cast.plan).exists()


def test_a_refused_decision_stays_on_the_report(desk: Desk) -> None:
    with time_machine.travel(DAY, tick=False):
        response = standing_client(desk).post(
            reverse("progress:update_review", args=[desk.first.pk]), {"decision": "returned"}
        )
    assert response["Location"] == reverse("progress:update_detail", args=[desk.first.pk])
    assert ProgressUpdate.objects.get(pk=desk.first.pk).decision == ""


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/bao-cao/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "abc",
        "/bao-cao/\r\nSet-Cookie: x=1",
        "",
        "%00",
    ],
)
def test_an_unsafe_or_garbage_next_stays_on_site(desk: Desk, next_url: str) -> None:
    with time_machine.travel(DAY, tick=False):
        response = standing_client(desk).post(
            reverse("progress:update_review", args=[desk.first.pk]),
            {"decision": "confirmed", "next": next_url},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("progress:update_detail", args=[desk.oldest.pk])
    assert ProgressUpdate.objects.get(pk=desk.first.pk).decision == Decision.CONFIRMED


def test_a_safe_next_on_site_is_followed(desk: Desk) -> None:
    back = reverse("plans:item_detail", args=[desk.cast.item.pk])
    with time_machine.travel(DAY, tick=False):
        response = standing_client(desk).post(
            reverse("progress:update_review", args=[desk.first.pk]),
            {"decision": "confirmed", "next": back},
        )
    assert response["Location"] == back


# --- the revision after a return --------------------------------------------------------------


def returned_with_files(desk: Desk) -> ProgressUpdate:
    with time_machine.travel(DAY, tick=False):
        return update_review(
            actor=desk.cast.actor(desk.cast.standing),
            update=desk.first,
            decision=Decision.RETURNED,
            note="Biên bản chưa có chữ ký của lãnh đạo sở.",
        )


def test_revising_carries_the_evidence_and_the_form_shows_the_return_reason(
    desk: Desk, tmp_path: Path
) -> None:
    returned = returned_with_files(desk)
    client = Client()
    client.force_login(desk.cast.reporter)
    with time_machine.travel(DAY + dt.timedelta(hours=2), tick=False):
        response = client.post(reverse("progress:update_revise", args=[returned.pk]), follow=True)
    draft = ProgressUpdate.objects.get(supersedes=returned)
    assert response.redirect_chain[-1][0] == reverse("progress:update_edit", args=[draft.pk])
    copies = list(draft.evidence.order_by("id"))
    originals = list(returned.evidence.order_by("id"))
    assert [c.carried_from for c in copies] == originals
    assert [c.sha256 for c in copies] == [o.sha256 for o in originals]
    assert {c.storage_key for c in copies}.isdisjoint({o.storage_key for o in originals})
    assert (tmp_path / copies[0].storage_key).read_bytes() == PDF
    page = response.content.decode()
    assert "Lý do trả lại:</strong> Biên bản chưa có chữ ký của lãnh đạo sở." in page
    assert "bien-ban.pdf" in page and "anh-chup.png" in page
    assert "mang sang số liệu và 2 tài liệu minh chứng" in page
    assert AuditEvent.objects.filter(action="evidence.carry", object_id=str(draft.pk)).exists()


def test_a_carried_file_can_be_removed_from_the_draft_and_the_returned_report_keeps_its_own(
    desk: Desk, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    returned = returned_with_files(desk)
    draft = update_revise(actor=desk.cast.actor(desk.cast.reporter), update=returned)
    pdf_copy = draft.evidence.get(file_name="bien-ban.pdf")
    client = Client()
    client.force_login(desk.cast.reporter)
    form_page = reverse("progress:update_edit", args=[draft.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("progress:evidence_upload", args=[draft.pk]),
            {"remove": pdf_copy.pk, "next": form_page},
        )
    assert response["Location"] == form_page
    assert list(draft.evidence.values_list("file_name", flat=True)) == ["anh-chup.png"]
    assert returned.evidence.count() == 2  # never delete history
    assert not (tmp_path / pdf_copy.storage_key).exists()
    assert (tmp_path / returned.evidence.get(file_name="bien-ban.pdf").storage_key).exists()
    event = AuditEvent.objects.get(action="evidence.remove")
    assert event.actor == desk.cast.reporter and "mang sang từ báo cáo bị trả lại" in event.summary


def test_evidence_of_a_sent_report_cannot_be_removed(desk: Desk) -> None:
    returned = returned_with_files(desk)
    original = returned.evidence.first()
    assert original is not None
    with pytest.raises(ValidationError, match="Chỉ bỏ tài liệu khỏi dự thảo"):
        evidence_remove(actor=desk.cast.actor(desk.cast.reporter), evidence=original)
    client = Client()
    client.force_login(desk.cast.reporter)
    response = client.post(
        reverse("progress:evidence_upload", args=[returned.pk]), {"remove": original.pk}
    )
    assert response.status_code == 302
    assert "Chỉ bỏ tài liệu khỏi dự thảo" in client.get(response["Location"]).content.decode()
    assert Evidence.objects.filter(pk=original.pk).exists()


@pytest.mark.parametrize("who", ["outsider", "standing"])
def test_others_cannot_remove_a_drafts_file(desk: Desk, who: str) -> None:
    draft = update_revise(
        actor=desk.cast.actor(desk.cast.reporter), update=returned_with_files(desk)
    )
    copy = draft.evidence.first()
    assert copy is not None
    user: User = getattr(desk.cast, who)
    client = Client()
    client.force_login(user)
    response = client.post(
        reverse("progress:evidence_upload", args=[draft.pk]), {"remove": copy.pk}
    )
    assert response.status_code == 404
    assert Evidence.objects.filter(pk=copy.pk).exists()


def test_removing_garbage_or_another_reports_file_is_not_found(desk: Desk) -> None:
    draft = update_revise(
        actor=desk.cast.actor(desk.cast.reporter), update=returned_with_files(desk)
    )
    other = desk.first.evidence.first()
    assert other is not None
    client = Client()
    client.force_login(desk.cast.reporter)
    url = reverse("progress:evidence_upload", args=[draft.pk])
    assert client.post(url, {"remove": "abc"}).status_code == 404
    assert client.post(url, {"remove": other.pk}).status_code == 404
    assert draft.evidence.count() == 2


def test_a_reporter_puts_a_draft_before_the_head(desk: Desk) -> None:
    data = UpdateInput(valid_on=dt.date(2024, 3, 14), state=Lifecycle.IN_PROGRESS, percent=10)
    draft = update_create_draft(
        actor=desk.cast.actor(desk.cast.reporter), item=desk.cast.item, period=None, data=data
    )
    reporter, head = Client(), Client()
    reporter.force_login(desk.cast.reporter)
    head.force_login(desk.cast.head)
    url = reverse("progress:update_send", args=[draft.pk])
    with time_machine.travel(DAY, tick=False):
        response = reporter.post(url, {"step": "ready"}, follow=True)
        assert "Đã trình lãnh đạo đơn vị duyệt" in response.content.decode()
        draft.refresh_from_db()
        assert (draft.ready_at, draft.ready_by, draft.status) == (DAY, desk.cast.reporter, "draft")
        assert head.post(url, {"step": "ready"}).status_code == 403  # heads send, not trình
        assert reporter.post(url, {"version": "abc"}).status_code == 403  # sending is the head's
        assert head.post(url, {"version": "abc"}).status_code == 302  # a stale form, not a 500
    assert ProgressUpdate.objects.get(pk=draft.pk).status == UpdateStatus.DRAFT
