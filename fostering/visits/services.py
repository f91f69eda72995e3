"""The write side of the visits part: allocating the child's social worker and recording visits."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import record_event
from fostering.children.models import Child
from fostering.core.validators import refuse_future_date

from .choices import SocialWorkerReason, VisitPlace
from .models import ChildVisit, SocialWorkerAllocation, VisitSettings, validate_sw_id

# The DfE rule SW09 flags a social worker episode shorter than 3 days.
SHORTEST_EPISODE = timedelta(days=3)


def _works_for(worker: User, organisation_id: int, on: date) -> bool:
    return worker.memberships.filter(organisation_id=organisation_id, started_on__lte=on).exists()


def _sw_id_for(worker: User, organisation_id: int, sw_id: str) -> str:
    sw_id = sw_id.strip().upper()
    if not sw_id:
        sw_id = (
            SocialWorkerAllocation.objects.filter(organisation_id=organisation_id, worker=worker)
            .order_by("-started_on")
            .values_list("sw_id", flat=True)
            .first()
            or ""
        )
    if not sw_id:
        raise ValidationError({"sw_id": "Enter the social worker's Social Work England registration number"})
    try:
        validate_sw_id(sw_id)
    except ValidationError as error:
        raise ValidationError({"sw_id": error.messages}) from error
    return sw_id


@transaction.atomic
def allocate_social_worker(
    *,
    child: Child,
    worker: User,
    on: date,
    reason: str,
    sw_id: str = "",
    by: User | None,
) -> SocialWorkerAllocation:
    """Make ``worker`` the child's social worker from ``on``: the open allocation ends that day, a new one
    starts, and Child.social_worker follows. The first allocation's reason is FCONTA (first contact);
    ``sw_id`` (903 SW_ID) defaults to the one last recorded for the worker."""
    require(by, Perm.CHANGE_CHILD, child.organisation_id)
    refuse_future_date(on, "on")
    if reason not in SocialWorkerReason.values:
        raise ValidationError({"reason": "Choose the reason for the change"})
    if not _works_for(worker, child.organisation_id, on):
        raise ValidationError({"worker": "The social worker must work for the child's council"})
    sw_id = _sw_id_for(worker, child.organisation_id, sw_id)
    current = (
        SocialWorkerAllocation.objects.select_for_update().filter(child=child, ended_on__isnull=True).first()
    )
    first = not SocialWorkerAllocation.objects.filter(child=child).exists()
    if first and reason != SocialWorkerReason.FCONTA:
        raise ValidationError({"reason": "The first social worker's reason is first contact (FCONTA)"})
    if current is not None:
        if reason == SocialWorkerReason.FCONTA:
            raise ValidationError({"reason": "First contact is only for the first social worker"})
        if current.worker_id == worker.pk:
            raise ValidationError(
                {"worker": f"{worker.get_full_name()} is already the child's social worker"}
            )
        if on < current.started_on + SHORTEST_EPISODE:
            raise ValidationError(
                {
                    "on": f"The current allocation started on {current.started_on:%-d %B %Y}: a change "
                    "must come at least 3 days later"
                }
            )
        current.ended_on = on
        current.stamp(by)
        current.save(update_fields=["ended_on", "modified_at", "modified_by"])
    elif SocialWorkerAllocation.objects.filter(child=child, ended_on__gt=on).exists():
        raise ValidationError({"on": "An earlier allocation ended after that day"})
    allocation = SocialWorkerAllocation(
        organisation_id=child.organisation_id,
        child=child,
        worker=worker,
        sw_id=sw_id,
        started_on=on,
        reason=reason,
    )
    allocation.stamp(by)
    allocation.full_clean()
    allocation.save()
    before = child.social_worker_id
    Child.objects.filter(pk=child.pk).update(social_worker=worker)
    child.social_worker = worker
    record_event(
        actor=by,
        verb="social_worker_allocated",
        obj=child,
        changes={
            "social_worker": [before, worker.pk],
            "started_on": [None, on.isoformat()],
            "reason": [None, reason],
            "sw_id": [None, sw_id],
        },
    )
    return allocation


def _in_care_on(child: Child, on: date) -> bool:
    return child.periods_of_care.filter(started_on__lte=on).exclude(ended_on__lt=on).exists()


@transaction.atomic
def visit_record(
    *,
    child: Child,
    visited_on: date,
    seen_alone: bool,
    place: str,
    notes: str = "",
    visited_by: User | None = None,
    by: User | None,
) -> ChildVisit:
    """A social worker's statutory visit to a child in care; ``visited_by`` defaults to the recorder."""
    require(by, Perm.RECORD_CHILD_VISIT, child.organisation_id)
    refuse_future_date(visited_on, "visited_on")
    visitor = visited_by or by
    if visitor is None:
        raise ValidationError({"visited_by": "Choose who visited"})
    if place not in VisitPlace.values:
        raise ValidationError({"place": "Choose where the child was seen"})
    if not _in_care_on(child, visited_on):
        raise ValidationError({"visited_on": f"{child.person} was not in care on {visited_on:%-d %B %Y}"})
    if not _works_for(visitor, child.organisation_id, visited_on):
        raise ValidationError({"visited_by": "The visitor must work for the child's council"})
    if ChildVisit.objects.filter(child=child, visited_on=visited_on).exists():
        raise ValidationError({"visited_on": "A visit is already recorded on that day"})
    visit = ChildVisit(
        organisation_id=child.organisation_id,
        child=child,
        visited_on=visited_on,
        visited_by=visitor,
        seen_alone=seen_alone,
        place=place,
        notes=notes,
    )
    visit.stamp(by)
    visit.full_clean()
    visit.save()
    record_event(
        actor=by,
        verb="child_visit_recorded",
        obj=child,
        changes={
            "visited_on": [None, visited_on.isoformat()],
            "visited_by": [None, visitor.pk],
            "seen_alone": [None, seen_alone],
            "place": [None, place],
        },
    )
    return visit


@transaction.atomic
def visit_settings_set(*, organisation_id: int, interval_weeks: int | None, by: User | None) -> VisitSettings:
    """The council's visiting interval (1-6 weeks), or None for the statutory minimums."""
    require(by, Perm.CHANGE_CHILD, organisation_id)
    if interval_weeks is not None and not 1 <= interval_weeks <= 6:
        raise ValidationError({"interval_weeks": "Enter a number of weeks from 1 to 6"})
    settings = VisitSettings.objects.filter(organisation_id=organisation_id).first() or VisitSettings(
        organisation_id=organisation_id
    )
    before = settings.interval_weeks
    settings.interval_weeks = interval_weeks
    settings.stamp(by)
    settings.save()
    record_event(
        actor=by,
        verb="visit_settings_changed",
        obj=settings,
        changes={"interval_weeks": [before, interval_weeks]},
    )
    return settings
