"""Two-factor authentication, required for staff when FOSTERING_REQUIRE_2FA is on (production), and for
carers and applicants when their council requires it (``Organisation.portal_two_factor_required``, read
into the session as they sign in)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

# Set by the portal as a carer or applicant signs in (fostering.portal.access).
PORTAL_SESSION = "fostering_portal"
PORTAL_TWO_FACTOR = "fostering_portal_2fa"

# Only signing in, out and the second factor itself, resetting a forgotten password, the static files and
# the token-authenticated API; every other page (your account, staff, password change) needs two-factor.
EXEMPT_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/two-factor/",
    "/accounts/password-reset/",
    "/static/",
    "/api/",
    "/health",
)


def second_factor_needed(request: HttpRequest) -> HttpResponse | None:
    """The redirect to set up or verify a second factor, when it is required and the signed-in user has
    not passed it in this session; None otherwise."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", {})
    required = (
        session.get(PORTAL_TWO_FACTOR, False)
        if session.get(PORTAL_SESSION)
        else settings.FOSTERING_REQUIRE_2FA
    )
    if (
        required and user is not None and user.is_authenticated and not user.is_verified()  # type: ignore[union-attr]
    ):
        from django_otp import devices_for_user

        has_device = any(True for _ in devices_for_user(user, confirmed=True))
        return redirect("accounts:two_factor_verify" if has_device else "accounts:two_factor_setup")
    return None


class TwoFactorRequiredMiddleware:
    """Send a signed-in user who has not yet passed a second factor to set one up or verify it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(EXEMPT_PREFIXES) and (needed := second_factor_needed(request)):
            return needed
        return self.get_response(request)
