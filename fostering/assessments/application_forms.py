"""The forms of the application's sections: each reads one section (or one row of a section) and gives its
answers as JSON (text, "YYYY-MM-DD" for a date, "YYYY-MM" for a month, true/false for a tick).

Built with ``complete=False`` every field is optional (a section saved part done); with ``complete=True``
(sending it) each field is as required as it says. ``data_from`` turns saved answers back into form data, so
the service validates what it is given through the same form.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from crispy_forms_gds.helper import FormHelper
from django import forms

from fostering.core import clock
from fostering.core.fields import DateInputField, MonthInputField

YES_NO = [("yes", "Yes"), ("no", "No")]
DATE_HINT = "For example, 27 3 1985"
MONTH_HINT = "For example, 3 2021"


class AnswersForm(forms.Form):
    """One section's (or one row's) fields, read into JSON answers."""

    # a row form: the field that names the row in the summary (e.g. an address's first line)
    title_field: ClassVar[str] = ""

    def __init__(self, *args: Any, complete: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.complete = complete
        for field in self.fields.values():
            if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                label = str(field.label or "an answer")
                field.error_messages["required"] = f"Enter {label[0].lower()}{label[1:]}"
        if not complete:
            for field in self.fields.values():
                field.required = False

    @classmethod
    def data_from(cls, answers: dict[str, Any], prefix: str | None = None) -> dict[str, Any]:
        """Form data (as a browser would post it) for saved answers."""
        data: dict[str, Any] = {}
        for name, field in cls.base_fields.items():
            key = f"{prefix}-{name}" if prefix else name
            value = answers.get(name)
            if value in (None, ""):
                continue
            if isinstance(field, MonthInputField):
                year, month = str(value).split("-")[:2]
                data[f"{key}_0"], data[f"{key}_1"] = str(int(month)), year
            elif isinstance(field, DateInputField):
                year, month, day = str(value).split("-")
                data[f"{key}_0"], data[f"{key}_1"], data[f"{key}_2"] = str(int(day)), str(int(month)), year
            elif isinstance(field, forms.BooleanField):
                if value:
                    data[key] = "on"
            else:
                data[key] = str(value)
        return data

    def answers(self) -> dict[str, Any]:
        """The cleaned data as JSON answers (empty fields left out)."""
        out: dict[str, Any] = {}
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, "", False) and not isinstance(field, forms.BooleanField):
                continue
            if isinstance(field, MonthInputField) and isinstance(value, date):
                out[name] = f"{value:%Y-%m}"
            elif isinstance(value, date):
                out[name] = value.isoformat()
            elif isinstance(field, forms.BooleanField):
                if value:
                    out[name] = True
            else:
                out[name] = str(value).strip()
        return out


def _text(label: str, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=kwargs.pop("max_length", 200), **kwargs)


def _yes_no(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=YES_NO, widget=forms.RadioSelect, error_messages={"required": "Select yes or no"}
    )


class PersonalForm(AnswersForm):
    previous_names = _text("Any other names you have been known by", required=False)
    date_of_birth = DateInputField(label="Date of birth", help_text=DATE_HINT)
    place_of_birth = _text("Place of birth")
    nationality = _text("Nationality")
    national_insurance_number = _text("National Insurance number", max_length=13)
    phone = _text("Phone number", max_length=30)
    email = forms.EmailField(label="Email address")
    first_language = _text("First language", required=False)


class AddressForm(AnswersForm):
    title_field = "line_1"
    line_1 = _text("Address line 1")
    town = _text("Town or city")
    postcode = _text("Postcode", max_length=10)
    lived_from = MonthInputField(label="Lived here from", help_text=MONTH_HINT)
    lived_to = MonthInputField(
        label="Lived here until (optional)", required=False, help_text="Leave blank if you live here now"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("lived_from"), data.get("lived_to")
        if start and end and end < start:
            self.add_error(
                "lived_to", "The month you left must be the same as or after the month you moved in"
            )
        if start and start > clock.today():
            self.add_error("lived_from", "The month you moved in must be this month or before")
        return data


class GPForm(AnswersForm):
    practice = _text("GP practice name")
    doctor = _text("Doctor's name", required=False)
    address = _text("Practice address", max_length=400)
    phone = _text("Practice phone number", max_length=30)


class EmployerForm(AnswersForm):
    title_field = "employer"
    employer = _text("Employer")
    job_title = _text("Job title")
    address = _text("Employer's address", max_length=400)
    phone = _text("Employer's phone number", max_length=30, required=False)
    worked_from = MonthInputField(label="Worked there from", help_text=MONTH_HINT)
    worked_to = MonthInputField(
        label="Worked there until (optional)", required=False, help_text="Leave blank if you work there now"
    )


class RefereeForm(AnswersForm):
    title_field = "name"
    name = _text("Referee's full name")
    relationship = _text("How they know you")
    years_known = forms.IntegerField(label="Years known", min_value=0, max_value=99)
    phone = _text("Phone number", max_length=30)
    email = forms.EmailField(label="Email address")
    address = _text("Address", max_length=400)


class HouseholdMemberForm(AnswersForm):
    title_field = "name"
    name = _text("Full name")
    relationship = _text("Relationship to you")
    date_of_birth = DateInputField(label="Date of birth", help_text=DATE_HINT)


class ChildElsewhereForm(AnswersForm):
    title_field = "name"
    name = _text("Full name")
    date_of_birth = DateInputField(label="Date of birth", help_text=DATE_HINT)
    lives_with = _text("Who they live with, and where", max_length=400)


class PetForm(AnswersForm):
    title_field = "animal"
    animal = _text("Kind of animal")
    how_many = forms.IntegerField(label="How many", min_value=1, max_value=99)
    notes = _text("Anything we should know (optional)", required=False, max_length=400)


class HealthForm(AnswersForm):
    long_term_condition = _yes_no("Do you have a long-term health condition or disability?")
    medication = _yes_no("Do you take medication regularly?")
    mental_health = _yes_no("Have you been treated for a mental health condition?")
    smoker = _yes_no("Do you or anyone in your household smoke or vape?")
    details = forms.CharField(
        label="Tell us more about any answer of yes (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        asked = ("long_term_condition", "medication", "mental_health")
        said_yes = any(data.get(name) == "yes" for name in asked)
        if self.complete and said_yes and not (data.get("details") or "").strip():
            self.add_error("details", "Tell us more about the answers of yes")
        return data


class ConsentForm(AnswersForm):
    checks = forms.BooleanField(
        label="I agree to the service carrying out the checks of an assessment (DBS, local authority, "
        "health and references)",
        error_messages={"required": "Tick to agree to the checks"},
    )
    medical = forms.BooleanField(
        label="I agree to my GP sending the service a report on my health",
        error_messages={"required": "Tick to agree to the health report"},
    )
    signed_name = _text("Your full name, as your signature")
