"""Emails placements send. A message names no child and no carer: it says there is something to read."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import send_mail


def significant_event(emails: Iterable[str], *, council: str) -> int:
    recipients = sorted({email for email in emails if email})
    if not recipients:
        return 0
    return send_mail(
        subject=f"{council}: a carer has reported a significant event",
        message=(
            "A foster carer has recorded a significant event about a child placed with them.\n\n"
            "Sign in to the fostering service and open My work to read it."
        ),
        from_email=None,
        recipient_list=recipients,
    )
