"""The write side of the portal: inviting a carer or an applicant, resending and withdrawing the invitation,
accepting it (which makes the sign-in), and ending the access."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, require
from fostering.accounts.roles import Role
from fostering.accounts.services import hash_token, membership_grant
from fostering.assessments.choices import CLOSED_STAGES
from fostering.assessments.models import Assessment
from fostering.audit.services import record_event
from fostering.core import clock
from fostering.households.choices import CLOSED_STATUSES
from fostering.households.models import FosteringHousehold
from fostering.payments.services import carer_access_grant
from fostering.people.choices import MemberRole
from fostering.people.models import HouseholdMember, Person

from . import notify
from .choices import INVITATION_DAYS, AccessKind
from .models import PortalAccess, PortalMessage


def adults_to_invite(record: FosteringHousehold | Assessment) -> list[HouseholdMember]:
    """The carers of a household (or the applicants of an assessment) who live there now."""
    return list(
        record.household.members.filter(role=MemberRole.CARER, left_on__isnull=True)
        .select_related("person")
        .order_by("joined_on", "id")
    )


def _new_link(access: PortalAccess) -> str:
    raw = secrets.token_urlsafe(32)
    access.token_hash = hash_token(raw)
    access.invited_at = clock.now()
    access.expires_at = access.invited_at + timedelta(days=INVITATION_DAYS)
    return raw


@transaction.atomic
def invite(
    *,
    record: FosteringHousehold | Assessment,
    person: Person,
    email: str,
    site: str,
    by: User | None,
    send: bool = True,
) -> PortalAccess:
    """Email a one-time link to set a password. ``site`` is the address the link starts with. The link's
    token is on the returned access as ``new_token`` (for the demo, which sends nothing)."""
    org = record.organisation_id
    require(by, Perm.INVITE_TO_PORTAL, org)
    carer = isinstance(record, FosteringHousehold)
    if isinstance(record, FosteringHousehold) and record.status in CLOSED_STATUSES:
        raise ValidationError(
            {"person": "This household is no longer approved: its carers cannot be invited"}
        )
    if isinstance(record, Assessment) and record.stage in CLOSED_STAGES:
        raise ValidationError({"person": "This assessment has ended: its applicants cannot be invited"})
    if person.pk not in {member.person_id for member in adults_to_invite(record)}:
        raise ValidationError({"person": "Choose one of the adults who live in this household"})
    kind = AccessKind.CARER if carer else AccessKind.APPLICANT
    if PortalAccess.objects.filter(
        person=person, kind=kind, withdrawn_at__isnull=True, ended_on__isnull=True
    ).exists():
        raise ValidationError(
            {"person": f"{person.full_name} has already been invited: resend the invitation"}
        )
    if not email.strip():
        raise ValidationError({"email": "Enter the email address to send the invitation to"})
    access = PortalAccess(
        organisation_id=org,
        person=person,
        kind=kind,
        fostering_household=record if isinstance(record, FosteringHousehold) else None,
        assessment=record if isinstance(record, Assessment) else None,
        email=email.strip().lower(),
    )
    raw = _new_link(access)
    access.stamp(by)
    access.save()
    record_event(actor=by, verb="portal_invited", obj=access, note=access.get_kind_display())
    if send:
        transaction.on_commit(lambda: notify.invitation(access, site=site, token=raw))
    access.new_token = raw  # type: ignore[attr-defined]
    return access


@transaction.atomic
def invitation_resend(*, access: PortalAccess, site: str, by: User | None) -> PortalAccess:
    """A new link replaces the old one, which stops working."""
    require(by, Perm.INVITE_TO_PORTAL, access.organisation_id)
    access = PortalAccess.objects.select_for_update().get(pk=access.pk)
    if access.accepted_at or access.withdrawn_at or access.ended_on:
        raise ValidationError(f"This invitation cannot be resent: {access.state.lower()}")
    raw = _new_link(access)
    access.times_sent += 1
    access.stamp(by)
    access.save()
    record_event(actor=by, verb="portal_invitation_resent", obj=access)
    transaction.on_commit(lambda: notify.invitation(access, site=site, token=raw))
    return access


@transaction.atomic
def invitation_withdraw(*, access: PortalAccess, by: User | None) -> PortalAccess:
    require(by, Perm.INVITE_TO_PORTAL, access.organisation_id)
    access = PortalAccess.objects.select_for_update().get(pk=access.pk)
    if access.accepted_at or access.withdrawn_at or access.ended_on:
        raise ValidationError(f"This invitation cannot be withdrawn: {access.state.lower()}")
    access.withdrawn_at = clock.now()
    access.token_hash = ""
    access.stamp(by)
    access.save()
    record_event(actor=by, verb="portal_invitation_withdrawn", obj=access)
    return access


@transaction.atomic
def access_end(*, access: PortalAccess, reason: str, by: User | None) -> PortalAccess:
    """End a signed-up person's access: they can no longer sign in."""
    require(by, Perm.INVITE_TO_PORTAL, access.organisation_id)
    access = PortalAccess.objects.select_for_update().get(pk=access.pk)
    if access.accepted_at is None or access.ended_on:
        raise ValidationError("Only access that is in use can be ended")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the access ends"})
    access.ended_on = clock.today()
    access.end_reason = reason.strip()
    access.stamp(by)
    access.save()
    if access.user_id:
        access.user.memberships.filter(  # type: ignore[union-attr]
            organisation_id=access.organisation_id, ended_on__isnull=True
        ).update(ended_on=access.ended_on)
    record_event(actor=by, verb="portal_access_ended", obj=access, note=access.end_reason)
    return access


def invitation_for(token: str) -> PortalAccess | None:
    """The invitation a link belongs to, if the link still works."""
    if not token:
        return None
    access = (
        PortalAccess.objects.select_related("person", "organisation")
        .filter(token_hash=hash_token(token), accepted_at__isnull=True, withdrawn_at__isnull=True)
        .filter(ended_on__isnull=True, expires_at__gt=clock.now())
        .first()
    )
    return access


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Make the person's sign-in from a working link and its chosen password. The link then stops working."""
    found = invitation_for(token)
    if found is None:
        raise ValidationError("This link has expired or has already been used")
    access = PortalAccess.objects.select_for_update().select_related("person").get(pk=found.pk)
    if User.objects.filter(username__iexact=access.email).exists():
        raise ValidationError(
            "There is already a sign-in for this email address. Ask your social worker to invite you again."
        )
    person = access.person
    user = User(
        username=access.email, email=access.email, first_name=person.first_name, last_name=person.last_name
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from error
    user.set_password(password)
    user.save()
    role = Role.CARER if access.kind == AccessKind.CARER else Role.APPLICANT
    organisation = Organisation.objects.get(pk=access.organisation_id)
    membership_grant(user=user, organisation=organisation, role=role, started_on=clock.today(), by=None)
    if access.fostering_household is not None:
        carer_access_grant(user=user, fostering_household=access.fostering_household, by=None)
    access.user = user
    access.accepted_at = clock.now()
    access.token_hash = ""
    access.stamp(user)
    access.save()
    record_event(actor=user, verb="portal_invitation_accepted", obj=access)
    return user


@transaction.atomic
def message_send(
    *, record: FosteringHousehold | Assessment, subject: str, body: str, site: str, by: User
) -> PortalMessage:
    """Write to a household's carers (or an assessment's applicants); those signed up are emailed that
    there is a message, without its words."""
    require(by, Perm.INVITE_TO_PORTAL, record.organisation_id)
    errors = {}
    if not subject.strip():
        errors["subject"] = "Enter a subject"
    if not body.strip():
        errors["body"] = "Enter the message"
    if errors:
        raise ValidationError(errors)
    carer = isinstance(record, FosteringHousehold)
    message = PortalMessage(
        organisation_id=record.organisation_id,
        fostering_household=record if isinstance(record, FosteringHousehold) else None,
        assessment=record if isinstance(record, Assessment) else None,
        sent_by=by,
        sent_at=clock.now(),
        subject=subject.strip(),
        body=body.strip(),
    )
    message.stamp(by)
    message.save()
    record_event(actor=by, verb="portal_message_sent", obj=message, note=message.subject)
    emails = list(
        PortalAccess.objects.filter(
            **({"fostering_household": record} if carer else {"assessment": record}),
            accepted_at__isnull=False,
            ended_on__isnull=True,
        ).values_list("email", flat=True)
    )
    council = record.organisation.name
    transaction.on_commit(
        lambda: notify.tell(
            emails,
            subject=f"{council}: you have a new message",
            body="Your fostering service has written to you.",
            site=site,
        )
    )
    return message
