"""Fixtures for the API tests: two councils, staff in any role with their tokens, records from the builders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from fostering.accounts.models import Organisation, User
from fostering.accounts.roles import Role
from fostering.accounts.services import api_token_issue
from tests import builders


@pytest.fixture
def council_a(db: None) -> Organisation:
    return builders.organisation("Wrexfordshire County Council", "990")


@pytest.fixture
def council_b(db: None) -> Organisation:
    return builders.organisation("Ambridge Borough Council", "991")


@pytest.fixture
def make_staff(db: None) -> Callable[..., User]:
    return builders.staff


@pytest.fixture
def client_for(db: None) -> Callable[[User], Client]:
    """A test client that sends a new bearer token of the user on every request."""

    def make(user: User) -> Client:
        token = api_token_issue(user=user, by=None)
        return Client(headers={"Authorization": f"Bearer {token}"})

    return make


@pytest.fixture
def manager_a(council_a: Organisation) -> User:
    return builders.staff(council_a, Role.SERVICE_MANAGER, "manager.a", first_name="Maya", last_name="Okafor")


@pytest.fixture
def make_person(db: None) -> Callable[..., Any]:
    return builders.person


@pytest.fixture
def make_household(db: None) -> Callable[..., Any]:
    """An approved mainstream household with one carer, approved for 2 children aged 0 to 18."""
    return builders.approved_household


@pytest.fixture
def make_child(db: None) -> Callable[..., Any]:
    return builders.child
