from __future__ import annotations

from typing import Any

from django import forms

from fostering.accounts.models import User
from fostering.children.codes import ReviewParticipation
from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm

from .choices import BookletFor, PermanencePlan, RequestReason

DATE_HINT = "For example, 6 1 2026"


def _date(label: str, required: bool = True) -> DateInputField:
    return DateInputField(label=label, help_text=DATE_HINT, required=required)


def _yes_no(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": f"Answer: {label[0].lower()}{label[1:]}"},
    )


def _name(user: User) -> str:
    return user.get_full_name() or user.username


class SettingsForm(ServiceForm):
    submit_label = "Save the settings"
    first_review_working_days = forms.IntegerField(
        label="First review within (working days)",
        min_value=1,
        max_value=40,
        help_text="The regulations say 20 working days after the child enters care",
    )
    caseload_low = forms.IntegerField(label="Lowest caseload an IRO should hold", min_value=0, max_value=200)
    caseload_high = forms.IntegerField(
        label="Highest caseload an IRO should hold", min_value=0, max_value=200
    )


class AllocateForm(ServiceForm):
    submit_label = "Allocate the IRO"
    iro = forms.ModelChoiceField(
        queryset=User.objects.none(), label="IRO", error_messages={"required": "Choose the IRO"}
    )
    started_on = _date("From")

    def __init__(self, *args: Any, iros: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["iro"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = iros
        field.label_from_instance = _name  # type: ignore[method-assign,assignment]


class RequestForm(ServiceForm):
    submit_label = "Ask for the review"
    reason = forms.ChoiceField(
        choices=RequestReason.choices,
        widget=forms.RadioSelect,
        label="Why is the review needed?",
        error_messages={"required": "Choose why the review is needed"},
    )
    due_on = _date("Hold the review by")
    details = forms.CharField(
        label="Details (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(ServiceForm):
    submit_label = "Record the review"
    held_on = _date("Date of the review (its first part)")
    second_part_on = _date("Date of the second part (optional)", required=False)
    participation = forms.ChoiceField(
        choices=ReviewParticipation.choices,
        widget=forms.RadioSelect,
        label="How the child took part",
        error_messages={"required": "Choose how the child took part"},
    )
    attended = forms.CharField(
        label="Who attended (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the child, their carer, their social worker, their mother",
    )


class RecordForm(ServiceForm):
    submit_label = "Save the record"
    summary = forms.CharField(label="The IRO's record of the review", required=False, widget=forms.Textarea)
    distributed_on = _date("Distributed on (optional)", required=False)
    permanence_plan = forms.ChoiceField(
        choices=[("", "Not yet agreed"), *PermanencePlan.choices],
        required=False,
        label="Permanence plan agreed",
    )
    permanence_agreed_on = _date("Permanence plan agreed on (optional)", required=False)


class BookletForm(ServiceForm):
    submit_label = "Record the booklet"
    sent_to = forms.ChoiceField(
        choices=BookletFor.choices,
        widget=forms.RadioSelect,
        label="Consultation booklet sent to",
        error_messages={"required": "Choose who the booklet was sent to"},
    )
    sent_on = _date("Sent on")
    returned_on = _date("Returned on (optional)", required=False)
    returned_by = forms.CharField(label="Filled in by (optional)", required=False, max_length=100)


class RecommendationForm(ServiceForm):
    submit_label = "Add the recommendation"
    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the recommendation"},
    )
    owner = forms.CharField(
        label="Who will do it",
        max_length=100,
        error_messages={"required": "Say who will carry out the recommendation"},
    )
    due_on = _date("Due by")


class DoneForm(ServiceForm):
    submit_label = "Mark as done"
    done_on = _date("Done on")


class MidwayForm(ServiceForm):
    submit_label = "Record the midway check"
    checked_on = _date("Checked on")
    recommendations_on_track = _yes_no("Are the recommendations on track?")
    care_plan_current = _yes_no("Is the care plan up to date?")
    child_visited_in_time = _yes_no("Has the child been visited in time?")
    childs_voice_recorded = _yes_no("Is the child's voice recorded?")
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
