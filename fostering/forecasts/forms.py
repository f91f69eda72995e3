from __future__ import annotations

from typing import Any

from django import forms

from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm

from .model import LEVER_LIMITS


def _percent(label: str, name: str, help_text: str) -> forms.IntegerField:
    low, high = LEVER_LIMITS[name]
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=int(low * 100),
        max_value=int(high * 100),
        error_messages={  # %% because Django formats these messages with the limit
            "min_value": f"Enter a value between {low * 100:g}%% and {high * 100:g}%%",
            "max_value": f"Enter a value between {low * 100:g}%% and {high * 100:g}%%",
            "invalid": "Enter a whole number, like 20",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-4", "inputmode": "numeric"}),
    )


class ForecastForm(ServiceForm):
    """The forecast's date and the levers a manager can try (as whole percentages)."""

    submit_label = "Show the forecast"
    as_of = DateInputField(
        label="Forecast from", help_text="The records as they stood on this day. For example, 1 12 2026"
    )
    campaign = _percent(
        "More enquiries (a campaign), %", "campaign", "For example, 25 for a quarter more enquiries"
    )
    faster = _percent("Faster stages, %", "faster", "How much shorter each stage is, at the same conversion")
    fewer_withdrawals = _percent(
        "Fewer withdrawals, %", "fewer_withdrawals", "How many fewer journeys drop out"
    )
    target = forms.IntegerField(
        label="Target approvals for the 12 months",
        required=False,
        min_value=0,
        max_value=1000,
        error_messages={"invalid": "Enter a whole number, like 40"},
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-4", "inputmode": "numeric"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("campaign", "faster", "fewer_withdrawals"):
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
        return data
