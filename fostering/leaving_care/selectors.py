"""The read side of care leavers: who may see which young person, the birthdays ahead, and the figures.

A young person's record is open to those who read the whole council's children (VIEW_CHILD), to their
personal adviser, and to those whose caseload holds the child (their social worker)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.children.models import PeriodOfCare
from fostering.children.selectors import child_list_for_user
from fostering.core import clock
from fostering.deadlines.items import Deadline
from fostering.households.choices import PlacementType
from fostering.placements.models import Placement

from .codes import IN_EET, Category, suitable
from .eligibility import Span, assess, birthday, in_care_on
from .models import BIRTHDAY_AGES, BirthdayContact, CareLeaver

# The working list looks two months ahead and keeps a birthday a month after it, until its contact is recorded.
AHEAD = timedelta(days=61)
BEHIND = timedelta(days=31)


def care_leaver_list_for_user(
    *, user: User, search: str = "", adviser: str = "", category: str = ""
) -> QuerySet[CareLeaver]:
    """``adviser``: "mine" (the user's own caseload), "none" (no adviser yet), or "" (all).
    ``category``: eligible, relevant, former_relevant, or "" (judged on today's age: 16-17 or 18+)."""
    whole = organisations_with(user, Perm.VIEW_CHILD)
    caseload = organisations_with(user, Perm.VIEW_CASELOAD_CHILD) - whole
    leavers = CareLeaver.objects.filter(
        Q(organisation_id__in=whole)
        | Q(organisation_id__in=caseload, personal_adviser=user)
        | Q(organisation_id__in=caseload, child__in=child_list_for_user(user=user).values("pk"))
    ).select_related("child__person", "personal_adviser")
    if search:
        for word in search.split():
            leavers = leavers.filter(
                Q(child__person__first_name__icontains=word)
                | Q(child__person__last_name__icontains=word)
                | Q(child__child_id__iexact=word)
            )
    if adviser == "mine":
        leavers = leavers.filter(personal_adviser=user)
    elif adviser == "none":
        leavers = leavers.filter(personal_adviser__isnull=True)
    if category:
        eighteen = _years_before(clock.today(), 18)
        if category == Category.FORMER_RELEVANT:
            leavers = leavers.filter(child__person__date_of_birth__lte=eighteen)
        else:
            open_now = PeriodOfCare.objects.filter(ended_on__isnull=True).values("child_id")
            leavers = leavers.filter(child__person__date_of_birth__gt=eighteen)
            leavers = (
                leavers.filter(child__in=open_now)
                if category == Category.ELIGIBLE
                else leavers.exclude(child__in=open_now)
            )
    return leavers.order_by("child__person__last_name", "child__person__first_name", "id")


def care_leaver_get_for_user(*, user: User, pk: int) -> CareLeaver:
    """Raises CareLeaver.DoesNotExist when the young person is out of the user's reach."""
    return care_leaver_list_for_user(user=user).get(pk=pk)


def staying_put(care_leaver: CareLeaver) -> QuerySet[Placement]:
    """The young person's Staying Put arrangements with their former foster carers, newest first."""
    return (
        Placement.objects.filter(child_id=care_leaver.child_id, placement_type=PlacementType.STAYING_PUT)
        .select_related("fostering_household__household")
        .order_by("-started_on", "-id")
    )


@dataclass(frozen=True)
class BirthdayDue:
    care_leaver: CareLeaver
    age: int
    birthday: date
    deadline: Deadline


def birthdays_ahead(leavers: QuerySet[CareLeaver], today: date) -> list[BirthdayDue]:
    """Birthday contacts to make: a 17th-21st birthday from a month ago to two months ahead, not yet
    recorded, for a young person not looked after on the day. Three queries, however many."""
    window = Q()
    for age in BIRTHDAY_AGES:
        window |= Q(
            child__person__date_of_birth__gte=_years_before(today - BEHIND, age),
            child__person__date_of_birth__lte=_years_before(today + AHEAD, age),
        )
    rows = (
        leavers.filter(window)
        .prefetch_related(
            Prefetch("birthday_contacts", queryset=BirthdayContact.objects.only("care_leaver_id", "age")),
            Prefetch("child__periods_of_care", queryset=PeriodOfCare.objects.order_by("started_on")),
        )
        .order_by()
    )
    due: list[BirthdayDue] = []
    for leaver in rows:
        dob = leaver.child.person.date_of_birth
        if dob is None:
            continue
        done = {contact.age for contact in leaver.birthday_contacts.all()}
        periods = [Span(p.started_on, p.ended_on, p.reason_ended) for p in leaver.child.periods_of_care.all()]
        for age in BIRTHDAY_AGES:
            day = birthday(dob, age)
            if age in done or not (today - BEHIND <= day <= today + AHEAD) or in_care_on(periods, day):
                continue
            deadline = Deadline.compute("care_leaver_birthday_contact", day, today=today)
            due.append(BirthdayDue(leaver, age, day, deadline))
    return sorted(due, key=lambda item: (item.birthday, item.care_leaver.pk))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


# ---------------------------------------------------------------------------------------------------------
# Figures: each keeps the young people it counted.


@dataclass(frozen=True)
class Figure:
    title: str
    counted: list[BirthdayContact]  # the numerator's young people
    of: list[BirthdayContact]  # the denominator's

    @property
    def numerator(self) -> int:
        return len(self.counted)

    @property
    def denominator(self) -> int:
        return len(self.of)

    @property
    def percent(self) -> str:
        if not self.of:
            return "no young people"
        return f"{100 * self.numerator / self.denominator:.1f}%"


def year_contacts(leavers: QuerySet[CareLeaver], year_start: date, year_end: date) -> list[BirthdayContact]:
    """The birthday contacts of 17 to 21 year olds whose birthday fell in the year (the OC3 cohort)."""
    contacts = BirthdayContact.objects.filter(care_leaver__in=leavers.values("pk")).select_related(
        "care_leaver__child__person"
    )
    chosen = []
    for contact in contacts.order_by("care_leaver__child__person__last_name", "id"):
        dob = contact.care_leaver.child.person.date_of_birth
        if dob is not None and year_start <= birthday(dob, contact.age) <= year_end:
            chosen.append(contact)
    return chosen


@dataclass(frozen=True)
class StayingPutFigure:
    title: str
    young_people: list[CareLeaver]

    @property
    def count(self) -> int:
        return len(self.young_people)


@dataclass(frozen=True)
class Figures:
    suitable_accommodation: Figure
    in_education_employment_training: Figure
    staying_put: StayingPutFigure


def figures(leavers: QuerySet[CareLeaver], year_start: date, year_end: date, *, on: date) -> Figures:
    """Care leavers aged 17 to 21 in suitable accommodation, and in education, employment or training
    (each over every birthday contact of the year, as the DfE counts them); Staying Put on ``on``."""
    contacts = year_contacts(leavers, year_start, year_end)
    staying = Placement.objects.filter(
        child__care_leaver__in=leavers.values("pk"),
        placement_type=PlacementType.STAYING_PUT,
        started_on__lte=on,
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
    staying_ids = set(staying.values_list("child_id", flat=True))
    return Figures(
        Figure(
            "Care leavers aged 17 to 21 in suitable accommodation",
            [c for c in contacts if suitable(c.accommodation)],
            contacts,
        ),
        Figure(
            "Care leavers aged 17 to 21 in education, employment or training",
            [c for c in contacts if c.activity in IN_EET],
            contacts,
        ),
        StayingPutFigure(
            f"Care leavers Staying Put with their former foster carers on {on:%-d %B %Y}",
            list(leavers.filter(child_id__in=staying_ids)),
        ),
    )


def assess_leaver(leaver: CareLeaver, on: date) -> Category | None:
    periods = [Span(p.started_on, p.ended_on, p.reason_ended) for p in leaver.child.periods_of_care.all()]
    return assess(leaver.child.person.date_of_birth, periods, on=on).category
