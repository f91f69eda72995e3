"""The retention schedule and what is due for disposal: given records with dated facts, when asked on a
day, then exactly the records whose period has ended, each with its rule and fact."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.core import clock
from fostering.core.errors import NotAllowed
from fostering.dataprotection import services
from fostering.dataprotection.choices import DisposalAction, RecordKind
from fostering.dataprotection.models import RetentionRule
from fostering.dataprotection.selectors import records_due, retention_of
from fostering.households.choices import CarerType
from fostering.households.services import household_register
from fostering.recruitment.tests import factories as recruitment_factories
from tests import builders

from . import factories

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def test_the_schedule_starts_from_the_defaults_once_and_audits_them(council):
    rules = services.schedule_ensure(organisation_id=council.pk)
    services.schedule_ensure(organisation_id=council.pk)

    assert {kind.value: (rule.years, rule.action) for kind, rule in rules.items()} == {
        "child": (75, "anonymise"),
        "household": (10, "anonymise"),
        "assessment": (3, "anonymise"),
        "enquiry": (2, "erase"),
    }
    assert RetentionRule.objects.filter(organisation=council).count() == 4
    assert AuditEvent.objects.filter(verb="retention_rule_created", organisation=council).count() == 4


def test_a_manager_changes_a_rule_and_the_change_is_audited(council, service_manager):
    rule = services.schedule_ensure(organisation_id=council.pk)[RecordKind.ASSESSMENT]

    services.retention_rule_change(rule=rule, years=6, action=DisposalAction.ANONYMISE, by=service_manager)

    rule.refresh_from_db()
    assert rule.years == 6
    event = AuditEvent.objects.get(verb="retention_rule_changed")
    assert (event.actor, event.changes) == (service_manager, {"years": [3, 6]})


@pytest.mark.parametrize(
    ("kind", "years", "action", "field"),
    [
        (RecordKind.HOUSEHOLD, 9, DisposalAction.ANONYMISE, "years"),
        (RecordKind.CHILD, 75, DisposalAction.ERASE, "action"),
    ],
)
def test_a_rule_below_the_statutory_minimum_or_erasing_a_statutory_record_is_refused(
    council, service_manager, kind, years, action, field
):
    rule = services.schedule_ensure(organisation_id=council.pk)[kind]
    before = (rule.years, rule.action)

    with pytest.raises(ValidationError) as refused:
        services.retention_rule_change(rule=rule, years=years, action=action, by=service_manager)

    assert list(refused.value.message_dict) == [field]
    rule.refresh_from_db()
    assert (rule.years, rule.action) == before
    assert not AuditEvent.objects.filter(verb="retention_rule_changed").exists()


def test_only_a_manager_changes_the_schedule(council):
    worker = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    rule = services.schedule_ensure(organisation_id=council.pk)[RecordKind.ENQUIRY]

    with pytest.raises(NotAllowed):
        services.retention_rule_change(rule=rule, years=5, action=DisposalAction.ERASE, by=worker)

    rule.refresh_from_db()
    assert rule.years == 2


def test_an_enquiry_that_went_no_further_is_due_two_years_after_it_closed(council):
    closed = factories.closed_enquiry(council, closed_on=date(2024, 4, 1))
    recent = factories.closed_enquiry(council, closed_on=date(2025, 1, 6))
    recruitment_factories.enquiry(council)  # open: never due

    due = records_due(organisation_ids=[council.pk], today=TODAY)

    assert [(d.kind, d.record_id) for d in due] == [(RecordKind.ENQUIRY, closed.pk)]
    (record,) = due
    assert record.due_on == date(2026, 4, 1)
    assert record.fact == "Closed (closed or withdrawn) on 1 April 2024"
    assert (
        record.rule
        == "Enquiry that went no further: kept 2 years after the enquiry closed without going further"
    )
    assert record.action == DisposalAction.ERASE
    assert records_due(organisation_ids=[council.pk], today=date(2027, 1, 6))[1].record_id == recent.pk


def test_a_longer_period_set_by_the_council_moves_the_due_date(council, service_manager):
    factories.closed_enquiry(council, closed_on=date(2024, 4, 1))
    rule = services.schedule_ensure(organisation_id=council.pk)[RecordKind.ENQUIRY]
    services.retention_rule_change(rule=rule, years=3, action=DisposalAction.ERASE, by=service_manager)

    assert records_due(organisation_ids=[council.pk], today=TODAY) == []
    assert records_due(organisation_ids=[council.pk], today=date(2027, 4, 1))[0].due_on == date(2027, 4, 1)


def test_each_kind_is_due_from_its_own_dated_fact(council, other_council):
    child = builders.child(council, date_of_birth=date(1951, 2, 14))
    builders.child(council, date_of_birth=date(1952, 2, 14))  # 75 in 2027
    household = factories.resigned_household(council, resigned_on=date(2015, 6, 1))
    assessment = factories.withdrawn_assessment(council, withdrawn_on=date(2023, 2, 3))
    factories.closed_enquiry(other_council)  # another council's

    due = records_due(organisation_ids=[council.pk], today=TODAY)

    assert [(d.kind.value, d.record_id, d.due_on, d.fact) for d in due] == [
        ("household", household.pk, date(2025, 6, 1), "Resigned on 1 June 2015"),
        ("assessment", assessment.pk, date(2026, 2, 3), "Withdrawn on 3 February 2023"),
        ("child", child.pk, date(2026, 2, 14), "Born on 14 February 1951"),
    ]


def test_an_assessment_is_not_due_once_the_household_is_approved_to_foster(council):
    assessment = factories.withdrawn_assessment(council, withdrawn_on=date(2023, 2, 3))
    household_register(
        household=assessment.household,
        reference="FH-0900",
        carer_type=CarerType.MAINSTREAM,
        approved_on=date(2024, 5, 1),
        number_of_children=1,
        age_min=0,
        age_max=18,
        placement_types=["short_term"],
        by=None,
    )

    assert records_due(organisation_ids=[council.pk], today=TODAY) == []


def test_the_retention_of_one_record_says_when_it_falls_due_or_that_no_rule_covers_it_yet(
    council, service_manager
):
    closed = factories.closed_enquiry(council, closed_on=date(2025, 8, 4))
    still_open = recruitment_factories.enquiry(council)

    later = retention_of(user=service_manager, kind=RecordKind.ENQUIRY, pk=closed.pk)

    assert later is not None and (later.due_on, later.is_due(TODAY)) == (date(2027, 8, 4), False)
    assert retention_of(user=service_manager, kind=RecordKind.ENQUIRY, pk=still_open.pk) is None
