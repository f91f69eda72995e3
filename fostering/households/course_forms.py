"""The training co-ordinator's form for a course."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm


class CourseForm(ServiceForm):
    submit_label = "Publish the course"
    title = forms.CharField(max_length=200, error_messages={"required": "Enter the title of the course"})
    starts_on = DateInputField(label="Date of the course", help_text="For example, 14 3 2027")
    starts_at = forms.TimeField(
        label="Start time",
        help_text="For example, 10:00",
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": "Enter the start time", "invalid": "Enter a time like 10:00"},
    )
    online = forms.BooleanField(label="The course is online", required=False)
    venue = forms.CharField(max_length=200, required=False, label="Venue (leave empty when online)")
    places = forms.IntegerField(
        min_value=1,
        max_value=500,
        label="Number of places",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
        error_messages={"required": "Enter how many places"},
    )
    hours = forms.DecimalField(
        min_value=Decimal("0.5"),
        max_value=Decimal("200"),
        decimal_places=1,
        label="Hours",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
        error_messages={"required": "Enter the hours of the course"},
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="What the course covers"
    )
