"""Codes of the payments part: what a rate is for, the age bands, the kinds of line, run and query stages."""

from __future__ import annotations

from django.db import models


class RateKey(models.TextChoices):
    ALLOWANCE_0_4 = "allowance_0_4", "Fostering allowance, age 0 to 4"
    ALLOWANCE_5_10 = "allowance_5_10", "Fostering allowance, age 5 to 10"
    ALLOWANCE_11_15 = "allowance_11_15", "Fostering allowance, age 11 to 15"
    ALLOWANCE_16_17 = "allowance_16_17", "Fostering allowance, age 16 to 17"
    FEE_LEVEL_1 = "fee_level_1", "Carer's fee, skill level 1"
    FEE_LEVEL_2 = "fee_level_2", "Carer's fee, skill level 2"
    FEE_LEVEL_3 = "fee_level_3", "Carer's fee, skill level 3"
    ONE_TO_ONE_FEE = "one_to_one_fee", "One to One fee"
    ONE_TO_ONE_RETAINER = "one_to_one_retainer", "One to One retainer between placements"
    PATHWAY_FEE = "pathway_fee", "Pathway fee"
    PARENT_AND_CHILD_FEE = "parent_and_child_fee", "Parent and child fee"
    RESPITE_NIGHT = "respite_night", "Respite, by the night"
    SHORT_BREAKS_NIGHT = "short_breaks_night", "Short breaks, by the night"
    SUPPORTED_LODGINGS = "supported_lodgings", "Supported lodgings"
    STAYING_PUT = "staying_put", "Staying Put"
    ALLEGATION_RETAINER = "allegation_retainer", "Allegation retainer (reduced weekly sum)"


# Rates paid by the night; every other rate is a weekly sum.
NIGHTLY_KEYS = frozenset({RateKey.RESPITE_NIGHT, RateKey.SHORT_BREAKS_NIGHT})


class AgeBand(models.TextChoices):
    AGE_0_4 = "0-4", "age 0 to 4"
    AGE_5_10 = "5-10", "age 5 to 10"
    AGE_11_15 = "11-15", "age 11 to 15"
    AGE_16_17 = "16-17", "age 16 to 17"


BAND_RATE: dict[AgeBand, RateKey] = {
    AgeBand.AGE_0_4: RateKey.ALLOWANCE_0_4,
    AgeBand.AGE_5_10: RateKey.ALLOWANCE_5_10,
    AgeBand.AGE_11_15: RateKey.ALLOWANCE_11_15,
    AgeBand.AGE_16_17: RateKey.ALLOWANCE_16_17,
}
ALLOWANCE_KEYS = frozenset(BAND_RATE.values())
FEE_LEVEL_RATE = {1: RateKey.FEE_LEVEL_1, 2: RateKey.FEE_LEVEL_2, 3: RateKey.FEE_LEVEL_3}


class Category(models.TextChoices):
    """What a payment line pays for."""

    ALLOWANCE = "allowance", "Fostering allowance"
    FEE = "fee", "Carer's fee"
    SCHEME_FEE = "scheme_fee", "Specialist scheme fee"
    NIGHTS = "nights", "Respite and short breaks"
    LODGINGS = "lodgings", "Supported lodgings and Staying Put"
    ADDITIONAL = "additional", "Additional payment for assessed needs"
    RETAINER = "retainer", "Retainer"
    EXPENSES = "expenses", "Expenses claimed"


class LineKind(models.TextChoices):
    NORMAL = "normal", "Payment"
    ARREARS = "arrears", "Arrears"
    RECOVERY = "recovery", "Recovery"
    ADJUSTMENT = "adjustment", "Rounding adjustment"


class RunStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    COMMITTED = "committed", "Committed"
    DISCARDED = "discarded", "Discarded"


RUN_TRANSITIONS: dict[str, frozenset[str]] = {
    RunStatus.DRAFT: frozenset({RunStatus.APPROVED, RunStatus.DISCARDED}),
    RunStatus.APPROVED: frozenset({RunStatus.COMMITTED, RunStatus.DISCARDED}),
    RunStatus.COMMITTED: frozenset(),
    RunStatus.DISCARDED: frozenset(),
}


class QueryStatus(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"


QUERY_TRANSITIONS: dict[str, frozenset[str]] = {
    QueryStatus.OPEN: frozenset({QueryStatus.ANSWERED, QueryStatus.CLOSED}),
    QueryStatus.ANSWERED: frozenset({QueryStatus.OPEN, QueryStatus.CLOSED}),
    QueryStatus.CLOSED: frozenset(),
}


class ClaimKind(models.TextChoices):
    MILEAGE = "mileage", "Mileage"
    OTHER = "other", "Other expense"


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for a decision"
    APPROVED = "approved", "Approved, to be paid"
    REFUSED = "refused", "Refused"
    PAID = "paid", "Paid"
