"""Build step: three years of applications to foster (and to host, and to visit), each with its
applicants' household, Stage 1 checks, training, mentor, agreement, sessions and stage history.

A county starts 40-55 assessments a year (scaled to the council's size). Older ones have moved on to
"ready for panel" or been withdrawn with an Ofsted AW code; some spent a spell on hold; the newest are in
Stage 1 or 2, a few on hold now. The shapes are those the assessment services make: a first stage change
from "" to "application" on the date the application was accepted, each later change from the stage
before, and everything "ready for panel" requires recorded before the assessment got there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from fostering.accounts.roles import Role
from fostering.assessments.choices import (
    APPLICANT_CHECKS,
    SESSIONS_NEEDED,
    TARGET_WEEKS,
    AssessmentKind,
    Stage,
    WithdrawalReason,
)
from fostering.assessments.models import Assessment, AssessmentSession, StageChange
from fostering.people.choices import CheckKind, CheckOutcome, Ethnicity, MemberRole, Sex
from fostering.people.models import Check, Household, HouseholdMember, Person
from fostering.people.rules import CARER_CHECKS

from . import names
from .members import adult
from .sizes import HISTORY_YEARS

if TYPE_CHECKING:
    from .generator import DemoContext

STARTS_PER_YEAR = (40, 55)  # a county's Stage 1 starts a year
COUNTY_OPEN_HOUSEHOLDS = 251
KINDS = (
    (AssessmentKind.MAINSTREAM, 0.74),
    (AssessmentKind.FAST_TRACK, 0.08),
    (AssessmentKind.SUPPORTED_LODGINGS, 0.12),
    (AssessmentKind.INDEPENDENT_VISITOR, 0.06),
)
AW_WEIGHTS = (
    (WithdrawalReason.AW0, 2),
    (WithdrawalReason.AW1, 4),
    (WithdrawalReason.AW2, 1),
    (WithdrawalReason.AW3, 6),
    (WithdrawalReason.AW4, 2),
    (WithdrawalReason.AW5, 1),
)
HOLD_REASONS = (
    "Illness in the family",
    "House move",
    "Bereavement",
    "Change of job",
    "Building work at home",
)
WITHDRAWAL_NOTES = {
    "AW0": "No reason given",
    "AW1": "Fostering was not what they expected",
    "AW2": "Found the assessment too intrusive",
    "AW3": "Circumstances at home changed",
    "AW4": "Could not afford to reduce working hours",
    "AW5": "Worried about allegations",
}
ETHNICITIES = (Ethnicity.WBRI, Ethnicity.WBRI, Ethnicity.WBRI, Ethnicity.AIND, Ethnicity.BCRB, Ethnicity.MWBC)


@dataclass
class Plan:
    kind: AssessmentKind
    accepted_on: date
    changes: list[tuple[str, str, date, str, str]] = field(default_factory=list)  # from, to, on, reason, AW

    @property
    def stage(self) -> str:
        return self.changes[-1][1]

    def add(self, to: str, on: date, reason: str = "", code: str = "") -> None:
        self.changes.append((self.stage if self.changes else "", to, on, reason, code))


def starts_per_year(ctx: DemoContext) -> int:
    low, high = STARTS_PER_YEAR
    scale = ctx.size.open_households / COUNTY_OPEN_HOUSEHOLDS
    return max(2, round(ctx.rng.randint(low, high) * scale))


def _kind(ctx: DemoContext) -> AssessmentKind:
    roll, total = ctx.rng.random(), 0.0
    for kind, share in KINDS:
        total += share
        if roll < total:
            return kind
    return AssessmentKind.MAINSTREAM


def _plan(ctx: DemoContext, accepted_on: date) -> Plan:
    """The stage history, stopping at today."""
    rng, today = ctx.rng, ctx.today
    plan = Plan(_kind(ctx), accepted_on)
    plan.add(Stage.APPLICATION, accepted_on, "Application accepted")
    on = accepted_on
    withdraws = rng.random() < 0.22
    holds = rng.random() < 0.18
    steps = [(Stage.STAGE1, 0, 10), (Stage.STAGE2, 35, 60), (Stage.READY_FOR_PANEL, 50, 75)]
    withdraw_at = rng.randint(0, 2)
    hold_at = rng.randint(0, 2)
    for n, (stage, low, high) in enumerate(steps):
        if holds and n == hold_at:
            start = on + timedelta(days=rng.randint(3, 20))
            if start > today:
                return plan
            plan.add(Stage.ON_HOLD, start, rng.choice(HOLD_REASONS))
            end = start + timedelta(days=rng.randint(14, 70))
            if end > today:
                return plan
            plan.add(plan.changes[-2][1], end)
            on = end
        if withdraws and n == withdraw_at:
            when = on + timedelta(days=rng.randint(5, 40))
            if when <= today:
                code = rng.choices([c for c, _ in AW_WEIGHTS], [w for _, w in AW_WEIGHTS])[0]
                plan.add(Stage.WITHDRAWN, when, WITHDRAWAL_NOTES[code], code)
            return plan
        on = on + timedelta(days=rng.randint(low, high))
        if on > today:
            return plan
        plan.add(stage, on)
    return plan


def _reached(plan: Plan, stage: str) -> date | None:
    return next((on for _, to, on, _, _ in plan.changes if to == stage), None)


def build_assessments(ctx: DemoContext) -> None:
    rng = ctx.rng
    workers = ctx.staff.get(Role.ASSESSING_SOCIAL_WORKER, [])
    plans: list[Plan] = []
    for year in range(HISTORY_YEARS):
        start = ctx.today - timedelta(days=365 * (year + 1))
        for _ in range(starts_per_year(ctx)):
            plans.append(_plan(ctx, ctx.between(start, start + timedelta(days=364))))
    plans.sort(key=lambda p: p.accepted_on)

    households: list[Household] = []
    people: list[list[Person]] = []
    for plan in plans:
        couple = plan.kind != AssessmentKind.INDEPENDENT_VISITOR and rng.random() < 0.6
        ethnicity = rng.choice(ETHNICITIES)
        first = adult(
            ctx,
            age_at_day=rng.randint(26, 60),
            on=plan.accepted_on,
            sex=rng.choice("FM"),
            ethnicity=ethnicity,
        )
        applicants = [first]
        if couple:
            applicants.append(
                adult(
                    ctx,
                    age_at_day=rng.randint(26, 60),
                    on=plan.accepted_on,
                    sex=Sex.MALE if first.sex == Sex.FEMALE else Sex.FEMALE,
                    ethnicity=ethnicity,
                    surname=first.last_name,
                )
            )
        for person in applicants:
            ctx.stamp(person, plan.accepted_on)
        people.append(applicants)
        household = Household(
            name=f"{first.last_name} household",
            line_1=names.street_address(rng),
            town=rng.choice(ctx.towns),
            postcode=names.postcode(rng, ctx.council.postcode_areas),
        )
        households.append(ctx.stamp(household, plan.accepted_on))
    ctx.save([p for group in people for p in group])
    ctx.save(households)

    members: list[HouseholdMember] = []
    for plan, household, applicants in zip(plans, households, people, strict=True):
        for person in applicants:
            member = HouseholdMember(
                household=household, person=person, role=MemberRole.CARER, joined_on=plan.accepted_on
            )
            members.append(ctx.stamp(member, plan.accepted_on))
    ctx.save(members)

    assessments: list[Assessment] = []
    checks: list[Check] = []
    member_iter = iter(members)
    # mainstream applications follow the enquiries decided "progress" in the three months before them
    waiting = sorted(
        ctx.records.get("progressed_enquiries", []), key=lambda e: (e.decided_on or ctx.today, e.pk)
    )
    for plan, household, applicants in zip(plans, households, people, strict=True):
        ready = _reached(plan, Stage.READY_FOR_PANEL)
        stage2 = _reached(plan, Stage.STAGE2)
        last = plan.changes[-1][2]
        done_by = ready or min(ctx.today, last + timedelta(days=30))
        kind = plan.kind
        a = Assessment(
            kind=kind,
            household=household,
            assessing_social_worker=rng.choice(workers)
            if workers and (stage2 or rng.random() < 0.7)
            else None,
            application_accepted_on=plan.accepted_on,
            target_panel_on=plan.accepted_on + timedelta(weeks=TARGET_WEEKS[kind]),
            stage=plan.stage,
            withdrawal_reason=plan.changes[-1][4] if plan.stage == Stage.WITHDRAWN else "",
        )
        if kind == AssessmentKind.MAINSTREAM:
            for enquiry in waiting:
                decided = enquiry.decided_on or ctx.today
                if plan.accepted_on - timedelta(days=90) <= decided <= plan.accepted_on:
                    a.enquiry_id = enquiry.pk
                    waiting.remove(enquiry)
                    break
        if kind == AssessmentKind.FAST_TRACK:
            a.previous_agency = rng.choice(("Acorn Fostering", "Compass Fostering", "a neighbouring council"))
            if stage2 or ready:
                a.previous_agency_reference_on = (stage2 or done_by) - timedelta(days=rng.randint(1, 20))
        if ready or rng.random() < 0.6:
            if kind in (AssessmentKind.MAINSTREAM, AssessmentKind.SUPPORTED_LODGINGS):
                a.skills_to_foster_booked_on = plan.accepted_on + timedelta(days=rng.randint(7, 30))
                if ready or a.skills_to_foster_booked_on <= ctx.today:
                    a.skills_to_foster_attended_on = min(a.skills_to_foster_booked_on, done_by)
                    a.skills_to_foster_booked_on = a.skills_to_foster_attended_on
                else:
                    a.skills_to_foster_attended_on = None
            if kind == AssessmentKind.MAINSTREAM:
                a.mentor_offered_on = min(plan.accepted_on + timedelta(days=rng.randint(5, 30)), done_by)
                mentor = names.first_name(rng, ctx.faker, rng.choice("FM"), names.pool_for(Ethnicity.WBRI))
                a.mentor_name = f"{mentor} (experienced carer)"
            if kind == AssessmentKind.INDEPENDENT_VISITOR:
                a.safeguarding_course_on = min(plan.accepted_on + timedelta(days=rng.randint(5, 30)), done_by)
        if stage2 or ready:
            a.agreement_signed_on = stage2 or done_by
        assessments.append(ctx.stamp(a, plan.accepted_on))
        for _person in applicants:
            member = next(member_iter)
            kinds = APPLICANT_CHECKS.get(kind, tuple(CARER_CHECKS))
            for check_kind in kinds:
                requested = plan.accepted_on + timedelta(days=rng.randint(0, 10))
                received = requested + timedelta(days=rng.randint(5, 40))
                if ready:
                    received = min(received, ready)
                if requested > ctx.today:
                    continue
                got = received <= ctx.today and (ready is not None or rng.random() < 0.8)
                check = Check(
                    member=member,
                    kind=check_kind,
                    requested_on=requested,
                    received_on=received if got else None,
                    outcome=CheckOutcome.CLEAR if got else CheckOutcome.PENDING,
                    reference=f"{rng.randint(1, 10**12 - 1):012d}"
                    if check_kind == CheckKind.DBS and got
                    else "",
                )
                checks.append(ctx.stamp(check, requested))
    ctx.save(assessments)
    ctx.insert(checks)

    changes: list[StageChange] = []
    sessions: list[AssessmentSession] = []
    for plan, a in zip(plans, assessments, strict=True):
        for from_stage, to_stage, on, reason, code in plan.changes:
            change = StageChange(
                assessment=a,
                from_stage=from_stage,
                to_stage=to_stage,
                changed_on=on,
                reason=reason,
                withdrawal_reason=code,
            )
            changes.append(ctx.stamp(change, on))
        stage2 = _reached(plan, Stage.STAGE2)
        ready = _reached(plan, Stage.READY_FOR_PANEL)
        if stage2:
            needed = SESSIONS_NEEDED[plan.kind]
            end = ready or min(ctx.today, plan.changes[-1][2] + timedelta(days=40))
            count = needed if ready else rng.randint(0, needed)
            span = max(0, (end - stage2).days)
            for n in range(count):
                held = stage2 + timedelta(days=span * n // max(1, count))
                session = AssessmentSession(assessment=a, held_on=held, notes="Form F session")
                sessions.append(ctx.stamp(session, held))
        ctx.event(a, plan.accepted_on)
    ctx.insert(changes)
    ctx.insert(sessions)
    ctx.records["assessments"].extend(assessments)
