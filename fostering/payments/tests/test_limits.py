"""Limits on money: amounts outside the usual range need a manager's deliberate override, recorded in the
audit event; impossible dates are refused outright."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.core.errors import NotAllowed
from tests import builders

from ..models import AdditionalPayment, Rate, UpratingDecision
from ..services import additional_payment_authorise, rate_add, uprating_decide
from . import factories as f

pytestmark = pytest.mark.django_db

CONFIRM = "If it is intended, a service manager must confirm it and give the reason"


@pytest.fixture
def officer(council):
    return builders.staff(council, Role.PAYMENTS_OFFICER)


@pytest.fixture
def current_rates(council, officer):
    for key, amount in (("allowance_11_15", "240"), ("fee_level_2", "225")):
        rate_add(
            organisation=council,
            key=key,
            valid_from=date(2025, 4, 1),
            amount=Decimal(amount),
            by=officer,
        )


def uprate(council, by, percentage: str, **kwargs):
    return uprating_decide(
        organisation=council,
        decided_on=date(2026, 2, 17),
        effective_from=date(2026, 4, 1),
        percentage=Decimal(percentage),
        by=by,
        **kwargs,
    )


def test_an_uprating_of_999_99_per_cent_is_refused_without_an_override_and_changes_nothing(
    council, officer, current_rates
):
    with pytest.raises(ValidationError) as refused:
        uprate(council, officer, "999.99")
    assert refused.value.message_dict["percentage"] == [
        f"999.99% is outside the usual uprating of -10% to 25%. {CONFIRM}",
        "Fostering allowance, age 11 to 15: £2,639.98 a week is more than the usual most of £750.00 a week "
        f"for fostering allowance, age 11 to 15. {CONFIRM}",
        "Carer's fee, skill level 2: £2,474.98 a week is more than the usual most of £1,500.00 a week "
        f"for carer's fee, skill level 2. {CONFIRM}",
    ]
    assert Rate.objects.filter(valid_to__isnull=True, valid_from=date(2025, 4, 1)).count() == 2
    assert not UpratingDecision.objects.exists()


def test_a_payments_officer_cannot_override_the_limits(council, officer, current_rates):
    with pytest.raises(NotAllowed):
        uprate(council, officer, "999.99", override_reason="Typed by mistake? No, intended")
    assert not UpratingDecision.objects.exists()


def test_a_managers_override_lets_it_through_and_the_audit_event_records_it(
    council, service_manager, current_rates
):
    decision = uprate(
        council, service_manager, "30", override_reason="Cabinet decision 12/2026 to close the gap"
    )
    assert sorted(decision.rates.values_list("key", "amount")) == [
        ("allowance_11_15", Decimal("312.00")),
        ("fee_level_2", Decimal("292.50")),
    ]
    event = AuditEvent.objects.get(verb="rates_uprated")
    assert event.actor == service_manager
    assert event.changes["override_reason"] == [None, "Cabinet decision 12/2026 to close the gap"]
    assert event.changes["limits_overridden"] == [
        None,
        ["30.00% is outside the usual uprating of -10% to 25%"],
    ]


def test_an_uprating_within_the_usual_range_needs_no_override_and_may_be_a_cut(council, officer):
    for key, amount in (("allowance_11_15", "260"), ("fee_level_2", "225")):
        rate_add(
            organisation=council, key=key, valid_from=date(2025, 4, 1), amount=Decimal(amount), by=officer
        )
    decision = uprate(council, officer, "-2")
    assert sorted(decision.rates.values_list("key", "amount")) == [
        ("allowance_11_15", Decimal("254.80")),
        ("fee_level_2", Decimal("220.50")),
    ]
    assert "override_reason" not in AuditEvent.objects.get(verb="rates_uprated").changes


@pytest.mark.parametrize("percentage", ["0", "-100", "-150"])
def test_an_uprating_of_nothing_or_to_nothing_is_refused_even_with_an_override(
    council, service_manager, current_rates, percentage
):
    with pytest.raises(ValidationError) as refused:
        uprate(council, service_manager, percentage, override_reason="Intended")
    assert "percentage" in refused.value.message_dict
    assert not UpratingDecision.objects.exists()


def test_a_rate_far_above_the_usual_range_for_its_kind_needs_an_override(council, officer, service_manager):
    with pytest.raises(ValidationError) as refused:
        rate_add(
            organisation=council,
            key="respite_night",
            valid_from=date(2026, 4, 1),
            amount=Decimal("450"),
            by=officer,
        )
    assert refused.value.message_dict["amount"][0] == (
        "£450.00 a night is more than the usual most of £250.00 a night for respite, by the night. " + CONFIRM
    )
    rate = rate_add(
        organisation=council,
        key="respite_night",
        valid_from=date(2026, 4, 1),
        amount=Decimal("450"),
        override_reason="Two carers for a child with complex health needs",
        by=service_manager,
    )
    event = AuditEvent.objects.get(verb="rate_added", record_id=str(rate.pk))
    assert event.changes["override_reason"] == [None, "Two carers for a child with complex health needs"]


def test_an_amount_beyond_any_rate_is_refused_even_with_an_override(council, service_manager):
    with pytest.raises(ValidationError) as refused:
        rate_add(
            organisation=council,
            key="fee_level_1",
            valid_from=date(2026, 4, 1),
            amount=Decimal("245000"),
            override_reason="Intended",
            by=service_manager,
        )
    assert refused.value.message_dict == {
        "amount": ["£245,000.00 a week cannot be right: no rate is more than £10,000.00 a week"]
    }
    assert not Rate.objects.exists()


def test_a_review_date_before_an_additional_payment_starts_is_refused(council, service_manager):
    child = f.child(council, date(2013, 6, 1))
    with pytest.raises(ValidationError) as refused:
        additional_payment_authorise(
            child=child,
            valid_from=date(2026, 4, 1),
            valid_to=date(2026, 9, 30),
            weekly_amount=Decimal("40"),
            reason="Therapeutic support",
            review_on=date(2026, 3, 1),
            override_reason="Intended",
            by=service_manager,
        )
    assert refused.value.message_dict == {"review_on": ["The review date must be on or after the first day"]}
    assert not AdditionalPayment.objects.exists()


def test_a_large_additional_payment_needs_a_managers_override(council, officer, service_manager):
    child = f.child(council, date(2013, 6, 1))
    values: dict[str, Any] = {
        "child": child,
        "valid_from": date(2026, 4, 1),
        "valid_to": date(2026, 9, 30),
        "weekly_amount": Decimal("900"),
        "reason": "Waking night support",
        "review_on": date(2026, 7, 1),
    }
    with pytest.raises(ValidationError) as refused:
        additional_payment_authorise(**values, by=officer)
    assert refused.value.message_dict["weekly_amount"][0].startswith(
        "£900.00 a week is more than the usual most of £500.00 a week for an additional payment"
    )
    payment = additional_payment_authorise(
        **values, override_reason="Agreed at resource panel", by=service_manager
    )
    event = AuditEvent.objects.get(verb="additional_payment_authorised", record_id=str(payment.pk))
    assert event.changes["override_reason"] == [None, "Agreed at resource panel"]


def uprating_form(**values):
    return {
        "decided_on_0": "17",
        "decided_on_1": "2",
        "decided_on_2": "2026",
        "effective_from_0": "1",
        "effective_from_1": "4",
        "effective_from_2": "2026",
        "percentage": "999.99",
        "note": "",
    } | values


def test_the_uprating_page_offers_the_override_only_to_a_manager_and_it_needs_a_reason(
    client, council, officer, service_manager, current_rates
):
    client.force_login(officer)
    page = client.post(reverse("payments:uprating"), uprating_form()).content.decode()
    assert "999.99% is outside the usual uprating" in page
    assert "I confirm this is intended" not in page
    # a crafted confirmation from the officer is not heard
    client.post(reverse("payments:uprating"), uprating_form(override_confirmed="on", override_reason="x"))
    assert not UpratingDecision.objects.exists()

    client.force_login(service_manager)
    page = client.post(reverse("payments:uprating"), uprating_form()).content.decode()
    assert "I confirm this is intended" in page
    page = client.post(reverse("payments:uprating"), uprating_form(override_confirmed="on")).content.decode()
    assert "Give the reason the usual limit does not apply" in page
    assert not UpratingDecision.objects.exists()
    done = client.post(
        reverse("payments:uprating"),
        uprating_form(percentage="30", override_confirmed="on", override_reason="Cabinet decision"),
    )
    assert done.status_code == 302
    assert UpratingDecision.objects.get().percentage == Decimal("30.00")
