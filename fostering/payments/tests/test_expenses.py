"""Expense claims: refused input saves nothing; an approved claim is paid once, by the next committed run."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from tests import builders

from ..choices import Category, ClaimKind, ClaimStatus
from ..expenses import STALE_CLAIMS, claim_decide, claim_submit, mileage_rate_set
from ..models import CarerAccess, ExpenseClaim, LedgerEntry, PaymentLine
from ..runs import run_approve, run_commit, run_discard, run_draft

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 40
TODAY = date(2026, 3, 20)


@pytest.fixture
def claimant(council, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("fostering.core.clock.today", lambda: TODAY)
    ssw = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    household = builders.approved_household(council, ssw=ssw)
    carer = builders.staff(council, Role.CARER)
    CarerAccess.objects.create(organisation=council, user=carer, fostering_household=household)
    mileage_rate_set(organisation=council, valid_from=date(2025, 4, 1), per_mile=Decimal("0.45"), by=None)
    return household, carer, ssw


def receipt(content: bytes = PDF, name: str = "receipt.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def claim(household, carer, **values):
    data = {
        "fostering_household": household,
        "kind": ClaimKind.OTHER,
        "spent_on": date(2026, 3, 2),
        "description": "School uniform",
        "amount": Decimal("42.50"),
        "receipt": receipt(),
        "by": carer,
    } | values
    return claim_submit(**data)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"amount": Decimal("-5")}, "amount", "Enter an amount more than £0.00"),
        ({"amount": Decimal("0")}, "amount", "Enter an amount more than £0.00"),
        ({"spent_on": date(2026, 3, 21)}, "spent_on", "The date of the expense must be today or in the past"),
        (
            {"receipt": receipt(EXE, "receipt.pdf")},
            "receipt",
            "The selected file must be a PDF, JPG, PNG, DOCX or ODT",
        ),
        ({"receipt": None}, "receipt", "Select the receipt"),
        (
            {"kind": ClaimKind.MILEAGE, "miles": Decimal("-3"), "receipt": None},
            "miles",
            "Enter the number of miles, more than 0",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    claimant, tmp_path, values, field, message
):
    household, carer, _ = claimant
    with pytest.raises(ValidationError) as refused:
        claim(household, carer, **values)
    assert refused.value.message_dict == {field: [message]}
    assert not ExpenseClaim.objects.exists()
    assert not AuditEvent.objects.filter(verb="expense_claimed").exists()
    assert not list(tmp_path.rglob("*.*"))  # no file kept


def test_mileage_is_paid_at_the_councils_rate_on_the_day(claimant, council):
    household, carer, _ = claimant
    mileage_rate_set(organisation=council, valid_from=date(2026, 3, 10), per_mile=Decimal("0.50"), by=None)
    before = claim(household, carer, kind=ClaimKind.MILEAGE, miles=Decimal("30"), receipt=None)
    after = claim(
        household,
        carer,
        kind=ClaimKind.MILEAGE,
        miles=Decimal("30"),
        spent_on=date(2026, 3, 12),
        receipt=None,
    )
    assert (before.amount, before.per_mile) == (Decimal("13.50"), Decimal("0.45"))
    assert (after.amount, after.per_mile) == (Decimal("15.00"), Decimal("0.50"))


def test_only_a_carer_of_the_household_claims_and_only_its_social_worker_or_a_manager_decides(
    claimant, council
):
    household, carer, ssw = claimant
    stranger = builders.staff(council, Role.CARER)
    with pytest.raises(ValidationError):
        claim(household, stranger)
    submitted = claim(household, carer)
    other_ssw = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    with pytest.raises(ValidationError):
        claim_decide(claim=submitted, approve=True, by=other_ssw)
    with pytest.raises(ValidationError) as no_reason:
        claim_decide(claim=submitted, approve=False, by=ssw)
    assert no_reason.value.message_dict == {"reason": ["Enter why the claim is refused"]}
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    decided = claim_decide(claim=submitted, approve=False, reason="Covered by the allowance", by=manager)
    assert (decided.status, decided.decided_by) == (ClaimStatus.REFUSED, manager)


def committed(council, period: date):
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    run = run_draft(organisation=council, period=period, by=None)
    run_approve(run=run, by=manager)
    return run_commit(run=run, by=None)


def test_an_approved_claim_is_paid_once_as_its_own_line_of_the_next_run(claimant, council, monkeypatch):
    household, carer, ssw = claimant
    waiting = claim(household, carer)
    refused = claim(household, carer, description="A holiday")
    claim_decide(claim=waiting, approve=True, by=ssw)
    claim_decide(claim=refused, approve=False, reason="Not an expense of fostering", by=ssw)
    march = committed(council, date(2026, 3, 1))
    line = march.lines.get()
    assert (line.category, line.amount, line.fostering_household) == (
        Category.EXPENSES,
        Decimal("42.50"),
        household,
    )
    assert "School uniform" in line.description
    assert march.total == Decimal("42.50") and march.line_count == 1
    waiting.refresh_from_db()
    assert (waiting.status, waiting.paid_line) == (ClaimStatus.PAID, line)
    assert LedgerEntry.objects.get(run=march).amount == Decimal("42.50")
    assert march.remittances.get().total == Decimal("42.50")
    # the next month's run pays it again neither as a line nor as a recovery of it
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 4, 20))
    april = committed(council, date(2026, 4, 1))
    assert not april.lines.exists()


def test_a_redrafted_run_pays_the_claim_once_and_a_stale_draft_cannot_commit(claimant, council, monkeypatch):
    household, carer, ssw = claimant
    claim_decide(claim=claim(household, carer), approve=True, by=ssw)
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    first = run_draft(organisation=council, period=date(2026, 3, 1), by=None)
    run_discard(run=first, by=None)
    again = run_draft(organisation=council, period=date(2026, 3, 1), by=None)
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 4, 20))
    stale = run_draft(
        organisation=council, period=date(2026, 4, 1), by=None
    )  # drafted before March committed
    run_approve(run=again, by=manager)
    run_commit(run=again, by=None)
    run_approve(run=stale, by=manager)
    with pytest.raises(ValidationError) as refused:
        run_commit(run=stale, by=None)
    assert refused.value.message_dict == {"status": [STALE_CLAIMS]}
    paid = PaymentLine.objects.filter(category=Category.EXPENSES, run__status="committed")
    assert paid.count() == 1 and paid.get().run == again
    assert ExpenseClaim.objects.get().paid_line == paid.get()
