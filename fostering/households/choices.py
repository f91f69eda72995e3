"""Kinds of carer, placement types in terms of approval, and the household's status pipeline."""

from django.db import models


class CarerType(models.TextChoices):
    MAINSTREAM = "mainstream", "Mainstream foster carer"
    KINSHIP = "kinship", "Kinship (connected person) carer"
    FOSTER_FOR_ADOPTION = "foster_for_adoption", "Foster for adoption"
    SPECIALIST = "specialist", "Specialist carer (One to One, Pathway)"
    SHORT_BREAKS = "short_breaks", "Short breaks carer"
    SUPPORTED_LODGINGS = "supported_lodgings", "Supported lodgings host"


class PlacementType(models.TextChoices):
    """What a household is approved to offer."""

    EMERGENCY = "emergency", "Emergency"
    SHORT_TERM = "short_term", "Short-term"
    LONG_TERM = "long_term", "Long-term / permanent"
    RESPITE = "respite", "Respite"
    SHORT_BREAKS = "short_breaks", "Short breaks"
    PARENT_AND_CHILD = "parent_and_child", "Parent and child"
    ONE_TO_ONE = "one_to_one", "One to One"
    PATHWAY = "pathway", "Pathway (15 and over)"
    FOSTER_FOR_ADOPTION = "foster_for_adoption", "Foster for adoption"
    SUPPORTED_LODGINGS = "supported_lodgings", "Supported lodgings (16 and over)"
    STAYING_PUT = "staying_put", "Staying Put (18 and over)"


class HouseholdStatus(models.TextChoices):
    AVAILABLE = "available", "Available"
    FULL = "full", "Full"
    ON_HOLD = "on_hold", "On hold"
    RESIGNED = "resigned", "Resigned"
    DEREGISTERED = "deregistered", "Deregistered"


OPEN_STATUSES = frozenset({HouseholdStatus.AVAILABLE, HouseholdStatus.FULL, HouseholdStatus.ON_HOLD})
CLOSED_STATUSES = frozenset({HouseholdStatus.RESIGNED, HouseholdStatus.DEREGISTERED})

# The transition table: from each status, where it may go. Closed statuses are final.
TRANSITIONS: dict[HouseholdStatus, frozenset[HouseholdStatus]] = {
    HouseholdStatus.AVAILABLE: frozenset(
        {
            HouseholdStatus.FULL,
            HouseholdStatus.ON_HOLD,
            HouseholdStatus.RESIGNED,
            HouseholdStatus.DEREGISTERED,
        }
    ),
    HouseholdStatus.FULL: frozenset(
        {
            HouseholdStatus.AVAILABLE,
            HouseholdStatus.ON_HOLD,
            HouseholdStatus.RESIGNED,
            HouseholdStatus.DEREGISTERED,
        }
    ),
    HouseholdStatus.ON_HOLD: frozenset(
        {
            HouseholdStatus.AVAILABLE,
            HouseholdStatus.FULL,
            HouseholdStatus.RESIGNED,
            HouseholdStatus.DEREGISTERED,
        }
    ),
    HouseholdStatus.RESIGNED: frozenset(),
    HouseholdStatus.DEREGISTERED: frozenset(),
}
# Moving into these statuses needs a reason.
REASON_REQUIRED = frozenset({HouseholdStatus.ON_HOLD, HouseholdStatus.RESIGNED, HouseholdStatus.DEREGISTERED})


class ReviewKind(models.TextChoices):
    FIRST = "first", "First annual review (goes to panel)"
    ANNUAL = "annual", "Annual review"
    FOLLOWING_CONCERNS = "following_concerns", "Review following concerns (goes to panel)"
