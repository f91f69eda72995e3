"""The read side of the panel. The administrator, the service manager and the agency decision maker see
the whole council's panel; members, the chair and the adviser see only the meetings they are invited to
(and those meetings' items and papers). Out of reach is a 404."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with

from .choices import DECIDED_BY_ADM
from .models import Attendance, PanelItem, PanelMeeting, PanelMember

MEETING_PERMS = (Perm.VIEW_PANEL, Perm.VIEW_OWN_PANEL_MEETINGS)


def meeting_list_for_user(*, user: User, year: int | None = None, status: str = "") -> QuerySet[PanelMeeting]:
    whole = organisations_with(user, Perm.VIEW_PANEL)
    own = organisations_with(user, Perm.VIEW_OWN_PANEL_MEETINGS) - whole
    invited = Attendance.objects.filter(organisation_id__in=own, member__user=user).values("meeting_id")
    meetings = PanelMeeting.objects.filter(Q(organisation_id__in=whole) | Q(pk__in=invited))
    if year:
        meetings = meetings.filter(meets_on__year=year)
    if status:
        meetings = meetings.filter(status=status)
    return meetings.annotate(item_count=Count("items", distinct=True)).order_by("-meets_on", "-id")


def meeting_get_for_user(*, user: User, pk: int) -> PanelMeeting:
    """Raises PanelMeeting.DoesNotExist when the meeting is out of the user's reach."""
    return (
        meeting_list_for_user(user=user)
        .prefetch_related(
            Prefetch(
                "attendance",
                queryset=Attendance.objects.select_related("member__user").order_by("member__role", "id"),
            )
        )
        .get(pk=pk)
    )


def item_list_for_user(*, user: User) -> QuerySet[PanelItem]:
    meetings = meeting_list_for_user(user=user).values("pk")
    return PanelItem.objects.filter(meeting__in=meetings).select_related(
        "meeting", "household", "supervising_social_worker", "decision"
    )


def item_get_for_user(*, user: User, pk: int) -> PanelItem:
    """Raises PanelItem.DoesNotExist when the item's meeting is out of the user's reach."""
    return (
        item_list_for_user(user=user)
        .select_related("assessment", "kinship_assessment", "fostering_household", "household_review")
        .prefetch_related("sitting__user", "conflicts__member__user", "feedback")
        .get(pk=pk)
    )


def adm_queue_for_user(*, user: User) -> QuerySet[PanelItem]:
    """Recommendations waiting for the agency decision maker, oldest first."""
    orgs = organisations_with(user, Perm.DECIDE_ON_RECOMMENDATION)
    return (
        PanelItem.objects.filter(
            organisation_id__in=orgs, recommendation__in=list(DECIDED_BY_ADM), decision__isnull=True
        )
        .select_related("meeting", "household", "decision")
        .order_by("recommended_on", "id")
    )


def member_list_for_user(*, user: User, current: bool = True) -> QuerySet[PanelMember]:
    orgs = organisations_with(user, Perm.VIEW_PANEL_MEMBERS)
    members = PanelMember.objects.filter(organisation_id__in=orgs)
    if current:
        members = members.filter(left_on__isnull=True)
    return members.select_related("user").order_by("role", "user__last_name", "user__first_name", "id")


def member_get_for_user(*, user: User, pk: int) -> PanelMember:
    return member_list_for_user(user=user, current=False).get(pk=pk)


def members_of(organisation_id: int) -> QuerySet[PanelMember]:
    """The current central list of an organisation (for choosing who to invite)."""
    return (
        PanelMember.objects.filter(organisation_id=organisation_id, left_on__isnull=True)
        .select_related("user")
        .order_by("role", "user__last_name", "id")
    )
