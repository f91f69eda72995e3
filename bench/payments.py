"""Payments benchmark: build the demo in a scratch database, then time a monthly payment run and a repeat.

    .venv/bin/python bench/payments.py                     # county, SQLite in var/bench/
    .venv/bin/python bench/payments.py --scale national    # 150 councils (slow to build)
    .venv/bin/python bench/payments.py --skip-build        # reuse the database of the last run
    DATABASE_URL=postgres://postgres@127.0.0.1:54330/postgres .venv/bin/python bench/payments.py

Printed: the time the demo's payments step took (rates, fee levels and every monthly run of the history),
then, for the main council, the current month's run (draft, which computes every entitlement and compares
it with what was paid; approval; commit), a repeat of that month (refused: it is committed) and a fresh
draft of the month just paid (it finds nothing left to pay).
"""

from __future__ import annotations

import time
from datetime import date

import scratch


def main() -> None:
    parser = scratch.arguments(__doc__)
    args = parser.parse_args()
    scratch.open_scratch_database("payments", args.scale)
    from django.core.management import call_command

    from fostering.demo import generator
    from fostering.demo.names import MAIN_COUNCIL_CODE

    step_seconds: list[float] = []
    if not args.skip_build:
        call_command("migrate", verbosity=0)
        index = next(i for i, step in enumerate(generator.STEPS) if step.__name__ == "build_payments")
        original = generator.STEPS[index]

        def timed(ctx: generator.DemoContext) -> None:
            started = time.perf_counter()
            original(ctx)
            step_seconds.append(time.perf_counter() - started)

        generator.STEPS[index] = timed
        started = time.perf_counter()
        generator.build_scale(args.scale, seed=args.seed, today=date.today(), replace=True)
        print(f"demo build ({args.scale}): {time.perf_counter() - started:.1f} s in all")
        print(
            f"payments step: {sum(step_seconds):.1f} s for {len(step_seconds)} council(s); "
            f"main council {step_seconds[0]:.1f} s"
        )
    _time_runs(MAIN_COUNCIL_CODE)


def _time_runs(code: str) -> None:
    from django.core.exceptions import ValidationError

    from fostering.accounts.models import Organisation
    from fostering.core import clock
    from fostering.payments.choices import RunStatus
    from fostering.payments.entitlements import month_start
    from fostering.payments.models import LedgerEntry, PaymentRun
    from fostering.payments.runs import compute, run_approve, run_commit, run_draft

    organisation = Organisation.objects.get(code=code)
    period = month_start(clock.today())
    PaymentRun.objects.filter(organisation=organisation, period=period).exclude(
        status=RunStatus.COMMITTED
    ).delete()
    if PaymentRun.objects.filter(
        organisation=organisation, period=period, status=RunStatus.COMMITTED
    ).exists():
        print(f"{period:%B %Y} is already committed: rebuild the demo to time it again")
        return
    started = time.perf_counter()
    run = run_draft(organisation=organisation, period=period, by=None)
    drafted = time.perf_counter() - started
    run_approve(run=run, by=None)
    started = time.perf_counter()
    run_commit(run=run, by=None)
    committed = time.perf_counter() - started
    print(
        f"monthly run, {period:%B %Y}: draft {drafted:.2f} s ({run.line_count} lines, £{run.total:,.2f}), "
        f"commit {committed:.2f} s ({LedgerEntry.objects.filter(run=run).count()} ledger entries)"
    )
    started = time.perf_counter()
    try:
        run_draft(organisation=organisation, period=period, by=None)
        print("repeat: NOT refused")
    except ValidationError as refused:
        print(
            f"repeat of {period:%B %Y}: refused in {time.perf_counter() - started:.3f} s: {refused.messages[0]}"
        )
    started = time.perf_counter()
    again = compute(organisation.pk, period, as_of=clock.today())
    print(
        f"recomputing {period:%B %Y} against the ledger: {time.perf_counter() - started:.2f} s, "
        f"{len(again.lines)} lines left to pay (£{again.total:,.2f})"
    )


if __name__ == "__main__":
    main()
