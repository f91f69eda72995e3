"""Build step: the life of approved households after approval.

Reads what the households step made (households, carers, reviews, status changes) and adds: the reviewing
officer's recommendation and the views gathered for each review, the panel outcome of first reviews that
went to panel a while ago, the training and support plan after each review and its 4-monthly revisits,
training courses and the TSD standards of every carer, the resignation reason of each household that
resigned and its exit interview, 11 to 14 allegations a year (some with a review following concerns), and a
handful of complaints a year through their stages. Every date respects the services' rules: nothing before
approval, after today, or after the household closed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from fostering.accounts.models import User
from fostering.accounts.roles import Role
from fostering.concerns.choices import AllegationOutcome, Complainant, ComplaintOutcome
from fostering.concerns.models import Allegation, Complaint, ComplaintStageRecord
from fostering.deadlines.calendar import add_months, add_working_days
from fostering.households.choices import (
    CLOSED_STATUSES,
    PANEL_REVIEW_KINDS,
    CarerType,
    HouseholdStatus,
    ResignationReason,
    ReviewKind,
    ReviewRecommendation,
    ViewSource,
    WouldRecommend,
)
from fostering.households.models import (
    ExitInterview,
    HouseholdReview,
    ReviewView,
    StatusChange,
    SupportPlan,
    TrainingRecord,
    TsdCompletion,
)
from fostering.people.choices import MemberRole
from fostering.people.models import HouseholdMember

if TYPE_CHECKING:
    from .generator import DemoContext

R = ResignationReason
# The free-text reasons the households step gives, and the reason each counts as in the reports.
RESIGNATION_CODES: dict[str, str] = {
    "Retirement": R.RETIREMENT,
    "Change of circumstances": R.CHANGE_OF_CIRCUMSTANCES,
    "Moved to an independent fostering agency": R.MOVING_TO_IFA,
    "Transferred to another local authority": R.MOVING_TO_ANOTHER_LA,
    "Dissatisfaction with the support from the service": R.DISSATISFACTION,
    "Young person turned 18 and moved on": R.OTHER,
    "Special guardianship order granted for the child": R.CHILD_MOVED_ON,
    "Child turned 18": R.CHILD_MOVED_ON,
    "Child returned home to their parents": R.CHILD_MOVED_ON,
}
COURSES = (
    ("Safeguarding and safer caring", Decimal("6"), "Council learning and development"),
    ("Paediatric first aid", Decimal("6.5"), "St John Ambulance"),
    ("Attachment and trauma", Decimal("12"), "Council learning and development"),
    ("Recording and report writing", Decimal("3"), "Council learning and development"),
    ("Managing allegations", Decimal("3"), "The Fostering Network"),
    ("Understanding the care system and the child's plan", Decimal("3"), "Council learning and development"),
    ("Online safety for foster carers", Decimal("2"), "e-learning"),
    ("Therapeutic parenting", Decimal("18"), "Independent trainer"),
    ("Supporting education and the virtual school", Decimal("3"), "Virtual school"),
    ("Contact and family time", Decimal("3"), "Council learning and development"),
)
TRAINING_NEEDS = (
    "Attachment and trauma course; refresh safeguarding",
    "Paediatric first aid renewal; recording workshop",
    "Online safety; supporting education",
    "Therapeutic parenting programme",
    "Managing behaviour that challenges; self-care",
)
SUPPORT = (
    "Monthly support group; buddy with an experienced carer",
    "Respite one weekend in six; DPST sessions for the young person",
    "Supervision every four weeks while the placement settles",
    "Access to the carers' wellbeing service",
    "",
)
VIEWS = {
    ViewSource.CHILD_PLACED: (
        "Feels safe and settled; likes the family's pets.",
        "Wants more time with friends.",
    ),
    ViewSource.CARERS_OWN_CHILD: ("Enjoys fostering as a family; sometimes finds sharing hard.",),
    ViewSource.CHILDS_SOCIAL_WORKER: (
        "Carers work well with the plan and keep good records.",
        "Carers advocate well for the child at school.",
    ),
    ViewSource.IRO: ("The child's needs are met; no concerns raised at the child's review.",),
    ViewSource.CARER: (
        "Feel well supported by their supervising social worker.",
        "Would like more notice of meetings and more training in the evenings.",
    ),
    ViewSource.SSW: ("Carers offer warm, consistent care and use supervision well.",),
}
ALLEGATION_SUMMARIES = (
    "A young person said a carer pushed them during an argument.",
    "School reported a bruise the child said came from a carer.",
    "A parent alleged the child was left alone in the house.",
    "A young person said a carer shouted and swore at them.",
    "Concerns about physical restraint used during an incident.",
    "A child said a carer's adult son made them feel unsafe.",
)
COMPLAINT_SUMMARIES = (
    ("Allowances were paid late for two months.", False),
    ("The carer's supervising social worker changed three times in a year.", False),
    ("Not told in time about a change to the child's family time.", False),
    ("A parent is unhappy with how the carer speaks about them to the child.", True),
    ("A neighbour complained about noise and the young person's friends.", True),
    ("A young person says the carer does not let them see their friends.", True),
)
SUPPORT_OFFERED_BY = (
    "Foster Carers' Association",
    "Fostering Network advice line",
    "Independent support worker",
)


@dataclass
class Household:
    fh_id: int
    carer_type: str
    approved_on: date
    end: date  # the day it closed, or today
    status: str


def _households(ctx: DemoContext) -> dict[int, Household]:
    today = ctx.today
    closed_on: dict[int, date] = {}
    for fh_id, on in (
        StatusChange.objects.filter(organisation=ctx.organisation, to_status__in=CLOSED_STATUSES)
        .values_list("fostering_household_id", "changed_on")
        .order_by()
    ):
        closed_on[fh_id] = on
    return {
        fh.pk: Household(fh.pk, fh.carer_type, fh.approved_on, closed_on.get(fh.pk, today), fh.status)
        for fh in ctx.records["fostering_households"]
    }


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[n : n + size] for n in range(0, len(ids), size)]


# ---------------------------------------------------------------------------------------------------------
# Reviews: recommendation, views, panel outcome, training and support plans


def _reviews(ctx: DemoContext, households: dict[int, Household]) -> list[HouseholdReview]:
    rng, today = ctx.rng, ctx.today
    reviews = list(
        HouseholdReview.objects.filter(organisation=ctx.organisation).order_by(
            "fostering_household_id", "held_on", "id"
        )
    )
    groups: dict[tuple[str, bool], list[int]] = defaultdict(list)
    outcomes: list[HouseholdReview] = []
    for review in reviews:
        roll = rng.random()
        recommendation: str
        if review.kind == ReviewKind.FOLLOWING_CONCERNS:
            recommendation = ReviewRecommendation.REFER_TO_PANEL
        else:
            recommendation = (
                ReviewRecommendation.CONTINUE
                if roll < 0.86
                else ReviewRecommendation.CHANGE_TERMS
                if roll < 0.96
                else ReviewRecommendation.REFER_TO_PANEL
            )
        review.recommendation = recommendation
        review.needs_panel = (
            review.kind in PANEL_REVIEW_KINDS or recommendation == ReviewRecommendation.REFER_TO_PANEL
        )
        groups[(recommendation, review.needs_panel)].append(review.pk)
        heard = review.held_on + timedelta(days=rng.randint(14, 40))
        if review.needs_panel and heard <= today - timedelta(days=14):
            review.panel_outcome = (
                "Continue approval" if rng.random() < 0.93 else "Continue approval with changed terms"
            )
            review.panel_outcome_on = heard
            outcomes.append(review)
    for (recommendation, needs_panel), ids in groups.items():
        for chunk in _chunks(ids):
            HouseholdReview.objects.filter(pk__in=chunk).update(
                recommendation=recommendation, needs_panel=needs_panel
            )
    HouseholdReview.objects.bulk_update(outcomes, ["panel_outcome", "panel_outcome_on"], batch_size=500)

    views: list[ReviewView] = []
    officers = ctx.staff.get(Role.SUPERVISING_SOCIAL_WORKER, [])
    for review in reviews:
        household = households.get(review.fostering_household_id)
        if household is None:
            continue
        floor = max(household.approved_on, review.held_on - timedelta(days=35))
        sources = [ViewSource.CARER, ViewSource.SSW]
        if household.carer_type != CarerType.SUPPORTED_LODGINGS and rng.random() < 0.75:
            sources.append(ViewSource.CHILD_PLACED)
        for source, share in (
            (ViewSource.CHILDS_SOCIAL_WORKER, 0.6),
            (ViewSource.IRO, 0.35),
            (ViewSource.CARERS_OWN_CHILD, 0.3),
        ):
            if rng.random() < share:
                sources.append(source)
        for source in sources:
            given_on = ctx.between(floor, review.held_on)
            if source == ViewSource.SSW and officers:
                given_by = str(rng.choice(officers))
            elif source == ViewSource.CHILD_PLACED:
                given_by = f"{ctx.faker.first_name()} (aged {rng.randint(6, 17)})"
            else:
                given_by = ctx.faker.name()
            view = ReviewView(
                review=review,
                source=source,
                given_by=given_by,
                given_on=given_on,
                summary=rng.choice(VIEWS[source]),
            )
            ctx.stamp(view, given_on)
            views.append(view)
    ctx.insert(views)
    return reviews


def _support_plans(
    ctx: DemoContext, households: dict[int, Household], reviews: list[HouseholdReview]
) -> None:
    """A plan 1 to 3 weeks after each review, revisited about every 4 months until the next review."""
    rng, today = ctx.rng, ctx.today
    by_household: dict[int, list[HouseholdReview]] = defaultdict(list)
    for review in reviews:
        by_household[review.fostering_household_id].append(review)
    plans: list[SupportPlan] = []
    for fh_id, rows in by_household.items():
        household = households.get(fh_id)
        if household is None:
            continue
        rows.sort(key=lambda r: r.held_on)
        for n, review in enumerate(rows):
            until = rows[n + 1].held_on if n + 1 < len(rows) else household.end
            on = review.held_on + timedelta(days=rng.randint(5, 21))
            first = True
            while on <= min(until, today):
                plan = SupportPlan(
                    fostering_household_id=fh_id,
                    review=review if first else None,
                    agreed_on=on,
                    training_needs=rng.choice(TRAINING_NEEDS),
                    support=rng.choice(SUPPORT),
                )
                ctx.stamp(plan, on)
                plans.append(plan)
                first = False
                late = rng.random() < 0.1
                on = add_months(on, 4) + timedelta(days=rng.randint(5, 30) if late else -rng.randint(0, 14))
    ctx.save(plans)
    for plan in plans:
        ctx.event(plan, plan.agreed_on, verb="support_plan_recorded", changes={"plan": [None, str(plan)]})


# ---------------------------------------------------------------------------------------------------------
# Carers: training courses and the TSD standards


def _carers(ctx: DemoContext, households: dict[int, Household]) -> None:
    rng, today = ctx.rng, ctx.today
    fh_of = {fh.household_id: fh.pk for fh in ctx.records["fostering_households"]}
    carers = (
        HouseholdMember.objects.filter(household_id__in=list(fh_of), role=MemberRole.CARER)
        .order_by("pk")
        .values_list("pk", "household_id", "joined_on", "left_on")
    )
    training: list[TrainingRecord] = []
    completions: list[TsdCompletion] = []
    for member_id, household_id, joined_on, left_on in carers:
        fh_id = fh_of[household_id]
        household = households[fh_id]
        start = max(household.approved_on, joined_on)
        end = min(household.end, left_on or today)
        if end < start:
            continue
        months = 18 if household.carer_type in (CarerType.KINSHIP, CarerType.SHORT_BREAKS) else 12
        due = add_months(start, months)
        roll = rng.random()
        if roll < 0.85:
            done = start + timedelta(days=rng.randint(60, (due - start).days - 5))
        elif roll < 0.95:
            done = due + timedelta(days=rng.randint(5, 120))  # completed late
        elif start >= today - timedelta(days=730):
            done = None  # still outstanding: overdue once the due date passes
        else:
            done = due - timedelta(days=rng.randint(5, 60))
        if done is not None and done <= end:
            completion = TsdCompletion(fostering_household_id=fh_id, member_id=member_id, completed_on=done)
            ctx.stamp(completion, done)
            completions.append(completion)
        on = max(start, ctx.history_start) + timedelta(days=rng.randint(10, 120))
        while on <= end:
            course, hours, provider = rng.choice(COURSES)
            row = TrainingRecord(
                fostering_household_id=fh_id,
                member_id=member_id,
                course=course,
                attended_on=on,
                hours=hours,
                provider=provider,
            )
            ctx.stamp(row, on)
            training.append(row)
            on += timedelta(days=rng.randint(60, 200))
    ctx.save(completions)
    ctx.save(training)
    for completion in completions:
        ctx.event(completion, completion.completed_on, verb="tsd_standards_completed")
    for row in training:
        ctx.event(row, row.attended_on, verb="training_recorded")


# ---------------------------------------------------------------------------------------------------------
# Resignations and exit interviews


def _resignations(ctx: DemoContext, households: dict[int, Household]) -> None:
    rng, today = ctx.rng, ctx.today
    resigned = StatusChange.objects.filter(organisation=ctx.organisation, to_status=HouseholdStatus.RESIGNED)
    for text, code in RESIGNATION_CODES.items():
        resigned.filter(reason=text).update(resignation_reason=code)
    resigned.filter(resignation_reason="").update(resignation_reason=R.OTHER)
    interviews: list[ExitInterview] = []
    workers: list[User | None] = [*ctx.staff.get(Role.SUPERVISING_SOCIAL_WORKER, [])] or [None]
    for fh_id, on in resigned.values_list("fostering_household_id", "changed_on").order_by(
        "changed_on", "id"
    ):
        offered = on + timedelta(days=rng.randint(3, 21))
        if offered > today or rng.random() < 0.1:
            continue
        interview = ExitInterview(fostering_household_id=fh_id, offered_on=offered)
        held = offered + timedelta(days=rng.randint(7, 35))
        if held <= today and rng.random() < 0.6:
            interview.held_on = held
            interview.held_by = rng.choice(workers)
            recommend = rng.choices(list(WouldRecommend), weights=(70, 15, 15))[0]
            interview.would_recommend = recommend
            interview.summary = rng.choice(
                (
                    "Felt supported throughout; leaving because of their own circumstances.",
                    "Would have liked more respite and quicker answers about allowances.",
                    "Felt the service listened; the cost of living made fostering hard to afford.",
                    "Frustrated by changes of social worker; otherwise positive.",
                )
            )
        ctx.stamp(interview, offered)
        interviews.append(interview)
    ctx.save(interviews)
    for interview in interviews:
        ctx.event(interview, interview.held_on or interview.offered_on, verb="exit_interview_recorded")


# ---------------------------------------------------------------------------------------------------------
# Allegations and complaints


def _open_on(households: dict[int, Household], on: date) -> list[Household]:
    return [h for h in households.values() if h.approved_on < on < h.end]


def _allegations(ctx: DemoContext, households: dict[int, Household]) -> None:
    """11 to 14 a year over the history, scaled to the council's size (the county has about 250 households)."""
    rng, today = ctx.rng, ctx.today
    scale = max(1, len([h for h in households.values() if h.status not in CLOSED_STATUSES])) / 251
    allegations: list[Allegation] = []
    reviews: list[tuple[Allegation, date]] = []
    start = ctx.history_start
    while start < today - timedelta(days=30):
        year_end = min(start + timedelta(days=365), today)
        expected = rng.randint(11, 14) * scale
        count = int(expected) + (1 if rng.random() < expected - int(expected) else 0)
        for _ in range(count):
            received = ctx.between(start, year_end - timedelta(days=1))
            candidates = _open_on(households, received)
            if not candidates:
                continue
            household = rng.choice(candidates)
            allegation = Allegation(
                fostering_household_id=household.fh_id,
                received_on=received,
                summary=rng.choice(ALLEGATION_SUMMARIES),
                lado_referred_on=min(received + timedelta(days=rng.randint(0, 3)), today),
            )
            allegation.lado_outcome = rng.choice(
                (
                    "No further action",
                    "Position of trust meeting",
                    "Single agency investigation by the service",
                )
            )
            if allegation.lado_outcome == "Position of trust meeting":
                allegation.strategy_meeting_on = min(received + timedelta(days=rng.randint(5, 20)), today)
            if rng.random() < 0.9:
                allegation.support_offered_on = min(received + timedelta(days=rng.randint(1, 10)), today)
                allegation.support_offered_by = rng.choice(SUPPORT_OFFERED_BY)
            concluded = received + timedelta(days=rng.randint(20, 160))
            if concluded <= min(today, household.end):
                allegation.concluded_on = concluded
                allegation.outcome = rng.choices(list(AllegationOutcome), weights=(20, 40, 30, 7, 3))[0]
                follow = concluded + timedelta(days=rng.randint(14, 45))
                if (
                    allegation.strategy_meeting_on
                    and rng.random() < 0.6
                    and follow < min(today, household.end)
                ):
                    reviews.append((allegation, follow))
            ctx.stamp(allegation, received)
            allegations.append(allegation)
        start = year_end
    # Reviews following concerns, held after the allegation concluded; they go to panel.
    new_reviews: list[HouseholdReview] = []
    officers: list[User | None] = [*ctx.staff.get(Role.REVIEWING_OFFICER, [])] or [None]
    for allegation, held in reviews:
        review = HouseholdReview(
            fostering_household_id=allegation.fostering_household_id,
            kind=ReviewKind.FOLLOWING_CONCERNS,
            held_on=held,
            reviewing_officer=rng.choice(officers),
            summary="Review following concerns after an allegation; safer caring plan updated.",
            recommendation=ReviewRecommendation.REFER_TO_PANEL,
            needs_panel=True,
        )
        if held + timedelta(days=28) <= today:
            review.panel_outcome = "Continue approval" if rng.random() < 0.7 else "Terminate approval"
            review.panel_outcome_on = held + timedelta(days=rng.randint(14, 28))
        ctx.stamp(review, held)
        new_reviews.append(review)
    ctx.save(new_reviews)
    for (allegation, _), review in zip(reviews, new_reviews, strict=True):
        allegation.review = review
    ctx.save(allegations)
    fhs = {fh.pk: fh for fh in ctx.records["fostering_households"]}
    for allegation in allegations:
        ctx.event(
            fhs[allegation.fostering_household_id],
            allegation.received_on,
            verb="allegation_received",
            changes={
                "allegation": [None, f"received {allegation.received_on.day} {allegation.received_on:%B %Y}"]
            },
        )
    ctx.records["allegations"].extend(allegations)


def _complaints(ctx: DemoContext, households: dict[int, Household]) -> None:
    rng, today = ctx.rng, ctx.today
    per_year = max(1, round(5 * len(households) / 341))
    managers: list[User | None] = [*ctx.staff.get(Role.SERVICE_MANAGER, [])] or [None]
    complaints: list[Complaint] = []
    stages: list[list[ComplaintStageRecord]] = []
    start = ctx.history_start
    while start < today - timedelta(days=30):
        year_end = min(start + timedelta(days=365), today)
        for _ in range(rng.randint(max(1, per_year - 2), per_year + 2)):
            received = ctx.between(start, year_end - timedelta(days=1))
            summary, about_household = rng.choice(COMPLAINT_SUMMARIES)
            candidates = _open_on(households, received) if about_household else []
            complaint = Complaint(
                received_on=received,
                complainant=rng.choice(
                    [Complainant.PARENT, Complainant.CHILD, Complainant.OTHER]
                    if about_household
                    else [Complainant.CARER, Complainant.CARER, Complainant.APPLICANT]
                ),
                complainant_name=ctx.faker.name(),
                fostering_household_id=rng.choice(candidates).fh_id if candidates else None,
                summary=summary,
                handled_by=rng.choice(managers),
            )
            ctx.stamp(complaint, received)
            rows = _stages(ctx, received)
            complaints.append(complaint)
            stages.append(rows)
        start = year_end
    ctx.save(complaints)
    flat: list[ComplaintStageRecord] = []
    for complaint, rows in zip(complaints, stages, strict=True):
        for row in rows:
            row.complaint = complaint
            flat.append(row)
        ctx.event(complaint, complaint.received_on, verb="complaint_received")
    ctx.insert(flat)


def _stages(ctx: DemoContext, received: date) -> list[ComplaintStageRecord]:
    rng, today = ctx.rng, ctx.today
    rows: list[ComplaintStageRecord] = []
    started = received
    for stage, days, go_on in ((1, (4, 14), 0.2), (2, (15, 60), 0.3), (3, (15, 30), 0.0)):
        row = ComplaintStageRecord(
            stage=stage, started_on=started, extended=stage == 2 and rng.random() < 0.4
        )
        ctx.stamp(row, started)
        rows.append(row)
        answered = add_working_days(started, rng.randint(*days))
        if answered > today:
            break
        row.responded_on = answered
        row.outcome = rng.choices(list(ComplaintOutcome), weights=(25, 30, 40, 5))[0]
        row.response = "Response letter sent to the complainant."
        started = answered + timedelta(days=rng.randint(3, 20))
        if rng.random() >= go_on or started > today or row.outcome == ComplaintOutcome.WITHDRAWN:
            break
    return rows


def build_household_life(ctx: DemoContext) -> None:
    households = _households(ctx)
    if not households:
        return
    reviews = _reviews(ctx, households)
    _support_plans(ctx, households, reviews)
    _carers(ctx, households)
    _resignations(ctx, households)
    _allegations(ctx, households)
    _complaints(ctx, households)
