"""Test data for payments: round rates that make hand arithmetic easy, placements made directly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fostering.accounts.models import Organisation
from fostering.children.models import Child
from fostering.households.choices import CarerType
from fostering.households.models import FosteringHousehold
from fostering.placements.models import Placement
from tests import builders

from ..choices import RateKey
from ..models import FeeLevel, Rate

# Weekly amounts that divide by seven: £245 a week is £35 a night.
WEEKLY = {
    RateKey.ALLOWANCE_0_4: "175",
    RateKey.ALLOWANCE_5_10: "210",
    RateKey.ALLOWANCE_11_15: "245",
    RateKey.ALLOWANCE_16_17: "280",
    RateKey.FEE_LEVEL_1: "140",
    RateKey.FEE_LEVEL_2: "210",
    RateKey.FEE_LEVEL_3: "280",
    RateKey.ONE_TO_ONE_FEE: "700",
    RateKey.ONE_TO_ONE_RETAINER: "350",
    RateKey.PATHWAY_FEE: "420",
    RateKey.PARENT_AND_CHILD_FEE: "560",
    RateKey.RESPITE_NIGHT: "60",
    RateKey.SHORT_BREAKS_NIGHT: "55",
    RateKey.SUPPORTED_LODGINGS: "210",
    RateKey.STAYING_PUT: "280",
    RateKey.ALLEGATION_RETAINER: "70",
}


def rates(org: Organisation, valid_from: date = date(2024, 4, 1)) -> None:
    Rate.objects.bulk_create(
        Rate(organisation=org, key=key, valid_from=valid_from, amount=Decimal(amount))
        for key, amount in WEEKLY.items()
    )


def household(
    org: Organisation, *, level: int | None = None, level_from: date = date(2024, 1, 10), **values
) -> FosteringHousehold:
    found = builders.approved_household(org, **values)
    if level:
        FeeLevel.objects.create(
            organisation=org, fostering_household=found, level=level, valid_from=level_from
        )
    return found


def child(org: Organisation, born: date, first: str = "Amy", last: str = "Brown") -> Child:
    return builders.child(org, first_name=first, last_name=last, date_of_birth=born)


def placement(
    household: FosteringHousehold,
    child: Child,
    started_on: date,
    ended_on: date | None = None,
    placement_type: str = "long_term",
    **values,
) -> Placement:
    return Placement.objects.create(
        organisation_id=household.organisation_id,
        child=child,
        fostering_household=household,
        started_on=started_on,
        ended_on=ended_on,
        placement_type=placement_type,
        **values,
    )


__all__ = ["CarerType", "child", "household", "placement", "rates"]


def access_records(
    org: Organisation, household: FosteringHousehold, child: Child, carer
) -> dict[str, object]:
    """A committed run with one line for the household, its statement, a query and a rate, and the carer's
    sign-in linked to the household; the month and amounts differ by council so lists can be told apart."""
    from ..models import CarerAccess, PaymentLine, PaymentQuery, PaymentRun, Remittance

    code = int(org.code) % 100
    period = date(2025, 1 + code % 12, 1)
    rate = Rate.objects.create(
        organisation=org, key=RateKey.ALLOWANCE_11_15, valid_from=date(2024, 4, 1), amount=Decimal(200 + code)
    )
    run = PaymentRun.objects.create(
        organisation=org,
        period=period,
        as_of=period,
        status="committed",
        committed_on=period,
        total=Decimal("70.00"),
    )
    line = PaymentLine.objects.create(
        organisation=org,
        run=run,
        fostering_household=household,
        child=child,
        category="allowance",
        kind="normal",
        rate_key=RateKey.ALLOWANCE_11_15,
        service_month=period,
        from_on=period,
        to_on=period.replace(day=2),
        days=2,
        rate=Decimal("245.00"),
        amount=Decimal("70.00"),
        description=f"Fostering allowance for A.B., 1 to 2 {period:%B %Y}, 2 nights at £35.00 a night",
    )
    remittance = Remittance.objects.create(
        organisation=org, run=run, fostering_household=household, total=Decimal("70.00"), line_count=1
    )
    query = PaymentQuery.objects.create(
        organisation=org, line=line, raised_on=period, question=f"Query{org.code}: why two nights?"
    )
    CarerAccess.objects.create(organisation=org, user=carer, fostering_household=household)
    claim = expense_claim(household, carer, description=f"Claim{org.code}: bus fares")
    return {
        "expense_claim": claim,
        "payment_run": run,
        "payment_line": line,
        "remittance": remittance,
        "payment_query": query,
        "payee": household,
        "rate": rate,
    }


def expense_claim(household: FosteringHousehold, carer, **values: object):
    """A claim waiting for a decision, with a PDF receipt."""
    from django.core.files.base import ContentFile

    from ..models import ExpenseClaim

    data: dict[str, object] = {
        "kind": "other",
        "spent_on": date(2026, 1, 5),
        "amount": Decimal("12.40"),
        "description": "Bus fares",
        "receipt": ContentFile(b"%PDF-1.4\n%%EOF\n", name="receipt.pdf"),
        "receipt_name": "receipt.pdf",
        "receipt_type": "application/pdf",
    } | values
    return ExpenseClaim.objects.create(
        organisation_id=household.organisation_id, fostering_household=household, claimed_by=carer, **data
    )


def committed_statement(household: FosteringHousehold, period: date = date(2026, 1, 1)):
    """A committed run paying the household one line, and its statement: (statement, line)."""
    from ..models import PaymentLine, PaymentRun, Remittance

    run, _ = PaymentRun.objects.get_or_create(
        organisation_id=household.organisation_id,
        period=period,
        status="committed",
        defaults={"as_of": period, "committed_on": period, "total": Decimal("70.00")},
    )
    line = PaymentLine.objects.create(
        organisation_id=household.organisation_id,
        run=run,
        fostering_household=household,
        category="fee",
        kind="normal",
        rate_key=RateKey.FEE_LEVEL_1,
        service_month=period,
        from_on=period,
        to_on=period.replace(day=2),
        days=2,
        rate=Decimal("245.00"),
        amount=Decimal("70.00"),
        description=f"Carer's fee, 1 to 2 {period:%B %Y}, 2 days at £35.00 a day",
    )
    remittance = Remittance.objects.create(
        organisation_id=household.organisation_id,
        run=run,
        fostering_household=household,
        total=Decimal("70.00"),
        line_count=1,
    )
    return remittance, line
