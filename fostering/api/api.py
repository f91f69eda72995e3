"""The JSON API at /api/v1/: token-authenticated, read through the selectors, written through services."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.operation import Operation

from . import (
    assessments,
    children,
    concerns,
    errors,
    households,
    kinship,
    me,
    panel,
    payments,
    people,
    placements,
    recruitment,
    returns903,
)
from .auth import StaffToken, docs_for_staff


class FosteringAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """The view's own name (each is unique), e.g. ``household_detail``."""
        return operation.view_func.__name__


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
