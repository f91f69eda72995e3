"""The vacancy register's filters. Its rows are worked out in Python (``matching_data.filter_vacancies``),
so the filter is a plain form shown and paginated by ``core.lists`` like every other list."""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django import forms
from django.http import QueryDict

from fostering.core.lists import SelectorFilterSet
from fostering.households.choices import PlacementType

from .choices import ReferralStatus
from .models import Referral
from .selectors import TO_PLACE, referral_list_for_user

REFERRAL_STATUS_CHOICES = [
    (TO_PLACE, "Still to place (open, matched or external search)"),
    ("", "Any status"),
    *ReferralStatus.choices,
]


class ReferralFilter(SelectorFilterSet):
    selector = staticmethod(referral_list_for_user)
    selector_names: ClassVar[dict[str, str]] = {}

    status = django_filters.ChoiceFilter(label="Status", choices=REFERRAL_STATUS_CHOICES, empty_label=None)

    class Meta:
        model = Referral
        fields: list[str] = []

    def filter_queryset(self, queryset: Any) -> Any:
        return super().filter_queryset(queryset).select_related("placement")


SHOW_CHOICES = [("vacant", "Households with a vacant place"), ("all", "All approved households")]


class VacancyFilterForm(forms.Form):
    show = forms.ChoiceField(label="Show", choices=SHOW_CHOICES, required=False)
    age = forms.IntegerField(label="Child's age", min_value=0, max_value=25, required=False)
    placement_type = forms.ChoiceField(
        label="Placement type", choices=[("", "Any type"), *PlacementType.choices], required=False
    )
    area = forms.CharField(label="Area (postcode start)", max_length=8, required=False)

    def __init__(self, data: QueryDict, **kwargs: Any) -> None:
        data = data.copy()
        if "show" not in data:  # ``vacant=1`` is the older address of the default
            data["show"] = "vacant" if data.get("vacant", "1") == "1" else "all"
        super().__init__(data, **kwargs)

    def values(self) -> dict[str, Any]:
        """The valid choices as ``filter_vacancies`` takes them; a refused value is left out."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "age": data.get("age"),
            "placement_type": data.get("placement_type") or "",
            "area": (data.get("area") or "").strip(),
            "vacant_only": data.get("show", "vacant") != "all",
        }
