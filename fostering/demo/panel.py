"""Build step: the fostering panel's three years: the central list of members with appraisals and training,
three or four meetings a month (a few cancelled), and the cases heard with their recommendations and the
agency decision maker's decisions.

The cases are the history's own: each household approved during the history was recommended at the last
meeting before its approval date and approved by the decision maker on that date (a few deferred once
first); first reviews and reviews following concerns went to the next meeting after them; each
deregistration was recommended at a meeting, decided, and took effect after the 28 days for
representations. The assessments ready for panel today, and the kinship assessments awaiting a decision,
are on the agendas of the next planned meetings.

Every meeting held was quorate (see ``panel.choices.QUORUM``); a council with too few panel staff gets
independent members with their own logins.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from fostering.accounts.models import Membership, User
from fostering.accounts.roles import Role
from fostering.assessments.choices import Stage
from fostering.assessments.models import Assessment
from fostering.assessments.models import StageChange as AssessmentStageChange
from fostering.deadlines.calendar import add_working_days, is_working_day
from fostering.households.choices import OPEN_STATUSES, CarerType, HouseholdStatus
from fostering.households.models import HouseholdReview, StatusChange, TermsOfApproval
from fostering.kinship.choices import Outcome
from fostering.kinship.choices import Stage as KinshipStage
from fostering.kinship.models import KinshipAssessment
from fostering.kinship.models import StageChange as KinshipStageChange
from fostering.panel.agenda import REVIEW_KINDS
from fostering.panel.choices import (
    QUORUM,
    Challenge,
    ChallengeOutcome,
    FeedbackFrom,
    ItemKind,
    MeetingFormat,
    MeetingStatus,
    PanelRole,
    Recommendation,
)
from fostering.panel.models import (
    Appraisal,
    Attendance,
    ConflictOfInterest,
    Decision,
    Feedback,
    PanelItem,
    PanelMeeting,
    PanelMember,
    TrainingAttended,
)

from . import names

if TYPE_CHECKING:
    from .generator import DemoContext

# The roles of the panel members, in the order the council's panel staff fill them.
MEMBER_ROLES = (
    PanelRole.SOCIAL_WORKER,
    PanelRole.INDEPENDENT,
    PanelRole.CARE_EXPERIENCED,
    PanelRole.INDEPENDENT,
    PanelRole.SOCIAL_WORKER,
    PanelRole.INDEPENDENT,
    PanelRole.INDEPENDENT,
    PanelRole.MEDICAL_ADVISER,
)
# What a council's panel needs at least: a chair, a vice chair, two social workers, three independent
# members (one care-experienced), so that a meeting stays quorate when one or two cannot come.
NEEDED = (
    (PanelRole.CHAIR, 1),
    (PanelRole.VICE_CHAIR, 1),
    (PanelRole.SOCIAL_WORKER, 2),
    (PanelRole.INDEPENDENT, 2),
    (PanelRole.CARE_EXPERIENCED, 1),
)
COURSES = (
    "Panel members' annual training day",
    "Safeguarding and allegations against carers",
    "Kinship care and Regulation 24",
    "Unconscious bias in assessment",
    "The Independent Review Mechanism",
    "Reading a Form F well",
)
CANCEL_REASONS = (
    "Not quorate: two members unwell",
    "No cases ready for this date",
    "Chair unavailable and no vice chair free",
    "Venue unavailable (election count)",
)
VENUES = {
    MeetingFormat.IN_PERSON: "Committee Room 2, County Hall",
    MeetingFormat.ONLINE: "Microsoft Teams",
    MeetingFormat.HYBRID: "Committee Room 2, County Hall, and Teams",
}
AGENDA_SIZE = 6


def _members(ctx: DemoContext) -> list[PanelMember]:
    rng = ctx.rng
    seats: list[tuple[User, PanelRole]] = []
    for index, user in enumerate(ctx.staff.get(Role.PANEL_CHAIR, [])):
        seats.append((user, PanelRole.CHAIR if index == 0 else PanelRole.VICE_CHAIR))
    for index, user in enumerate(ctx.staff.get(Role.PANEL_MEMBER, [])):
        seats.append((user, MEMBER_ROLES[index % len(MEMBER_ROLES)]))
    have: defaultdict[PanelRole, int] = defaultdict(int)
    for _, role in seats:
        have[role] += 1
    extra: list[tuple[User, Role, PanelRole]] = []
    for role, count in NEEDED:
        for n in range(count - have[role]):
            sex = rng.choice("FM")
            first = names.first_name(rng, ctx.faker, sex, None)
            last = names.last_name(rng, ctx.faker, None)
            username = f"panel.{role.value}{n + 1}{ctx.username_suffix}"
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{names.username_part(first)}.{names.username_part(last)}@example.org",
                password=ctx.password_hash,
                is_active=True,
                job_title=f"Independent panel {role.label.lower()}",
                date_joined=ctx.moment(ctx.history_start - timedelta(days=400)),
            )
            staff_role = (
                Role.PANEL_CHAIR if role in (PanelRole.CHAIR, PanelRole.VICE_CHAIR) else Role.PANEL_MEMBER
            )
            extra.append((user, staff_role, role))
    if extra:
        ctx.save([user for user, _, _ in extra])
        team = ctx.teams.get("Fostering panel")
        ctx.insert(
            [
                Membership(
                    user=user,
                    organisation=ctx.organisation,
                    role=staff_role,
                    team=team,
                    started_on=ctx.history_start - timedelta(days=400),
                )
                for user, staff_role, _ in extra
            ]
        )
        seats += [(user, role) for user, _, role in extra]
    for user in ctx.staff.get(Role.PANEL_ADVISER, []):
        seats.append((user, PanelRole.PANEL_ADVISER))
    for user in ctx.staff.get(Role.PANEL_ADMINISTRATOR, []):
        seats.append((user, PanelRole.ADMINISTRATOR))
    members = []
    for user, role in seats:
        joined = ctx.history_start - timedelta(days=rng.randint(30, 1500))
        members.append(ctx.stamp(PanelMember(user=user, role=role, joined_on=joined), joined))
    ctx.save(members)
    return members


def _decider(ctx: DemoContext) -> User | None:
    """The agency decision maker (or, without one, the service manager)."""
    people = ctx.staff.get(Role.AGENCY_DECISION_MAKER) or ctx.staff.get(Role.SERVICE_MANAGER) or []
    return people[0] if people else None


def _appraisals_and_training(ctx: DemoContext, members: list[PanelMember]) -> None:
    rng = ctx.rng
    chair = next((m.user for m in members if m.role == PanelRole.CHAIR), None)
    decider = _decider(ctx)
    appraisals: list[Appraisal] = []
    training: list[TrainingAttended] = []
    for member in members:
        if member.role in (PanelRole.ADMINISTRATOR,):
            continue
        by = decider if member.role == PanelRole.CHAIR or chair is None else chair
        on = max(member.joined_on, ctx.history_start) + timedelta(days=rng.randint(200, 364))
        while on <= ctx.today and by is not None:
            summary = rng.choice(
                (
                    "Contributes thoughtfully; keen to build knowledge of kinship care.",
                    "Well prepared and asks searching, fair questions. No concerns.",
                    "Good attendance; would like more training on the Independent Review Mechanism.",
                    "A valued voice for children's experience; mentoring a new member.",
                )
            )
            appraisals.append(
                ctx.stamp(Appraisal(member=member, held_on=on, appraised_by=by, summary=summary), on)
            )
            on += timedelta(days=rng.randint(340, 390))
        for _ in range(rng.randint(2, 4)):
            attended = ctx.between(max(member.joined_on, ctx.history_start), ctx.today)
            training.append(
                ctx.stamp(
                    TrainingAttended(member=member, attended_on=attended, course=rng.choice(COURSES)),
                    attended,
                )
            )
    ctx.insert(appraisals)
    ctx.insert(training)


def _meeting_days(ctx: DemoContext) -> list[date]:
    """Three or four Tuesdays, Wednesdays or Thursdays a month, from the start of the history to six weeks
    from today (about 39 a year)."""
    rng = ctx.rng
    days: list[date] = []
    first = ctx.history_start.replace(day=1)
    last = ctx.today + timedelta(days=42)
    while first <= last:
        month = [
            first + timedelta(days=n)
            for n in range(31)
            if (first + timedelta(days=n)).month == first.month
            and (first + timedelta(days=n)).weekday() in (1, 2, 3)
            and is_working_day(first + timedelta(days=n))
        ]
        count = 4 if rng.random() < 0.25 else 3
        chosen = sorted(rng.sample(month, min(count, len(month))))
        days += [d for d in chosen if ctx.history_start <= d <= last]
        first = (first + timedelta(days=32)).replace(day=1)
    return days


def _meetings(ctx: DemoContext, members: list[PanelMember]) -> list[PanelMeeting]:
    rng = ctx.rng
    meetings = []
    for day in _meeting_days(ctx):
        form = rng.choices(list(MeetingFormat), weights=(2, 3, 5))[0]
        meeting = PanelMeeting(
            meets_on=day,
            starts_at=time(10, 0) if rng.random() < 0.7 else time(13, 30),
            format=form,
            venue=VENUES[form],
            status=MeetingStatus.PLANNED,
        )
        papers_due = add_working_days(day, -5)
        if day < ctx.today:
            if rng.random() < 0.07:
                meeting.status = MeetingStatus.CANCELLED
                meeting.cancelled_reason = rng.choice(CANCEL_REASONS)
            else:
                meeting.status = MeetingStatus.HELD
                late = rng.random() < 0.1
                meeting.papers_sent_on = add_working_days(
                    day, -rng.randint(3, 4) if late else -rng.randint(5, 8)
                )
        elif papers_due <= ctx.today:
            meeting.papers_sent_on = min(ctx.today, add_working_days(day, -rng.randint(5, 7)))
        meetings.append(ctx.stamp(meeting, _on(ctx, meeting)))
    ctx.save(meetings)
    return meetings


def _attendance(
    ctx: DemoContext, meetings: list[PanelMeeting], members: list[PanelMember]
) -> dict[int, list[PanelMember]]:
    """Invite every current member; at a held meeting most attend, always a quorum. Returns the voting
    members present (or invited, for a planned meeting) by meeting."""
    rng = ctx.rng
    rows: list[Attendance] = []
    present: dict[int, list[PanelMember]] = {}
    for meeting in meetings:
        current = [m for m in members if m.joined_on <= meeting.meets_on]
        attended: dict[int, bool | None] = {m.pk: None for m in current}
        if meeting.status == MeetingStatus.HELD:
            chairs = [m for m in current if m.role in (PanelRole.CHAIR, PanelRole.VICE_CHAIR)]
            chair = next((m for m in chairs if m.role == PanelRole.CHAIR), None)
            chairing = chair if chair is not None and rng.random() < 0.8 else rng.choice(chairs)
            needed = {chairing.pk}
            for role in (PanelRole.SOCIAL_WORKER, PanelRole.INDEPENDENT):
                of_role = [m for m in current if m.role == role]
                needed |= {m.pk for m in rng.sample(of_role, min(len(of_role), 1))}
            for member in current:
                attended[member.pk] = member.pk in needed or rng.random() < 0.85
            absent = [m for m in current if m.role in QUORUM.voting_roles and not attended[m.pk]]
            while (
                absent
                and sum(1 for m in current if m.role in QUORUM.voting_roles and attended[m.pk])
                < QUORUM.members_at_least + 1
            ):
                attended[absent.pop().pk] = True
        for member in current:
            rows.append(
                ctx.stamp(
                    Attendance(meeting=meeting, member=member, attended=attended[member.pk]),
                    _on(ctx, meeting),
                )
            )
        present[meeting.pk] = [
            m for m in current if m.role in QUORUM.voting_roles and attended[m.pk] is not False
        ]
    ctx.insert(rows)
    return present


def _on(ctx: DemoContext, meeting: PanelMeeting) -> date:
    """When a meeting's records were made: a few weeks before it, and never after today."""
    return min(ctx.today, meeting.meets_on - timedelta(days=20))


def build_panel(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    members = _members(ctx)
    _appraisals_and_training(ctx, members)
    meetings = _meetings(ctx, members)
    present = _attendance(ctx, meetings, members)
    held = [m for m in meetings if m.status == MeetingStatus.HELD]
    planned = [m for m in meetings if m.status == MeetingStatus.PLANNED]
    decider = _decider(ctx)
    if decider is None:
        return

    def meeting_before(on: date, within: int) -> PanelMeeting | None:
        found = [m for m in held if on - timedelta(days=within) <= m.meets_on < on]
        return found[-1] if found else None

    def meeting_after(on: date) -> PanelMeeting | None:
        return next((m for m in held if m.meets_on > on), None)

    items: list[PanelItem] = []
    decisions: list[tuple[PanelItem, Decision]] = []

    def hear(
        meeting: PanelMeeting, kind: ItemKind, recommendation: Recommendation, household, **subject
    ) -> PanelItem:  # type: ignore[no-untyped-def]
        item = PanelItem(
            meeting=meeting,
            kind=kind,
            household=household,
            recommendation=recommendation,
            recommended_on=meeting.meets_on,
            reasons=REASONS[recommendation],
            minutes="The panel heard from the assessing or supervising social worker and the applicants or carers.",
            **subject,
        )
        items.append(ctx.stamp(item, meeting.meets_on))
        return item

    def decide(item: PanelItem, on: date, **extra) -> None:  # type: ignore[no-untyped-def]
        decision = Decision(
            decided_on=on, decision_maker=decider, agrees=True, outcome=item.recommendation, **extra
        )
        decisions.append((item, ctx.stamp(decision, on)))

    # Approvals during the history, at the last meeting before the approval date.
    fhs = [
        fh
        for fh in ctx.records["fostering_households"]
        if fh.approved_on >= ctx.history_start + timedelta(days=21)
    ]
    first_terms: dict[int, TermsOfApproval] = {}
    for terms in TermsOfApproval.objects.filter(fostering_household__in=[fh.pk for fh in fhs]).order_by(
        "effective_from", "id"
    ):
        first_terms.setdefault(terms.fostering_household_id, terms)
    for fh in fhs:
        meeting = meeting_before(fh.approved_on, 10) or meeting_before(fh.approved_on, 21)
        if meeting is None:
            continue
        kind = ItemKind.KINSHIP_APPROVAL if fh.carer_type == CarerType.KINSHIP else ItemKind.APPROVAL
        earlier = meeting_before(meeting.meets_on, 40)
        if earlier is not None and rng.random() < 0.08:
            hear(
                earlier, kind, Recommendation.DEFER, fh.household, fostering_household=fh
            ).reasons = "Deferred for an updated reference and the medical adviser's view."
        item = hear(meeting, kind, Recommendation.APPROVE, fh.household, fostering_household=fh)
        item.supervising_social_worker = fh.supervising_social_worker
        first = first_terms.get(fh.pk)
        if first is not None:
            item.number_of_children = first.number_of_children
            item.age_min, item.age_max = first.age_min, first.age_max
            item.placement_types = list(first.placement_types)
            item.sibling_group_max = first.sibling_group_max
        decide(item, fh.approved_on)

    # Reviews that went to panel (first reviews, reviews following concerns, referrals), heard at the last
    # meeting before the outcome the review records, and decided that day.
    reviews = (
        HouseholdReview.objects.filter(
            organisation=ctx.organisation, needs_panel=True, held_on__gte=ctx.history_start
        )
        .exclude(panel_outcome="")
        .select_related("fostering_household__household")
        .order_by("held_on", "id")
    )
    for review in reviews:
        assert review.panel_outcome_on is not None
        meeting = meeting_before(review.panel_outcome_on + timedelta(days=1), 21)
        if meeting is None or meeting.meets_on < review.held_on:
            continue
        fh = review.fostering_household
        ending = review.panel_outcome.startswith("Terminate")
        item = hear(
            meeting,
            REVIEW_KINDS[review.kind],
            Recommendation.TERMINATE if ending else Recommendation.CONTINUE,
            fh.household,
            household_review=review,
        )
        item.reasons = f"{review.panel_outcome}: the review and the views gathered were considered."
        decided = max(review.panel_outcome_on, meeting.meets_on)
        if not ending:
            decide(item, decided)
            continue
        letter = min(today, decided + timedelta(days=rng.randint(1, 3)))
        if letter + timedelta(days=60) > today:
            decide(item, decided, letter_sent_on=letter)  # the 28 days, or the review after them, still run
        elif fh.status == HouseholdStatus.DEREGISTERED:
            decide(
                item,
                decided,
                letter_sent_on=letter,
                challenge=Challenge.NONE,
                final_outcome=Recommendation.TERMINATE,
                final_decided_on=letter + timedelta(days=29),
                final_reasons="No representations were made within 28 days.",
            )
        else:
            decide(
                item,
                decided,
                letter_sent_on=letter,
                challenge=Challenge.PANEL,
                challenge_outcome=ChallengeOutcome.OVERTURNED,
                challenge_outcome_on=letter + timedelta(days=rng.randint(25, 40)),
                final_outcome=Recommendation.CONTINUE,
                final_decided_on=letter + timedelta(days=rng.randint(42, 56)),
                final_reasons="After the carers' representations the panel recommended approval continues "
                "with a support plan; the decision maker agreed.",
            )

    # Connected people caring for the child under Regulation 24 whose full assessment was negative: the panel
    # recommended not to approve them; a qualifying determination, final after the 28 days.
    negative = KinshipAssessment.objects.filter(
        organisation=ctx.organisation,
        outcome=Outcome.NEGATIVE,
        placed_on__isnull=False,
        decided_on__gte=ctx.history_start + timedelta(days=21),
        stage_changes__to_stage=KinshipStage.FULL_ASSESSMENT,
    ).select_related("connected_household")
    for connected in negative.distinct():
        assert connected.decided_on is not None
        meeting = meeting_before(connected.decided_on, 21)
        letter = connected.decided_on + timedelta(days=rng.randint(1, 3))
        if meeting is None or letter + timedelta(days=29) > today:
            continue
        item = hear(
            meeting,
            ItemKind.KINSHIP_APPROVAL,
            Recommendation.DO_NOT_APPROVE,
            connected.connected_household,
            kinship_assessment=connected,
        )
        decide(
            item,
            connected.decided_on,
            letter_sent_on=letter,
            challenge=Challenge.NONE,
            final_outcome=Recommendation.DO_NOT_APPROVE,
            final_decided_on=letter + timedelta(days=29),
            final_reasons="No representations were made within 28 days.",
        )

    # Deregistrations: recommended, decided, and effective after the 28 days for representations.
    ends = StatusChange.objects.filter(
        organisation=ctx.organisation,
        to_status=HouseholdStatus.DEREGISTERED,
        changed_on__gte=ctx.history_start,
    ).select_related("fostering_household__household")
    ended_after_review = {
        review.fostering_household_id for review in reviews if review.panel_outcome.startswith("Terminate")
    }
    for change in ends:
        meeting = meeting_before(change.changed_on - timedelta(days=35), 30)
        if meeting is None or change.fostering_household_id in ended_after_review:
            continue
        fh = change.fostering_household
        decided = add_working_days(meeting.meets_on, rng.randint(2, 6))
        letter = decided + timedelta(days=rng.randint(0, 3))
        if letter + timedelta(days=29) > today:
            continue
        item = hear(
            meeting, ItemKind.DEREGISTRATION, Recommendation.TERMINATE, fh.household, fostering_household=fh
        )
        decide(
            item,
            decided,
            letter_sent_on=letter,
            challenge=Challenge.NONE,
            final_outcome=Recommendation.TERMINATE,
            final_decided_on=max(change.changed_on, letter + timedelta(days=29)),
            final_reasons="No representations were made within 28 days.",
        )

    # Today's cases ready for panel (in the last eight weeks), on the next planned meetings' agendas.
    for meeting, case in zip(
        [m for m in planned for _ in range(AGENDA_SIZE)], _recently_ready(ctx), strict=False
    ):
        workers = ctx.staff.get(Role.SUPERVISING_SOCIAL_WORKER, [])
        item = PanelItem(meeting=meeting, supervising_social_worker=rng.choice(workers) if workers else None)
        if isinstance(case, KinshipAssessment):
            item.kind, item.kinship_assessment, item.household = (
                ItemKind.KINSHIP_APPROVAL,
                case,
                case.connected_household,
            )
        elif isinstance(case, HouseholdReview):
            item.kind, item.household_review = REVIEW_KINDS[case.kind], case
            item.household = case.fostering_household.household
            item.supervising_social_worker = None
        else:
            item.kind, item.assessment, item.household = ItemKind.APPROVAL, case, case.household
        items.append(ctx.stamp(item, _on(ctx, meeting)))

    ctx.save(items)
    for item, decision in decisions:
        decision.item = item
    ctx.save([decision for _, decision in decisions])
    _sitting_conflicts_feedback(ctx, items, present)
    for meeting in meetings:
        ctx.event(meeting, _on(ctx, meeting))
    for item in items:
        ctx.event(item, item.recommended_on or _on(ctx, item.meeting))
    for member in members:
        ctx.event(member, member.joined_on)


def _recently_ready(ctx: DemoContext) -> list[Assessment | KinshipAssessment | HouseholdReview]:
    """Assessments ready for panel, kinship assessments awaiting a decision and reviews awaiting panel that
    got there in the last eight weeks, the longest waiting first."""
    since = ctx.today - timedelta(weeks=8)
    ready = {a.pk: a for a in ctx.records["assessments"] if a.stage == Stage.READY_FOR_PANEL}
    kin = {k.pk: k for k in ctx.records["kinship_assessments"] if k.stage == KinshipStage.AWAITING_DECISION}
    reached: list[tuple[date, int, Assessment | KinshipAssessment | HouseholdReview]] = []
    waiting = HouseholdReview.objects.filter(
        organisation=ctx.organisation,
        needs_panel=True,
        panel_outcome="",
        held_on__gte=since,
        fostering_household__status__in=list(OPEN_STATUSES),
    ).select_related("fostering_household__household")
    for review in waiting:
        reached.append((review.held_on, 10**9 + review.pk, review))
    for pk, on in AssessmentStageChange.objects.filter(
        assessment_id__in=list(ready), to_stage=Stage.READY_FOR_PANEL, changed_on__gte=since
    ).values_list("assessment_id", "changed_on"):
        reached.append((on, pk, ready[pk]))
    for pk, on in KinshipStageChange.objects.filter(
        assessment_id__in=list(kin), to_stage=KinshipStage.AWAITING_DECISION, changed_on__gte=since
    ).values_list("assessment_id", "changed_on"):
        reached.append((on, -pk, kin[pk]))
    return [case for _, _, case in sorted(reached, key=lambda row: (row[0], row[1]))]


def _sitting_conflicts_feedback(
    ctx: DemoContext, items: list[PanelItem], present: dict[int, list[PanelMember]]
) -> None:
    rng = ctx.rng
    through = PanelItem.sitting.through
    sitting = []
    conflicts: list[ConflictOfInterest] = []
    feedback: list[Feedback] = []
    for item in items:
        if not item.recommendation:
            continue
        voting = list(present[item.meeting_id])
        spare = [m for m in voting if sum(v.role == m.role for v in voting) > 1]
        if spare and len(voting) > QUORUM.members_at_least and rng.random() < 0.04:
            member = rng.choice(spare)
            voting.remove(member)
            conflicts.append(
                ctx.stamp(
                    ConflictOfInterest(item=item, member=member, nature="Knows the applicants socially"),
                    item.meeting.meets_on,
                )
            )
        sitting += [through(panelitem_id=item.pk, panelmember_id=m.pk) for m in voting]
        if item.kind in (ItemKind.APPROVAL, ItemKind.KINSHIP_APPROVAL) and rng.random() < 0.45:
            for given_by in rng.sample(
                [FeedbackFrom.APPLICANT, FeedbackFrom.SOCIAL_WORKER], rng.randint(1, 2)
            ):
                rating = rng.choices((5, 4, 3, 2), weights=(50, 35, 10, 5))[0]
                comment = rng.choice(
                    (
                        "",
                        "We felt listened to and the chair put us at ease.",
                        "Waiting outside the room for so long was stressful.",
                        "Clear questions; it helped to know them in advance.",
                    )
                )
                feedback.append(
                    ctx.stamp(
                        Feedback(item=item, given_by=given_by, rating=rating, comments=comment),
                        item.meeting.meets_on,
                    )
                )
    ctx.insert(sitting)
    ctx.insert(conflicts)
    ctx.insert(feedback)


REASONS = {
    Recommendation.APPROVE: "A thorough assessment: the applicants can meet the needs of children within these terms.",
    Recommendation.DO_NOT_APPROVE: "The assessment does not show the applicants can meet a child's needs safely.",
    Recommendation.DEFER: "Deferred for further information.",
    Recommendation.CONTINUE: "The review shows the household continues to meet the standards; approval continues.",
    Recommendation.TERMINATE: "The household no longer meets the standards for approval.",
}
