from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core.models import OrganisationRecord
from fostering.households.choices import PlacementType

from .choices import (
    BreakStatus,
    DpstOutcome,
    EventType,
    ExternalOutcome,
    ExternalProviderKind,
    HoldKind,
    MeetingOutcome,
    PetsAnswer,
    RecordingKind,
    ReferralStatus,
)
from .codes import PlaceCode, ProviderCode, ReasonPlaceChange, StartKind


class Placement(OrganisationRecord):
    """Where a child lives, from a day to a day: the fact the 903 episodes and the carers' payments follow.

    An in-house foster placement names the approved household (``fostering_household``); an external one
    names the provider and its weekly cost. A child has one placement at a time (the services refuse an
    overlap). ``ended_on`` is the day the child left, as the 903 dates an episode's end (DEC) and the next
    one's start (DECOM): a placement from Monday to Friday is four nights, and a move on Friday starts the
    next placement that Friday. ``reason_place_change`` says why it ended when the child moved on.
    """

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="placements")
    period_of_care = models.ForeignKey(
        "children.PeriodOfCare",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        help_text="Empty for a Staying Put arrangement, which is not care.",
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    planned_end_on = models.DateField(null=True, blank=True)
    start_kind = models.CharField(max_length=10, choices=StartKind.choices, default=StartKind.PLANNED)
    placement_type = models.CharField(
        max_length=30,
        choices=PlacementType.choices,
        help_text="What the carers are providing (and paid for).",
    )
    place = models.CharField(
        "Placement type (903 PLACE)", max_length=3, choices=PlaceCode.choices, blank=True
    )
    provider = models.CharField(
        "Provider (903 PLACE_PROVIDER)", max_length=3, choices=ProviderCode.choices, blank=True
    )
    fostering_household = models.ForeignKey(
        "households.FosteringHousehold",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )
    provider_name = models.CharField(
        max_length=200, blank=True, help_text="For a placement outside our carers."
    )
    provider_urn = models.CharField("Ofsted URN", max_length=8, blank=True)
    weekly_cost = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    postcode = models.CharField("Placement postcode", max_length=8, blank=True)
    reason_place_change = models.CharField(max_length=6, choices=ReasonPlaceChange.choices, blank=True)
    ended_recorded_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the end was recorded (a late record means arrears or recovery).",
    )
    step_down = models.BooleanField(
        "Step-down from residential care",
        default=False,
        help_text="A move from a children's home or residential care into a family placement.",
    )

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="placement_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(weekly_cost__isnull=True) | models.Q(weekly_cost__gte=0),
                name="placement_cost_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "started_on"]),
            models.Index(fields=["fostering_household", "started_on"]),
            models.Index(fields=["organisation", "started_on", "ended_on"]),
        ]

    def __str__(self) -> str:
        where = self.provider_name or (str(self.fostering_household) if self.fostering_household_id else "")
        return f"{self.get_placement_type_display()} from {self.started_on}" + (
            f" with {where}" if where else ""
        )


class Referral(OrganisationRecord):
    """A request for a placement for a child (Placements Data Standard v2), worked by the duty team."""

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="referrals")
    referred_on = models.DateField()
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    start_kind = models.CharField(
        "Planned or emergency", max_length=10, choices=StartKind.choices, default=StartKind.PLANNED
    )
    latest_start_on = models.DateField("Latest start date")
    placement_type = models.CharField(max_length=30, choices=PlacementType.choices)
    siblings = models.ManyToManyField(
        "children.Child",
        blank=True,
        related_name="+",
        help_text="Brothers and sisters to be placed together.",
    )
    preferred_postcode_sector = models.CharField(
        "Preferred location (postcode sector)", max_length=8, blank=True, help_text="For example, LE3 8"
    )
    keep_same_school = models.BooleanField("Keep the same school", default=True)
    communication_needs = models.TextField(blank=True)
    cultural_needs = models.TextField("Cultural, religious and language needs", blank=True)
    lives_alongside = models.TextField(
        "Who the child can live alongside", blank=True, help_text="Ages and sexes of other children, adults."
    )
    pets = models.CharField(max_length=10, choices=PetsAnswer.choices, default=PetsAnswer.NOT_KNOWN)
    risks = models.JSONField(default=list, blank=True, help_text="Codes from RiskItem known to be present.")
    additional_support = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.OPEN)
    status_changed_on = models.DateField(null=True, blank=True)
    status_reason = models.TextField(blank=True)
    placement = models.ForeignKey(
        "placements.Placement", on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals"
    )

    class Meta:
        ordering = ["latest_start_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latest_start_on__gte=models.F("referred_on")),
                name="referral_latest_start_after_referral",
            )
        ]
        indexes = [models.Index(fields=["organisation", "status", "latest_start_on"])]

    def __str__(self) -> str:
        return f"{self.child.person}, referred {self.referred_on.day} {self.referred_on:%B %Y}"


class VacancyHold(OrganisationRecord):
    """A place kept free (for a named child or a referral) or not offered (the carers on a break) until a date.

    Released early by setting ``released_on``; kept afterwards as the household's hold history."""

    fostering_household = models.ForeignKey(
        "households.FosteringHousehold", on_delete=models.CASCADE, related_name="vacancy_holds"
    )
    kind = models.CharField(max_length=10, choices=HoldKind.choices)
    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, null=True, blank=True, related_name="holds"
    )
    held_from = models.DateField()
    held_until = models.DateField()
    reason = models.TextField()
    released_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-held_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(held_until__gte=models.F("held_from")), name="hold_until_after_from"
            )
        ]
        indexes = [models.Index(fields=["fostering_household", "held_until"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.held_from} to {self.held_until}"

    def active_on(self, day: object) -> bool:
        return (
            self.held_from <= day <= self.held_until  # type: ignore[operator]
            and (self.released_on is None or self.released_on > day)  # type: ignore[operator]
        )


class MatchDecision(OrganisationRecord):
    """The duty team's choice of household for a referral: why, what the carers were told, and when."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="matches")
    fostering_household = models.ForeignKey(
        "households.FosteringHousehold", on_delete=models.PROTECT, related_name="matches"
    )
    decided_on = models.DateField()
    reasons = models.TextField(help_text="The ranking's explanation at the time of the decision.")
    information_shared = models.TextField("Information shared with the carers")
    information_shared_on = models.DateField("Date the information was shared")
    met_child_before = models.BooleanField("The carers met the child before the move", default=False)
    withdrawn_on = models.DateField(null=True, blank=True, help_text="The match fell through on this date.")

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"Matched with {self.fostering_household} on {self.decided_on}"


class ExternalSearch(OrganisationRecord):
    """A search outside the council's own carers when none fits: the provider found and its weekly cost."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="external_searches")
    searched_on = models.DateField()
    provider_kind = models.CharField(max_length=30, choices=ExternalProviderKind.choices)
    provider_name = models.CharField(max_length=200)
    provider_urn = models.CharField("Ofsted URN", max_length=8, blank=True)
    postcode = models.CharField("Placement postcode", max_length=8, blank=True)
    weekly_cost = models.DecimalField(max_digits=9, decimal_places=2)
    outcome = models.CharField(
        max_length=10, choices=ExternalOutcome.choices, default=ExternalOutcome.SEARCHING
    )
    placement = models.ForeignKey(
        Placement, on_delete=models.SET_NULL, null=True, blank=True, related_name="external_searches"
    )

    class Meta:
        verbose_name_plural = "external searches"
        ordering = ["-searched_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weekly_cost__gte=0), name="external_cost_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.provider_name} at {self.weekly_cost} a week"


class StabilityMeeting(OrganisationRecord):
    """A placement stability meeting held when a placement is at risk."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="stability_meetings")
    held_on = models.DateField()
    attendees = models.TextField()
    outcome = models.CharField(max_length=20, choices=MeetingOutcome.choices)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Stability meeting on {self.held_on}"


class DpstReferral(OrganisationRecord):
    """Support from the Dedicated Placement Support Team for a placement, and what came of it."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="dpst_referrals")
    referred_on = models.DateField()
    reason = models.TextField()
    outcome = models.CharField(max_length=20, choices=DpstOutcome.choices, default=DpstOutcome.OPEN)
    outcome_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "DPST referral"
        ordering = ["-referred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome_on__isnull=True)
                | models.Q(outcome_on__gte=models.F("referred_on")),
                name="dpst_outcome_after_referral",
            )
        ]

    def __str__(self) -> str:
        return f"DPST referral on {self.referred_on}"


class CarerRecording(OrganisationRecord):
    """What a carer wrote about a child placed with them: a daily or weekly note, or a significant event.

    It belongs to the placement. A significant event waits on the My work of the household's supervising
    social worker and of the child's social worker until each has read it."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="carer_recordings")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="carer_recordings")
    kind = models.CharField(max_length=12, choices=RecordingKind.choices)
    event_type = models.CharField(max_length=12, choices=EventType.choices, blank=True)
    happened_on = models.DateField()
    text = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    ssw_read_at = models.DateTimeField(null=True, blank=True)
    child_sw_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-happened_on", "-recorded_at", "-id"]
        indexes = [models.Index(fields=["child", "happened_on"])]

    def __str__(self) -> str:
        what = self.get_event_type_display() if self.kind == RecordingKind.SIGNIFICANT else "Note"
        return f"{what}, {self.happened_on:%d %B %Y}"


class BreakRequest(OrganisationRecord):
    """Carers asking for a break (respite) from one day to another. Confirmed, it holds their places in the
    vacancy register (``hold``, a hold of the break kind)."""

    fostering_household = models.ForeignKey(
        "households.FosteringHousehold", on_delete=models.CASCADE, related_name="break_requests"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.TextField()
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_on = models.DateField()
    status = models.CharField(max_length=10, choices=BreakStatus.choices, default=BreakStatus.ASKED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    hold = models.OneToOneField(
        VacancyHold, on_delete=models.SET_NULL, null=True, blank=True, related_name="break_request"
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="break_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"Break from {self.starts_on:%d %B %Y} to {self.ends_on:%d %B %Y}"
