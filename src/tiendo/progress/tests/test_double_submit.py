"""The new-report form sent twice (a double click, a retry, many at once) makes one draft."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tiendo.audit.models import AuditEvent
from tiendo.progress.forms import UpdateForm
from tiendo.progress.models import ProgressUpdate
from tiendo.testing import Cast, make_cast

FORM = {"valid_on": "2024-03-14", "state": "in_progress", "percent": "40"}
TOKEN = "0123456789abcdef0123456789abcdef"


def create_url(cast: Cast) -> str:
    return reverse("progress:update_create", args=[cast.item.pk])


@pytest.mark.django_db
def test_each_new_report_form_carries_its_own_one_time_token() -> None:
    cast = make_cast()
    first, second = UpdateForm(item=cast.item), UpdateForm(item=cast.item)
    tokens = [form["token"].value() for form in (first, second)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", t) for t in tokens) and tokens[0] != tokens[1]
    assert f'type="hidden" name="token" value="{tokens[0]}"' in str(first["token"])


@pytest.mark.django_db
def test_the_new_report_page_renders_the_token(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.reporter)
    page = client.get(create_url(cast))
    token = page.context["form"]["token"].value()
    assert f'name="token" value="{token}"' in page.content.decode()


@pytest.mark.django_db
def test_a_double_click_gives_the_same_draft_and_a_redirect_to_it(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.reporter)
    first = client.post(create_url(cast), FORM | {"token": TOKEN})
    second = client.post(create_url(cast), FORM | {"token": TOKEN, "percent": "45"})
    draft = ProgressUpdate.objects.get(item=cast.item)
    detail = reverse("progress:update_detail", args=[draft.pk])
    assert (first.status_code, first["Location"]) == (302, detail)
    assert (second.status_code, second["Location"]) == (302, detail)
    assert draft.form_token == TOKEN and draft.percent == 40  # the first send's content
    assert AuditEvent.objects.filter(action="update.draft", item=cast.item).count() == 1


@pytest.mark.django_db
def test_two_forms_make_two_drafts_as_before(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.reporter)
    for n in range(2):
        token = client.get(create_url(cast)).context["form"]["token"].value()
        assert client.post(create_url(cast), FORM | {"token": token}).status_code == 302, n
    assert ProgressUpdate.objects.filter(item=cast.item).count() == 2


@pytest.mark.django_db
def test_a_form_without_a_token_still_makes_a_draft(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.reporter)
    assert client.post(create_url(cast), FORM).status_code == 302
    assert ProgressUpdate.objects.get(item=cast.item).form_token == ""


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["abc", "../../x", TOKEN.upper(), TOKEN + "0", "<script>"])
def test_a_token_not_in_the_expected_format_is_refused_with_a_message(
    client: Client, token: str
) -> None:
    cast = make_cast()
    client.force_login(cast.reporter)
    response = client.post(create_url(cast), FORM | {"token": token})
    assert response.status_code == 200
    assert "Biểu mẫu lập báo cáo không hợp lệ (sai mã biểu mẫu)" in response.content.decode()
    assert not ProgressUpdate.objects.filter(item=cast.item).exists()


@pytest.mark.django_db
def test_a_token_used_by_someone_else_or_for_another_item_is_refused(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.reporter)
    client.post(create_url(cast), FORM | {"token": TOKEN})
    colleague = Client()
    colleague.force_login(cast.colleague)
    response = colleague.post(create_url(cast), FORM | {"token": TOKEN})
    assert "Biểu mẫu này đã được dùng để lập một báo cáo khác" in response.content.decode()
    assert ProgressUpdate.objects.filter(item=cast.item).count() == 1


@pytest.mark.django_db
def test_a_form_refused_for_its_content_keeps_its_token_for_the_retry(client: Client) -> None:
    cast = make_cast()
    client.force_login(cast.reporter)
    refused = client.post(create_url(cast), FORM | {"token": TOKEN, "state": "done"})
    assert refused.status_code == 200
    assert refused.context["form"]["token"].value() == TOKEN
    assert not ProgressUpdate.objects.filter(item=cast.item).exists()
    retried = client.post(create_url(cast), FORM | {"token": TOKEN})
    assert retried.status_code == 302
    assert ProgressUpdate.objects.filter(item=cast.item).count() == 1


def in_threads(count: int, work: Callable[[int], Any]) -> list[Any]:
    """`work(n)` in `count` threads released together, each on its own database connection;
    what each returned or raised."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[n] = work(n)
        except Exception as error:  # the outcome under test
            results[n] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
def test_thirty_identical_posts_at_once_make_one_draft() -> None:
    cast = make_cast()

    def post(n: int) -> Any:
        client = Client()
        client.force_login(cast.reporter)
        response = client.post(create_url(cast), FORM | {"token": TOKEN})
        return response.status_code, response.get("Location")

    results = in_threads(30, post)
    draft = ProgressUpdate.objects.get(item=cast.item)
    detail = reverse("progress:update_detail", args=[draft.pk])
    assert results == [(302, detail)] * 30
    assert AuditEvent.objects.filter(action="update.draft", item=cast.item).count() == 1


@pytest.mark.django_db
def test_a_token_with_twelve_digits_in_a_row_comes_back_whole(client: Client) -> None:
    """The page's CCCD mask once took such a token for a citizen's number (one form in 33):
    the form came back with "961*******86e5…" and could not be sent again."""
    cast = make_cast()
    client.force_login(cast.reporter)
    token = "961672547486e5785cfb74561f3dc655"
    page = client.post(create_url(cast), {"valid_on": "2024-03-14", "token": token})
    assert page.status_code == 200  # refused: no state chosen
    assert f'name="token" value="{token}"' in page.content.decode()
    again = client.post(create_url(cast), FORM | {"token": token})
    assert again.status_code == 302
    assert ProgressUpdate.objects.get(item=cast.item).form_token == token
