"""Loading the facts matching and the vacancy register work on, a fixed number of queries per council."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from fostering.children.models import Child
from fostering.concerns.models import Allegation
from fostering.households.choices import OPEN_STATUSES, HouseholdStatus, PlacementType
from fostering.households.models import FosteringHousehold, TermsOfApproval
from fostering.people.choices import Ethnicity, MemberRole, Religion
from fostering.people.models import HouseholdMember

from .choices import HoldKind
from .matching import Hold, HouseholdFacts, Ranking, ReferralFacts, free_places, rank
from .models import Placement, Referral, VacancyHold
from .rules import NOT_A_PLACE, IncomingChild, PlacedChild, Terms

NO_MATCH_RELIGIONS = {Religion.NONE, Religion.NOT_KNOWN, Religion.DECLINED, ""}
NO_MATCH_ETHNICITIES = {Ethnicity.NOBT, Ethnicity.REFU, ""}


def household_facts(
    organisation_ids: Iterable[int], on: date, *, only: Iterable[int] | None = None, matching: bool = True
) -> list[HouseholdFacts]:
    """The facts of every open household of the organisations on ``on``, in reference order (``only``: of
    those households, for a page of a list or a household's own page; without ``matching``, only what
    the places are counted from: not the carers' culture nor the children cared for before)."""
    orgs = list(organisation_ids)
    open_households = FosteringHousehold.objects.filter(organisation_id__in=orgs, status__in=OPEN_STATUSES)
    if only is not None:
        open_households = open_households.filter(pk__in=list(only))
    rows = list(
        open_households.order_by("reference", "id").values_list(
            "pk",
            "household_id",
            "household__name",
            "reference",
            "status",
            "carer_type",
            "household__postcode",
        )
    )
    # the households as a subquery: cheaper than a long list of ids in every query
    ids = open_households.values("pk")
    terms: dict[int, Terms] = {}
    for fh_id, number, age_min, age_max, types, siblings, named in (
        TermsOfApproval.objects.filter(fostering_household_id__in=ids, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("effective_from")
        .values_list(
            "fostering_household_id",
            "number_of_children",
            "age_min",
            "age_max",
            "placement_types",
            "sibling_group_max",
            "named_child_id",
        )
    ):
        terms[fh_id] = Terms(number, age_min, age_max, tuple(types), siblings, named)
    placed: dict[int, list[PlacedChild]] = defaultdict(list)
    for fh_id, child_id, group in (
        Placement.objects.filter(fostering_household_id__in=ids, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .exclude(placement_type__in=NOT_A_PLACE)
        .values_list("fostering_household_id", "child_id", "child__sibling_group_id")
    ):
        placed[fh_id].append(PlacedChild(child_id, group))
    holds: dict[int, list[Hold]] = defaultdict(list)
    for fh_id, child_id, referral_id, kind, until in (
        VacancyHold.objects.filter(fostering_household_id__in=ids, held_from__lte=on, held_until__gte=on)
        .filter(Q(released_on__isnull=True) | Q(released_on__gt=on))
        .values_list("fostering_household_id", "child_id", "referral_id", "kind", "held_until")
    ):
        holds[fh_id].append(Hold(child_id, referral_id, kind == HoldKind.BREAK, until))
    alleged = set(
        Allegation.objects.filter(fostering_household_id__in=ids, received_on__lte=on)
        .filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=on))
        .values_list("fostering_household_id", flat=True)
    )
    by_household = {row[1]: row[0] for row in rows}
    culture: dict[int, tuple[set[str], set[str], set[str]]] = defaultdict(lambda: (set(), set(), set()))
    experience: dict[int, int] = defaultdict(int)
    risks: dict[int, set[str]] = defaultdict(set)
    if matching:  # what matching ranks by, beyond the places
        for household_id, ethnicity, religion, language in HouseholdMember.objects.filter(
            household__fostering__in=ids, role=MemberRole.CARER, left_on__isnull=True
        ).values_list("household_id", "person__ethnicity", "person__religion", "person__first_language"):
            ethnicities, religions, languages = culture[by_household[household_id]]
            ethnicities.add(ethnicity)
            religions.add(religion)
            languages.add((language or "").strip().lower())
        for fh_id, child_risks in Placement.objects.filter(
            fostering_household_id__in=ids, started_on__lt=on
        ).values_list("fostering_household_id", "child__risks"):
            experience[fh_id] += 1
            risks[fh_id].update(child_risks or [])
    return [
        HouseholdFacts(
            household_id=pk,
            name=name,
            reference=reference,
            status=status,
            carer_type=carer_type,
            postcode=postcode,
            terms=terms.get(pk),
            placed=tuple(placed[pk]),
            holds=tuple(holds[pk]),
            open_allegation=pk in alleged,
            carer_ethnicities=frozenset(culture[pk][0] - NO_MATCH_ETHNICITIES),
            carer_religions=frozenset(culture[pk][1] - NO_MATCH_RELIGIONS),
            carer_languages=frozenset(culture[pk][2] - {""}),
            children_cared_for=experience[pk],
            risks_cared_for=frozenset(risks[pk]),
        )
        for pk, _, name, reference, status, carer_type, postcode in rows
    ]


def referral_facts(referral: Referral, on: date) -> ReferralFacts:
    child = Child.objects.select_related("person").get(pk=referral.child_id)
    siblings = list(referral.siblings.select_related("person").order_by("person__date_of_birth", "id"))
    person = child.person
    return ReferralFacts(
        referral_id=referral.pk,
        children=tuple(
            IncomingChild(c.pk, c.person.date_of_birth, c.sibling_group_id) for c in [child, *siblings]
        ),
        placement_type=referral.placement_type,
        on=on,
        home_postcode=child.home_postcode,
        school_postcode=child.school_postcode,
        keep_same_school=referral.keep_same_school,
        preferred_sector=referral.preferred_postcode_sector,
        ethnicity="" if person.ethnicity in NO_MATCH_ETHNICITIES else person.ethnicity,
        ethnicity_label=person.get_ethnicity_display(),
        religion="" if person.religion in NO_MATCH_RELIGIONS else person.religion,
        religion_label=person.get_religion_display(),
        language=person.first_language,
        risks=frozenset(referral.risks) | frozenset(child.risks),
    )


def rank_for_referral(referral: Referral, *, on: date) -> Ranking:
    return rank(referral_facts(referral, on), household_facts([referral.organisation_id], on))


# ---------------------------------------------------------------------------------------------------------
# The vacancy register


@dataclass(frozen=True)
class VacancyRow:
    household_id: int
    name: str
    reference: str
    status: str
    postcode: str
    terms: Terms | None
    approved: int
    filled: int
    held: int  # kept for a named child or a referral
    unavailable: int  # not offered: on hold, on a break, or kept for someone
    vacant: int
    break_until: date | None
    open_allegation: bool = False

    @property
    def status_label(self) -> str:
        return HouseholdStatus(self.status).label

    @property
    def status_mismatch(self) -> bool:
        """The recorded status says the opposite of the places, so a worker should check it: available with
        every approved place filled (or none approved), or full with places neither filled nor held.

        The status is a worker's decision, recorded with its date and reason, so the service never changes
        it on its own; it shows the places beside it and says where they disagree. A household that is
        available but has no vacant place today because of a hold, a break or an open allegation is not a
        mismatch (the status stays right when that ends), but it is never shown as plainly "Available"."""
        if self.status == HouseholdStatus.AVAILABLE:
            return self.filled >= self.approved
        if self.status == HouseholdStatus.FULL:
            return self.filled + self.held < self.approved
        return False

    @property
    def status_text(self) -> str:
        """The status with what the places say about it, so the two never read as contradicting."""
        label = self.status_label
        if self.status == HouseholdStatus.AVAILABLE:
            if self.vacant:
                return f"{label}: {self.vacant} vacant place{'' if self.vacant == 1 else 's'}"
            if not self.approved:
                return f"{label}, but no places are approved (no current terms)"
            if self.filled >= self.approved:
                places = "its place is" if self.approved == 1 else f"all {self.approved} places are"
                return f"{label}, but {places} filled"
            why = []
            if self.held:
                why.append(f"{self.held} held")
            if self.break_until:
                why.append(f"the carers are on a break until {self.break_until.day} {self.break_until:%B %Y}")
            if self.open_allegation:
                why.append("there is an open allegation")
            return f"{label}, but no place is vacant" + (f": {', '.join(why)}" if why else "")
        if self.status == HouseholdStatus.FULL and self.status_mismatch:
            if not self.filled:
                return f"{label}, but no child is placed ({self.approved} approved)"
            return f"{label}, but only {self.filled} of {self.approved} places filled"
        return label

    @property
    def placement_type_labels(self) -> list[str]:
        return [PlacementType(t).label for t in (self.terms.placement_types if self.terms else ())]


def vacancy_rows(facts: Iterable[HouseholdFacts]) -> list[VacancyRow]:
    """Each household's places: approved (terms), filled (children living there), and the rest vacant or
    unavailable. Only an available household offers vacancies; the rest of its free places are unavailable."""
    rows = []
    for f in facts:
        approved = f.terms.number_of_children if f.terms else 0
        filled = min(len(f.placed), approved)
        free_after_holds = free_places(f)
        held = max(approved - filled - free_after_holds, 0)
        offers = f.status == HouseholdStatus.AVAILABLE and f.on_break_until is None and not f.open_allegation
        vacant = free_after_holds if offers else 0
        rows.append(
            VacancyRow(
                household_id=f.household_id,
                name=f.name,
                reference=f.reference,
                status=f.status,
                postcode=f.postcode,
                terms=f.terms,
                approved=approved,
                filled=filled,
                held=held,
                unavailable=approved - filled - vacant,
                vacant=vacant,
                break_until=f.on_break_until,
                open_allegation=f.open_allegation,
            )
        )
    return rows


def vacancy_rows_of(
    organisation_ids: Iterable[int], household_ids: Iterable[int], on: date
) -> dict[int, VacancyRow]:
    """Some open households' places on ``on``, by household (a resigned or deregistered one is left out)."""
    rows = vacancy_rows(household_facts(organisation_ids, on, only=household_ids, matching=False))
    return {row.household_id: row for row in rows}


def filter_vacancies(
    rows: Iterable[VacancyRow],
    *,
    age: int | None = None,
    placement_type: str = "",
    area: str = "",
    vacant_only: bool = False,
) -> list[VacancyRow]:
    wanted = area.replace(" ", "").upper()
    out = []
    for row in rows:
        if vacant_only and row.vacant == 0:
            continue
        if age is not None and (row.terms is None or not row.terms.age_min <= age <= row.terms.age_max):
            continue
        if placement_type and (row.terms is None or placement_type not in row.terms.placement_types):
            continue
        if wanted and not row.postcode.replace(" ", "").upper().startswith(wanted):
            continue
        out.append(row)
    return out


@dataclass(frozen=True)
class PlaceCounts:
    """The Ofsted dataset's count of places on a date."""

    approved: int
    filled: int
    vacant: int
    unavailable: int


def place_counts(rows: Iterable[VacancyRow]) -> PlaceCounts:
    rows = list(rows)
    return PlaceCounts(
        approved=sum(r.approved for r in rows),
        filled=sum(r.filled for r in rows),
        vacant=sum(r.vacant for r in rows),
        unavailable=sum(r.unavailable for r in rows),
    )
