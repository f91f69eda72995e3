"""Who sees which assessments: another council never; an assessing social worker only their own."""

from __future__ import annotations

import pytest

from fostering.accounts.roles import Role
from fostering.assessments.choices import AssessmentKind, Stage
from fostering.assessments.models import Assessment
from fostering.assessments.selectors import assessment_get_for_user, assessment_list_for_user
from fostering.assessments.tests import factories

pytestmark = pytest.mark.django_db


def _names(user, **filters):
    return sorted(a.household.name for a in assessment_list_for_user(user=user, **filters))


def test_scope_by_council_caseload_and_kind(council, other_council, make_staff, service_manager):
    worker = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    colleague = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    visitor_coordinator = make_staff(council, Role.IV_COORDINATOR)
    trainer = make_staff(council, Role.TRAINING_COORDINATOR)
    ssw = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    mine = factories.application(council, worker=worker, name="Mine household")
    factories.application(council, worker=colleague, name="Theirs household")
    factories.application(council, name="Visitor household", kind=AssessmentKind.INDEPENDENT_VISITOR)
    elsewhere = factories.application(other_council, name="Elsewhere household")

    assert _names(worker) == ["Mine household"]
    assert _names(service_manager) == ["Mine household", "Theirs household", "Visitor household"]
    assert _names(trainer) == ["Mine household", "Theirs household", "Visitor household"]
    assert _names(visitor_coordinator) == ["Visitor household"]
    assert _names(ssw) == []
    assert assessment_get_for_user(user=worker, pk=mine.pk) == mine
    with pytest.raises(Assessment.DoesNotExist):
        assessment_get_for_user(user=service_manager, pk=elsewhere.pk)


def test_filters_by_stage_and_worker(council, make_staff, service_manager):
    worker = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    first = factories.application(council, worker=worker, name="First household")
    factories.application(council, name="Second household")
    factories.move(first, Stage.STAGE1, on=factories.ACCEPTED)
    assert _names(service_manager, stage="stage1") == ["First household"]
    assert _names(service_manager, stage="open") == ["First household", "Second household"]
    assert _names(service_manager, worker_id=worker.pk) == ["First household"]
