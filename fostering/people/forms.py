from __future__ import annotations

from typing import Any

from django import forms

from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm
from fostering.core.validators import validate_postcode
from fostering.core.versions import VersionedForm

from .choices import (
    CheckKind,
    CheckOutcome,
    Disability,
    Ethnicity,
    GenderIdentity,
    MemberRole,
    RelationshipStatus,
    Religion,
    Sex,
    SexualOrientation,
)
from .models import HouseholdMember


class PersonForm(ServiceForm):
    first_name = forms.CharField(max_length=100, error_messages={"required": "Enter a first name"})
    last_name = forms.CharField(max_length=100, error_messages={"required": "Enter a last name"})
    preferred_name = forms.CharField(max_length=100, required=False, label="Preferred name (optional)")
    date_of_birth = DateInputField(
        label="Date of birth", required=False, help_text="For example, 27 3 1980. Leave blank if not known."
    )
    sex = forms.ChoiceField(choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.UNKNOWN)
    ethnicity = forms.ChoiceField(choices=Ethnicity.choices, initial=Ethnicity.NOBT)
    religion = forms.ChoiceField(choices=Religion.choices, initial=Religion.NOT_KNOWN)
    first_language = forms.CharField(max_length=60, required=False, initial="English")
    disability = forms.ChoiceField(
        choices=Disability.choices, widget=forms.RadioSelect, initial=Disability.NOT_KNOWN, label="Disability"
    )
    disability_details = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="About the disability (optional)"
    )
    email = forms.EmailField(
        required=False,
        label="Email address (optional)",
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    phone = forms.CharField(max_length=30, required=False, label="Phone number (optional)")


class PersonEditForm(VersionedForm, PersonForm):
    """A person's details as saved, to change: refused if someone saved them after it was read."""


class MemberForm(PersonForm):
    """A new member of a household: who they are, how they belong, and since when."""

    submit_label = "Add to the household"
    role = forms.ChoiceField(choices=MemberRole.choices, widget=forms.RadioSelect, label="How they belong")
    joined_on = DateInputField(label="Living in the household since", help_text="For example, 1 9 2019")

    def split(self) -> tuple[dict[str, Any], dict[str, Any]]:
        data = dict(self.cleaned_data)
        membership = {"role": MemberRole(data.pop("role")), "joined_on": data.pop("joined_on")}
        return data, membership


class CheckForm(ServiceForm):
    submit_label = "Record the check"
    member = forms.ModelChoiceField(
        queryset=HouseholdMember.objects.none(),
        label="Who the check is for",
        error_messages={"required": "Choose who the check is for"},
    )
    kind = forms.ChoiceField(choices=CheckKind.choices, label="Check")
    requested_on = DateInputField(label="Date requested", help_text="For example, 3 2 2025")
    received_on = DateInputField(label="Date received (optional)", required=False)
    outcome = forms.ChoiceField(
        choices=CheckOutcome.choices, widget=forms.RadioSelect, initial=CheckOutcome.PENDING
    )
    reference = forms.CharField(
        max_length=60,
        required=False,
        label="Reference (optional)",
        help_text="For example, the DBS certificate number",
    )
    expires_on = DateInputField(label="Expires on (optional)", required=False)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]
        self.fields["member"].label_from_instance = lambda m: f"{m.person} ({m.get_role_display()})"  # type: ignore[attr-defined]


class AddressForm(ServiceForm):
    submit_label = "Save the address"
    line_1 = forms.CharField(
        max_length=200, label="Address line 1", error_messages={"required": "Enter address line 1"}
    )
    line_2 = forms.CharField(max_length=200, required=False, label="Address line 2 (optional)")
    town = forms.CharField(
        max_length=100, label="Town or city", error_messages={"required": "Enter the town or city"}
    )
    county = forms.CharField(max_length=100, required=False, label="County (optional)")
    postcode = forms.CharField(
        max_length=8,
        validators=[validate_postcode],
        error_messages={"required": "Enter the postcode"},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    moved_on = DateInputField(label="Living here since", help_text="For example, 1 9 2019")


class EqualityMonitoringForm(ServiceForm):
    """The equality questions, asked only once the person agrees to the answers being held."""

    submit_label = "Save the answers"
    consented_on = DateInputField(
        label="Date they agreed to these answers being held",
        help_text="The answers are counted, without names, in Ofsted's collection. For example, 3 11 2026",
    )
    sexual_orientation = forms.ChoiceField(
        label="Sexual orientation", choices=SexualOrientation.choices, widget=forms.RadioSelect
    )
    gender_identity = forms.ChoiceField(
        label="Is their gender the same as the sex registered at birth?",
        choices=GenderIdentity.choices,
        widget=forms.RadioSelect,
    )
    relationship_status = forms.ChoiceField(
        label="Relationship status", choices=RelationshipStatus.choices, widget=forms.RadioSelect
    )
    sex_not_said = forms.BooleanField(label="They prefer not to say their sex", required=False)
    disability_not_said = forms.BooleanField(
        label="They prefer not to say whether they are disabled", required=False
    )
