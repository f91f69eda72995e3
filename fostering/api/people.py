"""People: applicants, carers and their household members. Children are reached through /children."""

from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from fostering.people.choices import Disability, Ethnicity, Religion, Sex
from fostering.people.models import Person
from fostering.people.selectors import person_get_for_user, person_list_for_user

from .auth import staff
from .pagination import paginated
from .schemas import AUTH_ERRORS, INVALID, NOT_FOUND, RecordId, Search

router = Router(tags=["people"])


class AddressOut(Schema):
    id: int
    line_1: str
    line_2: str
    town: str
    county: str
    postcode: str
    valid_from: date
    valid_to: date | None


class PersonOut(Schema):
    id: int
    organisation_id: int
    first_name: str
    last_name: str
    preferred_name: str
    date_of_birth: date | None
    sex: Sex
    ethnicity: Ethnicity
    religion: Religion
    first_language: str
    disability: Disability
    email: str
    phone: str


class PersonDetailOut(PersonOut):
    addresses: list[AddressOut]


@router.get("", response={200: list[PersonOut], **AUTH_ERRORS, **INVALID}, summary="People I may see")
@paginated
def person_list(request: HttpRequest, search: Search = "") -> QuerySet[Person]:
    return person_list_for_user(user=staff(request), search=search)


@router.get(
    "/{id}", response={200: PersonDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID}, summary="One person"
)
def person_detail(request: HttpRequest, id: RecordId) -> Person:
    try:
        return person_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such person") from None
