"""The placement stability and sufficiency measures, counted from the placements on a date (never stored).

- three or more placements in the last 12 months (the DfE measure; low is good): children in care on the
  date with 3+ placements open at some time in the 12 months to it (temporary moves T0-T4 not counted);
- long-term stability: children under 16 looked after for 2.5 years or more who have lived in the same
  placement for 2 years or more;
- utilisation of in-house places: filled / approved on the vacancy register (target 75%);
- children in foster placements (903 PLACE U1-U6), placed in county (placement postcode in one of the
  council's postcode areas), in-house versus external placements and their weekly costs: an external
  placement's as recorded on it, an in-house one's from what its carers are owed a week on the date (the
  payments app works that out from its dated rates and registers it here, ``register_in_house_costs``,
  as the care record does not import payments).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q

from fostering.children.models import Child, PeriodOfCare
from fostering.core.validators import age_on
from fostering.deadlines.calendar import add_months
from fostering.households.choices import PlacementType
from fostering.households.models import FosteringHousehold

from .codes import FOSTER_PLACES
from .geography import postcode_area
from .matching_data import household_facts, place_counts, vacancy_rows
from .models import Placement
from .rules import TEMPORARY_PLACES

UTILISATION_TARGET = Decimal("75")

# What the carers of each in-house placement open on a date are owed a week, by (household, child).
InHouseCosts = Callable[[list[int], date], dict[tuple[int, int], Decimal]]
_in_house_costs: list[InHouseCosts] = []


def register_in_house_costs(provider: InHouseCosts) -> None:
    """Set where in-house weekly costs come from (registering again replaces it)."""
    _in_house_costs[:] = [provider]


def in_house_costs(organisation_ids: list[int], on: date) -> dict[tuple[int, int], Decimal]:
    return _in_house_costs[0](organisation_ids, on) if _in_house_costs else {}


@dataclass(frozen=True)
class Period:
    child_id: int
    started_on: date
    ended_on: date | None

    def covers(self, on: date) -> bool:
        return self.started_on <= on and (self.ended_on is None or self.ended_on > on)


@dataclass(frozen=True)
class PlacementFact:
    child_id: int
    in_care: bool  # has a period of care (Staying Put has none)
    started_on: date
    ended_on: date | None
    place: str
    placement_type: str
    in_house: bool
    weekly_cost: Decimal | None
    postcode: str
    step_down: bool = False

    def open_on(self, on: date) -> bool:
        return self.started_on <= on and (self.ended_on is None or self.ended_on > on)


@dataclass(frozen=True)
class Ratio:
    count: int
    out_of: int

    @property
    def percent(self) -> Decimal | None:
        if not self.out_of:
            return None
        return (Decimal(self.count) * 100 / self.out_of).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Measures:
    on: date
    children_in_care: int
    three_or_more: Ratio
    long_term: Ratio
    utilisation: Ratio
    in_foster_placements: Ratio
    placed_in_county: Ratio
    in_house: int
    external: int
    external_weekly_cost: Decimal
    external_average_weekly_cost: Decimal | None
    in_house_average_weekly_cost: Decimal | None
    step_downs_last_12_months: int
    staying_put: int
    supported_lodgings: int

    @property
    def weekly_cost_difference(self) -> Decimal | None:
        """How much more an external placement costs a week than an in-house one, on average."""
        if self.external_average_weekly_cost is None or self.in_house_average_weekly_cost is None:
            return None
        return self.external_average_weekly_cost - self.in_house_average_weekly_cost

    @property
    def meets_utilisation_target(self) -> bool:
        percent = self.utilisation.percent
        return percent is not None and percent >= UTILISATION_TARGET


def _average(values: Sequence[Decimal]) -> Decimal | None:
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01")) if values else None


def compute(
    *,
    on: date,
    periods: Iterable[Period],
    placements: Iterable[PlacementFact],
    dates_of_birth: dict[int, date | None],
    council_areas: frozenset[str],
    places_filled: int,
    places_approved: int,
) -> Measures:
    """The measures from plain facts: one pass over the periods and placements."""
    periods = list(periods)
    placements = list(placements)
    in_care = {p.child_id: p for p in periods if p.covers(on)}
    year_start = on - timedelta(days=365)
    counted: dict[int, int] = defaultdict(int)
    current: dict[int, PlacementFact] = {}
    for pl in placements:
        if not pl.in_care or pl.child_id not in in_care:
            continue
        if (
            pl.place not in TEMPORARY_PLACES
            and pl.started_on <= on
            and (pl.ended_on is None or pl.ended_on > year_start)
        ):
            counted[pl.child_id] += 1
        if pl.open_on(on):
            current[pl.child_id] = pl
    three_plus = sum(1 for n in counted.values() if n >= 3)
    long_in_care = add_months(on, -30)
    two_years = add_months(on, -24)
    long_term_children = [
        child_id
        for child_id, period in in_care.items()
        if period.started_on <= long_in_care
        and dates_of_birth.get(child_id) is not None
        and age_on(dates_of_birth[child_id], on) < 16  # type: ignore[arg-type]
    ]
    long_term_stable = sum(
        1
        for child_id in long_term_children
        if child_id in current and current[child_id].started_on <= two_years
    )
    placed = list(current.values())
    foster = sum(1 for pl in placed if pl.place in FOSTER_PLACES)
    with_postcode = [pl for pl in placed if pl.postcode]
    in_county = sum(1 for pl in with_postcode if postcode_area(pl.postcode) in council_areas)
    in_house = [pl for pl in placed if pl.in_house]
    external = [pl for pl in placed if not pl.in_house]
    external_costs = [pl.weekly_cost for pl in external if pl.weekly_cost is not None]
    in_house_costs = [pl.weekly_cost for pl in in_house if pl.weekly_cost is not None]
    now_open = [pl for pl in placements if pl.open_on(on)]
    return Measures(
        on=on,
        children_in_care=len(in_care),
        three_or_more=Ratio(three_plus, len(in_care)),
        long_term=Ratio(long_term_stable, len(long_term_children)),
        utilisation=Ratio(places_filled, places_approved),
        in_foster_placements=Ratio(foster, len(placed)),
        placed_in_county=Ratio(in_county, len(with_postcode)),
        in_house=len(in_house),
        external=len(external),
        external_weekly_cost=sum(external_costs, Decimal(0)),
        external_average_weekly_cost=_average(external_costs),
        in_house_average_weekly_cost=_average(in_house_costs),
        step_downs_last_12_months=sum(
            1 for pl in placements if pl.step_down and year_start < pl.started_on <= on
        ),
        staying_put=sum(1 for pl in now_open if pl.placement_type == PlacementType.STAYING_PUT),
        supported_lodgings=sum(1 for pl in now_open if pl.placement_type == PlacementType.SUPPORTED_LODGINGS),
    )


def council_areas(organisation_ids: Iterable[int]) -> frozenset[str]:
    """The council's postcode areas: where its own households live."""
    return frozenset(
        postcode_area(postcode)
        for postcode in FosteringHousehold.objects.filter(organisation_id__in=list(organisation_ids))
        .values_list("household__postcode", flat=True)
        .distinct()
        if postcode
    )


def _weekly_cost(
    recorded: Decimal | None,
    household_id: int | None,
    child_id: int,
    ended_on: date | None,
    on: date,
    owed: dict[tuple[int, int], Decimal],
) -> Decimal | None:
    """The cost recorded on the placement, or for one of our households still open on the day, what its
    carers are owed a week for the child."""
    if recorded is not None or household_id is None or (ended_on is not None and ended_on <= on):
        return recorded
    return owed.get((household_id, child_id))


def measures_for(organisation_ids: Iterable[int], on: date) -> Measures:
    orgs = list(organisation_ids)
    year_start = on - timedelta(days=365)
    periods = [
        Period(*row)
        for row in PeriodOfCare.objects.filter(organisation_id__in=orgs, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .values_list("child_id", "started_on", "ended_on")
    ]
    owed = in_house_costs(orgs, on)
    placements = [
        PlacementFact(
            child_id=row[0],
            in_care=row[1] is not None,
            started_on=row[2],
            ended_on=row[3],
            place=row[4],
            placement_type=row[5],
            in_house=row[6] is not None,
            weekly_cost=_weekly_cost(row[7], row[6], row[0], row[3], on, owed),
            postcode=row[8],
            step_down=row[9],
        )
        for row in Placement.objects.filter(organisation_id__in=orgs, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=year_start))
        .values_list(
            "child_id",
            "period_of_care_id",
            "started_on",
            "ended_on",
            "place",
            "placement_type",
            "fostering_household_id",
            "weekly_cost",
            "postcode",
            "step_down",
        )
    ]
    dobs = dict(
        Child.objects.filter(pk__in={p.child_id for p in periods}).values_list("pk", "person__date_of_birth")
    )
    counts = place_counts(vacancy_rows(household_facts(orgs, on)))
    return compute(
        on=on,
        periods=periods,
        placements=placements,
        dates_of_birth=dobs,
        council_areas=council_areas(orgs),
        places_filled=counts.filled,
        places_approved=counts.approved,
    )
