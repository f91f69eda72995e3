"""Who is signing in from where: the client's address, and the failures counted against it.

django-axes locks the pair (username, address) after ``AXES_FAILURE_LIMIT`` failures, so an attacker
elsewhere cannot lock an account's owner out. Password spraying (one password against many usernames)
never reaches that limit on any one pair, so failures are also counted per address, against
``FOSTERING_ADDRESS_FAILURE_LIMIT``. See ADR 7.
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from fostering.core import clock


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_address(request: HttpRequest) -> str:
    """The address the request came from (``AXES_CLIENT_IP_CALLABLE``).

    With ``FOSTERING_PROXY_COUNT`` proxies in front of the service, each appending the address it saw to
    ``X-Forwarded-For``, the client is that many entries from the right: the entries to its left are
    whatever the client chose to send, and are never trusted. With no proxy the header is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.FOSTERING_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) >= count and _valid(hops[-count]):
        return hops[-count]
    return remote


def address_failures(address: str) -> int:
    """Failed sign-ins from the address within the cool-off period, over every username tried."""
    since = clock.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    total = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


def address_locked(address: str) -> bool:
    return address_failures(address) >= settings.FOSTERING_ADDRESS_FAILURE_LIMIT
