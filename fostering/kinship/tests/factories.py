"""Kinship assessments for tests, built through the services (as the system), step by step of the journey."""

from __future__ import annotations

from datetime import date
from typing import Any

from fostering.accounts.models import Organisation, User
from fostering.children.models import Child
from fostering.kinship.choices import AssessmentKind
from fostering.kinship.models import KinshipAssessment
from fostering.kinship.services import assessment_start, placement_record
from tests import builders


def assessment(
    org: Organisation,
    *,
    child: Child | None = None,
    worker: User | None = None,
    kind: AssessmentKind = AssessmentKind.CONNECTED_PERSON,
    name: str = "Brown household",
    started_on: date = date(2025, 1, 2),
    placed_on: date | None = None,
    **values: Any,
) -> KinshipAssessment:
    made = assessment_start(
        child=child or builders.child(org),
        kind=kind,
        relationship=values.pop("relationship", "Maternal grandmother"),
        household_name=name,
        carer_first_name=values.pop("carer_first_name", "Pat"),
        carer_last_name=values.pop("carer_last_name", name.split()[0]),
        carer_date_of_birth=values.pop("carer_date_of_birth", date(1962, 3, 27)),
        started_on=started_on,
        social_worker=worker,
        by=None,
        **values,
    )
    if placed_on is not None:
        made = placement_record(assessment=made, placed_on=placed_on, by=None)
    return made
