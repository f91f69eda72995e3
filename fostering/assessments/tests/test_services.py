"""Starting an assessment, recording what it needs, and the one transition with its guard."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fostering.accounts.roles import Role
from fostering.assessments.checklist import missing
from fostering.assessments.choices import AssessmentKind, Requirement, Stage, WithdrawalReason
from fostering.assessments.models import Assessment, StageChange
from fostering.assessments.selectors import assessment_get_for_user
from fostering.assessments.services import (
    application_create,
    assessing_social_worker_allocate,
    assessment_check_record,
    assessment_stage_change,
    previous_agency_reference_record,
    safeguarding_course_record,
    session_record,
)
from fostering.assessments.tests import factories
from fostering.audit.models import AuditEvent
from fostering.core.errors import NotAllowed
from fostering.people.choices import CheckKind, CheckOutcome
from fostering.people.models import Check, Household, Person
from fostering.recruitment.tests import factories as recruitment_factories

pytestmark = pytest.mark.django_db
ON = date(2025, 1, 6)


def _reload(assessment, user):
    return assessment_get_for_user(user=user, pk=assessment.pk)


def test_an_application_creates_the_household_its_applicants_and_the_assessment(council, service_manager):
    # given / when
    assessment = application_create(
        organisation=council,
        kind=AssessmentKind.MAINSTREAM,
        household_name="Okafor household",
        applicants=[
            {"first_name": "Ada", "last_name": "Okafor", "date_of_birth": date(1980, 1, 2)},
            {"first_name": "Ben", "last_name": "Okafor", "date_of_birth": date(1979, 3, 4)},
        ],
        application_accepted_on=ON,
        by=service_manager,
    )
    # then
    assert assessment.stage == Stage.APPLICATION
    assert assessment.target_panel_on == date(2025, 4, 28)  # 16 weeks, the mainstream target
    assert [m.person.full_name for m in assessment.household.members.order_by("person__first_name")] == [
        "Ada Okafor",
        "Ben Okafor",
    ]
    change = StageChange.objects.get(assessment=assessment)
    assert (change.from_stage, change.to_stage, change.changed_on, change.created_by) == (
        "",
        Stage.APPLICATION,
        ON,
        service_manager,
    )
    assert AuditEvent.objects.filter(verb="assessment_started", record_id=str(assessment.pk)).count() == 1


def test_an_applicant_under_18_is_refused_and_nothing_is_saved(council, service_manager):
    with pytest.raises(ValidationError) as refused:
        application_create(
            organisation=council,
            kind=AssessmentKind.MAINSTREAM,
            household_name="Young household",
            applicants=[{"first_name": "Kid", "last_name": "Young", "date_of_birth": date(2008, 1, 7)}],
            application_accepted_on=ON,
            by=service_manager,
        )
    assert refused.value.message_dict == {"applicant_1_date_of_birth": ["Applicants must be 18 or over"]}
    assert not Household.objects.exists() and not Person.objects.exists() and not Assessment.objects.exists()


def test_a_fast_track_needs_the_agency_it_transfers_from(council, service_manager):
    with pytest.raises(ValidationError) as refused:
        factories.application(council, kind=AssessmentKind.FAST_TRACK)
    assert refused.value.message_dict == {
        "previous_agency": ["Enter the agency or council the carers are transferring from"]
    }
    assert not Assessment.objects.exists()


def test_a_role_without_the_permission_cannot_start_one(council, make_staff):
    worker = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    factories.application(council, worker=worker)
    with pytest.raises(NotAllowed):
        application_create(
            organisation=council,
            kind=AssessmentKind.MAINSTREAM,
            household_name="X household",
            applicants=[{"first_name": "A", "last_name": "X", "date_of_birth": date(1980, 1, 1)}],
            application_accepted_on=ON,
            by=worker,
        )
    assert Assessment.objects.count() == 1  # only the factory's


def test_the_iv_coordinator_starts_only_independent_visitor_assessments(council, make_staff):
    coordinator = make_staff(council, Role.IV_COORDINATOR)
    values = {
        "organisation": council,
        "household_name": "Visitor household",
        "applicants": [{"first_name": "Vi", "last_name": "Sitor", "date_of_birth": date(1990, 1, 1)}],
        "application_accepted_on": ON,
        "by": coordinator,
    }
    with pytest.raises(ValidationError) as refused:
        application_create(kind=AssessmentKind.MAINSTREAM, **values)
    assert refused.value.message_dict == {"kind": ["You may not start this kind of assessment"]}
    assert not Assessment.objects.exists()
    assert application_create(kind=AssessmentKind.INDEPENDENT_VISITOR, **values).stage == Stage.APPLICATION


def test_a_check_received_before_it_was_requested_is_refused_beside_the_field(council, service_manager):
    assessment = factories.application(council)
    member = assessment.household.members.get()
    with pytest.raises(ValidationError) as refused:
        assessment_check_record(
            assessment=assessment,
            member=member,
            kind=CheckKind.DBS,
            requested_on=date(2025, 2, 10),
            received_on=date(2025, 2, 3),
            by=service_manager,
        )
    assert refused.value.message_dict == {
        "received_on": ["The date received must be on or after the date it was requested"]
    }
    assert not Check.objects.exists()


def test_a_check_on_someone_outside_the_household_is_refused(council, service_manager):
    assessment = factories.application(council)
    other = factories.application(council, name="Other household")
    with pytest.raises(ValidationError) as refused:
        assessment_check_record(
            assessment=assessment,
            member=other.household.members.get(),
            kind=CheckKind.DBS,
            requested_on=ON,
            by=service_manager,
        )
    assert refused.value.message_dict == {"member": ["Choose a current member of the applicants' household"]}
    assert not Check.objects.exists()


def test_the_transition_table_refuses_skipping_a_stage(council, service_manager):
    assessment = factories.application(council)
    with pytest.raises(ValidationError) as refused:
        assessment_stage_change(
            assessment=assessment, to_stage=Stage.READY_FOR_PANEL, changed_on=ON, by=service_manager
        )
    assert refused.value.message_dict == {
        "to_stage": ["An assessment at Application cannot move to Ready for panel"]
    }
    assert StageChange.objects.count() == 1


def test_stage2_needs_an_allocated_worker_and_every_check_requested(council, service_manager):
    assessment = factories.move(factories.application(council), Stage.STAGE1, on=ON)
    with pytest.raises(ValidationError) as refused:
        assessment_stage_change(
            assessment=assessment, to_stage=Stage.STAGE2, changed_on=ON, by=service_manager
        )
    name = assessment.household.members.get().person.full_name
    assert refused.value.message_dict == {
        "to_stage": [
            "Before Stage 2 (Form F): An assessing social worker allocated",
            f"Before Stage 2 (Form F): Every check requested: {name}: Enhanced DBS check, Local authority check, "
            "Medical (GP), Personal references, Employer reference",
        ]
    }
    assert Assessment.objects.get().stage == Stage.STAGE1


def test_the_missing_list_for_panel_names_each_gap_and_empties_when_all_is_in(council, make_staff):
    worker = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    assessment = factories.application(council, worker=worker)
    gaps = [item.requirement for item in missing(_reload(assessment, worker), Stage.READY_FOR_PANEL, ON)]
    assert gaps == [
        Requirement.CHECKS_CLEAR,
        Requirement.SKILLS_TO_FOSTER,
        Requirement.MENTOR_OFFERED,
        Requirement.AGREEMENT_SIGNED,
        Requirement.SESSIONS,
    ]
    factories.ready_to_move_to_panel(assessment, ON, sessions=5)
    (sessions,) = missing(_reload(assessment, worker), Stage.READY_FOR_PANEL, ON)
    assert sessions.message == "Assessment sessions held: 5 of 6 held"
    session_record(assessment=assessment, held_on=ON, by=None)
    assert missing(_reload(assessment, worker), Stage.READY_FOR_PANEL, ON) == []


def test_a_mainstream_assessment_walks_to_ready_for_panel(council, make_staff):
    worker = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    assessment = factories.application(council, worker=worker, couple=True)
    factories.ready_to_move_to_panel(assessment, ON)
    factories.move(assessment, Stage.STAGE1, Stage.STAGE2, Stage.READY_FOR_PANEL, on=ON)
    assessment.refresh_from_db()
    assert assessment.stage == Stage.READY_FOR_PANEL
    assert list(StageChange.objects.values_list("from_stage", "to_stage")) == [
        ("", "application"),
        ("application", "stage1"),
        ("stage1", "stage2"),
        ("stage2", "ready_for_panel"),
    ]


def test_a_fast_track_needs_the_previous_agency_reference_but_no_skills_to_foster(council, make_staff):
    worker = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    assessment = factories.application(
        council, worker=worker, kind=AssessmentKind.FAST_TRACK, previous_agency="Acorn Fostering"
    )
    assert assessment.target_panel_on == date(2025, 3, 17)  # 10 weeks
    factories.clear_checks(assessment, ON)
    factories.move(assessment, Stage.STAGE1, on=ON)
    assert [i.requirement for i in missing(_reload(assessment, worker), Stage.STAGE2, ON)] == [
        Requirement.PREVIOUS_AGENCY_REFERENCE
    ]
    previous_agency_reference_record(assessment=assessment, received_on=ON, by=None)
    factories.move(assessment, Stage.STAGE2, on=ON)
    gaps = [i.requirement for i in missing(_reload(assessment, worker), Stage.READY_FOR_PANEL, ON)]
    assert gaps == [Requirement.AGREEMENT_SIGNED, Requirement.SESSIONS]


def test_an_independent_visitor_needs_dbs_references_and_the_online_course(council, make_staff):
    worker = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    assessment = factories.application(council, worker=worker, kind=AssessmentKind.INDEPENDENT_VISITOR)
    member = assessment.household.members.get()
    for kind in (CheckKind.DBS, CheckKind.REFERENCE):
        assessment_check_record(
            assessment=assessment,
            member=member,
            kind=kind,
            requested_on=ON,
            received_on=ON,
            outcome=CheckOutcome.CLEAR,
            by=None,
        )
    gaps = [i.requirement for i in missing(_reload(assessment, worker), Stage.READY_FOR_PANEL, ON)]
    assert gaps == [Requirement.SAFEGUARDING_COURSE, Requirement.SESSIONS]
    safeguarding_course_record(assessment=assessment, completed_on=ON, by=None)
    session_record(assessment=assessment, held_on=ON, by=None)
    factories.move(assessment, Stage.STAGE1, Stage.STAGE2, Stage.READY_FOR_PANEL, on=ON)
    assert Assessment.objects.get().stage == Stage.READY_FOR_PANEL


def test_hold_needs_a_reason_and_resumes_only_to_the_stage_it_left(council, service_manager):
    assessment = factories.move(factories.application(council), Stage.STAGE1, on=ON)
    with pytest.raises(ValidationError) as refused:
        assessment_stage_change(
            assessment=assessment, to_stage=Stage.ON_HOLD, changed_on=ON, by=service_manager
        )
    assert refused.value.message_dict == {"reason": ["Give the reason the assessment is on hold"]}
    assessment_stage_change(
        assessment=assessment, to_stage=Stage.ON_HOLD, changed_on=ON, reason="House move", by=service_manager
    )
    with pytest.raises(ValidationError) as refused:
        assessment_stage_change(
            assessment=assessment, to_stage=Stage.APPLICATION, changed_on=ON, by=service_manager
        )
    assert refused.value.message_dict == {
        "to_stage": ["An assessment on hold resumes at the stage it was put on hold from"]
    }
    assessment_stage_change(assessment=assessment, to_stage=Stage.STAGE1, changed_on=ON, by=service_manager)
    assert Assessment.objects.get().stage == Stage.STAGE1


def test_withdrawal_needs_an_ofsted_code_and_is_final(council, service_manager):
    assessment = factories.application(council)
    with pytest.raises(ValidationError) as refused:
        assessment_stage_change(
            assessment=assessment,
            to_stage=Stage.WITHDRAWN,
            changed_on=ON,
            reason="Moving away",
            by=service_manager,
        )
    assert refused.value.message_dict == {"withdrawal_reason": ["Choose the reason code (AW0 to AW5)"]}
    assessment_stage_change(
        assessment=assessment,
        to_stage=Stage.WITHDRAWN,
        changed_on=ON,
        reason="Moving away",
        withdrawal_reason=WithdrawalReason.AW3,
        by=service_manager,
    )
    saved = Assessment.objects.get()
    assert (saved.stage, saved.withdrawal_reason) == (Stage.WITHDRAWN, "AW3")
    with pytest.raises(ValidationError):
        assessment_stage_change(assessment=saved, to_stage=Stage.STAGE1, changed_on=ON, by=service_manager)
    with pytest.raises(ValidationError) as refused:
        session_record(assessment=saved, held_on=ON, by=service_manager)
    assert refused.value.message_dict == {
        "held_on": ["The assessment has been withdrawn: nothing more can be recorded"]
    }
    assert StageChange.objects.filter(to_stage=Stage.WITHDRAWN).count() == 1


def test_the_manager_allocates_a_worker_of_the_same_council_only(
    council, other_council, make_staff, service_manager
):
    assessment = factories.application(council)
    stranger = make_staff(other_council, Role.ASSESSING_SOCIAL_WORKER)
    with pytest.raises(ValidationError) as refused:
        assessing_social_worker_allocate(assessment=assessment, social_worker=stranger, by=service_manager)
    assert refused.value.message_dict == {
        "assessing_social_worker": ["Choose an assessing social worker of the same organisation"]
    }
    assert Assessment.objects.get().assessing_social_worker is None
    worker = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    assessing_social_worker_allocate(assessment=assessment, social_worker=worker, by=service_manager)
    assert Assessment.objects.get().assessing_social_worker == worker
    event = AuditEvent.objects.get(verb="assessing_social_worker_allocated")
    assert event.actor == service_manager and event.changes["assessing_social_worker"][0] is None


def test_an_enquiry_starts_one_assessment_and_its_enquirer_becomes_the_applicant(council):
    enquiry = recruitment_factories.visited_enquiry(council, first_name="Ada", last_name="Okafor")
    applicant = {
        "person": enquiry.person,
        "first_name": "Ada",
        "last_name": "Okafor",
        "date_of_birth": date(1980, 5, 1),
    }
    assessment = application_create(
        organisation=council,
        kind=AssessmentKind.MAINSTREAM,
        household_name="Okafor household",
        applicants=[applicant],
        application_accepted_on=date(2025, 1, 6),
        enquiry_id=enquiry.pk,
        by=None,
    )
    member = assessment.household.members.get()
    assert member.person_id == enquiry.person_id
    enquiry.person.refresh_from_db()
    assert enquiry.person.date_of_birth == date(1980, 5, 1)
    with pytest.raises(ValidationError) as error:
        application_create(
            organisation=council,
            kind=AssessmentKind.MAINSTREAM,
            household_name="Okafor household 2",
            applicants=[{"first_name": "Ada", "last_name": "Okafor", "date_of_birth": date(1980, 5, 1)}],
            application_accepted_on=date(2025, 1, 6),
            enquiry_id=enquiry.pk,
            by=None,
        )
    assert error.value.message_dict["household"] == [
        "An assessment has already been started from this enquiry"
    ]
