"""Matching a referral to the council's own households: who may be proposed, and in what order, in words.

Pure functions over plain facts (``matching_data`` loads them): a household is never proposed when it is
not available, has an open allegation, is on a break, or the child (or sibling group) is outside its terms
of approval or beyond its free places. The rest are scored and each score is explained.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from fostering.children.codes import RiskItem
from fostering.households.choices import HouseholdStatus

from .geography import Distance, distance, outward_code
from .rules import IncomingChild, PlacedChild, Terms, terms_refusals

HOME_MILES = 30  # within this, nearer is better
SCHOOL_MILES = 10  # a school run the carers can make


@dataclass(frozen=True)
class Hold:
    child_id: int | None
    referral_id: int | None
    is_break: bool
    until: date


@dataclass(frozen=True)
class HouseholdFacts:
    household_id: int
    name: str
    reference: str
    status: str
    carer_type: str
    postcode: str
    terms: Terms | None
    placed: tuple[PlacedChild, ...] = ()
    holds: tuple[Hold, ...] = ()
    open_allegation: bool = False
    carer_ethnicities: frozenset[str] = frozenset()
    carer_religions: frozenset[str] = frozenset()
    carer_languages: frozenset[str] = frozenset()
    children_cared_for: int = 0
    risks_cared_for: frozenset[str] = frozenset()

    def held_for_others(self, child_ids: Iterable[int], referral_id: int | None) -> int:
        ids = set(child_ids)
        return sum(
            1
            for hold in self.holds
            if not hold.is_break
            and hold.child_id not in ids
            and (referral_id is None or hold.referral_id != referral_id)
        )

    @property
    def on_break_until(self) -> date | None:
        return max((hold.until for hold in self.holds if hold.is_break), default=None)


@dataclass(frozen=True)
class ReferralFacts:
    referral_id: int | None
    children: tuple[IncomingChild, ...]  # the child first, then siblings to be placed together
    placement_type: str
    on: date
    home_postcode: str = ""
    school_postcode: str = ""
    keep_same_school: bool = False
    preferred_sector: str = ""
    ethnicity: str = ""
    ethnicity_label: str = ""
    religion: str = ""
    religion_label: str = ""
    language: str = ""
    risks: frozenset[str] = frozenset()


@dataclass
class Candidate:
    household_id: int
    name: str
    reference: str
    score: int
    reasons: list[str] = field(default_factory=list)
    free_places: int = 0
    home_distance: Distance | None = None


@dataclass
class Ranking:
    candidates: list[Candidate]
    excluded: dict[int, str]  # household id -> why it is not proposed


def exclusion(referral: ReferralFacts, household: HouseholdFacts) -> str | None:
    """Why the household may not be proposed for the referral, or None when it may."""
    if household.status != HouseholdStatus.AVAILABLE:
        return f"the household is {HouseholdStatus(household.status).label.lower()}"
    if household.open_allegation:
        return "there is an open allegation"
    if household.on_break_until is not None:
        return (
            f"the carers are on a break until {household.on_break_until.day} {household.on_break_until:%B %Y}"
        )
    errors = terms_refusals(
        household.terms,
        children=referral.children,
        placement_type=referral.placement_type,
        on=referral.on,
        placed=household.placed,
        held=household.held_for_others((c.child_id for c in referral.children), referral.referral_id),
    )
    if errors:
        text = "; ".join(errors.values())
        return text[0].lower() + text[1:]
    return None


def free_places(household: HouseholdFacts, referral: ReferralFacts | None = None) -> int:
    if household.terms is None:
        return 0
    ids = [c.child_id for c in referral.children] if referral else []
    held = household.held_for_others(ids, referral.referral_id if referral else None)
    return max(household.terms.number_of_children - len(household.placed) - held, 0)


def score(referral: ReferralFacts, household: HouseholdFacts) -> Candidate:
    """Points for fit, each with its reason in words."""
    points = 0
    reasons: list[str] = []
    home = distance(referral.home_postcode, household.postcode)
    if home is None:
        reasons.append("Distance from the child's home not known")
    else:
        points += max(0, HOME_MILES - round(home.miles))
        reasons.append(f"{home.describe()} from the child's home ({outward_code(referral.home_postcode)})")
    if referral.keep_same_school:
        school = distance(referral.school_postcode, household.postcode)
        if school is None:
            reasons.append("Distance from the child's school not known")
        elif school.miles <= SCHOOL_MILES:
            points += 15
            reasons.append(f"{school.describe()} from school: the child can keep the same school")
        else:
            reasons.append(f"{school.describe()} from school: keeping the same school would be hard")
    sector = referral.preferred_sector.replace(" ", "")
    if sector and household.postcode.replace(" ", "").startswith(sector):
        points += 10
        reasons.append(f"In the preferred area ({referral.preferred_sector})")
    if len(referral.children) > 1:
        points += 20
        reasons.append(f"Keeps the {len(referral.children)} brothers and sisters together")
    groups = {c.sibling_group_id for c in referral.children if c.sibling_group_id is not None}
    if groups and any(p.sibling_group_id in groups for p in household.placed):
        points += 20
        reasons.append("A brother or sister already lives there")
    if referral.ethnicity and referral.ethnicity in household.carer_ethnicities:
        points += 10
        reasons.append(f"A carer shares the child's ethnicity ({referral.ethnicity_label})")
    if referral.religion and referral.religion in household.carer_religions:
        points += 5
        reasons.append(f"A carer shares the child's religion ({referral.religion_label})")
    language = referral.language.strip().lower()
    if language and language != "english" and language in household.carer_languages:
        points += 10
        reasons.append(f"A carer speaks {referral.language}")
    known = sorted(referral.risks & household.risks_cared_for)
    if known:
        points += min(5 * len(known), 15)
        labels = ", ".join(RiskItem(code).label.lower() for code in known)
        reasons.append(f"Has cared for children with the same risks: {labels}")
    if household.children_cared_for:
        points += min(household.children_cared_for, 5)
        n = household.children_cared_for
        reasons.append(f"Has cared for {n} child{'ren' if n != 1 else ''} placed by the council")
    else:
        reasons.append("No children placed by the council yet")
    free = free_places(household, referral)
    reasons.append(f"{free} free place{'s' if free != 1 else ''}")
    return Candidate(household.household_id, household.name, household.reference, points, reasons, free, home)


def rank(referral: ReferralFacts, households: Iterable[HouseholdFacts]) -> Ranking:
    """The households that may be proposed, best first, and why the others may not."""
    candidates: list[Candidate] = []
    excluded: dict[int, str] = {}
    for household in households:
        why = exclusion(referral, household)
        if why is not None:
            excluded[household.household_id] = why
        else:
            candidates.append(score(referral, household))
    candidates.sort(
        key=lambda c: (-c.score, c.home_distance.miles if c.home_distance else float("inf"), c.reference)
    )
    return Ranking(candidates, excluded)
