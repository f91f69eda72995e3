"""The signed-in member of staff: who they are, their roles, and their work (every open clock in scope)."""

from django.http import HttpRequest
from ninja import Router, Schema

from fostering.accounts.roles import Role
from fostering.core import clock
from fostering.deadlines.items import count_by_status, work_items_for

from .auth import staff
from .schemas import AUTH_ERRORS, DeadlineOut

router = Router(tags=["me"])


class OrganisationOut(Schema):
    id: int
    name: str
    code: str


class MembershipOut(Schema):
    organisation: OrganisationOut
    role: Role
    role_label: str


class MeOut(Schema):
    username: str
    name: str
    memberships: list[MembershipOut]


class WorkItemOut(Schema):
    title: str
    subject: str
    url: str
    organisation_id: int
    deadline: DeadlineOut


class WorkOut(Schema):
    counts: dict[str, int]
    items: list[WorkItemOut]


@router.get("", response={200: MeOut, **AUTH_ERRORS}, summary="Who I am and my roles")
def me(request: HttpRequest) -> dict[str, object]:
    user = staff(request)
    memberships = user.memberships.filter(ended_on__isnull=True).select_related("organisation")
    return {
        "username": user.username,
        "name": str(user),
        "memberships": [
            {"organisation": m.organisation, "role": m.role, "role_label": m.get_role_display()}
            for m in memberships.order_by("organisation__name", "role")
        ],
    }


@router.get("/work", response={200: WorkOut, **AUTH_ERRORS}, summary="My open work, soonest first")
def my_work(request: HttpRequest) -> dict[str, object]:
    items = work_items_for(staff(request), clock.today())
    return {"counts": count_by_status(items), "items": items}
