"""Kinds of assessment, the stage pipeline, withdrawal reasons, and what must be complete before each stage.

``REQUIREMENTS`` is data: the same table drives the "what's missing" checklist on the assessment page and
the guard in ``services.assessment_stage_change``.
"""

from __future__ import annotations

from django.db import models

from fostering.people.choices import CheckKind


class AssessmentKind(models.TextChoices):
    MAINSTREAM = "mainstream", "Mainstream foster carer"
    FAST_TRACK = "fast_track", "Fast track: carer transferring from an IFA or another council"
    SUPPORTED_LODGINGS = "supported_lodgings", "Supported lodgings host"
    INDEPENDENT_VISITOR = "independent_visitor", "Independent visitor"


class Stage(models.TextChoices):
    APPLICATION = "application", "Application"
    STAGE1 = "stage1", "Stage 1"
    STAGE2 = "stage2", "Stage 2 (Form F)"
    READY_FOR_PANEL = "ready_for_panel", "Ready for panel"
    ON_HOLD = "on_hold", "On hold"
    WITHDRAWN = "withdrawn", "Withdrawn"
    # Reached only through the agency decision maker's decision after panel (assessment_decision_record).
    APPROVED = "approved", "Approved"
    NOT_APPROVED = "not_approved", "Not approved"


OPEN_STAGES = frozenset({Stage.APPLICATION, Stage.STAGE1, Stage.STAGE2, Stage.READY_FOR_PANEL, Stage.ON_HOLD})
CLOSED_STAGES = frozenset({Stage.WITHDRAWN, Stage.APPROVED, Stage.NOT_APPROVED})
DECIDED_STAGES = frozenset({Stage.APPROVED, Stage.NOT_APPROVED})
# The main line an assessment moves along; on hold and withdrawn can be reached from any of them.
MAIN_LINE = (Stage.APPLICATION, Stage.STAGE1, Stage.STAGE2, Stage.READY_FOR_PANEL)

TRANSITIONS: dict[Stage, frozenset[Stage]] = {
    Stage.APPLICATION: frozenset({Stage.STAGE1, Stage.ON_HOLD, Stage.WITHDRAWN}),
    Stage.STAGE1: frozenset({Stage.STAGE2, Stage.ON_HOLD, Stage.WITHDRAWN}),
    Stage.STAGE2: frozenset({Stage.READY_FOR_PANEL, Stage.ON_HOLD, Stage.WITHDRAWN}),
    # Approved or not approved only by the agency decision maker's decision after panel.
    Stage.READY_FOR_PANEL: frozenset(
        {Stage.STAGE2, Stage.ON_HOLD, Stage.WITHDRAWN, Stage.APPROVED, Stage.NOT_APPROVED}
    ),
    # Resuming returns to the stage the assessment was put on hold from.
    Stage.ON_HOLD: frozenset(
        {Stage.APPLICATION, Stage.STAGE1, Stage.STAGE2, Stage.READY_FOR_PANEL, Stage.WITHDRAWN}
    ),
    Stage.WITHDRAWN: frozenset(),
    Stage.APPROVED: frozenset(),
    Stage.NOT_APPROVED: frozenset(),
}


def next_stage(stage: str) -> Stage | None:
    """The next stage along the main line (None on hold, withdrawn or ready for panel)."""
    if stage not in MAIN_LINE:
        return None
    following = MAIN_LINE[MAIN_LINE.index(Stage(stage)) + 1 :]
    return following[0] if following else None


# Moving into these stages needs a reason.
REASON_REQUIRED = frozenset({Stage.ON_HOLD, Stage.WITHDRAWN})


class WithdrawalReason(models.TextChoices):
    """Ofsted's fostering dataset codes for withdrawals before panel."""

    AW0 = "AW0", "AW0: other or unknown"
    AW1 = "AW1", "AW1: fostering not as expected"
    AW2 = "AW2", "AW2: assessment process not as expected"
    AW3 = "AW3", "AW3: household circumstances changed"
    AW4 = "AW4", "AW4: financial reasons"
    AW5 = "AW5", "AW5: concerned about the risk of allegations"


class Requirement(models.TextChoices):
    APPLICANTS = "applicants", "One or two applicants, aged 18 or over"
    ALLOCATED = "allocated", "An assessing social worker allocated"
    CHECKS_REQUESTED = "checks_requested", "Every check requested"
    CHECKS_CLEAR = "checks_clear", "Every check back and clear"
    SKILLS_TO_FOSTER = "skills_to_foster", "Skills to Foster training attended"
    MENTOR_OFFERED = "mentor_offered", "A mentor offered"
    AGREEMENT_SIGNED = "agreement_signed", "Assessment agreement signed, with the target panel date"
    SESSIONS = "sessions", "Assessment sessions held"
    PREVIOUS_AGENCY_REFERENCE = "previous_agency_reference", "Reference from the previous fostering agency"
    SAFEGUARDING_COURSE = "safeguarding_course", "Online safeguarding course completed"


R = Requirement
_STAGE1 = (R.APPLICANTS,)
_STAGE2 = (R.APPLICANTS, R.ALLOCATED, R.CHECKS_REQUESTED)

# What must be complete before an assessment of each kind may move into each stage.
REQUIREMENTS: dict[AssessmentKind, dict[Stage, tuple[Requirement, ...]]] = {
    AssessmentKind.MAINSTREAM: {
        Stage.STAGE1: _STAGE1,
        Stage.STAGE2: _STAGE2,
        Stage.READY_FOR_PANEL: (
            R.APPLICANTS,
            R.ALLOCATED,
            R.CHECKS_CLEAR,
            R.SKILLS_TO_FOSTER,
            R.MENTOR_OFFERED,
            R.AGREEMENT_SIGNED,
            R.SESSIONS,
        ),
    },
    # Carers transferring in have been trained and mentored already; their previous agency's reference
    # is needed before Stage 2, and fewer sessions (see SESSIONS_NEEDED).
    AssessmentKind.FAST_TRACK: {
        Stage.STAGE1: _STAGE1,
        Stage.STAGE2: (*_STAGE2, R.PREVIOUS_AGENCY_REFERENCE),
        Stage.READY_FOR_PANEL: (
            R.APPLICANTS,
            R.ALLOCATED,
            R.CHECKS_CLEAR,
            R.PREVIOUS_AGENCY_REFERENCE,
            R.AGREEMENT_SIGNED,
            R.SESSIONS,
        ),
    },
    AssessmentKind.SUPPORTED_LODGINGS: {
        Stage.STAGE1: _STAGE1,
        Stage.STAGE2: _STAGE2,
        Stage.READY_FOR_PANEL: (
            R.APPLICANTS,
            R.ALLOCATED,
            R.CHECKS_CLEAR,
            R.SKILLS_TO_FOSTER,
            R.AGREEMENT_SIGNED,
            R.SESSIONS,
        ),
    },
    # Independent visitors: DBS, references, a short assessment and the online safeguarding course.
    AssessmentKind.INDEPENDENT_VISITOR: {
        Stage.STAGE1: _STAGE1,
        Stage.STAGE2: _STAGE2,
        Stage.READY_FOR_PANEL: (R.APPLICANTS, R.ALLOCATED, R.CHECKS_CLEAR, R.SAFEGUARDING_COURSE, R.SESSIONS),
    },
}

# How many assessment sessions (Form F, or the short assessment) each kind needs before panel.
SESSIONS_NEEDED: dict[AssessmentKind, int] = {
    AssessmentKind.MAINSTREAM: 6,
    AssessmentKind.FAST_TRACK: 3,
    AssessmentKind.SUPPORTED_LODGINGS: 4,
    AssessmentKind.INDEPENDENT_VISITOR: 1,
}

# Target weeks from application accepted to panel, used for the target panel date when none is given.
TARGET_WEEKS: dict[AssessmentKind, int] = {
    AssessmentKind.MAINSTREAM: 16,
    AssessmentKind.FAST_TRACK: 10,
    AssessmentKind.SUPPORTED_LODGINGS: 12,
    AssessmentKind.INDEPENDENT_VISITOR: 8,
}

# Checks an applicant needs, when a kind needs other checks than people.rules.check_kinds_required;
# members who are not applicants need none for these kinds.
APPLICANT_CHECKS: dict[AssessmentKind, tuple[CheckKind, ...]] = {
    AssessmentKind.INDEPENDENT_VISITOR: (CheckKind.DBS, CheckKind.REFERENCE),
}


class SectionCode(models.TextChoices):
    """The sections of the application form an applicant fills in (``application.SECTIONS`` says how)."""

    PERSONAL = "personal", "Personal details"
    ADDRESSES = "addresses", "Address history"
    GP = "gp", "Your GP"
    EMPLOYERS = "employers", "Employers"
    REFEREES = "referees", "Referees"
    HOUSEHOLD = "household", "Other people in your household"
    CHILDREN_ELSEWHERE = "children_elsewhere", "Children living elsewhere"
    PETS = "pets", "Pets"
    HEALTH = "health", "Health questionnaire"
    CONSENT = "consent", "Consent to checks"


class SectionStatus(models.TextChoices):
    DRAFT = "draft", "In progress"
    SUBMITTED = "submitted", "Sent"
    CHANGE_REQUESTED = "change_requested", "Change asked for"
    ACCEPTED = "accepted", "Accepted"
