"""Form helpers: GOV.UK layout through crispy-forms-gds, and service errors shown beside their fields."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.core.exceptions import ValidationError


class ServiceForm(forms.Form):
    """A form whose data is handed to a service function. The view renders the error summary."""

    submit_label = "Save"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", self.submit_label))

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service function's ValidationError beside the matching field (or at the top)."""
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                target = field if field in self.fields else None
                for message in errors:
                    self.add_error(target, message)
        else:
            for message in error.messages:
                self.add_error(None, message)


def choice_field(choices: Any, label: str, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, label=label, **kwargs)
