from __future__ import annotations

from typing import Any

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.db.models import QuerySet

from fostering.accounts.models import User
from fostering.core.forms import ServiceForm
from fostering.core.versions import VersionedForm

from .choices import DECISION_OUTCOMES, OPEN_STAGES, TRANSITIONS, AssessmentKind, Outcome, Stage

DATE_HINT = "For example, 6 1 2025"


def _date(label: str) -> DateInputField:
    return DateInputField(label=label, help_text=DATE_HINT)


class ChildChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.person.full_name} ({obj.child_id})"


class StartForm(ServiceForm):
    submit_label = "Start the assessment"
    child = ChildChoiceField(
        queryset=None,  # type: ignore[arg-type]
        label="Child",
        empty_label="Choose the child",
        error_messages={"required": "Choose the child"},
    )
    kind = forms.ChoiceField(
        choices=AssessmentKind.choices,
        widget=forms.RadioSelect,
        label="Kind of assessment",
        error_messages={"required": "Choose the kind of assessment"},
    )
    carer_first_name = forms.CharField(
        label="Connected person's first name",
        max_length=100,
        error_messages={"required": "Enter a first name"},
    )
    carer_last_name = forms.CharField(
        label="Connected person's last name", max_length=100, error_messages={"required": "Enter a last name"}
    )
    carer_date_of_birth = DateInputField(
        label="Connected person's date of birth (optional)",
        help_text="For example, 27 3 1962",
        required=False,
    )
    relationship = forms.CharField(
        label="Relationship to the child",
        max_length=100,
        help_text="For example, maternal grandmother",
        error_messages={"required": "Enter the connected person's relationship to the child"},
    )
    household_name = forms.CharField(
        label="Household name (optional)",
        max_length=200,
        required=False,
        help_text="For example, Brown household",
    )
    line_1 = forms.CharField(label="Address line 1 (optional)", max_length=200, required=False)
    town = forms.CharField(label="Town or city (optional)", max_length=100, required=False)
    postcode = forms.CharField(label="Postcode (optional)", max_length=8, required=False)
    social_worker = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="Kinship social worker (optional)"
    )
    started_on = _date("Assessment started on")

    def __init__(self, *args: Any, children: QuerySet[Any], workers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children  # type: ignore[attr-defined]
        self.fields["social_worker"].queryset = workers  # type: ignore[attr-defined]


class PlacementForm(VersionedForm, ServiceForm):
    submit_label = "Record the placement"
    placed_on = _date("Date the child was placed with the connected person")


class PanelViewsForm(ServiceForm):
    submit_label = "Record the panel's views"
    sought_on = _date("Date the panel's views were sought")
    views = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), required=False, label="The panel's views (optional)"
    )


class IroInformedForm(ServiceForm):
    submit_label = "Record that the IRO was informed"
    informed_on = _date("Date the independent reviewing officer was informed")


class NominatedOfficerForm(ServiceForm):
    submit_label = "Approve the extension"
    approved_on = _date("Date of the nominated officer's approval")


class ExtensionForm(ServiceForm):
    submit_label = "Grant the extension"
    granted_on = _date("Date the extension was granted")


class StageForm(ServiceForm):
    submit_label = "Change the stage"
    to_stage = forms.ChoiceField(
        widget=forms.RadioSelect, label="New stage", error_messages={"required": "Choose the new stage"}
    )
    changed_on = _date("From")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Reason (optional)"
    )

    def __init__(self, *args: Any, current: Stage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[current] & OPEN_STAGES
        self.fields["to_stage"].choices = [(s.value, s.label) for s in Stage if s in allowed]  # type: ignore[attr-defined]


class OutcomeForm(ServiceForm):
    submit_label = "Record the outcome"
    outcome = forms.ChoiceField(
        widget=forms.RadioSelect, label="Outcome", error_messages={"required": "Choose the outcome"}
    )
    decided_on = _date("Date of the decision")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Notes (optional)"
    )

    def __init__(self, *args: Any, current: Stage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = DECISION_OUTCOMES.get(current, frozenset())
        self.fields["outcome"].choices = [(o.value, o.label) for o in Outcome if o in allowed]  # type: ignore[attr-defined]


class WithdrawForm(ServiceForm):
    submit_label = "Withdraw the assessment"
    withdrawn_on = _date("Date withdrawn")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Reason",
        error_messages={"required": "Give the reason the assessment is withdrawn"},
    )
