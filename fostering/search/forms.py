from __future__ import annotations

from django import forms

from .selectors import MAX_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for a child, person, household, enquiry or assessment",
        required=False,
        strip=True,
        max_length=MAX_LENGTH,
        error_messages={
            "max_length": f"Search for at most {MAX_LENGTH} characters (you typed %(show_value)d)",
        },
    )
