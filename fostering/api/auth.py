"""Bearer-token authentication for staff. Sessions are not accepted, so CSRF does not arise.

A missing, unknown or revoked token is a 401; a valid token whose user holds no role that may use the
API (``Perm.USE_API``) is a 403. Tokens are issued with ``manage.py api_token USERNAME``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from fostering.accounts.middleware import second_factor_needed
from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, has_perm
from fostering.accounts.services import api_token_user


class StaffToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token:
            return None
        user = api_token_user(token)
        if user is None:
            return None
        if not has_perm(user, Perm.USE_API):
            raise AuthorizationError(message="Your roles do not include use of the API.")
        return user


def staff(request: HttpRequest) -> User:
    """The member of staff the request's token belongs to (never ``request.user``: no sessions here)."""
    return cast(User, request.auth)  # type: ignore[attr-defined]


def docs_for_staff(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The API's documentation and OpenAPI document: for a signed-in member of staff (who has passed
    two-factor when it is required), unless ``FOSTERING_API_DOCS_PUBLIC`` is on."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.FOSTERING_API_DOCS_PUBLIC:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if needed := second_factor_needed(request):
                return needed
        return view(request, *args, **kwargs)

    return wrapped
