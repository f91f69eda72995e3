"""Statuses and outcomes of referrals, holds, external searches and stability work, with transition tables."""

from django.db import models


class ReferralStatus(models.TextChoices):
    OPEN = "open", "Open"
    MATCHED = "matched", "Matched"
    PLACED = "placed", "Placed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    EXTERNAL_SEARCH = "external_search", "External search"


OPEN_REFERRAL_STATUSES = frozenset(
    {ReferralStatus.OPEN, ReferralStatus.MATCHED, ReferralStatus.EXTERNAL_SEARCH}
)

# From each status, where a referral may go. Placed and withdrawn are final; a match that falls
# through goes back to open.
REFERRAL_TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.OPEN: frozenset(
        {ReferralStatus.MATCHED, ReferralStatus.EXTERNAL_SEARCH, ReferralStatus.WITHDRAWN}
    ),
    ReferralStatus.MATCHED: frozenset({ReferralStatus.PLACED, ReferralStatus.OPEN, ReferralStatus.WITHDRAWN}),
    ReferralStatus.EXTERNAL_SEARCH: frozenset(
        {ReferralStatus.PLACED, ReferralStatus.OPEN, ReferralStatus.MATCHED, ReferralStatus.WITHDRAWN}
    ),
    ReferralStatus.PLACED: frozenset(),
    ReferralStatus.WITHDRAWN: frozenset(),
}


class PetsAnswer(models.TextChoices):
    YES = "yes", "Can live with pets"
    NO = "no", "Cannot live with pets"
    NOT_KNOWN = "not_known", "Not known"


class HoldKind(models.TextChoices):
    CHILD = "child", "Kept for a named child"
    REFERRAL = "referral", "Kept for a referral"
    BREAK = "break", "Carers on a break"


class ExternalProviderKind(models.TextChoices):
    IFA = "ifa", "Independent fostering agency"
    RESIDENTIAL = "residential", "Children's home"
    SUPPORTED_ACCOMMODATION = "supported_accommodation", "Supported accommodation (16 and over)"
    OTHER_COUNCIL = "other_council", "Another council's foster carers"
    PARENTS = "parents", "Placed with parents (or others with parental responsibility)"


class ExternalOutcome(models.TextChoices):
    SEARCHING = "searching", "Searching"
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Declined"


class MeetingOutcome(models.TextChoices):
    CONTINUE_WITH_SUPPORT = "continue", "Placement continues with more support"
    DPST = "dpst", "Referred to the Dedicated Placement Support Team"
    PLANNED_MOVE = "planned_move", "Planned move agreed"
    ENDED = "ended", "Placement ended"


class DpstOutcome(models.TextChoices):
    OPEN = "open", "Support continuing"
    STABILISED = "stabilised", "Placement stabilised"
    STEPPED_DOWN = "stepped_down", "Stepped down to family-based care or independence"
    RETURNED_HOME = "returned_home", "Returned to birth family"
    ENDED = "ended", "Placement ended despite support"


class RecordingKind(models.TextChoices):
    NOTE = "note", "Daily or weekly note"
    SIGNIFICANT = "significant", "Significant event"


class EventType(models.TextChoices):
    ACCIDENT = "accident", "Accident or injury"
    MISSING = "missing", "Missing from home"
    ALLEGATION = "allegation", "Allegation made by the child"
    POLICE = "police", "Police involvement"
    HOSPITAL = "hospital", "Hospital visit"
    OTHER = "other", "Something else"


class BreakStatus(models.TextChoices):
    ASKED = "asked", "Asked for"
    CONFIRMED = "confirmed", "Confirmed"
    DECLINED = "declined", "Declined"
