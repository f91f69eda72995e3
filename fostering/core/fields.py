"""Form fields shared by every app.

``DateInputField`` is the GOV.UK date input (day, month and year boxes) of crispy-forms-gds, reading the
boxes through ``core.dates.date_from_parts``: every refusal is a GOV.UK message beside the field with the
boxes at fault highlighted, never a Python error ("day is out of range for month") or a server error.
Forms import it from here, never from crispy-forms-gds (``tests/test_conventions.py``).

``MonthInputField`` is the month-year variant (month and year boxes, as GOV.UK asks for a month), read
through ``core.dates.month_from_parts``: its value is the first day of the month.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from crispy_forms_gds.fields import DateInputField as GdsDateInputField
from django import forms
from django.core.exceptions import ValidationError

from .dates import MONTH_PARTS, PARTS, DateInputError, date_from_parts, month_from_parts

_OPTIONAL = re.compile(r"\s*\(optional\)\s*$", re.IGNORECASE)


class DateInputField(GdsDateInputField):
    def subject(self) -> str:
        """What the date is, for the messages: the label without "(optional)"."""
        label = _OPTIONAL.sub("", str(self.label or "")).strip()
        return label or "Date"

    def clean(self, value: Any) -> date | None:
        for part in self.fields:
            part.widget.errors = []  # type: ignore[attr-defined]
        if self.disabled and not isinstance(value, list | tuple):
            value = self.widget.decompress(value)  # type: ignore[attr-defined]
        if value in self.empty_values:
            value = []
        if not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        texts = [("" if v in self.empty_values else str(v)) for v in list(value)[: len(PARTS)]]
        texts += [""] * (len(PARTS) - len(texts))
        if not any(text.strip() for text in texts):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        try:
            out = date_from_parts(*texts, subject=self.subject())
        except DateInputError as refused:
            for name, part in zip(PARTS, self.fields, strict=True):
                if name in refused.parts:
                    part.widget.errors = [refused.message]  # type: ignore[attr-defined]
            raise ValidationError(refused.message, code="invalid_date") from None
        self.validate(out)
        self.run_validators(out)
        return out

    def compress(self, data_list: Any) -> date | None:
        if not data_list or not all(data_list):
            return None
        return date_from_parts(*(str(v) for v in data_list), subject=self.subject())


class MonthInputWidget(forms.MultiWidget):
    """The month and year boxes, rendered as crispy-forms-gds renders a date input."""

    template_name = "gds/widgets/date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        box = "govuk-input govuk-date-input__input"
        super().__init__(
            [
                forms.TextInput(
                    attrs={"class": f"{box} govuk-input--width-2", "label": "Month", "inputmode": "numeric"}
                ),
                forms.TextInput(
                    attrs={"class": f"{box} govuk-input--width-4", "label": "Year", "inputmode": "numeric"}
                ),
            ],
            attrs,
        )

    def decompress(self, value: Any) -> list[Any]:
        return [value.month, value.year] if value else [None, None]


class MonthInputField(forms.MultiValueField):
    """A month typed as month and year; every refusal is a GOV.UK message with the boxes at fault marked."""

    widget = MonthInputWidget

    def __init__(self, **kwargs: Any) -> None:
        parts = (forms.CharField(label="Month"), forms.CharField(label="Year"))
        kwargs["error_messages"] = {
            "required": "Enter the month and year",
            **kwargs.get("error_messages", {}),
        }
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def subject(self) -> str:
        label = _OPTIONAL.sub("", str(self.label or "")).strip()
        return label or "Month"

    def clean(self, value: Any) -> date | None:
        for part in self.fields:
            part.widget.errors = []  # type: ignore[attr-defined]
        if value in self.empty_values:
            value = []
        if not isinstance(value, list | tuple):
            raise ValidationError("Enter the month and year", code="invalid")
        texts = [("" if v in self.empty_values else str(v)) for v in list(value)[: len(MONTH_PARTS)]]
        texts += [""] * (len(MONTH_PARTS) - len(texts))
        if not any(text.strip() for text in texts):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        try:
            out = month_from_parts(*texts, subject=self.subject())
        except DateInputError as refused:
            for name, part in zip(MONTH_PARTS, self.fields, strict=True):
                if name in refused.parts:
                    part.widget.errors = [refused.message]  # type: ignore[attr-defined]
            raise ValidationError(refused.message, code="invalid_date") from None
        self.validate(out)
        self.run_validators(out)
        return out

    def compress(self, data_list: Any) -> date | None:
        if not data_list or not all(data_list):
            return None
        return month_from_parts(*(str(v) for v in data_list), subject=self.subject())
