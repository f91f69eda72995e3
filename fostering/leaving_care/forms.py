from __future__ import annotations

from typing import Any

from django import forms

from fostering.accounts.models import User
from fostering.accounts.roles import Role
from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm

from .codes import ACCOMMODATION_CHOICES, Activity, ContactMethod, InTouch
from .models import BIRTHDAY_AGES

DATE_HINT = "For example, 6 1 2026"


def _date(label: str) -> DateInputField:
    return DateInputField(label=label, help_text=DATE_HINT)


def _advisers(organisation_id: int) -> Any:
    return (
        User.objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__role=Role.PERSONAL_ADVISER,
            memberships__ended_on__isnull=True,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


class CareLeaverForm(ServiceForm):
    submit_label = "Record as a care leaver"
    recorded_on = _date("From when the council supports the young person as a care leaver")
    personal_adviser = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="Personal adviser (optional)"
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["personal_adviser"].queryset = _advisers(organisation_id)  # type: ignore[attr-defined]


class AdviserForm(ServiceForm):
    submit_label = "Allocate"
    personal_adviser = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Personal adviser",
        error_messages={"required": "Choose the personal adviser"},
    )
    started_on = _date("Allocated from")

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["personal_adviser"].queryset = _advisers(organisation_id)  # type: ignore[attr-defined]


class PathwayPlanForm(ServiceForm):
    submit_label = "Record the pathway plan"
    agreed_on = _date("Date the pathway plan was agreed or reviewed")
    summary = forms.CharField(label="What the plan says (optional)", widget=forms.Textarea, required=False)


class ContactForm(ServiceForm):
    submit_label = "Record the contact"
    contacted_on = _date("Date of the contact")
    method = forms.ChoiceField(
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        label="How you were in touch",
        error_messages={"required": "Choose how you were in touch"},
    )
    note = forms.CharField(label="Note (optional)", widget=forms.Textarea, required=False)


class BirthdayContactForm(ServiceForm):
    submit_label = "Record the birthday contact"
    age = forms.TypedChoiceField(
        coerce=int,
        choices=[(age, f"{age}th birthday") for age in BIRTHDAY_AGES],
        widget=forms.RadioSelect,
        label="Which birthday",
        error_messages={"required": "Choose which birthday"},
    )
    contacted_on = _date("Date of the contact")
    in_touch = forms.ChoiceField(
        choices=InTouch.choices,
        widget=forms.RadioSelect,
        label="In touch",
        error_messages={"required": "Choose whether the council is in touch with the young person"},
    )
    activity = forms.ChoiceField(
        choices=[("", "Choose the activity"), *Activity.choices],
        label="Activity (education, employment or training)",
        error_messages={"required": "Choose the young person's activity"},
    )
    accommodation = forms.ChoiceField(
        choices=[("", "Choose the accommodation"), *ACCOMMODATION_CHOICES],
        label="Accommodation, and whether it is suitable",
        error_messages={"required": "Choose the young person's accommodation"},
    )
