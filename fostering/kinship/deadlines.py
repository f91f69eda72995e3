"""The kinship clocks, computed from the assessment's dated facts, never stored.

A Regulation 24 placement starts the temporary approval (reg24_approval, 16 weeks). A Regulation 25
extension runs 8 weeks from the end of the temporary approval (reg25_extension). The approval *lapses* at the
end of whichever applies; the assessment must reach panel (or court) before then, so that is also the due date
of the assessment itself (the domain sets no separate Form C timescale).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from fostering.accounts.models import User
from fostering.deadlines.items import Deadline, WorkItem
from fostering.deadlines.rules import due_date
from fostering.deadlines.status import deadline_status

from .choices import Stage
from .models import KinshipAssessment

PANEL_TITLE = "Assessment to panel or court before approval lapses"


def _day(value: object) -> date:
    assert isinstance(value, date)
    return value


def temporary_approval_ends(assessment: KinshipAssessment) -> date | None:
    if assessment.placed_on is None:
        return None
    return _day(due_date("reg24_approval", assessment.placed_on))


def extension_ends(assessment: KinshipAssessment) -> date | None:
    ends = temporary_approval_ends(assessment)
    if ends is None or assessment.extension_granted_on is None:
        return None
    return _day(due_date("reg25_extension", ends))


def lapses_on(assessment: KinshipAssessment) -> date | None:
    """The day the connected person's approval ends unless a decision is made first."""
    return extension_ends(assessment) or temporary_approval_ends(assessment)


def has_lapsed(assessment: KinshipAssessment, today: date) -> bool:
    """The approval ended without a decision: the placement must end (or the child be placed elsewhere)."""
    lapse = lapses_on(assessment)
    return lapse is not None and not assessment.decided_on and today > lapse


def days_left(assessment: KinshipAssessment, today: date) -> int | None:
    lapse = lapses_on(assessment)
    return None if lapse is None else (lapse - today).days


def assessment_deadlines(assessment: KinshipAssessment, *, today: date) -> list[Deadline]:
    """The Regulation 24 clock and, once granted, the Regulation 25 clock (empty with no placement)."""
    if assessment.placed_on is None:
        return []
    ended_by = [d for d in (assessment.extension_granted_on, assessment.decided_on) if d is not None]
    reg24 = Deadline.compute(
        "reg24_approval", assessment.placed_on, met_on=min(ended_by) if ended_by else None, today=today
    )
    clocks = [reg24]
    if assessment.extension_granted_on is not None:
        clocks.append(
            Deadline.compute("reg25_extension", _day(reg24.due), met_on=assessment.decided_on, today=today)
        )
    return clocks


def lapse_deadline(assessment: KinshipAssessment, *, today: date) -> Deadline | None:
    """The clock that decides when approval lapses: the extension's if granted, else the temporary approval's."""
    clocks = assessment_deadlines(assessment, today=today)
    return clocks[-1] if clocks else None


def panel_deadline(assessment: KinshipAssessment, *, today: date) -> Deadline | None:
    """The assessment reaching panel or court, due when approval lapses; met when it moved to awaiting
    decision (``reached_panel_on``, annotated by the selectors) or was decided."""
    lapse = lapse_deadline(assessment, today=today)
    if lapse is None:
        return None
    reached = getattr(assessment, "reached_panel_on", None) or assessment.decided_on
    status = deadline_status(due=lapse.due, met_on=reached, today=today, due_soon_working_days=10)
    return Deadline(rule=lapse.rule, due=lapse.due, met_on=reached, status=status)


def kinship_worker_work(user: User, today: date) -> Iterator[WorkItem]:
    """The Regulation 24/25 clocks of the open assessments allocated to the user, and their panel dates."""
    from .selectors import assessment_list_for_user

    assessments = assessment_list_for_user(user=user, status="open").filter(
        social_worker=user, placed_on__isnull=False
    )
    for assessment in assessments:
        url = reverse("kinship:detail", args=[assessment.pk])
        subject = f"{assessment.child.person.full_name} ({assessment.relationship})"
        lapse = lapse_deadline(assessment, today=today)
        if lapse is not None and lapse.status.is_open:
            yield WorkItem(lapse, lapse.title, subject, url, assessment.organisation_id)
        panel = panel_deadline(assessment, today=today)
        if (
            panel is not None
            and panel.status.is_open
            and assessment.stage
            in (
                Stage.VIABILITY,
                Stage.FULL_ASSESSMENT,
            )
        ):
            yield WorkItem(panel, PANEL_TITLE, subject, url, assessment.organisation_id)
