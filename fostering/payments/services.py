"""The write side of rates, fee levels, additional payments and queries. Runs are in ``runs.py``."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, has_perm, require
from fostering.accounts.roles import Role
from fostering.audit.services import created_changes, record_event
from fostering.children.models import Child
from fostering.core import clock
from fostering.households.models import FosteringHousehold

from . import limits
from .choices import ALLOWANCE_KEYS, BAND_RATE, QUERY_TRANSITIONS, QueryStatus, RateKey
from .describe import day_text, pounds
from .models import (
    AdditionalPayment,
    CarerAccess,
    FeeLevel,
    NationalMinimumAllowance,
    PaymentLine,
    PaymentQuery,
    Rate,
    UpratingDecision,
)

BAND_OF = {key: band for band, key in BAND_RATE.items()}
RATE_FIELDS = ["key", "valid_from", "valid_to", "amount"]


def _positive(amount: Decimal | None, field: str = "amount") -> None:
    if amount is None or amount <= 0:
        raise ValidationError({field: "Enter an amount more than £0.00"})


def _below_minimum(key: str, amount: Decimal, on: date) -> str:
    if key not in ALLOWANCE_KEYS:
        return ""
    band = BAND_OF[RateKey(key)]
    minimum = (
        NationalMinimumAllowance.objects.filter(band=band, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
        .first()
    )
    if minimum and amount < minimum.weekly_amount:
        return (
            f"{pounds(amount)} a week is below the national minimum allowance of {pounds(minimum.weekly_amount)} "
            f"a week for {band.label} from {day_text(minimum.valid_from)}"
        )
    return ""


def _overlapping(organisation_id: int, key: str, valid_from: date, valid_to: date | None) -> Rate | None:
    rates = Rate.objects.filter(organisation_id=organisation_id, key=key).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from)
    )
    if valid_to is not None:
        rates = rates.filter(valid_from__lte=valid_to)
    return rates.order_by("valid_from").first()


def _save_rate(
    rate: Rate, by: User | None, *, note: str = "", override: dict[str, Any] | None = None
) -> Rate:
    rate.stamp(by)
    rate.save()
    changes = created_changes(rate, RATE_FIELDS) | (override or {})
    record_event(actor=by, verb="rate_added", obj=rate, changes=changes, note=note)
    return rate


@transaction.atomic
def rate_add(
    *,
    organisation: Organisation,
    key: str,
    valid_from: date,
    valid_to: date | None = None,
    amount: Decimal,
    override_reason: str = "",
    by: User | None,
) -> Rate:
    """A new rate for a period. Periods of one rate never overlap, and no allowance is below the minimum.

    An amount outside the usual range for its purpose needs a manager's ``override_reason`` (``limits``).
    """
    require(by, Perm.MANAGE_PAYMENTS, organisation.pk)
    _positive(amount)
    outside = limits.rate_outside(key, amount)
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": "The last day must be on or after the first day"})
    clash = _overlapping(organisation.pk, key, valid_from, valid_to)
    if clash:
        ends = f"to {day_text(clash.valid_to)}" if clash.valid_to else "with no end"
        raise ValidationError(
            {
                "valid_from": f"This period overlaps the rate from {day_text(clash.valid_from)} {ends} "
                f"({pounds(clash.amount)}): a rate has one amount on each day"
            }
        )
    below = _below_minimum(key, amount, valid_from)
    if below:
        raise ValidationError({"amount": below})
    override = limits.allow(
        {"amount": [outside]}, override_reason=override_reason, by=by, organisation_id=organisation.pk
    )
    return _save_rate(
        Rate(organisation=organisation, key=key, valid_from=valid_from, valid_to=valid_to, amount=amount),
        by,
        override=override,
    )


@transaction.atomic
def uprating_decide(
    *,
    organisation: Organisation,
    decided_on: date,
    effective_from: date,
    percentage: Decimal | None = None,
    amounts: dict[str, Decimal] | None = None,
    note: str = "",
    override_reason: str = "",
    by: User | None,
) -> UpratingDecision:
    """Next year's rates from a recorded decision: every current rate by a percentage, or new amounts.

    Each current rate ends the day before ``effective_from``; new rates start that day, rounded to pennies.
    A percentage outside the usual range, or a new amount outside its purpose's, needs a manager's
    ``override_reason`` (``limits``): the decision's audit event records it.
    """
    require(by, Perm.MANAGE_PAYMENTS, organisation.pk)
    amounts = dict(amounts or {})
    if percentage is None and not amounts:
        raise ValidationError({"percentage": "Enter the percentage, or the new amounts"})
    if percentage is not None and percentage == 0:
        raise ValidationError(
            {"percentage": "Enter a percentage other than 0: an uprating of 0% changes nothing"}
        )
    if percentage is not None and percentage <= -100:
        raise ValidationError({"percentage": "Enter a percentage more than -100: rates cannot fall to £0.00"})
    outside: dict[str, list[str]] = {"percentage": [], "amounts": []}
    if percentage is not None and (why := limits.uprating_outside(percentage)):
        outside["percentage"].append(why)
    current = list(
        Rate.objects.select_for_update()
        .filter(organisation=organisation, valid_to__isnull=True, valid_from__lt=effective_from)
        .order_by("key")
    )
    if not current:
        raise ValidationError(
            {"effective_from": "There are no current rates starting before this date to uprate"}
        )
    later = Rate.objects.filter(organisation=organisation, valid_from__gte=effective_from).first()
    if later:
        raise ValidationError(
            {
                "effective_from": f"Rates from {day_text(later.valid_from)} are already recorded: choose a later date"
            }
        )
    new_amounts: list[tuple[Rate, Decimal]] = []
    for rate in current:
        amount = amounts.get(rate.key)
        if amount is None and percentage is not None:
            amount = (rate.amount * (1 + percentage / 100)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if amount is None:
            continue
        field = "percentage" if percentage is not None else "amounts"
        _positive(amount, field)
        try:
            why = limits.rate_outside(rate.key, amount)
        except ValidationError as error:
            raise ValidationError({field: f"{rate.get_key_display()}: {error.messages[0]}"}) from None
        if why:
            outside[field].append(f"{rate.get_key_display()}: {why}")
        new_amounts.append((rate, amount))
    override = limits.allow(outside, override_reason=override_reason, by=by, organisation_id=organisation.pk)
    decision = UpratingDecision(
        organisation=organisation,
        decided_on=decided_on,
        decided_by=by if getattr(by, "is_authenticated", False) else None,
        effective_from=effective_from,
        percentage=percentage,
        note=note,
    )
    decision.stamp(by)
    decision.save()
    for rate, amount in new_amounts:
        below = _below_minimum(rate.key, amount, effective_from)
        if below:
            raise ValidationError({"percentage": f"{rate.get_key_display()}: {below}"})
        rate.valid_to = effective_from - timedelta(days=1)
        rate.stamp(by)
        rate.save(update_fields=["valid_to", "modified_at", "modified_by"])
        new = Rate(
            organisation=organisation,
            key=rate.key,
            valid_from=effective_from,
            amount=amount,
            decision=decision,
        )
        _save_rate(new, by, note=str(decision))
    record_event(
        actor=by,
        verb="rates_uprated",
        obj=decision,
        changes=created_changes(decision, ["decided_on", "effective_from", "percentage", "note"]) | override,
    )
    return decision


@transaction.atomic
def fee_level_set(
    *,
    fostering_household: FosteringHousehold,
    level: int,
    valid_from: date,
    reason: str = "",
    by: User | None,
) -> FeeLevel:
    """The household's skill level from a date (which may be in the past: the next run pays the arrears)."""
    require(by, Perm.MANAGE_PAYMENTS, fostering_household.organisation_id)
    if level not in (1, 2, 3):
        raise ValidationError({"level": "Choose skill level 1, 2 or 3"})
    current = (
        FeeLevel.objects.select_for_update()
        .filter(fostering_household=fostering_household, valid_to__isnull=True)
        .first()
    )
    if current and valid_from <= current.valid_from:
        raise ValidationError(
            {"valid_from": f"The current level {current.level} started on {day_text(current.valid_from)}: "
             "a new level must start after it"}
        )  # fmt: skip
    if current and current.level == level:
        raise ValidationError({"level": f"The household is already at skill level {level}"})
    if current:
        current.valid_to = valid_from - timedelta(days=1)
        current.stamp(by)
        current.save(update_fields=["valid_to", "modified_at", "modified_by"])
    fee = FeeLevel(
        organisation_id=fostering_household.organisation_id,
        fostering_household=fostering_household,
        level=level,
        valid_from=valid_from,
        reason=reason,
    )
    fee.stamp(by)
    fee.save()
    record_event(
        actor=by,
        verb="fee_level_set",
        obj=fostering_household,
        changes={
            "fee_level": [current.level if current else None, level],
            "valid_from": [None, valid_from.isoformat()],
        },
        note=reason,
    )
    return fee


@transaction.atomic
def additional_payment_authorise(
    *,
    child: Child,
    valid_from: date,
    valid_to: date,
    weekly_amount: Decimal,
    reason: str,
    review_on: date,
    override_reason: str = "",
    by: User,
) -> AdditionalPayment:
    """A weekly sum for a child's assessed needs. A review date before the first day is refused; an
    amount outside the usual range needs a manager's ``override_reason`` (``limits``)."""
    require(by, Perm.MANAGE_PAYMENTS, child.organisation_id)
    _positive(weekly_amount, "weekly_amount")
    if valid_to < valid_from:
        raise ValidationError({"valid_to": "The last day must be on or after the first day"})
    if review_on < valid_from:
        raise ValidationError({"review_on": "The review date must be on or after the first day"})
    if not reason.strip():
        raise ValidationError({"reason": "Enter the assessed need it pays for"})
    override = limits.allow(
        {"weekly_amount": [limits.additional_outside(weekly_amount)]},
        override_reason=override_reason,
        by=by,
        organisation_id=child.organisation_id,
    )
    payment = AdditionalPayment(
        organisation_id=child.organisation_id,
        child=child,
        valid_from=valid_from,
        valid_to=valid_to,
        weekly_amount=weekly_amount,
        reason=reason.strip(),
        review_on=review_on,
        authorised_by=by,
    )
    payment.stamp(by)
    payment.save()
    record_event(
        actor=by,
        verb="additional_payment_authorised",
        obj=payment,
        changes=created_changes(
            payment, ["child", "valid_from", "valid_to", "weekly_amount", "reason", "review_on"]
        )
        | override,
    )
    return payment


@transaction.atomic
def carer_access_grant(
    *, user: User, fostering_household: FosteringHousehold, by: User | None
) -> CarerAccess:
    """A carer's sign-in is linked to their household, so they see its statements."""
    org = fostering_household.organisation_id
    require(by, Perm.MANAGE_PAYMENTS, org)
    if not user.memberships.filter(organisation_id=org, role=Role.CARER, ended_on__isnull=True).exists():
        raise ValidationError({"user": "Choose a foster carer of this council: this sign-in is not one"})
    if CarerAccess.objects.filter(user=user, fostering_household=fostering_household).exists():
        raise ValidationError(
            {"user": f"{user.get_full_name()} can already read this household's statements"}
        )
    access = CarerAccess(organisation_id=org, user=user, fostering_household=fostering_household)
    access.stamp(by)
    access.save()
    record_event(actor=by, verb="carer_access_granted", obj=fostering_household, note=str(user))
    return access


def can_reach_household(user: User, household: FosteringHousehold) -> bool:
    org = household.organisation_id
    return (
        has_perm(user, Perm.VIEW_PAYMENTS, org)
        or (
            has_perm(user, Perm.VIEW_CASELOAD_STATEMENTS, org)
            and household.supervising_social_worker_id == user.pk
        )
        or (
            has_perm(user, Perm.VIEW_OWN_STATEMENTS, org)
            and CarerAccess.objects.filter(user=user, fostering_household=household).exists()
        )
    )


@transaction.atomic
def query_raise(*, line: PaymentLine, question: str, by: User) -> PaymentQuery:
    require(by, Perm.RAISE_PAYMENT_QUERY, line.organisation_id)
    if not can_reach_household(by, line.fostering_household):
        raise ValidationError({"question": "You can only raise a query about your own household's payments"})
    if not question.strip():
        raise ValidationError({"question": "Enter your question about this payment"})
    query = PaymentQuery(
        organisation_id=line.organisation_id, line=line, raised_on=clock.today(), question=question.strip()
    )
    query.stamp(by)
    query.save()
    record_event(
        actor=by, verb="payment_query_raised", obj=query, changes=created_changes(query, ["line", "question"])
    )
    return query


def _move(query: PaymentQuery, to: QueryStatus) -> None:
    if to not in QUERY_TRANSITIONS[query.status]:
        raise ValidationError(
            {"answer": f"The query is {query.get_status_display().lower()}: it cannot be {to.label.lower()}"}
        )


@transaction.atomic
def query_answer(*, query: PaymentQuery, answer: str, close: bool = False, by: User) -> PaymentQuery:
    require(by, Perm.MANAGE_PAYMENTS, query.organisation_id)
    query = PaymentQuery.objects.select_for_update().get(pk=query.pk)
    if not answer.strip():
        raise ValidationError({"answer": "Enter the answer"})
    to = QueryStatus.CLOSED if close else QueryStatus.ANSWERED
    _move(query, to)
    before = query.status
    query.answer, query.answered_on, query.status = answer.strip(), clock.today(), to
    if close:
        query.closed_on = query.answered_on
    query.stamp(by)
    query.save()
    record_event(
        actor=by,
        verb="payment_query_answered",
        obj=query,
        changes={"status": [before, to.value], "answer": [None, query.answer]},
    )
    return query
