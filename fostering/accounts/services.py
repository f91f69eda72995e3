"""The write side of accounts: staff, memberships and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from django.db import transaction

from fostering.audit.services import record_event
from fostering.core import clock

from .models import ApiToken, Membership, Organisation, Team, User
from .roles import Role


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def staff_create(
    *,
    organisation: Organisation,
    username: str,
    first_name: str,
    last_name: str,
    role: Role,
    started_on: date,
    team: Team | None = None,
    email: str = "",
    password: str | None = None,
    by: User | None,
) -> User:
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    membership_grant(user=user, organisation=organisation, role=role, team=team, started_on=started_on, by=by)
    return user


@transaction.atomic
def membership_grant(
    *,
    user: User,
    organisation: Organisation,
    role: Role,
    started_on: date,
    team: Team | None = None,
    by: User | None,
) -> Membership:
    membership = Membership.objects.create(
        user=user, organisation=organisation, role=role, team=team, started_on=started_on
    )
    record_event(
        actor=by,
        verb="membership_granted",
        obj=user,
        organisation_id=organisation.pk,
        changes={"role": [None, role.value], "organisation": [None, organisation.name]},
    )
    return membership


@transaction.atomic
def api_token_issue(*, user: User, by: User | None) -> str:
    """Create a token for the user and return it; it cannot be shown again."""
    raw = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, key_hash=hash_token(raw), prefix=raw[:8])
    org_id = user.memberships.values_list("organisation_id", flat=True).first()
    record_event(actor=by, verb="api_token_issued", obj=user, organisation_id=org_id)
    return raw


def api_token_user(raw: str) -> User | None:
    """The active user a token belongs to, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = clock.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
