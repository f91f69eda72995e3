"""The one place raw SQL writes many rows at once (ADR 15 says when raw SQL is allowed).

``bulk_create`` compiles every row through the ORM; for tens of thousands of rows that nothing reads
back (a payment run's lines and ledger entries, the demo's history) that compilation is most of the
time. These helpers build one statement per model and hand the rows to ``executemany`` in batches,
preparing each value exactly as ``Model.save`` would (``pre_save`` and ``get_db_prep_save``), so
defaults, ``auto_now`` fields and foreign keys set through their related object behave the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connections, models, router

BATCH = 5000


def insert_rows(objs: Sequence[models.Model], *, batch: int = BATCH) -> int:
    """Insert ``objs`` (all of one model) without reading primary keys back; returns how many."""
    if not objs:
        return 0
    model = type(objs[0])
    if any(type(obj) is not model for obj in objs):
        raise TypeError("insert_rows takes rows of one model at a time")
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    for obj in objs:
        # Copies a related object's key into its ``_id`` and refuses one that was never saved.
        obj._prepare_related_fields_for_save(operation_name="insert")  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch):
            cursor.executemany(
                sql,
                [
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                    for obj in objs[start : start + batch]
                ],
            )
    return len(objs)


def update_rows(model: type[models.Model], fields: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> int:
    """Set ``fields`` on many rows of ``model``: each row is the new values in that order, then the primary
    key. Values go through each field's ``get_db_prep_save``; returns how many rows were given."""
    if not rows:
        return 0
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns: list[models.Field[Any, Any]] = []
    for name in fields:
        column = model._meta.get_field(name)
        if not isinstance(column, models.Field) or not column.concrete or column.primary_key:
            raise ValueError(f"{model.__name__}.{name} is not a column update_rows can set")
        columns.append(column)
    pk = model._meta.pk
    assert pk is not None
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(model._meta.db_table),
        ", ".join(f"{quote(str(column.column))} = %s" for column in columns),
        quote(str(pk.column)),
    )
    prepared = [
        [column.get_db_prep_save(value, connection) for column, value in zip(columns, row[:-1], strict=True)]
        + [row[-1]]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)
    return len(rows)
