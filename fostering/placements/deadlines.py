"""The placement clocks: a referral must be placed by its latest start date. My work shows the duty team
the open referrals of their councils whose date is near or past."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.deadlines.items import Deadline, WorkItem

from .choices import OPEN_REFERRAL_STATUSES, ReferralStatus
from .models import Referral


def referral_deadline(referral: Referral, *, today: date) -> Deadline:
    """Due on the latest start date; met the day the child was placed."""
    placed_on = referral.placement.started_on if referral.placement_id and referral.placement else None
    if placed_on is None and referral.status == ReferralStatus.PLACED:
        placed_on = referral.status_changed_on
    start = referral.latest_start_on - timedelta(days=1)
    return Deadline.compute("referral_latest_start", start, met_on=placed_on, today=today)


def duty_team_work(user: User, today: date) -> Iterator[WorkItem]:
    orgs = organisations_with(user, Perm.MATCH_PLACEMENT)
    if not orgs:
        return
    referrals = Referral.objects.filter(
        organisation_id__in=orgs, status__in=OPEN_REFERRAL_STATUSES
    ).select_related("child__person", "placement")
    for referral in referrals:
        clock = referral_deadline(referral, today=today)
        if clock.status.value in ("due_soon", "overdue"):
            yield WorkItem(
                clock,
                clock.title,
                f"{referral.child.person.full_name} ({referral.get_placement_type_display().lower()})",
                reverse("placements:referral_detail", args=[referral.pk]),
                referral.organisation_id,
            )
