"""Audit events are never changed or deleted (ADR 12); on PostgreSQL a trigger refuses it (migration 0002).

The demo generator alone rewrites history, and only its own made-up history: it dates the events of the
payment runs it commits on the day they were "paid", and deletes a demo council it rebuilds. It does so
inside ``rewriting_demo_history()``. No other code may call it (a test looks for callers).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

SETTING = "fostering.audit_rewrite"


@contextmanager
def rewriting_demo_history() -> Iterator[None]:
    """Within one transaction, let the table's owner update and delete audit events.

    The setting is local to the transaction and switched off again on the way out; a rollback undoes it
    too. The trigger honours it only for a member of the table's owner role.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'on', true)", [SETTING])
        yield
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'off', true)", [SETTING])
