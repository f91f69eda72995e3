"""``manage.py annual_report --year YYYY --out FILE.pdf [--organisation CODE]``: the fostering service's
annual report for the financial year ending in March YYYY, as a PDF with its figures, charts and words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fostering.accounts.models import Organisation
from fostering.core import clock
from fostering.reporting.annual_report import annual_report, pdf, year_problem


class Command(BaseCommand):
    help = "Write a year's annual report of the fostering service as a PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="The financial year's end, e.g. 2026")
        parser.add_argument("--out", required=True, help="The PDF file to write")
        parser.add_argument("--organisation", help="The council's code (needed when there are several)")

    def handle(self, *args: Any, **options: Any) -> None:
        if problem := year_problem(options["year"], clock.today()):
            raise CommandError(problem)
        councils = Organisation.objects.all()
        if options["organisation"]:
            councils = councils.filter(code=options["organisation"])
        if councils.count() != 1:
            raise CommandError("Name the council with --organisation CODE")
        report = annual_report(councils.get(), options["year"])
        Path(options["out"]).write_bytes(pdf(report))
        self.stdout.write(
            f"Wrote {options['out']}: {len(report.sections)} sections, {report.signed_off} signed off"
        )
