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
from collections.abc import Callable
from datetime import date
from typing import Any

from crispy_forms_gds.fields import DateInputField as GdsDateInputField
from django import forms
from django.core.exceptions import ValidationError

from .dates import MONTH_PARTS, PARTS, DateInputError, date_from_parts, month_from_parts

_OPTIONAL = re.compile(r"\s*\(optional\)\s*$", re.IGNORECASE)


class _Boxes:
    """What the date and the month inputs share: read the boxes, mark the ones at fault, say why."""

    boxes: tuple[str, ...]
    default_subject = "Date"
    fields: Any
    widget: Any
    required: bool
    disabled: bool
    label: Any
    empty_values: Any
    error_messages: dict[str, Any]

    read: Callable[..., date]  # the boxes' texts and the subject -> the date; a staticmethod

    def subject(self) -> str:
        """What the date is, for the messages: the label without "(optional)"."""
        label = _OPTIONAL.sub("", str(self.label or "")).strip()
        return label or self.default_subject

    def clean(self, value: Any) -> date | None:
        for part in self.fields:
            part.widget.errors = []
        if self.disabled and not isinstance(value, list | tuple):
            value = self.widget.decompress(value)
        if value in self.empty_values:
            value = []
        if not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        texts = [("" if v in self.empty_values else str(v)) for v in list(value)[: len(self.boxes)]]
        texts += [""] * (len(self.boxes) - len(texts))
        if not any(text.strip() for text in texts):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        try:
            out = self.read(*texts, subject=self.subject())
        except DateInputError as refused:
            for name, part in zip(self.boxes, self.fields, strict=True):
                if name in refused.parts:
                    part.widget.errors = [refused.message]
            raise ValidationError(refused.message, code="invalid_date") from None
        self.validate(out)  # type: ignore[attr-defined]
        self.run_validators(out)  # type: ignore[attr-defined]
        return out

    def compress(self, data_list: Any) -> date | None:
        if not data_list or not all(data_list):
            return None
        return self.read(*(str(v) for v in data_list), subject=self.subject())


class DateInputField(_Boxes, GdsDateInputField):
    boxes = PARTS
    read = staticmethod(date_from_parts)


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


class MonthInputField(_Boxes, forms.MultiValueField):
    """A month typed as month and year; every refusal is a GOV.UK message with the boxes at fault marked."""

    widget = MonthInputWidget
    boxes = MONTH_PARTS
    default_subject = "Month"
    read = staticmethod(month_from_parts)

    def __init__(self, **kwargs: Any) -> None:
        parts = (forms.CharField(label="Month"), forms.CharField(label="Year"))
        kwargs["error_messages"] = {
            "required": "Enter the month and year",
            "invalid": "Enter the month and year",
            **kwargs.get("error_messages", {}),
        }
        super().__init__(fields=parts, require_all_fields=False, **kwargs)
