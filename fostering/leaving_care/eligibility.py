"""Who is a care leaver (Children (Leaving Care) Act 2000; Care Leavers (England) Regulations 2010).

A young person is *eligible* while 16 or 17 and looked after, having been looked after for at least 13 weeks
(91 days) in all since their 14th birthday, in a time in care that ended after their 16th birthday;
*relevant* while 16 or 17 once they leave care having been eligible; *former relevant* from 18 (support to
25). Short breaks (legal status V3 or V4) do not count. Adopted young people (E11, E12) are not care leavers.
The DfE's rule 1001 counts the same way (91 days since 14, at least one day after 16).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from fostering.core.validators import age_on
from fostering.deadlines.calendar import add_months

from .codes import Category

THIRTEEN_WEEKS = 91
OLDEST = 25
ADOPTED = {"E11", "E12"}
SHORT_BREAKS = {"V3", "V4"}


@dataclass(frozen=True)
class Span:
    start: date
    end: date | None  # None: still open
    reason_ended: str = ""


@dataclass(frozen=True)
class Eligibility:
    category: Category | None
    days_since_14: int
    in_care_after_16: bool
    reason: str  # why not, when category is None

    @property
    def is_care_leaver(self) -> bool:
        return self.category is not None


def birthday(date_of_birth: date, age: int) -> date:
    """The day of the ``age``th birthday (29 February counts on 28 February)."""
    return add_months(date_of_birth, 12 * age)


def _days(spans: Iterable[tuple[date, date]]) -> int:
    return sum(max(0, (end - start).days) for start, end in spans)


def _minus(span: tuple[date, date], holes: Sequence[tuple[date, date]]) -> list[tuple[date, date]]:
    pieces = [span]
    for hole_start, hole_end in holes:
        cut: list[tuple[date, date]] = []
        for start, end in pieces:
            if hole_end <= start or hole_start >= end:
                cut.append((start, end))
                continue
            if hole_start > start:
                cut.append((start, hole_start))
            if hole_end < end:
                cut.append((hole_end, end))
        pieces = cut
    return pieces


def assess(
    date_of_birth: date | None,
    periods: Sequence[Span],
    *,
    on: date,
    short_breaks: Sequence[Span] = (),
) -> Eligibility:
    """Whether the young person is a care leaver on ``on``, and which kind; else the reason why not."""
    if date_of_birth is None:
        return Eligibility(None, 0, False, "The young person's date of birth is not recorded")
    age = age_on(date_of_birth, on)
    fourteen, sixteen = birthday(date_of_birth, 14), birthday(date_of_birth, 16)
    holes = [(s.start, s.end or on + timedelta(days=1)) for s in short_breaks]
    counted: list[tuple[date, date]] = []
    for period in periods:
        end = min(period.end or on, on)
        start = max(period.start, fourteen)
        if end > start:
            counted.extend(_minus((start, end), holes))
    days = _days(counted)
    after_16 = any(end > max(start, sixteen) for start, end in counted)
    if age < 16:
        return Eligibility(None, days, after_16, f"The young person is {age}: care leavers are 16 or over")
    if age > OLDEST:
        return Eligibility(
            None, days, after_16, f"The young person is {age}: support as a care leaver ends at 25"
        )
    latest = max(periods, key=lambda p: p.start, default=None)
    if latest is not None and latest.reason_ended in ADOPTED:
        return Eligibility(
            None, days, after_16, "The young person was adopted: adopted young people are not care leavers"
        )
    if days < THIRTEEN_WEEKS or not after_16:
        told = (
            f"The young person was looked after for {days} days since their 14th birthday"
            + ("" if after_16 else ", none of it after their 16th birthday")
            + ": a care leaver must have been looked after for at least 13 weeks (91 days) since 14, "
            "in care that ended after their 16th birthday"
        )
        return Eligibility(None, days, after_16, told)
    in_care_now = any(p.start <= on and (p.end is None or p.end > on) for p in periods)
    category = (
        Category.FORMER_RELEVANT if age >= 18 else Category.ELIGIBLE if in_care_now else Category.RELEVANT
    )
    return Eligibility(category, days, after_16, "")


def in_care_on(periods: Sequence[Span], day: date) -> bool:
    """Looked after on the day: a young person who leaves care on their 18th birthday was looked after on
    it, so their first birthday contact is at 19 (as the DfE's rules 1007 and 1016 read it)."""
    return any(p.start <= day and (p.end is None or p.end >= day) for p in periods)
