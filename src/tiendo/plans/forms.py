"""Forms for item-level requests: deadline extensions and their decisions, target changes.

What each request must state (a reason, a target that is not negative, a reason for refusing) is
the model's or the service's rule, worded there; these forms only read what was typed.
"""

from __future__ import annotations

from typing import Any

from django import forms

from tiendo.lib.forms import DATE_FORMATS, DateField, DateInput, NumberField, TextField


class ExtensionRequestForm(forms.Form):
    requested_deadline = DateField(
        label="Đề nghị gia hạn đến ngày",
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Ngày đề nghị gia hạn không hợp lệ.", "required": "Chọn ngày."},
    )
    reason = TextField(
        label="Lý do đề nghị gia hạn", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ExtensionDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("1", "Đồng ý"), ("0", "Không đồng ý")], coerce=lambda v: v == "1"
    )
    note = TextField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TargetChangeForm(forms.Form):
    new_target = NumberField(label="Chỉ tiêu mới")
    decided_on = DateField(label="Ngày quyết định", widget=DateInput(), input_formats=DATE_FORMATS)
    reason = TextField(
        label="Lý do điều chỉnh", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_new_target(self) -> Any:
        value = self.cleaned_data.get("new_target")
        if value is None:
            raise forms.ValidationError("Nhập chỉ tiêu mới.")
        return value
