"""Matching benchmark: build the demo in a scratch database, then time ranking our households for referrals.

    .venv/bin/python bench/matching.py                     # county, SQLite in var/bench/
    .venv/bin/python bench/matching.py --scale national    # 150 councils (several minutes to build)
    .venv/bin/python bench/matching.py --skip-build        # reuse the database of the last run
    .venv/bin/python bench/matching.py --referrals 200
    .venv/bin/python bench/matching.py --scale national --councils 10   # the first 10 of the 150 councils
    DATABASE_URL=postgres://postgres@127.0.0.1:54330/postgres .venv/bin/python bench/matching.py

For each of N referrals (children in care picked at random, across every council of the build) it times
what the referral page does: load the council's household facts (terms of approval on the day, children
placed, holds, allegations, carers' culture, experience) and rank them with their reasons. Printed: the
median and 95th percentile in milliseconds, the households considered and proposed, then the time of the
vacancy register and of the stability measures for the main council.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date

import scratch


def main() -> None:
    parser = scratch.arguments(__doc__)
    parser.add_argument("--referrals", type=int, default=100)
    parser.add_argument(
        "--councils", type=int, default=0, help="national only: build the first N of the 150 councils"
    )
    args = parser.parse_args()
    scratch.open_scratch_database("matching", args.scale)
    from django.core.management import call_command

    from fostering.demo import generator

    if not args.skip_build:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        if args.scale == "national" and args.councils:
            _build_first_councils(args.councils, args.seed)
        else:
            generator.build_scale(args.scale, seed=args.seed, today=date.today(), replace=True)
        print(f"demo build ({args.scale}): {time.perf_counter() - started:.1f} s")
    _time_ranking(args.referrals, args.seed)


def _build_first_councils(count: int, seed: int) -> None:
    """The first ``count`` councils of the national plan, at their national sizes."""
    import random as random_

    from fostering.demo import generator
    from fostering.demo.names import national_councils
    from fostering.demo.sizes import national_sizes

    plan_rng = random_.Random(f"national:{seed}")
    councils = national_councils(plan_rng, 150)
    sizes = national_sizes(plan_rng, len(councils))
    password_hash = generator.demo_password_hash(seed)
    for index, (council, size) in enumerate(zip(councils[:count], sizes[:count], strict=True)):
        generator.build_council(
            council=council,
            size=size,
            seed=generator.seed_for(seed, index),
            today=date.today(),
            password_hash=password_hash,
            replace=True,
        )


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _time_ranking(count: int, seed: int) -> None:
    from fostering.accounts.models import Organisation
    from fostering.children.models import Child
    from fostering.core import clock
    from fostering.demo.names import MAIN_COUNCIL_CODE
    from fostering.households.choices import PlacementType
    from fostering.placements.matching import ReferralFacts, rank
    from fostering.placements.matching_data import household_facts, place_counts, vacancy_rows
    from fostering.placements.rules import IncomingChild
    from fostering.placements.stability import measures_for

    today = clock.today()
    ids = list(
        Child.objects.filter(periods_of_care__ended_on__isnull=True)
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    if not ids:
        sys.exit("No children in care: build the demo first (drop --skip-build).")
    picked = random.Random(seed).sample(ids, min(count, len(ids)))
    children = Child.objects.filter(pk__in=picked).select_related("person").order_by("pk")
    timings: list[float] = []
    considered: list[int] = []
    proposed: list[int] = []
    for child in children:
        person = child.person
        facts = ReferralFacts(
            referral_id=None,
            children=(IncomingChild(child.pk, person.date_of_birth, child.sibling_group_id),),
            placement_type=PlacementType.SHORT_TERM,
            on=today,
            home_postcode=child.home_postcode,
            school_postcode=child.school_postcode,
            keep_same_school=bool(child.school_postcode),
            ethnicity=person.ethnicity,
            ethnicity_label=person.get_ethnicity_display(),
            religion=person.religion,
            religion_label=person.get_religion_display(),
            language=person.first_language,
            risks=frozenset(child.risks),
        )
        started = time.perf_counter()
        households = household_facts([child.organisation_id], today)
        ranking = rank(facts, households)
        timings.append((time.perf_counter() - started) * 1000)
        considered.append(len(households))
        proposed.append(len(ranking.candidates))
    print(
        f"ranking candidates for {len(timings)} referrals: median {statistics.median(timings):.1f} ms, "
        f"p95 {_percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms"
    )
    print(
        f"households considered per referral: median {statistics.median(considered):.0f}; "
        f"proposed: median {statistics.median(proposed):.0f}"
    )
    main = Organisation.objects.get(code=MAIN_COUNCIL_CODE)
    started = time.perf_counter()
    counts = place_counts(vacancy_rows(household_facts([main.pk], today)))
    register_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    measures = measures_for([main.pk], today)
    measures_ms = (time.perf_counter() - started) * 1000
    print(
        f"vacancy register ({main.name}): {register_ms:.0f} ms; approved {counts.approved}, filled "
        f"{counts.filled}, vacant {counts.vacant}, unavailable {counts.unavailable}"
    )
    print(
        f"stability measures: {measures_ms:.0f} ms; 3+ placements {measures.three_or_more.percent}%, "
        f"long-term stability {measures.long_term.percent}%, utilisation {measures.utilisation.percent}%, "
        f"in foster placements {measures.in_foster_placements.percent}%, "
        f"placed in county {measures.placed_in_county.percent}%"
    )


if __name__ == "__main__":
    main()
