"""How each indicator is counted from the records, for one council and one period.

Each count returns the records it counted (``Ref``: the kind of record and its id) for the numerator
and, for a percentage, the denominator, so every figure opens the list it came from. Counts read the
records as they stand; a closed period keeps what they gave when it closed (``services.period_close``).
"Open on a day" means started on or before it and not ended before it (ended on it still counts as open
that day for a household; a period of care or placement ending that day has ended), the convention the
903 return and the forecasts use.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q

from fostering.assessments.choices import Stage
from fostering.assessments.models import StageChange as AssessmentStageChange
from fostering.children.models import PeriodOfCare
from fostering.concerns.models import Allegation
from fostering.deadlines.calendar import add_months
from fostering.deadlines.rules import due_date
from fostering.households.approvals import approvals
from fostering.households.choices import CarerType, HouseholdStatus
from fostering.households.models import FosteringHousehold, StatusChange, SupervisionVisit, TermsOfApproval
from fostering.households.review_timeliness import reviews_held
from fostering.panel.models import Decision
from fostering.people.choices import MemberRole
from fostering.people.models import HouseholdMember
from fostering.placements.models import Placement
from fostering.recruitment.models import Enquiry

from .periods import Window

LONDON = ZoneInfo("Europe/London")
CLOSED = (HouseholdStatus.RESIGNED, HouseholdStatus.DEREGISTERED)
ASSESSMENT_MONTHS = 8  # the assessment of an application should normally be completed within 8 months

Ref = tuple[str, int]


@dataclass
class Count:
    numerator: list[Ref]
    denominator: list[Ref] | None = None
    # a denominator that is not a count of records (places approved), with the records it was summed over
    denominator_total: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def denominator_value(self) -> int | None:
        if self.denominator_total is not None:
            return self.denominator_total
        return None if self.denominator is None else len(self.denominator)


def _refs(kind: str, ids: object) -> list[Ref]:
    return [(kind, pk) for pk in sorted(set(ids))]  # type: ignore[call-overload]


def _day_start(on: date) -> datetime:
    return datetime.combine(on, time.min, tzinfo=LONDON)


# ------------------------------------------------------------------------------------------ records open


def households_open(org: int, on: date) -> dict[int, str]:
    """Fostering household id -> kind of carer, for the households approved and not closed on ``on``."""
    closed = set(
        StatusChange.objects.filter(organisation_id=org, to_status__in=CLOSED, changed_on__lt=on).values_list(
            "fostering_household_id", flat=True
        )
    )
    return {
        pk: kind
        for pk, kind in FosteringHousehold.objects.filter(
            organisation_id=org, approved_on__lte=on
        ).values_list("pk", "carer_type")
        if pk not in closed
    }


def children_in_care(org: int, on: date) -> set[int]:
    return set(
        PeriodOfCare.objects.filter(organisation_id=org, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .values_list("child_id", flat=True)
    )


def _placements_on(org: int, on: date) -> list[tuple[int, int | None]]:
    return list(
        Placement.objects.filter(organisation_id=org, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .values_list("child_id", "fostering_household_id")
    )


# ---------------------------------------------------------------------------------------------- counts


def enquiries(org: int, w: Window) -> Count:
    ids = Enquiry.objects.filter(
        organisation_id=org,
        received_at__gte=_day_start(w.start),
        received_at__lt=_day_start(w.end + timedelta(days=1)),
    ).values_list("pk", flat=True)
    return Count(_refs("enquiry", ids))


def approvals_mainstream(org: int, w: Window) -> Count:
    return Count(
        _refs(
            "household",
            (
                a.fostering_household_id
                for a in approvals(organisation_ids=[org], start=w.start, end=w.end)
                if a.carer_type == CarerType.MAINSTREAM
            ),
        )
    )


def approvals_all(org: int, w: Window) -> Count:
    return Count(
        _refs(
            "household",
            (a.fostering_household_id for a in approvals(organisation_ids=[org], start=w.start, end=w.end)),
        )
    )


def assessments_in_time(org: int, w: Window) -> Count:
    done = AssessmentStageChange.objects.filter(
        organisation_id=org, to_stage=Stage.READY_FOR_PANEL, changed_on__gte=w.start, changed_on__lte=w.end
    ).values_list("assessment_id", "changed_on", "assessment__application_accepted_on")
    first: dict[int, tuple[date, date]] = {}
    for pk, on, accepted in done:
        if pk not in first or on < first[pk][0]:
            first[pk] = (on, accepted)
    in_time = [pk for pk, (on, accepted) in first.items() if on <= add_months(accepted, ASSESSMENT_MONTHS)]
    return Count(_refs("assessment", in_time), _refs("assessment", first))


def adm_decisions_in_time(org: int, w: Window) -> Count:
    rows = Decision.objects.filter(
        organisation_id=org,
        decided_on__gte=w.start,
        decided_on__lte=w.end,
        item__recommended_on__isnull=False,
    ).values_list("item_id", "decided_on", "item__recommended_on")
    decided = {item: (on, recommended) for item, on, recommended in rows}
    # the panel's year reads the same clock (rule adm_decision), so the two reports agree
    in_time = [
        item for item, (on, rec) in decided.items() if rec is not None and on <= due_date("adm_decision", rec)
    ]
    return Count(_refs("item", in_time), _refs("item", decided))


def households_at_end(org: int, w: Window) -> Count:
    return Count(_refs("household", households_open(org, w.end)))


def households_closed(org: int, w: Window) -> Count:
    ids = StatusChange.objects.filter(
        organisation_id=org, to_status__in=CLOSED, changed_on__gte=w.start, changed_on__lte=w.end
    ).values_list("fostering_household_id", flat=True)
    return Count(_refs("household", ids))


def supervision_up_to_date(org: int, w: Window) -> Count:
    open_now = households_open(org, w.end)
    last: dict[int, date] = {}
    for fh, on in SupervisionVisit.objects.filter(
        organisation_id=org, fostering_household_id__in=list(open_now), visited_on__lte=w.end
    ).values_list("fostering_household_id", "visited_on"):
        last[fh] = max(on, last.get(fh, on))
    approved = dict(FosteringHousehold.objects.filter(pk__in=list(open_now)).values_list("pk", "approved_on"))
    up_to_date = [
        fh
        for fh in open_now
        if due_date("supervision", max(last.get(fh, approved[fh]), approved[fh])) >= w.end
    ]
    return Count(_refs("household", up_to_date), _refs("household", open_now))


def unannounced_in_year(org: int, w: Window) -> Count:
    open_now = households_open(org, w.end)
    visited = SupervisionVisit.objects.filter(
        organisation_id=org,
        fostering_household_id__in=list(open_now),
        unannounced=True,
        visited_on__gt=add_months(w.end, -12),
        visited_on__lte=w.end,
    ).values_list("fostering_household_id", flat=True)
    return Count(_refs("household", visited), _refs("household", open_now))


def reviews_on_time(org: int, w: Window) -> Count:
    known = [
        r
        for r in reviews_held(organisation_ids=[org], end=w.end)
        if r.held_on >= w.start and r.on_time is not None
    ]
    return Count(
        _refs("review", (r.review_id for r in known if r.on_time)),
        _refs("review", (r.review_id for r in known)),
    )


def carers_over_65(org: int, w: Window) -> Count:
    open_now = households_open(org, w.end)
    people_households = dict(
        FosteringHousehold.objects.filter(pk__in=list(open_now)).values_list("household_id", "pk")
    )
    carers = (
        HouseholdMember.objects.filter(
            organisation_id=org,
            role=MemberRole.CARER,
            household_id__in=list(people_households),
            joined_on__lte=w.end,
        )
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=w.end))
        .values_list("person_id", "person__date_of_birth")
    )
    everyone, older = [], []
    for person, born in carers:
        everyone.append(person)
        if born is not None and add_months(born, 65 * 12) <= w.end:
            older.append(person)
    return Count(_refs("person", older), _refs("person", everyone))


def in_care(org: int, w: Window) -> Count:
    return Count(_refs("child", children_in_care(org, w.end)))


def with_own_carers(org: int, w: Window) -> Count:
    children = children_in_care(org, w.end)
    own = [child for child, fh in _placements_on(org, w.end) if fh is not None and child in children]
    return Count(_refs("child", own), _refs("child", children))


def utilisation(org: int, w: Window) -> Count:
    open_now = households_open(org, w.end)
    places: dict[int, int] = {}
    for fh, children in (
        TermsOfApproval.objects.filter(
            organisation_id=org, fostering_household_id__in=list(open_now), effective_from__lte=w.end
        )
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=w.end))
        .exclude(fostering_household__carer_type=CarerType.SHORT_BREAKS)
        .values_list("fostering_household_id", "number_of_children")
    ):
        places[fh] = children
    filled = [child for child, fh in _placements_on(org, w.end) if fh in places]
    return Count(
        _refs("child", filled),
        _refs("household", places),
        denominator_total=sum(places.values()),
        notes=[
            "Places are those of the current terms of approval of households open on the day, short breaks apart."
        ],
    )


def three_or_more_placements(org: int, w: Window) -> Count:
    children = children_in_care(org, w.end)
    year_ago = add_months(w.end, -12)
    counts: dict[int, int] = defaultdict(int)
    for child in (
        Placement.objects.filter(organisation_id=org, child_id__in=list(children), started_on__lte=w.end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=year_ago))
        .values_list("child_id", flat=True)
    ):
        counts[child] += 1
    return Count(_refs("child", (c for c, n in counts.items() if n >= 3)), _refs("child", children))


def allegations(org: int, w: Window) -> Count:
    ids = Allegation.objects.filter(
        organisation_id=org, received_on__gte=w.start, received_on__lte=w.end
    ).values_list("pk", flat=True)
    return Count(_refs("allegation", ids))
