"""The portal's own pages (/my/) for carers and applicants, and the invitation link that sets a password."""

from __future__ import annotations

from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fostering.accounts.selectors import has_two_factor
from fostering.core import clock

from . import selectors, services
from .access import PortalRequest, portal_view
from .choices import AccessKind
from .forms import SetPasswordForm
from .navigation import home_sections

HOME_MESSAGES = 3


@portal_view()
def home(request: PortalRequest) -> HttpResponse:
    access = request.portal
    today = clock.today()
    context: dict[str, object] = {
        "access": access,
        "messages_shown": list(selectors.messages_for(access)[:HOME_MESSAGES]),
    }
    context["sections"] = home_sections(request, access, today)
    if access.kind == AccessKind.CARER:
        context["next_things"] = selectors.carer_next(access, today)
        context["household"] = access.fostering_household
        return render(request, "portal/carer_home.html", context)
    assert access.assessment is not None
    context["progress"] = selectors.applicant_progress(access.assessment, today)
    context["assessment"] = access.assessment
    return render(request, "portal/applicant_home.html", context)


@portal_view()
def messages(request: PortalRequest) -> HttpResponse:
    return render(request, "portal/messages.html", {"found": selectors.messages_for(request.portal)[:100]})


@portal_view()
def sign_in(request: PortalRequest) -> HttpResponse:
    return render(
        request,
        "portal/sign_in.html",
        {"access": request.portal, "two_factor": has_two_factor(request.portal.user)},  # type: ignore[arg-type]
    )


def accept(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: choose a password, and be signed in to the portal. Works once, until it expires."""
    if request.user.is_authenticated:
        return redirect("portal:home")
    access = services.invitation_for(token)
    if access is None:
        return render(request, "portal/link_expired.html", status=404)
    form = SetPasswordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(token=token, password=form.cleaned_data["password1"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("portal:home")
    return render(request, "portal/accept.html", {"form": form, "access": access})
