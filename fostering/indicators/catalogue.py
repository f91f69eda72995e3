"""Every indicator the service reports, with the count that gives it.

Topics and themes follow the quarterly performance pack to scrutiny. Children's indicators (reviews,
health, education) join as those parts of the service arrive: add them here with their count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from . import counts
from .counts import Count
from .definitions import Indicator
from .periods import Window


@dataclass(frozen=True)
class Counted:
    indicator: Indicator
    count: Callable[[int, Window], Count]


RECRUITMENT, HOUSEHOLDS, PLACEMENTS = "Recruitment and assessment", "Fostering households", "Children in care"

INDICATORS: tuple[Counted, ...] = (
    Counted(
        Indicator(
            "FOS01",
            "Enquiries received",
            RECRUITMENT,
            "The front door",
            "number",
            "high",
            "monthly",
            "Enquiries about fostering received in the month, by any channel.",
            tolerance=Decimal("15"),
        ),
        counts.enquiries,
    ),
    Counted(
        Indicator(
            "FOS02",
            "Mainstream households approved this year",
            RECRUITMENT,
            "Approvals",
            "number",
            "high",
            "annual",
            "Mainstream fostering households approved from 1 April to the end of the month, against the "
            "year's target pro rata.",
            tolerance=Decimal("20"),
            pro_rata=True,
        ),
        counts.approvals_mainstream,
    ),
    Counted(
        Indicator(
            "FOS03",
            "Households approved",
            RECRUITMENT,
            "Approvals",
            "number",
            "high",
            "quarterly",
            "Fostering households of every kind approved in the quarter.",
            tolerance=Decimal("20"),
        ),
        counts.approvals_all,
    ),
    Counted(
        Indicator(
            "FOS04",
            "Assessments completed within 8 months",
            RECRUITMENT,
            "Assessment",
            "percent",
            "high",
            "quarterly",
            "Of the assessments that became ready for panel in the quarter, those ready within 8 months of "
            "the application being accepted.",
        ),
        counts.assessments_in_time,
    ),
    Counted(
        Indicator(
            "FOS05",
            "Decisions within 7 working days of panel",
            RECRUITMENT,
            "Panel and decisions",
            "percent",
            "high",
            "quarterly",
            "Of the agency decision maker's decisions made in the quarter, those made within 7 working days "
            "of the panel's recommendation.",
        ),
        counts.adm_decisions_in_time,
    ),
    Counted(
        Indicator(
            "FOS06",
            "Fostering households",
            HOUSEHOLDS,
            "Sufficiency",
            "number",
            "high",
            "monthly",
            "Fostering households approved and not resigned or deregistered on the last day of the month.",
            tolerance=Decimal("5"),
            at_end=True,
        ),
        counts.households_at_end,
    ),
    Counted(
        Indicator(
            "FOS07",
            "Households that resigned or were deregistered",
            HOUSEHOLDS,
            "Retention",
            "number",
            "low",
            "quarterly",
            "Fostering households that resigned or were deregistered in the quarter.",
            tolerance=Decimal("25"),
        ),
        counts.households_closed,
    ),
    Counted(
        Indicator(
            "FOS08",
            "Supervision visits up to date",
            HOUSEHOLDS,
            "Support and supervision",
            "percent",
            "high",
            "monthly",
            "Of the households open on the last day of the month, those whose supervision visit was not "
            "overdue (a visit every 6 weeks).",
            at_end=True,
        ),
        counts.supervision_up_to_date,
    ),
    Counted(
        Indicator(
            "FOS09",
            "Unannounced visit in the last year",
            HOUSEHOLDS,
            "Support and supervision",
            "percent",
            "high",
            "quarterly",
            "Of the households open at the end of the quarter, those with an unannounced visit in the 12 "
            "months before.",
            at_end=True,
        ),
        counts.unannounced_in_year,
    ),
    Counted(
        Indicator(
            "FOS10",
            "Household reviews on time",
            HOUSEHOLDS,
            "Reviews",
            "percent",
            "high",
            "quarterly",
            "Of the household reviews held in the quarter with a known due date, those held within 12 months "
            "of the approval or the review before.",
        ),
        counts.reviews_on_time,
    ),
    Counted(
        Indicator(
            "FOS11",
            "Carers aged 65 and over",
            HOUSEHOLDS,
            "Retention",
            "percent",
            "none",
            "quarterly",
            "Of the carers in households open at the end of the quarter, those aged 65 or over.",
            at_end=True,
        ),
        counts.carers_over_65,
    ),
    Counted(
        Indicator(
            "FOS12",
            "Allegations against carers",
            HOUSEHOLDS,
            "Safeguarding",
            "number",
            "none",
            "quarterly",
            "Allegations against foster carers received in the quarter.",
        ),
        counts.allegations,
    ),
    Counted(
        Indicator(
            "FOS13",
            "Children in care",
            PLACEMENTS,
            "Children in care",
            "number",
            "none",
            "monthly",
            "Children in care on the last day of the month.",
            at_end=True,
        ),
        counts.in_care,
    ),
    Counted(
        Indicator(
            "FOS14",
            "Children in care living with the council's own carers",
            PLACEMENTS,
            "Sufficiency",
            "percent",
            "high",
            "monthly",
            "Of the children in care on the last day of the month, those placed with one of the council's "
            "fostering households (kinship carers included).",
            at_end=True,
        ),
        counts.with_own_carers,
    ),
    Counted(
        Indicator(
            "FOS15",
            "Use of in-house places",
            PLACEMENTS,
            "Sufficiency",
            "percent",
            "high",
            "monthly",
            "Children placed with the council's households on the last day of the month, out of the places "
            "those households are approved for (short breaks apart).",
            at_end=True,
        ),
        counts.utilisation,
    ),
    Counted(
        Indicator(
            "FOS16",
            "Children with 3 or more placements in 12 months",
            PLACEMENTS,
            "Stability",
            "percent",
            "low",
            "quarterly",
            "Of the children in care at the end of the quarter, those with 3 or more placements in the 12 "
            "months before.",
            tolerance=Decimal("2"),
            at_end=True,
        ),
        counts.three_or_more_placements,
    ),
)

BY_CODE: dict[str, Counted] = {c.indicator.code: c for c in INDICATORS}


def indicator(code: str) -> Counted:
    return BY_CODE[code]
