from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from fostering.assessments.choices import AssessmentKind
from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm

from .ofsted import year_errors


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


class OfstedYearForm(ServiceForm):
    """The financial year of the Ofsted dataset, by its end: 2026 is 1 April 2025 to 31 March 2026."""

    year = forms.CharField(
        label="Financial year ending 31 March",
        help_text="For example, 2026 for 1 April 2025 to 31 March 2026",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-4", "inputmode": "numeric"}),
    )
    submit_label = "Show the dataset"

    def __init__(
        self, *args: Any, today: date, organisations: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.helper.form_method = "get"  # a filter: no CSRF token in the address
        self.today = today
        if organisations and len(organisations) > 1:  # the council, for staff of several
            self.fields["organisation"] = forms.ChoiceField(choices=organisations, label="Council")

    def clean_year(self) -> int:
        raw = (self.cleaned_data.get("year") or "").strip()
        if not raw.isdigit():
            raise forms.ValidationError("Enter the year as a number, for example 2026")
        year = int(raw)
        problem = year_errors(year, self.today)
        if problem:
            raise forms.ValidationError(problem)
        return year
