"""Counts of the life of approved households for the service's annual reports: approvals, terms of
approval, reviews held and on time, resignations, allegations and complaints, by financial year."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet

from fostering.concerns.choices import AllegationOutcome, ComplaintOutcome, ComplaintStage
from fostering.concerns.models import Allegation, ComplaintStageRecord
from fostering.households.approvals import approvals as approved_households
from fostering.households.choices import (
    OPEN_STATUSES,
    CarerType,
    HouseholdStatus,
    PlacementType,
    ResignationReason,
    ReviewKind,
)
from fostering.households.models import StatusChange, TermsOfApproval
from fostering.households.review_timeliness import reviews_held


def financial_year(on: date) -> str:
    """2025-26 for 1 April 2025 to 31 March 2026."""
    start = on.year if on.month >= 4 else on.year - 1
    return f"{start}-{str(start + 1)[-2:]}"


@dataclass
class Table:
    """One report: a title, its column headings and rows of (label, counts...)."""

    code: str
    title: str
    intro: str
    headers: list[str]
    rows: list[list[object]] = field(default_factory=list)


def _by_year(
    code: str, title: str, intro: str, items: Iterable[tuple[date, str]], columns: list[tuple[str, str]]
) -> Table:
    counts: Counter[tuple[str, str]] = Counter()
    years: set[str] = set()
    for on, column in items:
        year = financial_year(on)
        years.add(year)
        counts[(year, column)] += 1
    table = Table(code, title, intro, ["Financial year", *[label for _, label in columns], "Total"])
    for year in sorted(years, reverse=True):
        row = [counts[(year, value)] for value, _ in columns]
        table.rows.append([year, *row, sum(row)])
    return table


def approvals(orgs: set[int]) -> Table:
    rows = [(a.approved_on, a.carer_type) for a in approved_households(organisation_ids=orgs)]
    return _by_year(
        "approvals",
        "Approvals by type of carer",
        "Households approved in each financial year, by the type of carer.",
        rows,
        list(CarerType.choices),
    )


def terms_of_approval(orgs: set[int]) -> Table:
    """The current terms of every open household: by age range, number of children and placement type."""
    terms = TermsOfApproval.objects.filter(
        organisation_id__in=orgs,
        effective_to__isnull=True,
        fostering_household__status__in=OPEN_STATUSES,
    ).values_list("age_min", "age_max", "number_of_children", "placement_types")
    ages: Counter[str] = Counter()
    numbers: Counter[int] = Counter()
    types: Counter[str] = Counter()
    for age_min, age_max, number, placement_types in terms:
        ages[f"Aged {age_min} to {age_max}"] += 1
        numbers[number] += 1
        types.update(placement_types)
    table = Table(
        "terms_of_approval",
        "Terms of approval",
        "The current terms of approval of every open household. A household approved for several placement "
        "types counts once for each.",
        ["Terms", "Households"],
    )
    for label, n in sorted(ages.items(), key=lambda item: (-item[1], item[0])):
        table.rows.append([label, n])
    for number, n in sorted(numbers.items()):
        table.rows.append([f"{number} child{'ren' if number != 1 else ''}", n])
    for value, label in PlacementType.choices:
        if types[value]:
            table.rows.append([label, types[value]])
    return table


def reviews(orgs: set[int]) -> Table:
    """Reviews held in each year, and how many were held within 12 months of approval or the last review."""
    counts: Counter[tuple[str, str]] = Counter()
    for review in reviews_held(organisation_ids=orgs):
        year = financial_year(review.held_on)
        counts[(year, "held")] += 1
        counts[(year, review.kind)] += 1
        if review.on_time is not None:
            counts[(year, "known")] += 1
            if review.on_time:
                counts[(year, "on_time")] += 1
    table = Table(
        "reviews",
        "Reviews held and on time",
        "Household reviews held in each financial year. On time means within 12 months of the approval (for a "
        "first review) or of the review before; a review whose previous review is not recorded is not counted "
        "either way.",
        [
            "Financial year",
            "Reviews held",
            "With a known due date",
            "On time",
            "Per cent on time",
            "First reviews",
            "Following concerns",
        ],
    )
    for year in sorted({y for y, _ in counts}, reverse=True):
        known = counts[(year, "known")]
        table.rows.append(
            [
                year,
                counts[(year, "held")],
                known,
                counts[(year, "on_time")],
                f"{round(100 * counts[(year, 'on_time')] / known)}%" if known else "",
                counts[(year, ReviewKind.FIRST)],
                counts[(year, ReviewKind.FOLLOWING_CONCERNS)],
            ]
        )
    return table


def resignations(orgs: set[int]) -> Table:
    rows = StatusChange.objects.filter(
        organisation_id__in=orgs, to_status=HouseholdStatus.RESIGNED
    ).values_list("changed_on", "resignation_reason")
    columns = [*ResignationReason.choices, ("", "Reason not recorded")]
    return _by_year(
        "resignations",
        "Resignations by reason",
        "Households that resigned in each financial year, by the reason they gave.",
        rows,
        columns,
    )


def allegations(orgs: set[int]) -> Table:
    rows = Allegation.objects.filter(organisation_id__in=orgs).values_list("received_on", "outcome")
    return _by_year(
        "allegations",
        "Allegations by outcome",
        "Allegations received in each financial year, by their outcome (open ones have none yet).",
        rows,
        [*AllegationOutcome.choices, ("", "Open")],
    )


def complaints(orgs: set[int]) -> Table:
    stages: QuerySet[ComplaintStageRecord] = ComplaintStageRecord.objects.filter(organisation_id__in=orgs)
    counts: Counter[tuple[str, int, str]] = Counter()
    for started_on, stage, outcome in stages.values_list("started_on", "stage", "outcome"):
        counts[(financial_year(started_on), stage, outcome)] += 1
    columns = [*ComplaintOutcome.choices, ("", "Not answered yet")]
    table = Table(
        "complaints",
        "Complaints by stage and outcome",
        "Complaint stages started in each financial year, by stage and outcome.",
        ["Financial year", "Stage", *[label for _, label in columns], "Total"],
    )
    for year in sorted({y for y, _, _ in counts}, reverse=True):
        for stage, label in ComplaintStage.choices:
            row = [counts[(year, stage, value)] for value, _ in columns]
            if sum(row):
                table.rows.append([year, label, *row, sum(row)])
    return table


REPORTS: dict[str, Callable[[set[int]], Table]] = {
    "approvals": approvals,
    "terms_of_approval": terms_of_approval,
    "reviews": reviews,
    "resignations": resignations,
    "allegations": allegations,
    "complaints": complaints,
}
TITLES = {
    "approvals": "Approvals by type of carer",
    "terms_of_approval": "Terms of approval",
    "reviews": "Reviews held and on time",
    "resignations": "Resignations by reason",
    "allegations": "Allegations by outcome",
    "complaints": "Complaints by stage and outcome",
}
