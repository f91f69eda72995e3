"""The carer's form for their views ahead of the household review."""

from __future__ import annotations

from django import forms

from fostering.core.forms import ServiceForm


class CarerViewsForm(ServiceForm):
    """What the review gathers from the carers themselves: their views, in their words."""

    submit_label = "Send your views"
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label="Your views for the review",
        help_text=(
            "How the last year has gone for your household, the support and training you have had and "
            "would like, and anything you want the reviewing officer to know."
        ),
        error_messages={"required": "Enter your views"},
    )
