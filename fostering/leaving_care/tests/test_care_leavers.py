"""Who is a care leaver, and what the personal adviser records: refused beside the field, nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from tests import builders

from ..codes import Category
from ..eligibility import Span, assess
from ..models import AdviserAllocation, BirthdayContact, CareLeaver
from ..services import adviser_allocate, birthday_contact_record, care_leaver_record, pathway_plan_record
from . import factories

pytestmark = pytest.mark.django_db

BORN = date(2007, 6, 10)


def test_thirteen_weeks_since_14_ending_after_16_makes_a_care_leaver():
    # 91 days from 10 March 2023 to 9 June 2023... and in care past 16 (10 June 2023)
    enough = assess(BORN, [Span(date(2023, 3, 11), date(2023, 6, 11), "E8")], on=date(2025, 1, 1))
    assert enough.category == Category.RELEVANT and enough.days_since_14 == 92
    assert assess(BORN, [Span(date(2023, 3, 11), date(2023, 6, 11), "E8")], on=date(2026, 1, 1)).category == (
        Category.FORMER_RELEVANT
    )
    assert assess(BORN, [Span(date(2022, 1, 1), None)], on=date(2024, 1, 1)).category == Category.ELIGIBLE


def test_care_before_14_or_ending_before_16_does_not_count():
    before_14 = assess(BORN, [Span(date(2019, 1, 1), date(2021, 6, 20), "E4A")], on=date(2025, 1, 1))
    assert before_14.category is None and before_14.days_since_14 == 10
    ended_at_15 = assess(BORN, [Span(date(2021, 7, 1), date(2023, 1, 1), "E4A")], on=date(2025, 1, 1))
    assert ended_at_15.category is None
    assert "none of it after their 16th birthday" in ended_at_15.reason
    short_breaks = assess(
        BORN,
        [Span(date(2023, 1, 1), date(2023, 7, 1), "E8")],
        on=date(2025, 1, 1),
        short_breaks=[Span(date(2023, 1, 1), date(2023, 6, 1))],
    )
    assert short_breaks.days_since_14 == 30 and short_breaks.category is None
    adopted = assess(BORN, [Span(date(2022, 1, 1), date(2023, 8, 1), "E11")], on=date(2025, 1, 1))
    assert adopted.category is None and "adopted" in adopted.reason


def test_a_young_person_never_in_care_long_enough_is_refused_with_the_reason_and_nothing_written():
    org = builders.organisation()
    child = factories.left_care(org, started_on=date(2023, 5, 1), ended_on=date(2023, 7, 1))
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        care_leaver_record(child=child, recorded_on=date(2025, 1, 1), by=None)
    assert refused.value.message_dict["recorded_on"] == [
        "The young person was looked after for 61 days since their 14th birthday: a care leaver must have been "
        "looked after for at least 13 weeks (91 days) since 14, in care that ended after their 16th birthday"
    ]
    assert not CareLeaver.objects.exists() and AuditEvent.objects.count() == before


def test_the_personal_adviser_is_allocated_with_history():
    org = builders.organisation()
    first, second = builders.staff(org, Role.PERSONAL_ADVISER), builders.staff(org, Role.PERSONAL_ADVISER)
    leaver = factories.care_leaver(org, adviser=first)
    adviser_allocate(care_leaver=leaver, personal_adviser=second, started_on=date(2025, 9, 1), by=None)
    rows = list(
        AdviserAllocation.objects.order_by("started_on").values_list(
            "personal_adviser", "started_on", "ended_on"
        )
    )
    assert rows == [(first.pk, date(2025, 6, 11), date(2025, 9, 1)), (second.pk, date(2025, 9, 1), None)]
    leaver.refresh_from_db()
    assert leaver.personal_adviser == second
    social_worker = builders.staff(org, Role.CHILDS_SOCIAL_WORKER)
    with pytest.raises(ValidationError) as refused:
        adviser_allocate(
            care_leaver=leaver, personal_adviser=social_worker, started_on=date(2025, 10, 1), by=None
        )
    assert "personal_adviser" in refused.value.message_dict
    assert AdviserAllocation.objects.count() == 2


def test_pathway_plan_clock_and_refusals():
    org = builders.organisation()
    leaver = factories.care_leaver(org)
    with pytest.raises(ValidationError) as refused:
        pathway_plan_record(care_leaver=leaver, agreed_on=date(2022, 1, 1), by=None)
    assert refused.value.message_dict == {
        "agreed_on": ["A pathway plan starts from 15 years and 9 months of age"]
    }
    pathway_plan_record(care_leaver=leaver, agreed_on=date(2025, 6, 1), by=None)
    from ..deadlines import care_leaver_deadlines

    [clock_] = care_leaver_deadlines(leaver.child, date(2025, 7, 1))
    assert (clock_.rule, clock_.due) == ("pathway_plan_review", date(2025, 12, 1))


def _contact(leaver: CareLeaver, **values: object) -> BirthdayContact:
    given = {
        "age": 19,
        "contacted_on": date(2026, 6, 12),
        "in_touch": "YES",
        "activity": "F2",
        "accommodation": "U1",
    } | values
    return birthday_contact_record(care_leaver=leaver, by=None, **given)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"in_touch": "MAYBE"}, "in_touch", "Choose whether the council is in touch with the young person"),
        ({"activity": "G7"}, "activity", "Choose the young person's activity from the DfE's list"),
        (
            {"accommodation": "S1"},
            "accommodation",
            "Choose the young person's accommodation from the DfE's list",
        ),
        (
            {"in_touch": "DIED"},
            "activity",
            "When the young person has died or returned home, activity and accommodation are 0",
        ),
        ({"activity": "0"}, "activity", "When the council is in touch, choose the young person's activity"),
        (
            {"contacted_on": date(2026, 3, 1)},
            "contacted_on",
            "The 19th birthday was 10 June 2026: the birthday contact is made from a month before it to a month "
            "after it",
        ),
        (
            {"age": 18, "contacted_on": date(2025, 6, 10)},
            "age",
            "The young person was still looked after on their 18th birthday: no care leaver information is returned",
        ),
    ],
)
def test_a_birthday_contact_the_dfe_would_refuse_is_refused_beside_its_field(values, field, message):
    org = builders.organisation()
    leaver = factories.care_leaver(org)
    with pytest.raises(ValidationError) as refused:
        _contact(leaver, **values)
    assert message in refused.value.message_dict[field]
    assert not BirthdayContact.objects.exists()


def test_a_birthday_contact_is_recorded_once_and_corrected_in_place():
    org = builders.organisation()
    leaver = factories.care_leaver(org)
    _contact(leaver)
    _contact(leaver)
    assert AuditEvent.objects.filter(verb="birthday_contact_recorded").count() == 1
    assert not AuditEvent.objects.filter(verb="birthday_contact_changed").exists()
    _contact(leaver, activity="G5")
    assert list(BirthdayContact.objects.values_list("age", "activity")) == [(19, "G5")]
    assert AuditEvent.objects.get(verb="birthday_contact_changed").changes["activity"] == ["F2", "G5"]
