"""The indicator pages' forms: which period and indicator to show; targets, comparators, closing."""

from __future__ import annotations

from typing import Any

from django import forms

from fostering.core.forms import ServiceForm

from .catalogue import INDICATORS
from .periods import Month, PeriodError

INDICATOR_CHOICES = [(c.indicator.code, f"{c.indicator.code}: {c.indicator.title}") for c in INDICATORS]
COMPARISONS = [(">=", "At least the target"), ("<=", "At most the target")]


def _number(label: str, *, required: bool = True, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        help_text=help_text,
        max_digits=9,
        decimal_places=1,
        error_messages={
            "invalid": "Enter a number, like 75 or 20.8",
            "max_decimal_places": "Enter a number with at most one decimal place",
            "required": f"Enter the {label.lower()}",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5", "inputmode": "decimal"}),
    )


class PeriodField(forms.CharField):
    """A month as YYYY-MM."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Period (year and month)")
        kwargs.setdefault("help_text", "The period's last month, for example 2026-03")
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "numeric"}),
        )
        super().__init__(max_length=7, **kwargs)

    def clean(self, value: Any) -> Month | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        try:
            return Month.parse(text)
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from error


class ClosePeriodForm(ServiceForm):
    submit_label = "Close the period"
    period = PeriodField(error_messages={"required": "Enter the period to close, for example 2026-03"})


def _year_field() -> forms.IntegerField:
    return forms.IntegerField(
        label="Financial year (the year it ends)",
        help_text="2027 is 1 April 2026 to 31 March 2027",
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Enter the year as 4 digits, like 2027",
            "required": "Enter the financial year",
            "min_value": "The year must be 2000 or later",
            "max_value": "The year must be 2100 or earlier",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-4", "inputmode": "numeric"}),
    )


class TargetForm(ServiceForm):
    submit_label = "Save the target"
    code = forms.ChoiceField(label="Indicator", choices=INDICATOR_CHOICES)
    year = _year_field()
    comparison = forms.ChoiceField(label="The value should be", choices=COMPARISONS, widget=forms.RadioSelect)
    value = _number("Target")


class ComparatorForm(ServiceForm):
    submit_label = "Save the comparators"
    code = forms.ChoiceField(label="Indicator", choices=INDICATOR_CHOICES)
    year = _year_field()
    england = _number("England average", required=False)
    statistical_neighbours = _number("Statistical neighbours' average", required=False)
    upper_quartile = _number(
        "Upper quartile threshold",
        required=False,
        help_text="The value between the top quarter of councils and the next",
    )
    median = _number("Median", required=False)
    lower_quartile = _number(
        "Lower quartile threshold",
        required=False,
        help_text="The value between the bottom quarter and the next",
    )
    source = forms.CharField(
        label="Source",
        max_length=300,
        help_text="The publication and its year, for example: Fostering in England 2024 to 2025, Ofsted",
        error_messages={"required": "Say where the comparators come from (the publication and its year)"},
    )
