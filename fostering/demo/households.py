"""Build step: approved fostering households and supported lodgings hosts, open and closed, with their
people, checks, terms of approval, status history, supervision visits and reviews.

The shapes are those ``household_register`` and the other household services make: one current terms of
approval (a change ends the previous terms the day before), a status change from "" to "available" on the
approval date, later changes each from the status before, visits and reviews on or after approval.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from fostering.accounts.models import User
from fostering.accounts.roles import Role
from fostering.children.models import Child
from fostering.core.validators import age_on
from fostering.households.choices import CarerType, HouseholdStatus, PlacementType
from fostering.households.models import (
    FosteringHousehold,
    HouseholdReview,
    StatusChange,
    SupervisionVisit,
    TermsOfApproval,
)
from fostering.people.choices import MemberRole, Sex
from fostering.people.models import Address, Household, HouseholdMember, Person

from . import names
from .children import CareEpisode
from .history import HistoryPlan, household_reviews, status_history, supervision_visits
from .members import MemberPlan, adult, checks_for, child_of, years_before

if TYPE_CHECKING:
    from .generator import DemoContext

P = PlacementType
SHARE_APPROVED_DURING_HISTORY: dict[str, float] = {
    CarerType.MAINSTREAM: 0.35,
    CarerType.FOSTER_FOR_ADOPTION: 0.7,
    CarerType.SPECIALIST: 0.3,
    CarerType.SHORT_BREAKS: 0.3,
    CarerType.SUPPORTED_LODGINGS: 0.4,
}
COUPLE_SHARE: dict[str, float] = {
    CarerType.MAINSTREAM: 0.68,
    CarerType.KINSHIP: 0.55,
    CarerType.FOSTER_FOR_ADOPTION: 0.85,
    CarerType.SPECIALIST: 0.6,
    CarerType.SHORT_BREAKS: 0.7,
    CarerType.SUPPORTED_LODGINGS: 0.5,
}
# The reasons a kinship household's named child left care that go with the household closing.
KINSHIP_CLOSING_REASONS = (
    "Special guardianship order granted",
    "Turned 18",
    "Child arrangements order granted",
    "Returned home to live with parents or relatives",
)


@dataclass
class HouseholdPlan:
    carer_type: str
    approved_on: date
    closed_on: date | None = None
    closed_status: str = ""
    named_child: Child | None = None
    episode: CareEpisode | None = None
    named_child_age: int | None = None
    force: str = ""
    ssw: User | None = None
    assessed_from: date | None = None
    members: list[MemberPlan] = field(default_factory=list)
    terms: list[dict[str, Any]] = field(default_factory=list)
    history: HistoryPlan | None = None


# ---------------------------------------------------------------------------------------------------------
# Terms of approval


def _terms_values(ctx: DemoContext, carer_type: str, named_child_age: int | None) -> dict[str, Any]:
    rng = ctx.rng
    values: dict[str, Any]
    if carer_type == CarerType.KINSHIP:
        n = 2 if rng.random() < 0.2 else 1
        age = named_child_age if named_child_age is not None else 8
        values = {
            "age_min": max(0, min(age, 17) - 2),
            "age_max": 18,
            "placement_types": [P.LONG_TERM if rng.random() < 0.7 else P.SHORT_TERM],
        }
    elif carer_type == CarerType.FOSTER_FOR_ADOPTION:
        n = 2 if rng.random() < 0.1 else 1
        values = {"age_min": 0, "age_max": 2, "placement_types": [P.FOSTER_FOR_ADOPTION]}
    elif carer_type == CarerType.SPECIALIST:
        n = 1
        if rng.random() < 0.5:
            values = {"age_min": 11, "age_max": 18, "placement_types": [P.ONE_TO_ONE]}
        else:
            values = {"age_min": 15, "age_max": 18, "placement_types": [P.PATHWAY, P.STAYING_PUT]}
    elif carer_type == CarerType.SHORT_BREAKS:
        n = rng.choice((1, 1, 2))
        values = {"age_min": rng.choice((0, 5)), "age_max": 18, "placement_types": [P.SHORT_BREAKS]}
        if rng.random() < 0.4:
            values["placement_types"].append(P.RESPITE)
    elif carer_type == CarerType.SUPPORTED_LODGINGS:
        n = rng.choice((1, 1, 2))
        values = {"age_min": 16, "age_max": rng.choice((21, 25)), "placement_types": [P.SUPPORTED_LODGINGS]}
        if rng.random() < 0.2:
            values["placement_types"].append(P.STAYING_PUT)
    else:
        n = rng.choices((1, 2, 3, 4), weights=(25, 45, 25, 5))[0]
        low, high = rng.choice(((0, 18), (0, 18), (0, 10), (0, 5), (5, 18), (8, 18), (11, 18), (0, 12)))
        types = [
            t
            for t, p in ((P.SHORT_TERM, 0.8), (P.LONG_TERM, 0.6), (P.EMERGENCY, 0.2), (P.RESPITE, 0.25))
            if rng.random() < p
        ] or [P.SHORT_TERM]
        if low == 0 and n >= 2 and rng.random() < 0.08:
            types.append(P.PARENT_AND_CHILD)
        values = {"age_min": low, "age_max": high, "placement_types": [str(t) for t in types]}
    values["placement_types"] = [str(t) for t in values["placement_types"]]
    values["number_of_children"] = n
    values["sibling_group_max"] = rng.randint(1, n)
    return values


def _terms(ctx: DemoContext, plan: HouseholdPlan) -> None:
    first = _terms_values(ctx, plan.carer_type, plan.named_child_age) | {"effective_from": plan.approved_on}
    plan.terms = [first]
    end = plan.closed_on or ctx.today
    earliest = max(plan.approved_on + timedelta(days=180), ctx.history_start - timedelta(days=730))
    if (
        plan.carer_type != CarerType.KINSHIP
        and earliest < end - timedelta(days=30)
        and ctx.rng.random() < 0.15
    ):
        change_on = ctx.between(earliest, end - timedelta(days=30))
        first["effective_to"] = change_on - timedelta(days=1)
        plan.terms.append(_terms_values(ctx, plan.carer_type, None) | {"effective_from": change_on})


# ---------------------------------------------------------------------------------------------------------
# People


def _people(ctx: DemoContext, plan: HouseholdPlan, named: CareEpisode | None) -> None:
    rng, today = ctx.rng, ctx.today
    approved = plan.approved_on
    if named is not None:
        ethnicity = named.child.person.ethnicity
    else:
        ethnicity = names.weighted(rng, names.ADULT_ETHNICITY_WEIGHTS)
    surname = named.child.person.last_name if named is not None and rng.random() < 0.6 else None
    if plan.carer_type == CarerType.KINSHIP:
        relation = rng.choices(("grandparent", "aunt_uncle", "friend"), weights=(55, 30, 15))[0]
        age_at_approval = {"grandparent": (45, 68), "aunt_uncle": (25, 50), "friend": (25, 60)}[relation]
    else:
        age_at_approval = (30, 65) if plan.carer_type == CarerType.SUPPORTED_LODGINGS else (25, 58)
    first_sex = Sex.FEMALE if rng.random() < 0.85 else Sex.MALE
    first = adult(
        ctx,
        age_at_day=rng.randint(*age_at_approval),
        on=approved,
        sex=first_sex,
        ethnicity=ethnicity,
        surname=surname,
    )
    assert first.date_of_birth is not None
    plan.assessed_from = approved - timedelta(
        days=rng.randint(100, 150) if plan.carer_type == CarerType.KINSHIP else rng.randint(150, 240)
    )
    formed = max(approved - timedelta(days=rng.randint(365, 4000)), years_before(first.date_of_birth, -20))
    formed = min(formed, plan.assessed_from - timedelta(days=30))
    plan.members = [MemberPlan(first, MemberRole.CARER, formed)]
    if rng.random() < COUPLE_SHARE[plan.carer_type]:
        same_sex = rng.random() < 0.08
        sex = first_sex if same_sex else (Sex.MALE if first_sex == Sex.FEMALE else Sex.FEMALE)
        partner_surname = first.last_name if rng.random() < 0.75 else None
        partner_age = max(21, age_on(first.date_of_birth, approved) + rng.randint(-6, 6))
        partner = adult(
            ctx, age_at_day=partner_age, on=approved, sex=sex, ethnicity=ethnicity, surname=partner_surname
        )
        assert partner.date_of_birth is not None
        joined = max(formed, years_before(partner.date_of_birth, -18))
        joined = min(ctx.between(joined, plan.assessed_from - timedelta(days=30)), plan.assessed_from)
        plan.members.append(MemberPlan(partner, MemberRole.CARER, joined))
    # Birth children: born when the first carer was 20 to 45; those over 25 have left home.
    if age_on(first.date_of_birth, approved) <= 58 and rng.random() < 0.6:
        for _ in range(rng.choices((1, 2, 3), weights=(40, 45, 15))[0]):
            born = first.date_of_birth + timedelta(days=rng.randint(20 * 365, 45 * 365))
            if born > today - timedelta(days=30):
                continue
            child = child_of(ctx, first, born)
            joined = max(born, formed)
            left_home = years_before(born, -rng.randint(18, 25))
            left_on = left_home if left_home <= today else None
            if left_on is not None and left_on < plan.assessed_from:
                continue  # left home before the assessment: not a member
            plan.members.append(MemberPlan(child, MemberRole.CHILD, joined, left_on))
    if rng.random() < 0.04:  # a grandparent living with the family
        elder = adult(
            ctx,
            age_at_day=rng.randint(70, 88),
            on=today,
            sex=Sex.FEMALE if rng.random() < 0.7 else Sex.MALE,
            ethnicity=ethnicity,
            surname=first.last_name,
        )
        joined = ctx.between(plan.assessed_from - timedelta(days=1500), today - timedelta(days=30))
        plan.members.append(MemberPlan(elder, MemberRole.ADULT, joined))
    is_open = plan.closed_on is None
    for member in plan.members:
        checks_for(ctx, member, plan.assessed_from, plan.closed_on or today, is_open=is_open)


def _household_name(members: list[MemberPlan]) -> str:
    carers = [m.person.last_name for m in members if m.role == MemberRole.CARER]
    unique = list(dict.fromkeys(carers))
    return f"{' and '.join(unique[:2])} household"


# ---------------------------------------------------------------------------------------------------------
# Planning: which households, when approved and closed, named children, supervising social workers


def _plans(ctx: DemoContext) -> list[HouseholdPlan]:
    rng, today = ctx.rng, ctx.today
    share = ctx.size.closed_share
    episodes: list[CareEpisode] = list(ctx.records.get("care_episodes", []))
    settled = today - timedelta(days=130)
    current = [e for e in episodes if e.left_on is None and not e.child.uasc and e.entered_on <= settled]
    closing = [
        e
        for e in episodes
        if e.left_on is not None
        and e.reason_left in KINSHIP_CLOSING_REASONS
        and (e.left_on - e.entered_on).days >= 160
    ]
    rng.shuffle(current)
    rng.shuffle(closing)
    plans: list[HouseholdPlan] = []
    for carer_type in CarerType:
        n_open = ctx.size.households.get(carer_type, 0)
        n_closed = round(n_open * share / (1 - share))
        for n in range(n_open + n_closed):
            is_open = n < n_open
            if carer_type == CarerType.KINSHIP:
                pool = current if is_open else closing
                if not pool:
                    continue
                episode = pool.pop()
                approved = min(
                    episode.entered_on + timedelta(days=rng.randint(112, 200)), today - timedelta(days=7)
                )
                plan = HouseholdPlan(carer_type, approved, named_child=episode.child, episode=episode)
                if episode.left_on is not None:
                    approved = min(approved, episode.left_on - timedelta(days=30))
                    plan.approved_on = approved
                    closed_on = episode.left_on + timedelta(days=rng.randint(0, 60))
                    plan.closed_on = min(closed_on, today - timedelta(days=1))
                    plan.closed_status = HouseholdStatus.RESIGNED
                plan.named_child_age = age_on(episode.child.person.date_of_birth, approved)  # type: ignore[arg-type]
                plan.episode = episode
            elif is_open:
                if rng.random() < SHARE_APPROVED_DURING_HISTORY[carer_type]:
                    approved = ctx.between(ctx.history_start, today - timedelta(days=14))
                else:
                    approved = today - timedelta(days=rng.randint(3 * 365 + 2, 20 * 365))
                plan = HouseholdPlan(carer_type, approved)
            else:
                closed_on = ctx.between(ctx.history_start + timedelta(days=14), today - timedelta(days=7))
                approved = closed_on - timedelta(days=rng.randint(90, 18 * 365))
                status = HouseholdStatus.DEREGISTERED if rng.random() < 0.07 else HouseholdStatus.RESIGNED
                plan = HouseholdPlan(carer_type, approved, closed_on=closed_on, closed_status=status)
            plans.append(plan)
    plans.sort(key=lambda p: (p.approved_on, p.carer_type))
    # Supervising social workers: open households shared out evenly; each worker's first household is
    # left with an overdue visit and their second has just been visited, so every caseload shows both.
    workers = ctx.staff.get(Role.SUPERVISING_SOCIAL_WORKER, [])
    open_plans = [p for p in plans if p.closed_on is None]
    rng.shuffle(open_plans)
    if workers:
        for n, plan in enumerate(
            sorted(open_plans, key=lambda p: p.approved_on > today - timedelta(days=120))
        ):
            plan.ssw = workers[n % len(workers)]
            if n < len(workers) and plan.approved_on <= today - timedelta(days=120):
                plan.force = "overdue"
            elif n < 2 * len(workers):
                plan.force = "on_track"
        for plan in plans:
            if plan.closed_on is not None:
                plan.ssw = rng.choice(workers)
    return plans


# ---------------------------------------------------------------------------------------------------------
# The step


def build_households(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    plans = _plans(ctx)
    reviewing_officers: list[User | None] = [*ctx.staff.get(Role.REVIEWING_OFFICER, [])] or [None]
    county = f"{ctx.council.stem}shire" if ctx.council.name.endswith("County Council") else ""

    for plan in plans:
        _people(ctx, plan, plan.episode)
        _terms(ctx, plan)
        history = status_history(
            ctx,
            carer_type=plan.carer_type,
            approved_on=plan.approved_on,
            closed_on=plan.closed_on,
            closed_status=plan.closed_status,
        )
        end = plan.closed_on or today
        supervision_visits(ctx, history, approved_on=plan.approved_on, end=end, force=plan.force)
        household_reviews(
            ctx,
            history,
            approved_on=plan.approved_on,
            end=end,
            deregistered=plan.closed_status == HouseholdStatus.DEREGISTERED,
        )
        plan.history = history

    # Households and people
    households: list[Household] = []
    people: list[Person] = []
    for plan in plans:
        assert plan.assessed_from is not None
        household = Household(
            name=_household_name(plan.members),
            line_1=names.street_address(rng),
            town=rng.choice(ctx.towns),
            postcode=names.postcode(rng, ctx.council.postcode_areas),
        )
        ctx.stamp(household, plan.assessed_from)
        households.append(household)
        for member in plan.members:
            ctx.stamp(member.person, max(plan.assessed_from, member.joined_on))
            people.append(member.person)
    ctx.save(households)
    ctx.save(people)

    members: list[HouseholdMember] = []
    addresses: list[Address] = []
    for plan, household in zip(plans, households, strict=True):
        for member in plan.members:
            row = HouseholdMember(
                household=household,
                person=member.person,
                role=member.role,
                joined_on=member.joined_on,
                left_on=member.left_on,
            )
            ctx.stamp(row, max(plan.assessed_from or member.joined_on, member.joined_on))
            member.row = row  # type: ignore[attr-defined]
            members.append(row)
            if member.role in (MemberRole.CARER, MemberRole.ADULT):
                address = Address(
                    person=member.person,
                    line_1=household.line_1,
                    town=household.town,
                    county=county,
                    postcode=household.postcode,
                    valid_from=member.joined_on,
                )
                ctx.stamp(address, max(plan.assessed_from or member.joined_on, member.joined_on))
                addresses.append(address)
    ctx.save(members)
    ctx.insert(addresses)
    checks = []
    for plan in plans:
        for member in plan.members:
            for check in member.checks:
                check.member = member.row  # type: ignore[attr-defined]
                checks.append(check)
    ctx.insert(checks)

    # Fostering households and their history
    fhs: list[FosteringHousehold] = []
    for number, (plan, household) in enumerate(zip(plans, households, strict=True), start=1):
        assert plan.history is not None
        fh = FosteringHousehold(
            household=household,
            reference=f"FH-{number:04d}",
            carer_type=plan.carer_type,
            status=plan.history.status,
            approved_on=plan.approved_on,
            supervising_social_worker=plan.ssw,
        )
        ctx.stamp(fh, plan.approved_on)
        fh.modified_at = ctx.moment(plan.history.changes[-1][2])
        fhs.append(fh)
    ctx.save(fhs)

    terms: list[TermsOfApproval] = []
    changes: list[StatusChange] = []
    visits: list[SupervisionVisit] = []
    reviews: list[HouseholdReview] = []
    for plan, fh in zip(plans, fhs, strict=True):
        assert plan.history is not None
        for values in plan.terms:
            approval = TermsOfApproval(fostering_household=fh, **values)
            if plan.carer_type == CarerType.KINSHIP:
                approval.named_child = plan.named_child
            ctx.stamp(approval, values["effective_from"])
            terms.append(approval)
        for from_status, to_status, on, reason in plan.history.changes:
            change = StatusChange(
                fostering_household=fh,
                from_status=from_status,
                to_status=to_status,
                changed_on=on,
                reason=reason,
            )
            ctx.stamp(change, on)
            changes.append(change)
        for on, unannounced, notes in plan.history.visits:
            visit = SupervisionVisit(
                fostering_household=fh,
                visited_on=on,
                visited_by=plan.ssw,
                unannounced=unannounced,
                notes=notes,
            )
            ctx.stamp(visit, on)
            visits.append(visit)
        for on, kind, summary in plan.history.reviews:
            review = HouseholdReview(
                fostering_household=fh,
                held_on=on,
                kind=kind,
                summary=summary,
                reviewing_officer=rng.choice(reviewing_officers),
            )
            ctx.stamp(review, on)
            reviews.append(review)
    ctx.insert(terms)
    ctx.insert(changes)
    ctx.insert(visits)
    ctx.insert(reviews)

    # One audit event per record family, plus each status change after approval, as the services write.
    for plan, household, fh in zip(plans, households, fhs, strict=True):
        assert plan.history is not None and plan.assessed_from is not None
        ctx.event(household, plan.assessed_from, changes={"name": [None, household.name]})
        for member in plan.members:
            ctx.event(member.person, max(plan.assessed_from, member.joined_on))
        first_terms = plan.terms[0]
        ctx.event(
            fh,
            plan.approved_on,
            changes={
                "reference": [None, fh.reference],
                "carer_type": [None, fh.carer_type],
                "approved_on": [None, fh.approved_on.isoformat()],
                "supervising_social_worker": [None, fh.supervising_social_worker_id],
                "number_of_children": [None, first_terms["number_of_children"]],
                "age_min": [None, first_terms["age_min"]],
                "age_max": [None, first_terms["age_max"]],
                "placement_types": [None, first_terms["placement_types"]],
            },
            label=f"{household.name} ({fh.reference})",
        )
        for from_status, to_status, on, reason in plan.history.changes[1:]:
            ctx.event(
                fh,
                on,
                verb="household_status_changed",
                changes={"status": [from_status, to_status]},
                note=reason,
                label=f"{household.name} ({fh.reference})",
            )
    ctx.records["households"].extend(households)
    ctx.records["fostering_households"].extend(fhs)
