"""The demo's payment runs: every month paid once, and the runs reconcile to the placements day by day.

The check does not use the payments code: it walks every day from the first run to the last, reads the
placements, rates, fee levels, additional payments and allegations as rows, and adds up what each
household is owed for each child, purpose and month, unrounded. What the committed lines paid for each of
those must match it to within the pennies of per-line rounding.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum

from fostering.accounts.models import Organisation, User
from fostering.demo.generator import build_scale
from fostering.households.models import FosteringHousehold, StatusChange
from fostering.payments.models import (
    AdditionalPayment,
    FeeLevel,
    LedgerEntry,
    NationalMinimumAllowance,
    PaymentLine,
    PaymentQuery,
    PaymentRun,
    Rate,
    Remittance,
)
from fostering.placements.models import Placement

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)
FOSTER = {
    "short_term",
    "long_term",
    "emergency",
    "foster_for_adoption",
    "one_to_one",
    "pathway",
    "parent_and_child",
}
SCHEME = {
    "one_to_one": "one_to_one_fee",
    "pathway": "pathway_fee",
    "parent_and_child": "parent_and_child_fee",
}
NIGHTS = {"respite": "respite_night", "short_breaks": "short_breaks_night"}
LODGINGS = {"supported_lodgings": "supported_lodgings", "staying_put": "staying_put"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_scale("small", seed=7, today=TODAY, replace=True)
        yield Organisation.objects.get(code="990")
        from fostering.demo.generator import delete_organisation

        delete_organisation(Organisation.objects.get(code="990"))


def _rate(rows: list[Rate], key: str, day: date) -> Decimal | None:
    for row in rows:
        if row.key == key and row.valid_from <= day and (row.valid_to is None or day <= row.valid_to):
            return row.amount
    return None


def _band(birth: date, day: date) -> str:
    age = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
    return "0_4" if age <= 4 else "5_10" if age <= 10 else "11_15" if age <= 15 else "16_17"


def _owed_by_day_loop(org: Organisation, first: date, last: date, as_of: date) -> dict[tuple, Decimal]:
    rates = list(Rate.objects.filter(organisation=org))
    levels: dict[int | None, list[FeeLevel]] = defaultdict(list)
    for fee in FeeLevel.objects.filter(organisation=org):
        levels[fee.fostering_household_id].append(fee)
    extras = defaultdict(list)
    for extra in AdditionalPayment.objects.filter(organisation=org):
        extras[extra.child_id].append(extra)
    households: dict[int | None, FosteringHousehold] = {
        h.pk: h for h in FosteringHousehold.objects.filter(organisation=org)
    }
    closed = {
        s.fostering_household_id: s.changed_on
        for s in StatusChange.objects.filter(
            organisation=org, to_status__in=["resigned", "deregistered"], changed_on__lte=as_of
        )
    }
    owed: dict[tuple, Decimal] = defaultdict(Decimal)
    placements = list(
        Placement.objects.filter(organisation=org, fostering_household__isnull=False).select_related(
            "child__person"
        )
    )
    by_household = defaultdict(list)
    for p in placements:
        end = (
            p.ended_on
            if p.ended_on and (p.ended_recorded_on is None or p.ended_recorded_on <= as_of)
            else None
        )
        by_household[p.fostering_household_id].append((p, end))
    day = first
    while day <= last:
        month = day.replace(day=1)
        for household_id, stays in by_household.items():
            household = households[household_id]
            if household_id in closed and day >= closed[household_id]:
                continue
            if household.carer_type != "kinship" and day < household.approved_on:
                continue
            for p, end in stays:
                if not (p.started_on <= day and (end is None or day < end)):
                    continue
                key = (household_id, p.child_id)
                kind = p.placement_type
                birth = p.child.person.date_of_birth
                if kind in FOSTER and birth:
                    amount = _rate(rates, f"allowance_{_band(birth, day)}", day)
                    owed[(*key, "allowance", month)] += (amount or 0) / Decimal(7)
                if kind in SCHEME:
                    owed[(*key, "scheme_fee", month)] += (_rate(rates, SCHEME[kind], day) or 0) / Decimal(7)
                elif kind in FOSTER:
                    level = next(
                        (
                            x.level
                            for x in levels[household_id]
                            if x.valid_from <= day and (x.valid_to is None or day <= x.valid_to)
                        ),
                        None,
                    )
                    if level:
                        owed[(*key, "fee", month)] += (
                            _rate(rates, f"fee_level_{level}", day) or 0
                        ) / Decimal(7)
                if kind in NIGHTS:
                    owed[(*key, "nights", month)] += _rate(rates, NIGHTS[kind], day) or 0
                if kind in LODGINGS:
                    owed[(*key, "lodgings", month)] += (_rate(rates, LODGINGS[kind], day) or 0) / Decimal(7)
                for extra in extras[p.child_id]:
                    if extra.valid_from <= day <= extra.valid_to:
                        owed[(*key, "additional", month)] += extra.weekly_amount / Decimal(7)
        day += timedelta(days=1)
    return owed


def test_the_demo_runs_pay_each_month_once_and_reconcile_to_the_placements_day_by_day(demo):
    runs = list(PaymentRun.objects.filter(organisation=demo, status="committed").order_by("period"))
    # every month of the history has one committed run, approved by a manager, with statements
    assert len(runs) >= 24
    periods = [run.period for run in runs]
    assert len(set(periods)) == len(periods)
    assert all(run.approved_on and run.committed_on and run.committed_on > run.period for run in runs)
    assert Remittance.objects.filter(run__in=runs).count() > len(runs)
    for run in runs[-3:]:
        assert run.total == PaymentLine.objects.filter(run=run).aggregate(t=Sum("amount"))["t"]
    # independently, day by day, from the first run's month to the last run's, as recorded on the last run's day
    last = runs[-1]
    end = (last.period.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    owed = _owed_by_day_loop(demo, runs[0].period, end, last.as_of)
    paid: dict[tuple, Decimal] = defaultdict(Decimal)
    for household, child, category, month, amount in PaymentLine.objects.filter(
        run__in=runs, service_month__gte=runs[0].period
    ).values_list("fostering_household_id", "child_id", "category", "service_month", "amount"):
        if category != "retainer":
            paid[(household, child, category, month)] += amount
    keys = {k for k, v in owed.items() if v} | {k for k, v in paid.items() if v}
    assert len(keys) > 500
    # each household, child, purpose and month: within a penny per piece of rounding
    wrong = {k: (paid[k], owed[k]) for k in keys if abs(paid[k] - owed[k]) > Decimal("0.03")}
    assert wrong == {}
    total_owed = sum(owed.values(), Decimal(0))
    total_paid = sum(paid.values(), Decimal(0))
    assert abs(total_paid - total_owed) < Decimal("0.005") * len(keys)


def test_the_ledger_holds_one_entry_per_month_paid_and_the_demo_has_queries_and_a_carer(demo):
    entries = LedgerEntry.objects.filter(organisation=demo)
    assert entries.count() > 500
    assert entries.filter(revision__gt=1).exists()  # arrears or recoveries paid in a later run
    assert PaymentLine.objects.filter(organisation=demo, kind="recovery").exists()
    assert PaymentQuery.objects.filter(organisation=demo).count() >= 1
    runs = PaymentRun.objects.filter(organisation=demo)
    manager = User.objects.get(username="demo.service_manager")
    assert set(runs.values_list("approved_by", flat=True)) == {manager.pk}
    # every allowance rate is at or above the national minimum for its band on the day it starts
    allowances = Rate.objects.filter(organisation=demo, key__startswith="allowance_")
    assert allowances.count() == 4 * 4  # from April 2023 and three upratings
    for rate in allowances:
        band = rate.key.removeprefix("allowance_").replace("_", "-")
        minimum = NationalMinimumAllowance.objects.filter(band=band, valid_from__lte=rate.valid_from).latest(
            "valid_from"
        )
        assert rate.amount >= minimum.weekly_amount, rate
