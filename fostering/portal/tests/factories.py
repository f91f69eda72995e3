"""Carers and applicants signed up to the portal, for tests."""

from __future__ import annotations

from django.test import Client

from fostering.accounts.models import User
from fostering.assessments.models import Assessment
from fostering.households.models import FosteringHousehold

from .. import services
from ..models import PortalAccess

PASSWORD = "a long portal passphrase"


def signed_up(record: FosteringHousehold | Assessment, *, email: str = "") -> tuple[User, PortalAccess]:
    """The first carer (or applicant) of ``record``, invited and signed up with ``PASSWORD``."""
    member = services.adults_to_invite(record)[0]
    address = email or f"{member.person.first_name}.{member.person_id}@example.org".lower()
    access = services.invite(record=record, person=member.person, email=address, site="", by=None, send=False)
    user = services.invitation_accept(token=access.new_token, password=PASSWORD)  # type: ignore[attr-defined]
    return user, PortalAccess.objects.get(pk=access.pk)


def portal_client(user: User) -> Client:
    """A client signed in as a portal user, through the sign-in page (so the session is a portal one)."""
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client
