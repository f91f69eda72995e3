"""Rates, upratings, fee levels and additional payments: what is refused, with the reason, and what is made."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from tests import builders

from ..models import AdditionalPayment, FeeLevel, Rate, UpratingDecision
from ..services import additional_payment_authorise, fee_level_set, rate_add, uprating_decide
from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(council):
    return builders.staff(council, Role.PAYMENTS_OFFICER)


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5.00")])
def test_a_zero_or_negative_rate_is_refused_beside_the_amount(council, officer, amount):
    with pytest.raises(ValidationError) as refused:
        rate_add(
            organisation=council, key="fee_level_1", valid_from=date(2026, 4, 1), amount=amount, by=officer
        )
    assert refused.value.message_dict == {"amount": ["Enter an amount more than £0.00"]}
    assert not Rate.objects.exists()


def test_an_overlapping_rate_period_is_refused_with_the_rate_it_overlaps(council, officer):
    rate_add(
        organisation=council,
        key="fee_level_1",
        valid_from=date(2025, 4, 1),
        amount=Decimal("150"),
        by=officer,
    )
    with pytest.raises(ValidationError) as refused:
        rate_add(
            organisation=council,
            key="fee_level_1",
            valid_from=date(2026, 1, 1),
            amount=Decimal("160"),
            by=officer,
        )
    assert refused.value.message_dict == {
        "valid_from": [
            "This period overlaps the rate from 1 April 2025 with no end (£150.00): a rate has one amount on each day"
        ]
    }
    assert Rate.objects.count() == 1


def test_the_database_refuses_a_second_open_rate_for_the_same_purpose(council):
    Rate.objects.create(
        organisation=council, key="fee_level_1", valid_from=date(2025, 4, 1), amount=Decimal("150")
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Rate.objects.create(
            organisation=council, key="fee_level_1", valid_from=date(2026, 4, 1), amount=Decimal("9")
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Rate.objects.create(
            organisation=council, key="fee_level_2", valid_from=date(2026, 4, 1), amount=Decimal("0")
        )


def test_an_allowance_below_the_national_minimum_is_refused(council, officer):
    # the national minimum for 11 to 15 from 1 April 2025 is £235 a week (seeded as data)
    with pytest.raises(ValidationError) as refused:
        rate_add(
            organisation=council,
            key="allowance_11_15",
            valid_from=date(2025, 4, 1),
            amount=Decimal("230"),
            by=officer,
        )
    assert refused.value.message_dict == {
        "amount": [
            "£230.00 a week is below the national minimum allowance of £235.00 a week for age 11 to 15 "
            "from 1 April 2025"
        ]
    }
    rate_add(
        organisation=council,
        key="allowance_11_15",
        valid_from=date(2025, 4, 1),
        amount=Decimal("235"),
        by=officer,
    )


def test_an_uprating_decision_ends_the_current_rates_and_creates_next_years(council, officer):
    rate_add(
        organisation=council,
        key="allowance_11_15",
        valid_from=date(2025, 4, 1),
        amount=Decimal("240"),
        by=officer,
    )
    rate_add(
        organisation=council,
        key="fee_level_2",
        valid_from=date(2025, 4, 1),
        amount=Decimal("225"),
        by=officer,
    )
    decision = uprating_decide(
        organisation=council,
        decided_on=date(2026, 2, 17),
        effective_from=date(2026, 4, 1),
        percentage=Decimal("3.5"),
        by=officer,
    )
    rates = {(r.key, r.valid_from): (r.valid_to, r.amount) for r in Rate.objects.all()}
    assert rates == {
        ("allowance_11_15", date(2025, 4, 1)): (date(2026, 3, 31), Decimal("240.00")),
        ("allowance_11_15", date(2026, 4, 1)): (None, Decimal("248.40")),
        ("fee_level_2", date(2025, 4, 1)): (date(2026, 3, 31), Decimal("225.00")),
        ("fee_level_2", date(2026, 4, 1)): (None, Decimal("232.88")),  # 232.875 rounds half up
    }
    assert decision.rates.count() == 2
    assert AuditEvent.objects.filter(verb="rates_uprated").count() == 1


def test_an_uprating_that_leaves_an_allowance_below_the_minimum_is_refused_and_changes_nothing(
    council, officer
):
    rate_add(
        organisation=council,
        key="allowance_11_15",
        valid_from=date(2025, 4, 1),
        amount=Decimal("235"),
        by=officer,
    )
    with pytest.raises(ValidationError) as refused:
        uprating_decide(
            organisation=council,
            decided_on=date(2026, 2, 17),
            effective_from=date(2026, 4, 1),
            percentage=Decimal("1"),
            by=officer,
        )
    assert "below the national minimum allowance of £242.00" in refused.value.message_dict["percentage"][0]
    assert Rate.objects.get().valid_to is None
    assert not UpratingDecision.objects.exists()


def test_a_fee_level_from_a_date_ends_the_current_level_the_day_before(council, officer):
    home = f.household(council, level=1, level_from=date(2024, 1, 10))
    fee_level_set(
        fostering_household=home, level=2, valid_from=date(2026, 2, 1), reason="TSD complete", by=officer
    )
    assert list(FeeLevel.objects.order_by("valid_from").values_list("level", "valid_from", "valid_to")) == [
        (1, date(2024, 1, 10), date(2026, 1, 31)),
        (2, date(2026, 2, 1), None),
    ]
    with pytest.raises(ValidationError) as refused:
        fee_level_set(fostering_household=home, level=3, valid_from=date(2026, 1, 1), by=officer)
    assert refused.value.message_dict == {
        "valid_from": ["The current level 2 started on 1 February 2026: a new level must start after it"]
    }


def test_an_additional_payment_needs_a_positive_amount_and_a_period(council, officer):
    child = f.child(council, date(2013, 6, 1))
    with pytest.raises(ValidationError) as refused:
        additional_payment_authorise(
            child=child,
            valid_from=date(2026, 4, 1),
            valid_to=date(2026, 3, 1),
            weekly_amount=Decimal("40"),
            reason="Therapeutic support",
            review_on=date(2026, 9, 1),
            by=officer,
        )
    assert refused.value.message_dict == {"valid_to": ["The last day must be on or after the first day"]}
    assert not AdditionalPayment.objects.exists()


def test_an_additional_payment_is_paid_to_the_carer_for_the_days_it_is_authorised(
    council, officer, monkeypatch
):
    from ..runs import run_draft

    f.rates(council)
    child = f.child(council, date(2013, 6, 1))
    f.placement(f.household(council), child, date(2026, 2, 1))
    additional_payment_authorise(
        child=child,
        valid_from=date(2026, 3, 10),
        valid_to=date(2026, 6, 30),
        weekly_amount=Decimal("70"),
        reason="Therapeutic support",
        review_on=date(2026, 6, 1),
        by=officer,
    )
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 3, 31))
    run = run_draft(organisation=council, period=date(2026, 3, 1), by=officer)
    extra = run.lines.get(category="additional")
    # 10 to 31 March: 22 nights at £10 = £220
    assert (extra.days, extra.amount) == (22, Decimal("220.00"))
    assert extra.description == (
        "Additional payment for assessed needs for A.B., 10 to 31 March 2026, 22 nights at £10.00 a night "
        "(weekly £70.00, Therapeutic support)"
    )


def test_a_household_with_an_open_payment_query_is_flagged_for_retention(council):
    from fostering.households.retention import registered_retention_flags

    household = f.household(council)
    f.access_records(council, household, f.child(council, date(2013, 6, 1)), carer_user(council))
    flag = registered_retention_flags()["open_payment_queries"]
    assert flag([household], date(2025, 7, 21)) == {
        household.pk: "1 payment query open, the oldest raised on 1 July 2025 (20 days)"
    }


def carer_user(council):
    return builders.staff(council, Role.CARER)
