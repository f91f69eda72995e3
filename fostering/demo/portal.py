"""Carers and applicants who have signed up to the portal: the first adult carer of a mainstream household
with a child placed, of a kinship household and of a short-breaks household, and the first applicant of two
assessments under way (the furthest on first). They sign in as demo.carer, demo.carer.kinship, demo.carer.short_breaks,
demo.applicant and demo.applicant.2 (with .<code> in the other councils), with the demo password."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from fostering.accounts.models import Membership, User
from fostering.accounts.roles import Role
from fostering.assessments.choices import AssessmentKind, Stage
from fostering.assessments.models import Assessment
from fostering.households.choices import OPEN_STATUSES, CarerType
from fostering.households.models import FosteringHousehold
from fostering.payments.models import CarerAccess
from fostering.people.models import HouseholdMember
from fostering.portal.choices import INVITATION_DAYS, AccessKind
from fostering.portal.models import PortalAccess
from fostering.portal.services import adults_to_invite

if TYPE_CHECKING:
    from .generator import DemoContext

CARERS = [
    ("demo.carer", CarerType.MAINSTREAM),
    ("demo.carer.kinship", CarerType.KINSHIP),
    ("demo.carer.short_breaks", CarerType.SHORT_BREAKS),
]
APPLICANTS = ["demo.applicant", "demo.applicant.2"]
SIGNED_UP_DAYS_AGO = (20, 60)
UNDER_WAY = [Stage.STAGE2, Stage.STAGE1, Stage.APPLICATION]


def _households(ctx: DemoContext) -> list[tuple[str, FosteringHousehold]]:
    chosen = []
    for username, carer_type in CARERS:
        found = FosteringHousehold.objects.filter(
            organisation=ctx.organisation, carer_type=carer_type, status__in=OPEN_STATUSES
        )
        if carer_type == CarerType.MAINSTREAM:
            found = found.filter(placements__ended_on__isnull=True)
        household = found.order_by("pk").first()
        if household is not None:
            chosen.append((username, household))
    return chosen


def _assessments(ctx: DemoContext) -> list[tuple[str, Assessment]]:
    found = (
        Assessment.objects.filter(
            organisation=ctx.organisation, stage__in=[Stage.STAGE2, Stage.STAGE1, Stage.APPLICATION]
        )
        .exclude(kind=AssessmentKind.INDEPENDENT_VISITOR)
        .order_by("-stage", "pk")[: len(APPLICANTS)]
    )
    return list(zip(APPLICANTS, found, strict=False))


def build_portal(ctx: DemoContext) -> None:
    domain = "portal.example"
    planned: list[tuple[str, AccessKind, FosteringHousehold | Assessment, HouseholdMember]] = []
    for username, household in _households(ctx):
        if members := adults_to_invite(household):
            planned.append((username + ctx.username_suffix, AccessKind.CARER, household, members[0]))
    for username, assessment in _assessments(ctx):
        if members := adults_to_invite(assessment):
            planned.append((username + ctx.username_suffix, AccessKind.APPLICANT, assessment, members[0]))
    for username, kind, record, member in planned:
        signed_up_on = ctx.days_ago(*SIGNED_UP_DAYS_AGO)
        invited_at = ctx.moment(signed_up_on - timedelta(days=1))
        person = member.person
        user = User(
            username=username,
            first_name=person.first_name,
            last_name=person.last_name,
            email=f"{username}@{domain}",
            password=ctx.password_hash,
            is_active=True,
            date_joined=ctx.moment(signed_up_on),
        )
        ctx.save([user])
        role = Role.CARER if kind == AccessKind.CARER else Role.APPLICANT
        ctx.insert([Membership(user=user, organisation=ctx.organisation, role=role, started_on=signed_up_on)])
        access = ctx.stamp(
            PortalAccess(
                person=person,
                kind=kind,
                fostering_household=record if isinstance(record, FosteringHousehold) else None,
                assessment=record if isinstance(record, Assessment) else None,
                email=user.email,
                user=user,
                invited_at=invited_at,
                expires_at=invited_at + timedelta(days=INVITATION_DAYS),
                accepted_at=ctx.moment(signed_up_on),
            ),
            signed_up_on,
        )
        ctx.save([access])
        if isinstance(record, FosteringHousehold):
            ctx.insert([ctx.stamp(CarerAccess(user=user, fostering_household=record), signed_up_on)])
        ctx.event(access, invited_at, verb="portal_invited", note=access.get_kind_display())
        ctx.event(access, access.accepted_at, verb="portal_invitation_accepted")  # type: ignore[arg-type]


def portal_login_rows(organisation_id: int) -> list[tuple[str, str, str]]:
    """(who, username, name) of the portal's demo sign-ins of an organisation."""
    rows = []
    found = PortalAccess.objects.filter(organisation_id=organisation_id, user__isnull=False).select_related(
        "user", "fostering_household", "assessment"
    )
    for access in found.order_by("pk"):
        if access.fostering_household is not None:
            who = f"Carer ({access.fostering_household.get_carer_type_display()})"
        else:
            who = f"Applicant ({access.assessment.get_stage_display()})"  # type: ignore[union-attr]
        rows.append((who, access.user.username, access.user.get_full_name()))  # type: ignore[union-attr]
    return rows
