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


# Kinds of review that go to the fostering panel (and then the agency decision maker) after the review.
PANEL_REVIEW_KINDS = frozenset({ReviewKind.FIRST, ReviewKind.FOLLOWING_CONCERNS})


class ReviewRecommendation(models.TextChoices):
    CONTINUE = "continue", "Continue approval on the same terms"
    CHANGE_TERMS = "change_terms", "Continue approval with a change of terms"
    REFER_TO_PANEL = "refer_to_panel", "Refer to the fostering panel"


class ViewSource(models.TextChoices):
    """Whose views a household review gathers."""

    CHILD_PLACED = "child_placed", "A child placed with the carers"
    CARERS_OWN_CHILD = "carers_own_child", "The carers' own child"
    CHILDS_SOCIAL_WORKER = "childs_social_worker", "The child's social worker"
    IRO = "iro", "The child's independent reviewing officer"
    CARER = "carer", "The carers themselves"
    SSW = "ssw", "The supervising social worker"


class ResignationReason(models.TextChoices):
    """The reasons the service counts in the panel chair's annual report."""

    RETIREMENT = "retirement", "Retirement"
    CHANGE_OF_CIRCUMSTANCES = "change_of_circumstances", "Change of circumstances, including health"
    MOVING_TO_IFA = "moving_to_ifa", "Moving to an independent fostering agency"
    MOVING_TO_ANOTHER_LA = "moving_to_another_la", "Moving to another local authority"
    DISSATISFACTION = "dissatisfaction", "Dissatisfaction with the agency or local authority"
    CHILD_MOVED_ON = (
        "child_moved_on",
        "Connected carer gained an SGO, the child turned 18 or another care plan was agreed",
    )
    OTHER = "other", "Other"


class WouldRecommend(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SAID = "not_said", "Did not say"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"
    ATTENDED = "attended", "Attended"


# Bookings that hold (or wait for) a place: a member has at most one of these per course.
LIVE_BOOKINGS = frozenset({BookingStatus.BOOKED, BookingStatus.WAITING, BookingStatus.ATTENDED})
