"""Bearer-token authentication for staff. Sessions are not accepted, so CSRF does not arise.

A missing, unknown or revoked token is a 401; a valid token whose user holds no role that may use the
API (``Perm.USE_API``) is a 403. Tokens are issued with ``manage.py api_token USERNAME``.
"""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

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
