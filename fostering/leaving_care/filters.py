"""The care leavers list's filters: a name search, whose caseload, and the kind of care leaver."""

from __future__ import annotations

from typing import ClassVar

import django_filters

from fostering.core.lists import NameSearchFilter, SelectorFilterSet

from .codes import Category
from .models import CareLeaver
from .selectors import care_leaver_list_for_user

ADVISER_CHOICES = [("mine", "My caseload"), ("none", "No personal adviser yet")]


class CareLeaverFilter(SelectorFilterSet):
    selector = staticmethod(care_leaver_list_for_user)
    selector_names: ClassVar[dict[str, str]] = {"q": "search"}

    q = NameSearchFilter(label="Search by name or child ID")
    adviser = django_filters.ChoiceFilter(
        label="Personal adviser", choices=ADVISER_CHOICES, empty_label="All"
    )
    category = django_filters.ChoiceFilter(
        label="Kind of care leaver", choices=Category.choices, empty_label="All"
    )

    class Meta:
        model = CareLeaver
        fields: list[str] = []
