"""The child's social workers over time and the social worker's visits (read), and the overdue visits.

Reading a child's visits is logged in the audit stream.
"""

from datetime import date
from typing import Any, Literal

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from fostering.accounts.permissions import Perm, organisations_with
from fostering.audit.services import record_read
from fostering.children.selectors import child_get_for_user
from fostering.core import clock
from fostering.visits.choices import SocialWorkerReason, VisitPlace
from fostering.visits.deadlines import child_visit_deadlines
from fostering.visits.selectors import allocations_for_child, overdue_visits_for_user, visits_for_child

from .auth import staff
from .schemas import AUTH_ERRORS, INVALID, NOT_FOUND, DeadlineOut, RecordId, StaffRef

router = Router(tags=["visits"])


class SocialWorkerEpisodeOut(Schema):
    """One social worker episode (903 SWEpisodes: SW_ID, SW_DECOM, SW_DEC, SW_REASON)."""

    worker: StaffRef | None
    sw_id: str
    started_on: date
    ended_on: date | None
    reason: SocialWorkerReason | Literal[""]


class ChildVisitOut(Schema):
    visited_on: date
    visited_by: StaffRef
    seen_alone: bool
    place: VisitPlace
    notes: str


class ChildVisitsOut(Schema):
    child_id: int
    deadlines: list[DeadlineOut]
    social_workers: list[SocialWorkerEpisodeOut]
    visits: list[ChildVisitOut]


class OverdueVisitOut(Schema):
    child_id: int
    name: str
    social_worker: StaffRef | None
    rule: str
    due: date


@router.get(
    "/children/{id}",
    response={200: ChildVisitsOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="A child's social workers and visits, oldest first, with the visit clock (the read is logged)",
)
def child_visits(request: HttpRequest, id: RecordId) -> dict[str, Any]:
    user = staff(request)
    try:
        child = child_get_for_user(user=user, pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such child") from None
    record_read(by=user, page="api:child_visits", record=child, children=[child])
    return {
        "child_id": child.pk,
        "deadlines": child_visit_deadlines(child, clock.today()),
        "social_workers": list(allocations_for_child(child).order_by("started_on", "id")),
        "visits": list(visits_for_child(child).order_by("visited_on", "id")),
    }


@router.get(
    "/overdue",
    response={200: list[OverdueVisitOut], **AUTH_ERRORS},
    summary="Children in care whose visit is overdue (for those who allocate social workers; the read is logged)",
)
def overdue(request: HttpRequest) -> list[dict[str, Any]]:
    user = staff(request)
    if not organisations_with(user, Perm.CHANGE_CHILD):
        return []
    rows = overdue_visits_for_user(user=user, today=clock.today())
    record_read(by=user, page="api:overdue_visits", children=[row.child for row in rows])
    return [
        {
            "child_id": row.child.pk,
            "name": row.child.person.full_name,
            "social_worker": row.child.social_worker,
            "rule": row.clock.rule,
            "due": row.clock.due,
        }
        for row in rows
    ]
