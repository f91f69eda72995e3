"""``manage.py ofsted_dataset --year YYYY --out FILE.xlsx [--organisation CODE]``: Ofsted's annual fostering
data collection for the financial year ending 31 March YYYY (2026 = 1 April 2025 to 31 March 2026)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fostering.accounts.models import Organisation
from fostering.core import clock
from fostering.reporting.ofsted import dataset, year_errors
from fostering.reporting.ofsted_export import workbook_bytes


class Command(BaseCommand):
    help = "Write Ofsted's annual fostering data collection for a financial year as a workbook."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, help="The financial year's end, e.g. 2026")
        parser.add_argument("--out", required=True, help="The .xlsx file to write")
        parser.add_argument(
            "--organisation", default="", help="The council's code (needed when there are several)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        raw = str(options["year"]).strip()
        if not raw.isdigit():
            raise CommandError(f"Enter the year as a number, for example 2026, not {raw!r}")
        year = int(raw)
        problem = year_errors(year, clock.today())
        if problem:
            raise CommandError(problem)
        if options["organisation"]:
            org = Organisation.objects.filter(code=options["organisation"]).first()
            if org is None:
                raise CommandError(f"There is no organisation with the code {options['organisation']!r}")
        else:
            orgs = list(Organisation.objects.order_by("pk")[:2])
            if len(orgs) != 1:
                raise CommandError("Name the council with --organisation CODE")
            org = orgs[0]
        data = dataset(organisation_id=org.pk, organisation_name=org.name, year=year)
        Path(options["out"]).write_bytes(workbook_bytes(data))
        failed = [check.title for check in data.checks if not check.passed]
        self.stdout.write(
            f"Wrote {options['out']}: {org.name}, {data.label}; "
            + (f"checks failing: {', '.join(failed)}" if failed else "every check passes")
        )
