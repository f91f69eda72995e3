"""The assessment clocks, computed from the application date and the stage history, never stored.

Both clocks run from the date the application was accepted and pause while the assessment is on hold:
the due date moves on by the days spent on hold before the clock was met (up to today while still on
hold). Stage 1 is met when the assessment first moves on to Stage 2; the whole assessment when it is
first ready for panel. A withdrawn assessment has no clocks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import organisations_with
from fostering.deadlines.items import Deadline, WorkItem

from .choices import OPEN_STAGES, Stage
from .models import Assessment, StageChange
from .selectors import VIEW_PERMS, assessment_list_for_user, with_stage_changes

# Each clock, and the stage whose first arrival meets it.
CLOCKS = (("stage1_complete", Stage.STAGE2), ("assessment_complete", Stage.READY_FOR_PANEL))


@dataclass(frozen=True)
class Pause:
    start: date
    end: date | None  # None: still on hold

    def days_until(self, until: date) -> int:
        end = self.end if self.end is not None else until
        return max(0, (min(end, until) - self.start).days)


@dataclass(frozen=True)
class Clock:
    deadline: Deadline
    paused_days: int

    @property
    def title(self) -> str:
        return self.deadline.title


def pauses(changes: Sequence[StageChange]) -> list[Pause]:
    """The spells on hold, from the stage changes in date order."""
    spells: list[Pause] = []
    started: date | None = None
    for change in changes:
        if change.to_stage == Stage.ON_HOLD and started is None:
            started = change.changed_on
        elif change.to_stage != Stage.ON_HOLD and started is not None:
            spells.append(Pause(started, change.changed_on))
            started = None
    if started is not None:
        spells.append(Pause(started, None))
    return spells


def _first_arrival(changes: Sequence[StageChange], stage: Stage) -> date | None:
    """The first day the assessment reached ``stage`` (reaching a later stage of the main line counts)."""
    later = {
        Stage.STAGE2: {Stage.STAGE2, Stage.READY_FOR_PANEL},
        Stage.READY_FOR_PANEL: {Stage.READY_FOR_PANEL},
    }
    for change in changes:
        if change.to_stage in later[stage]:
            return change.changed_on
    return None


def _changes(assessment: Assessment) -> list[StageChange]:
    return sorted(assessment.stage_changes.all(), key=lambda c: (c.changed_on, c.pk or 0))


def assessment_clocks(assessment: Assessment, *, today: date) -> list[Clock]:
    """The two clocks with the days they were paused (``assessment`` from ``with_stage_changes``)."""
    if assessment.stage not in OPEN_STAGES:
        return []
    changes = _changes(assessment)
    spells = pauses(changes)
    clocks = []
    for rule, meets in CLOCKS:
        met_on = _first_arrival(changes, meets)
        until = met_on or today
        paused = sum(p.days_until(until) for p in spells)
        start = assessment.application_accepted_on + timedelta(days=paused)
        clocks.append(Clock(Deadline.compute(rule, start, met_on=met_on, today=today), paused))
    return clocks


def assessment_deadlines(assessment: Assessment, *, today: date) -> list[Deadline]:
    return [clock.deadline for clock in assessment_clocks(assessment, today=today)]


def assessing_social_worker_work(user: User, today: date) -> Iterator[WorkItem]:
    """The open clocks of the assessments allocated to the user (nobody else's, whatever their role)."""
    if not organisations_with(user, *VIEW_PERMS):
        return
    assessments = with_stage_changes(
        assessment_list_for_user(user=user, stage="open").filter(assessing_social_worker=user)
    )
    for assessment in assessments:
        if assessment.stage == Stage.ON_HOLD:
            continue  # the clocks are paused
        url = reverse("assessments:detail", args=[assessment.pk])
        for deadline in assessment_deadlines(assessment, today=today):
            if deadline.status.is_open:
                yield WorkItem(
                    deadline, deadline.title, assessment.household.name, url, assessment.organisation_id
                )
