"""Emails the portal sends, through Django's email backend (the console in the demo). A message never names a
child, and never carries a carer's private details: it says there is something to read and where to sign in."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import send_mail
from django.urls import reverse

from .choices import INVITATION_DAYS
from .models import PortalAccess


def invitation(access: PortalAccess, *, site: str, token: str) -> None:
    link = site.rstrip("/") + reverse("portal:accept", args=[token])
    council = access.organisation.name
    send_mail(
        subject=f"{council}: set up your fostering sign-in",
        message=(
            f"{council} has invited you to sign in to its fostering service.\n\n"
            f"Open this link to choose your password (it works once, for {INVITATION_DAYS} days):\n{link}\n\n"
            "If you were not expecting this email, you can ignore it."
        ),
        from_email=None,
        recipient_list=[access.email],
    )


def tell(emails: Iterable[str], *, subject: str, body: str, site: str = "") -> int:
    """Tell people there is something to read. The subject and body must name no child."""
    recipients = sorted({email for email in emails if email})
    if not recipients:
        return 0
    where = (
        f"\n\nSign in to read it: {site.rstrip('/')}/" if site else "\n\nSign in to the service to read it."
    )
    return send_mail(subject=subject, message=body + where, from_email=None, recipient_list=recipients)
