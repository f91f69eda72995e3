"""The API gives the latest check of each year's return to those who prepare it, and nothing to others."""

import pytest
from django.test import Client

from fostering.accounts.roles import Role
from fostering.accounts.services import api_token_issue
from fostering.returns903.models import ValidationRun

pytestmark = pytest.mark.django_db


def _client(user):
    return Client(HTTP_AUTHORIZATION=f"Bearer {api_token_issue(user=user, by=None)}")


def test_the_service_manager_reads_the_latest_check_of_each_year(
    council, other_council, service_manager, make_staff
):
    result = {
        "errors": [
            {
                "rule": "103",
                "message": "The ethnicity code is either not valid or has not been entered.",
                "fields": ["ETHNIC"],
                "table": "Header",
                "row": 4,
                "child": "1234567",
            },
        ],
        "failed_to_run": [{"rule": "233", "message": "Reason for placement change is not required"}],
    }
    ValidationRun.objects.create(
        organisation=council, year=2026, local_authority_code="E10000018", error_count=5
    )
    latest = ValidationRun.objects.create(
        organisation=council, year=2026, local_authority_code="E10000018", children=848, episodes=1324,
        error_count=1, failed_rule_count=1, result=result,
    )  # fmt: skip
    ValidationRun.objects.create(organisation=council, year=2025, local_authority_code="E10000018")
    ValidationRun.objects.create(organisation=other_council, year=2026, local_authority_code="E10000018")
    # when
    body = _client(service_manager).get("/api/v1/returns/903/validations", {"year": 2026}).json()
    # then
    assert [(item["id"], item["year"], item["error_count"]) for item in body] == [(latest.pk, 2026, 1)]
    assert body[0]["errors"] == result["errors"]
    assert body[0]["failed_to_run"] == result["failed_to_run"]
    assert body[0]["children"] == 848
    every_year = _client(service_manager).get("/api/v1/returns/903/validations").json()
    assert [item["year"] for item in every_year] == [2026, 2025]
    worker = make_staff(council, Role.CHILDS_SOCIAL_WORKER)
    assert _client(worker).get("/api/v1/returns/903/validations").json() == []
