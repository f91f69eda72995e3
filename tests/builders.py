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
from fostering.households.choices import CarerType, PlacementType
from fostering.households.models import FosteringHousehold
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
