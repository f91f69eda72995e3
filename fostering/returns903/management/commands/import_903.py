"""Load a council's past SSDA903 files to start its children's care records: all of it, or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fostering.returns903.importer import import_folder

from .export_903 import _organisation


class Command(BaseCommand):
    help = (
        "Import the 903 files (header, episodes, reviews, UASC; several years) in DIR. --dry-run checks "
        "them and writes nothing; --commit writes everything, or nothing if any row is rejected."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, metavar="DIR")
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--dry-run", action="store_true")
        mode.add_argument("--commit", action="store_true")
        parser.add_argument("--organisation", help="The organisation's code (the only one if left out)")

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["folder"]
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder")
        organisation = _organisation(options["organisation"])
        result = import_folder(organisation=organisation, folder=folder, commit=options["commit"], by=None)
        for rejection in result.rejections:
            self.stdout.write(f"Rejected: {rejection}")
        if result.rejections:
            raise CommandError(f"{len(result.rejections)} rows were rejected: nothing was imported")
        made = ", ".join(f"{count} {what}" for what, count in result.counts.items())
        if result.committed:
            self.stdout.write(f"Imported into {organisation}: {made}")
        else:
            self.stdout.write(f"Dry run for {organisation}, nothing written; it would import: {made}")
