from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from fostering.accounts.models import User
from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm

from .choices import (
    TRANSITIONS,
    HouseholdStatus,
    PlacementType,
    ResignationReason,
    ReviewKind,
    ReviewRecommendation,
    ViewSource,
    WouldRecommend,
)


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
    recommendation = forms.ChoiceField(
        choices=ReviewRecommendation.choices,
        widget=forms.RadioSelect,
        label="The reviewing officer's recommendation",
        error_messages={"required": "Choose the recommendation"},
        help_text="First reviews and reviews following concerns go to panel whatever the recommendation.",
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
    resignation_reason = forms.ChoiceField(
        choices=[("", "Not resigning"), *ResignationReason.choices],
        required=False,
        label="Reason for resigning",
        help_text="Needed when the household resigns",
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


def review_label(review: Any) -> str:
    return f"{review.get_kind_display()} on {review.held_on.day} {review.held_on:%B %Y}"


def _member_choice(field: forms.ModelChoiceField, members: Any) -> None:
    field.queryset = members
    field.label_from_instance = lambda m: f"{m.person} ({m.get_role_display()})"  # type: ignore[method-assign,assignment]


class AllocateForm(ServiceForm):
    submit_label = "Allocate"
    social_worker = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Supervising social worker",
        error_messages={"required": "Choose the supervising social worker"},
    )

    def __init__(self, *args: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["social_worker"].queryset = workers  # type: ignore[attr-defined]


class ReviewViewForm(ServiceForm):
    submit_label = "Record the views"
    source = forms.ChoiceField(
        choices=ViewSource.choices,
        widget=forms.RadioSelect,
        label="Whose views are these?",
        error_messages={"required": "Choose whose views these are"},
    )
    given_by = forms.CharField(
        max_length=200, label="Name of the person", error_messages={"required": "Enter who gave the views"}
    )
    given_on = DateInputField(label="Date the views were given", help_text="For example, 14 3 2026")
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Their views",
        error_messages={"required": "Enter a summary of their views"},
    )


class SupportPlanForm(ServiceForm):
    submit_label = "Save the plan"
    agreed_on = DateInputField(label="Date agreed", help_text="For example, 14 3 2026")
    review: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        required=False,
        label="After which review (leave empty for a revisit of the plan)",
    )
    training_needs = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Training the carers need",
        error_messages={"required": "Enter the training the carers need"},
    )
    support = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Support agreed"
    )

    def __init__(self, *args: Any, reviews: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["review"].queryset = reviews  # type: ignore[attr-defined]
        self.fields["review"].label_from_instance = review_label  # type: ignore[attr-defined]


class TrainingForm(ServiceForm):
    submit_label = "Record the course"
    member: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        label="Carer",
        error_messages={"required": "Choose the carer"},
    )
    course = forms.CharField(max_length=200, error_messages={"required": "Enter the name of the course"})
    attended_on = DateInputField(label="Date of the course", help_text="For example, 14 3 2026")
    hours = forms.DecimalField(
        min_value=Decimal("0.5"),
        max_value=Decimal("200"),
        decimal_places=1,
        label="Hours",
        error_messages={"required": "Enter the hours of the course"},
    )
    provider = forms.CharField(max_length=200, required=False, label="Provider (optional)")

    def __init__(self, *args: Any, carers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _member_choice(self.fields["member"], carers)  # type: ignore[arg-type]


class TsdForm(ServiceForm):
    submit_label = "Record the TSD standards"
    member: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        label="Carer",
        error_messages={"required": "Choose the carer"},
    )
    completed_on = DateInputField(label="Date completed", help_text="For example, 14 3 2026")

    def __init__(self, *args: Any, carers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _member_choice(self.fields["member"], carers)  # type: ignore[arg-type]


class MemberLeaveForm(ServiceForm):
    submit_label = "Record that they left"
    member: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        label="Who left the household",
        error_messages={"required": "Choose who left"},
    )
    left_on = DateInputField(label="Date they left", help_text="For example, 14 3 2026")

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _member_choice(self.fields["member"], members)  # type: ignore[arg-type]


class ExitInterviewForm(ServiceForm):
    submit_label = "Save the exit interview"
    offered_on = DateInputField(label="Date offered", help_text="For example, 14 3 2026")
    held_on = DateInputField(label="Date held (leave empty if not held)", required=False)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, label="What they said"
    )
    would_recommend = forms.ChoiceField(
        choices=WouldRecommend.choices,
        widget=forms.RadioSelect,
        required=False,
        label="Would they recommend fostering?",
    )
