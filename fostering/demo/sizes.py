"""How big a demo council is: the county of the domain brief (section 5), a small one for tests, and the
sizes of the 150 councils of the national scale.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field, replace

from fostering.accounts.roles import Role
from fostering.households.choices import CarerType

HISTORY_YEARS = 3


@dataclass(frozen=True)
class Size:
    """The counts one council is built to. Households are those approved today (open); the generator adds
    the households that resigned or were deregistered during the history on top (``closed_share``)."""

    children_in_care: int
    entering_care_per_year: int
    households: dict[CarerType, int]
    # A county loses 25 to 44 households a year (resignations, a few deregistrations) and approves as many:
    # over the three years of history about a quarter of the households it has held have closed.
    closed_share: float = 0.27
    staff: dict[Role, int] = field(default_factory=dict)

    @property
    def open_households(self) -> int:
        return sum(self.households.values())

    @property
    def closed_households(self) -> int:
        """So that closed ones are ``closed_share`` of every household the history holds."""
        return round(self.open_households * self.closed_share / (1 - self.closed_share))

    @property
    def children_left_care(self) -> int:
        """Children who entered care and left again during the history (a steady population)."""
        return round(self.entering_care_per_year * HISTORY_YEARS * 0.95)


def staff_for(children: int, open_households: int, *, minimum: int = 1) -> dict[Role, int]:
    """Realistic staff numbers for a council of this size (a county: 680 children, 251 households)."""
    scale = open_households / 251

    def scaled(county_count: int) -> int:
        return max(minimum, round(county_count * scale))

    return {
        Role.RECRUITMENT_COORDINATOR: scaled(3),
        Role.INITIAL_VISIT_WORKER: scaled(3),
        Role.ASSESSMENT_MANAGER: scaled(2),
        Role.ASSESSING_SOCIAL_WORKER: scaled(6),
        Role.KINSHIP_WORKER: scaled(5),
        Role.SUPERVISING_SOCIAL_WORKER: max(minimum, math.ceil(open_households / 18)),
        Role.DUTY_WORKER: scaled(3),
        Role.REVIEWING_OFFICER: scaled(2),
        Role.PANEL_CHAIR: scaled(3),  # the chair and two vice chairs
        Role.PANEL_MEMBER: scaled(8),
        Role.PANEL_ADVISER: scaled(1),
        Role.PANEL_ADMINISTRATOR: scaled(1),
        Role.AGENCY_DECISION_MAKER: scaled(1),
        Role.DPST_WORKER: scaled(4),
        Role.IV_COORDINATOR: scaled(1),
        Role.TRAINING_COORDINATOR: scaled(1),
        Role.PAYMENTS_OFFICER: scaled(2),
        Role.SERVICE_MANAGER: scaled(1),
        Role.CHILDS_SOCIAL_WORKER: max(minimum, math.ceil(children / 27)),
        Role.IRO: max(minimum, math.ceil(children / 60)),
        Role.IRO_MANAGER: scaled(1),
        Role.PERSONAL_ADVISER: max(minimum, math.ceil(children / 40)),
    }


COUNTY_HOUSEHOLDS = {
    CarerType.MAINSTREAM: 125,
    CarerType.KINSHIP: 67,
    CarerType.FOSTER_FOR_ADOPTION: 5,
    CarerType.SPECIALIST: 5,
    CarerType.SHORT_BREAKS: 15,  # 217 fostering households in all
    CarerType.SUPPORTED_LODGINGS: 34,
}

COUNTY = Size(
    children_in_care=680,
    entering_care_per_year=250,
    households=COUNTY_HOUSEHOLDS,
    staff=staff_for(680, sum(COUNTY_HOUSEHOLDS.values())),
)

SMALL_HOUSEHOLDS = {
    CarerType.MAINSTREAM: 9,
    CarerType.KINSHIP: 5,
    CarerType.FOSTER_FOR_ADOPTION: 1,
    CarerType.SPECIALIST: 1,
    CarerType.SHORT_BREAKS: 1,
    CarerType.SUPPORTED_LODGINGS: 2,
}
SMALL = Size(
    children_in_care=40,
    entering_care_per_year=6,
    households=SMALL_HOUSEHOLDS,
    staff=dict.fromkeys(staff_for(40, 19), 1)
    | {Role.SUPERVISING_SOCIAL_WORKER: 2, Role.CHILDS_SOCIAL_WORKER: 2, Role.IRO: 2},
)

SCALES = ("small", "county", "national")

# England: ~84,000 children looked after and ~150 councils; ~200 council fostering households each.
NATIONAL_COUNCILS = 150
NATIONAL_CHILDREN = 84_000
NATIONAL_HOUSEHOLDS = 30_000


def national_sizes(rng: random.Random, count: int = NATIONAL_COUNCILS) -> list[Size]:
    """The main council at county size, then councils from a small unitary to a big shire county, scaled so
    the totals come to about 84,000 children and 30,000 households."""
    factors = [min(3.5, max(0.2, rng.lognormvariate(0, 0.55))) for _ in range(count - 1)]
    children_left = NATIONAL_CHILDREN - COUNTY.children_in_care
    households_left = NATIONAL_HOUSEHOLDS - COUNTY.open_households
    total = sum(factors)
    sizes = [COUNTY]
    for factor in factors:
        share = factor / total
        children = max(40, round(children_left * share))
        households_total = max(20, round(households_left * share))
        scale = households_total / COUNTY.open_households
        households = {kind: max(1, round(n * scale)) for kind, n in COUNTY_HOUSEHOLDS.items()}
        sizes.append(
            replace(
                COUNTY,
                children_in_care=children,
                entering_care_per_year=max(5, round(children * 250 / 680)),
                households=households,
                staff=staff_for(children, sum(households.values())),
            )
        )
    return sizes
