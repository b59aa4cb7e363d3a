"""Bad input on the reporting pages gets a clear Vietnamese message and nothing is lost."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tiendo.progress.models import Evidence, ProgressUpdate
from tiendo.testing import Cast, make_cast

pytestmark = pytest.mark.django_db

FORM = {"valid_on": "2024-03-14", "state": "in_progress", "percent": "40", "version": "1"}


@pytest.fixture
def cast() -> Cast:
    return make_cast()


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


@pytest.mark.parametrize("value", ["có", "N/A", "xem mô tả", "12,5%"])
def test_non_numeric_value_for_a_numeric_target_is_refused(
    cast: Cast, client: Client, value: str
) -> None:
    url = reverse("progress:update_create", args=[cast.item.pk])
    response = login(client, cast.reporter).post(url, FORM | {"achieved": value})
    assert response.status_code == 200
    assert f"“{value}” không phải là một số" in response.content.decode()
    assert not ProgressUpdate.objects.filter(item=cast.item).exists()


def test_vietnamese_numbers_are_read_as_officials_write_them(cast: Cast, client: Client) -> None:
    url = reverse("progress:update_create", args=[cast.item.pk])
    response = login(client, cast.reporter).post(url, FORM | {"achieved": "1.250,5"})
    assert response.status_code == 302
    assert str(ProgressUpdate.objects.get(item=cast.item).achieved) == "1250.50"


def test_done_without_completion_date_is_refused_with_the_field_named(
    cast: Cast, client: Client
) -> None:
    url = reverse("progress:update_create", args=[cast.item.pk])
    response = login(client, cast.reporter).post(url, FORM | {"state": "done"})
    assert "Cần ghi ngày hoàn thành khi báo cáo đã hoàn thành." in response.content.decode()
    assert not ProgressUpdate.objects.filter(item=cast.item).exists()


def test_obstacle_without_category_is_refused(cast: Cast, client: Client) -> None:
    url = reverse("progress:update_create", args=[cast.item.pk])
    data = FORM | {"obstacle_1_text": "Thiếu máy đọc CCCD"}
    response = login(client, cast.reporter).post(url, data)
    assert "Chọn nhóm nguyên nhân của khó khăn này." in response.content.decode()
    assert not ProgressUpdate.objects.filter(item=cast.item).exists()


def _draft(cast: Cast, client: Client) -> ProgressUpdate:
    login(client, cast.reporter).post(reverse("progress:update_create", args=[cast.item.pk]), FORM)
    return ProgressUpdate.objects.get(item=cast.item)


def test_file_with_a_lying_extension_is_refused(
    cast: Cast, client: Client, tmp_path: Any, settings: Any
) -> None:
    settings.TIENDO_EVIDENCE_DIR = str(tmp_path)
    draft = _draft(cast, client)
    fake = SimpleUploadedFile(
        "bao-cao.pdf", b"MZ\x90\x00This is a program", content_type="application/pdf"
    )
    response = client.post(
        reverse("progress:evidence_upload", args=[draft.pk]), {"file": fake}, follow=True
    )
    assert "có phần mở rộng .pdf nhưng nội dung không phải PDF" in response.content.decode()
    assert not Evidence.objects.filter(update=draft).exists()
    assert not any(tmp_path.rglob("*"))


def test_oversized_file_is_refused(
    cast: Cast, client: Client, tmp_path: Any, settings: Any
) -> None:
    settings.TIENDO_EVIDENCE_DIR = str(tmp_path)
    settings.TIENDO_EVIDENCE_MAX_BYTES = 1024
    draft = _draft(cast, client)
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * 4096, content_type="application/pdf")
    response = client.post(
        reverse("progress:evidence_upload", args=[draft.pk]), {"file": big}, follow=True
    )
    assert "vượt quá giới hạn" in response.content.decode()
    assert not Evidence.objects.filter(update=draft).exists()


def test_stale_form_is_answered_with_409_and_keeps_the_other_save(
    cast: Cast, client: Client
) -> None:
    draft = _draft(cast, client)
    url = reverse("progress:update_edit", args=[draft.pk])
    colleague = Client()
    colleague.force_login(cast.colleague)
    assert colleague.post(url, FORM | {"percent": "70", "version": "1"}).status_code == 302
    response = client.post(url, FORM | {"percent": "45", "version": "1"})
    assert response.status_code == 409
    assert "vừa được người khác sửa và lưu" in response.content.decode()
    assert ProgressUpdate.objects.get(pk=draft.pk).percent == 70


def test_sending_twice_says_it_was_already_sent(cast: Cast, client: Client) -> None:
    draft = _draft(cast, client)
    head = Client()
    head.force_login(cast.head)
    url = reverse("progress:update_send", args=[draft.pk])
    head.post(url, {"version": "1"})
    response = head.post(url, {"version": "2"}, follow=True)
    assert (
        "Báo cáo này đã ở trạng thái “Đã gửi, chờ xác nhận”, không gửi lại."
        in response.content.decode()
    )
    assert ProgressUpdate.objects.filter(item=cast.item, recorded_at__isnull=False).count() == 1


def test_editing_in_a_closed_period_is_refused(cast: Cast, client: Client) -> None:
    draft = _draft(cast, client)
    standing = Client()
    standing.force_login(cast.standing)
    standing.post(reverse("progress:period_toggle", args=[cast.period.pk]))
    response = client.post(
        reverse("progress:update_edit", args=[draft.pk]), FORM | {"percent": "90"}
    )
    assert "đã đóng; không thể thêm hoặc sửa báo cáo" in response.content.decode()
    assert ProgressUpdate.objects.get(pk=draft.pk).percent == 40
