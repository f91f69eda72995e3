"""Writing the audit stream. Service functions call these inside their own transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from .models import AuditEvent


def record_type_of(obj: models.Model) -> str:
    return obj._meta.label_lower


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of the named fields (foreign keys by id)."""
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = _plain(getattr(obj, attname))
    return values


def changes_between(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """field -> [old, new] for every field whose value changed."""
    return {
        name: [_plain(before.get(name)), _plain(after.get(name))]
        for name in after
        if _plain(before.get(name)) != _plain(after.get(name))
    }


def created_changes(obj: models.Model, fields: Iterable[str]) -> dict[str, list[Any]]:
    return {name: [None, value] for name, value in snapshot(obj, fields).items() if value not in (None, "")}


def record_event(
    *,
    actor: Any,
    verb: str,
    obj: models.Model,
    organisation_id: int | None = None,
    changes: Mapping[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    if organisation_id is None:
        organisation_id = getattr(obj, "organisation_id", None)
    return AuditEvent.objects.create(
        organisation_id=organisation_id,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        record_type=record_type_of(obj),
        record_id=str(obj.pk),
        record_label=str(obj)[:200],
        changes=dict(changes or {}),
        note=note,
    )


READ_VERBS = ("viewed", "listed", "searched")


def _child_key(item: Any) -> int | None:
    """The child's id from a child, an id, or a row about one child."""
    if isinstance(item, models.Model):
        return item.pk if record_type_of(item) == "children.child" else getattr(item, "child_id", None)
    return int(item)


def record_read(
    *,
    by: Any,
    page: str,
    record: models.Model | None = None,
    children: Iterable[Any] = (),
    organisation_id: int | None = None,
    search: str = "",
) -> AuditEvent:
    """Record that ``by`` read a page that shows children: one insert, whatever the page shows.

    A record's page (a child's record, a placement, a statement) is ``viewed`` and names the record; a
    list or a search is ``listed`` or ``searched``. Either way ``changes["children"]`` holds the ids of
    the children the page showed: children, their ids, or rows that name one (``child_id``: a referral,
    a placement, a payment line), as the view already has them, so no query is made;
    and ``note`` names the page. Views call it after the selector has let the user in.
    """
    shown = [item for item in children if item is not None]
    ids = sorted({key for key in map(_child_key, shown) if key is not None})
    if organisation_id is None and record is None:
        organisations = {getattr(item, "organisation_id", None) for item in shown} - {None}
        organisation_id = organisations.pop() if len(organisations) == 1 else None
    data: dict[str, Any] = {"children": ids}
    if search:
        data["search"] = search[:200]
    if record is not None:
        return record_event(
            actor=by, verb="viewed", obj=record, organisation_id=organisation_id, changes=data, note=page
        )
    return AuditEvent.objects.create(
        organisation_id=organisation_id,
        actor=by if getattr(by, "is_authenticated", False) else None,
        verb="searched" if search else "listed",
        record_type="children.child",
        record_id="",
        record_label=page[:200],
        changes=data,
        note=page,
    )
