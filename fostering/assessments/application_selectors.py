"""Reading the application form: an applicant's own sections, and for staff what the applicants sent (a
section still in progress is the applicant's own and is never shown to staff)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from fostering.accounts.models import User
from fostering.people.models import Person

from .application import SECTIONS, gaps, rows_of
from .choices import SectionCode, SectionStatus
from .models import ApplicationSection, Assessment
from .selectors import assessment_list_for_user


def sections_of(assessment: Assessment, person: Person) -> dict[str, ApplicationSection]:
    """The applicant's saved sections by code (a section not yet started is missing)."""
    found = ApplicationSection.objects.filter(assessment=assessment, person=person)
    return {section.code: section for section in found}


def task_list(assessment: Assessment, person: Person) -> list[dict[str, Any]]:
    """Every section of the table with the applicant's status of it, in the table's order."""
    saved = sections_of(assessment, person)
    return [{"section": section, "saved": saved.get(section.code.value)} for section in SECTIONS]


def sent_count(assessment: Assessment, person: Person) -> int:
    """The applicant's sections sent and not asked to change."""
    return ApplicationSection.objects.filter(
        assessment=assessment, person=person, status__in=[SectionStatus.SUBMITTED, SectionStatus.ACCEPTED]
    ).count()


def sent_sections(assessment: Assessment) -> QuerySet[ApplicationSection]:
    """What the applicants have sent (each section once it has been sent)."""
    return (
        ApplicationSection.objects.filter(assessment=assessment)
        .exclude(status=SectionStatus.DRAFT)
        .select_related("person", "reviewed_by")
        .order_by("person__last_name", "person__first_name", "person_id", "id")
    )


def section_get_for_user(*, user: User, pk: int) -> ApplicationSection:
    """A sent section of an assessment the user may open; ApplicationSection.DoesNotExist otherwise."""
    return (
        ApplicationSection.objects.filter(assessment__in=assessment_list_for_user(user=user))
        .exclude(status=SectionStatus.DRAFT)
        .select_related("assessment__household", "person", "reviewed_by")
        .get(pk=pk)
    )


def section_gaps(section: ApplicationSection, answers: dict[str, Any], today: Any) -> list[str]:
    """The gaps of more than a month in an address history; none for any other section."""
    if section.code != SectionCode.ADDRESSES:
        return []
    return gaps(rows_of(answers), today)
