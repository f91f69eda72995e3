"""The carers' views for their household review, given ahead of it (from the portal). They are kept as the
review's views are, as a ``ReviewView`` of the carers' source, waiting on the household until the reviewing
officer records the review: ``services.household_review_record`` then attaches them to it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import record_event
from fostering.core import clock
from fostering.people.choices import MemberRole
from fostering.people.models import HouseholdMember

from .choices import CLOSED_STATUSES, ViewSource
from .models import FosteringHousehold, HouseholdReview, ReviewView


def views_waiting(fostering_household: FosteringHousehold) -> QuerySet[ReviewView]:
    """Views given ahead of the household's next review, not yet part of a review."""
    return ReviewView.objects.filter(fostering_household=fostering_household, review__isnull=True)


def latest_review(fostering_household: FosteringHousehold) -> HouseholdReview | None:
    return fostering_household.reviews.order_by("-held_on", "-id").first()


@transaction.atomic
def carer_views_give(
    *, fostering_household: FosteringHousehold, member: HouseholdMember, summary: str, by: User | None
) -> ReviewView:
    """A carer's views for the next review; giving them again before the review replaces them."""
    require(by, Perm.GIVE_REVIEW_VIEWS, fostering_household.organisation_id)
    if fostering_household.status in CLOSED_STATUSES:
        raise ValidationError({"summary": "Your household is no longer approved to foster"})
    if (
        member.household_id != fostering_household.household_id
        or member.role != MemberRole.CARER
        or member.left_on
    ):
        raise ValidationError({"summary": "Only a carer of the household can give the carers' views"})
    if not summary.strip():
        raise ValidationError({"summary": "Enter your views"})
    name = member.person.full_name
    view = (
        views_waiting(fostering_household)
        .select_for_update()
        .filter(source=ViewSource.CARER, given_by=name)
        .first()
    )
    before = view.summary if view else None
    if view is None:
        view = ReviewView(
            organisation_id=fostering_household.organisation_id,
            fostering_household=fostering_household,
            source=ViewSource.CARER,
            given_by=name,
        )
    view.given_on = clock.today()
    view.summary = summary.strip()
    view.stamp(by)
    view.save()
    record_event(
        actor=by,
        verb="review_views_given_ahead",
        obj=fostering_household,
        changes={"carers_views": [before, view.summary]},
    )
    return view
