from __future__ import annotations

from typing import Any

from crispy_forms_gds.fields import DateInputField
from django import forms

from fostering.core.forms import ServiceForm

from .choices import TRANSITIONS, HouseholdStatus, PlacementType, ReviewKind


class SupervisionVisitForm(ServiceForm):
    submit_label = "Record the visit"
    visited_on = DateInputField(label="Date of the visit", help_text="For example, 14 3 2026")
    unannounced = forms.BooleanField(label="This was an unannounced visit", required=False)
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, label="Notes of the visit"
    )


class HouseholdReviewForm(ServiceForm):
    submit_label = "Record the review"
    held_on = DateInputField(label="Date of the review", help_text="For example, 14 3 2026")
    kind = forms.ChoiceField(
        choices=ReviewKind.choices,
        widget=forms.RadioSelect,
        label="Kind of review",
        initial=ReviewKind.ANNUAL,
    )
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False, label="Summary")


class StatusChangeForm(ServiceForm):
    submit_label = "Change the status"
    to_status = forms.ChoiceField(
        widget=forms.RadioSelect, label="New status", error_messages={"required": "Choose the new status"}
    )
    changed_on = DateInputField(label="From", help_text="For example, 14 3 2026")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Reason",
        help_text="Needed for on hold, resigned and deregistered",
    )

    def __init__(self, *args: Any, current: HouseholdStatus, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[current]
        self.fields["to_status"].choices = [(s.value, s.label) for s in HouseholdStatus if s in allowed]  # type: ignore[attr-defined]


class TermsOfApprovalForm(ServiceForm):
    submit_label = "Save the new terms"
    effective_from = DateInputField(label="New terms apply from", help_text="For example, 14 3 2026")
    number_of_children = forms.IntegerField(
        min_value=1,
        max_value=10,
        label="Number of children",
        error_messages={"required": "Enter how many children"},
    )
    age_min = forms.IntegerField(min_value=0, max_value=25, label="Youngest age")
    age_max = forms.IntegerField(min_value=0, max_value=25, label="Oldest age")
    placement_types = forms.MultipleChoiceField(
        choices=PlacementType.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Placement types",
        error_messages={"required": "Select at least one placement type"},
    )
    sibling_group_max = forms.IntegerField(
        min_value=1, max_value=10, label="Largest sibling group", initial=1
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("age_min") is not None
            and data.get("age_max") is not None
            and data["age_min"] > data["age_max"]
        ):
            self.add_error("age_min", "The youngest age must not be above the oldest age")
        return data
