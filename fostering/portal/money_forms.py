"""The portal's money forms: an expense claim (the payments' services check and keep it)."""

from __future__ import annotations

from django import forms

from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm
from fostering.payments.choices import ClaimKind


class ClaimForm(ServiceForm):
    submit_label = "Send the claim"
    kind = forms.ChoiceField(
        label="What are you claiming for?",
        choices=ClaimKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you are claiming for"},
    )
    spent_on = DateInputField(label="Date of the journey or expense", help_text="For example, 14 3 2026")
    description = forms.CharField(
        label="What was it for?",
        help_text="For example, taking the child to a family visit",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what the expense was for"},
    )
    miles = forms.DecimalField(
        label="Miles (for mileage)",
        required=False,
        max_digits=7,
        decimal_places=1,
        help_text="The council pays its rate a mile",
        error_messages={"invalid": "Enter the miles as a number, like 12.5"},
    )
    amount = forms.DecimalField(
        label="Amount in pounds (for another expense)",
        required=False,
        max_digits=10,
        decimal_places=2,
        help_text="For example, 24.50",
        error_messages={"invalid": "Enter an amount in pounds, like 24.50"},
    )
    receipt = forms.FileField(
        label="Upload the receipt (needed for another expense)",
        required=False,
        help_text="PDF, JPG, PNG, DOCX or ODT, smaller than 10MB",
        error_messages={"empty": "The selected file is empty", "invalid": "Select a file"},
    )
