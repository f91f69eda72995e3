"""Which checks each member of a household needs. Later journeys (kinship, supported lodgings) add theirs."""

from __future__ import annotations

from datetime import date

from fostering.core.validators import age_on

from .choices import CheckKind, MemberRole

CARER_CHECKS = [
    CheckKind.DBS,
    CheckKind.LOCAL_AUTHORITY,
    CheckKind.MEDICAL,
    CheckKind.REFERENCE,
    CheckKind.EMPLOYER,
]
ADULT_CHECKS = [CheckKind.DBS, CheckKind.LOCAL_AUTHORITY]
YOUNG_CHILD_CHECKS = [CheckKind.HEALTH_VISITOR]
SCHOOL_AGE_CHECKS = [CheckKind.SCHOOL]


def check_kinds_required(role: str, date_of_birth: date | None, on: date) -> list[CheckKind]:
    """Adults (18 and over on the date) need DBS and local authority checks; carers need more.

    A birth child who turns 18 needs adult checks from that birthday: the rule reads the date of birth,
    so nobody has to remember to change the member's role.
    """
    age = age_on(date_of_birth, on) if date_of_birth else None
    if role == MemberRole.CARER:
        return list(CARER_CHECKS)
    if age is not None and age >= 18:
        return list(ADULT_CHECKS)
    if role == MemberRole.ADULT or role == MemberRole.REGULAR_VISITOR:
        return list(ADULT_CHECKS)
    if age is not None and age < 5:
        return list(YOUNG_CHILD_CHECKS)
    if age is not None:
        return list(SCHOOL_AGE_CHECKS)
    return []
