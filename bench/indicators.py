"""Indicators benchmark: closing a month (every indicator counted, with its records, and kept) and the
scrutiny pack as a PDF with its charts.

    .venv/bin/python bench/indicators.py                     # the county, SQLite in var/bench/
    .venv/bin/python bench/indicators.py --scale national    # all 150 councils (slow to build)
    .venv/bin/python bench/indicators.py --skip-build        # reuse the database of the last run

Printed: the time to close the last month for the main council (median of 5 closes, each undone after),
for all councils at the national scale (one close each, the total and the slowest), and to make the
main council's quarterly pack as a PDF. The aim: a county month closed in under 2 s. The dashboard's
response under 20 users is measured beside the bare page by bench/pages.py.
"""

from __future__ import annotations

import statistics
import time
from datetime import date

import scratch


def main() -> None:
    parser = scratch.arguments(__doc__)
    args = parser.parse_args()
    scratch.open_scratch_database("indicators", args.scale)
    from django.core.management import call_command

    from fostering.accounts.models import Organisation
    from fostering.demo import generator
    from fostering.demo.names import MAIN_COUNCIL_CODE
    from fostering.indicators import pack
    from fostering.indicators.models import ClosedPeriod
    from fostering.indicators.periods import Month
    from fostering.indicators.services import period_close

    today = date.today()
    if not args.skip_build:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        generator.build_scale(args.scale, seed=args.seed, today=today, replace=True)
        print(f"demo build ({args.scale}): {time.perf_counter() - started:.1f} s")
    month = Month.of(today).shift(-1)
    quarter = month
    while not quarter.is_quarter_end:
        quarter = quarter.shift(-1)

    def close(council: Organisation) -> float:
        ClosedPeriod.objects.filter(organisation=council, month=month.first_day).delete()
        started = time.perf_counter()
        period_close(organisation=council, month=month, by=None, today=today)
        return time.perf_counter() - started

    main_council = Organisation.objects.get(code=MAIN_COUNCIL_CODE)
    times = [close(main_council) for _ in range(5)]
    print(
        f"close {month} for {main_council.name}: median {statistics.median(times) * 1000:.0f} ms "
        f"(of 5: {', '.join(f'{t * 1000:.0f}' for t in times)} ms)"
    )
    councils = list(Organisation.objects.order_by("code"))
    if len(councils) > 1:
        each = [(close(council), council.code) for council in councils]
        total = sum(t for t, _ in each)
        worst = max(each)
        print(
            f"close {month} for all {len(councils)} councils: {total:.1f} s in all, "
            f"slowest {worst[0] * 1000:.0f} ms ({worst[1]})"
        )
    started = time.perf_counter()
    rows = pack.table(main_council.pk, quarter)
    content = pack.pdf_bytes(main_council, quarter, rows)
    print(
        f"scrutiny pack PDF for the quarter to {quarter}: {time.perf_counter() - started:.1f} s, "
        f"{len(content) // 1024} KB, {len(rows)} indicators"
    )


if __name__ == "__main__":
    main()
