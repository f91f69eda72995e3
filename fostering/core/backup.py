"""Backing up the PostgreSQL database with ``pg_dump`` and proving the backup restores (docs/operations.md).

``backup_and_check`` dumps the database from one snapshot, restores the dump into a new, empty database
on the same server, and compares every table's row count and checksum (md5 over the md5 of each row,
rows ordered by primary key) with the same figures read from the same snapshot; then drops the copy.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

TABLES = """
SELECT c.oid, n.nspname, c.relname
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg_toast%'
ORDER BY n.nspname, c.relname
"""
PRIMARY_KEY = """
SELECT a.attname FROM pg_index i
JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
WHERE i.indrelid = %s AND i.indisprimary
ORDER BY array_position(i.indkey::int2[], a.attnum)
"""


@dataclass
class CheckResult:
    tables: dict[str, tuple[int, str]]
    restored: dict[str, tuple[int, str]]
    dump_bytes: int
    dump_seconds: float
    restore_seconds: float
    check_seconds: float
    differences: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(count for count, _ in self.tables.values())

    @property
    def identical(self) -> bool:
        return not self.differences

    def summary(self) -> str:
        verdict = "identical" if self.identical else f"{len(self.differences)} tables differ"
        return (
            f"{len(self.tables)} tables, {self.rows:,} rows: the restored copy is {verdict}. "
            f"Dump {self.dump_bytes / 1_000_000:.1f} MB in {self.dump_seconds:.1f} s, "
            f"restore {self.restore_seconds:.1f} s, checksums {self.check_seconds:.1f} s."
        )


def connection_params(settings_dict: dict[str, Any]) -> dict[str, str]:
    """psycopg/libpq parameters from a Django database setting (empty values left out)."""
    params = {
        "dbname": settings_dict.get("NAME") or "",
        "user": settings_dict.get("USER") or "",
        "password": settings_dict.get("PASSWORD") or "",
        "host": settings_dict.get("HOST") or "",
        "port": str(settings_dict.get("PORT") or ""),
    }
    return {key: value for key, value in params.items() if value}


def _env(params: dict[str, str]) -> dict[str, str]:
    """The libpq environment for pg_dump and pg_restore (so no password is on a command line)."""
    names = {
        "dbname": "PGDATABASE",
        "user": "PGUSER",
        "password": "PGPASSWORD",
        "host": "PGHOST",
        "port": "PGPORT",
    }
    return os.environ | {names[key]: value for key, value in params.items()}


def fingerprints(conn: psycopg.Connection[Any]) -> dict[str, tuple[int, str]]:
    """table -> (row count, md5 of the md5 of every row in primary key order)."""
    result: dict[str, tuple[int, str]] = {}
    for oid, schema, name in conn.execute(TABLES).fetchall():
        keys = [row[0] for row in conn.execute(PRIMARY_KEY, [oid]).fetchall()]
        table = sql.Identifier(schema, name)
        order = sql.SQL(", ").join(sql.SQL("t.{}").format(sql.Identifier(k)) for k in keys) if keys else None
        query = sql.SQL(
            "SELECT count(*), md5(coalesce(string_agg(md5(t::text), '' ORDER BY {order}), '')) FROM {table} AS t"
        ).format(order=order or sql.SQL("t::text"), table=table)
        count, checksum = conn.execute(query).fetchone()  # type: ignore[misc]
        result[f"{schema}.{name}"] = (int(count), str(checksum))
    return result


def backup_and_check(settings_dict: dict[str, Any], dump_file: Path) -> CheckResult:
    """Dump the database to ``dump_file`` (custom format), restore it into a scratch database, compare."""
    params = connection_params(settings_dict)
    scratch = f"{params.get('dbname', 'fostering')}_restore_check_{os.getpid()}"[:63]
    with psycopg.connect(**params, autocommit=True) as source:  # type: ignore[arg-type]
        source.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = source.execute("SELECT pg_export_snapshot()").fetchone()[0]  # type: ignore[index]
        started = time.perf_counter()
        subprocess.run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={dump_file}"],
            env=_env(params),
            check=True,
        )
        dump_seconds = time.perf_counter() - started
        started = time.perf_counter()
        tables = fingerprints(source)
        check_seconds = time.perf_counter() - started
        source.execute("ROLLBACK")
    with psycopg.connect(**params, autocommit=True) as admin:  # type: ignore[arg-type]
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(scratch)))
    try:
        started = time.perf_counter()
        subprocess.run(
            [
                "pg_restore",
                "--exit-on-error",
                "--no-owner",
                "--single-transaction",
                f"--dbname={scratch}",
                str(dump_file),
            ],
            env=_env(params | {"dbname": scratch}),
            check=True,
        )
        restore_seconds = time.perf_counter() - started
        started = time.perf_counter()
        with psycopg.connect(**(params | {"dbname": scratch})) as copy:  # type: ignore[arg-type]
            restored = fingerprints(copy)
        check_seconds += time.perf_counter() - started
    finally:
        with psycopg.connect(**params, autocommit=True) as admin:  # type: ignore[arg-type]
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch)))
    differences = [
        f"{name}: {tables.get(name)} in the database, {restored.get(name)} restored"
        for name in sorted(set(tables) | set(restored))
        if tables.get(name) != restored.get(name)
    ]
    return CheckResult(
        tables=tables,
        restored=restored,
        dump_bytes=dump_file.stat().st_size,
        dump_seconds=dump_seconds,
        restore_seconds=restore_seconds,
        check_seconds=check_seconds,
        differences=differences,
    )
