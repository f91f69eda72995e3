from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.exceptions import ValidationError

from fostering.core.forms import ServiceForm
from fostering.core.phone import normalise_phone
from fostering.deadlines.calendar import LONDON

from .choices import Attendance, Channel, Decision, EventFormat, ScreeningOutcome

DATE_HINT = "For example, 14 3 2026"


class RecruitmentForm(ServiceForm):
    """A ServiceForm whose service names some fields differently (a date and a time make one moment)."""

    service_fields: dict[str, str] = {}

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            error = ValidationError(
                {
                    self.service_fields.get(field, field): errors
                    for field, errors in error.message_dict.items()
                }
            )
        super().add_service_errors(error)


def at(day: date, clock_time: time) -> datetime:
    """A date and a time of day in England as an aware datetime."""
    return datetime.combine(day, clock_time, LONDON)


def time_field(label: str, **kwargs: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text="Use the 24-hour clock, for example 16:30",
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"class": "govuk-input--width-5"}, format="%H:%M"),
        error_messages={"required": "Enter the time", "invalid": "Enter a time like 16:30"},
        **kwargs,
    )


class ContactFields(RecruitmentForm):
    first_name = forms.CharField(max_length=100, error_messages={"required": "Enter a first name"})
    last_name = forms.CharField(max_length=100, error_messages={"required": "Enter a last name"})
    email = forms.EmailField(
        required=False,
        label="Email address",
        help_text="Give an email address, a phone number or both",
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    phone = forms.CharField(max_length=30, required=False, label="Phone number")
    postcode = forms.CharField(max_length=10, required=False, label="Postcode (optional)")
    source = forms.ChoiceField(required=False, label="How did you hear about fostering with us? (optional)")
    consent_keep_in_touch = forms.BooleanField(required=False, label="I'm happy to be kept in touch")
    consent_newsletter = forms.BooleanField(
        required=False, label="Send me the 'thinking of fostering' newsletter"
    )

    def __init__(self, *args: Any, sources: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "Choose one")] + [(str(pk), name) for pk, name in sources]  # type: ignore[attr-defined]

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        return normalise_phone(phone) if phone else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("email")
            and not data.get("phone")
            and "phone" not in self.errors
            and "email" not in self.errors
        ):
            self.add_error("email", "Enter an email address or a phone number, so we can contact you")
        return data


class PublicEnquiryForm(ContactFields):
    submit_label = "Send my enquiry"


class EnquiryForm(ContactFields):
    submit_label = "Save the enquiry"
    service_fields = {"received_at": "received_on"}
    channel = forms.ChoiceField(
        choices=Channel.choices,
        widget=forms.RadioSelect,
        label="How did they get in touch?",
        error_messages={"required": "Choose how they got in touch"},
    )
    received_on = DateInputField(label="Date received", help_text=DATE_HINT)
    received_time = time_field("Time received")

    field_order = ["channel", "received_on", "received_time", "first_name", "last_name", "email", "phone"]


class ResponseForm(RecruitmentForm):
    submit_label = "Record the response"
    service_fields = {"responded_at": "responded_on"}
    responded_on = DateInputField(label="Date of the response", help_text=DATE_HINT)
    responded_time = time_field("Time of the response")
    channel = forms.ChoiceField(
        choices=Channel.choices,
        widget=forms.RadioSelect,
        label="How did you make contact?",
        error_messages={"required": "Choose how you made contact"},
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Notes (optional)"
    )


class ScreeningCallForm(RecruitmentForm):
    submit_label = "Record the screening call"
    called_on = DateInputField(label="Date of the screening call", help_text=DATE_HINT)
    outcome = forms.ChoiceField(
        choices=ScreeningOutcome.choices,
        widget=forms.RadioSelect,
        label="Outcome",
        error_messages={"required": "Choose the outcome"},
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Notes (optional)"
    )


class VisitOfferForm(RecruitmentForm):
    submit_label = "Record the offer"
    offered_on = DateInputField(label="Date the visit was offered", help_text=DATE_HINT)
    worker = forms.ChoiceField(
        label="Worker who will visit", error_messages={"required": "Choose the worker"}
    )

    def __init__(self, *args: Any, workers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = [("", "Choose a worker")] + [(str(pk), n) for pk, n in workers]  # type: ignore[attr-defined]


class InitialVisitForm(RecruitmentForm):
    submit_label = "Record the visit"
    visited_on = DateInputField(label="Date of the initial visit", help_text=DATE_HINT)
    record_written_on = DateInputField(
        label="Date the visit record was written (optional)",
        required=False,
        help_text="Leave blank until the record is written",
    )


class DecisionForm(RecruitmentForm):
    submit_label = "Record the decision"
    decision = forms.ChoiceField(
        choices=Decision.choices,
        widget=forms.RadioSelect,
        label="Decision",
        error_messages={"required": "Choose the decision"},
    )
    decided_on = DateInputField(label="Date of the decision", help_text=DATE_HINT)
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Reasons",
        error_messages={"required": "Give the reasons for the decision"},
    )
    feedback_given_on = DateInputField(
        label="Date feedback was given to the applicant (optional)", required=False, help_text=DATE_HINT
    )


class CloseForm(RecruitmentForm):
    submit_label = "Close the enquiry"
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Reason",
        error_messages={"required": "Give the reason the enquiry is closed"},
    )


class EventForm(RecruitmentForm):
    submit_label = "Schedule the event"
    service_fields = {"starts_at": "starts_on"}
    title = forms.CharField(max_length=150, error_messages={"required": "Enter a title"})
    starts_on = DateInputField(label="Date", help_text=DATE_HINT)
    start_time = time_field("Start time")
    format = forms.ChoiceField(
        choices=EventFormat.choices,
        widget=forms.RadioSelect,
        label="Held",
        error_messages={"required": "Choose in person or online"},
    )
    venue = forms.CharField(max_length=200, required=False, label="Venue (for an event in person)")
    capacity = forms.IntegerField(
        min_value=1, max_value=500, label="Places", error_messages={"required": "Enter how many places"}
    )


class BookingForm(RecruitmentForm):
    submit_label = "Book the place"
    enquiry = forms.ChoiceField(label="Enquirer", error_messages={"required": "Choose the enquirer"})
    booked_on = DateInputField(label="Date booked", help_text=DATE_HINT)
    invited_on = DateInputField(label="Date invited (optional)", required=False, help_text=DATE_HINT)

    def __init__(self, *args: Any, enquiries: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enquiry"].choices = [("", "Choose an enquirer")] + [(str(pk), n) for pk, n in enquiries]  # type: ignore[attr-defined]


class BookingUpdateForm(RecruitmentForm):
    submit_label = "Save"
    booking = forms.ChoiceField(label="Booking", error_messages={"required": "Choose the booking"})
    reminded_on = DateInputField(label="Date reminded (optional)", required=False, help_text=DATE_HINT)
    attendance = forms.ChoiceField(
        choices=Attendance.choices, widget=forms.RadioSelect, label="Attendance", initial=Attendance.BOOKED
    )

    def __init__(self, *args: Any, bookings: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["booking"].choices = [("", "Choose a booking")] + [(str(pk), n) for pk, n in bookings]  # type: ignore[attr-defined]
