"""The read side of the IRO service: the review timetable of a child, the IRO's working list, caseloads,
and the figures of the IRO's annual report (each with the children it counted)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.accounts.roles import Role
from fostering.children.deadlines import first_review_deadline, review_deadline
from fostering.children.models import Child, ChildReview, PeriodOfCare
from fostering.children.selectors import child_list_for_user
from fostering.deadlines.calendar import add_months
from fostering.deadlines.items import Deadline
from fostering.deadlines.rules import get_rule
from fostering.deadlines.status import deadline_status

from .models import IROAllocation, Recommendation, ReviewRecord, ReviewRequest, ReviewSettings


def settings_for(organisation_id: int) -> ReviewSettings:
    """The council's settings, or the defaults (20 working days; caseloads 50-70) if it set none."""
    found = ReviewSettings.objects.filter(organisation_id=organisation_id).first()
    return found or ReviewSettings(organisation_id=organisation_id)


def first_review_lengths(organisation_ids: Iterable[int]) -> dict[int, int]:
    return dict(
        ReviewSettings.objects.filter(organisation_id__in=list(organisation_ids)).values_list(
            "organisation_id", "first_review_working_days"
        )
    )


def due_on(code: str, due: date, *, met_on: date | None, today: date) -> Deadline:
    """A clock of ``code`` whose due date is already known (set by the IRO, or halfway to a review)."""
    status = deadline_status(
        due=due, met_on=met_on, today=today, due_soon_working_days=get_rule(code).due_soon
    )
    return Deadline(rule=code, due=due, met_on=met_on, status=status)


def review_children_for_user(*, user: User) -> QuerySet[Child]:
    """Children whose reviews the user may read: those they reach, in councils where they read reviews."""
    return child_list_for_user(user=user).filter(
        organisation_id__in=organisations_with(user, Perm.VIEW_CHILD_REVIEWS)
    )


def child_for_user(*, user: User, pk: int) -> Child:
    """Raises Child.DoesNotExist when the child or their reviews are out of the user's reach."""
    return review_children_for_user(user=user).get(pk=pk)


def record_for_user(*, user: User, pk: int) -> ReviewRecord:
    """A review's record, reached through its child; raises ReviewRecord.DoesNotExist otherwise."""
    return ReviewRecord.objects.select_related("review__child__person", "chair").get(
        pk=pk, review__child__in=review_children_for_user(user=user)
    )


def recommendation_for_user(*, user: User, pk: int) -> Recommendation:
    return Recommendation.objects.select_related("record__review__child__person").get(
        pk=pk, record__review__child__in=review_children_for_user(user=user)
    )


@dataclass
class Timetable:
    """A child's review clocks: the next review, the midway check, the record to distribute, extras."""

    next_review: Deadline | None = None
    requests: list[tuple[ReviewRequest, Deadline]] = field(default_factory=list)
    midway: Deadline | None = None
    records_due: list[tuple[ReviewRecord, Deadline]] = field(default_factory=list)
    recommendations: list[tuple[Recommendation, Deadline]] = field(default_factory=list)

    def deadlines(self) -> list[Deadline]:
        found = (
            [self.next_review, self.midway] + [d for _, d in self.requests] + [d for _, d in self.records_due]
        )
        found += [d for _, d in self.recommendations]
        return [d for d in found if d is not None and d.status.is_open]


def _timetable(
    period: PeriodOfCare | None,
    reviews: list[ChildReview],
    records: list[ReviewRecord],
    requests: list[ReviewRequest],
    recommendations: list[Recommendation],
    *,
    first_days: int,
    today: date,
) -> Timetable:
    table = Timetable()
    table.next_review = review_deadline(
        period, [r.held_on for r in reviews], today=today, first_review_days=first_days
    )
    for request in requests:
        if request.review_id is None:
            table.requests.append(
                (request, due_on("review_requested", request.due_on, met_on=None, today=today))
            )
    for record in records:
        held = record.review.held_on
        clock = Deadline.compute("review_record_distributed", held, met_on=record.distributed_on, today=today)
        if record.distributed_on is None:
            table.records_due.append((record, clock))
    if period is not None and period.ended_on is None and records and table.next_review is not None:
        latest = max(records, key=lambda r: r.review.held_on)
        if latest.review.held_on >= period.started_on:
            held = latest.review.held_on
            halfway = held + (table.next_review.due - held) / 2  # type: ignore[operator]
            checked = getattr(latest, "midway_check", None) if latest.pk else None
            table.midway = due_on(
                "review_midway_check", halfway, met_on=checked.checked_on if checked else None, today=today
            )
    for recommendation in recommendations:
        table.recommendations.append(
            (
                recommendation,
                due_on(
                    "review_recommendation", recommendation.due_on, met_on=recommendation.done_on, today=today
                ),
            )
        )
    return table


def child_timetable(child: Child, *, today: date) -> Timetable:
    period = child.periods_of_care.filter(ended_on__isnull=True).first()
    records = list(ReviewRecord.objects.filter(review__child=child).select_related("review", "midway_check"))
    return _timetable(
        period,
        list(child.reviews.all()),
        records,
        list(ReviewRequest.objects.filter(child=child)),
        list(Recommendation.objects.filter(record__review__child=child).select_related("record__review")),
        first_days=settings_for(child.organisation_id).first_review_working_days,
        today=today,
    )


def child_deadlines(child: Child, today: date) -> list[Deadline]:
    """The reviews part's clocks on the child's page (the next review is the child record's own)."""
    table = child_timetable(child, today=today)
    found = [table.midway] + [d for _, d in table.requests] + [d for _, d in table.records_due]
    return [d for d in found if d is not None and d.status.is_open]


@dataclass
class WorkRow:
    child: Child
    deadline: Deadline
    what: str
    record: ReviewRecord | None = None


def iro_work(*, user: User, today: date) -> dict[str, list[WorkRow]]:
    """The IRO's own list: reviews due, records to write, midway checks due, recommendations overdue, for
    the children allocated to them now. A fixed number of queries, whatever the caseload."""
    work: dict[str, list[WorkRow]] = {"reviews": [], "records": [], "midway": [], "recommendations": []}
    orgs = organisations_with(user, Perm.CHAIR_REVIEW)
    if not orgs:
        return work
    allocations = list(
        IROAllocation.objects.filter(
            iro=user, ended_on__isnull=True, organisation_id__in=orgs
        ).select_related("child__person")
    )
    children = {a.child_id: a.child for a in allocations}
    ids = list(children)
    periods = {p.child_id: p for p in PeriodOfCare.objects.filter(child_id__in=ids, ended_on__isnull=True)}
    reviews: dict[int, list[ChildReview]] = {}
    for review in ChildReview.objects.filter(child_id__in=ids):
        reviews.setdefault(review.child_id, []).append(review)
    records: dict[int, list[ReviewRecord]] = {}
    for record in ReviewRecord.objects.filter(review__child_id__in=ids).select_related(
        "review", "midway_check"
    ):
        records.setdefault(record.review.child_id, []).append(record)
    requests: dict[int, list[ReviewRequest]] = {}
    for request in ReviewRequest.objects.filter(child_id__in=ids, review__isnull=True):
        requests.setdefault(request.child_id, []).append(request)
    recommendations: dict[int, list[Recommendation]] = {}
    for rec in Recommendation.objects.filter(
        record__review__child_id__in=ids, done_on__isnull=True
    ).select_related("record__review"):
        recommendations.setdefault(rec.record.review.child_id, []).append(rec)
    lengths = dict.fromkeys(orgs, 20) | first_review_lengths(orgs)
    for child_id, child in children.items():
        table = _timetable(
            periods.get(child_id),
            reviews.get(child_id, []),
            records.get(child_id, []),
            requests.get(child_id, []),
            recommendations.get(child_id, []),
            first_days=lengths[child.organisation_id],
            today=today,
        )
        if table.next_review is not None and table.next_review.status.is_open:
            work["reviews"].append(WorkRow(child, table.next_review, table.next_review.title))
        for request, clock in table.requests:
            work["reviews"].append(WorkRow(child, clock, request.get_reason_display()))
        for record, clock in table.records_due:
            work["records"].append(WorkRow(child, clock, clock.title, record))
        if table.midway is not None and table.midway.status.is_open:
            work["midway"].append(WorkRow(child, table.midway, table.midway.title))
        for rec, clock in table.recommendations:
            if clock.status.value == "overdue":
                work["recommendations"].append(WorkRow(child, clock, rec.text, rec.record))
    for rows in work.values():
        rows.sort(key=lambda row: (row.deadline.due, row.child.person.last_name))
    return work


@dataclass
class Caseload:
    iro: User
    children: int
    status: str  # "below", "within", "above" the council's range


def caseloads(*, user: User, organisation_id: int) -> tuple[ReviewSettings, list[Caseload], int]:
    """Each IRO of the council with the children allocated to them now, against the council's range, and
    how many children in care have no IRO. Three queries."""
    council = settings_for(organisation_id)
    iros = (
        User.objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__role__in=[Role.IRO, Role.IRO_MANAGER],
            memberships__ended_on__isnull=True,
        )
        .annotate(
            allocated=Count(
                "iro_children",
                filter=Q(iro_children__ended_on__isnull=True, iro_children__organisation_id=organisation_id),
                distinct=True,
            )
        )
        .order_by("last_name", "first_name", "id")
        .distinct()
    )
    rows = []
    for iro in iros:
        count = iro.allocated  # type: ignore[attr-defined]
        status = (
            "below"
            if count < council.caseload_low
            else "above"
            if count > council.caseload_high
            else "within"
        )
        rows.append(Caseload(iro, count, status))
    without = (
        PeriodOfCare.objects.filter(organisation_id=organisation_id, ended_on__isnull=True)
        .exclude(child_id__in=IROAllocation.objects.filter(ended_on__isnull=True).values("child_id"))
        .count()
    )
    return council, rows, without


# The IRO's annual report -----------------------------------------------------------------------------


@dataclass
class Figure:
    title: str
    numerator: int
    denominator: int
    children: list[tuple[Child, bool]]  # each child counted, and whether they count towards the numerator

    @property
    def percent(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (Decimal(100) * self.numerator / self.denominator).quantize(Decimal("0.01"), ROUND_HALF_UP)


def participation_counts(codes: Counter[str]) -> tuple[int, int]:
    """(PN1..PN6, all reviews but PN0): the seed's participation rate is the first over the second."""
    took_part = sum(codes[f"PN{n}"] for n in range(1, 7))
    return took_part, sum(codes.values()) - codes["PN0"]


def annual_figures(*, organisation_id: int, year_start: date, year_end: date) -> list[Figure]:
    """Reviews in time, participation and permanence plans agreed by the second review, for reviews held
    from ``year_start`` to ``year_end``; each figure keeps the children it counted."""
    first_days = settings_for(organisation_id).first_review_working_days
    children = {
        c.pk: c for c in Child.objects.filter(organisation_id=organisation_id).select_related("person")
    }
    periods: dict[int, list[PeriodOfCare]] = {}
    for period in PeriodOfCare.objects.filter(organisation_id=organisation_id).order_by("started_on"):
        periods.setdefault(period.child_id, []).append(period)
    held: dict[int, list[ChildReview]] = {}
    for review in ChildReview.objects.filter(organisation_id=organisation_id).order_by("held_on"):
        held.setdefault(review.child_id, []).append(review)
    plans: dict[int, date] = {}
    for review_id, agreed_on in ReviewRecord.objects.filter(
        organisation_id=organisation_id, permanence_agreed_on__isnull=False
    ).values_list("review_id", "permanence_agreed_on"):
        if agreed_on is not None:
            plans[review_id] = agreed_on
    codes: Counter[str] = Counter()
    took: dict[int, bool] = {}
    timely: dict[int, bool] = {}
    planned: dict[int, bool] = {}
    in_time = counted = second_total = second_with_plan = 0
    for child_id, reviews in held.items():
        for period in periods.get(child_id, []):
            own = [
                r
                for r in reviews
                if r.held_on >= period.started_on
                and (period.ended_on is None or r.held_on <= period.ended_on)
            ]
            previous = period.started_on
            agreed_by: date | None = None
            for n, review in enumerate(own):
                if n == 0:
                    due = first_review_deadline(
                        period.started_on, working_days=first_days, today=review.held_on
                    ).due
                else:
                    due = add_months(previous, 3 if n == 1 else 6)
                if review.pk in plans and agreed_by is None:
                    agreed_by = plans[review.pk]
                if year_start <= review.held_on <= year_end:
                    counted += 1
                    codes[review.participation] += 1
                    if review.participation != "PN0":
                        took[child_id] = took.get(child_id, False) or review.participation != "PN7"
                    on_time = review.held_on <= due
                    in_time += on_time
                    timely[child_id] = timely.get(child_id, True) and on_time
                    if n == 1:
                        second_total += 1
                        has_plan = agreed_by is not None and agreed_by <= review.held_on
                        second_with_plan += has_plan
                        planned[child_id] = has_plan
                previous = review.held_on
    took_part, asked = participation_counts(codes)

    def listed(flags: dict[int, bool]) -> list[tuple[Child, bool]]:
        rows = [(children[pk], flag) for pk, flag in flags.items()]
        return sorted(rows, key=lambda row: (row[0].person.last_name, row[0].person.first_name, row[0].pk))

    return [
        Figure("Reviews held in time", in_time, counted, listed(timely)),
        Figure(
            "Reviews in which the child took part (PN1 to PN6, of all reviews but PN0)",
            took_part,
            asked,
            listed(took),
        ),
        Figure(
            "Permanence plan agreed by the second review", second_with_plan, second_total, listed(planned)
        ),
    ]


def iro_choices(organisation_id: int) -> QuerySet[User]:
    return (
        User.objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__role__in=[Role.IRO, Role.IRO_MANAGER],
            memberships__ended_on__isnull=True,
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def current_iro(child: Child) -> IROAllocation | None:
    return IROAllocation.objects.filter(child=child, ended_on__isnull=True).select_related("iro").first()
