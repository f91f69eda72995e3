from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from fostering.accounts.models import User
from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm
from fostering.core.versions import VersionedForm
from fostering.households.choices import PlacementType

from .choices import (
    ALLOWED,
    DECIDED_BY_ADM,
    RATINGS,
    Challenge,
    ChallengeOutcome,
    FeedbackFrom,
    ItemKind,
    MeetingFormat,
    PanelRole,
    Recommendation,
)
from .models import PanelMember

EXAMPLE = "For example, 14 3 2026"


class MemberChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.get_full_name()}, {obj.get_role_display().lower()}"


def _members_field(label: str, queryset: QuerySet[PanelMember], **kwargs: Any) -> MemberChoice:
    return MemberChoice(queryset=queryset, widget=forms.CheckboxSelectMultiple, label=label, **kwargs)


class MemberForm(ServiceForm):
    submit_label = "Add to the central list"
    user = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Who",
        help_text="Staff, or an independent member with their own login",
        error_messages={"required": "Choose who joins the panel"},
    )
    role = forms.ChoiceField(
        choices=PanelRole.choices,
        widget=forms.RadioSelect,
        label="Role on the panel",
        error_messages={"required": "Choose their role on the panel"},
    )
    joined_on = DateInputField(label="Joined the panel on", help_text=EXAMPLE)

    def __init__(self, *args: Any, users: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users  # type: ignore[attr-defined]


class LeaveForm(ServiceForm):
    submit_label = "Record that they left"
    left_on = DateInputField(label="Left the panel on", help_text=EXAMPLE)


class AppraisalForm(ServiceForm):
    submit_label = "Record the appraisal"
    held_on = DateInputField(label="Date of the appraisal", help_text=EXAMPLE)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Summary",
        error_messages={"required": "Summarise the appraisal"},
    )


class TrainingForm(ServiceForm):
    submit_label = "Record the training"
    attended_on = DateInputField(label="Date attended", help_text=EXAMPLE)
    course = forms.CharField(max_length=200, label="Course", error_messages={"required": "Enter the course"})


class MeetingForm(ServiceForm):
    submit_label = "Plan the meeting"
    meets_on = DateInputField(label="Date of the meeting", help_text=EXAMPLE)
    starts_at = forms.TimeField(
        label="Start time",
        help_text="For example, 10:00",
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": "Enter the start time", "invalid": "Enter a time like 10:00"},
    )
    format = forms.ChoiceField(
        choices=MeetingFormat.choices,
        widget=forms.RadioSelect,
        label="Format",
        error_messages={"required": "Choose how the panel meets"},
    )
    venue = forms.CharField(
        max_length=200,
        label="Where",
        help_text="A room, or the online meeting",
        error_messages={"required": "Enter where the panel meets (a room, or the online meeting)"},
    )


class InviteForm(VersionedForm, ServiceForm):
    submit_label = "Save who is invited"

    def __init__(self, *args: Any, members: QuerySet[PanelMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"] = _members_field(
            "Members invited (they receive the papers)", members, required=False
        )


class PapersSentForm(ServiceForm):
    submit_label = "Record the papers as sent"
    sent_on = DateInputField(label="Papers sent to members on", help_text=EXAMPLE)


class HeldForm(ServiceForm):
    submit_label = "Record the meeting as held"

    def __init__(self, *args: Any, members: QuerySet[PanelMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attended"] = _members_field(
            "Who attended", members, error_messages={"required": "Select the members who attended"}
        )


class CancelForm(ServiceForm):
    submit_label = "Cancel the meeting"
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Why is the meeting cancelled?",
        error_messages={"required": "Give the reason the meeting is cancelled"},
    )


class ItemForm(ServiceForm):
    submit_label = "Add to the agenda"
    case = forms.ChoiceField(label="Case", error_messages={"required": "Choose the case"})
    supervising_social_worker = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Supervising social worker on approval (optional)",
        help_text="The household is handed to them if approved; otherwise to the assessing social worker",
    )

    def __init__(
        self,
        *args: Any,
        cases: list[tuple[str, list[tuple[str, str]]]],
        workers: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", "Choose a case ready for panel"), *cases]  # type: ignore[attr-defined]
        self.fields["supervising_social_worker"].queryset = workers  # type: ignore[attr-defined]


class ConflictForm(ServiceForm):
    submit_label = "Record the conflict"
    member = forms.ModelChoiceField(
        queryset=PanelMember.objects.none(), label="Member", error_messages={"required": "Choose the member"}
    )
    nature = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What the conflict of interest is",
        error_messages={"required": "Say what the conflict of interest is"},
    )

    def __init__(self, *args: Any, members: QuerySet[PanelMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


class SittingForm(VersionedForm, ServiceForm):
    submit_label = "Save who sat"

    def __init__(self, *args: Any, members: QuerySet[PanelMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"] = _members_field(
            "Members sitting for this item",
            members,
            help_text="A member who declared a conflict of interest for the item does not sit for it",
            error_messages={"required": "Select the members sitting for this item"},
        )


def _optional_number(label: str, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=25,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
        **kwargs,
    )


class RecommendationForm(ServiceForm):
    submit_label = "Record the recommendation"
    recommendation = forms.ChoiceField(
        widget=forms.RadioSelect,
        label="The panel's recommendation",
        error_messages={"required": "Choose the panel's recommendation"},
    )
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Reasons",
        error_messages={"required": "Give the panel's reasons"},
    )
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), required=False, label="Minutes")
    number_of_children = _optional_number("Terms: number of children", help_text="To approve")
    age_min = _optional_number("Terms: youngest age")
    age_max = _optional_number("Terms: oldest age")
    placement_types = forms.MultipleChoiceField(
        choices=PlacementType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Terms: placement types",
    )
    sibling_group_max = _optional_number("Terms: largest sibling group", initial=1)

    def __init__(self, *args: Any, kind: ItemKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].choices = [(r.value, r.label) for r in ALLOWED[kind]]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("age_min") is not None
            and data.get("age_max") is not None
            and data["age_min"] > data["age_max"]
        ):
            self.add_error("age_min", "The youngest age must not be above the oldest age")
        return data


class FeedbackForm(ServiceForm):
    submit_label = "Record the feedback"
    given_by = forms.ChoiceField(
        choices=FeedbackFrom.choices,
        widget=forms.RadioSelect,
        label="Feedback from",
        error_messages={"required": "Choose who gave the feedback"},
    )
    rating = forms.TypedChoiceField(
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        label="How was their experience of panel?",
        error_messages={"required": "Choose a rating from 1 to 5"},
    )
    comments = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False, label="Comments")


class DecisionForm(ServiceForm):
    submit_label = "Record the decision"
    agrees = forms.TypedChoiceField(
        choices=[("yes", "Agree with the recommendation"), ("no", "Differ from the recommendation")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label="Decision",
        error_messages={"required": "Say whether you agree with the recommendation"},
    )
    outcome = forms.ChoiceField(
        widget=forms.RadioSelect,
        required=False,
        label="If you differ: your decision",
    )
    decided_on = DateInputField(label="Date of the decision", help_text=EXAMPLE)
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        label="Reasons",
        help_text="Needed when you differ from the recommendation",
    )

    def __init__(self, *args: Any, kind: ItemKind, recommended: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [  # type: ignore[attr-defined]
            (r.value, r.label) for r in ALLOWED[kind] if r in DECIDED_BY_ADM and r != recommended
        ]


class DeterminationForm(ServiceForm):
    submit_label = "Save"
    letter_sent_on = DateInputField(label="Letter sent to the applicant or carer on", help_text=EXAMPLE)
    challenge = forms.ChoiceField(
        choices=Challenge.choices,
        widget=forms.RadioSelect,
        required=False,
        label="Representations or Independent Review Mechanism (when known)",
    )
    challenge_outcome = forms.ChoiceField(
        choices=ChallengeOutcome.choices,
        widget=forms.RadioSelect,
        required=False,
        label="Outcome of the panel's or the IRM's review (optional)",
    )
    challenge_outcome_on = DateInputField(
        label="Date of the review's recommendation (optional)", required=False
    )
    final_outcome = forms.ChoiceField(
        widget=forms.RadioSelect, required=False, label="Final decision (when made)"
    )
    final_decided_on = DateInputField(label="Date of the final decision (optional)", required=False)
    final_reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Reasons for the final decision"
    )

    def __init__(self, *args: Any, kind: ItemKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["final_outcome"].choices = [  # type: ignore[attr-defined]
            (r.value, r.label) for r in ALLOWED[kind] if r in DECIDED_BY_ADM
        ]


RECOMMENDATION_LABELS = dict(Recommendation.choices)
