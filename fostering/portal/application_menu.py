"""The portal's menu items and home-page panels for its application part, registered as the app starts."""

from __future__ import annotations

from datetime import date
from typing import Any

from fostering.assessments.application import SECTIONS
from fostering.assessments.application_selectors import sent_count

from .choices import AccessKind
from .navigation import register_home_section, register_menu_item


def _progress(access: Any, today: date) -> dict[str, Any]:
    return {"sent": sent_count(access.assessment, access.person), "total": len(SECTIONS)}


register_menu_item("Your application", "portal:application", AccessKind.APPLICANT, order=20)
register_home_section("portal/application/home_panel.html", _progress, AccessKind.APPLICANT, order=10)
