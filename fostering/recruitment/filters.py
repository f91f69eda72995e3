"""The enquiries list's filters, applied by ``selectors.enquiry_list_for_user``."""

from __future__ import annotations

from typing import ClassVar

import django_filters

from fostering.core.lists import NameSearchFilter, SelectorFilterSet

from .choices import Channel, EnquiryStage, ResponseStatus
from .models import Enquiry
from .selectors import enquiry_list_for_user

STAGE_CHOICES = [("open", "Open"), ("all", "Any stage"), *EnquiryStage.choices]


class EnquiryFilter(SelectorFilterSet):
    selector = staticmethod(enquiry_list_for_user)
    selector_names: ClassVar[dict[str, str]] = {"q": "search"}

    q = NameSearchFilter(label="Search by name")
    response = django_filters.ChoiceFilter(
        label="Response", choices=ResponseStatus.choices, empty_label="Any"
    )
    stage = django_filters.ChoiceFilter(label="Stage", choices=STAGE_CHOICES, empty_label=None)
    channel = django_filters.ChoiceFilter(label="Channel", choices=Channel.choices, empty_label="Any channel")

    class Meta:
        model = Enquiry
        fields: list[str] = []
