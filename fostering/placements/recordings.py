"""Carers' recordings about the children placed with them: notes and significant events.

A carer records about a child only while the child is placed with their household, and only about days of
that placement. A significant event is put on the My work of the household's supervising social worker and of
the child's social worker until each has read it, and both are emailed (the email names no child)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse

from fostering.accounts.models import User
from fostering.audit.services import created_changes, record_event
from fostering.children.models import Child
from fostering.core import clock
from fostering.core.validators import future_date_errors
from fostering.deadlines.items import Deadline, WorkItem

from . import notify
from .carers import require_carer
from .choices import EventType, RecordingKind
from .models import CarerRecording, Placement
from .services import open_on


@transaction.atomic
def recording_add(
    *, placement: Placement, kind: str, happened_on: date, text: str, event_type: str = "", by: User
) -> CarerRecording:
    """A carer's note or significant event about the child of ``placement``."""
    fh = placement.fostering_household
    if fh is None:
        raise PermissionDenied("Only a carer of the household may record about the child")
    require_carer(by, fh)
    today = clock.today()
    if not open_on(Placement.objects.filter(pk=placement.pk), today).exists():
        raise PermissionDenied("The child is no longer placed with the household")
    errors = future_date_errors("happened_on", happened_on)
    if kind not in RecordingKind.values:
        errors["kind"] = "Choose a note or a significant event"
    if kind == RecordingKind.SIGNIFICANT and event_type not in EventType.values:
        errors["event_type"] = "Choose what happened"
    if kind == RecordingKind.NOTE:
        event_type = ""
    if not text.strip():
        errors["text"] = "Write what happened"
    if "happened_on" not in errors and not open_on(Placement.objects.filter(pk=placement.pk), happened_on):
        errors["happened_on"] = "The date must be while the child was placed with you"
    if errors:
        raise ValidationError(errors)
    recording = CarerRecording(
        organisation_id=placement.organisation_id,
        placement=placement,
        child_id=placement.child_id,
        kind=kind,
        event_type=event_type,
        happened_on=happened_on,
        text=text.strip(),
        recorded_by=by,
        recorded_at=clock.now(),
    )
    recording.stamp(by)
    recording.full_clean()
    recording.save()
    record_event(
        actor=by,
        verb="carer_recording_added",
        obj=placement.child,
        changes=created_changes(recording, ["kind", "event_type", "happened_on"]),
    )
    if kind == RecordingKind.SIGNIFICANT:
        child = placement.child
        ssw = fh.supervising_social_worker
        emails = [w.email for w in (ssw, child.social_worker) if w is not None]
        council = placement.organisation.name
        transaction.on_commit(lambda: notify.significant_event(emails, council=council))
    return recording


def _readers(recording: CarerRecording) -> dict[str, int | None]:
    fh = recording.placement.fostering_household
    return {
        "ssw_read_at": fh.supervising_social_worker_id if fh else None,
        "child_sw_read_at": recording.child.social_worker_id,
    }


def waits_on(recording: CarerRecording, user: User) -> bool:
    """The significant event is still unread by ``user``, one of its two social workers."""
    if recording.kind != RecordingKind.SIGNIFICANT:
        return False
    return any(
        worker == user.pk and getattr(recording, field) is None
        for field, worker in _readers(recording).items()
    )


@transaction.atomic
def recording_acknowledge(*, recording: CarerRecording, by: User) -> CarerRecording:
    """The supervising social worker or the child's social worker marks a significant event read."""
    fields = [f for f, worker in _readers(recording).items() if worker == by.pk]
    if not fields or recording.kind != RecordingKind.SIGNIFICANT:
        raise PermissionDenied("Only the child's or the household's social worker marks this read")
    now = clock.now()
    for field in fields:
        if getattr(recording, field) is None:
            setattr(recording, field, now)
    recording.stamp(by)
    recording.save(update_fields=[*fields, "modified_at", "modified_by"])
    record_event(actor=by, verb="carer_recording_read", obj=recording.child, note=str(recording))
    return recording


def recordings_for_child(child: Child) -> QuerySet[CarerRecording]:
    """Every carer's recording about the child (the caller has opened the child's record)."""
    return CarerRecording.objects.filter(child=child).select_related(
        "recorded_by", "placement__fostering_household__household"
    )


def recordings_by_household(placement: Placement) -> QuerySet[CarerRecording]:
    """The recordings of one placement, for its carers."""
    return CarerRecording.objects.filter(placement=placement).select_related("recorded_by")


def significant_event_work(user: User, today: date) -> Iterator[WorkItem]:
    """Significant events the user has still to read, as the household's SSW or the child's social worker."""
    unread = CarerRecording.objects.filter(kind=RecordingKind.SIGNIFICANT).filter(
        Q(placement__fostering_household__supervising_social_worker=user, ssw_read_at__isnull=True)
        | Q(child__social_worker=user, child_sw_read_at__isnull=True)
    )
    for recording in unread.select_related("child__person", "placement__fostering_household__household"):
        deadline = Deadline.compute("significant_event_read", recording.recorded_at, today=today)
        fh = recording.placement.fostering_household
        yield WorkItem(
            deadline,
            f"Significant event: {recording.get_event_type_display().lower()}",
            f"{recording.child.person.full_name}{f', {fh.household.name}' if fh else ''}",
            reverse("placements:child_recordings", args=[recording.child_id]),
            recording.organisation_id,
        )
