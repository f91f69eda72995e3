"""What is read out of a run: the finance export, the reconciliation, and a carer's annual statement."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from fostering.accounts.models import Membership
from fostering.households.models import FosteringHousehold

from .choices import Category, LineKind, RunStatus
from .entitlements import month_end, next_month
from .models import PaymentLine, PaymentRun, Rate
from .selectors import previous_run

EXPORT_COLUMNS = [
    "run_period",
    "organisation_code",
    "line_id",
    "payee_reference",
    "payee_name",
    "child_reference",
    "category",
    "kind",
    "service_month",
    "from_date",
    "to_date",
    "days",
    "rate",
    "rate_unit",
    "amount",
    "description",
]


def export_csv(run: PaymentRun) -> str:
    """The finance export: one row per line, in the layout documented in docs/payments.md."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    lines = run.lines.select_related("fostering_household__household", "child").order_by(
        "fostering_household__reference", "child_id", "service_month", "from_on", "category", "id"
    )
    for line in lines.iterator(chunk_size=2000):
        writer.writerow(
            [
                f"{run.period:%Y-%m}",
                run.organisation.code,
                line.pk,
                line.fostering_household.reference,
                line.fostering_household.household.name,
                line.child.child_id if line.child else "",
                line.category,
                line.kind,
                f"{line.service_month:%Y-%m}",
                line.from_on.isoformat(),
                line.to_on.isoformat(),
                line.days,
                f"{line.rate:.2f}",
                "night" if line.nightly else "week",
                f"{line.amount:.2f}",
                line.description,
            ]
        )
    return out.getvalue()


@dataclass
class Explanation:
    label: str
    amount: Decimal
    count: int = 0


@dataclass
class Reconciliation:
    total: Decimal
    by_category: list[tuple[str, Decimal, Decimal, Decimal]]  # label, payments, arrears, recoveries
    by_team: list[tuple[str, int, Decimal]]
    previous: PaymentRun | None
    difference: Decimal
    explained: list[Explanation] = field(default_factory=list)
    rate_changes: list[Rate] = field(default_factory=list)


def _normal_by_child(run: PaymentRun) -> dict[tuple[int, int], Decimal]:
    out: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for household, child, amount in run.lines.filter(kind=LineKind.NORMAL).values_list(
        "fostering_household_id", "child_id", "amount"
    ):
        out[(household, child or 0)] += amount
    return out


def _other(run: PaymentRun, kind: str) -> Decimal:
    return run.lines.filter(kind=kind).aggregate(total=Sum("amount"))["total"] or Decimal(0)


def reconcile(run: PaymentRun) -> Reconciliation:
    sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for category, kind, total in run.lines.values_list("category", "kind").annotate(total=Sum("amount")):
        sums[category][kind] += total
    by_category = [
        (
            label,
            sums[value][LineKind.NORMAL] + sums[value][LineKind.ADJUSTMENT],
            sums[value][LineKind.ARREARS],
            sums[value][LineKind.RECOVERY],
        )
        for value, label in Category.choices
        if value in sums
    ]
    teams = dict(
        Membership.objects.filter(
            organisation_id=run.organisation_id, ended_on__isnull=True, team__isnull=False
        )
        .values_list("user_id", "team__name")
        .order_by("user_id", "-started_on")
    )
    ssw = dict(
        FosteringHousehold.objects.filter(organisation_id=run.organisation_id).values_list(
            "pk", "supervising_social_worker_id"
        )
    )
    team_totals: dict[str, list] = defaultdict(lambda: [set(), Decimal(0)])
    for household, total in run.lines.values_list("fostering_household_id").annotate(total=Sum("amount")):
        worker = ssw.get(household)
        team = teams.get(worker, "No team recorded") if worker else "No team recorded"
        team_totals[team][0].add(household)
        team_totals[team][1] += total
    by_team = sorted((name, len(households), total) for name, (households, total) in team_totals.items())
    previous = previous_run(run)
    result = Reconciliation(
        run.total, by_category, by_team, previous, run.total - (previous.total if previous else 0)
    )
    since = next_month(previous.period) if previous else run.period
    result.rate_changes = list(
        Rate.objects.filter(
            organisation_id=run.organisation_id, valid_from__gte=since, valid_from__lte=month_end(run.period)
        ).order_by("key")
    )
    if previous is None:
        return result
    now, before = _normal_by_child(run), _normal_by_child(previous)
    new = [key for key in now if key not in before]
    ended = [key for key in before if key not in now]
    continuing = [key for key in now if key in before]
    result.explained = [
        Explanation("New placements and retainers", sum((now[k] for k in new), Decimal(0)), len(new)),
        Explanation(
            "Ended placements and retainers", -sum((before[k] for k in ended), Decimal(0)), len(ended)
        ),
        Explanation(
            "Continuing: rate changes, age bands, fee levels and days in the month",
            sum((now[k] - before[k] for k in continuing), Decimal(0)),
            len(continuing),
        ),
    ]
    for kind, label in (
        (LineKind.ARREARS, "Arrears"),
        (LineKind.RECOVERY, "Recoveries"),
        (LineKind.ADJUSTMENT, "Rounding"),
    ):
        change = _other(run, kind) - _other(previous, kind)
        if change:
            result.explained.append(Explanation(f"{label}: this run's less the previous run's", change))
    return result


TAX_YEAR_NOTE = (
    "Foster carers may be able to use qualifying care relief when working out their taxable income from "
    "fostering. This statement shows what was paid; it is not tax advice: HMRC's guidance on qualifying care "
    "relief explains how the relief works."
)


def tax_year_of(day: date) -> int:
    """The tax year (6 April to 5 April) by the year it starts."""
    return day.year if (day.month, day.day) >= (4, 6) else day.year - 1


@dataclass
class AnnualStatement:
    year: int
    starts: date
    ends: date
    runs: list[tuple[PaymentRun, Decimal]]
    by_category: list[tuple[str, Decimal]]
    total: Decimal
    note: str = TAX_YEAR_NOTE


def annual_statement(household: FosteringHousehold, year: int) -> AnnualStatement:
    """Everything paid to a household by runs committed in one tax year."""
    starts, ends = date(year, 4, 6), date(year + 1, 4, 5)
    lines = PaymentLine.objects.filter(
        fostering_household=household,
        run__status=RunStatus.COMMITTED,
        run__committed_on__gte=starts,
        run__committed_on__lte=ends,
    )
    per_run = dict(lines.values_list("run_id").annotate(total=Sum("amount")))
    runs = PaymentRun.objects.filter(pk__in=per_run).order_by("period")
    labels = dict(Category.choices)
    by_category = [
        (labels[category], total)
        for category, total in lines.values_list("category")
        .annotate(total=Sum("amount"))
        .order_by("category")
    ]
    return AnnualStatement(
        year,
        starts,
        ends,
        [(run, per_run[run.pk]) for run in runs],
        by_category,
        sum(per_run.values(), Decimal(0)),
    )
