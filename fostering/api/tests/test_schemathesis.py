"""Schemathesis against the API, in process: every request it generates from the OpenAPI document, valid
and invalid, is answered without a server error, with a documented status and a body its schema allows.

Bounded so it runs in ``make test`` in about a minute: the fuzzing phase only, a few examples per
operation, valid and invalid (the wild values a longer run found have their own tests in
``test_input_errors.py``). A longer run, with the coverage phase's boundary values, against a served demo council is
``schemathesis run <server>/api/v1/openapi.json -H "Authorization: Bearer <token>"`` (docs/adr/0009).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from fostering.accounts.roles import Role
from fostering.accounts.services import api_token_issue
from tests import builders
from tests.test_access import Council, build_council
from tests.test_api_access import READ_PATHS

MAX_EXAMPLES = 6  # per operation
# The project's schemathesis.toml (what a longer run uses too), bounded for the suite.
PROJECT_CONFIG = tomllib.loads((Path(__file__).resolve().parents[3] / "schemathesis.toml").read_text())
CONFIG = PROJECT_CONFIG | {
    "phases": {"coverage": {"enabled": False}},
    "generation": {"max-examples": MAX_EXAMPLES},
}


@pytest.fixture
def schema_council(db: None) -> Council:
    return build_council(builders.organisation("Schema Council", "803"))


@pytest.fixture
def token(schema_council: Council) -> str:
    """The service manager's: they see the whole council (list filters, panel, payments)."""
    return api_token_issue(user=schema_council.staff[Role.SERVICE_MANAGER], by=None)


@pytest.fixture
def api_schema(token: str) -> Iterator[Any]:
    """The document as served, with requests sent to the WSGI application inside the test's transaction.

    Django's test client keeps the connection open across requests in the same way: a raw WSGI call would
    otherwise close it at the end of each request, ending the test's transaction.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/v1/openapi.json",
            get_wsgi_application(),
            config=SchemathesisConfig.from_dict(CONFIG | {"headers": {"Authorization": f"Bearer {token}"}}),
        )
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_generated_request_is_answered_as_documented(case: Any) -> None:
    case.call_and_validate()


def test_every_record_read_matches_its_schema(api_schema: Any, schema_council: Council, token: str) -> None:
    """Generated ids seldom hit a record: read each kind of record the council has, and check the answer."""
    checked = 0
    for path, kind in READ_PATHS.items():
        operation = api_schema[path]["GET"]
        record: Any = schema_council.records[kind] if kind else None
        case = operation.Case(path_parameters={"id": record.pk} if record else None)
        response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
        assert response.status_code in (200, 404), path
        checked += response.status_code == 200
    assert checked > len(READ_PATHS) // 2
