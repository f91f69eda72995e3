"""Build step: kinship (connected person) assessments over the three years of history.

A county starts about 132 a year and has 45-50 open at any time (domain.md 3.2); about 17 a year end in a
special guardianship order. Some children are placed with their connected people under Regulation 24; when
the assessment outlasts the 16 weeks of temporary approval, the three Regulation 25 conditions are recorded
and the extension granted before approval ends, so no demo placement has lapsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from fostering.accounts.roles import Role
from fostering.deadlines.rules import due_date
from fostering.kinship.choices import FIRST_STAGE, AssessmentKind, Outcome, Stage
from fostering.kinship.models import KinshipAssessment, StageChange
from fostering.people.choices import MemberRole, Sex
from fostering.people.models import Household, HouseholdMember, Person

from . import names
from .sizes import COUNTY, HISTORY_YEARS

if TYPE_CHECKING:
    from fostering.accounts.models import User

    from .generator import DemoContext

PER_YEAR = 132
OPEN_AT_A_TIME = (45, 50)
PLACED_SHARE = 0.4
KINDS = (
    (AssessmentKind.CONNECTED_PERSON, 0.6),
    (AssessmentKind.SGO, 0.25),
    (AssessmentKind.ALL_OPTIONS, 0.15),
)
# How closed assessments ended; about 17 SGOs in 132 a year.
OUTCOMES = (
    (Outcome.NEGATIVE, 0.33),
    (Outcome.WITHDRAWN, 0.2),
    (Outcome.APPROVED_CONNECTED_CARER, 0.28),
    (Outcome.SGO, 0.13),
    (Outcome.CHILD_ARRANGEMENTS_ORDER, 0.06),
)
RELATIONSHIPS = (
    ("Maternal grandmother", Sex.FEMALE),
    ("Paternal grandmother", Sex.FEMALE),
    ("Maternal aunt", Sex.FEMALE),
    ("Paternal aunt", Sex.FEMALE),
    ("Maternal grandfather", Sex.MALE),
    ("Paternal uncle", Sex.MALE),
    ("Adult sibling", Sex.FEMALE),
    ("Family friend", Sex.FEMALE),
    ("Cousin", Sex.MALE),
)


@dataclass
class Plan:
    kind: AssessmentKind
    started_on: date
    decided_on: date | None = None
    outcome: Outcome | None = None
    placed_on: date | None = None
    extension_on: date | None = None
    stages: list[tuple[Stage, date]] = field(default_factory=list)


def _pick(ctx: DemoContext, pairs: tuple[tuple[str, float], ...]) -> str:
    return ctx.rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _day(value: object) -> date:
    assert isinstance(value, date)
    return value


def _stages(ctx: DemoContext, plan: Plan, until: date, final: Stage | None) -> None:
    """The stage path from the start to ``until`` (the decision, or today), ending at ``final`` if closed."""
    first = FIRST_STAGE[plan.kind]
    plan.stages = [(first, plan.started_on)]
    span = (until - plan.started_on).days
    ends_at_viability = (
        first == Stage.VIABILITY
        and final is not None
        and plan.outcome
        in (
            Outcome.NEGATIVE,
            Outcome.WITHDRAWN,
        )
        and span < 60
    )
    if first == Stage.VIABILITY and not ends_at_viability and (span > 30 or final is not None):
        high = max(1, min(30, span - 3))
        on = plan.started_on + timedelta(days=ctx.rng.randint(min(14, high), high))
        plan.stages.append((Stage.FULL_ASSESSMENT, on))
    at_full = plan.stages[-1][0] == Stage.FULL_ASSESSMENT
    if at_full and (
        (final == Stage.CONCLUDED and plan.outcome != Outcome.NEGATIVE) or (final is None and span > 150)
    ):
        on = until - timedelta(days=ctx.rng.randint(7, 21))
        if on > plan.stages[-1][1]:
            plan.stages.append((Stage.AWAITING_DECISION, on))
    if final is not None:
        plan.stages.append((final, until))


def _place(ctx: DemoContext, plan: Plan, until: date) -> None:
    """A Regulation 24 placement soon after the start; the extension if the assessment outlasts 16 weeks."""
    plan.placed_on = min(until, plan.started_on + timedelta(days=ctx.rng.randint(0, 10)))
    reg24_end = _day(due_date("reg24_approval", plan.placed_on))
    if until > reg24_end:
        plan.extension_on = reg24_end - timedelta(days=ctx.rng.randint(0, 6))


def _plans(ctx: DemoContext) -> list[Plan]:
    rng = ctx.rng
    scale = ctx.size.entering_care_per_year / COUNTY.entering_care_per_year
    total = max(3, round(PER_YEAR * scale * HISTORY_YEARS))
    open_count = rng.randint(*OPEN_AT_A_TIME) if scale == 1 else max(1, round(47 * scale))
    plans: list[Plan] = []
    for _ in range(open_count):
        kind = AssessmentKind(_pick(ctx, KINDS))
        plan = Plan(kind, ctx.today - timedelta(days=rng.randint(3, 230)))
        if plan.started_on >= ctx.today - timedelta(days=160) and rng.random() < PLACED_SHARE * 1.5:
            _place(ctx, plan, ctx.today)
        _stages(ctx, plan, ctx.today, None)
        plans.append(plan)
    for _ in range(total - open_count):
        kind = AssessmentKind(_pick(ctx, KINDS))
        outcome = Outcome(_pick(ctx, OUTCOMES))
        if kind == AssessmentKind.SGO and outcome == Outcome.APPROVED_CONNECTED_CARER:
            outcome = Outcome.CHILD_ARRANGEMENTS_ORDER  # an SGO-only assessment approves no foster carer
        length = rng.randint(25, 250)
        latest_start = ctx.today - timedelta(days=length + 1)
        plan = Plan(kind, ctx.between(ctx.history_start, latest_start), outcome=outcome)
        decided = plan.started_on + timedelta(days=length)
        if rng.random() < PLACED_SHARE:
            placed = plan.started_on + timedelta(days=rng.randint(0, 10))
            reg24_end = _day(due_date("reg24_approval", placed))
            reg25_end = _day(due_date("reg25_extension", reg24_end))
            decided = max(placed, min(decided, reg25_end - timedelta(days=rng.randint(1, 20))))
            plan.placed_on = placed
            if decided > reg24_end:
                plan.extension_on = reg24_end - timedelta(days=rng.randint(0, 6))
        plan.decided_on = decided
        _stages(ctx, plan, decided, Stage.WITHDRAWN if outcome == Outcome.WITHDRAWN else Stage.CONCLUDED)
        plans.append(plan)
    return plans


def build_kinship(ctx: DemoContext) -> None:
    rng = ctx.rng
    workers: list[User] = ctx.staff.get(Role.KINSHIP_WORKER, [])
    officers: list[User] = ctx.staff.get(Role.AGENCY_DECISION_MAKER, []) or ctx.staff.get(
        Role.SERVICE_MANAGER, []
    )
    in_care = list(ctx.records["children_in_care"])
    everyone = [episode.child for episode in ctx.records["care_episodes"]]
    if not in_care or not everyone:
        return
    plans = _plans(ctx)
    open_plans = [p for p in plans if p.decided_on is None]
    open_children = rng.sample(in_care, min(len(open_plans), len(in_care)))

    people: list[Person] = []
    households: list[Household] = []
    relationships: list[str] = []
    for plan in plans:
        relationship, sex = RELATIONSHIPS[rng.randrange(len(RELATIONSHIPS))]
        last = names.last_name(rng, ctx.faker, None)
        person = Person(
            first_name=names.first_name(rng, ctx.faker, sex, None),
            last_name=last,
            sex=sex,
            date_of_birth=plan.started_on - timedelta(days=rng.randint(25 * 365, 70 * 365)),
        )
        ctx.stamp(person, plan.started_on)
        household = Household(
            name=f"{last} household",
            line_1=names.street_address(rng),
            town=rng.choice(ctx.towns),
            postcode=names.postcode(rng, ctx.council.postcode_areas),
        )
        ctx.stamp(household, plan.started_on)
        people.append(person)
        households.append(household)
        relationships.append(relationship)
    ctx.save(people)
    ctx.save(households)
    members = []
    for plan, person, household in zip(plans, people, households, strict=True):
        member = HouseholdMember(
            household=household, person=person, role=MemberRole.CARER, joined_on=plan.started_on
        )
        ctx.stamp(member, plan.started_on)
        members.append(member)
    ctx.insert(members)

    assessments: list[KinshipAssessment] = []
    open_index = 0
    for plan, household, relationship in zip(plans, households, relationships, strict=True):
        if plan.decided_on is None and open_index < len(open_children):
            child = open_children[open_index]
            open_index += 1
        else:
            child = rng.choice(everyone)
        assessment = KinshipAssessment(
            child=child,
            connected_household=household,
            relationship=relationship,
            kind=plan.kind,
            stage=plan.stages[-1][0],
            social_worker=rng.choice(workers) if workers else None,
            started_on=plan.started_on,
            placed_on=plan.placed_on,
            outcome=plan.outcome or "",
            decided_on=plan.decided_on,
        )
        if plan.extension_on is not None and plan.placed_on is not None:
            steps_on = max(plan.placed_on, plan.extension_on - timedelta(days=rng.randint(3, 14)))
            assessment.panel_views_sought_on = steps_on
            assessment.panel_views = "The panel supports an extension while the assessment is completed."
            assessment.iro_informed_on = steps_on
            assessment.nominated_officer = rng.choice(officers) if officers else None
            assessment.nominated_officer_approved_on = max(steps_on, plan.extension_on - timedelta(days=1))
            assessment.extension_granted_on = plan.extension_on
        ctx.stamp(assessment, plan.started_on)
        assessments.append(assessment)
    ctx.save(assessments)

    changes: list[StageChange] = []
    for plan, assessment in zip(plans, assessments, strict=True):
        previous = ""
        for stage, on in plan.stages:
            change = StageChange(assessment=assessment, from_stage=previous, to_stage=stage, changed_on=on)
            change.reason = "Assessment started" if not previous else ""
            ctx.stamp(change, on)
            changes.append(change)
            previous = stage
        ctx.event(
            assessment, plan.started_on, label=f"{assessment.get_kind_display()} ({assessment.relationship})"
        )
    ctx.insert(changes)
    ctx.records["kinship_assessments"].extend(assessments)
