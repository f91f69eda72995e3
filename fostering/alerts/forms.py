from __future__ import annotations

from typing import Any

from django import forms

from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm

from .choices import COUNCIL_STAGES, AlertKind, AlertStage, AlertTheme

EXAMPLE = "For example, 14 3 2026"
WRITTEN_TO_THE_CHILD = (
    "Write to the child, as they could read it on their record: what you noticed, why it matters to them "
    "and what needs to happen. Use their name and plain words; it is not a criticism of the worker."
)


def _people(field: Any, people: Any) -> None:
    field.queryset = people
    field.label_from_instance = lambda user: user.get_full_name() or user.username


class AlertRaiseForm(ServiceForm):
    submit_label = "Raise the alert"
    kind = forms.ChoiceField(
        choices=AlertKind.choices,
        widget=forms.RadioSelect,
        label="Kind of alert",
        error_messages={"required": "Choose whether this is good practice or a concern"},
    )
    theme = forms.ChoiceField(
        choices=AlertTheme.choices,
        widget=forms.RadioSelect,
        label="Theme",
        error_messages={"required": "Choose the theme of the alert"},
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label="The alert, written to the child",
        help_text=WRITTEN_TO_THE_CHILD,
        error_messages={"required": "Write the alert to the child: what you saw and why it matters to them"},
    )
    raised_on = DateInputField(label="Date raised", help_text=EXAMPLE)
    addressed_to: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        required=False,
        label="Addressed to (the child's social worker or their team manager)",
        empty_label="The child's social worker",
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _people(self.fields["addressed_to"], people)


class AlertRespondForm(ServiceForm):
    submit_label = "Record the response"
    stage = forms.CharField(widget=forms.HiddenInput)
    response = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Response to the IRO",
        help_text="What will be done for the child, by whom and by when. The child may read it too.",
        error_messages={"required": "Write the response: what will be done for the child, by whom and when"},
    )
    responded_on = DateInputField(label="Date of the response", help_text=EXAMPLE)


class AlertEscalateForm(ServiceForm):
    submit_label = "Escalate the concern"
    to_stage = forms.ChoiceField(
        choices=[],
        widget=forms.RadioSelect,
        label="Escalate to",
        error_messages={"required": "Choose the stage to escalate to"},
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Why the concern is not resolved",
        error_messages={"required": "Say why the concern is not resolved at this stage"},
    )
    escalated_on = DateInputField(label="Date escalated", help_text=EXAMPLE)
    addressed_to: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        required=False,
        label="Addressed to (optional)",
        empty_label="Nobody named",
    )

    def __init__(self, *args: Any, stages: tuple[str, ...], people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [(s, AlertStage(s).label) for s in stages]  # type: ignore[attr-defined]
        _people(self.fields["addressed_to"], people)


class AlertResolveForm(ServiceForm):
    submit_label = "Mark the concern resolved"
    resolved_on = DateInputField(label="Date resolved", help_text=EXAMPLE)
    resolution = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="What resolved it (optional)",
    )


class ResponseClockForm(ServiceForm):
    submit_label = "Save the response times"

    def __init__(self, *args: Any, clocks: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for stage in COUNCIL_STAGES:
            self.fields[stage] = forms.IntegerField(
                label=f"{AlertStage(stage).label}: working days to respond",
                min_value=1,
                max_value=60,
                initial=clocks[stage],
                error_messages={
                    "required": "Enter the working days to respond",
                    "min_value": "The response time must be between 1 and 60 working days",
                    "max_value": "The response time must be between 1 and 60 working days",
                    "invalid": "Enter the working days as a whole number",
                },
            )
