"""Draft (and, once a manager has approved it, commit) a month's payment run from the command line."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fostering.accounts.models import Organisation
from fostering.payments.choices import RunStatus
from fostering.payments.models import PaymentRun
from fostering.payments.runs import parse_period, run_commit, run_draft


class Command(BaseCommand):
    help = (
        "Draft the payment run for a month and print it. With --commit, commit the month's run a manager "
        "has approved (a run is approved on its page before it is committed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="The month to pay, as YYYY-MM")
        parser.add_argument("--organisation", help="The organisation's code (needed when there are several)")
        parser.add_argument("--commit", action="store_true", help="Commit the month's approved run")
        parser.add_argument("--json", action="store_true", help="Print a JSON summary")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = self._organisation(options.get("organisation"))
        try:
            period = parse_period(options["period"])
            if options["commit"]:
                approved = PaymentRun.objects.filter(
                    organisation=organisation, period=period, status=RunStatus.APPROVED
                ).order_by("-id")
                run = approved.first()
                if run is None:
                    raise CommandError(
                        f"No approved run for {period:%B %Y}: draft it, and a manager approves it on its page first"
                    )
                run = run_commit(run=run, by=None)
            else:
                run = run_draft(organisation=organisation, period=period, by=None)
        except ValidationError as refused:
            raise CommandError("; ".join(refused.messages)) from refused
        lines = list(
            run.lines.order_by("fostering_household__reference", "child_id", "service_month", "from_on", "id")
        )
        if options["json"]:
            kinds: dict[str, Decimal] = defaultdict(Decimal)
            for line in lines:
                kinds[line.kind] += line.amount
            summary = {
                "organisation": organisation.code,
                "period": f"{period:%Y-%m}",
                "run": run.pk,
                "status": run.status,
                "lines": len(lines),
                "households": len({line.fostering_household_id for line in lines}),
                "total": str(run.total),
                "by_kind": {kind: str(total) for kind, total in sorted(kinds.items())},
            }
            self.stdout.write(json.dumps(summary))
            return
        self.stdout.write(
            f"{run} ({run.get_status_display().lower()}), {len(lines)} lines, total £{run.total:,.2f}"
        )
        for line in lines:
            self.stdout.write(
                f"  {line.fostering_household.reference}  {line.amount:>10,.2f}  {line.description}"
            )

    def _organisation(self, code: str | None) -> Organisation:
        if code:
            found = Organisation.objects.filter(code=code).first()
            if found is None:
                raise CommandError(f"No organisation with code {code}")
            return found
        organisations = list(Organisation.objects.order_by("code")[:2])
        if len(organisations) != 1:
            raise CommandError("Give the organisation's code with --organisation")
        return organisations[0]
