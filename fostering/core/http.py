"""What a request says about where it came from."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the person's machine: the peer (REMOTE_ADDR), or, behind ``FOSTERING_PROXY_COUNT``
    reverse proxies of our own, the address the outermost of them saw (counted from the right of
    X-Forwarded-For, so a client cannot choose it by sending the header itself)."""
    proxies = int(getattr(settings, "FOSTERING_PROXY_COUNT", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-proxies] if len(hops) >= proxies else hops[0]
    return str(request.META.get("REMOTE_ADDR", ""))
