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


# SQLite is the zero-setup demo's database; PostgreSQL is production's. The whole suite runs on PostgreSQL,
# and on SQLite only what proves the demo works there: the demo build, the raw-SQL and locking paths of a
# payment run, the 903 export, the pinned-query pages and every page a service manager can open.
SQLITE_SUBSET = (
    "fostering/demo/",
    "fostering/payments/tests/test_runs.py",
    "fostering/payments/tests/test_pages.py",
    "fostering/panel/tests/test_pages.py",
    "fostering/returns903/",
    "tests/test_pages.py",
    "tests/test_access.py::test_each_role_sees_exactly_what_its_permissions_and_caseload_reach[service_manager]",
    "tests/browser/test_journeys.py",
    "fostering/search/",  # the plain match SQLite uses in place of trigrams
    "fostering/jobs/",  # the database queue and its worker
    "fostering/documents/tests/test_documents.py",  # files kept through the storage API
)

# The longest tests go first, so that the workers finish together rather than one waiting on a browser walk.
LONG_FIRST = ("tests/browser/", "fostering/demo/", "tests/test_access.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.startswith(SQLITE_SUBSET):
            item.add_marker(pytest.mark.sqlite)
    items.sort(key=lambda item: 0 if item.nodeid.startswith(LONG_FIRST) else 1)
