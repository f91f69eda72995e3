"""Builders for tests, mirroring the journey: a council, its staff, people, households and children.

They go through the service functions (acting as the system, ``by=None``) so tests build data the same
way the service does. Used by every app's tests through the fixtures in the top-level conftest.py.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from fostering.accounts.models import Organisation, User
from fostering.accounts.roles import Role
from fostering.accounts.services import staff_create
from fostering.children.models import Child
from fostering.children.services import child_register
from fostering.children.upn import upn_check_letter
from fostering.concerns.models import Allegation, Complaint
from fostering.households.choices import CarerType, PlacementType
from fostering.households.models import FosteringHousehold, HouseholdReview, SupervisionVisit
from fostering.households.services import household_register
from fostering.people.choices import MemberRole, Sex
from fostering.people.models import Person
from fostering.people.services import household_create, member_add, person_create

_counter = itertools.count(1)


def organisation(name: str = "Wrexfordshire County Council", code: str = "990") -> Organisation:
    return Organisation.objects.create(name=name, code=code)


def staff(org: Organisation, role: Role, username: str | None = None, **extra: Any) -> User:
    n = next(_counter)
    return staff_create(
        organisation=org,
        username=username or f"{role.value}.{org.code}.{n}",
        first_name=extra.pop("first_name", role.label.split()[0]),
        last_name=extra.pop("last_name", f"Worker{n}"),
        role=role,
        started_on=date(2020, 1, 1),
        by=None,
        **extra,
    )


def person(org: Organisation, **values: Any) -> Person:
    n = next(_counter)
    defaults: dict[str, Any] = {
        "first_name": "Sam",
        "last_name": f"Carer{n}",
        "date_of_birth": date(1980, 5, 1),
    }
    return person_create(organisation=org, by=None, **(defaults | values))


def approved_household(
    org: Organisation,
    *,
    name: str | None = None,
    approved_on: date = date(2024, 1, 10),
    ssw: User | None = None,
    carer_type: CarerType = CarerType.MAINSTREAM,
    **terms: Any,
) -> FosteringHousehold:
    n = next(_counter)
    household = household_create(
        organisation=org,
        name=name or f"Household {n}",
        line_1=f"{n} High Street",
        town="Wrexford",
        postcode="LE3 8RF",
        by=None,
    )
    carer = person(org, last_name=(name or f"Household {n}").split()[0])
    member_add(household=household, person=carer, role=MemberRole.CARER, joined_on=date(2015, 1, 1), by=None)
    defaults: dict[str, Any] = {
        "number_of_children": 2,
        "age_min": 0,
        "age_max": 18,
        "placement_types": [PlacementType.SHORT_TERM, PlacementType.LONG_TERM],
        "sibling_group_max": 2,
    }
    return household_register(
        household=household,
        reference=f"FH-{n:04d}",
        carer_type=carer_type,
        approved_on=approved_on,
        supervising_social_worker=ssw,
        by=None,
        **(defaults | terms),
    )


def valid_upn(seed: int) -> str:
    tail = f"{990:03d}{seed:09d}"[-12:]
    return upn_check_letter(tail) + tail


def child(org: Organisation, *, social_worker: User | None = None, **person_values: Any) -> Child:
    n = next(_counter)
    values: dict[str, Any] = {
        "first_name": "Alex",
        "last_name": f"Child{n}",
        "date_of_birth": date(2015, 3, 2),
        "sex": Sex.FEMALE,
    }
    return child_register(
        organisation=org,
        person_values=values | person_values,
        child_id=f"C{n:06d}",
        upn=valid_upn(n),
        social_worker=social_worker,
        by=None,
    )


def household_review(
    fh: FosteringHousehold, *, held_on: date = date(2025, 1, 8), **values: Any
) -> HouseholdReview:
    """A household review recorded through the service (the first one goes to panel)."""
    from fostering.households.choices import ReviewKind
    from fostering.households.services import household_review_record

    values.setdefault("kind", ReviewKind.ANNUAL if fh.reviews.exists() else ReviewKind.FIRST)
    return household_review_record(fostering_household=fh, held_on=held_on, by=None, **values)


def supervision_visit(fh: FosteringHousehold, *, visited_by: Any, **values: Any) -> SupervisionVisit:
    """A supervision visit recorded through the service, on the day the household was approved."""
    from fostering.households.services import supervision_visit_record

    values.setdefault("visited_on", fh.approved_on)
    values.setdefault("notes", "Talked with the carers about the child's school")
    return supervision_visit_record(fostering_household=fh, visited_by=visited_by, by=None, **values)


def allegation(fh: FosteringHousehold, *, received_on: date = date(2025, 6, 2), **values: Any) -> Allegation:
    from fostering.concerns.services import allegation_record

    values.setdefault("summary", "A child said a carer shouted at them")
    return allegation_record(fostering_household=fh, received_on=received_on, by=None, **values)


def complaint(org: Organisation, *, received_on: date = date(2025, 9, 1), **values: Any) -> Complaint:
    from fostering.concerns.services import complaint_record

    values.setdefault("complainant", "carer")
    values.setdefault("complainant_name", "Jo Complainant")
    values.setdefault("summary", "Allowances were paid late")
    return complaint_record(organisation=org, received_on=received_on, by=None, **values)


def panel_members(
    org: Organisation, *, chair: User | None = None, independent: User | None = None
) -> list[Any]:
    """A quorate panel through the service: a chair, a social work representative, two independent members
    and a care-experienced member (the given users take the chair and the first independent seat)."""
    from fostering.panel.choices import PanelRole
    from fostering.panel.services import member_add as panel_member_add

    seats = [
        (PanelRole.CHAIR, chair or staff(org, Role.PANEL_CHAIR)),
        (PanelRole.SOCIAL_WORKER, staff(org, Role.PANEL_MEMBER, first_name="Sally")),
        (PanelRole.INDEPENDENT, independent or staff(org, Role.PANEL_MEMBER, first_name="Ivan")),
        (PanelRole.INDEPENDENT, staff(org, Role.PANEL_MEMBER, first_name="Irene")),
        (PanelRole.CARE_EXPERIENCED, staff(org, Role.PANEL_MEMBER, first_name="Cara")),
    ]
    return [
        panel_member_add(organisation=org, user=user, role=role, joined_on=date(2020, 1, 1), by=None)
        for role, user in seats
    ]


def panel_item(
    org: Organisation,
    *,
    kind: str,
    subject: Any,
    members: list[Any],
    meets_on: date = date(2025, 3, 4),
    venue: str = "Council Chamber, County Hall",
    recommendation: str | None = "approve",
    supervising_social_worker: User | None = None,
) -> Any:
    """A case heard at a held meeting that every member attended and sat for, with the recommendation
    recorded (approve: 2 children aged 0 to 10) unless ``recommendation`` is None."""
    from datetime import time

    from fostering.panel import services as panel

    meeting = panel.meeting_schedule(
        organisation=org, meets_on=meets_on, starts_at=time(10, 0), format="in_person", venue=venue, by=None
    )
    panel.meeting_invite(meeting=meeting, members=members, by=None)
    item = panel.item_add(
        meeting=meeting,
        kind=kind,
        subject=subject,
        supervising_social_worker=supervising_social_worker,
        by=None,
    )
    panel.meeting_held(meeting=meeting, attended=members, by=None)
    panel.sitting_record(item=item, members=members, by=None)
    if recommendation is not None:
        terms: dict[str, Any] = {}
        if recommendation == "approve":
            terms = {
                "number_of_children": 2,
                "age_min": 0,
                "age_max": 10,
                "placement_types": [PlacementType.SHORT_TERM],
                "sibling_group_max": 2,
            }
        panel.recommendation_record(
            item=item, recommendation=recommendation, reasons="A thorough assessment", by=None, **terms
        )
    item.refresh_from_db()
    return item


def in_care(
    child: Child,
    *,
    started_on: date = date(2024, 1, 20),
    category_of_need: str = "N1",
    legal_status: str = "C2",
) -> Any:
    """The child starts to be looked after (a period of care and a legal status)."""
    from fostering.children.services import care_start

    return care_start(
        child=child,
        started_on=started_on,
        category_of_need=category_of_need,
        legal_status=legal_status,
        by=None,
    )


def placement(
    child: Child,
    household: FosteringHousehold,
    *,
    started_on: date = date(2024, 2, 1),
    placement_type: str = PlacementType.SHORT_TERM,
    **extra: Any,
) -> Any:
    """The child moves in with the household (the child must be in care)."""
    from fostering.placements.services import placement_start

    return placement_start(
        child=child,
        fostering_household=household,
        started_on=started_on,
        placement_type=placement_type,
        by=None,
        **extra,
    )


def referral(
    child: Child,
    *,
    referred_on: date = date(2024, 3, 1),
    latest_start_on: date = date(2024, 3, 15),
    placement_type: str = PlacementType.SHORT_TERM,
    **extra: Any,
) -> Any:
    """A referral for a placement for the child."""
    from fostering.placements.services import referral_create

    return referral_create(
        child=child,
        referred_on=referred_on,
        latest_start_on=latest_start_on,
        placement_type=placement_type,
        by=None,
        **extra,
    )


def hold(
    fh: FosteringHousehold,
    *,
    kind: str = "referral",
    held_from: date = date(2024, 3, 1),
    held_until: date = date(2024, 3, 15),
    reason: str = "Kept for a planned move",
    **extra: Any,
) -> Any:
    """A hold on one of the household's places."""
    from fostering.placements.services import hold_add

    return hold_add(
        fostering_household=fh,
        kind=kind,
        held_from=held_from,
        held_until=held_until,
        reason=reason,
        by=None,
        **extra,
    )
