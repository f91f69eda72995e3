"""The read side of children: a child's file is open to those whose role and caseload reach it."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with

from .models import Child


def child_list_for_user(*, user: User, search: str = "") -> QuerySet[Child]:
    """The children the user may open: the whole council's with VIEW_CHILD; with VIEW_CASELOAD_CHILD their
    caseload: the children allocated to them, and the children placed (now or before) in the households
    allocated to them as supervising social worker."""
    whole = organisations_with(user, Perm.VIEW_CHILD)
    caseload = organisations_with(user, Perm.VIEW_CASELOAD_CHILD) - whole
    placed_with_theirs = Child.objects.filter(
        placements__fostering_household__supervising_social_worker=user
    ).values("pk")
    children = Child.objects.filter(
        Q(organisation_id__in=whole)
        | Q(organisation_id__in=caseload, social_worker=user)
        | Q(organisation_id__in=caseload, pk__in=placed_with_theirs)
    ).select_related("person", "social_worker")
    if search:
        for word in search.split():
            children = children.filter(
                Q(person__first_name__icontains=word)
                | Q(person__last_name__icontains=word)
                | Q(child_id__iexact=word)
            )
    return children.order_by("person__last_name", "person__first_name", "id")


def child_get_for_user(*, user: User, pk: int) -> Child:
    """Raises Child.DoesNotExist when the child is out of the user's reach."""
    return child_list_for_user(user=user).get(pk=pk)


def child_or_404(children: QuerySet[Child], pk: int) -> Child:
    """The child ``pk`` among ``children`` (a selector's reach), else a 404: the one answer every page about a
    child gives for a child out of reach, in this app and in those built on it."""
    try:
        return children.get(pk=pk)
    except Child.DoesNotExist as missing:
        raise Http404("No such child") from missing
