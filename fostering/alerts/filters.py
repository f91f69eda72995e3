"""The alert list's filters, applied by ``selectors.alert_list_for_user`` (the API shares them)."""

from __future__ import annotations

from typing import ClassVar

import django_filters

from fostering.core.lists import SelectorFilterSet

from .choices import AlertKind, AlertStage, AlertTheme
from .models import PracticeAlert
from .selectors import STATUS_CHOICES, alert_list_for_user


class AlertFilter(SelectorFilterSet):
    selector = staticmethod(alert_list_for_user)
    selector_names: ClassVar[dict[str, str]] = {}

    status = django_filters.ChoiceFilter(label="Show", choices=STATUS_CHOICES, empty_label=None)
    kind = django_filters.ChoiceFilter(label="Kind", choices=AlertKind.choices, empty_label="Any kind")
    theme = django_filters.ChoiceFilter(label="Theme", choices=AlertTheme.choices, empty_label="Any theme")
    stage = django_filters.ChoiceFilter(
        label="Stage now", choices=AlertStage.choices, empty_label="Any stage"
    )
    reached = django_filters.ChoiceFilter(
        label="Stage reached", choices=AlertStage.choices, empty_label="Any stage reached"
    )
    resolved_at = django_filters.ChoiceFilter(
        label="Resolved at", choices=AlertStage.choices, empty_label="Any stage resolved at"
    )
    year = django_filters.NumberFilter(
        label="Financial year starting (for example, 2025)", min_value=2000, max_value=2100
    )

    class Meta:
        model = PracticeAlert
        fields: list[str] = []
