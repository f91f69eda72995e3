"""Fixtures for the API tests: two councils, staff in any role, their tokens, and records built by services.

Everything is built through the service functions acting as the system (``by=None``), the way the
service itself builds records.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from fostering.accounts.models import Organisation, User
from fostering.accounts.roles import Role
from fostering.accounts.services import api_token_issue, staff_create
from fostering.children.models import Child
from fostering.children.services import child_register
from fostering.households.choices import CarerType, PlacementType
from fostering.households.models import FosteringHousehold
from fostering.households.services import household_register
from fostering.people.choices import MemberRole, Sex
from fostering.people.models import Person
from fostering.people.services import household_create, member_add, person_create

_numbers = itertools.count(1)


@pytest.fixture
def council_a(db: None) -> Organisation:
    return Organisation.objects.create(name="Wrexfordshire County Council", code="990")


@pytest.fixture
def council_b(db: None) -> Organisation:
    return Organisation.objects.create(name="Ambridge Borough Council", code="991")


@pytest.fixture
def make_staff(db: None) -> Callable[..., User]:
    def make(org: Organisation, role: Role, username: str | None = None, **names: str) -> User:
        n = next(_numbers)
        return staff_create(
            organisation=org,
            username=username or f"{role.value}.{org.code}.{n}",
            first_name=names.get("first_name", "Jo"),
            last_name=names.get("last_name", f"Worker{n}"),
            role=role,
            started_on=date(2020, 1, 1),
            by=None,
        )

    return make


@pytest.fixture
def client_for(db: None) -> Callable[[User], Client]:
    """A test client that sends a new bearer token of the user on every request."""

    def make(user: User) -> Client:
        token = api_token_issue(user=user, by=None)
        return Client(headers={"Authorization": f"Bearer {token}"})

    return make


@pytest.fixture
def manager_a(council_a: Organisation, make_staff: Callable[..., User]) -> User:
    return make_staff(council_a, Role.SERVICE_MANAGER, "manager.a", first_name="Maya", last_name="Okafor")


@pytest.fixture
def make_person(db: None) -> Callable[..., Person]:
    def make(org: Organisation, **values: Any) -> Person:
        defaults = {
            "first_name": "Sam",
            "last_name": f"Carer{next(_numbers)}",
            "date_of_birth": date(1980, 5, 1),
        }
        return person_create(organisation=org, by=None, **(defaults | values))

    return make


@pytest.fixture
def make_household(make_person: Callable[..., Person]) -> Callable[..., FosteringHousehold]:
    """An approved mainstream household with one carer, approved for 2 children aged 0 to 18."""

    def make(
        org: Organisation,
        *,
        name: str | None = None,
        approved_on: date = date(2024, 1, 10),
        ssw: User | None = None,
        carer_type: CarerType = CarerType.MAINSTREAM,
    ) -> FosteringHousehold:
        n = next(_numbers)
        name = name or f"Household{n} household"
        household = household_create(
            organisation=org,
            name=name,
            line_1=f"{n} High Street",
            town="Wrexford",
            postcode="LE3 8RF",
            by=None,
        )
        carer = make_person(org, first_name="Pat", last_name=name.split()[0])
        member_add(
            household=household, person=carer, role=MemberRole.CARER, joined_on=date(2015, 1, 1), by=None
        )
        return household_register(
            household=household,
            reference=f"FH-{n:04d}",
            carer_type=carer_type,
            approved_on=approved_on,
            number_of_children=2,
            age_min=0,
            age_max=18,
            placement_types=[PlacementType.SHORT_TERM, PlacementType.LONG_TERM],
            sibling_group_max=2,
            supervising_social_worker=ssw,
            by=None,
        )

    return make


@pytest.fixture
def make_child(db: None) -> Callable[..., Child]:
    def make(org: Organisation, *, social_worker: User | None = None, **person_values: Any) -> Child:
        n = next(_numbers)
        values = {
            "first_name": "Alex",
            "last_name": f"Child{n}",
            "date_of_birth": date(2015, 3, 2),
            "sex": Sex.FEMALE,
        }
        return child_register(
            organisation=org,
            person_values=values | person_values,
            child_id=f"C{n:06d}",
            social_worker=social_worker,
            by=None,
        )

    return make
