"""Courses for tests: published by the system for a council, starting a week from today."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal
from typing import Any

from fostering.accounts.models import Organisation
from fostering.core import clock
from fostering.households import training
from fostering.households.models import Course


def course(org: Organisation, *, published: bool = True, **values: Any) -> Course:
    given: dict[str, Any] = {
        "title": f"Course{org.code} Safer caring",
        "starts_on": clock.today() + timedelta(days=7),
        "starts_at": time(10, 0),
        "places": 10,
        "hours": Decimal("3"),
        "venue": "County Hall",
    } | values
    found = training.course_publish(organisation_id=org.pk, by=None, **given)
    if not published:
        Course.objects.filter(pk=found.pk).update(published=False)
        found.published = False
    return found
