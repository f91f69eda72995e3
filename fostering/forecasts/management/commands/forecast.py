"""``manage.py forecast --organisation CODE --as-of YYYY-MM-DD --months 12 [--json]``: the forecast from the
records as they stood on the date and, when the date is in the past, how it compares with what happened."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fostering.accounts.models import Organisation
from fostering.core import clock
from fostering.forecasts.forecast import N_SIMS, SEED, TooLittleHistory, check, run, run_backtest
from fostering.forecasts.model import Levers


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Enter the date as YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = "Forecast a council's approvals, households and children in care (and backtest a past date)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="The council's code, e.g. 990")
        parser.add_argument("--as-of", type=_date, default=None, help="YYYY-MM-DD (default: today)")
        parser.add_argument("--months", type=int, default=12)
        parser.add_argument("--futures", type=int, default=N_SIMS, help="How many futures to simulate")
        parser.add_argument("--seed", type=int, default=SEED)
        parser.add_argument("--campaign", type=float, default=0.0, help="More enquiries, e.g. 0.25")
        parser.add_argument("--faster", type=float, default=0.0, help="Shorter stages, e.g. 0.2")
        parser.add_argument("--fewer-withdrawals", type=float, default=0.0, help="e.g. 0.3")
        parser.add_argument("--json", action="store_true", help="Print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        org = Organisation.objects.filter(code=options["organisation"]).first()
        if org is None:
            raise CommandError(f"There is no organisation with the code {options['organisation']!r}")
        today = clock.today()
        as_of = options["as_of"] or today
        levers = Levers(options["campaign"], options["faster"], options["fewer_withdrawals"])
        errors = check(
            organisation_id=org.pk, as_of=as_of, today=today, months=options["months"], levers=levers
        )
        if errors:
            raise CommandError("; ".join(f"{field}: {message}" for field, message in errors.items()))
        try:
            forecast = run(
                organisation_id=org.pk,
                as_of=as_of,
                months=options["months"],
                levers=levers,
                n_sims=options["futures"],
                seed=options["seed"],
            )
            backtest = (
                run_backtest(
                    organisation_id=org.pk,
                    as_of=as_of,
                    today=today,
                    n_sims=options["futures"],
                    seed=options["seed"],
                )
                if as_of < today
                else None
            )
        except TooLittleHistory as error:
            raise CommandError(str(error)) from error
        result = {
            "organisation": org.code,
            "as_of": as_of.isoformat(),
            "futures": options["futures"],
            "seed": options["seed"],
            "levers": vars(levers),
            "seconds": round(forecast.seconds, 3),
            "months": [m.isoformat() for m in forecast.months],
            "approvals": {str(k): vars(s) for k, s in forecast.approvals.items()},
            "approval_totals": [vars(t) | {"kind": str(t.kind)} for t in forecast.approval_totals],
            "households": {str(k): vars(s) for k, s in forecast.households.items()},
            "children_in_care": {str(k): vars(s) for k, s in forecast.children.items()},
            "sufficiency_gap": vars(forecast.sufficiency["gap"]),
            "saving_per_household_year": str(forecast.sufficiency["saving_per_household_year"]),
        }
        if backtest is not None:
            result["backtest"] = {
                "months": len(backtest.months),
                "approvals": vars(backtest.approvals),
                "children_in_care": vars(backtest.children),
                "actual_approvals": backtest.actual_approvals,
                "actual_children_in_care": backtest.actual_children,
            }
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2, default=float))
            return
        self.stdout.write(
            f"Forecast for {org.name} ({org.code}) from {as_of:%d %B %Y}, {options['futures']} futures"
        )
        for total in forecast.approval_totals:
            self.stdout.write(
                f"  approvals {total.label}: median {total.p50:.0f} (90% range {total.p5:.0f} to {total.p95:.0f})"
            )
        cic = forecast.children["all"]
        self.stdout.write(
            f"  children in care in {options['months']} months: median {cic.p50[-1]:.0f} "
            f"(90% range {cic.p5[-1]:.0f} to {cic.p95[-1]:.0f})"
        )
        if backtest is not None:
            for label, b in (
                ("approvals a month", backtest.approvals),
                ("children in care", backtest.children),
            ):
                self.stdout.write(
                    f"  backtest {label} over {b.months} months: error {b.mae:.1f}, last year's figure "
                    f"{b.mae_last_year:.1f}, same month last year {b.mae_same_month:.1f}, inside the 90% range "
                    f"{b.coverage_90:.0%}"
                )
