from __future__ import annotations

from crispy_forms_gds.fields import DateInputField
from django import forms

from fostering.core.forms import ServiceForm

from .choices import Disability, Ethnicity, Religion, Sex


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
