"""What an uploaded file is, read from its content (never its name), and the GOV.UK wording of a refusal."""

from __future__ import annotations

from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

# Detected media type -> (extension the stored file is given, name in the messages)
ALLOWED: dict[str, tuple[str, str]] = {
    "application/pdf": ("pdf", "PDF"),
    "image/jpeg": ("jpg", "JPG"),
    "image/png": ("png", "PNG"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx", "DOCX"),
    "application/vnd.oasis.opendocument.text": ("odt", "ODT"),
}
TYPES_TEXT = "The selected file must be a PDF, JPG, PNG, DOCX or ODT"


def max_bytes() -> int:
    return int(getattr(settings, "FOSTERING_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024))


def size_text(limit: int) -> str:
    return f"{limit // (1024 * 1024)}MB" if limit >= 1024 * 1024 else f"{limit // 1024}KB"


@dataclass(frozen=True)
class Checked:
    media_type: str
    extension: str
    size: int


def check_upload(upload: UploadedFile | None) -> Checked:
    """The file's type and size from its bytes; a ValidationError on ``file`` when it is refused."""
    if upload is None:
        raise ValidationError({"file": "Select a file"})
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": "The selected file is empty"})
    limit = max_bytes()
    if size > limit:
        raise ValidationError({"file": f"The selected file must be smaller than {size_text(limit)}"})
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED:
        raise ValidationError({"file": TYPES_TEXT})
    return Checked(media_type=kind.mime, extension=ALLOWED[kind.mime][0], size=size)
