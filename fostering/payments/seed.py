"""Figures seeded as data: the national minimum allowance for England, and a council's starting rates.

The national minimum allowance figures follow the published weekly amounts for England outside London
(the 0-4 band takes the higher, age 3 to 4, figure); the 2026/27 figures are illustrative, as are the
council's own rates, which sit above the minimum and are uprated each April by a recorded decision.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .choices import AgeBand, RateKey

NATIONAL_MINIMUM: dict[date, dict[AgeBand, str]] = {
    date(2023, 4, 1): {
        AgeBand.AGE_0_4: "171",
        AgeBand.AGE_5_10: "189",
        AgeBand.AGE_11_15: "215",
        AgeBand.AGE_16_17: "251",
    },
    date(2024, 4, 1): {
        AgeBand.AGE_0_4: "181",
        AgeBand.AGE_5_10: "199",
        AgeBand.AGE_11_15: "226",
        AgeBand.AGE_16_17: "264",
    },
    date(2025, 4, 1): {
        AgeBand.AGE_0_4: "188",
        AgeBand.AGE_5_10: "207",
        AgeBand.AGE_11_15: "235",
        AgeBand.AGE_16_17: "275",
    },
    date(2026, 4, 1): {
        AgeBand.AGE_0_4: "194",
        AgeBand.AGE_5_10: "213",
        AgeBand.AGE_11_15: "242",
        AgeBand.AGE_16_17: "283",
    },
}

# A council's rates from 1 April 2023 (weekly; respite and short breaks by the night).
STARTING_RATES: dict[RateKey, Decimal] = {
    RateKey.ALLOWANCE_0_4: Decimal("178.00"),
    RateKey.ALLOWANCE_5_10: Decimal("197.00"),
    RateKey.ALLOWANCE_11_15: Decimal("223.00"),
    RateKey.ALLOWANCE_16_17: Decimal("260.00"),
    RateKey.FEE_LEVEL_1: Decimal("150.00"),
    RateKey.FEE_LEVEL_2: Decimal("225.00"),
    RateKey.FEE_LEVEL_3: Decimal("300.00"),
    RateKey.ONE_TO_ONE_FEE: Decimal("650.00"),
    RateKey.ONE_TO_ONE_RETAINER: Decimal("325.00"),
    RateKey.PATHWAY_FEE: Decimal("400.00"),
    RateKey.PARENT_AND_CHILD_FEE: Decimal("550.00"),
    RateKey.RESPITE_NIGHT: Decimal("45.00"),
    RateKey.SHORT_BREAKS_NIGHT: Decimal("40.00"),
    RateKey.SUPPORTED_LODGINGS: Decimal("200.00"),
    RateKey.STAYING_PUT: Decimal("250.00"),
    RateKey.ALLEGATION_RETAINER: Decimal("75.00"),
}
STARTS = date(2023, 4, 1)
# The yearly uprating decisions: (decided on, from, per cent).
UPRATINGS: list[tuple[date, date, Decimal]] = [
    (date(2024, 2, 20), date(2024, 4, 1), Decimal("4.00")),
    (date(2025, 2, 18), date(2025, 4, 1), Decimal("4.00")),
    (date(2026, 2, 17), date(2026, 4, 1), Decimal("3.50")),
]
