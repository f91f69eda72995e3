"""A payment query in the payments team's My work reads in whole words."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fostering.accounts.roles import Role
from fostering.payments.deadlines import payments_team_work
from fostering.payments.models import PaymentQuery
from fostering.payments.tests import factories
from tests import builders

pytestmark = pytest.mark.django_db


def test_a_long_question_is_cut_at_a_word_in_my_work():
    org = builders.organisation()
    manager = builders.staff(org, Role.SERVICE_MANAGER)
    household = builders.approved_household(org, name="Okafor household")
    child = factories.child(org, born=date(2015, 1, 1))
    records = factories.access_records(org, household, child, builders.staff(org, Role.CARER))
    query: Any = records["payment_query"]
    PaymentQuery.objects.filter(pk=query.pk).update(
        question="Why has the rate changed for the second child since the uprating in April this year please?"
    )
    subjects = [item.subject for item in payments_team_work(manager, date(2026, 12, 3))]
    subject = next(s for s in subjects if s.startswith("Okafor household"))
    assert "has the rate changed" in subject
    assert "chan " not in subject and not subject.endswith("chan")
    assert subject.endswith("…")
