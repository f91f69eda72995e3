"""The assessments list's filters, applied by ``selectors.assessment_list_for_user``."""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django.db.models import QuerySet

from fostering.accounts.permissions import organisations_with
from fostering.core.lists import NameSearchFilter, SelectorFilterSet

from .choices import Stage
from .models import Assessment
from .selectors import VIEW_PERMS, assessing_social_workers, assessment_list_for_user, with_stage_changes

STAGE_CHOICES = [("open", "Open (not withdrawn)"), *Stage.choices]


def _assessments(**values: Any) -> QuerySet[Assessment]:
    return with_stage_changes(assessment_list_for_user(**values))


class AssessmentFilter(SelectorFilterSet):
    selector = staticmethod(_assessments)
    selector_names: ClassVar[dict[str, str]] = {"q": "search", "worker": "worker_id"}

    q = NameSearchFilter(label="Search by household name")
    stage = django_filters.ChoiceFilter(label="Stage", choices=STAGE_CHOICES, empty_label="Any stage")
    worker = django_filters.TypedChoiceFilter(label="Assessing social worker", choices=[], coerce=int)

    class Meta:
        model = Assessment
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = organisations_with(self.request.user, *VIEW_PERMS)  # type: ignore[union-attr, arg-type]
        if len(orgs) == 1:
            workers = assessing_social_workers(min(orgs))
            self.filters["worker"].extra["choices"] = [("", "Anyone"), *((w.pk, str(w)) for w in workers)]
        else:
            del self.filters["worker"]
