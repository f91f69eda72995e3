"""SSDA903 return in the API: the latest check of each year's return against the DfE rules.

Only staff who prepare the return (the service manager) see results; others get an empty list.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from fostering.audit.services import record_read
from fostering.returns903.selectors import runs_for_user

from .auth import staff
from .schemas import AUTH_ERRORS, INVALID

router = Router(tags=["SSDA903 return"])


class RuleErrorOut(Schema):
    rule: str
    message: str
    fields: list[str]
    table: str
    row: int
    child: str


class FailedRuleOut(Schema):
    rule: str
    message: str


class ValidationOut(Schema):
    id: int
    year: int = Field(description="The collection year as the DfE names it: 2026 ends 31 March 2026")
    checked_at: datetime = Field(alias="created_at")
    local_authority_code: str
    children: int
    episodes: int
    error_count: int
    errors: list[RuleErrorOut]
    failed_to_run: list[FailedRuleOut] = Field(description="Rules that did not run: not checked, not passed")

    @staticmethod
    def resolve_errors(obj: Any) -> list[dict[str, Any]]:
        return list(obj.result.get("errors", []))

    @staticmethod
    def resolve_failed_to_run(obj: Any) -> list[dict[str, Any]]:
        return list(obj.result.get("failed_to_run", []))


@router.get(
    "/validations",
    response={200: list[ValidationOut], **AUTH_ERRORS, **INVALID},
    summary="The latest check of each year's 903 return against the DfE rules",
)
def validation_list(request: HttpRequest, year: int | None = None) -> list[Any]:
    runs = list(runs_for_user(user=staff(request), year=year))
    if runs:
        shown = [run.child_records.get(e["child"]) for run in runs for e in run.result.get("errors", [])]
        record_read(by=staff(request), page="api:validation_list", children=shown)
    return runs
