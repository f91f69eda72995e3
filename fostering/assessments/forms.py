from __future__ import annotations

from typing import Any

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.db.models import QuerySet

from fostering.accounts.models import User
from fostering.core.forms import ServiceForm
from fostering.core.validators import validate_postcode
from fostering.core.versions import VersionedForm
from fostering.people.choices import MemberRole
from fostering.people.forms import CheckForm, MemberForm
from fostering.people.models import Household

from .choices import MAIN_LINE, TRANSITIONS, AssessmentKind, Stage, WithdrawalReason

EXAMPLE = "For example, 14 3 2026"

__all__ = ["AssessmentCheckForm", "AssessmentMemberForm"]

AssessmentCheckForm = CheckForm


class AssessmentMemberForm(MemberForm):
    """Another member of the applicants' household (applicants are recorded with the application)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, r.label) for r in MemberRole if r != MemberRole.CARER]  # type: ignore[attr-defined]


class ApplicationForm(ServiceForm):
    submit_label = "Start the assessment"
    kind = forms.ChoiceField(
        widget=forms.RadioSelect,
        label="Kind of assessment",
        error_messages={"required": "Choose the kind of assessment"},
    )
    household = forms.ModelChoiceField(
        queryset=Household.objects.none(),
        required=False,
        label="A household already on record (optional)",
        help_text="Leave blank to record a new household and its applicants below",
    )
    household_name = forms.CharField(
        max_length=200,
        required=False,
        label="Household name",
        help_text="For example, Patel household",
    )
    line_1 = forms.CharField(max_length=200, required=False, label="Address line 1 (optional)")
    town = forms.CharField(max_length=100, required=False, label="Town or city (optional)")
    postcode = forms.CharField(
        max_length=8, required=False, label="Postcode (optional)", validators=[validate_postcode]
    )
    applicant_1_first_name = forms.CharField(
        max_length=100, required=False, label="First applicant: first name"
    )
    applicant_1_last_name = forms.CharField(
        max_length=100, required=False, label="First applicant: last name"
    )
    applicant_1_date_of_birth = DateInputField(
        label="First applicant: date of birth", required=False, help_text="For example, 27 3 1980"
    )
    applicant_2_first_name = forms.CharField(
        max_length=100, required=False, label="Second applicant: first name (optional)"
    )
    applicant_2_last_name = forms.CharField(
        max_length=100, required=False, label="Second applicant: last name (optional)"
    )
    applicant_2_date_of_birth = DateInputField(
        label="Second applicant: date of birth (optional)", required=False
    )
    assessing_social_worker = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="Assessing social worker (optional)"
    )
    application_accepted_on = DateInputField(label="Application accepted on", help_text=EXAMPLE)
    target_panel_on = DateInputField(
        label="Target panel date (optional)",
        required=False,
        help_text="Left blank, the kind's target is used",
    )
    previous_agency = forms.CharField(
        max_length=200,
        required=False,
        label="Transferring from (fast track only)",
        help_text="The independent fostering agency or council they foster for now",
    )

    def __init__(
        self,
        *args: Any,
        kinds: list[AssessmentKind],
        workers: QuerySet[User],
        households: QuerySet[Household],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households  # type: ignore[attr-defined]
        self.fields["kind"].choices = [(k.value, k.label) for k in kinds]  # type: ignore[attr-defined]
        self.fields["assessing_social_worker"].queryset = workers  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        second = [data.get(f"applicant_2_{f}") for f in ("first_name", "last_name", "date_of_birth")]
        if data.get("household") is None:
            if not data.get("household_name"):
                self.add_error(
                    "household_name", "Choose a household on record, or enter the new household's name"
                )
            if not data.get("applicant_1_first_name"):
                self.add_error("applicant_1_first_name", "Enter the first applicant's first name")
            if not data.get("applicant_1_last_name"):
                self.add_error("applicant_1_last_name", "Enter the first applicant's last name")
            if not data.get("applicant_1_date_of_birth") and "applicant_1_date_of_birth" not in self.errors:
                self.add_error("applicant_1_date_of_birth", "Enter the first applicant's date of birth")
        if any(second) and not all(second):
            self.add_error(
                "applicant_2_first_name", "Enter the second applicant's names and date of birth, or none"
            )
        return data

    def service_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        applicants = []
        for n in (1, 2):
            person = {f: data.pop(f"applicant_{n}_{f}") for f in ("first_name", "last_name", "date_of_birth")}
            if person["first_name"]:
                applicants.append(person)
        data["applicants"] = applicants
        data["kind"] = AssessmentKind(data["kind"])
        return data


class SkillsToFosterForm(VersionedForm, ServiceForm):
    submit_label = "Save Skills to Foster"
    booked_on = DateInputField(label="Course date booked (optional)", required=False, help_text=EXAMPLE)
    attended_on = DateInputField(label="Attended on (optional)", required=False)


class MentorForm(VersionedForm, ServiceForm):
    submit_label = "Save the mentor"
    mentor_name = forms.CharField(max_length=200, required=False, label="Mentor (an experienced carer)")
    offered_on = DateInputField(label="Mentor offered on", help_text=EXAMPLE)
    accepted_on = DateInputField(label="Accepted on (optional)", required=False)


class SessionForm(ServiceForm):
    submit_label = "Record the session"
    held_on = DateInputField(label="Date of the session", help_text=EXAMPLE)
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, label="Notes of the session"
    )


class AgreementForm(VersionedForm, ServiceForm):
    submit_label = "Save the agreement"
    signed_on = DateInputField(label="Agreement signed on", help_text=EXAMPLE)
    target_panel_on = DateInputField(label="Target panel date", help_text="As written in the agreement")


class PreviousAgencyReferenceForm(ServiceForm):
    submit_label = "Save the reference"
    received_on = DateInputField(label="Reference received on", help_text=EXAMPLE)


class SafeguardingCourseForm(ServiceForm):
    submit_label = "Save the course"
    completed_on = DateInputField(label="Online safeguarding course completed on", help_text=EXAMPLE)


class StageChangeForm(ServiceForm):
    submit_label = "Change the stage"
    to_stage = forms.ChoiceField(
        widget=forms.RadioSelect, label="Move to", error_messages={"required": "Choose the stage to move to"}
    )
    changed_on = DateInputField(label="From", help_text=EXAMPLE)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Notes (optional)"
    )

    def __init__(self, *args: Any, current: Stage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[current]
        self.fields["to_stage"].choices = [(s.value, s.label) for s in MAIN_LINE if s in allowed]  # type: ignore[attr-defined]


class HoldForm(ServiceForm):
    """Put on hold (a reason is needed) or, when on hold, resume."""

    changed_on = DateInputField(label="From", help_text=EXAMPLE)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Reason")

    def __init__(self, *args: Any, resuming: bool, **kwargs: Any) -> None:
        self.submit_label = "Resume the assessment" if resuming else "Put on hold"
        super().__init__(*args, **kwargs)
        if resuming:
            self.fields["reason"].label = "Notes (optional)"


class WithdrawForm(ServiceForm):
    submit_label = "Record the withdrawal"
    withdrawal_reason = forms.ChoiceField(
        choices=WithdrawalReason.choices,
        widget=forms.RadioSelect,
        label="Reason code",
        error_messages={"required": "Choose the reason code (AW0 to AW5)"},
    )
    changed_on = DateInputField(label="Withdrew on", help_text=EXAMPLE)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="What they said")


class AllocateForm(ServiceForm):
    submit_label = "Allocate"
    social_worker = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Assessing social worker",
        error_messages={"required": "Choose the assessing social worker"},
    )

    def __init__(self, *args: Any, workers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["social_worker"].queryset = workers  # type: ignore[attr-defined]
