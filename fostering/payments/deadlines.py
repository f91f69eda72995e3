"""The payments clock: a carer's payment query is answered within 10 working days (rule
``payment_query_answer``), and the payments team sees the open ones in My work."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse
from django.utils.text import Truncator

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.deadlines.items import Deadline, WorkItem

from .choices import QueryStatus
from .models import PaymentQuery


def query_deadline(query: PaymentQuery, *, today: date) -> Deadline:
    return Deadline.compute("payment_query_answer", query.raised_on, met_on=query.answered_on, today=today)


def payments_team_work(user: User, today: date) -> Iterator[WorkItem]:
    """Open payment queries of the organisations where the user answers them."""
    orgs = organisations_with(user, Perm.MANAGE_PAYMENTS)
    if not orgs:
        return
    queries = (
        PaymentQuery.objects.filter(
            organisation_id__in=orgs, status=QueryStatus.OPEN, answered_on__isnull=True
        )
        .select_related("line__fostering_household__household")
        .order_by("raised_on", "id")
    )
    for query in queries:
        deadline = query_deadline(query, today=today)
        # cut at a word, never inside one
        question = Truncator(query.question).words(12)
        subject = f"{query.line.fostering_household.household.name}: {question}"
        url = reverse("payments:query_detail", args=[query.pk])
        yield WorkItem(deadline, deadline.title, subject, url, query.organisation_id)
