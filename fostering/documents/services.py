"""The write side: keep a document on a record, write, edit and issue a letter, edit a council's template.

Each function takes the acting user, checks the permission in the record's council, and writes its audit
event in the same transaction. A refused upload saves nothing: the file is checked from its content
before anything is stored, and a stored file whose row then fails is deleted again.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import created_changes, record_event
from fostering.core import clock
from fostering.core.errors import NotAllowed

from . import letters
from .choices import LETTERS_FOR, DocumentKind, LetterStatus
from .models import Document, Letter, LetterTemplate
from .records import record_name
from .validation import check_upload

_FIELDS = ["record_kind", "record_id", "kind", "title", "received_on", "expires_on", "media_type", "size"]


def _store(organisation_id: int, extension: str, content: Any) -> str:
    name = f"documents/{organisation_id}/{uuid.uuid4().hex}.{extension}"
    return default_storage.save(name, content)


def _keep(
    *,
    record: Any,
    record_kind: str,
    kind: str,
    title: str,
    received_on: date,
    expires_on: date | None,
    content: Any,
    original_name: str,
    media_type: str,
    extension: str,
    size: int,
    by: User | None,
) -> Document:
    stored = _store(record.organisation_id, extension, content)
    try:
        with transaction.atomic():
            document = Document(
                organisation_id=record.organisation_id,
                record_kind=record_kind,
                record_id=record.pk,
                kind=kind,
                title=title,
                received_on=received_on,
                expires_on=expires_on,
                file=stored,
                original_name=original_name[:255],
                media_type=media_type,
                size=size,
            )
            document.stamp(by)
            document.save()
            record_event(
                actor=by, verb="document_added", obj=document, changes=created_changes(document, _FIELDS)
            )
    except Exception:
        default_storage.delete(stored)
        raise
    return document


def document_upload(
    *,
    record: Any,
    record_kind: str,
    kind: str,
    title: str,
    received_on: date,
    expires_on: date | None,
    upload: UploadedFile | None,
    by: User | None,
) -> Document:
    """Keep an uploaded document on a record the user has already opened through its selector."""
    require(by, Perm.ADD_DOCUMENT, record.organisation_id)
    if kind not in DocumentKind.values or kind == DocumentKind.LETTER:
        raise ValidationError({"kind": "Select the kind of document"})
    if expires_on is not None and expires_on < received_on:
        raise ValidationError(
            {"expires_on": "The expiry date must be the same as or after the date received"}
        )
    if received_on > clock.today():
        raise ValidationError({"received_on": "The date received must be today or in the past"})
    checked = check_upload(upload)
    assert upload is not None
    return _keep(
        record=record,
        record_kind=record_kind,
        kind=kind,
        title=title.strip() or DocumentKind(kind).label,
        received_on=received_on,
        expires_on=expires_on,
        content=upload,
        original_name=upload.name or f"document.{checked.extension}",
        media_type=checked.media_type,
        extension=checked.extension,
        size=checked.size,
        by=by,
    )


def document_downloaded(*, document: Document, by: User) -> None:
    """Each download of a document is an audit event (who, when, which document)."""
    record_event(
        actor=by,
        verb="document_downloaded",
        obj=document,
        note=f"{document.get_kind_display()} on {document.record_kind} {document.record_id}",
    )


def letter_draft(*, record: Any, record_kind: str, kind: str, by: User | None) -> Letter:
    """A draft letter of ``kind`` on the record, its text from the council's template filled in."""
    require(by, Perm.WRITE_LETTER, record.organisation_id)
    if kind not in LETTERS_FOR.get(record_kind, []):
        raise ValidationError({"kind": "Select the letter to write"})
    organisation = Organisation.objects.get(pk=record.organisation_id)
    template = letters.templates_ensure(organisation_id=organisation.pk)[kind]
    context = letters.context_for(record_kind, record, organisation)
    with transaction.atomic():
        letter = Letter(
            organisation_id=organisation.pk,
            record_kind=record_kind,
            record_id=record.pk,
            kind=kind,
            subject=letters.fill(template.subject, context),
            body=letters.fill(template.body, context),
        )
        letter.stamp(by)
        letter.save()
        record_event(
            actor=by, verb="letter_drafted", obj=letter, changes=created_changes(letter, ["kind", "subject"])
        )
    return letter


def letter_edit(*, letter: Letter, subject: str, body: str, by: User | None) -> Letter:
    require(by, Perm.WRITE_LETTER, letter.organisation_id)
    if letter.status != LetterStatus.DRAFT:
        raise NotAllowed("This letter has been issued and cannot be changed.")
    if not body.strip():
        raise ValidationError({"body": "Enter the text of the letter"})
    if not subject.strip():
        raise ValidationError({"subject": "Enter the subject of the letter"})
    with transaction.atomic():
        changes = {
            name: [getattr(letter, name), value]
            for name, value in (("subject", subject.strip()), ("body", body.strip()))
            if getattr(letter, name) != value
        }
        letter.subject, letter.body = subject.strip(), body.strip()
        letter.stamp(by)
        letter.save()
        record_event(actor=by, verb="letter_edited", obj=letter, changes=changes)
    return letter


def letter_issue(*, letter: Letter, record: Any, by: User | None) -> Letter:
    """Make the PDF, keep it on the record as a document of kind "letter", and lock the letter."""
    require(by, Perm.WRITE_LETTER, letter.organisation_id)
    if letter.status != LetterStatus.DRAFT:
        raise NotAllowed("This letter has already been issued.")
    organisation = Organisation.objects.get(pk=letter.organisation_id)
    today = clock.today()
    letter.issued_on = today
    pdf = letters.letter_pdf(
        letter, organisation=organisation, recipient=record_name(letter.record_kind, record)
    )
    with transaction.atomic():
        document = _keep(
            record=record,
            record_kind=letter.record_kind,
            kind=DocumentKind.LETTER,
            title=letter.subject,
            received_on=today,
            expires_on=None,
            content=ContentFile(pdf),
            original_name=f"{letter.get_kind_display()} {today.isoformat()}.pdf",
            media_type="application/pdf",
            extension="pdf",
            size=len(pdf),
            by=by,
        )
        letter.status = LetterStatus.ISSUED
        letter.document = document
        letter.stamp(by)
        letter.save()
        record_event(actor=by, verb="letter_issued", obj=letter, changes={"status": ["draft", "issued"]})
    return letter


def template_edit(*, template: LetterTemplate, subject: str, body: str, by: User | None) -> LetterTemplate:
    require(by, Perm.MANAGE_LETTER_TEMPLATES, template.organisation_id)
    if not body.strip():
        raise ValidationError({"body": "Enter the text of the letter"})
    if not subject.strip():
        raise ValidationError({"subject": "Enter the subject of the letter"})
    with transaction.atomic():
        changes = {
            name: [getattr(template, name), value]
            for name, value in (("subject", subject.strip()), ("body", body.strip()))
            if getattr(template, name) != value
        }
        template.subject, template.body = subject.strip(), body.strip()
        template.stamp(by)
        template.save()
        record_event(actor=by, verb="letter_template_edited", obj=template, changes=changes)
    return template
