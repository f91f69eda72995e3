"""903 return benchmark: build the demo in a scratch database, then time exporting a council's return against
the DfE rules' own time on the same files.

    .venv/bin/python bench/return903.py                     # county, SQLite in var/bench/
    .venv/bin/python bench/return903.py --scale national    # 150 councils (several minutes to build)
    .venv/bin/python bench/return903.py --skip-build        # reuse the database of the last run
    .venv/bin/python bench/return903.py --year 2025
    DATABASE_URL=postgres://postgres@127.0.0.1:54330/postgres .venv/bin/python bench/return903.py

For the main council (990) it times building the year's return and last year's from the care records and
writing the files, then runs the DfE rules (in their own environment) on those files and prints the time
the rules report for themselves and the whole subprocess, the number of children, episodes and errors. At
national scale it also times the export of every council (the rules are run for the main council only).
The demo is built as of 23 November 2026 (the 2026 collection year complete), unless --today is given.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import scratch


def main() -> None:
    parser = scratch.arguments(__doc__)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 23))
    args = parser.parse_args()
    scratch.open_scratch_database("return903", args.scale)
    from django.core.management import call_command

    from fostering.accounts.models import Organisation
    from fostering.demo import generator
    from fostering.returns903.export import build_return
    from fostering.returns903.selectors import local_authority_code
    from fostering.returns903.validation import run_validator

    if not args.skip_build:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        generator.build_scale(args.scale, seed=args.seed, today=args.today, replace=True)
        print(f"demo build ({args.scale}): {time.perf_counter() - started:.1f} s")

    main_council = Organisation.objects.get(code="990")
    with tempfile.TemporaryDirectory(prefix="bench-903-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        current = build_return(main_council, args.year)
        previous = build_return(main_council, args.year - 1, coded_as=args.year)
        current.write(folder)
        previous.write(folder / "prev")
        export_seconds = time.perf_counter() - started
        print(
            f"export of {main_council} {args.year} (and {args.year - 1}): {export_seconds:.2f} s for "
            f"{len(current.tables['Header'])} children, {len(current.tables['Episodes'])} episodes"
        )
        started = time.perf_counter()
        result = run_validator(folder, year=args.year, local_authority=local_authority_code(main_council))
        whole = time.perf_counter() - started
        print(
            f"DfE rules on the same files: {result.seconds:.2f} s by their own clock, {whole:.2f} s with the "
            f"subprocess; {result.rules_run} rules run, {len(result.errors)} errors, "
            f"{len(result.failed_to_run)} rules did not run ({', '.join(r['rule'] for r in result.failed_to_run)})"
        )
        print(f"the export takes {export_seconds / result.seconds:.1%} of the rules' own time")

    if args.scale == "national":
        times = []
        children = 0
        started = time.perf_counter()
        for organisation in Organisation.objects.order_by("code"):
            one = time.perf_counter()
            children += len(build_return(organisation, args.year).tables["Header"])
            times.append(time.perf_counter() - one)
        print(
            f"export of every council's {args.year} return: {time.perf_counter() - started:.1f} s for "
            f"{len(times)} councils and {children} children (median {statistics.median(times):.2f} s, "
            f"slowest {max(times):.2f} s)"
        )


if __name__ == "__main__":
    main()
