"""Fixtures shared by every test: two councils, staff in any role, and records in each council."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from fostering.accounts.models import Organisation, User
from fostering.accounts.roles import Role
from tests import builders


@pytest.fixture
def council(db: None) -> Organisation:
    return builders.organisation("Wrexfordshire County Council", "990")


@pytest.fixture
def other_council(db: None) -> Organisation:
    return builders.organisation("Ambridge Borough Council", "991")


@pytest.fixture
def make_staff(db: None) -> Callable[..., User]:
    return builders.staff


@pytest.fixture
def service_manager(council: Organisation) -> User:
    return builders.staff(council, Role.SERVICE_MANAGER, username="manager")
