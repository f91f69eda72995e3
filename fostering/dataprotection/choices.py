"""Kinds of record the retention schedule covers, what disposal does to each, and erasure requests."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class RecordKind(models.TextChoices):
    CHILD = "child", "Child's care record"
    HOUSEHOLD = "household", "Foster carer's (household's) record"
    ASSESSMENT = "assessment", "Assessment that did not lead to approval"
    ENQUIRY = "enquiry", "Enquiry that went no further"
    # Not in the schedule: a person record is erased only on an agreed erasure request, once nothing else
    # holds them.
    PERSON = "person", "Person record"


class DisposalAction(models.TextChoices):
    ANONYMISE = "anonymise", "Anonymise (names, contact details and addresses replaced)"
    ERASE = "erase", "Erase (the record is deleted)"


@dataclass(frozen=True)
class Default:
    """The council's starting schedule for one kind of record: what starts the period, and its length."""

    years: int
    action: DisposalAction
    starts_at: str
    basis: str


# The defaults a council starts from (each editable by a manager). Records with statutory value are only
# ever anonymised: the care record is kept to the child's 75th birthday (Care Planning, Placement and Case
# Review (England) Regulations 2010, reg 50), a carer's record 10 years after approval ended (Fostering
# Services (England) Regulations 2011, reg 32(3)).
DEFAULTS: dict[RecordKind, Default] = {
    RecordKind.CHILD: Default(
        75, DisposalAction.ANONYMISE, "years after the date of birth", "CPPCR Regulations 2010, reg 50"
    ),
    RecordKind.HOUSEHOLD: Default(
        10,
        DisposalAction.ANONYMISE,
        "years after the household was deregistered or resigned",
        "Fostering Services (England) Regulations 2011, reg 32(3)",
    ),
    RecordKind.ASSESSMENT: Default(
        3,
        DisposalAction.ANONYMISE,
        "years after the assessment was withdrawn or not approved",
        "Council policy (records of applicants not approved)",
    ),
    RecordKind.ENQUIRY: Default(
        2,
        DisposalAction.ERASE,
        "years after the enquiry closed without going further",
        "Council policy (UK GDPR Article 5(1)(e), storage limitation)",
    ),
}

# What disposal may do to each kind: a record with statutory value is never erased.
ALLOWED_ACTIONS: dict[RecordKind, frozenset[DisposalAction]] = {
    RecordKind.CHILD: frozenset({DisposalAction.ANONYMISE}),
    RecordKind.HOUSEHOLD: frozenset({DisposalAction.ANONYMISE}),
    RecordKind.ASSESSMENT: frozenset({DisposalAction.ANONYMISE}),
    RecordKind.ENQUIRY: frozenset({DisposalAction.ANONYMISE, DisposalAction.ERASE}),
    RecordKind.PERSON: frozenset({DisposalAction.ERASE}),
}
SCHEDULED_KINDS = tuple(DEFAULTS)

# The fewest years a manager may set for each kind (the statutory minimums; local policy above them).
MINIMUM_YEARS: dict[RecordKind, int] = {
    RecordKind.CHILD: 75,
    RecordKind.HOUSEHOLD: 10,
    RecordKind.ASSESSMENT: 1,
    RecordKind.ENQUIRY: 1,
}


class ErasureGrounds(models.TextChoices):
    """UK GDPR Article 17(1)."""

    NO_LONGER_NEEDED = "no_longer_needed", "The data is no longer needed for the purpose it was collected"
    CONSENT_WITHDRAWN = "consent_withdrawn", "They withdrew their consent"
    OBJECTION = "objection", "They object to the processing"
    UNLAWFUL = "unlawful", "The data was processed unlawfully"
    LEGAL_OBLIGATION = "legal_obligation", "Erasure is needed to meet a legal obligation"


class ErasureDecision(models.TextChoices):
    AGREED = "agreed", "Agreed"
    REFUSED = "refused", "Refused"
