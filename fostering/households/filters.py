"""The households list's filters, applied by ``selectors.household_list_for_user``."""

from __future__ import annotations

from typing import ClassVar

import django_filters

from fostering.core.lists import NameSearchFilter, SelectorFilterSet

from .choices import CarerType, HouseholdStatus
from .models import FosteringHousehold
from .selectors import household_list_for_user

STATUS_CHOICES = [("open", "Open (available, full, on hold)"), *HouseholdStatus.choices]


class HouseholdFilter(SelectorFilterSet):
    selector = staticmethod(household_list_for_user)
    selector_names: ClassVar[dict[str, str]] = {"q": "search"}

    q = NameSearchFilter(label="Name, reference or postcode")
    status = django_filters.ChoiceFilter(label="Status", choices=STATUS_CHOICES, empty_label="Any status")
    carer_type = django_filters.ChoiceFilter(
        label="Kind of carer", choices=CarerType.choices, empty_label="Any kind"
    )

    class Meta:
        model = FosteringHousehold
        fields: list[str] = []
