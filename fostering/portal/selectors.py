"""The read side of the portal. A carer's or applicant's reads start from their own access (``request.portal``),
never from an id in the address; staff reads go through the household's or assessment's own selectors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from fostering.assessments.checklist import Item, missing
from fostering.assessments.choices import MAIN_LINE, Stage, next_stage
from fostering.assessments.models import Assessment
from fostering.deadlines.items import Deadline
from fostering.deadlines.rules import get_rule
from fostering.households.deadlines import check_renewals, household_deadlines, tsd_deadlines
from fostering.households.models import FosteringHousehold
from fostering.households.selectors import with_clock_facts

from .models import PortalAccess, PortalMessage


def access_for_record(record: FosteringHousehold | Assessment) -> QuerySet[PortalAccess]:
    field = "fostering_household" if isinstance(record, FosteringHousehold) else "assessment"
    return (
        PortalAccess.objects.filter(**{field: record})
        .select_related("person", "user")
        .order_by("-invited_at", "-id")
    )


def messages_for(access: PortalAccess) -> QuerySet[PortalMessage]:
    if access.fostering_household_id:
        found = PortalMessage.objects.filter(fostering_household_id=access.fostering_household_id)
    else:
        found = PortalMessage.objects.filter(assessment=access.assessment)
    return found.select_related("sent_by")


@dataclass(frozen=True)
class Next:
    """One thing coming up for a carer, with its deadline."""

    title: str
    deadline: Deadline


def carer_next(access: PortalAccess, today: date) -> list[Next]:
    """What is next for a carer: the household's visits and review, their own TSD standards, DBS and medical
    renewals (their own only: another adult's are theirs to hear about)."""
    assert access.fostering_household_id is not None
    household = with_clock_facts(FosteringHousehold.objects.filter(pk=access.fostering_household_id)).get()
    name = access.person.full_name
    found = [Next(get_rule(d.rule).title, d) for d in household_deadlines(household, today=today)]
    found += [
        Next(get_rule(d.rule).title, d)
        for who, d in tsd_deadlines([household], today=today).get(household.pk, [])
        if who == name
    ]
    found += [
        Next(get_rule(d.rule).title, d)
        for who, d in check_renewals([household.pk], today=today).get(household.pk, [])
        if who == name
    ]
    return sorted((n for n in found if n.deadline.met_on is None), key=lambda n: str(n.deadline.due))


@dataclass(frozen=True)
class Progress:
    stages: list[tuple[str, str]]  # (stage label, "done" | "current" | "to come")
    needed: list[Item]
    booked: list[tuple[str, date]]


def applicant_progress(assessment: Assessment, today: date) -> Progress:
    """The stages of an application, what is still needed for the next one (the same requirements that
    guard the stage moves), and the dates booked."""
    stage = Stage(assessment.stage)
    line = list(MAIN_LINE)
    position = line.index(stage) if stage in line else -1
    stages = [
        (s.label, "done" if i < position else "current" if i == position else "to come")
        for i, s in enumerate(line)
    ]
    following = next_stage(stage)
    needed = missing(assessment, following, today) if following else []
    booked = []
    if assessment.skills_to_foster_booked_on and not assessment.skills_to_foster_attended_on:
        booked.append(("Skills to Foster", assessment.skills_to_foster_booked_on))
    if assessment.target_panel_on:
        booked.append(("Fostering panel (planned)", assessment.target_panel_on))
    return Progress(stages, needed, sorted(booked, key=lambda b: b[1]))


def messages_for_record(record: FosteringHousehold | Assessment) -> QuerySet[PortalMessage]:
    field = "fostering_household" if isinstance(record, FosteringHousehold) else "assessment"
    return PortalMessage.objects.filter(**{field: record}).select_related("sent_by")
