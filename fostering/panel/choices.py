"""Panel roles, the quorum rule, meeting formats and statuses, the kinds of item the panel hears, the
recommendations each kind may receive, and what an agency decision maker's decision does.

The quorum rule is data (``QUORUM``), read by ``quorum_gaps`` for every item: the Fostering Services
(England) Regulations 2011, regulation 25, and the Fostering Services National Minimum Standards 2011,
standard 14, as this service applies them. The panel makes no recommendation unless at least five
members sit for the item, among them the chair or a vice chair, a social worker representative, and an
independent member (an independent or care-experienced member). Advisers and the administrator attend
but are not members for the quorum.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class PanelRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice chair"
    SOCIAL_WORKER = "social_worker", "Social work representative"
    INDEPENDENT = "independent", "Independent member"
    CARE_EXPERIENCED = "care_experienced", "Care-experienced member"
    MEDICAL_ADVISER = "medical_adviser", "Medical adviser"
    PANEL_ADVISER = "panel_adviser", "Panel adviser"
    ADMINISTRATOR = "administrator", "Panel administrator"


@dataclass(frozen=True)
class QuorumRule:
    members_at_least: int
    voting_roles: frozenset[PanelRole]
    # Each requirement: a label and the roles any one of which meets it.
    needs: tuple[tuple[str, frozenset[PanelRole]], ...]


QUORUM = QuorumRule(
    members_at_least=5,
    voting_roles=frozenset(
        {
            PanelRole.CHAIR,
            PanelRole.VICE_CHAIR,
            PanelRole.SOCIAL_WORKER,
            PanelRole.INDEPENDENT,
            PanelRole.CARE_EXPERIENCED,
        }
    ),
    needs=(
        ("the chair or a vice chair", frozenset({PanelRole.CHAIR, PanelRole.VICE_CHAIR})),
        ("a social work representative", frozenset({PanelRole.SOCIAL_WORKER})),
        ("an independent member", frozenset({PanelRole.INDEPENDENT, PanelRole.CARE_EXPERIENCED})),
    ),
)


def quorum_gaps(roles: list[str]) -> list[str]:
    """What the members sitting (their roles) lack for a quorum; empty when quorate."""
    voting = [r for r in roles if r in QUORUM.voting_roles]
    gaps = [label for label, any_of in QUORUM.needs if not any(r in any_of for r in voting)]
    if len(voting) < QUORUM.members_at_least:
        gaps.append(f"at least {QUORUM.members_at_least} members (only {len(voting)} sitting)")
    return gaps


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


MEETINGS_PER_MONTH = 4


class ItemKind(models.TextChoices):
    APPROVAL = "approval", "Approval of an assessment"
    KINSHIP_APPROVAL = "kinship_approval", "Approval of a connected person (kinship) assessment"
    REG25_EXTENSION = "reg25_extension", "Regulation 25 extension of temporary approval"
    FIRST_REVIEW = "first_review", "First annual review"
    FOLLOWING_CONCERNS = "following_concerns", "Review following concerns"
    REFERRED_REVIEW = "referred_review", "Annual review referred to panel"
    TERMS_CHANGE = "terms_change", "Change to terms of approval"
    DEREGISTRATION = "deregistration", "Deregistration (termination of approval)"


# Which subject each kind of item is about (the item's one foreign key that must be set).
SUBJECT_OF: dict[ItemKind, str] = {
    ItemKind.APPROVAL: "assessment",
    ItemKind.KINSHIP_APPROVAL: "kinship_assessment",
    ItemKind.REG25_EXTENSION: "kinship_assessment",
    ItemKind.FIRST_REVIEW: "household_review",
    ItemKind.FOLLOWING_CONCERNS: "household_review",
    ItemKind.REFERRED_REVIEW: "household_review",
    ItemKind.TERMS_CHANGE: "fostering_household",
    ItemKind.DEREGISTRATION: "fostering_household",
}
# An approval item also names the fostering household it approved, once approved.
APPROVAL_ALSO: dict[ItemKind, str] = {
    ItemKind.APPROVAL: "fostering_household",
    ItemKind.KINSHIP_APPROVAL: "fostering_household",
}
SUBJECT_FIELDS = ("assessment", "kinship_assessment", "fostering_household", "household_review")
APPROVAL_KINDS = frozenset({ItemKind.APPROVAL, ItemKind.KINSHIP_APPROVAL})


class Recommendation(models.TextChoices):
    APPROVE = "approve", "Approve with terms"
    DO_NOT_APPROVE = "do_not_approve", "Do not approve"
    DEFER = "defer", "Defer"
    CONTINUE = "continue", "Continue approval"
    TERMINATE = "terminate", "Terminate approval"


R = Recommendation
# The recommendations each kind of item may receive.
ALLOWED: dict[ItemKind, tuple[Recommendation, ...]] = {
    ItemKind.APPROVAL: (R.APPROVE, R.DO_NOT_APPROVE, R.DEFER),
    ItemKind.KINSHIP_APPROVAL: (R.APPROVE, R.DO_NOT_APPROVE, R.DEFER),
    ItemKind.REG25_EXTENSION: (R.APPROVE, R.DO_NOT_APPROVE, R.DEFER),
    ItemKind.FIRST_REVIEW: (R.CONTINUE, R.APPROVE, R.TERMINATE, R.DEFER),
    ItemKind.FOLLOWING_CONCERNS: (R.CONTINUE, R.APPROVE, R.TERMINATE, R.DEFER),
    ItemKind.REFERRED_REVIEW: (R.CONTINUE, R.APPROVE, R.TERMINATE, R.DEFER),
    ItemKind.TERMS_CHANGE: (R.APPROVE, R.CONTINUE, R.DEFER),
    ItemKind.DEREGISTRATION: (R.TERMINATE, R.CONTINUE, R.DEFER),
}
# An approval of a new household, or new terms for an approved one, carries terms of approval.
NEEDS_TERMS = frozenset({R.APPROVE})
# A deferred item goes to a later meeting; it is not for the agency decision maker.
DECIDED_BY_ADM = frozenset({R.APPROVE, R.DO_NOT_APPROVE, R.CONTINUE, R.TERMINATE})
# A decision not to approve, or to terminate, is a qualifying determination: the applicant or carer has
# 28 days to make representations to the panel or apply to the Independent Review Mechanism.
QUALIFYING = frozenset({R.DO_NOT_APPROVE, R.TERMINATE})
REPRESENTATION_DAYS = 28


class Challenge(models.TextChoices):
    NONE = "none", "No representations made within 28 days"
    PANEL = "panel", "Representations to the fostering panel"
    IRM = "irm", "Application to the Independent Review Mechanism"


class ChallengeOutcome(models.TextChoices):
    UPHELD = "upheld", "Recommends the original decision stands"
    OVERTURNED = "overturned", "Recommends a different decision"


class FeedbackFrom(models.TextChoices):
    APPLICANT = "applicant", "Applicant or carer"
    SOCIAL_WORKER = "social_worker", "Social worker presenting"
    OTHER = "other", "Someone else attending"


RATINGS = [(5, "5: very good"), (4, "4: good"), (3, "3: adequate"), (2, "2: poor"), (1, "1: very poor")]
