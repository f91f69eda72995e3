"""Practice alerts: raised, answered stage by stage, escalated by the table, resolved; refusals write nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.alerts import services
from fostering.alerts.choices import AlertKind, AlertStage
from fostering.alerts.deadlines import iro_overdue_work, responses_due_work, stage_deadline
from fostering.alerts.models import AlertMove, AlertStageRecord, PracticeAlert
from fostering.alerts.selectors import alert_figures, alert_list_for_user
from fostering.audit.models import AuditEvent
from fostering.deadlines.status import DeadlineStatus
from tests import builders

pytestmark = pytest.mark.django_db

RAISED = date(2025, 6, 2)  # a Monday


@pytest.fixture
def people(council, make_staff):
    sw = make_staff(council, Role.CHILDS_SOCIAL_WORKER)
    child = builders.child(council, social_worker=sw)
    builders.in_care(child, started_on=date(2024, 1, 20))
    return {
        "child": child,
        "iro": make_staff(council, Role.IRO),
        "sw": sw,
        "manager": make_staff(council, Role.SERVICE_MANAGER),
    }


def _concern(people, **kwargs):
    values = {
        "child": people["child"],
        "kind": AlertKind.CONCERN,
        "theme": "drift",
        "text": "Sam, your plan to live with your aunt has not moved since March.",
        "raised_on": RAISED,
        "by": people["iro"],
    }
    return services.alert_raise(**(values | kwargs))


def test_a_concern_starts_at_the_team_manager_with_a_five_working_day_clock(people):
    alert = _concern(people)
    stage = alert.stages.get()
    assert (alert.stage, stage.stage, stage.addressed_to, stage.response_working_days) == (
        AlertStage.TEAM_MANAGER,
        AlertStage.TEAM_MANAGER,
        people["sw"],
        5,
    )
    deadline = stage_deadline(stage, today=RAISED)
    assert deadline is not None and deadline.due == date(2025, 6, 9)
    assert list(alert.moves.values_list("from_stage", "to_stage")) == [("", "team_manager")]
    assert AuditEvent.objects.filter(verb="practice_alert_raised").count() == 2  # the alert and the child


def test_the_councils_setting_sets_the_clock_of_stages_started_after_it(people, council):
    services.response_clock_set(
        organisation=council, stage=AlertStage.SERVICE_MANAGER, working_days=10, by=people["manager"]
    )
    alert = _concern(people)
    stage = services.alert_escalate(
        alert=alert,
        to_stage=AlertStage.SERVICE_MANAGER,
        escalated_on=date(2025, 6, 10),
        reason="No answer",
        by=people["iro"],
    )
    # 10 working days from Tuesday 10 June 2025
    deadline = stage_deadline(stage, today=RAISED)
    assert deadline is not None
    assert (stage.response_working_days, deadline.due) == (10, date(2025, 6, 24))


def test_a_good_practice_note_has_no_stage_and_cannot_be_escalated(people):
    note = _concern(people, kind=AlertKind.GOOD_PRACTICE, theme="practice")
    assert (note.stage, note.stages.count()) == ("", 0)
    with pytest.raises(ValidationError) as refused:
        services.alert_escalate(
            alert=note, to_stage=AlertStage.SERVICE_MANAGER, escalated_on=RAISED, reason="x", by=people["iro"]
        )
    assert "good-practice note" in refused.value.message_dict["to_stage"][0]


def test_the_walk_through_two_stages_to_resolution(people):
    alert = _concern(people)
    services.alert_respond(
        alert=alert,
        stage="team_manager",
        response="We will book the meeting.",
        responded_on=date(2025, 6, 4),
        by=people["sw"],
    )
    services.alert_escalate(
        alert=alert,
        to_stage=AlertStage.SERVICE_MANAGER,
        escalated_on=date(2025, 6, 12),
        reason="The meeting was not booked",
        addressed_to=people["manager"],
        by=people["iro"],
    )
    services.alert_respond(
        alert=alert,
        stage="service_manager",
        response="Booked for 20 June.",
        responded_on=date(2025, 6, 13),
        by=people["manager"],
    )
    services.alert_resolve(
        alert=alert, resolved_on=date(2025, 6, 20), resolution="Meeting held", by=people["iro"]
    )
    alert.refresh_from_db()
    assert (alert.resolved_on, alert.resolved_stage) == (date(2025, 6, 20), AlertStage.SERVICE_MANAGER)
    assert list(alert.moves.values_list("from_stage", "to_stage")) == [
        ("", "team_manager"),
        ("team_manager", "service_manager"),
        ("service_manager", "resolved"),
    ]
    assert list(alert.stages.values_list("stage", "ended_on")) == [
        ("team_manager", date(2025, 6, 12)),
        ("service_manager", date(2025, 6, 20)),
    ]


def test_escalation_follows_the_stage_table_only(people):
    alert = _concern(people)
    with pytest.raises(ValidationError) as refused:
        services.alert_escalate(
            alert=alert, to_stage=AlertStage.DIRECTOR, escalated_on=RAISED, reason="x", by=people["iro"]
        )
    assert refused.value.message_dict["to_stage"] == [
        "From stage 1: team manager a concern moves only to stage 2: service manager"
    ]
    assert (AlertStageRecord.objects.count(), AlertMove.objects.count()) == (1, 1)


def test_bad_input_is_refused_beside_its_field_and_nothing_is_written(people):
    with pytest.raises(ValidationError) as refused:
        _concern(people, text="   ")
    assert "Write the alert to the child" in refused.value.message_dict["text"][0]
    assert PracticeAlert.objects.count() == 0
    alert = _concern(people)
    with pytest.raises(ValidationError) as empty:
        services.alert_respond(
            alert=alert, stage="team_manager", response=" ", responded_on=RAISED, by=people["sw"]
        )
    assert "response" in empty.value.message_dict
    services.alert_resolve(alert=alert, resolved_on=date(2025, 6, 5), by=people["iro"])
    with pytest.raises(ValidationError) as resolved:
        services.alert_escalate(
            alert=alert,
            to_stage=AlertStage.SERVICE_MANAGER,
            escalated_on=date(2025, 6, 6),
            reason="x",
            by=people["iro"],
        )
    assert resolved.value.message_dict["to_stage"] == [
        "The concern was resolved on 5 June 2025 (stage 1: team manager): it cannot move again"
    ]
    assert AlertStageRecord.objects.filter(responded_on__isnull=False).count() == 0
    assert AlertMove.objects.count() == 2


def test_a_response_on_a_stage_that_has_closed_is_refused(people):
    alert = _concern(people)
    services.alert_escalate(
        alert=alert,
        to_stage=AlertStage.SERVICE_MANAGER,
        escalated_on=date(2025, 6, 10),
        reason="No answer",
        by=people["iro"],
    )
    with pytest.raises(ValidationError) as refused:
        services.alert_respond(
            alert=alert,
            stage="team_manager",
            response="Late answer",
            responded_on=date(2025, 6, 11),
            by=people["sw"],
        )
    assert refused.value.message_dict["response"] == [
        "Stage 1: team manager has closed: the concern is now at stage 2: service manager"
    ]
    assert AlertStageRecord.objects.filter(responded_on__isnull=False).count() == 0


def test_my_work_shows_the_response_due_to_the_person_and_the_overdue_to_the_iro(people):
    alert = _concern(people)
    due = list(responses_due_work(people["sw"], date(2025, 6, 5)))
    assert [(i.deadline.due, i.url) for i in due] == [
        (date(2025, 6, 9), reverse("alerts:detail", args=[alert.pk]))
    ]
    assert list(iro_overdue_work(people["iro"], date(2025, 6, 9))) == []
    overdue = list(iro_overdue_work(people["iro"], date(2025, 6, 10)))
    assert [i.deadline.status for i in overdue] == [DeadlineStatus.OVERDUE]
    assert list(responses_due_work(people["manager"], date(2025, 6, 5))) == []


def test_my_work_asks_once_whatever_the_number_of_alerts(people):
    _concern(people)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            list(responses_due_work(people["sw"], date(2025, 6, 5)))
            list(iro_overdue_work(people["iro"], date(2025, 6, 20)))
        return len(ctx.captured_queries)

    people["sw"].refresh_from_db()
    people["iro"].refresh_from_db()
    count()  # memberships cached on the users
    few = count()
    for _ in range(5):
        _concern(people)
    assert (few, count()) == (2, 2)


def test_the_figures_count_by_theme_stage_reached_resolved_at_and_working_days(people):
    first = _concern(people)
    services.alert_escalate(
        alert=first,
        to_stage=AlertStage.SERVICE_MANAGER,
        escalated_on=date(2025, 6, 10),
        reason="x",
        by=people["iro"],
    )
    services.alert_resolve(alert=first, resolved_on=date(2025, 6, 16), by=people["iro"])  # 10 working days
    second = _concern(people, theme="report")
    services.alert_resolve(alert=second, resolved_on=date(2025, 6, 4), by=people["iro"])  # 2 working days
    _concern(people, kind=AlertKind.GOOD_PRACTICE, theme="practice")
    figures = alert_figures(user=people["manager"], year=2025)
    themes = {label: (good.count, concern.count) for label, good, concern in figures.by_theme}
    assert themes == {
        "Report quality or timeliness": (0, 1),
        "Drift or delay": (0, 1),
        "Statutory duty not met": (0, 0),
        "Practice": (1, 0),
    }
    assert [f.count for f in figures.reached][:2] == [1, 1]
    assert [f.count for f in figures.resolved_at][:2] == [1, 1]
    assert (figures.resolve_days_median, figures.resolve_days_longest) == (6.0, 10)
    # each figure opens its alerts
    reached = figures.reached[1]
    assert list(
        alert_list_for_user(user=people["manager"], status="all", reached=reached.query["reached"], year=2025)
    ) == [first]


def test_the_list_filters_and_is_scoped_to_the_childs_social_worker(people, council, make_staff):
    alert = _concern(people)
    other_sw = make_staff(council, Role.CHILDS_SOCIAL_WORKER)
    assert list(alert_list_for_user(user=people["sw"])) == [alert]
    assert list(alert_list_for_user(user=other_sw)) == []
    assert list(alert_list_for_user(user=people["iro"], status="resolved")) == []
    assert list(alert_list_for_user(user=people["iro"], theme="report")) == []
