"""Small helpers shared by the web forms."""

from __future__ import annotations

from django import forms


def errors_text(form: forms.Form) -> str:
    """All of a form's error messages as one sentence for a flash message."""
    return " ".join(str(message) for errors in form.errors.values() for message in errors)
