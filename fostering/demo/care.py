"""Build step: periods of care, legal statuses, placements and child reviews, consistent with the 903 rules.

For every child the children step made (in care today, or entered and left during the history) this step
stores the period of care from ``ctx.records["care_episodes"]``, a legal status history (C1 then C2, V2,
E1 before an adoption, a few L1/L2 emergency starts), a placement history (in-house carers within their
terms of approval, kinship carers for their named child, independent fostering agencies, children's homes,
supported accommodation for 16 and 17 year olds, adoptive placements, Staying Put after 18) and the child's
reviews. Each child costs the same whatever the council's size, so the step is linear.

Postcodes: a child's home and every placement postcode are real postcodes (``real_postcodes``), so the
DfE rules can measure distances; the step gives each fostering household a real postcode of its area.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from django.db import models

from fostering.children.models import Child, ChildReview, LegalStatus, PeriodOfCare
from fostering.core.bulk import update_rows
from fostering.core.validators import age_on
from fostering.households.choices import CLOSED_STATUSES, CarerType
from fostering.households.choices import PlacementType as T
from fostering.households.models import StatusChange, TermsOfApproval
from fostering.people.choices import Disability, Sex
from fostering.people.models import Address, Household
from fostering.placements.models import Placement
from fostering.returns903.models import ReturnSettings

from . import names
from .real_postcodes import AREA_AUTHORITY, REAL_POSTCODES

if TYPE_CHECKING:
    from fostering.households.models import FosteringHousehold

    from .children import CareEpisode
    from .generator import DemoContext

# The 2024-25 DfE rules flag every K3 (supported accommodation) placement; the 2025-26 rules accept it.
SUPPORTED_ACCOMMODATION_FROM = date(2025, 4, 1)
HOUSEHOLDS_LOOKED_AT = 80
RESPITE_SHARE = 0.12  # of long in-house foster placements with a respite break while the carers are away
FOSTERING_KINDS = frozenset({T.SHORT_TERM, T.LONG_TERM, T.EMERGENCY, T.ONE_TO_ONE, T.PATHWAY})
# Households that have a place free today (the service aims at about 75% of in-house places used).
VACANT_SHARE = 0.25

# How a child's time in care ended (the children step's words) as REC codes, with weights.
LEAVING_CODES: dict[str, tuple[tuple[str, float], ...]] = {
    "Returned home to live with parents or relatives": (("E4A", 80), ("E4B", 20)),
    "Special guardianship order granted": (("E47", 40), ("E48", 10)),
    "Adopted": (("E11", 70), ("E12", 30)),
    "Turned 18": (("E5", 45), ("E6", 15), ("E8", 10)),
    "Moved into independent living": (("E5", 70), ("E6", 30)),
    "Child arrangements order granted": (("E41", 1),),
    "Care transferred to another local authority": (("E3", 1),),
    "Sentenced to custody": (("E9", 1),),
    "Other reason": (("E8", 60), ("E13", 40)),
}
MOVE_REASONS = (
    ("CARPL", 34),
    ("CREQB", 15),
    ("CREQO", 10),
    ("CHILD", 8),
    ("LAREQ", 10),
    ("STAND", 4),
    ("ALLEG", 3),
    ("CLOSE", 5),
    ("APPRR", 2),
    ("OTHER", 9),
)
CATEGORIES = (("N1", 62), ("N3", 4), ("N4", 9), ("N5", 16), ("N6", 2), ("N7", 1), ("N8", 6))
PARTICIPATION_4_PLUS = (
    ("PN1", 45),
    ("PN2", 8),
    ("PN3", 6),
    ("PN4", 6),
    ("PN5", 12),
    ("PN6", 15),
    ("PN7", 8),
)
AGENCIES = (
    "Foster Care Associates",
    "Orange Grove Fostering",
    "Compass Fostering",
    "TACT",
    "Barnardo's Fostering",
    "Capstone Foster Care",
    "National Fostering Agency",
    "Fostering People",
)
HOMES = (
    "Oakwood House children's home",
    "The Willows",
    "Beech Lodge",
    "Meadow View",
    "Riverside children's home",
    "Hillcrest House",
)
SUPPORTED_ACCOMMODATION = ("Step Up Housing", "Horizon Supported Living", "YMCA supported accommodation")


@dataclass
class Carer:
    """An in-house fostering household as placements see it: when it could take children, and whom."""

    household: FosteringHousehold
    postcode: str
    approved_on: date
    closed_on: date | None
    terms: list[TermsOfApproval]
    busy: list[tuple[date, date | None]] = field(default_factory=list)
    keeps_a_place: bool = False
    """Takes no child who is still there today, so the council has vacancies (about 1 in 4 households)."""

    def terms_on(self, day: date) -> TermsOfApproval | None:
        for terms in self.terms:
            if terms.effective_from <= day and (terms.effective_to is None or terms.effective_to >= day):
                return terms
        return None

    def allows(self, *, child: Child, day: date, kind: str) -> bool:
        """Whether the terms of approval on ``day`` allow placing ``child`` here for ``kind``."""
        terms = self.terms_on(day)
        if terms is None or kind not in terms.placement_types:
            return False
        if terms.named_child_id is not None and terms.named_child_id != child.pk:
            return False
        dob = child.person.date_of_birth
        assert dob is not None
        return terms.age_min <= age_on(dob, day) <= terms.age_max

    def takes(self, *, child: Child, start: date, end: date | None, kind: str, today: date) -> bool:
        """Whether a placement of ``kind`` from ``start`` to ``end`` fits this household."""
        if start < self.approved_on:
            return False
        if self.closed_on is not None and (end is None or end > self.closed_on):
            return False
        if not self.allows(child=child, day=start, kind=kind):
            return False
        last = end or today
        if end is None and self.keeps_a_place:
            return False  # a place free today, for the vacancy register
        places = min(
            t.number_of_children
            for t in self.terms
            if t.effective_from <= last and (t.effective_to is None or t.effective_to >= start)
        )
        overlapping = sum(1 for s, e in self.busy if s < last and (e is None or e > start))
        return overlapping < places


@dataclass
class Stay:
    """One planned placement."""

    start: date
    end: date | None
    place: str
    provider: str
    placement_type: str
    postcode: str
    urn: str = ""
    carer: Carer | None = None
    provider_name: str = ""
    weekly_cost: Decimal | None = None
    reason: str = ""
    emergency: bool = False


@dataclass
class Plan:
    episode: CareEpisode
    category: str
    reason_code: str = ""
    statuses: list[tuple[str, date]] = field(default_factory=list)
    stays: list[Stay] = field(default_factory=list)
    staying_put: Stay | None = None


class Council:
    """What the step knows of the council: its carers, postcodes and the Ofsted URNs it uses."""

    def __init__(self, ctx: DemoContext, carers: list[Carer]) -> None:
        rng = ctx.rng
        self.ctx = ctx
        self.carers = carers
        self.fosterers = [
            c
            for c in carers
            if c.household.carer_type != CarerType.KINSHIP
            and any(FOSTERING_KINDS & set(t.placement_types) for t in c.terms)
        ]
        self.by_named_child: dict[int, Carer] = {}
        for carer in carers:
            for terms in carer.terms:
                if terms.named_child_id is not None:
                    self.by_named_child[terms.named_child_id] = carer
        self.local = [pc for area in ctx.council.postcode_areas for pc in REAL_POSTCODES.get(area, ())]
        if not self.local:
            self.local = [names.postcode(rng, ctx.council.postcode_areas) for _ in range(40)]
        # Supported accommodation is inspected where it is: the DfE rules expect it in the council's area.
        first = ctx.council.postcode_areas[0] if ctx.council.postcode_areas else ""
        self.home_area = frozenset(REAL_POSTCODES.get(first, ())) or frozenset(self.local)
        self.everywhere = [pc for codes in REAL_POSTCODES.values() for pc in codes]
        self.fostering_urn = f"SC{rng.randint(100000, 999999)}"
        self.adoption_urn = f"SC{rng.randint(100000, 999999)}"
        self.lodgings_urn = f"{rng.randint(2000000, 2999999)}"
        self.agencies = [(name, f"SC{rng.randint(100000, 999999)}") for name in AGENCIES]
        self.homes = [
            (name, f"{rng.randint(1000000, 2999999)}", self.postcode(near=rng.random() < 0.5))
            for name in HOMES
        ]
        self.accommodation = [
            (name, f"{rng.randint(2000000, 2999999)}", rng.choice(sorted(self.home_area)))
            for name in SUPPORTED_ACCOMMODATION
        ]

    def postcode(self, *, near: bool = True, not_: str = "") -> str:
        pool = self.local if near else self.everywhere
        while True:
            chosen = self.ctx.rng.choice(pool)
            if chosen != not_:
                return chosen


# ---------------------------------------------------------------------------------------------------------
# Carers


def _update(model: type[models.Model], fields: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Set ``fields`` of many rows at once: each row is the new values, then the primary key."""
    update_rows(model, fields, rows)


def _carers(ctx: DemoContext) -> list[Carer]:
    """Fostering households with real postcodes, their terms of approval and the day each closed."""
    fhs: list[FosteringHousehold] = list(ctx.records.get("fostering_households", []))
    households: list[Household] = list(ctx.records.get("households", []))
    if not fhs:
        return []
    by_id = {h.pk: h for h in households}
    new_postcodes: dict[str, str] = {}
    changed: list[Household] = []
    for fh in fhs:
        household = by_id.get(fh.household_id)
        if household is None:
            continue
        area = household.postcode.split(" ")[0].rstrip("0123456789")
        real = REAL_POSTCODES.get(area)
        if real:
            new = new_postcodes.setdefault(household.postcode, ctx.rng.choice(real))
            household.postcode = new
            changed.append(household)
    _update(Household, ["postcode"], [(h.postcode, h.pk) for h in changed])
    if new_postcodes:
        addresses = list(
            Address.objects.filter(organisation=ctx.organisation, postcode__in=list(new_postcodes))
        )
        for address in addresses:
            address.postcode = new_postcodes[address.postcode]
        _update(Address, ["postcode"], [(a.postcode, a.pk) for a in addresses])
    terms: dict[int, list[TermsOfApproval]] = defaultdict(list)
    for row in TermsOfApproval.objects.filter(organisation=ctx.organisation).order_by("effective_from"):
        terms[row.fostering_household_id].append(row)
    closed: dict[int, date] = dict(
        StatusChange.objects.filter(organisation=ctx.organisation, to_status__in=CLOSED_STATUSES).values_list(
            "fostering_household_id", "changed_on"
        )
    )
    return [
        Carer(
            household=fh,
            postcode=by_id[fh.household_id].postcode if fh.household_id in by_id else "",
            approved_on=fh.approved_on,
            closed_on=closed.get(fh.pk),
            terms=terms[fh.pk],
            keeps_a_place=fh.carer_type != CarerType.KINSHIP and ctx.rng.random() < VACANT_SHARE,
        )
        for fh in fhs
    ]


# ---------------------------------------------------------------------------------------------------------
# Planning one child's time in care


def _pick(ctx: DemoContext, pairs: tuple[tuple[str, float], ...]) -> str:
    return ctx.rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _birthday(dob: date, years: int) -> date:
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:  # 29 February
        return date(dob.year + years, 3, 1)


def _statuses(ctx: DemoContext, plan: Plan, start: date, last: date, adoption_move: date | None) -> None:
    """The legal status history from ``start`` to ``last`` (the day care ended, or today)."""
    rng, episode = ctx.rng, plan.episode
    length = (last - start).days
    statuses: list[tuple[str, date]] = []
    day = start
    if episode.child.uasc:
        plan.statuses = [("V2", start)]
        return
    roll = rng.random()
    if length > 10 and roll < 0.08:
        statuses.append(("L1", day))
        day += timedelta(days=rng.randint(1, 2))
    elif length > 20 and roll < 0.13:
        statuses.append(("L2", day))
        day += timedelta(days=rng.randint(3, 8))
    short = length < 150 or episode.reason_left in ("Moved into independent living", "Other reason")
    if adoption_move is not None:
        statuses.append(("C1", day))
        order = adoption_move - timedelta(days=rng.randint(30, 120))
        statuses.append(("E1", max(order, day + timedelta(days=7))))
    elif short or rng.random() < 0.35:
        statuses.append(("V2", day))
        if not short and length > 400 and rng.random() < 0.4:
            day += timedelta(days=rng.randint(60, 300))
            statuses.append(("C1", day))
            if (last - day).days > 280:
                statuses.append(("C2", day + timedelta(days=rng.randint(150, 260))))
    else:
        statuses.append(("C1", day))
        if (last - day).days > 280:
            statuses.append(("C2", day + timedelta(days=rng.randint(150, 260))))
    plan.statuses = [(code, on) for code, on in statuses if on < last] or [(statuses[0][0], start)]


def _move_days(ctx: DemoContext, start: date, last: date, fixed: list[date]) -> list[date]:
    """The days the child moves placement: a few early moves, then settling (about 3 over a long stay)."""
    rng = ctx.rng
    days = set(fixed)
    day = start
    gap_low, gap_high = 30, 500
    while True:
        day += timedelta(days=rng.randint(gap_low, gap_high))
        if day >= last - timedelta(days=14):
            break
        days.add(day)
        gap_low, gap_high = min(gap_low * 3, 400), min(gap_high * 2, 2200)
    return sorted(d for d in days if start < d < last)


def _foster_stay(
    ctx: DemoContext,
    council: Council,
    child: Child,
    start: date,
    end: date | None,
    long_term: bool,
    previous: Stay | None,
) -> Stay:
    rng, today = ctx.rng, ctx.today
    dob = child.person.date_of_birth
    assert dob is not None
    kinds = [T.LONG_TERM] if long_term else [T.SHORT_TERM, T.EMERGENCY]
    age = age_on(dob, start)
    if age >= 15:
        kinds += [T.PATHWAY, T.ONE_TO_ONE]
    elif age >= 11:
        kinds.append(T.ONE_TO_ONE)
    if rng.random() < 0.68:
        before = previous.carer if previous is not None else None
        pool = [
            c
            for c in council.fosterers
            if c.approved_on <= start
            and (c.closed_on is None or (end is not None and end <= c.closed_on))
            and (before is None or c.postcode != before.postcode)
        ]
        # A look at some households, as a duty worker would, keeps the step linear in the council's size.
        looked_at = rng.sample(pool, min(len(pool), HOUSEHOLDS_LOOKED_AT))
        for _ in range(2):
            for carer in looked_at:
                kind = next(
                    (k for k in kinds if carer.takes(child=child, start=start, end=end, kind=k, today=today)),
                    None,
                )
                if kind is not None:
                    carer.busy.append((start, end))
                    return Stay(
                        start,
                        end,
                        "U4" if kind == T.LONG_TERM else "U6",
                        "PR1",
                        kind,
                        carer.postcode,
                        council.fostering_urn,
                        carer=carer,
                    )
            kinds = [T.SHORT_TERM, T.LONG_TERM, *kinds[1:]]
    agencies = [a for a in council.agencies if previous is None or a[0] != previous.provider_name]
    name, urn = rng.choice(agencies)
    return Stay(
        start,
        end,
        "U4" if long_term else "U6",
        "PR4" if rng.random() < 0.75 else "PR5",
        T.LONG_TERM if long_term else T.SHORT_TERM,
        council.postcode(near=rng.random() < 0.6),
        urn,
        provider_name=name,
        weekly_cost=Decimal(rng.randint(850, 1250)),
    )


def _stay(ctx: DemoContext, council: Council, plan: Plan, start: date, end: date | None, index: int) -> Stay:
    rng = ctx.rng
    child = plan.episode.child
    dob = child.person.date_of_birth
    assert dob is not None
    age = age_on(dob, start)
    kinship = council.by_named_child.get(child.pk)
    if kinship is not None:
        terms = kinship.terms_on(start)
        if terms is not None and start >= kinship.approved_on:
            kinship.busy.append((start, end))
            long_term = T.LONG_TERM in terms.placement_types
            kind = T.LONG_TERM if long_term else T.SHORT_TERM
            return Stay(
                start, end, "U1" if long_term else "U3", "PR1", kind, kinship.postcode, council.fostering_urn,
                carer=kinship,
            )  # fmt: skip
    if age >= 16 and start >= SUPPORTED_ACCOMMODATION_FROM and rng.random() < 0.3:
        lodgings = [c for c in council.carers if c.household.carer_type == CarerType.SUPPORTED_LODGINGS]
        for carer in rng.sample(lodgings, len(lodgings)):
            if carer.postcode in council.home_area and carer.takes(
                child=child, start=start, end=end, kind=T.SUPPORTED_LODGINGS, today=ctx.today
            ):
                carer.busy.append((start, end))
                return Stay(
                    start, end, "K3", "PR1", T.SUPPORTED_LODGINGS, carer.postcode, council.lodgings_urn,
                    carer=carer,
                )  # fmt: skip
        name, urn, postcode = rng.choice(council.accommodation)
        return Stay(
            start, end, "K3", "PR4", T.SUPPORTED_LODGINGS, postcode, urn, provider_name=name,
            weekly_cost=Decimal(rng.randint(1200, 2400)),
        )  # fmt: skip
    if age >= 11 and rng.random() < 0.12:
        homes = [h for h in council.homes if not plan.stays or h[0] != plan.stays[-1].provider_name]
        name, urn, postcode = rng.choice(homes)
        return Stay(
            start, end, "K2", "PR4", T.SHORT_TERM, postcode, urn, provider_name=name,
            weekly_cost=Decimal(rng.randint(4500, 7500)),
        )  # fmt: skip
    long_term = index >= 1 and (start - plan.episode.entered_on).days > 300 and rng.random() < 0.7
    return _foster_stay(ctx, council, child, start, end, long_term, plan.stays[-1] if plan.stays else None)


def _respite_breaks(ctx: DemoContext, council: Council, plan: Plan) -> None:
    """A week or two with respite carers while the usual foster carers are on holiday (903 T3), at most
    once a year: the child's placement pauses and the child goes back to the same carers afterwards."""
    rng, today = ctx.rng, ctx.today
    respite = [c for c in council.carers if any(T.RESPITE in t.placement_types for t in c.terms)]
    stays: list[Stay] = []
    last_break: date | None = None
    for stay in plan.stays:
        stays.append(stay)
        end = stay.end or today
        if (
            not respite
            or stay.carer is None
            or stay.place not in ("U4", "U6")
            or (end - stay.start).days < 150
            or rng.random() > RESPITE_SHARE
            or (last_break is not None and (stay.start - last_break).days < 400)
        ):
            continue
        begin = stay.start + timedelta(days=rng.randint(60, (end - stay.start).days - 60))
        back = begin + timedelta(days=rng.randint(4, 14))
        if not stay.carer.allows(child=plan.episode.child, day=back, kind=stay.placement_type):
            continue  # the placement goes on as it is: its return would be outside the carers' terms now
        if any(begin <= on <= back for _, on in plan.statuses):
            continue  # no court order in the middle of a break (the 903 would see a temporary episode start)
        for carer in rng.sample(respite, min(len(respite), HOUSEHOLDS_LOOKED_AT)):
            if (
                carer is not stay.carer
                and carer.postcode != stay.postcode
                and carer.takes(child=plan.episode.child, start=begin, end=back, kind=T.RESPITE, today=today)
            ):
                carer.busy.append((begin, back))
                away = Stay(begin, back, "T3", "", T.RESPITE, carer.postcode, carer=carer)
                after = Stay(
                    back, stay.end, stay.place, stay.provider, stay.placement_type, stay.postcode, stay.urn,
                    carer=stay.carer, reason=stay.reason,
                )  # fmt: skip
                stay.end, stay.reason = begin, ""
                stays += [away, after]
                last_break = begin
                break
    plan.stays = stays


def _same_place(before: Stay, after: Stay) -> bool:
    """Whether two stays are the same place to the 903 (a move needs the placement to differ)."""
    return (before.place, before.provider, before.postcode, before.urn) == (
        after.place,
        after.provider,
        after.postcode,
        after.urn,
    )


def _plan(ctx: DemoContext, council: Council, episode: CareEpisode) -> Plan:
    rng, today = ctx.rng, ctx.today
    child = episode.child
    person = child.person
    dob = person.date_of_birth
    assert dob is not None
    if child.uasc:
        category = "N8"
    elif person.disability == Disability.YES and rng.random() < 0.3:
        category = "N2"
    else:
        category = _pick(ctx, CATEGORIES)
    plan = Plan(episode, category)
    start, left = episode.entered_on, episode.left_on
    last = left or today
    if left is not None:
        plan.reason_code = _pick(ctx, LEAVING_CODES.get(episode.reason_left, (("E8", 1),)))

    fixed: list[date] = []
    adoption_move = None
    if plan.reason_code in ("E11", "E12") and (last - start).days >= 150:
        adoption_move = last - timedelta(days=rng.randint(70, min(300, (last - start).days - 60)))
        fixed.append(adoption_move)
    elif plan.reason_code in ("E11", "E12"):
        plan.reason_code = "E13"
    kinship = council.by_named_child.get(child.pk)
    if kinship is not None and start < kinship.approved_on < last:
        fixed.append(kinship.approved_on)
    _statuses(ctx, plan, start, last, adoption_move)
    moves = _move_days(ctx, start, last, fixed)
    if fixed:  # no moves after the child joins their adopters or their approved kinship carers
        moves = [day for day in moves if day <= max(fixed)]
    bounds: list[date | None] = [start, *moves, left]
    for index, (begin_or_none, end) in enumerate(pairwise(bounds)):
        begin = begin_or_none or start
        if adoption_move is not None and begin == adoption_move:
            stay = Stay(
                begin, end, "A6", "PR1", T.LONG_TERM, council.postcode(near=rng.random() < 0.5),
                council.adoption_urn, provider_name="Adoptive family",
            )  # fmt: skip
        else:
            stay = _stay(ctx, council, plan, begin, end, index)
        if end is not None and end != left:
            stay.reason = "CARPL" if end in fixed else _pick(ctx, MOVE_REASONS)
        if plan.stays and _same_place(plan.stays[-1], stay):
            plan.stays[-1].end, plan.stays[-1].reason = stay.end, stay.reason  # no move after all
            continue
        plan.stays.append(stay)
    plan.stays[0].emergency = plan.statuses[0][0] in ("L1", "L2") or rng.random() < 0.25
    _respite_breaks(ctx, council, plan)
    # The 903 expects a placement away from home (only a placement with parents may share its postcode).
    used = {stay.postcode for stay in plan.stays}
    while child.home_postcode and child.home_postcode in used:
        child.home_postcode = council.postcode(near=rng.random() < 0.92)
    final = plan.stays[-1]
    if left is not None and plan.reason_code == "E47" and final.place in ("U1", "U3"):
        plan.reason_code = "E45"
    elif (
        left is not None and plan.reason_code == "E47" and final.place in ("U4", "U6") and rng.random() < 0.5
    ):
        plan.reason_code = "E46"
    if (
        left is not None
        and episode.reason_left == "Turned 18"
        and final.carer is not None
        and final.place in ("U4", "U6")
        and rng.random() < 0.6
    ):
        plan.reason_code = "E17"
        staying_end = left + timedelta(days=rng.randint(90, 900))
        plan.staying_put = Stay(
            left, staying_end if staying_end < today else None, "", "", T.STAYING_PUT, final.postcode,
            carer=final.carer,
        )  # fmt: skip
        final.carer.busy.append((left, plan.staying_put.end))  # the young person keeps their room
    return plan


# ---------------------------------------------------------------------------------------------------------
# Reviews


def _reviews(ctx: DemoContext, child: Child, start: date, last: date) -> list[ChildReview]:
    rng = ctx.rng
    dob = child.person.date_of_birth
    assert dob is not None
    reviews = []
    day = start + timedelta(days=rng.randint(10, 27))
    gaps = iter([(60, 88)])
    while day < last:
        code = "PN0" if age_on(dob, day) < 4 else _pick(ctx, PARTICIPATION_4_PLUS)
        reviews.append(ctx.stamp(ChildReview(child=child, held_on=day, participation=code), day))
        low, high = next(gaps, (150, 178))
        day += timedelta(days=rng.randint(low, high))
    return reviews


# ---------------------------------------------------------------------------------------------------------
# The step


def _child_details(ctx: DemoContext, council: Council, episodes: list[CareEpisode]) -> None:
    """Home postcodes, and whether girls of 12 and over are mothers (903 MOTHER, MC_DOB); saved later."""
    rng = ctx.rng
    for episode in episodes:
        child = episode.child
        # An unaccompanied asylum-seeking child has no home in England to measure distances from.
        child.home_postcode = "" if child.uasc else council.postcode(near=rng.random() < 0.92)
        dob = child.person.date_of_birth
        assert dob is not None
        on = episode.left_on or ctx.today
        if child.person.sex == Sex.FEMALE and age_on(dob, on) >= 12:
            child.is_mother = False
            if age_on(dob, episode.entered_on) >= 15 and rng.random() < 0.03:
                child.is_mother = True
                child.mothers_child_born_on = max(
                    episode.entered_on + timedelta(days=rng.randint(30, 200)), _birthday(dob, 15)
                )
                if child.mothers_child_born_on >= on:
                    child.is_mother, child.mothers_child_born_on = False, None


def _placement(ctx: DemoContext, plan: Plan, stay: Stay, period: PeriodOfCare | None) -> Placement:
    rng = ctx.rng
    placement = Placement(
        child=plan.episode.child,
        period_of_care=period,
        started_on=stay.start,
        ended_on=stay.end,
        start_kind="emergency" if stay.emergency else "planned",
        placement_type=stay.placement_type,
        place=stay.place,
        provider=stay.provider,
        fostering_household=stay.carer.household if stay.carer is not None else None,
        provider_name=stay.provider_name,
        provider_urn=stay.urn,
        weekly_cost=stay.weekly_cost,
        postcode=stay.postcode,
        reason_place_change=stay.reason,
    )
    if stay.end is not None:
        late = rng.random() < 0.08
        recorded = stay.end + timedelta(days=rng.randint(7, 40) if late else rng.randint(0, 3))
        placement.ended_recorded_on = min(recorded, ctx.today)
    return ctx.stamp(placement, stay.start)


def build_care_history(ctx: DemoContext) -> None:
    episodes: list[CareEpisode] = list(ctx.records.get("care_episodes", []))
    if not episodes:
        return
    council = Council(ctx, _carers(ctx))
    _child_details(ctx, council, episodes)
    # Kinship children first, so their carers' places are theirs; then by the day they came into care.
    episodes.sort(key=lambda e: (e.child.pk not in council.by_named_child, e.entered_on, e.child.pk))
    plans = [_plan(ctx, council, episode) for episode in episodes]
    children = [episode.child for episode in episodes]
    _update(
        Child,
        ["home_postcode", "is_mother", "mothers_child_born_on"],
        [(c.home_postcode, c.is_mother, c.mothers_child_born_on, c.pk) for c in children],
    )

    periods = []
    for plan in plans:
        episode = plan.episode
        period = PeriodOfCare(
            child=episode.child,
            started_on=episode.entered_on,
            ended_on=episode.left_on,
            reason_ended=plan.reason_code,
            category_of_need=plan.category,
        )
        periods.append(ctx.stamp(period, episode.entered_on))
    ctx.save(periods)

    statuses: list[LegalStatus] = []
    placements: list[Placement] = []
    reviews: list[ChildReview] = []
    for plan, period in zip(plans, periods, strict=True):
        episode = plan.episode
        for (code, on), following in zip(plan.statuses, [*plan.statuses[1:], None], strict=True):
            ended = following[1] if following is not None else episode.left_on
            statuses.append(
                ctx.stamp(LegalStatus(child=episode.child, code=code, started_on=on, ended_on=ended), on)
            )
        placements += [_placement(ctx, plan, stay, period) for stay in plan.stays]
        if plan.staying_put is not None:
            placements.append(_placement(ctx, plan, plan.staying_put, None))
        reviews += _reviews(ctx, episode.child, episode.entered_on, episode.left_on or ctx.today)
    ctx.insert(statuses)
    ctx.save(placements)
    ctx.insert(reviews)

    for period in periods:
        ctx.event(period, period.started_on, changes={"started_on": [None, period.started_on.isoformat()]})
    for placement in placements:
        ctx.event(placement, placement.started_on, changes=_placement_changes(placement))
    ctx.records["periods_of_care"].extend(periods)
    ctx.records["placements"].extend(placements)
    authority = AREA_AUTHORITY.get(ctx.council.postcode_areas[0], "") if ctx.council.postcode_areas else ""
    if authority:  # the DfE rules know a council by its area's upper-tier authority code
        settings = ctx.stamp(ReturnSettings(local_authority_code=authority), ctx.history_start)
        ctx.save([settings])
        ctx.event(settings, ctx.history_start, changes={"local_authority_code": [None, authority]})


def _placement_changes(placement: Placement) -> dict[str, Any]:
    return {
        "started_on": [None, placement.started_on.isoformat()],
        "place": [None, placement.place],
        "provider": [None, placement.provider],
        "fostering_household": [None, placement.fostering_household_id],
    }
