"""What each carer household is owed, derived from the facts: never typed in.

Pure functions over plain data (no database). For every day a child is placed with one of our households
(``started_on`` up to the day before ``ended_on``: a night is paid for each day the child sleeps there),
the day is owed, per child and per purpose:

- a fostering allowance by the child's age band on that day (0-4, 5-10, 11-15, 16-17; a birthday moves the
  band from that day; a young person still placed after 18 stays in the 16-17 band until the placement
  ends), for foster placements (short-term, long-term, emergency, foster for adoption, One to One,
  Pathway, parent and child);
- the carer's fee at the household's skill level on that day (mainstream foster placements), or the
  specialist scheme's fee instead (One to One, Pathway, parent and child);
- respite and short breaks by the night (one rate covers everything);
- supported lodgings and Staying Put weekly rates (instead of allowance and fee);
- additional payments for the child's assessed needs, on the days they are authorised for;

and per household, on days with no child placed:

- the allegation retainer while an allegation is open: the household's weekly fee at its skill level for
  the first ``full_weeks`` weeks after the allegation was received, then the reduced weekly sum;
- otherwise, for a One to One carer after their first One to One placement, the One to One retainer.

Nothing is owed for a day before the household was approved, except to kinship carers, who are owed
from the first day of a Regulation 24 placement (their temporary approval), nor after the household
resigned or was deregistered. A rate that is not recorded for a day owes nothing for it.

Rounding: a weekly rate is owed at a seventh a day; a line's amount is the weekly rate times its days
divided by seven, in exact decimals, rounded once to pennies (half up). A nightly rate times the nights.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from .choices import (
    BAND_RATE,
    FEE_LEVEL_RATE,
    NIGHTLY_KEYS,
    AgeBand,
    Category,
    RateKey,
)

PENNY = Decimal("0.01")
ONE_DAY = timedelta(days=1)

FOSTER_TYPES = frozenset(
    {
        "short_term",
        "long_term",
        "emergency",
        "foster_for_adoption",
        "one_to_one",
        "pathway",
        "parent_and_child",
    }
)
SCHEME_FEE = {
    "one_to_one": RateKey.ONE_TO_ONE_FEE,
    "pathway": RateKey.PATHWAY_FEE,
    "parent_and_child": RateKey.PARENT_AND_CHILD_FEE,
}
NIGHT_RATE = {"respite": RateKey.RESPITE_NIGHT, "short_breaks": RateKey.SHORT_BREAKS_NIGHT}
LODGINGS_RATE = {"supported_lodgings": RateKey.SUPPORTED_LODGINGS, "staying_put": RateKey.STAYING_PUT}


@dataclass(frozen=True)
class HouseholdFact:
    id: int
    carer_type: str
    approved_on: date
    closed_on: date | None = None  # resigned or deregistered from this day


@dataclass(frozen=True)
class PlacementFact:
    household_id: int
    child_id: int
    started_on: date
    ended_on: date | None  # the day the child left: the last night paid is the day before
    placement_type: str
    child_birth: date | None = None


@dataclass(frozen=True)
class RateFact:
    key: str
    valid_from: date
    valid_to: date | None
    amount: Decimal


@dataclass(frozen=True)
class FeeLevelFact:
    household_id: int
    level: int
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class AdditionalFact:
    child_id: int
    valid_from: date
    valid_to: date
    weekly_amount: Decimal
    reason: str


@dataclass(frozen=True)
class AllegationFact:
    household_id: int
    received_on: date
    concluded_on: date | None


@dataclass
class Facts:
    households: dict[int, HouseholdFact]
    placements: list[PlacementFact]
    rates: list[RateFact]
    fee_levels: list[FeeLevelFact] = field(default_factory=list)
    additional: list[AdditionalFact] = field(default_factory=list)
    allegations: list[AllegationFact] = field(default_factory=list)
    allegation_full_weeks: int = 8


@dataclass(frozen=True)
class DayPay:
    """What one day is worth for one household, child and purpose."""

    rate: Decimal  # weekly, or by the night when ``nightly``
    nightly: bool
    rate_key: str
    basis: str  # "age 11-15", "skill level 2", ... for the line's description

    @property
    def weekly(self) -> Decimal:
        """The weekly equivalent, so days of different kinds can be added and compared."""
        return self.rate * 7 if self.nightly else self.rate


Key = tuple[int, int, str]  # household, child (0 for the household), category


@dataclass(frozen=True)
class Piece:
    """Consecutive days of one key with the same pay, never across a month's end."""

    key: Key
    from_on: date
    to_on: date
    pay: DayPay

    @property
    def days(self) -> int:
        return (self.to_on - self.from_on).days + 1

    @property
    def amount(self) -> Decimal:
        return line_amount(self.pay.rate, self.days, nightly=self.pay.nightly)


def line_amount(rate: Decimal, days: int, *, nightly: bool) -> Decimal:
    """The one rounding rule: exact decimals, rounded once per line to pennies, half up."""
    exact = rate * days if nightly else rate * days / Decimal(7)
    return exact.quantize(PENNY, rounding=ROUND_HALF_UP)


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_end(day: date) -> date:
    return next_month(day) - ONE_DAY


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def birthday(birth: date, age: int) -> date:
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # born on 29 February: the birthday is 1 March in other years
        return date(birth.year + age, 3, 1)


def band_on(birth: date, day: date) -> AgeBand:
    age = age_on(birth, day)
    if age <= 4:
        return AgeBand.AGE_0_4
    if age <= 10:
        return AgeBand.AGE_5_10
    if age <= 15:
        return AgeBand.AGE_11_15
    return AgeBand.AGE_16_17


class RateTable:
    """Rates by key, found for a day by bisection."""

    def __init__(self, rates: Iterable[RateFact]) -> None:
        self._by_key: dict[str, list[RateFact]] = defaultdict(list)
        for rate in rates:
            self._by_key[rate.key].append(rate)
        for rows in self._by_key.values():
            rows.sort(key=lambda r: r.valid_from)
        self._starts = {key: [r.valid_from for r in rows] for key, rows in self._by_key.items()}

    def on(self, key: str, day: date) -> Decimal | None:
        rows = self._by_key.get(key)
        if not rows:
            return None
        i = bisect.bisect_right(self._starts[key], day) - 1
        if i < 0:
            return None
        rate = rows[i]
        return rate.amount if rate.valid_to is None or day <= rate.valid_to else None

    def cuts(self) -> set[date]:
        out: set[date] = set()
        for rows in self._by_key.values():
            for rate in rows:
                out.add(rate.valid_from)
                if rate.valid_to:
                    out.add(rate.valid_to + ONE_DAY)
        return out


def _pay(rates: RateTable, key: str, day: date, basis: str) -> DayPay | None:
    amount = rates.on(key, day)
    if amount is None:
        return None
    return DayPay(amount, key in NIGHTLY_KEYS, key, basis)


def _level_on(levels: list[FeeLevelFact], day: date) -> int | None:
    for fact in levels:
        if fact.valid_from <= day and (fact.valid_to is None or day <= fact.valid_to):
            return fact.level
    return None


def _placement_day(
    p: PlacementFact,
    day: date,
    rates: RateTable,
    levels: list[FeeLevelFact],
    additional: list[AdditionalFact],
) -> dict[str, DayPay]:
    out: dict[str, DayPay] = {}
    kind = p.placement_type
    if kind in FOSTER_TYPES:
        if p.child_birth is not None:
            band = band_on(p.child_birth, day)
            pay = _pay(rates, BAND_RATE[band], day, band.label)
            if pay:
                out[Category.ALLOWANCE] = pay
        if kind in SCHEME_FEE:
            pay = _pay(rates, SCHEME_FEE[kind], day, "")
            if pay:
                out[Category.SCHEME_FEE] = pay
        else:
            level = _level_on(levels, day)
            pay = _pay(rates, FEE_LEVEL_RATE[level], day, f"skill level {level}") if level else None
            if pay:
                out[Category.FEE] = pay
    elif kind in NIGHT_RATE:
        pay = _pay(rates, NIGHT_RATE[kind], day, "")
        if pay:
            out[Category.NIGHTS] = pay
    elif kind in LODGINGS_RATE:
        pay = _pay(rates, LODGINGS_RATE[kind], day, "")
        if pay:
            out[Category.LODGINGS] = pay
    needs = [a for a in additional if a.valid_from <= day <= a.valid_to]
    if needs:
        total = sum((a.weekly_amount for a in needs), Decimal(0))
        out[Category.ADDITIONAL] = DayPay(total, False, "", "; ".join(sorted(a.reason for a in needs)))
    return out


def piecewise(
    start: date, end: date, cuts: Iterable[date], evaluate: Callable[[date], dict[str, DayPay]]
) -> dict[str, list[tuple[date, date, DayPay]]]:
    """Evaluate once per stretch between cuts (month starts always cut) and merge equal neighbours."""
    points = {start, end + ONE_DAY}
    month = next_month(start)
    while month <= end:
        points.add(month)
        month = next_month(month)
    points |= {c for c in cuts if start < c <= end}
    ordered = sorted(points)
    out: dict[str, list[tuple[date, date, DayPay]]] = defaultdict(list)
    for a, b in pairwise(ordered):
        for category, pay in evaluate(a).items():
            runs = out[category]
            last = runs[-1] if runs else None
            if last and last[2] == pay and last[1] + ONE_DAY == a and a.day != 1:
                runs[-1] = (last[0], b - ONE_DAY, pay)
            else:
                runs.append((a, b - ONE_DAY, pay))
    return out


def _paid_from(household: HouseholdFact) -> date:
    return date.min if household.carer_type == "kinship" else household.approved_on


def entitlements(facts: Facts, start: date, end: date) -> list[Piece]:
    """Every piece owed from ``start`` to ``end`` (inclusive), by household, child and purpose."""
    rates = RateTable(facts.rates)
    rate_cuts = rates.cuts()
    levels: dict[int, list[FeeLevelFact]] = defaultdict(list)
    for level in facts.fee_levels:
        levels[level.household_id].append(level)
    additional: dict[int, list[AdditionalFact]] = defaultdict(list)
    for extra in facts.additional:
        additional[extra.child_id].append(extra)
    by_household: dict[int, list[PlacementFact]] = defaultdict(list)
    pieces: list[Piece] = []
    for p in facts.placements:
        household = facts.households.get(p.household_id)
        if household is None:
            continue
        by_household[p.household_id].append(p)
        first = max(p.started_on, start, _paid_from(household))
        last = min(p.ended_on - ONE_DAY if p.ended_on else end, end)
        if household.closed_on:
            last = min(last, household.closed_on - ONE_DAY)
        if first > last:
            continue
        cuts = set(rate_cuts)
        for fact in levels[p.household_id]:
            cuts |= {fact.valid_from, (fact.valid_to or end) + ONE_DAY}
        for extra in additional[p.child_id]:
            cuts |= {extra.valid_from, extra.valid_to + ONE_DAY}
        if p.child_birth:
            cuts |= {birthday(p.child_birth, age) for age in (5, 11, 16)}

        def evaluate(day: date, p: PlacementFact = p) -> dict[str, DayPay]:
            return _placement_day(p, day, rates, levels[p.household_id], additional[p.child_id])

        found = piecewise(first, last, cuts, evaluate)
        for category, runs in found.items():
            pieces.extend(Piece((p.household_id, p.child_id, category), a, b, pay) for a, b, pay in runs)
    allegations: dict[int, list[AllegationFact]] = defaultdict(list)
    for allegation in facts.allegations:
        allegations[allegation.household_id].append(allegation)
    for household in facts.households.values():
        pieces.extend(
            _retainers(
                household,
                by_household[household.id],
                allegations[household.id],
                levels[household.id],
                rates,
                rate_cuts,
                facts.allegation_full_weeks,
                start,
                end,
            )
        )
    return pieces


def _retainers(
    household: HouseholdFact,
    placements: list[PlacementFact],
    allegations: list[AllegationFact],
    levels: list[FeeLevelFact],
    rates: RateTable,
    rate_cuts: set[date],
    full_weeks: int,
    start: date,
    end: date,
) -> list[Piece]:
    one_to_one = [p.started_on for p in placements if p.placement_type == "one_to_one"]
    if not allegations and not one_to_one:
        return []
    first = max(start, household.approved_on)
    last = min(end, household.closed_on - ONE_DAY) if household.closed_on else end
    if first > last:
        return []
    cuts = set(rate_cuts)
    for p in placements:
        cuts |= {p.started_on, p.ended_on or end}
    for a in allegations:
        cuts |= {
            a.received_on,
            a.received_on + timedelta(weeks=full_weeks),
            (a.concluded_on or end) + ONE_DAY,
        }
    for fact in levels:
        cuts |= {fact.valid_from, (fact.valid_to or end) + ONE_DAY}
    first_one_to_one = min(one_to_one) if one_to_one else None

    def evaluate(day: date) -> dict[str, DayPay]:
        if any(p.started_on <= day and (p.ended_on is None or day < p.ended_on) for p in placements):
            return {}
        open_ = [
            a
            for a in allegations
            if a.received_on <= day and (a.concluded_on is None or day <= a.concluded_on)
        ]
        if open_:
            received = min(a.received_on for a in open_)
            level = _level_on(levels, day)
            if day < received + timedelta(weeks=full_weeks) and level:
                pay = _pay(
                    rates, FEE_LEVEL_RATE[level], day, f"allegation retainer, full fee at skill level {level}"
                )
            else:
                pay = _pay(rates, RateKey.ALLEGATION_RETAINER, day, "allegation retainer, reduced")
            return {Category.RETAINER: pay} if pay else {}
        if first_one_to_one and day > first_one_to_one:
            pay = _pay(rates, RateKey.ONE_TO_ONE_RETAINER, day, "One to One retainer between placements")
            return {Category.RETAINER: pay} if pay else {}
        return {}

    found = piecewise(first, last, cuts, evaluate)
    return [
        Piece((household.id, 0, category), a, b, pay)
        for category, runs in found.items()
        for a, b, pay in runs
    ]


def by_key_and_month(pieces: Iterable[Piece]) -> dict[tuple[Key, date], list[Piece]]:
    out: dict[tuple[Key, date], list[Piece]] = defaultdict(list)
    for piece in pieces:
        out[(piece.key, month_start(piece.from_on))].append(piece)
    return out
