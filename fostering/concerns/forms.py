from __future__ import annotations

from typing import Any

from crispy_forms_gds.fields import DateInputField
from django import forms

from fostering.core.forms import ServiceForm
from fostering.core.versions import VersionedForm
from fostering.households.forms import review_label

from .choices import AllegationOutcome, Complainant, ComplaintOutcome

EXAMPLE = "For example, 14 3 2026"


class AllegationForm(ServiceForm):
    submit_label = "Record the allegation"
    received_on = DateInputField(label="Date received", help_text=EXAMPLE)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="What is alleged",
        error_messages={"required": "Enter what the allegation is about"},
    )
    put_on_hold = forms.BooleanField(
        required=False,
        label="Put the household on hold while the allegation is looked into",
        initial=True,
    )


class AllegationProgressForm(VersionedForm, ServiceForm):
    submit_label = "Save"
    lado_referred_on = DateInputField(label="Referred to the LADO on", help_text=EXAMPLE)
    lado_outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="The LADO's advice (optional)"
    )
    strategy_meeting_on = DateInputField(
        label="Position of trust or strategy meeting held on (optional)", required=False
    )
    support_offered_on = DateInputField(label="Independent support offered on (optional)", required=False)
    support_offered_by = forms.CharField(
        max_length=200,
        required=False,
        label="Independent support offered by (optional)",
        help_text="For example, the foster carers' association or Fostering Network advice line",
    )


class AllegationConcludeForm(ServiceForm):
    submit_label = "Conclude the allegation"
    concluded_on = DateInputField(label="Date concluded", help_text=EXAMPLE)
    outcome = forms.ChoiceField(
        choices=AllegationOutcome.choices,
        widget=forms.RadioSelect,
        label="Outcome",
        error_messages={"required": "Choose the outcome of the allegation"},
    )
    review: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        required=False,
        label="Review following concerns (optional)",
    )

    def __init__(self, *args: Any, reviews: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["review"].queryset = reviews  # type: ignore[attr-defined]
        self.fields["review"].label_from_instance = review_label  # type: ignore[attr-defined]


class ComplaintForm(ServiceForm):
    submit_label = "Record the complaint"
    received_on = DateInputField(label="Date received", help_text=EXAMPLE)
    complainant = forms.ChoiceField(
        choices=Complainant.choices,
        widget=forms.RadioSelect,
        label="Who complained",
        error_messages={"required": "Choose who complained"},
    )
    complainant_name = forms.CharField(
        max_length=200,
        label="Their name",
        error_messages={"required": "Enter the name of the person who complained"},
    )
    fostering_household: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        required=False,
        label="About which household (leave empty if it is about the service)",
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="What the complaint is about",
        error_messages={"required": "Enter what the complaint is about"},
    )

    def __init__(self, *args: Any, households: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fostering_household"].queryset = households  # type: ignore[attr-defined]


class ComplaintRespondForm(ServiceForm):
    submit_label = "Record the response"
    responded_on = DateInputField(label="Date of the response", help_text=EXAMPLE)
    outcome = forms.ChoiceField(
        choices=ComplaintOutcome.choices,
        widget=forms.RadioSelect,
        label="Outcome",
        error_messages={"required": "Choose the outcome"},
    )
    response = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Response")


class ComplaintEscalateForm(ServiceForm):
    submit_label = "Start the next stage"
    started_on = DateInputField(label="Date the complainant asked for the next stage", help_text=EXAMPLE)
    extended = forms.BooleanField(
        required=False,
        label="The stage 2 investigation is extended (up to 65 working days)",
    )
