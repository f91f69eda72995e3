"""Carers' expense claims: mileage at the council's rate a mile, or an amount with its receipt.

A carer submits a claim for their own household; the household's supervising social worker (or a manager
who approves runs) approves or refuses it with a reason; the next committed run pays each approved claim as
its own line (``draft_lines`` and ``mark_paid``, called by ``runs``). A claim is paid once: committing a run
moves each of its claims from approved to paid in one guarded update, and a run whose claims another run
has paid since it was drafted cannot commit.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, has_perm, require
from fostering.audit.services import created_changes, record_event
from fostering.core import clock
from fostering.documents.validation import check_upload
from fostering.households.models import FosteringHousehold

from .choices import Category, ClaimKind, ClaimStatus, LineKind
from .describe import day_text, pounds
from .models import CarerAccess, ExpenseClaim, MileageRate, PaymentLine, PaymentRun

PENNY = Decimal("0.01")
_FIELDS = ["fostering_household", "kind", "spent_on", "miles", "per_mile", "amount", "description"]


def mileage_rate_on(organisation_id: int, day: date) -> MileageRate | None:
    return (
        MileageRate.objects.filter(organisation_id=organisation_id, valid_from__lte=day)
        .order_by("-valid_from")
        .first()
    )


@transaction.atomic
def mileage_rate_set(
    *, organisation: Organisation, valid_from: date, per_mile: Decimal, by: User | None
) -> MileageRate:
    """The council's rate a mile from a date (set by the payments team)."""
    require(by, Perm.MANAGE_PAYMENTS, organisation.pk)
    if per_mile is None or per_mile <= 0:
        raise ValidationError({"per_mile": "Enter an amount a mile more than £0.00"})
    if MileageRate.objects.filter(organisation=organisation, valid_from=valid_from).exists():
        raise ValidationError({"valid_from": f"A mileage rate from {day_text(valid_from)} is already set"})
    rate = MileageRate(organisation=organisation, valid_from=valid_from, per_mile=per_mile)
    rate.stamp(by)
    rate.save()
    record_event(
        actor=by, verb="mileage_rate_set", obj=rate, changes=created_changes(rate, ["valid_from", "per_mile"])
    )
    return rate


def may_claim(user: User, household: FosteringHousehold) -> bool:
    return (
        has_perm(user, Perm.VIEW_OWN_STATEMENTS, household.organisation_id)
        and CarerAccess.objects.filter(user=user, fostering_household=household).exists()
    )


def may_decide(user: User, household: FosteringHousehold) -> bool:
    org = household.organisation_id
    return has_perm(user, Perm.APPROVE_PAYMENT_RUN, org) or (
        has_perm(user, Perm.VIEW_CASELOAD_STATEMENTS, org)
        and household.supervising_social_worker_id == user.pk
    )


def _amount(
    kind: str, organisation_id: int, spent_on: date, miles: Decimal | None, amount: Decimal | None
) -> tuple[Decimal, Decimal | None]:
    """The claim's amount, and the rate a mile it was worked out at for mileage."""
    if kind == ClaimKind.MILEAGE:
        if miles is None or miles <= 0:
            raise ValidationError({"miles": "Enter the number of miles, more than 0"})
        rate = mileage_rate_on(organisation_id, spent_on)
        if rate is None:
            raise ValidationError(
                {
                    "spent_on": f"The council has no mileage rate for {day_text(spent_on)}: ask your social worker"
                }
            )
        return (miles * rate.per_mile).quantize(PENNY, rounding=ROUND_HALF_UP), rate.per_mile
    if amount is None or amount <= 0:
        raise ValidationError({"amount": "Enter an amount more than £0.00"})
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP), None


def claim_submit(
    *,
    fostering_household: FosteringHousehold,
    kind: str,
    spent_on: date,
    description: str,
    miles: Decimal | None = None,
    amount: Decimal | None = None,
    receipt: UploadedFile | None = None,
    by: User,
) -> ExpenseClaim:
    """A carer's claim for their own household. Refused, with nothing saved: an amount or miles of 0 or
    less, a day in the future, no receipt for an amount, or a file that is not a PDF, JPG or PNG (read from
    its content, as documents are)."""
    household = fostering_household
    if not may_claim(by, household):
        raise ValidationError("You can only claim expenses for your own household")
    if kind not in ClaimKind.values:
        raise ValidationError({"kind": "Select what the claim is for"})
    if spent_on > clock.today():
        raise ValidationError({"spent_on": "The date of the expense must be today or in the past"})
    if not description.strip():
        raise ValidationError({"description": "Enter what the expense was for"})
    total, per_mile = _amount(kind, household.organisation_id, spent_on, miles, amount)
    checked = None
    if receipt is not None or kind == ClaimKind.OTHER:
        if receipt is None:
            raise ValidationError({"receipt": "Select the receipt"})
        try:
            checked = check_upload(receipt)
        except ValidationError as refused:
            raise ValidationError({"receipt": refused.message_dict["file"]}) from None
    stored = ""
    if checked is not None and receipt is not None:
        name = f"expenses/{household.organisation_id}/{uuid.uuid4().hex}.{checked.extension}"
        stored = default_storage.save(name, receipt)
    try:
        with transaction.atomic():
            claim = ExpenseClaim(
                organisation_id=household.organisation_id,
                fostering_household=household,
                claimed_by=by,
                kind=kind,
                spent_on=spent_on,
                miles=miles if kind == ClaimKind.MILEAGE else None,
                per_mile=per_mile,
                amount=total,
                description=description.strip(),
                receipt=stored,
                receipt_name=(receipt.name or "")[:255] if stored and receipt is not None else "",
                receipt_type=checked.media_type if checked else "",
            )
            claim.stamp(by)
            claim.save()
            record_event(actor=by, verb="expense_claimed", obj=claim, changes=created_changes(claim, _FIELDS))
    except Exception:
        if stored:
            default_storage.delete(stored)
        raise
    return claim


@transaction.atomic
def claim_decide(*, claim: ExpenseClaim, approve: bool, reason: str = "", by: User) -> ExpenseClaim:
    """The supervising social worker's (or a manager's) decision; a refusal gives its reason."""
    claim = ExpenseClaim.objects.select_for_update().select_related("fostering_household").get(pk=claim.pk)
    if not may_decide(by, claim.fostering_household):
        raise ValidationError("Only the household's supervising social worker or a manager decides a claim")
    if claim.status != ClaimStatus.SUBMITTED:
        raise ValidationError(
            {"approve": f"This claim was already decided: it is {claim.get_status_display().lower()}"}
        )
    if not approve and not reason.strip():
        raise ValidationError({"reason": "Enter why the claim is refused"})
    claim.status = ClaimStatus.APPROVED if approve else ClaimStatus.REFUSED
    claim.decided_by, claim.decided_on, claim.reason = by, clock.today(), reason.strip()
    claim.stamp(by)
    claim.save()
    record_event(
        actor=by,
        verb="expense_claim_approved" if approve else "expense_claim_refused",
        obj=claim,
        changes={"status": [ClaimStatus.SUBMITTED.value, claim.status]},
        note=claim.reason,
    )
    return claim


def describe_claim(claim: ExpenseClaim) -> str:
    if claim.kind == ClaimKind.MILEAGE:
        what = f"Mileage, {claim.miles} miles at {pounds(claim.per_mile or Decimal(0))} a mile"
    else:
        what = "Expense"
    return f"{what} on {day_text(claim.spent_on)}: {claim.description}"


def draft_lines(run: PaymentRun, revisions: dict[int, int]) -> list[PaymentLine]:
    """A line for each approved claim not yet paid, for a run being drafted. ``revisions`` is each
    household's latest ledger revision of expenses for the run's month."""
    claims = ExpenseClaim.objects.filter(
        organisation_id=run.organisation_id, status=ClaimStatus.APPROVED, paid_line__isnull=True
    ).order_by("fostering_household_id", "spent_on", "id")
    return [
        PaymentLine(
            organisation_id=run.organisation_id,
            run=run,
            fostering_household_id=claim.fostering_household_id,
            category=Category.EXPENSES,
            kind=LineKind.NORMAL,
            service_month=run.period,
            from_on=claim.spent_on,
            to_on=claim.spent_on,
            days=0,
            rate=claim.amount,
            amount=claim.amount,
            description=describe_claim(claim),
            revision=revisions.get(claim.fostering_household_id, 0) + 1,
            expense_claim=claim,
        )
        for claim in claims
    ]


STALE_CLAIMS = (
    "A claim in this run has been paid by another run since it was drafted: discard it and draft it again"
)


def mark_paid(run: PaymentRun) -> int:
    """As a run commits: each claim it pays moves from approved to paid, once. Refused (and the commit
    with it) when any was paid, or changed, since the run was drafted."""
    lines: list[tuple[int, Any]] = list(
        run.lines.filter(expense_claim__isnull=False).values_list("pk", "expense_claim_id")
    )
    for line_id, claim_id in lines:
        moved = ExpenseClaim.objects.filter(
            pk=claim_id, status=ClaimStatus.APPROVED, paid_line__isnull=True
        ).update(status=ClaimStatus.PAID, paid_line_id=line_id, modified_at=clock.now())
        if moved != 1:
            raise ValidationError({"status": STALE_CLAIMS})
    return len(lines)
