"""The portal's header and menu, for a carer's or applicant's session (``access.is_portal_session``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .access import is_portal_session
from .models import PortalAccess
from .navigation import menu_for


def portal(request: HttpRequest) -> dict[str, Any]:
    if not is_portal_session(request) or not request.user.is_authenticated:
        return {}
    access = getattr(request, "portal", None)
    if access is None:
        access = PortalAccess.objects.filter(user=request.user).only("kind").first()
    kind = access.kind if access is not None else ""
    return {"portal": True, "navigation": menu_for(kind, request.path)}
