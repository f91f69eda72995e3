"""The JSON API at /api/v1/: token-authenticated, read through the selectors, written through services."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from . import (
    assessments,
    children,
    concerns,
    errors,
    households,
    indicators,
    kinship,
    me,
    panel,
    payments,
    people,
    placements,
    recruitment,
    returns903,
    visits,
)
from .auth import StaffToken, docs_for_staff


class UniqueComponents(OpenAPISchema):
    """The OpenAPI document, refusing two different schemas of one name.

    Ninja names each component by its class name and keeps the last one of a name, so two classes named
    alike (two apps' ``AssessmentKind``) would check one operation against the other's schema (ADR 9).
    """

    def add_schema_definitions(self, definitions: dict[str, Any]) -> None:
        for name, schema in definitions.items():
            if name in self.schemas and self.schemas[name] != schema:
                raise ValueError(f"Two schemas are named {name}: give each class a name of its own")
        super().add_schema_definitions(definitions)


class FosteringAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """The view's own name (each is unique), e.g. ``household_detail``."""
        return operation.view_func.__name__

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return UniqueComponents(self, path_prefix)


api = FosteringAPI(
    title="Fostering service API",
    version="1",
    description=(
        "Read the records your role and caseload reach, and record supervision visits. "
        "Authenticate with `Authorization: Bearer <token>`; a token is issued with "
        "`manage.py api_token USERNAME` and expires (list and revoke yours on the Your account page). "
        "A record out of your reach is a 404, never a 403."
    ),
    auth=StaffToken(),
    docs_decorator=docs_for_staff,
    urls_namespace="api",
)
errors.install(api)
api.add_router("/me", me.router)
api.add_router("/people", people.router)
api.add_router("/children", children.router)
api.add_router("/households", households.router)
api.add_router("/", recruitment.router)
api.add_router("/assessments", assessments.router)
api.add_router("/kinship-assessments", kinship.router)
api.add_router("/panel", panel.router)
api.add_router("/concerns", concerns.router)
api.add_router("/placements", placements.router)
api.add_router("/returns/903", returns903.router)
api.add_router("/payments", payments.router)
api.add_router("/indicators", indicators.router)
api.add_router("/visits", visits.router)
