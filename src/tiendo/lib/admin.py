"""What the apps' admin pages share: their writes go through the services, never to the rows.

A service checks what the form cannot (a deadline extended before the item starts, a reporting
period that does not exist) and says so with a ValidationError. The admin saves inside one
transaction, so nothing of the save stays; the person is shown the service's message on the form
they filled in, with what they typed, instead of an error page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import ModelForm
from django.forms.models import BaseModelFormSet
from django.http import HttpRequest, HttpResponse

from tiendo.lib.forms import add_refusal

_M = TypeVar("_M", bound=Model)


class ServiceWriteAdmin(admin.ModelAdmin[_M]):
    """A ModelAdmin whose save_model / save_formset call services (which may refuse).

    A refusal rolls the whole save back (the admin saves in one transaction); the same page is
    then shown again with what was typed and the service's message at the fields it names (or
    at the top), as for any other error of the form.
    """

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
            if request.method != "POST":
                raise
            # Again, with a form that carries the refusal: it is invalid, so nothing is saved.
            setattr(request, _REFUSAL, error)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(
        self, request: HttpRequest, obj: _M | None = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm[_M]]:
        form = super().get_form(request, obj, change, **kwargs)
        refusal: ValidationError | None = getattr(request, _REFUSAL, None)
        if refusal is None:
            return form
        refused: ValidationError = refusal

        class Refused(form):  # type: ignore[valid-type,misc]
            def clean(self) -> dict[str, Any]:
                data: dict[str, Any] = super().clean()
                add_refusal(self, refused)
                return data

        return Refused


_REFUSAL = "_tiendo_service_refusal"


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
