"""Who is signing in from where: the client's address, and the failures counted against it.

django-axes locks the pair (username, address) after ``AXES_FAILURE_LIMIT`` failures, so an attacker
elsewhere cannot lock an account's owner out. Password spraying (one password against many usernames)
never reaches that limit on any one pair, so failures are also counted per address, against
``FOSTERING_ADDRESS_FAILURE_LIMIT``. The address is ``core.http.client_address`` (the peer, or behind
``FOSTERING_PROXY_COUNT`` proxies the address the outermost saw), given to axes as its
``AXES_CLIENT_IP_CALLABLE`` so the lockout, the limit and the audit agree. See ADR 7.
"""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

from fostering.core import clock
from fostering.core.http import client_address

__all__ = ["address_failures", "address_locked", "client_address"]


def address_failures(address: str) -> int:
    """Failed sign-ins from the address within the cool-off period, over every username tried."""
    since = clock.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    total = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


def address_locked(address: str) -> bool:
    return address_failures(address) >= settings.FOSTERING_ADDRESS_FAILURE_LIMIT
