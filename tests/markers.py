"""Markers the tests share."""

from __future__ import annotations

import pytest
from django.db import connection

# What only PostgreSQL, production's database, can show: separate connections racing for a row, the
# audit trigger, pg_dump and pg_restore. `make test` runs the whole suite on PostgreSQL, so these run there.
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: production's database (see tests/markers.py)"
)
