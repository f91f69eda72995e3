"""Documents that expire (a DBS certificate, a medical) feed the My work of their record's worker."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import memberships_of
from fostering.deadlines.items import Deadline, WorkItem

from .models import Document
from .records import RECORDS, record_name

# How far ahead an expiring document is shown.
NOTICE_DAYS = 30


def expiring_documents_work(user: User, today: date) -> Iterator[WorkItem]:
    """Documents expiring within NOTICE_DAYS (or expired) on records allocated to the user, unless a later
    document of the same kind on the same record has replaced them."""
    orgs = {org_id for org_id, _ in memberships_of(user)}
    if not orgs:
        return
    documents = list(
        Document.objects.filter(organisation_id__in=orgs, expires_on__isnull=False)
        .exclude(kind="letter")
        .order_by("expires_on", "id")
    )
    latest: dict[tuple[str, int, str], date] = {}
    for document in documents:
        expires = document.expires_on
        if expires is not None:
            key = (document.record_kind, document.record_id, document.kind)
            latest[key] = max(latest.get(key, expires), expires)
    horizon = today + timedelta(days=NOTICE_DAYS)
    due = [
        d
        for d in documents
        if d.expires_on is not None
        and d.expires_on <= horizon
        and latest[(d.record_kind, d.record_id, d.kind)] == d.expires_on
    ]
    by_kind: dict[str, set[int]] = {}
    for document in due:
        by_kind.setdefault(document.record_kind, set()).add(document.record_id)
    records = {}
    for kind, ids in by_kind.items():
        record_type = RECORDS[kind]
        if record_type.worker_field is None or record_type.list_for_user is None:
            continue
        mine = record_type.list_for_user(user=user).filter(pk__in=ids, **{record_type.worker_field: user})
        for record in mine:
            records[(kind, record.pk)] = record
    for document in due:
        record = records.get((document.record_kind, document.record_id))
        if record is None:
            continue
        assert document.expires_on is not None
        deadline = Deadline.compute("document_expiry", document.expires_on, today=today)
        yield WorkItem(
            deadline,
            f"{document.get_kind_display()} expires",
            record_name(document.record_kind, record),
            reverse(RECORDS[document.record_kind].detail, args=[record.pk]),
            document.organisation_id,
        )
