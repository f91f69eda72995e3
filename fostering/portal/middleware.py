"""Keep a carer's or applicant's session to the portal: staff pages never accept them."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from .access import is_portal_session

# Besides the portal itself: signing in and out, the second factor, their password and the static files.
PORTAL_PATHS = (
    "/my/",
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/two-factor/",
    "/accounts/password",
    "/static/",
    "/health/",
)


class PortalBoundaryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_portal_session(request):
            if request.path == "/":
                return redirect("portal:home")
            if not request.path.startswith(PORTAL_PATHS):
                raise Http404("Not a page of the portal")
        return self.get_response(request)
