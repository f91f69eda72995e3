"""The read side of people: every query takes the user and returns only what they may see."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with

from .models import Check, Household, HouseholdMember, Person


def person_list_for_user(*, user: User, search: str = "") -> QuerySet[Person]:
    """People the user may see. Children in care are reached only through their child record."""
    people = Person.objects.filter(organisation_id__in=organisations_with(user, Perm.VIEW_PERSON)).filter(
        child_record__isnull=True
    )
    if search:
        for word in search.split():
            people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return people


def person_get_for_user(*, user: User, pk: int) -> Person:
    """Raises Person.DoesNotExist when the person is out of the user's reach."""
    return person_list_for_user(user=user).prefetch_related("addresses").get(pk=pk)


def household_members(household: Household) -> QuerySet[HouseholdMember]:
    return household.members.select_related("person").prefetch_related(
        Prefetch("checks", queryset=Check.objects.order_by("kind", "-requested_on"))
    )
