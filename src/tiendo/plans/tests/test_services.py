"""Bad input gets a clear Vietnamese message and changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tiendo.agencies.services import agency_get_by_code
from tiendo.plans.models import DeadlineChange, Item, ItemKind, Plan
from tiendo.plans.services import item_extend_deadline, item_upsert
from tiendo.progress.models import Lifecycle, ProgressUpdate
from tiendo.progress.services import update_record
from tiendo.testing import make_agency, make_item, make_plan

pytestmark = pytest.mark.django_db


def new_item(plan: Plan, **overrides: object) -> Item:
    fields: dict[str, object] = {
        "plan": plan,
        "kind": ItemKind.TASK,
        "code": "1",
        "title": "Số hóa hồ sơ hộ tịch",
        "lead_agency": make_agency(),
        "start_date": dt.date(2024, 2, 1),
        "deadline": dt.date(2024, 6, 30),
    }
    fields.update(overrides)
    return item_upsert(**fields)  # type: ignore[arg-type]


def messages(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


def test_deadline_before_start_is_refused_and_nothing_is_saved() -> None:
    plan = make_plan()
    with pytest.raises(ValidationError) as error:
        new_item(plan, deadline=dt.date(2024, 1, 15))
    assert "Thời hạn hoàn thành (15/01/2024) không được trước ngày bắt đầu (01/02/2024)" in (
        messages(error)
    )
    assert not Item.objects.filter(plan=plan).exists()


def test_negative_target_is_refused() -> None:
    plan = make_plan()
    with pytest.raises(ValidationError) as error:
        new_item(plan, target=Decimal("-5"))
    assert "Chỉ tiêu cần đạt không được là số âm." in messages(error)
    assert not Item.objects.filter(plan=plan).exists()


def test_item_needs_a_deadline_or_must_be_recurring_not_both() -> None:
    plan = make_plan()
    with pytest.raises(ValidationError) as error:
        new_item(plan, deadline=None, is_recurring=False)
    assert "hoặc được đánh dấu là thường xuyên" in messages(error)
    with pytest.raises(ValidationError):
        new_item(plan, deadline=dt.date(2024, 6, 30), is_recurring=True)
    assert not Item.objects.filter(plan=plan).exists()


def test_unknown_agency_code_is_named() -> None:
    with pytest.raises(ValidationError) as error:
        agency_get_by_code("40.SO-KHONG-CO")
    assert messages(error) == 'Không tìm thấy cơ quan, đơn vị có mã "40.SO-KHONG-CO".'


def test_upsert_updates_in_place_instead_of_duplicating() -> None:
    item = new_item(make_plan())
    again = new_item(item.plan, title="Số hóa 100% hồ sơ hộ tịch", lead_agency=item.lead_agency)
    assert again.pk == item.pk
    assert Item.objects.get(plan=item.plan).title == "Số hóa 100% hồ sơ hộ tịch"


def test_extension_needs_a_reason_and_keeps_the_original_deadline() -> None:
    item = make_item(make_plan(), deadline=dt.date(2024, 3, 31))
    with pytest.raises(ValidationError) as error:
        item_extend_deadline(
            item=item, new_deadline=dt.date(2024, 6, 30), reason=" ", decided_on=dt.date(2024, 3, 1)
        )
    assert "Cần nêu rõ lý do gia hạn." in messages(error)
    assert not DeadlineChange.objects.filter(item=item).exists()
    item_extend_deadline(
        item=item,
        new_deadline=dt.date(2024, 6, 30),
        reason="Chờ hướng dẫn",
        decided_on=dt.date(2024, 3, 1),
    )
    item.refresh_from_db()
    assert item.deadline == dt.date(2024, 3, 31)


def test_original_deadline_cannot_be_rewritten_after_an_extension() -> None:
    item = new_item(make_plan())
    item_extend_deadline(
        item=item,
        new_deadline=dt.date(2024, 9, 30),
        reason="Chờ kinh phí",
        decided_on=dt.date(2024, 6, 1),
    )
    with pytest.raises(ValidationError, match="gia hạn tiếp"):
        new_item(item.plan, lead_agency=item.lead_agency, deadline=dt.date(2024, 7, 31))
    assert Item.objects.get(pk=item.pk).deadline == dt.date(2024, 6, 30)


def test_recurring_task_cannot_be_extended() -> None:
    item = make_item(make_plan(), deadline=None)
    with pytest.raises(ValidationError, match="thường xuyên"):
        item_extend_deadline(
            item=item, new_deadline=dt.date(2024, 6, 30), reason="x", decided_on=dt.date(2024, 3, 1)
        )


def test_done_update_needs_a_completion_date_not_after_its_cutoff() -> None:
    item = make_item(make_plan())
    with pytest.raises(ValidationError, match="Cần ghi ngày hoàn thành"):
        update_record(item=item, valid_on=dt.date(2024, 3, 14), state=Lifecycle.DONE)
    with pytest.raises(ValidationError, match="không được sau ngày chốt số liệu"):
        update_record(
            item=item,
            valid_on=dt.date(2024, 3, 14),
            state=Lifecycle.DONE,
            completed_on=dt.date(2024, 3, 20),
        )
    with pytest.raises(ValidationError, match="không vượt quá 100"):
        update_record(item=item, valid_on=dt.date(2024, 3, 14), state="in_progress", percent=140)
    assert not ProgressUpdate.objects.filter(item=item).exists()


def test_target_change_needs_a_reason_and_keeps_the_original() -> None:
    from tiendo.plans.selectors import current_target
    from tiendo.plans.services import item_change_target

    item = make_item(make_plan(), target=Decimal("100"))
    with pytest.raises(ValidationError, match="Cần nêu rõ lý do điều chỉnh chỉ tiêu"):
        item_change_target(
            actor=None,
            item=item,
            new_target=Decimal("80"),
            reason="",
            decided_on=dt.date(2024, 5, 1),
        )
    item_change_target(
        actor=None,
        item=item,
        new_target=Decimal("80"),
        reason="Điều chỉnh theo Nghị quyết HĐND",
        decided_on=dt.date(2024, 5, 1),
    )
    item.refresh_from_db()
    assert (item.target, current_target(item)) == (Decimal("100"), Decimal("80"))
    assert item.audit_events.filter(action="item.target").exists()
