"""Audit events are append-only: on PostgreSQL the database refuses an UPDATE or a DELETE of one, whether
it comes through the ORM or as plain SQL; new events are still written. Only the demo generator may
rewrite its own made-up history, through ``rewriting_demo_history``."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction

from fostering.audit.append_only import rewriting_demo_history
from fostering.audit.models import AuditEvent
from fostering.audit.services import record_event
from tests.markers import postgresql_only

on_postgresql = postgresql_only  # the trigger is PostgreSQL's (migration audit 0002)
pytestmark = pytest.mark.django_db


@pytest.fixture
def event(council):
    return record_event(actor=None, verb="council_created", obj=council, note="first")


@on_postgresql
def test_the_database_refuses_to_change_an_audit_event(event):
    with pytest.raises(IntegrityError, match="append-only: UPDATE"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(note="rewritten")
    with pytest.raises(IntegrityError, match="append-only: UPDATE"), transaction.atomic():
        event.verb = "something_else"
        event.save()
    with (
        pytest.raises(IntegrityError, match="append-only: UPDATE"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET at = at - interval '1 day' WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert (event.verb, event.note) == ("council_created", "first")


@on_postgresql
def test_the_database_refuses_to_delete_an_audit_event(event):
    with pytest.raises(IntegrityError, match="append-only: DELETE"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with (
        pytest.raises(IntegrityError, match="append-only: DELETE"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@on_postgresql
def test_new_events_are_still_written_and_the_demo_may_rewrite_only_inside_its_block(event, council):
    record_event(actor=None, verb="council_renamed", obj=council)
    assert AuditEvent.objects.count() == 2
    with rewriting_demo_history():
        AuditEvent.objects.filter(pk=event.pk).update(note="dated by the demo")
    event.refresh_from_db()
    assert event.note == "dated by the demo"
    # the block is over: refused again in the same transaction
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with rewriting_demo_history():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert not AuditEvent.objects.filter(pk=event.pk).exists()


def test_only_the_demo_generator_rewrites_audit_history():
    root = Path(__file__).resolve().parents[2]
    callers = {
        path.relative_to(root).as_posix()
        for path in root.rglob("*.py")
        if "rewriting_demo_history" in path.read_text(encoding="utf-8") and "tests" not in path.parts
    }
    callers = {name for name in callers if not name.startswith("audit/")}
    assert callers == {"demo/generator.py", "demo/payments.py", "demo/indicators.py"}
