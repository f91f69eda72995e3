"""Write a year's SSDA903 files, and check them against the DfE rules with --validate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fostering.accounts.models import Organisation
from fostering.returns903.export import build_return
from fostering.returns903.selectors import local_authority_code
from fostering.returns903.validation import ValidatorUnavailable, validate_return


class Command(BaseCommand):
    help = (
        "Write the SSDA903 files of a collection year (2026 = 1 April 2025 to 31 March 2026); with "
        "--validate, also last year's (in prev/) and the DfE rules' result. Exits non-zero on errors."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--organisation", help="The organisation's code (the only one if left out)")
        parser.add_argument("--validate", action="store_true")
        parser.add_argument("--la", help="Upper-tier local authority code for the rules, e.g. E10000018")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = _organisation(options["organisation"])
        year: int = options["year"]
        current = build_return(organisation, year)
        out: Path = options["out"]
        for path in current.write(out):
            self.stdout.write(f"{path} ({len(current.tables[_table(path)])} rows)")
        if not options["validate"]:
            return
        previous = build_return(organisation, year - 1, coded_as=year)
        previous.write(out / "prev")
        la = options["la"] or local_authority_code(organisation)
        if not la:
            raise CommandError(
                f"{organisation} has no local authority code for the DfE rules: give --la (e.g. E10000018)"
            )
        try:
            result = validate_return(current, previous, local_authority=la)
        except ValidatorUnavailable as exc:
            raise CommandError(str(exc)) from exc
        for error in result.errors:
            self.stdout.write(
                f"rule {error['rule']}: child {error['child']} ({error['table']} row {error['row']}, "
                f"{', '.join(error['fields'])}): {error['message']}"
            )
        for rule in result.failed_to_run:
            self.stdout.write(f"rule {rule['rule']} did not run (not checked): {rule['message']}")
        self.stdout.write(
            f"{year} return of {organisation}: {len(current.tables['Header'])} children, "
            f"{len(current.tables['Episodes'])} episodes; {result.rules_run} rules run in {result.seconds} s, "
            f"{len(result.errors)} errors, {len(result.failed_to_run)} rules did not run"
        )
        if result.errors:
            raise CommandError(f"The return has {len(result.errors)} errors")


def _table(path: Path) -> str:
    from fostering.returns903.codes import TABLE_FOR_FILE

    return TABLE_FOR_FILE[path.name]


def _organisation(code: str | None) -> Organisation:
    if code:
        try:
            return Organisation.objects.get(code=code)
        except Organisation.DoesNotExist as exc:
            raise CommandError(f"No organisation has the code {code}") from exc
    organisations = list(Organisation.objects.all()[:2])
    if len(organisations) != 1:
        raise CommandError("Give --organisation CODE")
    return organisations[0]
