"""A backup of the demo council restores into an empty database with every table's rows and checksum
identical (PostgreSQL: pg_dump and pg_restore); and the checksum does notice a changed row."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from fostering.children.models import Child
from fostering.core.backup import backup_and_check, fingerprints
from fostering.demo.generator import build_scale
from tests.markers import postgresql_only

pytestmark = [
    postgresql_only,  # pg_dump and pg_restore
]


@pytest.mark.django_db(transaction=True)
def test_the_demo_council_restores_from_its_backup_with_every_table_identical(tmp_path):
    build_scale("small", seed=3, today=date(2026, 3, 2))
    # when
    result = backup_and_check(connection.settings_dict, tmp_path / "fostering.dump")
    # then
    assert result.differences == []
    assert result.restored == result.tables
    every_model_table = {f"public.{model._meta.db_table}" for model in apps.get_models()}
    assert every_model_table <= set(result.tables)
    assert result.tables[f"public.{Child._meta.db_table}"][0] == Child.objects.count() > 0
    assert result.rows > 1_000 and result.dump_bytes > 0
    out = StringIO()
    call_command("backup_check", stdout=out)
    assert (
        f"{len(result.tables)} tables, {result.rows:,} rows: the restored copy is identical."
        in out.getvalue()
    )


@pytest.mark.django_db
def test_a_changed_row_changes_its_tables_checksum_and_nothing_else(council):
    before = fingerprints(connection.connection)
    council.name = "Renamed County Council"
    council.save()
    after = fingerprints(connection.connection)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"public.accounts_organisation"}
    assert after["public.accounts_organisation"][0] == before["public.accounts_organisation"][0]
