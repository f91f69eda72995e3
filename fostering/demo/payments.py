"""Build step: rates, fee levels and the monthly payment runs, paid from the demo placements.

Rates start on 1 April 2023 and are uprated each April by a recorded decision. Every in-house household
that fosters gets a skill level from its approval; some move up a level later, and the move is recorded a
month or two after it took effect, so the next run pays arrears. Runs are drafted, approved by the service
manager and committed month by month, each on the second day of the following month and seeing the
placements as recorded by then (an end recorded late is recovered in a later run). The main council gets
every month of its history; the other councils of the national build get their last two months, which
keeps 150 councils feasible. A few payment queries are raised and answered.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from fostering.accounts.roles import Role
from fostering.audit.append_only import rewriting_demo_history
from fostering.audit.models import AuditEvent
from fostering.households.choices import CarerType
from fostering.households.models import FosteringHousehold
from fostering.payments.choices import QueryStatus
from fostering.payments.entitlements import month_start, next_month
from fostering.payments.models import (
    FeeLevel,
    PaymentLine,
    PaymentQuery,
    PaymentRun,
    Rate,
    UpratingDecision,
)
from fostering.payments.runs import run_approve, run_commit, run_draft
from fostering.payments.seed import STARTING_RATES, STARTS, UPRATINGS

from .names import MAIN_COUNCIL_CODE

if TYPE_CHECKING:
    from .generator import DemoContext

FEE_TYPES = {CarerType.MAINSTREAM, CarerType.FOSTER_FOR_ADOPTION, CarerType.SHORT_BREAKS}
OTHER_COUNCIL_MONTHS = 2
# Demo changes are recorded at most 40 days (placement ends) or 75 days (fee levels) late.
LOOKBACK = 4
QUESTIONS = [
    "Why is there a recovery on this statement? The child left us at the end of the month.",
    "The allowance looks lower than last month: has the rate changed?",
    "Our fee level went up at our review: is this line at the new level?",
    "Can you explain the arrears on this line?",
]
ANSWERS = [
    "The placement's end date was recorded after last month's run, so the nights after the child left are "
    "recovered on this statement.",
    "March has 31 nights and February 28: the weekly rate is the same, the number of nights differs.",
    "Yes: the new level is paid from the date of the review, with arrears for the weeks already paid.",
]


def _rates(ctx: DemoContext) -> None:
    rates = [
        ctx.stamp(Rate(key=key, valid_from=STARTS, amount=amount), on=STARTS - timedelta(days=30))
        for key, amount in STARTING_RATES.items()
    ]
    current = dict(STARTING_RATES)
    decisions = []
    for decided_on, effective_from, percentage in UPRATINGS:
        if decided_on > ctx.today:
            break
        decision = ctx.stamp(
            UpratingDecision(
                decided_on=decided_on,
                effective_from=effective_from,
                percentage=percentage,
                note=f"Cabinet decision: allowances and fees uprated by {percentage}% from {effective_from:%-d %B %Y}",
            ),
            on=decided_on,
        )
        ctx.save([decision])
        decisions.append(decision)
        for rate in [r for r in rates if r.valid_to is None]:
            rate.valid_to = effective_from - timedelta(days=1)
        for key in current:
            current[key] = (current[key] * (1 + percentage / 100)).quantize(Decimal("0.01"), ROUND_HALF_UP)
            rates.append(
                ctx.stamp(
                    Rate(key=key, valid_from=effective_from, amount=current[key], decision=decision),
                    on=decided_on,
                )
            )
    ctx.save(rates)
    for decision in decisions:
        ctx.event(decision, on=decision.decided_on, verb="rates_uprated")


def _fee_levels(ctx: DemoContext, households: list[FosteringHousehold]) -> dict[date, list[FeeLevel]]:
    """Each fostering household's level from approval; the later raises, by the month they are recorded in."""
    first: list[FeeLevel] = []
    raises: dict[date, list[FeeLevel]] = {}
    for household in households:
        if household.carer_type not in FEE_TYPES:
            continue
        level = ctx.rng.choices([1, 2, 3], weights=[45, 40, 15])[0]
        row = ctx.stamp(
            FeeLevel(fostering_household=household, level=level, valid_from=household.approved_on),
            on=household.approved_on,
        )
        first.append(row)
        start = max(household.approved_on, ctx.history_start) + timedelta(days=60)
        if level < 3 and ctx.rng.random() < 0.12 and start < ctx.today - timedelta(days=120):
            takes_effect = ctx.between(start, ctx.today - timedelta(days=120))
            recorded = month_start(takes_effect + timedelta(days=ctx.rng.randint(35, 75)))
            raised = FeeLevel(
                fostering_household=household,
                level=level + 1,
                valid_from=takes_effect,
                reason="Training and support standards complete: level raised at the annual review",
            )
            raises.setdefault(recorded, []).append(ctx.stamp(raised, on=recorded))
    ctx.save(first)
    return raises


def _record_raises(ctx: DemoContext, raised: list[FeeLevel]) -> None:
    """A level raised with effect from an earlier day: the current level ends the day before."""
    for row in raised:
        FeeLevel.objects.filter(
            fostering_household_id=row.fostering_household_id, valid_to__isnull=True
        ).update(valid_to=row.valid_from - timedelta(days=1))
    ctx.save(raised)


def _queries(ctx: DemoContext) -> None:
    lines = list(
        PaymentLine.objects.filter(organisation=ctx.organisation, run__status="committed")
        .exclude(kind="normal")
        .order_by("-run__period", "id")[:40]
    )
    lines += list(
        PaymentLine.objects.filter(
            organisation=ctx.organisation, run__status="committed", kind="normal"
        ).order_by("-run__period", "id")[:20]
    )
    queries = []
    for line in ctx.rng.sample(lines, min(len(lines), 12)):
        raised = min((line.run.committed_on or ctx.today) + timedelta(days=ctx.rng.randint(1, 20)), ctx.today)
        query = PaymentQuery(
            line=line, raised_on=raised, question=ctx.rng.choice(QUESTIONS), status=QueryStatus.OPEN
        )
        if (ctx.today - raised).days > 14 and ctx.rng.random() < 0.7:
            query.answer = ctx.rng.choice(ANSWERS)
            query.answered_on = raised + timedelta(days=ctx.rng.randint(2, 12))
            query.status = QueryStatus.CLOSED if ctx.rng.random() < 0.6 else QueryStatus.ANSWERED
            query.closed_on = query.answered_on if query.status == QueryStatus.CLOSED else None
        queries.append(ctx.stamp(query, on=raised))
    ctx.save(queries)


def build_payments(ctx: DemoContext) -> None:
    _rates(ctx)
    households = list(ctx.records.get("fostering_households", []))
    raises = _fee_levels(ctx, households)
    managers = ctx.staff.get(Role.SERVICE_MANAGER) or []
    manager = managers[0] if managers else None
    last = month_start(ctx.today) - timedelta(days=1)  # the last whole month
    first = month_start(max(ctx.history_start, STARTS) + timedelta(days=31))
    if ctx.council.code != MAIN_COUNCIL_CODE:
        first = max(first, month_start(last - timedelta(days=31 * (OTHER_COUNCIL_MONTHS - 1))))
    period = first
    pending = sorted(raises)
    while period <= last:
        paid_on = next_month(period) + timedelta(days=1)
        due = [month for month in pending if month <= paid_on]
        for month in due:
            _record_raises(ctx, raises.pop(month))
            pending.remove(month)
        run = run_draft(
            organisation=ctx.organisation, period=period, by=None, as_of=paid_on, lookback=LOOKBACK
        )
        run_approve(run=run, by=None, on=paid_on)
        run_commit(run=run, by=None, on=paid_on)
        # dated on the day it was paid, approved by the service manager, like the rest of the history
        at = ctx.moment(paid_on)
        PaymentRun.objects.filter(pk=run.pk).update(approved_by=manager, created_at=at, modified_at=at)
        with rewriting_demo_history():
            AuditEvent.objects.filter(
                organisation=ctx.organisation, record_type="payments.paymentrun", record_id=str(run.pk)
            ).update(at=at)
        ctx.counts["payments.PaymentRun"] += 1
        period = next_month(period)
    for month in pending:
        _record_raises(ctx, raises[month])
    _queries(ctx)
