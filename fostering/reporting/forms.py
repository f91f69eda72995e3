from __future__ import annotations

from typing import Any

from django import forms

from fostering.assessments.choices import AssessmentKind
from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm


class FunnelForm(ServiceForm):
    submit_label = "Show the funnel"
    start = DateInputField(label="From", help_text="For example, 1 4 2025")
    end = DateInputField(label="To", help_text="For example, 31 3 2026")
    carer_type = forms.ChoiceField(
        choices=[("", "Every kind"), *AssessmentKind.choices], required=False, label="Kind of carer"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.form_method = "get"  # a filter: no CSRF token in the address

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The end of the period must be on or after its start")
        if start and end and (end - start).days > 366 * 3:
            self.add_error("end", "Choose a period of at most three years")
        return data
