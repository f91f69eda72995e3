"""Kinds of kinship assessment, their stages (a transition table), outcomes, and what a Regulation 25
extension needs before it is granted (a requirements list: it drives both the checklist and the guard)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class KinshipAssessmentKind(models.TextChoices):
    CONNECTED_PERSON = "connected_person", "Initial viability, then full connected person assessment (Form C)"
    SGO = "sgo", "Special guardianship (SGO) assessment only"
    ALL_OPTIONS = "all_options", "All options assessment"


class KinshipStage(models.TextChoices):
    VIABILITY = "viability", "Initial viability assessment"
    FULL_ASSESSMENT = "full_assessment", "Full assessment"
    AWAITING_DECISION = "awaiting_decision", "Awaiting panel or court"
    CONCLUDED = "concluded", "Concluded"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The API's OpenAPI document names each enum by its class name, so these are named apart from
# ``assessments.choices.AssessmentKind`` and ``Stage`` (ADR 9); this app's code keeps the short names.
AssessmentKind = KinshipAssessmentKind
Stage = KinshipStage

OPEN_STAGES = frozenset({Stage.VIABILITY, Stage.FULL_ASSESSMENT, Stage.AWAITING_DECISION})
CLOSED_STAGES = frozenset({Stage.CONCLUDED, Stage.WITHDRAWN})

# Where each kind starts: a connected person assessment starts with the initial viability assessment.
FIRST_STAGE: dict[AssessmentKind, Stage] = {
    AssessmentKind.CONNECTED_PERSON: Stage.VIABILITY,
    AssessmentKind.SGO: Stage.FULL_ASSESSMENT,
    AssessmentKind.ALL_OPTIONS: Stage.FULL_ASSESSMENT,
}

# The transition table. Concluded and withdrawn are reached by recording the outcome (or withdrawing), so
# the stage form offers only the moves between open stages.
TRANSITIONS: dict[Stage, frozenset[Stage]] = {
    Stage.VIABILITY: frozenset({Stage.FULL_ASSESSMENT, Stage.CONCLUDED, Stage.WITHDRAWN}),
    Stage.FULL_ASSESSMENT: frozenset({Stage.AWAITING_DECISION, Stage.CONCLUDED, Stage.WITHDRAWN}),
    Stage.AWAITING_DECISION: frozenset({Stage.FULL_ASSESSMENT, Stage.CONCLUDED, Stage.WITHDRAWN}),
    Stage.CONCLUDED: frozenset(),
    Stage.WITHDRAWN: frozenset(),
}


class Outcome(models.TextChoices):
    APPROVED_CONNECTED_CARER = "approved_connected_carer", "Approved as a connected person foster carer"
    SGO = "sgo", "Special guardianship order made"
    CHILD_ARRANGEMENTS_ORDER = "child_arrangements_order", "Child arrangements order made"
    NEGATIVE = "negative", "Negative assessment"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Outcomes a decision may record from each open stage (withdrawal has its own page). A viability
# assessment can only end negative: a positive one goes on to the full assessment.
DECISION_OUTCOMES: dict[Stage, frozenset[Outcome]] = {
    Stage.VIABILITY: frozenset({Outcome.NEGATIVE}),
    Stage.FULL_ASSESSMENT: frozenset(
        {Outcome.APPROVED_CONNECTED_CARER, Outcome.SGO, Outcome.CHILD_ARRANGEMENTS_ORDER, Outcome.NEGATIVE}
    ),
    Stage.AWAITING_DECISION: frozenset(
        {Outcome.APPROVED_CONNECTED_CARER, Outcome.SGO, Outcome.CHILD_ARRANGEMENTS_ORDER, Outcome.NEGATIVE}
    ),
}


@dataclass(frozen=True)
class Requirement:
    """One condition of a Regulation 25 extension: met when the assessment's ``field`` holds a date."""

    code: str
    label: str
    field: str


REG25_REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("panel_views", "The fostering panel's views sought", "panel_views_sought_on"),
    Requirement(
        "iro_informed", "The child's independent reviewing officer (IRO) informed", "iro_informed_on"
    ),
    Requirement("nominated_officer", "The nominated officer's approval", "nominated_officer_approved_on"),
)
