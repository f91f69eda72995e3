"""Who is in the portal, and the one way a portal page finds the signed-in person's access.

A user whose only roles are carer or applicant (``accounts.permissions.is_portal_user``) is kept to the
portal's pages by the boundary middleware, and every portal page refuses a member of staff. A carer's
access lasts while their household is approved and they live there; an applicant's while their assessment
has not been withdrawn. Out of reach is a 404; access that has ended shows why.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from fostering.accounts.middleware import PORTAL_TWO_FACTOR, portal_two_factor_required
from fostering.accounts.permissions import is_portal_user
from fostering.assessments.choices import Stage
from fostering.households.choices import CLOSED_STATUSES

from .choices import AccessKind
from .models import PortalAccess


def is_portal_session(request: HttpRequest) -> bool:
    """The request is a carer's or applicant's (decided by their roles, not by anything in the session)."""
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated and is_portal_user(user)


def on_sign_in(sender: Any, request: HttpRequest | None = None, user: Any = None, **kwargs: Any) -> None:
    """Receiver of ``user_logged_in``: read whether a carer's or applicant's council requires two-factor
    authentication of them, once per session."""
    if request is not None and hasattr(request, "session") and is_portal_user(user):
        request.session[PORTAL_TWO_FACTOR] = portal_two_factor_required(user)


def ended_because(access: PortalAccess) -> str:
    """Why an accepted access no longer works, or "" while it does."""
    if access.ended_on is not None:
        return access.end_reason or "Your access was ended by the service."
    if access.kind == AccessKind.CARER:
        household = access.fostering_household
        assert household is not None
        if household.status in CLOSED_STATUSES:
            return (
                f"Your household is no longer approved to foster ({household.get_status_display().lower()})."
            )
        if not household.household.members.filter(person_id=access.person_id, left_on__isnull=True).exists():
            return "You no longer live in the household."
        return ""
    assessment = access.assessment
    assert assessment is not None
    if assessment.stage == Stage.WITHDRAWN:
        return "Your application was withdrawn."
    return ""


class PortalRequest(HttpRequest):
    """A portal page's request: ``portal`` is the signed-in person's access, live."""

    portal: PortalAccess


def portal_view(
    kind: AccessKind | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A portal page: signed in, a portal session, live access (of ``kind`` if given; else any)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not is_portal_session(request):
                raise Http404
            access = (
                PortalAccess.objects.select_related(
                    "person",
                    "organisation",
                    "fostering_household__household",
                    "fostering_household__supervising_social_worker",
                    "assessment__household",
                    "assessment__assessing_social_worker",
                )
                .filter(user_id=request.user.pk or 0, accepted_at__isnull=False, withdrawn_at__isnull=True)
                .first()
            )
            if access is None:
                raise Http404
            reason = ended_because(access)
            if reason:
                return render(request, "portal/ended.html", {"reason": reason}, status=403)
            if kind is not None and access.kind != kind:
                raise Http404
            request.portal = access  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
