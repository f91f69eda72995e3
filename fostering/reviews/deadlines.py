"""The IRO's items on My work: reviews due, records to distribute, midway checks, overdue recommendations."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from fostering.accounts.models import User
from fostering.deadlines.items import WorkItem

from .selectors import iro_work


def iro_my_work(user: User, today: date) -> Iterator[WorkItem]:
    for rows in iro_work(user=user, today=today).values():
        for row in rows:
            url = (
                reverse("reviews:record", args=[row.record.pk])
                if row.record is not None
                else reverse("reviews:child", args=[row.child.pk])
            )
            yield WorkItem(row.deadline, row.what, row.child.person.full_name, url, row.child.organisation_id)
