"""Build the demo council (or 150 of them): ``manage.py demo_council --scale county --seed 1``."""

from __future__ import annotations

import time
from collections import Counter
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fostering.accounts.models import Organisation
from fostering.core import clock
from fostering.demo.generator import DemoError, build_scale, format_login_table
from fostering.demo.names import MAIN_COUNCIL_CODE, CouncilName
from fostering.demo.sizes import SCALES


class Command(BaseCommand):
    help = (
        "Build a fictional council with three years of fostering history (staff in every role, households, "
        "children). The same --seed and --today give the same data. An existing demo council is refused "
        "unless --replace is given, which deletes that council's data first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", choices=SCALES, default="county", help="small, county (default) or national"
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="the last day of the history, YYYY-MM-DD"
        )
        parser.add_argument(
            "--replace", action="store_true", help="delete the council(s) first if they exist"
        )
        parser.add_argument("--quiet", action="store_true", help="print nothing")
        parser.add_argument(
            "--logins",
            action="store_true",
            help="only print the demo logins of the main council, build nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["quiet"]
        if options["logins"]:
            organisation = Organisation.objects.filter(code=MAIN_COUNCIL_CODE).first()
            if organisation is None:
                raise CommandError("There is no demo council yet: run manage.py demo_council first")
            self.stdout.write(format_login_table(organisation))
            return
        today = options["today"] or clock.today()
        started = time.perf_counter()

        def progress(
            index: int, total: int, council: CouncilName, counts: Counter[str], seconds: float
        ) -> None:
            if not quiet and total > 1:
                self.stdout.write(
                    f"[{index:>3}/{total}] {council.name} ({council.code}): "
                    f"{counts['children.Child']:,} children, "
                    f"{counts['households.FosteringHousehold']:,} households, "
                    f"{sum(counts.values()):,} rows in {seconds:.1f} s"
                )

        try:
            totals = build_scale(
                options["scale"],
                seed=options["seed"],
                today=today,
                replace=options["replace"],
                progress=progress,
            )
        except DemoError as error:
            raise CommandError(str(error)) from error
        if quiet:
            return
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Built the {options['scale']} demo (seed {options['seed']}, today {today:%d/%m/%Y}) "
            f"in {elapsed:.1f} s:"
        )
        for label, count in sorted(totals.items()):
            self.stdout.write(f"  {label:<32} {count:>10,}")
        self.stdout.write(f"  {'total rows':<32} {sum(totals.values()):>10,}")
        self.stdout.write("")
        organisation = Organisation.objects.get(code=MAIN_COUNCIL_CODE)
        self.stdout.write(format_login_table(organisation))
        if options["scale"] == "national":
            self.stdout.write("The other councils' logins end with their code, e.g. demo.service_manager.801")
