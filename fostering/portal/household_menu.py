"""The portal's menu items and home-page panels for its household part, registered as the app starts."""

from __future__ import annotations

from datetime import date
from typing import Any

from fostering.households.choices import BookingStatus
from fostering.households.models import CourseBooking

from .choices import AccessKind
from .navigation import register_home_section, register_menu_item

register_menu_item("Review", "portal:household_review", AccessKind.CARER, order=40)
register_menu_item("Training", "portal:household_training", AccessKind.CARER, order=41)


def next_course(access: Any, today: date) -> dict[str, Any]:
    """The signed-in carer's next course with a place booked."""
    booking = (
        CourseBooking.objects.filter(
            fostering_household_id=access.fostering_household_id,
            member__person_id=access.person_id,
            status=BookingStatus.BOOKED,
            course__starts_on__gte=today,
        )
        .select_related("course")
        .order_by("course__starts_on", "course__starts_at")
        .first()
    )
    return {"next_booking": booking}


register_home_section("portal/household/home_training.html", next_course, AccessKind.CARER, order=40)
