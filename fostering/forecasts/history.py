"""The records as they stood on a date, turned into the counts ``model.py`` learns from.

Only facts dated on or before the date are read: a stage change recorded later, a period of care that
ended later (it was open then), a household that resigned later (it was open then). Each function reads
one organisation and returns plain data, so a forecast made "as of" a past date sees what a manager could
have seen on that day (save for corrections typed in since).

The journeys:

- enquiries: enquiry (received), then visit (initial visit held); moved on when the visit is held and when
  the decision is to progress; dropped when closed, not now or not suitable.
- assessments, by kind of carer: application, Stage 1, Stage 2, ready for panel; moved on to the next stage
  and finally approved; dropped when withdrawn or not approved.
- kinship: viability, full assessment, awaiting decision; moved on to the next stage and finally approved as
  connected carers; dropped on any other outcome or withdrawal.

A spell on hold is time in the stage it was put on hold from. Enquiries that progress are shared among the
kinds of assessment in proportion to the applications of each kind in the window. Approvals the pipeline
does not explain (households approved without a recorded assessment, such as carers transferred in) are a
stream of their own per kind of carer, at the rate of the unexplained approvals in the window.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from django.utils import timezone

from fostering.assessments.choices import AssessmentKind, Stage
from fostering.assessments.models import Assessment
from fostering.assessments.models import StageChange as AssessmentStageChange
from fostering.children.models import PeriodOfCare
from fostering.deadlines.calendar import add_months
from fostering.households.approvals import approvals
from fostering.households.choices import CarerType, HouseholdStatus
from fostering.households.models import FosteringHousehold, StatusChange, TermsOfApproval
from fostering.kinship.choices import Outcome as KinshipOutcome
from fostering.kinship.choices import Stage as KinshipStage
from fostering.kinship.models import KinshipAssessment
from fostering.kinship.models import StageChange as KinshipStageChange
from fostering.people.choices import MemberRole
from fostering.people.models import HouseholdMember
from fostering.placements.models import Placement
from fostering.recruitment.choices import EnquiryStage
from fostering.recruitment.models import Enquiry
from fostering.recruitment.models import StageChange as EnquiryStageChange

from .model import (
    BACK,
    DROP,
    MOVE,
    DemandCounts,
    HouseholdCounts,
    Spell,
    StageCounts,
    learn_demand,
    learn_stages,
)

WINDOW_MONTHS = 24
# Children in care follow the last year: entries and moves change faster than journeys do, and a backtest on
# the demo county halves the error of a 24-month window (12 months: error 35, 24 months: 51 children).
DEMAND_WINDOW_MONTHS = 12
ENQUIRY_STAGES = ("enquiry", "visit")
ASSESSMENT_STAGES = ("application", "stage1", "stage2", "ready_for_panel")
KINSHIP_STAGES = ("viability", "full_assessment", "awaiting_decision")
# The kind of carer an assessment leads to (independent visitors are not carers).
CARER_KIND: dict[str, str] = {
    AssessmentKind.MAINSTREAM: CarerType.MAINSTREAM,
    AssessmentKind.FAST_TRACK: CarerType.MAINSTREAM,
    AssessmentKind.SUPPORTED_LODGINGS: CarerType.SUPPORTED_LODGINGS,
}
KINDS: tuple[str, ...] = tuple(CarerType)
AGE_BANDS = (("0-4", 0, 5), ("5-9", 5, 10), ("10-15", 10, 16), ("16-17", 16, 18))
PLACEMENT_TYPES = ("in_house", "ifa", "kinship", "residential", "other")
PLACEMENT_TYPE_LABELS = {
    "in_house": "In-house foster care",
    "ifa": "Independent fostering agency",
    "kinship": "Kinship foster care",
    "residential": "Residential",
    "other": "Other (adoption, with parents, supported accommodation, other)",
}
CARER_AGE_BANDS = (("under 55", 0, 55), ("55 to 64", 55, 65), ("65 and over", 65, 200))
ENTRY_BAND = "under 55"
RESIDENTIAL_PLACES = frozenset({"K1", "K2", "R1", "S1"})
KINSHIP_PLACES = frozenset({"U1", "U2", "U3"})
OTHER_FOSTER_PLACES = frozenset({"U4", "U5", "U6"})


def month_ends(as_of: date, months: int) -> list[date]:
    """``as_of`` and the same day of each month before it, oldest first (months + 1 dates)."""
    return [add_months(as_of, -k) for k in range(months, -1, -1)]


def _on(value) -> date:  # type: ignore[no-untyped-def]
    return timezone.localtime(value).date() if hasattr(value, "tzinfo") else value


# ---------------------------------------------------------------------------------------------------------
# The pipeline


@dataclass(frozen=True)
class PipelineHistory:
    as_of: date
    enquiries: StageCounts
    assessments: dict[str, StageCounts]  # by kind of carer
    kinship: StageCounts
    applications_by_kind: dict[str, int]  # applications in the window (shares of progressed enquiries)
    unexplained_approvals: dict[str, float]  # approvals in the window not reached through the pipeline
    approvals_by_month: dict[str, list[int]]  # the 12 months up to as_of, by kind, oldest first
    first_record: date | None


def enquiry_spells(org_id: int, as_of: date) -> list[Spell]:
    changes: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for enquiry_id, to_stage, changed_at in EnquiryStageChange.objects.filter(
        organisation_id=org_id
    ).values_list("enquiry_id", "to_stage", "changed_at"):
        on = _on(changed_at)
        if on <= as_of:
            changes[enquiry_id].append((on, to_stage))
    spells = []
    closed = {EnquiryStage.NOT_NOW, EnquiryStage.NOT_SUITABLE, EnquiryStage.WITHDRAWN}
    for pk, received_at in Enquiry.objects.filter(organisation_id=org_id).values_list("pk", "received_at"):
        received = _on(received_at)
        if received > as_of:
            continue
        stage, start, arrival = 0, received, True
        done = False
        for on, to in sorted(changes.get(pk, [])):
            if to == EnquiryStage.INITIAL_VISIT and stage == 0:
                spells.append(Spell(0, start, on, MOVE, arrival))
                stage, start, arrival = 1, on, False
            elif to == EnquiryStage.PROGRESSED:
                spells.append(Spell(stage, start, on, MOVE, arrival))
                done = True
                break
            elif to in closed:
                spells.append(Spell(stage, start, on, DROP, arrival))
                done = True
                break
        if not done:
            spells.append(Spell(stage, start, None, None, arrival))
    return spells


def assessment_spells(org_id: int, as_of: date) -> tuple[dict[str, list[Spell]], dict[str, list[date]]]:
    """Spells by kind of carer, and the approvals the pipeline reached by kind (their dates)."""
    changes: dict[int, list[tuple[date, int, str]]] = defaultdict(list)
    for assessment_id, pk, to_stage, on in AssessmentStageChange.objects.filter(
        organisation_id=org_id
    ).values_list("assessment_id", "pk", "to_stage", "changed_on"):
        if on <= as_of:
            changes[assessment_id].append((on, pk, to_stage))
    approved_on = {a.household_id: a.approved_on for a in approvals(organisation_ids=[org_id], end=as_of)}
    spells: dict[str, list[Spell]] = defaultdict(list)
    reached: dict[str, list[date]] = defaultdict(list)
    main = list(ASSESSMENT_STAGES)
    for pk, kind, accepted, household_id, enquiry_id in Assessment.objects.filter(
        organisation_id=org_id
    ).values_list("pk", "kind", "application_accepted_on", "household_id", "enquiry_id"):
        carer = CARER_KIND.get(kind)
        if carer is None or accepted > as_of:
            continue
        own = spells[carer]
        # Applications that came through an enquiry arrive from the enquiries line; the rest arrive here.
        stage, start, done, arrival = 0, accepted, False, enquiry_id is None
        for on, _, to in sorted(changes.get(pk, [])):
            if (to in (Stage.ON_HOLD, Stage.APPLICATION) and stage == 0) or to == Stage.ON_HOLD:
                continue
            if to in main:
                new = main.index(to)
                if new == stage:
                    continue
                own.append(Spell(stage, start, on, MOVE if new == stage + 1 else BACK, arrival))
                stage, start, arrival = new, on, False
            elif to == Stage.APPROVED:
                own.append(Spell(stage, start, on, MOVE, arrival))
                reached[carer].append(on)
                done = True
                break
            else:  # withdrawn, not approved
                own.append(Spell(stage, start, on, DROP, arrival))
                done = True
                break
        if not done:
            approved = approved_on.get(household_id)
            if approved is not None and approved >= start and stage == len(main) - 1:
                own.append(Spell(stage, start, approved, MOVE))
                reached[carer].append(approved)
            else:
                own.append(Spell(stage, start, None, None, arrival))
    return spells, reached


def kinship_spells(org_id: int, as_of: date) -> tuple[list[Spell], list[date]]:
    changes: dict[int, list[tuple[date, int, str]]] = defaultdict(list)
    for assessment_id, pk, to_stage, on in KinshipStageChange.objects.filter(
        organisation_id=org_id
    ).values_list("assessment_id", "pk", "to_stage", "changed_on"):
        if on <= as_of:
            changes[assessment_id].append((on, pk, to_stage))
    main = list(KINSHIP_STAGES)
    spells: list[Spell] = []
    reached: list[date] = []
    rows = KinshipAssessment.objects.filter(organisation_id=org_id, started_on__lte=as_of).values_list(
        "pk", "started_on", "outcome", "decided_on"
    )
    for pk, started, outcome, _decided in rows:
        history = sorted(changes.get(pk, []))
        first = next((to for _, _, to in history if to in main), KinshipStage.VIABILITY)
        stage, start, arrival, done = main.index(first), started, True, False
        for on, _, to in history:
            if to in main:
                new = main.index(to)
                if new == stage:
                    continue
                spells.append(Spell(stage, start, on, MOVE if new == stage + 1 else BACK, arrival))
                stage, start, arrival = new, on, False
            elif to in (KinshipStage.CONCLUDED, KinshipStage.WITHDRAWN):
                approved = outcome == KinshipOutcome.APPROVED_CONNECTED_CARER and to == KinshipStage.CONCLUDED
                spells.append(Spell(stage, start, on, MOVE if approved else DROP, arrival))
                if approved:
                    reached.append(on)
                done = True
                break
        if not done:
            spells.append(Spell(stage, start, None, None, arrival))
    return spells, reached


def approvals_by_month(org_id: int, start: date, months: int) -> dict[str, list[int]]:
    """Households approved in each month after ``start`` (month k: after start + k months, up to start +
    k + 1 months), by kind of carer."""
    ends = [add_months(start, k) for k in range(months + 1)]
    out = {kind: [0] * months for kind in KINDS}
    for approval in approvals(organisation_ids=[org_id], start=ends[0] + timedelta(days=1), end=ends[-1]):
        kind, on = approval.carer_type, approval.approved_on
        index = next(k for k in range(months) if ends[k] < on <= ends[k + 1])
        out[kind][index] += 1
    return out


def first_record(org_id: int) -> date | None:
    firsts: list[date] = [
        _on(value)
        for value in (
            Enquiry.objects.filter(organisation_id=org_id)
            .order_by("received_at")
            .values_list("received_at", flat=True)
            .first(),
            Assessment.objects.filter(organisation_id=org_id)
            .order_by("application_accepted_on")
            .values_list("application_accepted_on", flat=True)
            .first(),
            PeriodOfCare.objects.filter(organisation_id=org_id)
            .order_by("started_on")
            .values_list("started_on", flat=True)
            .first(),
        )
        if value is not None
    ]
    return min(firsts) if firsts else None


def pipeline_history(org_id: int, as_of: date, window_months: int = WINDOW_MONTHS) -> PipelineHistory:
    window_start = add_months(as_of, -window_months)
    enquiries = learn_stages(
        enquiry_spells(org_id, as_of), ENQUIRY_STAGES, as_of=as_of, window_start=window_start
    )
    by_kind, reached = assessment_spells(org_id, as_of)
    kinship_list, kinship_reached = kinship_spells(org_id, as_of)
    kinship = learn_stages(kinship_list, KINSHIP_STAGES, as_of=as_of, window_start=window_start)
    every = [s for spells in by_kind.values() for s in spells]
    pooled = learn_stages(every, ASSESSMENT_STAGES, as_of=as_of, window_start=window_start)
    assessments = {
        kind: learn_stages(
            by_kind.get(kind, []), ASSESSMENT_STAGES, as_of=as_of, window_start=window_start
        ).pooled_with(pooled)
        for kind in sorted({*CARER_KIND.values()})
    }
    applications = {
        kind: sum(1 for s in by_kind.get(kind, []) if s.stage == 0 and s.start > window_start)
        for kind in assessments
    }
    recorded = approvals_by_month(org_id, window_start, window_months)
    reached_counts: Counter[str] = Counter()
    for kind, dates in reached.items():
        reached_counts[kind] += sum(1 for on in dates if window_start < on <= as_of)
    reached_counts[CarerType.KINSHIP] += sum(1 for on in kinship_reached if window_start < on <= as_of)
    unexplained = {kind: float(max(0, sum(recorded[kind]) - reached_counts[kind])) for kind in KINDS}
    return PipelineHistory(
        as_of=as_of,
        enquiries=enquiries,
        assessments=assessments,
        kinship=kinship,
        applications_by_kind=applications,
        unexplained_approvals=unexplained,
        approvals_by_month={kind: counts[-12:] for kind, counts in recorded.items()},
        first_record=first_record(org_id),
    )


# ---------------------------------------------------------------------------------------------------------
# Children in care


def placement_type(place: str, provider: str, in_house: bool) -> str:
    """One of ``PLACEMENT_TYPES`` from the 903 placement code and provider."""
    if place in KINSHIP_PLACES:
        return "kinship"
    if place in OTHER_FOSTER_PLACES:
        return (
            "in_house"
            if in_house or provider in ("PR1", "")
            else ("ifa" if provider in ("PR4", "PR5") else "other")
        )
    if place in RESIDENTIAL_PLACES:
        return "residential"
    return "other"


def age_band(born: date | None, on: date) -> int:
    if born is None:
        return len(AGE_BANDS) - 2
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    for i, (_, low, high) in enumerate(AGE_BANDS):
        if low <= years < high:
            return i
    return len(AGE_BANDS) - 1


DEMAND_STATES = tuple((band, kind) for band, _, _ in AGE_BANDS for kind in PLACEMENT_TYPES)


def care_snapshots(org_id: int, dates: list[date]) -> list[dict[int, int]]:
    """For each date: child id -> state index (age band x placement type) of every child in care that day."""
    last = dates[-1]
    periods = list(
        PeriodOfCare.objects.filter(organisation_id=org_id, started_on__lte=last).values_list(
            "child_id", "started_on", "ended_on", "child__person__date_of_birth"
        )
    )
    placements: dict[int, list[tuple[date, date | None, str]]] = defaultdict(list)
    for child_id, start, end, place, provider, household in Placement.objects.filter(
        organisation_id=org_id, started_on__lte=last, period_of_care__isnull=False
    ).values_list("child_id", "started_on", "ended_on", "place", "provider", "fostering_household_id"):
        placements[child_id].append((start, end, placement_type(place, provider, household is not None)))
    n_types = len(PLACEMENT_TYPES)
    out = []
    for on in dates:
        snapshot: dict[int, int] = {}
        for child_id, start, end, born in periods:
            if start <= on and (end is None or end > on):
                kind = next(
                    (t for s, e, t in placements.get(child_id, ()) if s <= on and (e is None or e > on)),
                    "other",
                )
                snapshot[child_id] = age_band(born, on) * n_types + PLACEMENT_TYPES.index(kind)
        out.append(snapshot)
    return out


def demand_history(org_id: int, as_of: date, window_months: int = DEMAND_WINDOW_MONTHS) -> DemandCounts:
    snapshots = care_snapshots(org_id, month_ends(as_of, window_months))
    return learn_demand(snapshots, len(DEMAND_STATES), DEMAND_STATES)


def children_in_care_by_month(org_id: int, start: date, months: int) -> list[int]:
    """Children in care on each month end after ``start`` (start + 1 month, ... start + months)."""
    dates = [add_months(start, k) for k in range(1, months + 1)]
    return [len(s) for s in care_snapshots(org_id, dates)]


# ---------------------------------------------------------------------------------------------------------
# Households


HOUSEHOLD_GROUPS: tuple[tuple[str, str], ...] = tuple(
    (kind, band) for kind in KINDS for band, _, _ in CARER_AGE_BANDS
)


def _carer_band(born: date | None, on: date) -> str:
    if born is None:
        return ENTRY_BAND
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next(band for band, low, high in CARER_AGE_BANDS if low <= years < high)


def household_history(org_id: int, as_of: date, window_months: int = WINDOW_MONTHS) -> HouseholdCounts:
    window_start = add_months(as_of, -window_months)
    closed_on: dict[int, date] = {}
    for fh_id, on in StatusChange.objects.filter(
        organisation_id=org_id,
        to_status__in=[HouseholdStatus.RESIGNED, HouseholdStatus.DEREGISTERED],
        changed_on__lte=as_of,
    ).values_list("fostering_household_id", "changed_on"):
        closed_on[fh_id] = min(on, closed_on.get(fh_id, on))
    oldest: dict[int, date] = {}
    for household_id, born in HouseholdMember.objects.filter(
        organisation_id=org_id, role=MemberRole.CARER, person__date_of_birth__isnull=False
    ).values_list("household_id", "person__date_of_birth"):
        if born is not None:
            oldest[household_id] = min(born, oldest.get(household_id, born))
    index = {group: i for i, group in enumerate(HOUSEHOLD_GROUPS)}
    n = len(HOUSEHOLD_GROUPS)
    open_now, losses, exposure = np.zeros(n, dtype=np.int64), np.zeros(n), np.zeros(n)
    open_ids: dict[int, str] = {}
    for fh_id, household_id, kind, approved in FosteringHousehold.objects.filter(
        organisation_id=org_id, approved_on__lte=as_of
    ).values_list("pk", "household_id", "carer_type", "approved_on"):
        end = closed_on.get(fh_id)
        born = oldest.get(household_id)
        # Exposure by the band the oldest carer was in, month by month through the window.
        for k in range(window_months):
            a, b = add_months(window_start, k), add_months(window_start, k + 1)
            lo, hi = max(a, approved), min(b, end or b)
            if hi > lo:
                exposure[index[(kind, _carer_band(born, lo))]] += (hi - lo).days / (b - a).days
        if end is not None and end > window_start:
            losses[index[(kind, _carer_band(born, end))]] += 1
        if end is None:
            open_now[index[(kind, _carer_band(born, as_of))]] += 1
            open_ids[fh_id] = kind
    places: dict[str, list[int]] = defaultdict(list)
    for fh_id, children, _start, end in TermsOfApproval.objects.filter(
        organisation_id=org_id, fostering_household_id__in=list(open_ids), effective_from__lte=as_of
    ).values_list("fostering_household_id", "number_of_children", "effective_from", "effective_to"):
        if end is None or end > as_of:
            places[open_ids[fh_id]].append(children)
    mean_places = {kind: (sum(v) / len(v)) for kind, v in places.items() if v}
    return HouseholdCounts(HOUSEHOLD_GROUPS, open_now, losses, exposure, float(window_months), mean_places)
