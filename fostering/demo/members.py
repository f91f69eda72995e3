"""The people of a fostering household: carers, their children and other adults, and their checks.

Used by the households step. Checks follow the rules in ``fostering.people.rules``: carers have DBS,
local authority, medical, references and an employer reference; other adults (and birth children from
their 18th birthday) DBS and local authority checks; younger children a school or health visitor check.
DBS checks are renewed every 3 years and medicals every 2, mostly on time; a few renewals are overdue
or waiting for the certificate, so the clocks show all their colours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from fostering.core.validators import age_on
from fostering.people.choices import CheckKind, CheckOutcome, Disability, MemberRole, Sex
from fostering.people.models import Check, Person

from . import names

if TYPE_CHECKING:
    from .generator import DemoContext

DBS_YEARS = 3
MEDICAL_YEARS = 2
# Renewals before this many days ago are not kept (the service's records start about then).
KEEP_RENEWALS_DAYS = 6 * 365


@dataclass
class MemberPlan:
    person: Person
    role: str
    joined_on: date
    left_on: date | None = None
    checks: list[Check] = field(default_factory=list)


def years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def adult(
    ctx: DemoContext, *, age_at_day: int, on: date, sex: str, ethnicity: str, surname: str | None = None
) -> Person:
    rng, faker = ctx.rng, ctx.faker
    pool = names.pool_for(ethnicity)
    dob = years_before(on, age_at_day) - timedelta(days=rng.randint(0, 364))
    first = names.first_name(rng, faker, sex, pool)
    last = surname or names.last_name(rng, faker, pool)
    return Person(
        first_name=first,
        last_name=last,
        date_of_birth=dob,
        sex=sex,
        ethnicity=ethnicity,
        religion=names.religion(rng, pool),
        first_language=names.first_language(rng, pool),
        disability=Disability.NO if rng.random() < 0.85 else Disability.YES,
        email=f"{names.username_part(first)}.{names.username_part(last)}{rng.randint(1, 99)}"
        f"@{rng.choice(('example.com', 'example.org', 'example.net'))}",
        phone=faker.phone_number(),
    )


def child_of(ctx: DemoContext, parent: Person, born: date) -> Person:
    rng, faker = ctx.rng, ctx.faker
    pool = names.pool_for(parent.ethnicity)
    sex = Sex.FEMALE if rng.random() < 0.49 else Sex.MALE
    return Person(
        first_name=names.first_name(rng, faker, sex, pool),
        last_name=parent.last_name,
        date_of_birth=born,
        sex=sex,
        ethnicity=parent.ethnicity,
        religion=parent.religion,
        first_language=parent.first_language,
        disability=Disability.NO if rng.random() < 0.9 else Disability.YES,
    )


def _check(
    ctx: DemoContext, kind: str, requested: date, received: date | None, years: int | None = None
) -> Check:
    if received is not None and received > ctx.today:
        received = None
    check = Check(
        kind=kind,
        requested_on=requested,
        received_on=received,
        outcome=CheckOutcome.CLEAR if received else CheckOutcome.PENDING,
        reference=f"{ctx.rng.randint(1, 10**12 - 1):012d}" if kind == CheckKind.DBS else "",
        expires_on=(received + timedelta(days=365 * years)) if (received and years) else None,
    )
    ctx.stamp(check, requested)
    if received is not None:
        check.modified_at = ctx.moment(received)
    return check


def renewing_checks(
    ctx: DemoContext, kind: str, first_requested: date, years: int, end: date, *, may_lapse: bool
) -> list[Check]:
    """A check first made at ``first_requested`` and renewed every ``years`` until ``end``.

    Renewals are asked for 3 to 11 weeks before the old one runs out (now and then late). When
    ``may_lapse`` (a household open today), a few latest renewals have not happened yet (overdue) and a
    few are waiting for the certificate (pending).
    """
    rng, today = ctx.rng, ctx.today
    cycle = 365 * years
    if first_requested > end:
        return []
    received_dates = [first_requested + timedelta(days=rng.randint(7, 45))]
    requested_dates = [first_requested]
    while True:
        early = rng.randint(20, 80) if rng.random() < 0.9 else -rng.randint(5, 60)
        requested = received_dates[-1] + timedelta(days=cycle - early - rng.randint(7, 30))
        received = requested + timedelta(days=rng.randint(7, 30))
        if received > end:
            break
        requested_dates.append(requested)
        received_dates.append(received)
    pending: date | None = None
    if may_lapse and len(received_dates) > 1 and rng.random() < 0.15:
        overdue_by = (end - (received_dates[-2] + timedelta(days=cycle))).days
        if 1 <= overdue_by <= 150:  # drop the latest renewal: it is overdue
            requested_dates.pop()
            received_dates.pop()
            if rng.random() < 0.5:
                pending = end - timedelta(days=rng.randint(0, min(30, overdue_by)))
    due_soon = (received_dates[-1] + timedelta(days=cycle) - end).days < 60
    if may_lapse and pending is None and due_soon and rng.random() < 0.4:
        pending = end - timedelta(days=rng.randint(0, 20))
    checks = [
        _check(ctx, kind, req, rec, years)
        for n, (req, rec) in enumerate(zip(requested_dates, received_dates, strict=True))
        if n == 0 or (today - req).days <= KEEP_RENEWALS_DAYS
    ]
    if pending is not None and pending >= requested_dates[-1] and pending <= today:
        checks.append(_check(ctx, kind, pending, None))
    return checks


def one_off(
    ctx: DemoContext, kind: str, requested: date, end: date, low: int = 5, high: int = 40
) -> list[Check]:
    if requested > end:
        return []
    return [_check(ctx, kind, requested, requested + timedelta(days=ctx.rng.randint(low, high)))]


def checks_for(
    ctx: DemoContext, member: MemberPlan, assessed_from: date, end: date, *, is_open: bool
) -> None:
    """The checks a member has had: at the assessment (or when they joined, or turned 18), and renewals."""
    dob = member.person.date_of_birth
    assert dob is not None
    start = max(assessed_from, member.joined_on) + timedelta(days=ctx.rng.randint(0, 25))
    end = min(end, member.left_on or end, ctx.today)
    checks: list[Check] = []
    if member.role == MemberRole.CARER:
        checks += renewing_checks(ctx, CheckKind.DBS, start, DBS_YEARS, end, may_lapse=is_open)
        checks += one_off(ctx, CheckKind.LOCAL_AUTHORITY, start, end)
        checks += renewing_checks(ctx, CheckKind.MEDICAL, start, MEDICAL_YEARS, end, may_lapse=is_open)
        checks += one_off(ctx, CheckKind.REFERENCE, start + timedelta(days=10), end, 14, 50)
        if ctx.rng.random() < 0.7:
            checks += one_off(ctx, CheckKind.EMPLOYER, start + timedelta(days=10), end, 14, 50)
    else:
        eighteenth = (
            dob.replace(year=dob.year + 18) if (dob.month, dob.day) != (2, 29) else date(dob.year + 18, 3, 1)
        )
        if age_on(dob, start) < 18:
            kind = CheckKind.HEALTH_VISITOR if age_on(dob, start) < 5 else CheckKind.SCHOOL
            checks += one_off(ctx, kind, start, end)
        adult_from = max(start, eighteenth + timedelta(days=ctx.rng.randint(0, 40)))
        checks += renewing_checks(ctx, CheckKind.DBS, adult_from, DBS_YEARS, end, may_lapse=is_open)
        checks += one_off(ctx, CheckKind.LOCAL_AUTHORITY, adult_from, end)
    member.checks = checks
