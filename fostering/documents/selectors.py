"""The read side: a document or letter is reached only through its record's own selector."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with

from .models import Document, Letter, LetterTemplate
from .records import record_for_user


def documents_of(*, organisation_id: int, record_kind: str, record_id: int) -> QuerySet[Document]:
    """The documents kept on a record the caller has already opened, newest first."""
    return Document.objects.filter(
        organisation_id=organisation_id, record_kind=record_kind, record_id=record_id
    ).order_by("-received_on", "-id")


def drafts_of(*, organisation_id: int, record_kind: str, record_id: int) -> QuerySet[Letter]:
    return Letter.objects.filter(
        organisation_id=organisation_id, record_kind=record_kind, record_id=record_id, status="draft"
    ).order_by("-created_at", "-id")


def document_get_for_user(*, user: User, pk: int) -> tuple[Document, Any]:
    """The document and its record; 404 unless the user may open the record (in the document's council)."""
    document = Document.objects.filter(pk=pk).first()
    if document is None:
        raise Http404("No such document")
    record = record_for_user(user=user, kind=document.record_kind, pk=document.record_id)
    if record.organisation_id != document.organisation_id:
        raise Http404("No such document")
    return document, record


def letter_get_for_user(*, user: User, pk: int) -> tuple[Letter, Any]:
    letter = Letter.objects.filter(pk=pk).first()
    if letter is None:
        raise Http404("No such letter")
    record = record_for_user(user=user, kind=letter.record_kind, pk=letter.record_id)
    if record.organisation_id != letter.organisation_id:
        raise Http404("No such letter")
    return letter, record


def templates_for_user(*, user: User) -> QuerySet[LetterTemplate]:
    orgs = organisations_with(user, Perm.MANAGE_LETTER_TEMPLATES)
    return LetterTemplate.objects.filter(organisation_id__in=orgs).order_by("organisation__name", "kind")


def template_get_for_user(*, user: User, pk: int) -> LetterTemplate:
    template = templates_for_user(user=user).filter(pk=pk).first()
    if template is None:
        raise Http404("No such template")
    return template
