"""How long a signed-in session lasts (ADR 7).

A session ends after the council's ``Organisation.session_idle_minutes`` without a request (the shortest
of the user's councils), and ``FOSTERING_SESSION_MAX_HOURS`` after signing in however busy it has been.
The clock starts at every sign-in (``user_logged_in``), so the web sign-in, the admin site's and the
tests' ``force_login`` all get it; the idle limit is read then, once, not on every request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from fostering.core import clock

STARTED = "fostering_session_started"
LAST_SEEN = "fostering_session_seen"
IDLE_MINUTES = "fostering_session_idle_minutes"
SIGNED_OUT_REASON = "fostering_signed_out"
# last-seen is written at most this often, so a busy page does not save its session on every request
TOUCH_SECONDS = 60
NOT_TIMED = ("/static/", "/api/", "/health/")


def idle_minutes_for(user: Any) -> int:
    from .models import Organisation

    shortest = Organisation.objects.filter(
        memberships__user=user, memberships__ended_on__isnull=True
    ).aggregate(shortest=Min("session_idle_minutes"))["shortest"]
    return int(shortest or settings.FOSTERING_SESSION_IDLE_MINUTES)


def start_session_clock(request: HttpRequest | None, user: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    now = clock.now().timestamp()
    request.session[STARTED] = now
    request.session[LAST_SEEN] = now
    request.session[IDLE_MINUTES] = idle_minutes_for(user)


def on_sign_in(sender: Any, request: HttpRequest | None = None, user: Any = None, **kwargs: Any) -> None:
    """Receiver of ``user_logged_in``, connected in ``AccountsConfig.ready``."""
    start_session_clock(request, user)


class SessionTimeoutMiddleware:
    """Sign out a session that has been idle too long, or has lasted too long, and send it to sign in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(NOT_TIMED):
            reason = self._expired(request)
            if reason:
                logout(request)
                request.session[SIGNED_OUT_REASON] = reason
                query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
                return redirect(reverse("accounts:login") + (f"?{query}" if query else ""))
        return self.get_response(request)

    def _expired(self, request: HttpRequest) -> str:
        session = request.session
        now = clock.now().timestamp()
        if STARTED not in session:
            start_session_clock(request, request.user)
            return ""
        idle = session.get(IDLE_MINUTES, settings.FOSTERING_SESSION_IDLE_MINUTES)
        if now - float(session[STARTED]) > settings.FOSTERING_SESSION_MAX_HOURS * 3600:
            hours = settings.FOSTERING_SESSION_MAX_HOURS
            return f"You were signed out because you signed in more than {hours:g} hours ago."
        if now - float(session.get(LAST_SEEN, 0)) > idle * 60:
            return f"You were signed out after {idle} minutes without activity."
        if now - float(session[LAST_SEEN]) > TOUCH_SECONDS:
            session[LAST_SEEN] = now
        return ""
