"""The OpenAPI document describes every endpoint and every status it can return."""

import pytest
from django.test import Client

from tests.test_api_access import OTHER_PATHS, READ_PATHS, WRITE_PATHS

pytestmark = pytest.mark.django_db

# The endpoints are listed once, in the access matrix that every role is tested against.
ENDPOINTS = {("get", path) for path in set(READ_PATHS) | OTHER_PATHS} | {
    ("post", path) for path in WRITE_PATHS
}


@pytest.fixture
def document():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield method, path, operation


def test_the_document_is_served_without_a_token_and_names_the_api(document):
    assert document["info"]["title"] == "Fostering service API"
    assert document["info"]["version"] == "1"


def test_every_endpoint_is_in_the_document(document):
    assert {(method, path) for method, path, _ in operations(document)} == ENDPOINTS


def test_every_operation_needs_the_bearer_token(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes == {"StaffToken": {"type": "http", "scheme": "bearer"}}
    assert all(op["security"] == [{"StaffToken": []}] for _, _, op in operations(document))


def test_every_error_status_is_declared_with_a_schema(document):
    for method, path, operation in operations(document):
        responses = operation["responses"]
        expected = {"401", "403"}
        if "{id}" in path:
            expected.add("404")
        if operation.get("parameters") or "requestBody" in operation:
            expected.add("422")
        if "requestBody" in operation:
            expected.add("400")
        assert expected <= set(responses), (method, path)
        for status in expected:
            assert responses[status]["content"]["application/json"]["schema"]["$ref"], (method, path, status)


def test_lists_are_paginated(document):
    for path in ["/api/v1/people", "/api/v1/children", "/api/v1/households"]:
        names = {p["name"] for p in document["paths"][path]["get"]["parameters"]}
        assert {"page", "search"} <= names
        schema = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema["$ref"].startswith("#/components/schemas/Paged")


def test_the_docs_page_is_served():
    assert Client().get("/api/v1/docs").status_code == 200


def test_the_docs_page_loads_its_scripts_from_our_own_static_files_so_the_content_security_policy_allows_it():
    page = Client().get("/api/v1/docs").content.decode()

    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert "<script>" not in page.replace(" ", "")
