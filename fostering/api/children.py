"""Children: open to those whose role reaches the whole council's, or whose caseload holds the child.

Reading a child's record is logged in the audit stream.
"""

from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from fostering.audit.services import record_view
from fostering.children.models import Child
from fostering.children.selectors import child_get_for_user, child_list_for_user
from fostering.people.choices import Ethnicity, Sex

from .auth import staff
from .pagination import paginated
from .schemas import AUTH_ERRORS, INVALID, NOT_FOUND, DeadlineOut, RecordId, Search, StaffRef

router = Router(tags=["children"])


class ChildPersonOut(Schema):
    first_name: str
    last_name: str
    date_of_birth: date | None
    sex: Sex
    ethnicity: Ethnicity


class ChildOut(Schema):
    id: int
    organisation_id: int
    child_id: str
    upn: str
    uasc: bool
    social_worker: StaffRef | None
    person: ChildPersonOut


class ChildDetailOut(ChildOut):
    deadlines: list[DeadlineOut]

    @staticmethod
    def resolve_deadlines(obj: Child) -> list[object]:
        return []  # Children have no clocks yet; reviews and visits will add theirs here.


@router.get("", response={200: list[ChildOut], **AUTH_ERRORS, **INVALID}, summary="Children I may see")
@paginated
def child_list(request: HttpRequest, search: Search = "") -> QuerySet[Child]:
    return child_list_for_user(user=staff(request), search=search)


@router.get(
    "/{id}",
    response={200: ChildDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One child (the read is logged)",
)
def child_detail(request: HttpRequest, id: RecordId) -> Child:
    user = staff(request)
    try:
        child = child_get_for_user(user=user, pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such child") from None
    record_view(actor=user, obj=child)
    return child
