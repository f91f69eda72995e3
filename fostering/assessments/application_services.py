"""The application form's verbs: an applicant saves a section part done and sends it; the assessing social
worker asks for a change (with a note) or accepts it. Each is atomic and audited.

The applicant is named by the caller from their own sign-in (the portal reads them from their access); the
section must be one of the table's and the person one of the assessment's applicants.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import record_event
from fostering.core import clock
from fostering.core.errors import NotAllowed
from fostering.people.choices import MemberRole
from fostering.people.models import Person

from .application import BY_CODE, Section, check
from .choices import CLOSED_STAGES, SectionStatus
from .models import ApplicationSection, Assessment

EDITABLE = (SectionStatus.DRAFT, SectionStatus.CHANGE_REQUESTED)


def _section(assessment: Assessment, person: Person, code: str, by: User | None) -> ApplicationSection:
    require(by, Perm.USE_APPLICANT_PORTAL, assessment.organisation_id)
    if code not in BY_CODE:
        raise ValidationError("There is no such section of the application")
    if assessment.stage in CLOSED_STAGES:
        raise NotAllowed("This application has ended: nothing more can be sent.")
    if not assessment.household.members.filter(
        person=person, role=MemberRole.CARER, left_on__isnull=True
    ).exists():
        raise NotAllowed("Only an applicant fills in their application.")
    section, _ = ApplicationSection.objects.select_for_update().get_or_create(
        assessment=assessment,
        person=person,
        code=code,
        defaults={"organisation_id": assessment.organisation_id},
    )
    if section.status not in EDITABLE:
        raise ValidationError(
            "You have sent this section. Your social worker will ask if anything needs to change."
        )
    return section


@transaction.atomic
def section_save(
    *, assessment: Assessment, person: Person, code: str, answers: dict[str, Any], by: User | None
) -> ApplicationSection:
    """Keep a section part done: what is given must read, but nothing is required yet."""
    section = _section(assessment, person, code, by)
    answers, errors = check(BY_CODE[code], answers, complete=False)
    if errors:
        raise ValidationError(errors)
    section.answers = answers
    section.stamp(by)
    section.save()
    record_event(actor=by, verb="application_section_saved", obj=section, note=section.get_code_display())
    return section


@transaction.atomic
def section_submit(
    *, assessment: Assessment, person: Person, code: str, answers: dict[str, Any], by: User | None
) -> ApplicationSection:
    """Send a section: every answer it needs must be given (an address history covers the last 5 years)."""
    section = _section(assessment, person, code, by)
    answers, errors = check(BY_CODE[code], answers, complete=True)
    if errors:
        raise ValidationError(errors)
    before = section.status
    section.answers = answers
    section.submitted_answers = answers
    section.status = SectionStatus.SUBMITTED
    section.submitted_at = clock.now()
    section.stamp(by)
    section.save()
    record_event(
        actor=by,
        verb="application_section_submitted",
        obj=section,
        changes={"status": [before, section.status]},
        note=section.get_code_display(),
    )
    return section


def _review(section: ApplicationSection, by: User | None) -> ApplicationSection:
    require(by, Perm.RECORD_ASSESSMENT, section.organisation_id)
    section = ApplicationSection.objects.select_for_update().get(pk=section.pk)
    if section.status != SectionStatus.SUBMITTED:
        raise ValidationError(
            f"This section is not waiting to be read ({section.get_status_display().lower()})"
        )
    return section


@transaction.atomic
def change_request(*, section: ApplicationSection, note: str, by: User | None) -> ApplicationSection:
    """Ask the applicant to change a section they sent: they see the note and can edit it again."""
    section = _review(section, by)
    if not note.strip():
        raise ValidationError({"note": "Say what needs to change"})
    section.status = SectionStatus.CHANGE_REQUESTED
    section.change_note = note.strip()
    return _reviewed(section, by, "application_section_change_requested")


@transaction.atomic
def section_accept(*, section: ApplicationSection, by: User | None) -> ApplicationSection:
    section = _review(section, by)
    section.status = SectionStatus.ACCEPTED
    section.change_note = ""
    return _reviewed(section, by, "application_section_accepted")


def _reviewed(section: ApplicationSection, by: User | None, verb: str) -> ApplicationSection:
    section.reviewed_by = by if getattr(by, "is_authenticated", False) else None
    section.reviewed_at = clock.now()
    section.stamp(by)
    section.save()
    record_event(
        actor=by,
        verb=verb,
        obj=section,
        changes={"status": [SectionStatus.SUBMITTED, section.status]},
        note=section.change_note or section.get_code_display(),
    )
    return section


def section_of(code: str) -> Section:
    return BY_CODE[code]
