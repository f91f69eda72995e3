"""What is missing before an assessment may move into a stage, read from ``choices.REQUIREMENTS``.

Pure: it reads an assessment loaded by ``selectors.with_everything`` (current members with their checks,
``session_count``) and never queries on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fostering.core.validators import age_on
from fostering.people.choices import CheckKind, CheckOutcome, MemberRole
from fostering.people.models import HouseholdMember
from fostering.people.rules import check_kinds_required

from .choices import APPLICANT_CHECKS, REQUIREMENTS, SESSIONS_NEEDED, AssessmentKind, Requirement, Stage
from .models import Assessment


@dataclass(frozen=True)
class Item:
    requirement: Requirement
    done: bool
    detail: str = ""

    @property
    def message(self) -> str:
        return f"{self.requirement.label}: {self.detail}" if self.detail else self.requirement.label

    def as_dict(self) -> dict[str, object]:
        return {"requirement": self.requirement.value, "label": self.requirement.label, "detail": self.detail}


def members_of(assessment: Assessment) -> list[HouseholdMember]:
    members = getattr(assessment.household, "current_members", None)
    if members is None:
        members = list(
            assessment.household.members.filter(left_on__isnull=True)
            .select_related("person")
            .prefetch_related("checks")
        )
    return members


def applicants_of(assessment: Assessment) -> list[HouseholdMember]:
    return [m for m in members_of(assessment) if m.role == MemberRole.CARER]


def checks_required(assessment: Assessment, member: HouseholdMember, on: date) -> list[CheckKind]:
    kind = AssessmentKind(assessment.kind)
    if kind in APPLICANT_CHECKS:
        return list(APPLICANT_CHECKS[kind]) if member.role == MemberRole.CARER else []
    return check_kinds_required(member.role, member.person.date_of_birth, on)


def _checks(assessment: Assessment, on: date, *, clear: bool) -> list[str]:
    """Per member, the required checks not requested yet (or not back and clear), as 'Name: a, b'."""
    gaps = []
    for member in members_of(assessment):
        checks = list(member.checks.all())
        if clear:
            done = {
                c.kind
                for c in checks
                if c.outcome == CheckOutcome.CLEAR and (c.expires_on is None or c.expires_on >= on)
            }
        else:
            done = {c.kind for c in checks}
        missing = [k.label for k in checks_required(assessment, member, on) if k not in done]
        if missing:
            gaps.append(f"{member.person.full_name}: {', '.join(missing)}")
    return gaps


def evaluate(assessment: Assessment, requirement: Requirement, on: date) -> Item:
    """Whether one requirement is met on the date, with what is still to do."""
    r = Requirement
    if requirement == r.APPLICANTS:
        applicants = applicants_of(assessment)
        if not 1 <= len(applicants) <= 2:
            return Item(requirement, False, f"{len(applicants)} applicants recorded")
        young = [
            m.person.full_name
            for m in applicants
            if m.person.date_of_birth is None or age_on(m.person.date_of_birth, on) < 18
        ]
        if young:
            return Item(requirement, False, f"date of birth missing or under 18: {', '.join(young)}")
        return Item(requirement, True)
    if requirement == r.ALLOCATED:
        return Item(requirement, assessment.assessing_social_worker_id is not None)
    if requirement in (r.CHECKS_REQUESTED, r.CHECKS_CLEAR):
        gaps = _checks(assessment, on, clear=requirement == r.CHECKS_CLEAR)
        return Item(requirement, not gaps, "; ".join(gaps))
    if requirement == r.SKILLS_TO_FOSTER:
        return Item(requirement, assessment.skills_to_foster_attended_on is not None)
    if requirement == r.MENTOR_OFFERED:
        return Item(requirement, assessment.mentor_offered_on is not None)
    if requirement == r.AGREEMENT_SIGNED:
        done = assessment.agreement_signed_on is not None and assessment.target_panel_on is not None
        return Item(requirement, done)
    if requirement == r.SESSIONS:
        needed = SESSIONS_NEEDED[AssessmentKind(assessment.kind)]
        held = getattr(assessment, "session_count", None)
        if held is None:
            held = assessment.sessions.count()
        return Item(requirement, held >= needed, f"{held} of {needed} held")
    if requirement == r.PREVIOUS_AGENCY_REFERENCE:
        return Item(requirement, assessment.previous_agency_reference_on is not None)
    if requirement == r.SAFEGUARDING_COURSE:
        return Item(requirement, assessment.safeguarding_course_on is not None)
    raise ValueError(f"No test for requirement {requirement}")  # pragma: no cover


def checklist(assessment: Assessment, stage: Stage, on: date) -> list[Item]:
    """Every requirement of moving into ``stage``, done or not (empty for stages with none)."""
    needs = REQUIREMENTS[AssessmentKind(assessment.kind)].get(stage, ())
    return [evaluate(assessment, requirement, on) for requirement in needs]


def missing(assessment: Assessment, stage: Stage, on: date) -> list[Item]:
    return [item for item in checklist(assessment, stage, on) if not item.done]
