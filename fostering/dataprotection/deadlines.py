"""The erasure request clock (rule erasure_response: one calendar month from receipt) and its My work items."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.deadlines.items import Deadline, WorkItem

from .models import ErasureRequest


def erasure_deadline(request: ErasureRequest, *, today: date) -> Deadline:
    return Deadline.compute("erasure_response", request.received_on, met_on=request.decided_on, today=today)


def erasure_request_work(user: User, today: date) -> Iterator[WorkItem]:
    """Undecided erasure requests, for whoever decides them."""
    orgs = organisations_with(user, Perm.MANAGE_DATA_PROTECTION)
    if not orgs:
        return
    for request in ErasureRequest.objects.filter(organisation_id__in=orgs, decision=""):
        deadline = erasure_deadline(request, today=today)
        yield WorkItem(
            deadline,
            deadline.title,
            f"Erasure request {request.pk}, received {request.received_on.day} {request.received_on:%B %Y}",
            reverse("dataprotection:erasure_detail", args=[request.pk]),
            request.organisation_id,
        )
