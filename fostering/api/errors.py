"""Exception handlers: service errors become JSON in the shapes ninja uses for its own errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja.errors import AuthenticationError

if TYPE_CHECKING:
    from ninja import NinjaAPI

UNAUTHENTICATED = "Send a valid API token: Authorization: Bearer <token>"


def validation_errors(error: ValidationError) -> list[dict[str, Any]]:
    """A service's ValidationError as ninja's list of {type, loc, msg}; the fields are the body's."""
    if not hasattr(error, "error_dict"):
        return [{"type": "value_error", "loc": ["body"], "msg": msg} for msg in error.messages]
    return [
        {"type": "value_error", "loc": ["body"] if field == NON_FIELD_ERRORS else ["body", field], "msg": msg}
        for field, messages in error.message_dict.items()
        for msg in messages
    ]


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api``. (Ninja types a handler's exception loosely, hence ``Any``.)"""

    def service_error(request: HttpRequest, exc: Any) -> HttpResponse:
        """A service refused: invalid input is a 422, an action the user may not take a 403."""
        if isinstance(exc, ValidationError):
            return api.create_response(request, {"detail": validation_errors(exc)}, status=422)
        message = str(exc) or "You do not have permission to do this."
        return api.create_response(request, {"detail": message}, status=403)

    def unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        response = api.create_response(request, {"detail": UNAUTHENTICATED}, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    api.add_exception_handler(ValidationError, service_error)
    api.add_exception_handler(PermissionDenied, service_error)
    api.add_exception_handler(AuthenticationError, unauthenticated)
