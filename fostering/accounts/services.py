"""The write side of accounts: staff, memberships, sign-ins, two-factor authentication and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from fostering.audit.services import record_event, record_event_without_record
from fostering.core import clock

from .models import ApiToken, Membership, Organisation, Team, User
from .permissions import Perm, organisations_with
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


def _organisation_of(user: User) -> int | None:
    return (
        user.memberships.filter(ended_on__isnull=True)
        .order_by("started_on", "pk")
        .values_list("organisation_id", flat=True)
        .first()
    )


def _managed_organisation(user: User, by: User) -> int | None:
    """The organisation in which ``by`` manages ``user``'s account; refused if there is none.

    A superuser (an administrator, through the admin site) manages every account."""
    from fostering.core.errors import NotAllowed

    if by.is_superuser:
        return _organisation_of(user)
    managed = organisations_with(by, Perm.MANAGE_STAFF)
    theirs = user.memberships.filter(ended_on__isnull=True, organisation_id__in=managed)
    org_id = theirs.order_by("organisation_id").values_list("organisation_id", flat=True).first()
    if org_id is None:
        raise NotAllowed("You do not have permission to manage staff.")
    return org_id


# Signing in


def sign_in_record(*, user: User, address: str) -> None:
    record_event(
        actor=user,
        verb="signed_in",
        obj=user,
        organisation_id=_organisation_of(user),
        changes={"address": [None, address]},
    )


def sign_in_failure_record(*, username: str, address: str, note: str = "") -> None:
    """A failed attempt, filed against the account when the username is one; no one is the actor."""
    username = username[:150]
    changes = {"username": [None, username], "address": [None, address]}
    user = User.objects.filter(username=username).first()
    if user is not None:
        record_event(
            actor=None,
            verb="sign_in_failed",
            obj=user,
            organisation_id=_organisation_of(user),
            changes=changes,
            note=note,
        )
        return
    record_event_without_record(
        verb="sign_in_failed",
        record_type="accounts.user",
        record_label=username,
        changes=changes,
        note=note,
    )


def password_change_record(*, user: User, verb: str = "password_changed") -> None:
    """``password_changed`` by the user themselves; ``password_reset`` through the emailed link;
    ``password_reset_requested`` when a link is sent."""
    record_event(actor=user, verb=verb, obj=user, organisation_id=_organisation_of(user))


# Two-factor authentication


@transaction.atomic
def two_factor_device_start(*, user: User) -> TOTPDevice:
    """A new authenticator app to confirm, with a fresh secret (any earlier unconfirmed one is dropped).

    Callers check first that the session may add one (``views.may_change_two_factor``)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def two_factor_device_confirm(*, device: TOTPDevice, by: User) -> TOTPDevice:
    """Confirm the app with its first code (checked by the caller); it replaces any earlier app."""
    user = device.user
    replaced = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk)
    had_app = replaced.filter(confirmed=True).exists()
    replaced.delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record_event(
        actor=by,
        verb="two_factor_replaced" if had_app else "two_factor_enabled",
        obj=user,
        organisation_id=_organisation_of(user),
    )
    return device


@transaction.atomic
def two_factor_reset(*, user: User, by: User) -> int:
    """A manager or an administrator removes a user's authenticator apps (a lost phone, say); the user
    sets up a new one at their next sign-in. Returns how many were removed."""
    org_id = _managed_organisation(user, by)
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    record_event(
        actor=by,
        verb="two_factor_reset",
        obj=user,
        organisation_id=org_id,
        changes={"authenticator_apps": [removed, 0]},
    )
    return removed


# API tokens


@transaction.atomic
def api_token_issue(*, user: User, by: User | None, name: str = "", days: int | None = None) -> str:
    """Create a token for the user and return it; it cannot be shown again. It expires after ``days``
    (``FOSTERING_API_TOKEN_DAYS`` unless given)."""
    raw = secrets.token_urlsafe(32)
    days = settings.FOSTERING_API_TOKEN_DAYS if days is None else days
    expires_at = clock.now() + timedelta(days=days)
    ApiToken.objects.create(
        user=user, name=name, key_hash=hash_token(raw), prefix=raw[:8], expires_at=expires_at
    )
    record_event(
        actor=by,
        verb="api_token_issued",
        obj=user,
        organisation_id=_organisation_of(user),
        changes={"token": [None, name or raw[:8]], "expires_at": [None, expires_at.isoformat()]},
    )
    return raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """The token's owner, or a manager of their account, revokes it; it stops working at once."""
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    org_id = _organisation_of(token.user) if token.user_id == by.pk else _managed_organisation(token.user, by)
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        record_event(
            actor=by,
            verb="api_token_revoked",
            obj=token.user,
            organisation_id=org_id,
            changes={"token": [token.name or token.prefix, None]},
        )
    return token


def api_token_user(raw: str) -> User | None:
    """The active user a token belongs to, or None (unknown, revoked or expired)."""
    now = clock.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
