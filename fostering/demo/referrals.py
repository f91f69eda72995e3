"""Build step: needs, risks and siblings of the children in care; referrals (open ones for the duty team and
the matched history of past placements), holds on the vacancy register, stability meetings and the Dedicated
Placement Support Team's work.

It runs after the care history and reads the council's placements from the database. Every child and every
placement costs the same whatever the council's size, so the step is linear.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING

from fostering.children.codes import RiskItem
from fostering.children.models import Child, SiblingGroup
from fostering.core.validators import age_on
from fostering.households.choices import CarerType, HouseholdStatus, PlacementType
from fostering.households.models import FosteringHousehold
from fostering.placements.choices import (
    DpstOutcome,
    ExternalOutcome,
    ExternalProviderKind,
    HoldKind,
    MeetingOutcome,
    ReferralStatus,
)
from fostering.placements.codes import FOSTER_PLACES, PlaceCode, StartKind
from fostering.placements.matching import Candidate, ReferralFacts, rank
from fostering.placements.matching_data import household_facts
from fostering.placements.models import (
    DpstReferral,
    ExternalSearch,
    MatchDecision,
    Placement,
    Referral,
    StabilityMeeting,
    VacancyHold,
)
from fostering.placements.rules import IncomingChild

if TYPE_CHECKING:
    from .generator import DemoContext

# Open referrals in a county of 680 children in care (the duty team's list on a given day).
OPEN_REFERRALS_PER_680 = 7
HISTORIC_MATCH_SHARE = 0.35  # of in-house placements started in the history
STABILITY_MEETING_SHARE = 0.06  # of placements in the history
DPST_SHARE_OF_MEETINGS = 0.5
BREAK_HOLD_SHARE = 0.04  # of open households, a break now
PAST_HOLD_SHARE = 0.10  # of open households, a hold in the past
RISK_SHARE = 0.18
SIBLING_SHARE = 0.12

NEEDS = (
    "Needs help with reading and writing; has an education, health and care plan.",
    "Asthma: inhalers morning and evening.",
    "Anxious at night; needs a familiar routine.",
    "Attends CAMHS fortnightly.",
    "Speech and language therapy weekly.",
    "Needs support to keep in touch with brothers and sisters.",
)
INFORMATION_SHARED = (
    "Placement referral, care plan and health needs",
    "Placement referral, care plan, risk assessment and school details",
    "Referral form and the child's profile; spoke with the carers by phone",
    "Care plan, delegated authority and family time arrangements",
)
ATTENDEES = (
    "Child's social worker, supervising social worker, carers, IRO",
    "Child's social worker, carers, DPST worker, school designated teacher",
    "Supervising social worker, carers, team manager",
)
DPST_REASONS = (
    "Carers struggling with behaviour at bedtime",
    "Going missing overnight twice this month",
    "School exclusion; carers need daytime support",
    "Contact with family unsettling the placement",
)
IFA_NAMES = (
    "Bright Futures Fostering",
    "Compass Fostering",
    "Foster Care Associates",
    "Orange Grove Fostering",
)
RESIDENTIAL = frozenset({PlaceCode.K2, PlaceCode.R1})
HOME_NAMES = ("Oakfield House", "Willow Lodge", "The Beeches Children's Home")


def build_referrals(ctx: DemoContext) -> None:
    org = ctx.organisation
    children = list(
        Child.objects.filter(organisation=org, periods_of_care__ended_on__isnull=True)
        .select_related("person")
        .distinct()
        .order_by("pk")
    )
    _needs_and_risks(ctx, children)
    _siblings(ctx, children)
    placements = list(
        Placement.objects.filter(organisation=org, started_on__gte=ctx.history_start).order_by(
            "started_on", "pk"
        )
    )
    _step_downs(placements)
    _historic_matches(ctx, placements)
    _stability(ctx, placements)
    households = list(
        FosteringHousehold.objects.filter(organisation=org, status=HouseholdStatus.AVAILABLE)
        .exclude(carer_type=CarerType.KINSHIP)
        .select_related("household")
        .order_by("pk")
    )
    _holds(ctx, households)
    _open_referrals(ctx, children)


def _needs_and_risks(ctx: DemoContext, children: list[Child]) -> None:
    rng = ctx.rng
    risk_codes = list(RiskItem.values)
    for child in children:
        dob = child.person.date_of_birth
        age = age_on(dob, ctx.today) if dob else 0
        if 4 <= age <= 17 and child.home_postcode:
            child.school_postcode = child.home_postcode
        if rng.random() < 0.5:
            child.needs = rng.choice(NEEDS)
        if age >= 10 and rng.random() < RISK_SHARE:
            child.risks = sorted(rng.sample(risk_codes, rng.choice((1, 1, 2))))
    Child.objects.bulk_update(children, ["school_postcode", "needs", "risks"], batch_size=1000)


def _siblings(ctx: DemoContext, children: list[Child]) -> None:
    """Children in care who share a surname and are close in age are brothers and sisters (some of them)."""
    by_name: dict[str, list[Child]] = defaultdict(list)
    for child in children:
        by_name[child.person.last_name].append(child)
    groups: list[tuple[SiblingGroup, list[Child]]] = []
    for last_name, same in sorted(by_name.items()):
        if len(same) < 2 or ctx.rng.random() > SIBLING_SHARE * 4:
            continue
        members = same[: ctx.rng.choice((2, 2, 3))]
        group = SiblingGroup(name=f"{last_name} siblings", live_together=ctx.rng.random() < 0.8)
        ctx.stamp(group, on=ctx.today - timedelta(days=ctx.rng.randint(30, 400)))
        groups.append((group, members))
    ctx.save([g for g, _ in groups])
    changed = []
    for group, members in groups:
        for child in members:
            child.sibling_group = group
            changed.append(child)
        ctx.event(group, on=group.created_at)
    Child.objects.bulk_update(changed, ["sibling_group"], batch_size=1000)


def _step_downs(placements: list[Placement]) -> None:
    """A move from a children's home or residential care straight into a foster placement is a step-down."""
    by_child: dict[int, list[Placement]] = defaultdict(list)
    for placement in placements:
        by_child[placement.child_id].append(placement)
    stepped = []
    for moves in by_child.values():
        for before, after in pairwise(moves):
            if (
                before.place in RESIDENTIAL
                and after.place in FOSTER_PLACES
                and before.ended_on == after.started_on
            ):
                after.step_down = True
                stepped.append(after)
    Placement.objects.bulk_update(stepped, ["step_down"], batch_size=1000)


def _historic_matches(ctx: DemoContext, placements: list[Placement]) -> None:
    """A referral and its match decision before some of the in-house placements of the history."""
    rng = ctx.rng
    referrals: list[Referral] = []
    decisions: list[tuple[Referral, int, date, bool]] = []
    for placement in placements:
        if placement.fostering_household_id is None or placement.period_of_care_id is None:
            continue
        if placement.placement_type in (PlacementType.STAYING_PUT, PlacementType.RESPITE):
            continue
        if rng.random() > HISTORIC_MATCH_SHARE:
            continue
        emergency = placement.start_kind == StartKind.EMERGENCY
        referred_on = placement.started_on - timedelta(days=0 if emergency else rng.randint(5, 40))
        referral = Referral(
            child_id=placement.child_id,
            referred_on=referred_on,
            start_kind=placement.start_kind,
            latest_start_on=max(referred_on, placement.started_on + timedelta(days=rng.randint(-3, 5))),
            placement_type=placement.placement_type,
            keep_same_school=rng.random() < 0.7,
            status=ReferralStatus.PLACED,
            status_changed_on=placement.started_on,
            placement=placement,
        )
        ctx.stamp(referral, on=referred_on)
        referrals.append(referral)
        decided_on = max(
            referred_on, placement.started_on - timedelta(days=0 if emergency else rng.randint(1, 4))
        )
        decisions.append((referral, placement.fostering_household_id, decided_on, emergency))
    ctx.save(referrals)
    matches = []
    for referral, household_id, decided_on, emergency in decisions:
        match = MatchDecision(
            referral=referral,
            fostering_household_id=household_id,
            decided_on=decided_on,
            reasons="Within the terms of approval; free place; nearest available household",
            information_shared=ctx.rng.choice(INFORMATION_SHARED),
            information_shared_on=decided_on,
            met_child_before=ctx.rng.random() < (0.1 if emergency else 0.6),
        )
        ctx.stamp(match, on=decided_on)
        matches.append(match)
        ctx.event(referral, on=referral.referred_on, label=f"Referral on {referral.referred_on}")
    ctx.save(matches)


def _stability(ctx: DemoContext, placements: list[Placement]) -> None:
    rng = ctx.rng
    meetings: list[StabilityMeeting] = []
    dpst: list[DpstReferral] = []
    for placement in placements:
        end = placement.ended_on or ctx.today
        if (end - placement.started_on).days < 30:
            continue
        at_risk = placement.reason_place_change in ("CREQB", "CHILD", "CREQO")
        if rng.random() > (0.6 if at_risk else STABILITY_MEETING_SHARE):
            continue
        held_on = placement.started_on + timedelta(
            days=rng.randint(14, (end - placement.started_on).days - 1)
        )
        if placement.ended_on is None:
            outcome = (
                MeetingOutcome.DPST
                if rng.random() < DPST_SHARE_OF_MEETINGS
                else MeetingOutcome.CONTINUE_WITH_SUPPORT
            )
        else:
            outcome = rng.choice(
                [MeetingOutcome.DPST, MeetingOutcome.PLANNED_MOVE, MeetingOutcome.CONTINUE_WITH_SUPPORT]
            )
        meeting = StabilityMeeting(
            placement=placement, held_on=held_on, attendees=rng.choice(ATTENDEES), outcome=outcome
        )
        ctx.stamp(meeting, on=held_on)
        meetings.append(meeting)
        if outcome == MeetingOutcome.DPST:
            referred_on = min(held_on + timedelta(days=rng.randint(0, 5)), end)
            finished = referred_on + timedelta(days=rng.randint(30, 150))
            if placement.ended_on is not None:
                result, outcome_on = (
                    (DpstOutcome.ENDED, placement.ended_on)
                    if at_risk
                    else (
                        DpstOutcome.STABILISED,
                        min(finished, placement.ended_on),
                    )
                )
            elif finished < ctx.today:
                result, outcome_on = (
                    rng.choice([DpstOutcome.STABILISED, DpstOutcome.STABILISED, DpstOutcome.STEPPED_DOWN]),
                    finished,
                )
            else:
                result, outcome_on = DpstOutcome.OPEN, None
            support = DpstReferral(
                placement=placement,
                referred_on=referred_on,
                reason=rng.choice(DPST_REASONS),
                outcome=result,
                outcome_on=max(outcome_on, referred_on) if outcome_on else None,
            )
            ctx.stamp(support, on=referred_on)
            dpst.append(support)
    ctx.save(meetings)
    ctx.save(dpst)


def _holds(ctx: DemoContext, households: list[FosteringHousehold]) -> None:
    rng = ctx.rng
    holds: list[VacancyHold] = []
    for fh in households:
        roll = rng.random()
        if roll < BREAK_HOLD_SHARE:
            start = ctx.today - timedelta(days=rng.randint(0, 10))
            holds.append(
                VacancyHold(
                    fostering_household=fh,
                    kind=HoldKind.BREAK,
                    held_from=start,
                    held_until=start + timedelta(days=rng.randint(7, 28)),
                    reason=rng.choice(("Family holiday", "Carer's operation and recovery", "Bereavement")),
                )
            )
        elif roll < BREAK_HOLD_SHARE + PAST_HOLD_SHARE:
            start = ctx.today - timedelta(days=rng.randint(40, 700))
            until = start + timedelta(days=rng.randint(7, 21))
            holds.append(
                VacancyHold(
                    fostering_household=fh,
                    kind=HoldKind.BREAK,
                    held_from=start,
                    held_until=until,
                    reason=rng.choice(
                        ("Carers' summer holiday", "Carer's operation and recovery", "House move")
                    ),
                    released_on=until if rng.random() < 0.3 else None,
                )
            )
    for hold in holds:
        ctx.stamp(hold, on=hold.held_from)
    ctx.save(holds)
    for hold in holds:
        ctx.event(
            hold.fostering_household,
            on=hold.held_from,
            verb="vacancy_hold_added",
            label=str(hold.fostering_household.reference),
        )


def _open_referrals(ctx: DemoContext, children: list[Child]) -> None:
    """The duty team's list today: a handful of open referrals, one sent to an external search, and one
    matched to the household that ranks first, with the place held for it."""
    rng = ctx.rng
    wanted = max(2, round(len(children) * OPEN_REFERRALS_PER_680 / 680))
    young = [c for c in children if c.person.date_of_birth and age_on(c.person.date_of_birth, ctx.today) < 17]
    chosen = rng.sample(young, min(wanted - 1, len(young)))
    referrals = [_referral(ctx, child, rng.choice(NEEDED)) for child in chosen]
    households = household_facts([ctx.organisation.pk], ctx.today)
    taken = {c.pk for c in chosen}
    match: tuple[Referral, Candidate] | None = None
    for child in rng.sample(young, min(300, len(young))):
        if child.pk in taken:
            continue
        for placement_type in (PlacementType.SHORT_TERM, PlacementType.LONG_TERM):
            ranking = rank(_facts(ctx, child, placement_type), households)
            if ranking.candidates:
                match = (_referral(ctx, child, placement_type, emergency=False), ranking.candidates[0])
                break
        if match is not None:
            referrals.append(match[0])
            break
    ctx.save(referrals)
    for referral in referrals:
        ctx.event(referral, on=referral.referred_on, label=f"Referral on {referral.referred_on}")
    if match is not None:
        _match(ctx, *match)
    if chosen:
        _search_outside(ctx, referrals[0])


NEEDED = (
    PlacementType.SHORT_TERM,
    PlacementType.SHORT_TERM,
    PlacementType.LONG_TERM,
    PlacementType.EMERGENCY,
)


def _referral(
    ctx: DemoContext, child: Child, placement_type: str, *, emergency: bool | None = None
) -> Referral:
    rng = ctx.rng
    emergency = rng.random() < 0.3 if emergency is None else emergency
    referred_on = ctx.today - timedelta(days=rng.randint(0, 3 if emergency else 14))
    referral = Referral(
        child=child,
        referred_on=referred_on,
        start_kind=StartKind.EMERGENCY if emergency else StartKind.PLANNED,
        latest_start_on=ctx.today + timedelta(days=rng.randint(0, 2) if emergency else rng.randint(3, 35)),
        placement_type=placement_type,
        preferred_postcode_sector=child.home_postcode[:-2]
        if child.home_postcode and rng.random() < 0.5
        else "",
        keep_same_school=rng.random() < 0.7,
        communication_needs=child.communication_needs,
        cultural_needs=child.cultural_needs,
        lives_alongside=rng.choice(("Younger children", "No other children under 5", "Any", "")),
        risks=list(child.risks),
        additional_support="Weekly therapeutic support" if rng.random() < 0.3 else "",
        status=ReferralStatus.OPEN,
        status_changed_on=referred_on,
    )
    ctx.stamp(referral, on=referred_on)
    return referral


def _facts(ctx: DemoContext, child: Child, placement_type: str) -> ReferralFacts:
    person = child.person
    return ReferralFacts(
        referral_id=None,
        children=(IncomingChild(child.pk, person.date_of_birth, child.sibling_group_id),),
        placement_type=placement_type,
        on=ctx.today,
        home_postcode=child.home_postcode,
        school_postcode=child.school_postcode,
        keep_same_school=bool(child.school_postcode),
        ethnicity=person.ethnicity,
        ethnicity_label=person.get_ethnicity_display(),
        religion=person.religion,
        religion_label=person.get_religion_display(),
        language=person.first_language,
        risks=frozenset(child.risks),
    )


def _match(ctx: DemoContext, referral: Referral, best: Candidate) -> None:
    """Record the match to the best candidate and hold its place until the latest start date."""
    decided_on = max(referral.referred_on, ctx.today - timedelta(days=1))
    match = MatchDecision(
        referral=referral,
        fostering_household_id=best.household_id,
        decided_on=decided_on,
        reasons="\n".join(best.reasons),
        information_shared=ctx.rng.choice(INFORMATION_SHARED),
        information_shared_on=decided_on,
        met_child_before=False,
    )
    ctx.stamp(match, on=decided_on)
    ctx.save([match])
    hold = VacancyHold(
        fostering_household_id=best.household_id,
        kind=HoldKind.REFERRAL,
        referral=referral,
        held_from=decided_on,
        held_until=referral.latest_start_on,
        reason="Kept for the matched referral",
    )
    ctx.stamp(hold, on=decided_on)
    ctx.save([hold])
    Referral.objects.filter(pk=referral.pk).update(
        status=ReferralStatus.MATCHED, status_changed_on=decided_on
    )


def _search_outside(ctx: DemoContext, referral: Referral) -> None:
    residential = ctx.rng.random() < 0.4
    search = ExternalSearch(
        referral=referral,
        searched_on=referral.referred_on,
        provider_kind=ExternalProviderKind.RESIDENTIAL if residential else ExternalProviderKind.IFA,
        provider_name=ctx.rng.choice(HOME_NAMES if residential else IFA_NAMES),
        weekly_cost=Decimal(ctx.rng.randint(4200, 6500) if residential else ctx.rng.randint(950, 1350)),
        outcome=ExternalOutcome.SEARCHING,
    )
    ctx.stamp(search, on=referral.referred_on)
    ctx.save([search])
    Referral.objects.filter(pk=referral.pk).update(
        status=ReferralStatus.EXTERNAL_SEARCH, status_reason="No in-house household fits"
    )
