from __future__ import annotations

from typing import Any

from django import forms

from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm

from .choices import ALLOWED_ACTIONS, DisposalAction, ErasureDecision, ErasureGrounds, RecordKind

EXAMPLE = "For example, 14 3 2026"


class RetentionRuleForm(ServiceForm):
    submit_label = "Save the rule"
    years = forms.IntegerField(
        label="How many years to keep it",
        min_value=1,
        max_value=150,
        error_messages={
            "required": "Enter how many years to keep it",
            "invalid": "Enter a whole number of years, like 10",
            "min_value": "Enter at least 1 year",
            "max_value": "Enter 150 years or fewer",
        },
    )
    action = forms.ChoiceField(
        widget=forms.RadioSelect,
        label="What happens when the time has passed",
        error_messages={"required": "Choose what happens when the time has passed"},
    )

    def __init__(self, *args: Any, kind: RecordKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = ALLOWED_ACTIONS[kind]
        self.fields["action"].choices = [c for c in DisposalAction.choices if c[0] in allowed]  # type: ignore[attr-defined]


class DisposeForm(ServiceForm):
    submit_label = "Dispose of the record"
    confirm = forms.BooleanField(
        label="I have checked this record is no longer needed and confirm its disposal. This cannot be undone.",
        error_messages={"required": "Confirm the disposal to go ahead"},
    )


class SubjectAccessForm(ServiceForm):
    submit_label = "Download the export (zip)"


class ErasureRequestForm(ServiceForm):
    submit_label = "Record the request"
    received_on = DateInputField(label="Date received", help_text=EXAMPLE)
    grounds = forms.ChoiceField(
        choices=ErasureGrounds.choices,
        widget=forms.RadioSelect,
        label="Why they ask for their data to be erased",
        error_messages={"required": "Choose why they ask for their data to be erased"},
    )
    details = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="What they asked for (optional)"
    )


class ErasureDecisionForm(ServiceForm):
    submit_label = "Record the decision"
    decision = forms.ChoiceField(
        choices=ErasureDecision.choices,
        widget=forms.RadioSelect,
        label="Decision",
        help_text="Agreeing erases at once what the law allows; records the law requires the service to keep "
        "are kept, and the outcome says which.",
        error_messages={"required": "Choose whether the request is agreed or refused"},
    )
    decided_on = DateInputField(label="Date decided", help_text=EXAMPLE)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Reason",
        help_text="Needed when refusing: it is sent to the person with their right to complain to the ICO.",
    )
