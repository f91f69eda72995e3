"""The read side of accounts: the staff a manager manages, and API tokens, scoped to the user."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from fostering.core import clock

from .models import ApiToken, User
from .permissions import Perm, organisations_with


def staff_list_for_user(*, user: User) -> QuerySet[User]:
    """Staff with a current role in an organisation where the user manages staff (none otherwise),
    with whether they have set up two-factor authentication and how many API tokens work."""
    managed = organisations_with(user, Perm.MANAGE_STAFF)
    now = clock.now()
    return (
        User.objects.filter(memberships__organisation_id__in=managed, memberships__ended_on__isnull=True)
        .distinct()
        .annotate(
            has_two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            working_tokens=Count(
                "api_tokens",
                filter=Q(api_tokens__revoked_at__isnull=True, api_tokens__expires_at__gt=now),
                distinct=True,
            ),
        )
        .order_by("last_name", "first_name", "pk")
    )


def staff_get_for_user(*, user: User, pk: int) -> User:
    found = staff_list_for_user(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404("No member of staff found")
    return found


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def own_api_token_get(*, user: User, pk: int) -> ApiToken:
    token = ApiToken.objects.filter(user=user, pk=pk).select_related("user").first()
    if token is None:
        raise Http404("No API token found")
    return token


def staff_api_token_get_for_user(*, user: User, pk: int) -> ApiToken:
    """A token of a member of staff the user manages."""
    token = ApiToken.objects.filter(pk=pk).select_related("user").first()
    if token is None or not staff_list_for_user(user=user).filter(pk=token.user_id).exists():
        raise Http404("No API token found")
    return token


def has_two_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
