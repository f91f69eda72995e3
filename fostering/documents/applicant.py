"""An applicant's own uploads to their assessment (proof of identity, driving licence, insurance).

The file is checked from its content before anything is stored, as every upload is: a file that is not what
it says is refused with the GOV.UK message and nothing is saved.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, require
from fostering.assessments.choices import CLOSED_STAGES
from fostering.assessments.models import Assessment
from fostering.core import clock
from fostering.core.errors import NotAllowed
from fostering.people.choices import MemberRole
from fostering.people.models import Person

from .choices import APPLICANT_KINDS, DocumentKind, RecordKind
from .models import Document
from .services import _keep
from .validation import check_upload


def applicant_document_upload(
    *, assessment: Assessment, person: Person, kind: str, upload: UploadedFile | None, by: User | None
) -> Document:
    """Keep a document the applicant uploaded on their assessment, titled with their name."""
    require(by, Perm.USE_APPLICANT_PORTAL, assessment.organisation_id)
    if assessment.stage in CLOSED_STAGES:
        raise NotAllowed("This application has ended: nothing more can be sent.")
    if not assessment.household.members.filter(
        person=person, role=MemberRole.CARER, left_on__isnull=True
    ).exists():
        raise NotAllowed("Only an applicant uploads to their application.")
    if kind not in APPLICANT_KINDS:
        raise ValidationError({"kind": "Select what the document is"})
    checked = check_upload(upload)
    assert upload is not None
    label = DocumentKind(kind).label
    return _keep(
        record=assessment,
        record_kind=RecordKind.ASSESSMENT,
        kind=kind,
        title=f"{label}: {person.full_name}",
        received_on=clock.today(),
        expires_on=None,
        content=upload,
        original_name=upload.name or f"document.{checked.extension}",
        media_type=checked.media_type,
        extension=checked.extension,
        size=checked.size,
        by=by,
    )


def applicant_documents(assessment: Assessment, by: User) -> QuerySet[Document]:
    """What the applicant has uploaded to their assessment themselves."""
    return Document.objects.filter(
        organisation_id=assessment.organisation_id,
        record_kind=RecordKind.ASSESSMENT,
        record_id=assessment.pk,
        kind__in=APPLICANT_KINDS,
        created_by=by,
    ).order_by("-created_at", "-id")
