"""``manage.py close_period --period YYYY-MM [--organisation CODE]``: keep every indicator's figures for a
month as the records give them now. ``--due`` closes, for every council, the last month if it has ended
and is not closed yet (what the daily scheduled task runs); closing a month twice is refused."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fostering.accounts.models import Organisation
from fostering.indicators.periods import Month, PeriodError
from fostering.indicators.services import period_close, periods_close_due


class Command(BaseCommand):
    help = "Close a month: keep its indicators' figures as they stand."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", help="The month, YYYY-MM")
        parser.add_argument("--organisation", help="A council's code (default: every council)")
        parser.add_argument(
            "--due", action="store_true", help="Close the last ended month where not closed yet"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        councils = Organisation.objects.order_by("code")
        if options["organisation"]:
            councils = councils.filter(code=options["organisation"])
            if not councils.exists():
                raise CommandError(f"No council has the code {options['organisation']!r}")
        if options["due"]:
            for council in councils:
                for period in periods_close_due(organisation=council, by=None):
                    self.stdout.write(f"{council.name}: closed {period}")
            return
        if not options["period"]:
            raise CommandError("Give the month to close with --period YYYY-MM, or --due")
        try:
            month = Month.parse(options["period"])
        except PeriodError as error:
            raise CommandError(str(error)) from error
        failed = []
        for council in councils:
            try:
                period = period_close(organisation=council, month=month, by=None)
            except ValidationError as error:
                failed.append(f"{council.name}: {' '.join(error.messages)}")
                continue
            self.stdout.write(f"{council.name}: closed {period} ({period.figures.count()} figures)")
        if failed:
            raise CommandError("\n".join(failed))
