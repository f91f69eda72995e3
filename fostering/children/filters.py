"""The children list's filters: a name or child ID search, and in care now (the default) or all."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet

from fostering.core import clock
from fostering.core.lists import NameSearchFilter

from .models import Child, PeriodOfCare

IN_CARE_CHOICES = [("now", "In care now"), ("all", "All children")]


class ChildFilter(django_filters.FilterSet):
    q = NameSearchFilter(label="Search by name or child ID", method="filter_name")
    in_care = django_filters.ChoiceFilter(
        label="Show", choices=IN_CARE_CHOICES, empty_label=None, method="filter_in_care"
    )

    class Meta:
        model = Child
        fields: list[str] = []

    def filter_name(self, queryset: QuerySet[Child], name: str, value: str) -> QuerySet[Child]:
        for word in value.split():
            queryset = queryset.filter(
                Q(person__first_name__icontains=word)
                | Q(person__last_name__icontains=word)
                | Q(child_id__iexact=word)
            )
        return queryset

    def filter_in_care(self, queryset: QuerySet[Child], name: str, value: Any) -> QuerySet[Child]:
        if value != "now":
            return queryset
        today = clock.today()
        open_period = PeriodOfCare.objects.filter(child=OuterRef("pk"), started_on__lte=today).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=today)
        )
        return queryset.filter(Exists(open_period))
