"""Forecasts benchmark: 10,000 simulated futures of each council's pipeline, households and children in care.

    .venv/bin/python bench/forecasts.py                     # the county, SQLite in var/bench/
    .venv/bin/python bench/forecasts.py --scale national    # all 150 councils (slow to build)
    .venv/bin/python bench/forecasts.py --skip-build        # reuse the database of the last run
    .venv/bin/python bench/forecasts.py --futures 2000

Printed: for the main council, the time to read its records as they stood (history) and to simulate the
futures (pipeline, households, children in care), and the backtest; for the national scale, the same summed
over every council, with the slowest. The aim: a county's simulation in under a second, England's in under a
minute.
"""

from __future__ import annotations

import time
from datetime import date

import scratch


def main() -> None:
    parser = scratch.arguments(__doc__)
    parser.add_argument("--futures", type=int, default=10_000)
    args = parser.parse_args()
    scratch.open_scratch_database("forecasts", args.scale)
    from django.core.management import call_command

    from fostering.accounts.models import Organisation
    from fostering.deadlines.calendar import add_months
    from fostering.demo import generator
    from fostering.demo.names import MAIN_COUNCIL_CODE
    from fostering.forecasts import forecast, history

    today = date.today()
    if not args.skip_build:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        generator.build_scale(args.scale, seed=args.seed, today=today, replace=True)
        print(f"demo build ({args.scale}): {time.perf_counter() - started:.1f} s")
    as_of = today
    reading = simulating = 0.0
    slowest = (0.0, "")
    councils = list(Organisation.objects.order_by("code").values_list("pk", "code"))
    for pk, code in councils:
        started = time.perf_counter()
        h = history.pipeline_history(pk, as_of)
        demand = history.demand_history(pk, as_of)
        households = history.household_history(pk, as_of)
        costs = forecast._weekly_costs(pk, as_of)
        read = time.perf_counter() - started
        started = time.perf_counter()
        result = forecast._simulate(
            pk, as_of, 12, forecast.NO_LEVERS, args.futures, forecast.SEED, h, demand, households, costs
        )
        simulated = time.perf_counter() - started
        reading, simulating = reading + read, simulating + simulated
        slowest = max(slowest, (simulated, code))
        if code == MAIN_COUNCIL_CODE:
            total = next(t for t in result.approval_totals if t.kind == "all")
            print(
                f"{code}: history {read:.2f} s, {args.futures:,} futures simulated in {simulated:.2f} s "
                f"(approvals median {total.p50:.0f}, children in care in 12 months median "
                f"{result.children['all'].p50[-1]:.0f})"
            )
            started = time.perf_counter()
            backtest = forecast.run_backtest(
                organisation_id=pk, as_of=add_months(as_of, -12), today=as_of, n_sims=args.futures
            )
            if backtest is not None:
                for label, b in (("approvals", backtest.approvals), ("children in care", backtest.children)):
                    print(
                        f"  backtest {label}: error {b.mae:.2f} a month (last year's figure {b.mae_last_year:.2f}, "
                        f"same month last year {b.mae_same_month:.2f}), inside the 90% range {b.coverage_90:.0%}"
                    )
                print(f"  backtest in {time.perf_counter() - started:.2f} s")
    if len(councils) > 1:
        print(
            f"{len(councils)} councils: history {reading:.1f} s, {args.futures:,} futures each simulated in "
            f"{simulating:.1f} s in all (slowest {slowest[1]}: {slowest[0]:.2f} s)"
        )


if __name__ == "__main__":
    main()
