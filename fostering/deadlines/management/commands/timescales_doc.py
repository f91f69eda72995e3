"""Write docs/timescales.md from the timescale rules, or check that it is up to date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fostering.deadlines.docs import default_path, render_timescales


class Command(BaseCommand):
    help = "Write docs/timescales.md from fostering/deadlines/rules.py (--check: fail if it is out of date)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Do not write; exit non-zero if the file differs from the rules.",
        )
        parser.add_argument(
            "--path", type=Path, default=None, help="Where to write (default docs/timescales.md)."
        )

    def handle(self, *args: Any, check: bool = False, path: Path | None = None, **options: Any) -> None:
        target = path or default_path()
        text = render_timescales()
        if check:
            current = target.read_text(encoding="utf-8") if target.exists() else None
            if current != text:
                raise CommandError(
                    f"{target} is out of date with the timescale rules: "
                    "run `python manage.py timescales_doc`."
                )
            self.stdout.write(f"{target} is up to date.")
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        self.stdout.write(f"Wrote {target}.")
