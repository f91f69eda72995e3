"""Approved fostering households: terms of approval, clocks (supervision, reviews, renewals) and visits.

Staff whose role reaches the whole council see all its households; supervising social workers see the
households allocated to them.
"""

from datetime import date
from typing import Annotated, Any, Literal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Body, Field, Router, Schema

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.core import clock
from fostering.deadlines.items import Deadline
from fostering.households.choices import (
    CarerType,
    HouseholdStatus,
    PlacementType,
    ReviewKind,
    ReviewRecommendation,
    ViewSource,
)
from fostering.households.deadlines import (
    adult_member_checks,
    check_renewals,
    household_deadlines,
    tsd_deadlines,
)
from fostering.households.models import FosteringHousehold, HouseholdReview, SupervisionVisit
from fostering.households.selectors import (
    caseload_households,
    household_get_for_user,
    household_list_for_user,
    review_get_for_user,
    with_current_terms,
)
from fostering.households.services import supervision_visit_record
from fostering.people.choices import MemberRole
from fostering.people.selectors import household_members

from .auth import staff
from .pagination import paginated
from .schemas import (
    AUTH_ERRORS,
    BAD_BODY,
    INVALID,
    NOT_FOUND,
    RecordDeadlineOut,
    RecordId,
    Search,
    StaffRef,
)

router = Router(tags=["households"])

# "open" is every status but resigned and deregistered.
StatusFilter = Literal[("open", *HouseholdStatus.values)]  # type: ignore[valid-type]


class TermsOut(Schema):
    effective_from: date
    number_of_children: int
    age_min: int
    age_max: int
    placement_types: list[PlacementType]
    sibling_group_max: int
    named_child_id: int | None


class HouseholdOut(Schema):
    id: int
    organisation_id: int
    reference: str
    name: str
    carer_type: CarerType
    status: HouseholdStatus
    approved_on: date
    postcode: str
    supervising_social_worker: StaffRef | None
    terms_of_approval: TermsOut | None

    @staticmethod
    def resolve_name(obj: FosteringHousehold) -> str:
        return obj.household.name

    @staticmethod
    def resolve_postcode(obj: FosteringHousehold) -> str:
        return obj.household.postcode

    @staticmethod
    def resolve_terms_of_approval(obj: FosteringHousehold) -> Any:
        current = getattr(obj, "current_terms", [])
        return current[0] if current else None


class MemberOut(Schema):
    person_id: int
    name: str
    role: MemberRole
    joined_on: date

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.person.full_name


class HouseholdDetailOut(HouseholdOut):
    deadlines: list[RecordDeadlineOut]
    members: list[MemberOut]


class SupervisionVisitOut(Schema):
    id: int
    household_id: int
    visited_on: date
    visited_by: StaffRef
    unannounced: bool
    notes: str

    @staticmethod
    def resolve_household_id(obj: SupervisionVisit) -> int:
        return obj.fostering_household_id


@router.get("", response={200: list[HouseholdOut], **AUTH_ERRORS, **INVALID}, summary="Households I may see")
@paginated
def household_list(
    request: HttpRequest,
    search: Search = "",
    status: StatusFilter | None = None,
    carer_type: CarerType | None = None,
) -> QuerySet[FosteringHousehold]:
    households = household_list_for_user(
        user=staff(request), search=search, status=status or "", carer_type=carer_type or ""
    )
    return with_current_terms(households)


def _deadline_row(deadline: Deadline, subject: str | None) -> dict[str, Any]:
    return {**vars(deadline), "title": deadline.title, "subject": subject}


def _deadlines(fh: FosteringHousehold, today: date) -> list[dict[str, Any]]:
    """The household's clocks, then its members' DBS and medical renewals and TSD standards (soonest first)."""
    clocks = [_deadline_row(d, None) for d in household_deadlines(fh, today=today)]
    renewals = [_deadline_row(d, name) for name, d in check_renewals([fh.pk], today=today).get(fh.pk, [])]
    renewals += [_deadline_row(d, name) for name, d in tsd_deadlines([fh], today=today).get(fh.pk, [])]
    renewals += [_deadline_row(d, name) for name, d in adult_member_checks([fh], today=today).get(fh.pk, [])]
    renewals.sort(key=lambda row: (row["due"], row["rule"], row["subject"]))
    return clocks + renewals


@router.get(
    "/{id}",
    response={200: HouseholdDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One household, with its clocks and current members",
)
def household_detail(request: HttpRequest, id: RecordId) -> FosteringHousehold:
    try:
        fh = household_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such household") from None
    fh.deadlines = _deadlines(fh, clock.today())  # type: ignore[attr-defined]
    fh.members = list(household_members(fh.household).filter(left_on__isnull=True))  # type: ignore[attr-defined]
    return fh


@router.post(
    "/{id}/supervision-visits",
    response={201: SupervisionVisitOut, **BAD_BODY, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="Record a supervision visit (made by me)",
)
def supervision_visit_create(
    request: HttpRequest,
    id: RecordId,
    visited_on: Body[date],
    unannounced: Body[bool] = False,
    notes: Annotated[str, Body(max_length=20_000, pattern=r"^[^\x00]*$")] = "",
) -> tuple[int, SupervisionVisit]:
    user = staff(request)
    try:
        fh = household_list_for_user(user=user).get(pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such household") from None
    visit = supervision_visit_record(
        fostering_household=fh,
        visited_on=visited_on,
        visited_by=user,
        unannounced=unannounced,
        notes=notes,
        by=user,
    )
    return 201, visit


class ReviewViewOut(Schema):
    source: ViewSource
    given_by: str
    given_on: date
    summary: str


class ReviewOut(Schema):
    id: int
    household_id: int
    kind: ReviewKind
    held_on: date
    reviewing_officer: StaffRef | None
    recommendation: ReviewRecommendation | Literal[""]
    needs_panel: bool
    panel_outcome: str
    panel_outcome_on: date | None

    @staticmethod
    def resolve_household_id(obj: HouseholdReview) -> int:
        return obj.fostering_household_id


class ReviewDetailOut(ReviewOut):
    summary: str
    views: list[ReviewViewOut] = Field(alias="views_list")
    deadlines: list[RecordDeadlineOut]


class CaseloadHouseholdOut(Schema):
    id: int
    reference: str
    name: str
    status: HouseholdStatus
    deadlines: list[RecordDeadlineOut]


class CaseloadOut(Schema):
    supervising_social_worker: StaffRef
    households: list[CaseloadHouseholdOut]


@router.get(
    "/{id}/reviews",
    response={200: list[ReviewOut], **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="A household's reviews, newest first",
)
def household_reviews(request: HttpRequest, id: RecordId) -> list[HouseholdReview]:
    try:
        fh = household_list_for_user(user=staff(request)).get(pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such household") from None
    return list(fh.reviews.select_related("reviewing_officer").order_by("-held_on", "-id"))


@router.get(
    "/reviews/{id}",
    response={200: ReviewDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One review with the views gathered, and the household's review and support plan clocks",
)
def review_detail(request: HttpRequest, id: RecordId) -> HouseholdReview:
    user = staff(request)
    try:
        review = review_get_for_user(user=user, pk=id)
        fh = household_get_for_user(user=user, pk=review.fostering_household_id)
    except ObjectDoesNotExist:
        raise Http404("No such review") from None
    review.deadlines = [  # type: ignore[attr-defined]
        _deadline_row(d, None)
        for d in household_deadlines(fh, today=clock.today())
        if d.rule in ("annual_review", "support_plan_review")
    ]
    review.views_list = list(review.views.all())  # type: ignore[attr-defined]
    return review


@router.get(
    "/caseloads/{id}",
    response={200: CaseloadOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="A supervising social worker's open households and their clocks (my own, or my team's)",
)
def caseload(request: HttpRequest, id: RecordId) -> dict[str, Any]:
    user = staff(request)
    worker = User.objects.filter(pk=id, memberships__ended_on__isnull=True).distinct().first()
    if worker is None:
        raise Http404("No such caseload")
    worker_orgs = set(
        worker.memberships.filter(ended_on__isnull=True).values_list("organisation_id", flat=True)
    )
    own = worker.pk == user.pk and organisations_with(user, Perm.VIEW_CASELOAD_HOUSEHOLD)
    if not own and not organisations_with(user, Perm.VIEW_TEAM_CASELOADS) & worker_orgs:
        raise Http404("No such caseload")
    today = clock.today()
    households = [
        {
            "id": fh.pk,
            "reference": fh.reference,
            "name": fh.household.name,
            "status": fh.status,
            "deadlines": _deadlines(fh, today),
        }
        for fh in caseload_households(user=user, worker=worker)
    ]
    return {"supervising_social_worker": worker, "households": households}
