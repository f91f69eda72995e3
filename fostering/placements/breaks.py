"""Breaks (respite): carers ask for one, their supervising social worker (or whoever keeps the vacancy
register) confirms or declines it. A confirmed break holds the household's places in the vacancy register for
its days, as a hold of the break kind."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, has_perm
from fostering.audit.services import created_changes, record_event
from fostering.core import clock
from fostering.deadlines.items import Deadline, WorkItem
from fostering.households.models import FosteringHousehold

from .carers import require_carer
from .choices import BreakStatus, HoldKind
from .models import BreakRequest, VacancyHold


@transaction.atomic
def break_ask(
    *, fostering_household: FosteringHousehold, starts_on: date, ends_on: date, reason: str, by: User
) -> BreakRequest:
    require_carer(by, fostering_household)
    today = clock.today()
    errors: dict[str, str] = {}
    if starts_on < today:
        errors["starts_on"] = "The break must start today or later"
    if ends_on < starts_on:
        errors["ends_on"] = "The break must end on or after the day it starts"
    if not reason.strip():
        errors["reason"] = "Say why you would like a break"
    if errors:
        raise ValidationError(errors)
    request = BreakRequest(
        organisation_id=fostering_household.organisation_id,
        fostering_household=fostering_household,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip(),
        asked_by=by,
        asked_on=today,
    )
    request.stamp(by)
    request.full_clean()
    request.save()
    record_event(
        actor=by,
        verb="break_requested",
        obj=fostering_household,
        changes=created_changes(request, ["starts_on", "ends_on", "reason"]),
    )
    return request


def may_decide(user: User, fostering_household: FosteringHousehold) -> bool:
    """The household's supervising social worker, or whoever keeps the council's vacancy register."""
    return fostering_household.supervising_social_worker_id == user.pk or has_perm(
        user, Perm.MANAGE_HOLDS, fostering_household.organisation_id
    )


@transaction.atomic
def break_decide(*, request: BreakRequest, confirm: bool, note: str = "", by: User) -> BreakRequest:
    """Confirm the break (and hold the household's places for its days) or decline it, saying why."""
    fh = request.fostering_household
    if not may_decide(by, fh):
        raise PermissionDenied("Only the household's supervising social worker or a manager decides a break")
    if request.status != BreakStatus.ASKED:
        raise ValidationError("This break has already been decided")
    if not confirm and not note.strip():
        raise ValidationError({"note": "Say why the break is declined"})
    today = clock.today()
    if confirm:
        hold = VacancyHold(
            organisation_id=fh.organisation_id,
            fostering_household=fh,
            kind=HoldKind.BREAK,
            held_from=request.starts_on,
            held_until=request.ends_on,
            reason=f"Carers' break: {request.reason}",
        )
        hold.stamp(by)
        hold.full_clean()
        hold.save()
        record_event(
            actor=by,
            verb="vacancy_hold_added",
            obj=fh,
            changes=created_changes(hold, ["kind", "held_from", "held_until", "reason"]),
        )
        request.hold = hold
    request.status = BreakStatus.CONFIRMED if confirm else BreakStatus.DECLINED
    request.decided_by = by
    request.decided_on = today
    request.decision_note = note.strip()
    request.stamp(by)
    request.save()
    record_event(
        actor=by,
        verb="break_confirmed" if confirm else "break_declined",
        obj=fh,
        note=f"{request}{f': {request.decision_note}' if request.decision_note else ''}",
    )
    return request


def breaks_for_household(fostering_household: FosteringHousehold) -> QuerySet[BreakRequest]:
    return BreakRequest.objects.filter(fostering_household=fostering_household).select_related(
        "asked_by", "decided_by", "hold"
    )


def break_request_work(user: User, today: date) -> Iterator[WorkItem]:
    """Breaks asked for by the households the user supervises, not yet answered."""
    asked = BreakRequest.objects.filter(
        status=BreakStatus.ASKED, fostering_household__supervising_social_worker=user
    ).select_related("fostering_household__household")
    for request in asked:
        deadline = Deadline.compute("break_request_answer", request.asked_on, today=today)
        yield WorkItem(
            deadline,
            deadline.title,
            f"{request.fostering_household.household.name}: {request}",
            reverse("placements:breaks", args=[request.fostering_household_id]),
            request.organisation_id,
        )
