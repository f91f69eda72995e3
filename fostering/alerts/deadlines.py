"""The response clock of each stage of a concern, and the alerts on My work.

A council stage answers within the working days the council set when the stage started
(``AlertResponseClock``, else the ``practice_alert_response`` rule's 5 working days), counted on the
England working-day calendar. My work shows the person a stage is addressed to the responses due from
them, and the IRO who raised a concern the stages whose response is overdue.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.deadlines.calendar import add_working_days
from fostering.deadlines.items import Deadline, WorkItem
from fostering.deadlines.rules import get_rule
from fostering.deadlines.status import DeadlineStatus, deadline_status

from .choices import COUNCIL_STAGES, RESPONSE_RULE
from .models import AlertResponseClock, AlertStageRecord, PracticeAlert


def default_working_days() -> int:
    return get_rule(RESPONSE_RULE).amount


def council_clocks(organisation_id: int) -> dict[str, int]:
    """Working days to respond at each council stage: the council's setting, else the rule's default."""
    clocks = dict.fromkeys(COUNCIL_STAGES, default_working_days())
    clocks.update(
        AlertResponseClock.objects.filter(organisation_id=organisation_id).values_list(
            "stage", "working_days"
        )
    )
    return clocks


def stage_deadline(stage: AlertStageRecord, *, today: date) -> Deadline | None:
    """The stage's response clock (None outside the council, where no response is due)."""
    if stage.response_working_days is None:
        return None
    due = add_working_days(stage.started_on, stage.response_working_days)
    # A stage closed without a response (escalated or resolved) stopped its clock on the day it closed.
    met_on = stage.responded_on
    status = deadline_status(
        due=due,
        met_on=met_on,
        today=stage.ended_on if met_on is None and stage.ended_on is not None else today,
        due_soon_working_days=get_rule(RESPONSE_RULE).due_soon,
    )
    return Deadline(rule=RESPONSE_RULE, due=due, met_on=met_on, status=status)


def child_alert_deadlines(child: Any, today: date) -> list[Deadline]:
    """The open response clocks of the child's concerns (for the child's page)."""
    stages = AlertStageRecord.objects.filter(
        alert__child=child, ended_on__isnull=True, responded_on__isnull=True
    ).exclude(response_working_days__isnull=True)
    return [d for stage in stages if (d := stage_deadline(stage, today=today)) is not None]


def _subject(alert: PracticeAlert) -> str:
    return f"{alert.child.person.full_name}: {alert.get_theme_display()}"


def _open_stages() -> QuerySet[AlertStageRecord]:
    return AlertStageRecord.objects.filter(
        ended_on__isnull=True, responded_on__isnull=True, response_working_days__isnull=False
    ).select_related("alert__child__person")


def responses_due_work(user: User, today: date) -> Iterator[WorkItem]:
    """The responses due from the user: the open stages addressed to them."""
    orgs = organisations_with(user, Perm.ANSWER_PRACTICE_ALERT)
    if not orgs:
        return
    for stage in _open_stages().filter(organisation_id__in=orgs, addressed_to=user):
        deadline = stage_deadline(stage, today=today)
        assert deadline is not None
        yield WorkItem(
            deadline,
            f"Respond to the IRO's concern ({stage.get_stage_display()})",
            _subject(stage.alert),
            reverse("alerts:detail", args=[stage.alert_id]),
            stage.organisation_id,
        )


def iro_overdue_work(user: User, today: date) -> Iterator[WorkItem]:
    """The IRO's concerns whose stage has not answered in time: escalate, or chase the response."""
    orgs = organisations_with(user, Perm.RAISE_PRACTICE_ALERT)
    if not orgs:
        return
    for stage in _open_stages().filter(organisation_id__in=orgs, alert__raised_by=user):
        deadline = stage_deadline(stage, today=today)
        if deadline is None or deadline.status != DeadlineStatus.OVERDUE:
            continue
        yield WorkItem(
            deadline,
            f"No response at {stage.get_stage_display().lower()}: escalate or chase",
            _subject(stage.alert),
            reverse("alerts:detail", args=[stage.alert_id]),
            stage.organisation_id,
        )
