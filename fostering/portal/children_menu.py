"""The portal's menu items and home-page panels for its children part, registered as the app starts."""

from __future__ import annotations

from datetime import date
from typing import Any

from fostering.placements.carers import placed_with

from .children_views import age_of
from .choices import AccessKind
from .navigation import register_home_section, register_menu_item

register_menu_item("Children", "portal:children", AccessKind.CARER, order=20)
register_menu_item("Breaks", "portal:breaks", AccessKind.CARER, order=25)


def _placed(access: Any, today: date) -> dict[str, Any]:
    placed = placed_with(access.fostering_household, today)
    return {"placed": [(p, age_of(p.child.person, today)) for p in placed]}


register_home_section("portal/children/home_panel.html", _placed, AccessKind.CARER, order=20)
