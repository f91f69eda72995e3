"""Wild query filters are a 422 that names the parameter, never a 500 and never silently ignored; the
OpenAPI document names every component once, so each operation is checked against its own schemas."""

from __future__ import annotations

import pytest
from django.test import Client

from fostering.api.api import api
from fostering.api.schemas import MAX_ID
from fostering.assessments.choices import AssessmentKind
from fostering.kinship.choices import AssessmentKind as KinshipKind

TWENTY_DIGITS = "9" * 20

WILD_FILTERS = [
    ("/api/v1/panel/meetings", "year", "10000"),
    ("/api/v1/panel/meetings", "year", "0"),
    ("/api/v1/panel/meetings", "year", "-1"),
    ("/api/v1/payments/remittances", "household", TWENTY_DIGITS),
    ("/api/v1/payments/remittances", "household", str(MAX_ID + 1)),
    ("/api/v1/payments/remittances", "household", "0"),
    ("/api/v1/assessments", "worker", TWENTY_DIGITS),
    ("/api/v1/assessments", "worker", "-5"),
    ("/api/v1/kinship-assessments", "worker", "-" + TWENTY_DIGITS * 2),
    ("/api/v1/kinship-assessments", "worker", TWENTY_DIGITS),
    ("/api/v1/returns/903/validations", "year", "10000"),
    ("/api/v1/returns/903/validations", "year", TWENTY_DIGITS),
]


@pytest.mark.parametrize(("path", "name", "value"), WILD_FILTERS)
def test_a_filter_beyond_its_range_is_a_422_naming_it(client_for, manager_a, path, name, value):
    response = client_for(manager_a).get(path, {name: value})
    assert response.status_code == 422, response.content[:200]
    assert [error["loc"] for error in response.json()["detail"]] == [["query", name]]


@pytest.mark.parametrize(
    ("path", "name", "value"),
    [
        ("/api/v1/panel/meetings", "year", "2026"),
        ("/api/v1/payments/remittances", "household", str(MAX_ID)),
        ("/api/v1/assessments", "worker", str(MAX_ID)),
        ("/api/v1/kinship-assessments", "worker", "1"),
    ],
)
def test_a_filter_in_range_is_applied(client_for, manager_a, path, name, value):
    response = client_for(manager_a).get(path, {name: value})
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}


@pytest.fixture
def document(db):
    return Client().get("/api/v1/openapi.json").json()


def parameter(document, path, name):
    (found,) = [p for p in document["paths"][path]["get"]["parameters"] if p["name"] == name]
    return found["schema"]


def resolve(document, schema):
    for option in [schema, *schema.get("anyOf", []), *schema.get("allOf", [])]:
        if "$ref" in option:
            return document["components"]["schemas"][option["$ref"].rsplit("/", 1)[1]]
        if "enum" in option:
            return option
    raise AssertionError(schema)


def test_each_kind_filter_is_checked_against_its_own_enum(document):
    assert (
        resolve(document, parameter(document, "/api/v1/assessments", "kind"))["enum"] == AssessmentKind.values
    )
    assert resolve(document, parameter(document, "/api/v1/kinship-assessments", "kind"))["enum"] == (
        KinshipKind.values
    )


def test_a_childs_reviews_have_the_childs_review_schema(document):
    history = document["components"]["schemas"]["CareHistoryOut"]
    review = resolve(document, history["properties"]["reviews"]["items"])
    assert set(review["required"]) == {"held_on", "participation"}


def test_the_meeting_start_is_a_local_time_of_day_not_an_rfc_3339_time(document):
    for name in ["MeetingOut", "MeetingDetailOut"]:
        starts_at = document["components"]["schemas"][name]["properties"]["starts_at"]
        assert "format" not in starts_at
        assert starts_at["pattern"] == "^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$"


def test_no_two_schemas_share_a_component_name():
    """Ninja keeps the last schema of a name: the document refuses a second, different one instead."""
    from fostering.api.api import UniqueComponents

    components = UniqueComponents(api, "")
    with pytest.raises(ValueError, match="Two schemas are named TermsOut"):
        components.add_schema_definitions({"TermsOut": {"type": "object", "title": "Other"}})
