from __future__ import annotations

from django.db import models

from fostering.core.models import OrganisationRecord
from fostering.households.choices import PlacementType

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
