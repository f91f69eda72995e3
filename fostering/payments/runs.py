"""Payment runs: drafted by the payments officer, approved by a manager, then committed, once.

A run for a month pays every day owed up to the month's end, less what committed runs already paid for
that month and for the months before it, back to ``PAYMENTS_LOOKBACK_MONTHS`` (12 unless set) or the
organisation's first committed run. Two guards in the database make sure nothing is paid twice: one
committed run per organisation and month, and one ledger entry per household, child, purpose, month of
service and revision (a run drafted before another committed the same month cannot commit after it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import record_event
from fostering.core import clock
from fostering.core.bulk import insert_rows
from fostering.core.dates import DateInputError, month_from_text

from . import expenses
from .choices import RUN_TRANSITIONS, Category, RunStatus
from .describe import day_text, describe
from .entitlements import Key, by_key_and_month, entitlements, month_end, month_start
from .facts import child_initials, load_facts
from .ledger import DraftLine, PaidLine, paid_by_key_and_month, run_lines
from .models import LedgerEntry, PaymentLine, PaymentRun, Remittance


def lookback_months() -> int:
    return int(getattr(settings, "PAYMENTS_LOOKBACK_MONTHS", 12))


def _months_before(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def first_month(organisation_id: int, period: date, lookback: int | None = None) -> date:
    """The earliest month a run for ``period`` looks at."""
    go_live = (
        PaymentRun.objects.filter(organisation_id=organisation_id, status=RunStatus.COMMITTED)
        .order_by("period")
        .values_list("period", flat=True)
        .first()
    )
    return max(go_live or period, _months_before(period, lookback_months() if lookback is None else lookback))


def paid_lines(organisation_id: int, since: date) -> list[PaidLine]:
    rows = (
        PaymentLine.objects.filter(
            organisation_id=organisation_id, run__status=RunStatus.COMMITTED, service_month__gte=since
        )
        .exclude(category=Category.EXPENSES)  # claims are paid once, never owed again (``expenses``)
        .values_list(
            "fostering_household_id",
            "child_id",
            "category",
            "service_month",
            "from_on",
            "to_on",
            "rate",
            "nightly",
            "amount",
        )
    )
    return [
        PaidLine((household, child or 0, category), month, a, b, rate, nightly, amount)
        for household, child, category, month, a, b, rate, nightly, amount in rows
    ]


@dataclass
class Computed:
    period: date
    since: date
    lines: list[DraftLine]
    descriptions: list[str]
    revisions: dict[tuple[Key, date], int]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


def compute(organisation_id: int, period: date, *, as_of: date, lookback: int | None = None) -> Computed:
    """What a run for ``period`` would pay, from the facts as recorded on ``as_of``."""
    since = first_month(organisation_id, period, lookback)
    end = month_end(period)
    facts = load_facts(organisation_id, as_of=as_of, since=since, until=end)
    owed = by_key_and_month(entitlements(facts, since, end))
    lines = run_lines(
        owed, paid_by_key_and_month(paid_lines(organisation_id, since)), since=since, period=period
    )
    initials = child_initials({line.key[1] for line in lines if line.key[1]})
    revisions: dict[tuple[Key, date], int] = {}
    touched = {(line.key, line.service_month) for line in lines}
    if touched:
        for household, child, category, month, revision in (
            LedgerEntry.objects.filter(organisation_id=organisation_id, service_month__gte=since)
            .values("fostering_household_id", "child_key", "category", "service_month")
            .annotate(top=Max("revision"))
            .values_list("fostering_household_id", "child_key", "category", "service_month", "top")
        ):
            revisions[((household, child, category), month)] = revision
    return Computed(period, since, lines, [describe(line, initials) for line in lines], revisions)


def _insert(objs: Sequence[models.Model]) -> None:
    """A run's lines and ledger entries, which nothing reads back, in one statement per batch."""
    insert_rows(objs)


def parse_period(text: str) -> date:
    """The month a run pays, written YYYY-MM (read by ``core.dates``, which bounds the year)."""
    try:
        return month_from_text(text)
    except DateInputError as bad:
        raise ValidationError({"period": str(bad)}) from None


def _refuse_future(period: date) -> None:
    today = clock.today()
    if period > month_start(today):
        raise ValidationError(
            {
                "period": f"{period:%B %Y} has not started yet: a run pays days up to the end of a month that has begun"
            }
        )


@transaction.atomic
def run_draft(
    *,
    organisation: Organisation,
    period: date,
    by: User | None,
    as_of: date | None = None,
    lookback: int | None = None,
) -> PaymentRun:
    """Compute and keep a draft run for a month, for a manager to approve.

    ``as_of`` and ``lookback`` (months) are for the demo generator, which pays its history month by month
    as it was recorded and knows no change is recorded more than a few months late."""
    require(by, Perm.MANAGE_PAYMENTS, organisation.pk)
    period = month_start(period)
    _refuse_future(period)
    done = PaymentRun.objects.filter(
        organisation=organisation, period=period, status=RunStatus.COMMITTED
    ).first()
    if done:
        raise ValidationError(
            {"period": f"The run for {period:%B %Y} was committed on {day_text(done.committed_on or period)}: "
             "any change is paid or recovered in the next month's run"}
        )  # fmt: skip
    as_of = as_of or clock.today()
    computed = compute(organisation.pk, period, as_of=as_of, lookback=lookback)
    run = PaymentRun(organisation=organisation, period=period, as_of=as_of)
    run.total, run.line_count = computed.total, len(computed.lines)
    run.stamp(by)
    run.save()
    _insert(
        [
            PaymentLine(
                organisation_id=organisation.pk,
                run=run,
                fostering_household_id=line.key[0],
                child_id=line.key[1] or None,
                category=line.key[2],
                kind=line.kind,
                rate_key=line.rate_key,
                service_month=line.service_month,
                from_on=line.from_on,
                to_on=line.to_on,
                days=line.days,
                rate=line.rate.quantize(Decimal("0.01")),
                nightly=line.nightly,
                amount=line.amount,
                description=text,
                revision=computed.revisions.get((line.key, line.service_month), 0) + 1,
            )
            for line, text in zip(computed.lines, computed.descriptions, strict=True)
        ],
    )
    _add_claims(run)
    record_event(
        actor=by,
        verb="payment_run_drafted",
        obj=run,
        changes={
            "period": [None, period.isoformat()],
            "total": [None, str(run.total)],
            "lines": [None, run.line_count],
        },
    )
    return run


def _add_claims(run: PaymentRun) -> None:
    """The approved expense claims not yet paid, each its own line of the draft (``expenses``)."""
    revisions = dict(
        LedgerEntry.objects.filter(
            organisation_id=run.organisation_id, category=Category.EXPENSES, service_month=run.period
        )
        .values("fostering_household_id")
        .annotate(top=Max("revision"))
        .values_list("fostering_household_id", "top")
    )
    claims = expenses.draft_lines(run, revisions)
    if claims:
        PaymentLine.objects.bulk_create(claims)
        run.total += sum((line.amount for line in claims), Decimal(0))
        run.line_count += len(claims)
        run.save(update_fields=["total", "line_count"])


def _locked(run: PaymentRun) -> PaymentRun:
    return PaymentRun.objects.select_for_update().get(pk=run.pk)


def _move(run: PaymentRun, to: RunStatus) -> None:
    if run.status == RunStatus.COMMITTED:
        raise ValidationError(
            {"status": f"This run was committed on {day_text(run.committed_on or run.period)} and cannot be changed: "
             "any correction is paid or recovered in the next month's run"}
        )  # fmt: skip
    if to not in RUN_TRANSITIONS[run.status]:
        need = " A manager must approve it first." if to == RunStatus.COMMITTED else ""
        raise ValidationError(
            {
                "status": f"This run is {run.get_status_display().lower()}: it cannot be {to.label.lower()}.{need}"
            }
        )


@transaction.atomic
def run_approve(*, run: PaymentRun, by: User | None, on: date | None = None) -> PaymentRun:
    require(by, Perm.APPROVE_PAYMENT_RUN, run.organisation_id)
    run = _locked(run)
    _move(run, RunStatus.APPROVED)
    if by is not None and run.created_by_id == by.pk:
        raise ValidationError({"status": "You drafted this run: another manager approves it"})
    run.status, run.approved_on = RunStatus.APPROVED, on or clock.today()
    run.approved_by = by if getattr(by, "is_authenticated", False) else None
    run.stamp(by)
    run.save()
    record_event(actor=by, verb="payment_run_approved", obj=run, changes={"status": ["draft", "approved"]})
    return run


@transaction.atomic
def run_discard(*, run: PaymentRun, by: User | None) -> PaymentRun:
    require(by, Perm.MANAGE_PAYMENTS, run.organisation_id)
    run = _locked(run)
    _move(run, RunStatus.DISCARDED)
    before = run.status
    run.status = RunStatus.DISCARDED
    run.stamp(by)
    run.save()
    record_event(actor=by, verb="payment_run_discarded", obj=run, changes={"status": [before, "discarded"]})
    return run


STALE = "Another run has paid some of these months since this one was drafted: discard it and draft it again"


@transaction.atomic
def run_commit(*, run: PaymentRun, by: User | None, on: date | None = None) -> PaymentRun:
    """Commit an approved run: its ledger entries and remittances are written, and it can no longer change.

    ``on`` is the day it is paid (today unless given: the demo generator pays its history on the day)."""
    require(by, Perm.MANAGE_PAYMENTS, run.organisation_id)
    run = _locked(run)
    _move(run, RunStatus.COMMITTED)
    entries: dict[tuple[int, int, str, date, int], Decimal] = defaultdict(Decimal)
    households: dict[int, list[Decimal]] = defaultdict(list)
    for household, child, category, month, revision, amount in run.lines.values_list(
        "fostering_household_id", "child_id", "category", "service_month", "revision", "amount"
    ):
        entries[(household, child or 0, category, month, revision)] += amount
        households[household].append(amount)
    run.status, run.committed_on = RunStatus.COMMITTED, on or clock.today()
    run.stamp(by)
    try:
        with transaction.atomic():
            run.save()
            expenses.mark_paid(run)
            _insert(
                [
                    LedgerEntry(
                        organisation_id=run.organisation_id,
                        run=run,
                        fostering_household_id=household,
                        child_key=child,
                        category=category,
                        service_month=month,
                        revision=revision,
                        amount=amount,
                    )
                    for (household, child, category, month, revision), amount in entries.items()
                ],
            )
    except IntegrityError as clash:
        if PaymentRun.objects.filter(
            organisation_id=run.organisation_id, period=run.period, status=RunStatus.COMMITTED
        ).exists():
            raise ValidationError(
                {"status": f"Another run for {run.period:%B %Y} has been committed: this one cannot be"}
            ) from clash
        raise ValidationError({"status": STALE}) from clash
    Remittance.objects.bulk_create(
        [
            Remittance(
                organisation_id=run.organisation_id,
                run=run,
                fostering_household_id=household,
                total=sum(amounts, Decimal(0)),
                line_count=len(amounts),
            )
            for household, amounts in households.items()
        ],
        batch_size=2000,
    )
    record_event(
        actor=by,
        verb="payment_run_committed",
        obj=run,
        changes={"status": ["approved", "committed"], "total": [None, str(run.total)]},
    )
    return run
