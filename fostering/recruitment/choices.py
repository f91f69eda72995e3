"""Channels, sources, the enquiry's stage pipeline (a transition table) and the outcomes of recruitment."""

from django.db import models


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    SOCIAL_MEDIA = "social_media", "Social media"
    EVENT = "event", "At an event"
    WEB = "web", "Website form"


class SourceKind(models.TextChoices):
    CAMPAIGN = "campaign", "Campaign"
    SOURCE = "source", "Source"


class EnquiryStage(models.TextChoices):
    NEW = "new", "New"
    RESPONDED = "responded", "Responded"
    EVENT_BOOKED = "event_booked", "Event booked"
    EVENT_ATTENDED = "event_attended", "Event attended"
    SCREENING = "screening", "Screening call held"
    INITIAL_VISIT = "initial_visit", "Initial visit held"
    PROGRESSED = "progressed", "Decided: progress to assessment"
    NOT_NOW = "not_now", "Decided: not now"
    NOT_SUITABLE = "not_suitable", "Decided: not suitable"
    WITHDRAWN = "withdrawn", "Closed or withdrawn"


CLOSED_STAGES = frozenset(
    {EnquiryStage.PROGRESSED, EnquiryStage.NOT_NOW, EnquiryStage.NOT_SUITABLE, EnquiryStage.WITHDRAWN}
)
OPEN_STAGES = frozenset(EnquiryStage) - CLOSED_STAGES

_ENDINGS = frozenset({EnquiryStage.NOT_NOW, EnquiryStage.NOT_SUITABLE, EnquiryStage.WITHDRAWN})

# The transition table: from each stage, where an enquiry may go. Closed stages are final.
TRANSITIONS: dict[EnquiryStage, frozenset[EnquiryStage]] = {
    EnquiryStage.NEW: frozenset({EnquiryStage.RESPONDED, EnquiryStage.WITHDRAWN}),
    EnquiryStage.RESPONDED: frozenset(
        {EnquiryStage.EVENT_BOOKED, EnquiryStage.SCREENING, EnquiryStage.WITHDRAWN}
    ),
    EnquiryStage.EVENT_BOOKED: frozenset(
        {EnquiryStage.EVENT_ATTENDED, EnquiryStage.RESPONDED, EnquiryStage.SCREENING, EnquiryStage.WITHDRAWN}
    ),
    EnquiryStage.EVENT_ATTENDED: frozenset({EnquiryStage.SCREENING, EnquiryStage.WITHDRAWN}),
    EnquiryStage.SCREENING: frozenset({EnquiryStage.INITIAL_VISIT} | _ENDINGS),
    EnquiryStage.INITIAL_VISIT: frozenset({EnquiryStage.PROGRESSED} | _ENDINGS),
    EnquiryStage.PROGRESSED: frozenset(),
    EnquiryStage.NOT_NOW: frozenset(),
    EnquiryStage.NOT_SUITABLE: frozenset(),
    EnquiryStage.WITHDRAWN: frozenset(),
}
# Moving into these stages needs a reason.
REASON_REQUIRED = _ENDINGS


class ScreeningOutcome(models.TextChoices):
    OFFER_VISIT = "offer_visit", "Offer an initial visit"
    NOT_NOW = "not_now", "Not now"
    NOT_SUITABLE = "not_suitable", "Not suitable"


class Decision(models.TextChoices):
    PROGRESS = "progress", "Progress to assessment"
    NOT_NOW = "not_now", "Not now"
    NOT_SUITABLE = "not_suitable", "Not suitable"


DECISION_STAGE = {
    Decision.PROGRESS: EnquiryStage.PROGRESSED,
    Decision.NOT_NOW: EnquiryStage.NOT_NOW,
    Decision.NOT_SUITABLE: EnquiryStage.NOT_SUITABLE,
}


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"


class Attendance(models.TextChoices):
    BOOKED = "booked", "Booked"
    ATTENDED = "attended", "Attended"
    NO_SHOW = "no_show", "Did not attend"


class ResponseStatus(models.TextChoices):
    """How the working list filters open enquiries (each row also shows its clock: overdue, due soon)."""

    AWAITING = "awaiting", "Awaiting response"
    RESPONDED = "responded", "Responded"
