from __future__ import annotations

from typing import Any

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.db.models import QuerySet

from fostering.accounts.models import User
from fostering.accounts.roles import Role
from fostering.core.forms import ServiceForm
from fostering.core.versions import VersionedForm
from fostering.people.forms import PersonForm

from .codes import CategoryOfNeed, LegalStatusCode, ReasonCareEnded, ReviewParticipation, RiskItem
from .models import Child
from .upn import validate_upn

CHILD_ONLY_FIELDS = ["child_id", "upn", "social_worker", "uasc"]


class ChildForm(PersonForm):
    child_id = forms.CharField(
        label="Child ID",
        max_length=10,
        help_text="The council's identifier for the child in the SSDA903 return",
        error_messages={"required": "Enter the child ID"},
    )
    upn = forms.CharField(
        label="Unique pupil number (optional)",
        max_length=13,
        required=False,
        validators=[validate_upn],
        help_text="13 characters, for example A123456789012",
    )
    social_worker = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="Child's social worker (optional)"
    )
    uasc = forms.BooleanField(label="Unaccompanied asylum-seeking child", required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["social_worker"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__organisation_id=organisation_id,
            memberships__role=Role.CHILDS_SOCIAL_WORKER,
            memberships__ended_on__isnull=True,
        ).distinct()
        for name in ["email", "phone"]:
            del self.fields[name]

    def clean_upn(self) -> str:
        return self.cleaned_data["upn"].strip().upper()

    def split(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(person values, child values) from the cleaned data."""
        data = dict(self.cleaned_data)
        child = {name: data.pop(name) for name in CHILD_ONLY_FIELDS}
        return data, child


DATE_HINT = "For example, 6 1 2026"


def _date(label: str, required: bool = True) -> DateInputField:
    return DateInputField(label=label, help_text=DATE_HINT, required=required)


class ChildEditForm(VersionedForm, ChildForm):
    """A child's details as saved, to change: refused if someone saved them after it was read."""


class NeedsForm(VersionedForm, ServiceForm):
    submit_label = "Save"
    home_postcode = forms.CharField(
        label="Home postcode (optional)",
        max_length=8,
        required=False,
        help_text="Where the child lived before care",
    )
    school_postcode = forms.CharField(label="School postcode (optional)", max_length=8, required=False)
    needs = forms.CharField(
        label="Needs (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Health, education, emotional and behavioural needs",
    )
    communication_needs = forms.CharField(
        label="Communication needs (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    cultural_needs = forms.CharField(
        label="Cultural, religious and language needs (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    risks = forms.MultipleChoiceField(
        choices=RiskItem.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Risks known to be present",
        help_text="Leave a risk unticked when there is no known risk",
    )
    what_carers_need_to_know = forms.CharField(
        label="What the carers need to know (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    what_child_needs_to_know = forms.CharField(
        label="What the child needs to know (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="About the carers and their home, before the move",
    )


class ChildChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.person.full_name} ({obj.child_id})"


class SiblingsForm(VersionedForm, ServiceForm):
    submit_label = "Save the siblings"
    siblings = ChildChoiceField(
        queryset=Child.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Brothers and sisters",
        help_text="Leave all unticked if the child has no brothers or sisters we look after",
    )
    live_together = forms.BooleanField(label="The plan is for them to live together", required=False)

    def __init__(self, *args: Any, choices: QuerySet[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["siblings"].queryset = choices  # type: ignore[attr-defined]


class CareStartForm(ServiceForm):
    submit_label = "Record the start of care"
    started_on = _date("Date the child started to be looked after")
    category_of_need = forms.ChoiceField(
        choices=CategoryOfNeed.choices,
        widget=forms.RadioSelect,
        label="Category of need",
        error_messages={"required": "Choose the category of need"},
    )
    legal_status = forms.ChoiceField(
        choices=[("", "Choose the legal status"), *LegalStatusCode.choices],
        label="Legal status",
        error_messages={"required": "Choose the legal status"},
    )


class CareEndForm(ServiceForm):
    submit_label = "Record the end of care"
    ended_on = _date("Date care ended")
    reason_ended = forms.ChoiceField(
        choices=[("", "Choose the reason"), *ReasonCareEnded.choices],
        label="Reason care ended",
        help_text="The current placement and legal status end the same day. Staying Put (E17) keeps the young "
        "person with the same carers.",
        error_messages={"required": "Choose why care ended"},
    )


class LegalStatusForm(ServiceForm):
    submit_label = "Record the legal status"
    code = forms.ChoiceField(
        choices=[("", "Choose the legal status"), *LegalStatusCode.choices],
        label="New legal status",
        error_messages={"required": "Choose the legal status"},
    )
    started_on = _date("From")


class ReviewForm(ServiceForm):
    submit_label = "Record the review"
    held_on = _date("Date of the review")
    participation = forms.ChoiceField(
        choices=ReviewParticipation.choices,
        widget=forms.RadioSelect,
        label="How the child took part",
        error_messages={"required": "Choose how the child took part"},
    )
