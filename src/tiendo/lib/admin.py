"""What the apps' admin pages share: their writes go through the services, never to the rows.

A service checks what the form cannot (a deadline extended before the item starts, a reporting
period that does not exist) and says so with a ValidationError. The admin saves inside one
transaction, so nothing of the save stays; the person is shown the service's message on the page
they came from, instead of an error page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms.models import BaseModelFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

_M = TypeVar("_M", bound=Model)


class ServiceWriteAdmin(admin.ModelAdmin[_M]):
    """A ModelAdmin whose save_model / save_formset call services (which may refuse)."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, f"Chưa lưu được: {message}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


def adopt(obj: Model, saved: Model) -> None:
    """Make the admin's unsaved obj the row the service saved (the admin's messages, history
    and redirect read obj)."""
    for field in saved._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db


def formset_saved(
    formset: BaseModelFormSet[Any, Any],
    new: Sequence[Model] = (),
    changed: Sequence[tuple[Model, list[str]]] = (),
) -> None:
    """Record what a service saved for a formset, as formset.save() would (the admin's change
    message reads it)."""
    formset.new_objects = list(new)
    formset.changed_objects = list(changed)
    formset.deleted_objects = []
