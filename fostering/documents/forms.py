from __future__ import annotations

from django import forms

from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm

from .choices import UPLOAD_KINDS, LetterKind


class DocumentUploadForm(ServiceForm):
    submit_label = "Upload the document"

    kind = forms.ChoiceField(
        choices=UPLOAD_KINDS,
        widget=forms.RadioSelect,
        label="Kind of document",
        error_messages={"required": "Select the kind of document"},
    )
    title = forms.CharField(
        label="Title (optional)",
        required=False,
        max_length=200,
        help_text="For example, DBS certificate for Sam",
    )
    received_on = DateInputField(label="Date received", help_text="For example, 14 3 2026")
    expires_on = DateInputField(
        label="Expiry date (optional)",
        required=False,
        help_text="Leave empty if the document does not expire",
    )
    file = forms.FileField(
        label="Upload a file",
        required=False,
        help_text="PDF, JPG, PNG, DOCX or ODT, smaller than 10MB",
        error_messages={"empty": "The selected file is empty", "invalid": "Select a file"},
    )


class LetterStartForm(ServiceForm):
    submit_label = "Write the letter"

    def __init__(self, *args: object, kinds: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"] = forms.ChoiceField(
            choices=[(kind, LetterKind(kind).label) for kind in kinds],
            widget=forms.RadioSelect,
            label="Which letter",
            error_messages={"required": "Select the letter to write"},
        )


class LetterTextForm(ServiceForm):
    submit_label = "Save the draft"

    subject = forms.CharField(max_length=200, error_messages={"required": "Enter the subject of the letter"})
    body = forms.CharField(
        label="Text of the letter",
        widget=forms.Textarea(attrs={"rows": 18}),
        error_messages={"required": "Enter the text of the letter"},
    )


class TemplateTextForm(LetterTextForm):
    submit_label = "Save the template"
