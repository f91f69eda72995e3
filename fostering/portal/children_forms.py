"""The carers' forms of the children part: a note, a significant event, and asking for a break."""

from __future__ import annotations

from django import forms

from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm
from fostering.placements.choices import EventType

DATE_HINT = "For example, 27 3 2026"


class NoteForm(ServiceForm):
    submit_label = "Save the note"
    happened_on = DateInputField(label="Date the note is about", help_text=DATE_HINT)
    text = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write the note"},
    )


class EventForm(ServiceForm):
    submit_label = "Report the event"
    event_type = forms.ChoiceField(
        choices=EventType.choices,
        widget=forms.RadioSelect,
        label="What happened",
        error_messages={"required": "Choose what happened"},
    )
    happened_on = DateInputField(label="Date it happened", help_text=DATE_HINT)
    text = forms.CharField(
        label="What happened, who was there and what was done",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write what happened"},
    )


class BreakForm(ServiceForm):
    submit_label = "Ask for the break"
    starts_on = DateInputField(label="First day of the break", help_text=DATE_HINT)
    ends_on = DateInputField(label="Last day of the break", help_text=DATE_HINT)
    reason = forms.CharField(
        label="Why you would like a break",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why you would like a break"},
    )
