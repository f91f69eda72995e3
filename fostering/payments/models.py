"""Rates, fee levels and additional payments (the data entitlements are computed from), and the runs,
lines, ledger, remittances and queries that record what was paid and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from fostering.core.models import OrganisationRecord

from .choices import AgeBand, Category, ClaimKind, ClaimStatus, LineKind, QueryStatus, RateKey, RunStatus


def money(help_text: str = "", default: int | None = None) -> models.DecimalField:
    """Pounds and pence."""
    if default is None:
        return models.DecimalField(max_digits=10, decimal_places=2, help_text=help_text)
    return models.DecimalField(max_digits=10, decimal_places=2, help_text=help_text, default=default)


class NationalMinimumAllowance(models.Model):
    """The national minimum allowance for England for a band, from a date (national data, every council)."""

    band = models.CharField(max_length=5, choices=AgeBand.choices)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    weekly_amount = money()

    class Meta:
        ordering = ["-valid_from", "band"]
        constraints = [
            models.UniqueConstraint(fields=["band", "valid_from"], name="nma_one_per_band_and_start"),
            models.CheckConstraint(condition=Q(weekly_amount__gt=0), name="nma_positive"),
        ]

    def __str__(self) -> str:
        return f"National minimum allowance {self.band} from {self.valid_from}: £{self.weekly_amount}"


class UpratingDecision(OrganisationRecord):
    """A recorded decision to uprate every rate (or set new amounts) from a date."""

    decided_on = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    effective_from = models.DateField()
    percentage = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-effective_from", "-id"]

    def __str__(self) -> str:
        how = f"{self.percentage}%" if self.percentage is not None else "new amounts"
        return f"Uprating from {self.effective_from} ({how})"


class Rate(OrganisationRecord):
    """One amount for one purpose over a period: weekly, or by the night for respite and short breaks."""

    key = models.CharField(max_length=30, choices=RateKey.choices)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text="Empty while it is the current rate.")
    amount = money()
    decision = models.ForeignKey(
        UpratingDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="rates"
    )

    class Meta:
        ordering = ["key", "-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="rate_amount_positive"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="rate_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["organisation", "key"],
                condition=Q(valid_to__isnull=True),
                name="rate_one_open_per_key",
            ),
            models.UniqueConstraint(fields=["organisation", "key", "valid_from"], name="rate_one_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} from {self.valid_from}: £{self.amount}"


class FeeLevel(OrganisationRecord):
    """A household's skill level (1 to 3) for the carer's fee, from a date."""

    fostering_household = models.ForeignKey(
        "households.FosteringHousehold", on_delete=models.PROTECT, related_name="fee_levels"
    )
    level = models.PositiveSmallIntegerField()
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1) & Q(level__lte=3), name="fee_level_1_to_3"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="fee_level_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["fostering_household"], condition=Q(valid_to__isnull=True), name="fee_level_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"Skill level {self.level} from {self.valid_from}"


class AdditionalPayment(OrganisationRecord):
    """A weekly sum for a child's assessed needs, authorised for a period and reviewed; paid to whoever
    cares for the child on each day."""

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="additional_payments")
    valid_from = models.DateField()
    valid_to = models.DateField()
    weekly_amount = money()
    reason = models.CharField(max_length=200)
    authorised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    review_on = models.DateField()

    class Meta:
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(weekly_amount__gt=0), name="additional_positive"),
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")), name="additional_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason} (£{self.weekly_amount} a week)"


class CarerAccess(OrganisationRecord):
    """A carer's sign-in reaches their own household's statements."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="carer_access")
    fostering_household = models.ForeignKey(
        "households.FosteringHousehold", on_delete=models.CASCADE, related_name="carer_access"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "fostering_household"], name="carer_access_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.fostering_household_id}"


class PaymentRun(OrganisationRecord):
    """What is owed for a month (and any earlier month) less what was paid: drafted, approved, committed."""

    period = models.DateField(help_text="The first day of the month paid.")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.DRAFT)
    as_of = models.DateField(help_text="The facts as recorded on this day.")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_on = models.DateField(null=True, blank=True)
    committed_on = models.DateField(null=True, blank=True)
    total = money(default=0)
    line_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-period", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period"],
                condition=Q(status="committed"),
                name="payment_run_one_committed_per_period",
            ),
            models.CheckConstraint(condition=Q(period__day=1), name="payment_run_period_is_a_month"),
        ]

    def __str__(self) -> str:
        return f"Payment run for {self.period:%B %Y}"


class PaymentLine(models.Model):
    """One line of a run: who, which child, what for, which days, at what rate, how much, and why."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(PaymentRun, on_delete=models.CASCADE, related_name="lines")
    fostering_household = models.ForeignKey(
        "households.FosteringHousehold", on_delete=models.PROTECT, related_name="payment_lines"
    )
    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="payment_lines"
    )
    category = models.CharField(max_length=12, choices=Category.choices)
    kind = models.CharField(max_length=12, choices=LineKind.choices)
    rate_key = models.CharField(max_length=30, choices=RateKey.choices, blank=True)
    service_month = models.DateField()
    from_on = models.DateField()
    to_on = models.DateField()
    days = models.PositiveSmallIntegerField()
    rate = money("A week's (or a night's) amount, signed.")
    nightly = models.BooleanField(default=False)
    amount = money()
    description = models.TextField()
    revision = models.PositiveSmallIntegerField(
        default=1,
        help_text="Which payment for this household, child, purpose and month this line is part of.",
    )
    expense_claim = models.ForeignKey(
        "payments.ExpenseClaim",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
        help_text="The expense claim this line pays (a draft run's line may be drafted again).",
    )

    class Meta:
        ordering = ["fostering_household_id", "child_id", "service_month", "from_on", "category", "id"]
        indexes = [
            models.Index(fields=["run", "fostering_household"]),
            models.Index(fields=["organisation", "fostering_household", "service_month"]),
        ]

    def __str__(self) -> str:
        return self.description


class LedgerEntry(models.Model):
    """What a committed run paid for one household, child and purpose in one month of service.

    The revision counts the payments made for that month: two runs that both saw revision 1 as the next
    cannot both commit (the unique key refuses the second), so nothing is paid twice."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(PaymentRun, on_delete=models.PROTECT, related_name="ledger")
    fostering_household = models.ForeignKey(
        "households.FosteringHousehold", on_delete=models.PROTECT, related_name="+"
    )
    child_key = models.PositiveIntegerField(help_text="The child's id, or 0 for a household payment.")
    category = models.CharField(max_length=12, choices=Category.choices)
    service_month = models.DateField()
    revision = models.PositiveSmallIntegerField()
    amount = money()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "organisation",
                    "fostering_household",
                    "child_key",
                    "category",
                    "service_month",
                    "revision",
                ],
                name="ledger_pays_each_month_once_per_revision",
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.service_month} #{self.revision}: £{self.amount}"


class Remittance(models.Model):
    """A household's statement for one committed run."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(PaymentRun, on_delete=models.CASCADE, related_name="remittances")
    fostering_household = models.ForeignKey(
        "households.FosteringHousehold", on_delete=models.PROTECT, related_name="remittances"
    )
    total = money()
    line_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-run__period", "fostering_household_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "fostering_household"], name="remittance_one_per_household"
            )
        ]

    def __str__(self) -> str:
        return f"Statement for {self.run.period:%B %Y}"


class PaymentQuery(OrganisationRecord):
    """A carer's or social worker's question about a line, tracked to an answer."""

    line = models.ForeignKey(PaymentLine, on_delete=models.PROTECT, related_name="queries")
    raised_on = models.DateField()
    question = models.TextField()
    status = models.CharField(max_length=10, choices=QueryStatus.choices, default=QueryStatus.OPEN)
    answer = models.TextField(blank=True)
    answered_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["raised_on", "id"]
        verbose_name_plural = "payment queries"
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"Query raised {self.raised_on}"


class MileageRate(OrganisationRecord):
    """What the council pays a mile for a carer's journeys, from a date (the latest start on or before the
    day of the journey applies)."""

    valid_from = models.DateField()
    per_mile = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(per_mile__gt=0), name="mileage_rate_positive"),
            models.UniqueConstraint(fields=["organisation", "valid_from"], name="mileage_rate_one_per_start"),
        ]

    def __str__(self) -> str:
        return f"Mileage from {self.valid_from}: £{self.per_mile} a mile"


class ExpenseClaim(OrganisationRecord):
    """A carer's claim for an expense (mileage at the council's rate, or an amount with its receipt): the
    supervising social worker approves or refuses it, and the next committed run pays it as its own line."""

    fostering_household = models.ForeignKey(
        "households.FosteringHousehold", on_delete=models.PROTECT, related_name="expense_claims"
    )
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=ClaimKind.choices)
    spent_on = models.DateField(help_text="The day of the journey or the expense.")
    miles = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    per_mile = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    amount = money()
    description = models.TextField()
    receipt = models.FileField(max_length=300, blank=True)
    receipt_name = models.CharField(max_length=255, blank=True)
    receipt_type = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True)
    paid_line = models.OneToOneField(
        PaymentLine, on_delete=models.PROTECT, null=True, blank=True, related_name="paid_claim"
    )

    class Meta:
        ordering = ["-spent_on", "-id"]
        indexes = [models.Index(fields=["organisation", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="expense_claim_positive"),
            models.CheckConstraint(
                condition=Q(status="paid", paid_line__isnull=False)
                | (~Q(status="paid") & Q(paid_line__isnull=True)),
                name="expense_claim_paid_by_one_line",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} claim of {self.spent_on}: £{self.amount}"
