"""Builders for assessments, mirroring the journey: an application, then an assessment at each stage.

They go through the service functions as the system (``by=None``), like tests/builders.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fostering.accounts.models import Organisation, User
from fostering.assessments.choices import AssessmentKind, Stage
from fostering.assessments.models import Assessment
from fostering.assessments.services import (
    agreement_record,
    application_create,
    assessment_check_record,
    assessment_stage_change,
    mentor_record,
    session_record,
    skills_to_foster_record,
)
from fostering.people.choices import CheckOutcome

ACCEPTED = date(2025, 1, 6)


def application(
    org: Organisation,
    *,
    worker: User | None = None,
    name: str = "Patel household",
    kind: AssessmentKind = AssessmentKind.MAINSTREAM,
    accepted_on: date = ACCEPTED,
    couple: bool = False,
    **extra: Any,
) -> Assessment:
    applicants = [{"first_name": "Priya", "last_name": name.split()[0], "date_of_birth": date(1985, 4, 2)}]
    if couple:
        applicants.append(
            {"first_name": "Ravi", "last_name": name.split()[0], "date_of_birth": date(1983, 9, 9)}
        )
    return application_create(
        organisation=org,
        kind=kind,
        household_name=name,
        applicants=applicants,
        application_accepted_on=accepted_on,
        assessing_social_worker=worker,
        by=None,
        **extra,
    )


def clear_checks(assessment: Assessment, on: date) -> None:
    """Every required check of every current member, requested and received clear on the date."""
    from fostering.assessments.checklist import checks_required, members_of

    for member in members_of(assessment):
        for kind in checks_required(assessment, member, on):
            assessment_check_record(
                assessment=assessment,
                member=member,
                kind=kind,
                requested_on=on,
                received_on=on,
                outcome=CheckOutcome.CLEAR,
                by=None,
            )


def ready_to_move_to_panel(assessment: Assessment, on: date, sessions: int = 6) -> Assessment:
    """Everything a mainstream assessment needs before panel, all dated ``on``."""
    clear_checks(assessment, on)
    skills_to_foster_record(assessment=assessment, booked_on=on, attended_on=on, by=None)
    mentor_record(assessment=assessment, offered_on=on, mentor_name="Jo Mentor", by=None)
    agreement_record(assessment=assessment, signed_on=on, target_panel_on=date(on.year + 1, 1, 5), by=None)
    for _ in range(sessions):
        session_record(assessment=assessment, held_on=on, by=None)
    return assessment


def move(assessment: Assessment, *stages: Stage, on: date) -> Assessment:
    for stage in stages:
        assessment_stage_change(assessment=assessment, to_stage=stage, changed_on=on, by=None)
    return assessment
