"""The panel's clocks: papers to members 5 working days before each meeting (panel_papers), the agency
decision maker's decision 7 working days from the recommendation (adm_decision), and each member's annual
appraisal (panel_appraisal: the chair appraises the members, the decision maker the chair and vice chairs).
Computed, never stored."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Max, QuerySet
from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with, roles_of
from fostering.accounts.roles import Role
from fostering.deadlines.items import Deadline, WorkItem

from .choices import MeetingStatus, PanelRole
from .models import PanelItem, PanelMeeting, PanelMember
from .selectors import adm_queue_for_user

APPRAISED = frozenset(PanelRole) - {PanelRole.ADMINISTRATOR}
CHAIRS = frozenset({PanelRole.CHAIR, PanelRole.VICE_CHAIR})


def papers_deadline(meeting: PanelMeeting, *, today: date) -> Deadline | None:
    if meeting.status == MeetingStatus.CANCELLED:
        return None
    return Deadline.compute("panel_papers", meeting.meets_on, met_on=meeting.papers_sent_on, today=today)


def decision_deadline(item: PanelItem, *, today: date) -> Deadline | None:
    if item.recommended_on is None:
        return None
    decision = getattr(item, "decision", None)
    met_on = decision.decided_on if decision is not None else None
    return Deadline.compute("adm_decision", item.recommended_on, met_on=met_on, today=today)


def with_last_appraisal(members: QuerySet[PanelMember]) -> QuerySet[PanelMember]:
    return members.annotate(last_appraisal_on=Max("appraisals__held_on"))


def appraisal_deadline(member: PanelMember, *, today: date) -> Deadline | None:
    """``member`` from ``with_last_appraisal``; none once they have left, or for the administrator."""
    if member.left_on is not None or member.role not in APPRAISED:
        return None
    return Deadline.compute(
        "panel_appraisal", getattr(member, "last_appraisal_on", None) or member.joined_on, today=today
    )


def _appraisals_to_hold(user: User) -> QuerySet[PanelMember]:
    """The chair holds the members' appraisals; the decision maker holds the chair's and vice chairs'."""
    chairing = PanelMember.objects.filter(user=user, role=PanelRole.CHAIR, left_on__isnull=True).values(
        "organisation_id"
    )
    deciding = organisations_with(user, Perm.DECIDE_ON_RECOMMENDATION)
    members = PanelMember.objects.filter(left_on__isnull=True, role__in=list(APPRAISED)).exclude(user=user)
    return with_last_appraisal(
        members.filter(organisation_id__in=chairing).exclude(role__in=list(CHAIRS))
        | members.filter(organisation_id__in=deciding, role__in=list(CHAIRS))
    ).select_related("user")


def item_deadlines(item: PanelItem, *, today: date) -> list[Deadline]:
    deadline = decision_deadline(item, today=today)
    return [deadline] if deadline is not None else []


def panel_work(user: User, today: date) -> Iterator[WorkItem]:
    """Papers to send, for those who run the panel; decisions to make, for the agency decision maker."""
    orgs = organisations_with(user, Perm.MANAGE_PANEL)
    if orgs:
        meetings = PanelMeeting.objects.filter(
            organisation_id__in=orgs, status=MeetingStatus.PLANNED, papers_sent_on__isnull=True
        ).order_by("meets_on")
        for meeting in meetings:
            deadline = papers_deadline(meeting, today=today)
            if deadline is not None and deadline.status.is_open:
                url = reverse("panel:meeting_detail", args=[meeting.pk])
                yield WorkItem(deadline, deadline.title, str(meeting), url, meeting.organisation_id)
    holds_appraisals = Role.PANEL_CHAIR in roles_of(user) or organisations_with(
        user, Perm.DECIDE_ON_RECOMMENDATION
    )
    for member in _appraisals_to_hold(user) if holds_appraisals else []:
        appraisal = appraisal_deadline(member, today=today)
        if appraisal is not None and appraisal.status.is_open:
            url = reverse("panel:member_detail", args=[member.pk])
            yield WorkItem(appraisal, appraisal.title, str(member), url, member.organisation_id)
    for item in adm_queue_for_user(user=user):
        deadline = decision_deadline(item, today=today)
        if deadline is not None and deadline.status.is_open:
            url = reverse("panel:decision", args=[item.pk])
            yield WorkItem(deadline, deadline.title, str(item), url, item.organisation_id)
