"""Back up the database and prove the backup restores: ``manage.py backup_check [--file PATH]``."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from fostering.core.backup import backup_and_check


class Command(BaseCommand):
    help = (
        "Dump the PostgreSQL database with pg_dump (custom format, one snapshot), restore the dump into a "
        "new empty database on the same server, and compare every table's row count and checksum; the "
        "copy is dropped afterwards. Exits with an error if any table differs. See docs/operations.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file", type=Path, default=None, help="keep the dump here (default: a temporary file)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("backup_check needs PostgreSQL: set DATABASE_URL to the database to back up")
        with tempfile.TemporaryDirectory() as folder:
            dump_file = options["file"] or Path(folder) / "fostering.dump"
            result = backup_and_check(connection.settings_dict, dump_file)
        for difference in result.differences:
            self.stderr.write(difference)
        if not result.identical:
            raise CommandError(result.summary())
        self.stdout.write(result.summary())
