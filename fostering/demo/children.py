"""Build step: the children in care today, and the children who entered and left care during the history.

Each child's entering and leaving dates (and why they left) are kept in ``ctx.records["care_episodes"]``;
the care history step (``care.py``) stores them as periods of care, with legal statuses, placements and
reviews. The child's audit event says them in words. Children who have left care keep their record with no social
worker allocated (the case is closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from fostering.accounts.roles import Role
from fostering.children.models import Child
from fostering.children.upn import upn_check_letter
from fostering.core.validators import age_on
from fostering.people.choices import Disability, Sex
from fostering.people.models import Person

from . import names

if TYPE_CHECKING:
    from .generator import DemoContext

UASC_SHARE = 0.05
# Children looked after in England by age (DfE, 2024), roughly.
AGE_BANDS: tuple[tuple[tuple[int, int], float], ...] = (
    ((0, 0), 5),
    ((1, 4), 14),
    ((5, 9), 18),
    ((10, 15), 38),
    ((16, 17), 25),
)
# Why children left care during the history: (reason, weight, youngest, oldest at leaving).
LEAVING_REASONS: tuple[tuple[str, float, int, int], ...] = (
    ("Returned home to live with parents or relatives", 30, 0, 17),
    ("Special guardianship order granted", 14, 1, 15),
    ("Adopted", 9, 1, 8),
    ("Turned 18", 22, 18, 18),
    ("Moved into independent living", 8, 16, 17),
    ("Child arrangements order granted", 5, 1, 15),
    ("Care transferred to another local authority", 4, 0, 17),
    ("Sentenced to custody", 2, 14, 17),
    ("Other reason", 6, 0, 17),
)
DISABILITY_DETAILS = (
    "Autism spectrum condition",
    "ADHD",
    "Learning disability",
    "Cerebral palsy",
    "Hearing impairment",
    "Global developmental delay",
    "Type 1 diabetes",
    "Foetal alcohol spectrum disorder",
    "Visual impairment",
)
WHAT_CARERS_NEED_TO_KNOW = (
    "Allergic to peanuts: carries an adrenaline pen.",
    "Needs a night light and the bedroom door left open.",
    "Family time with mother every other Saturday, supervised at the family centre.",
    "Vegetarian.",
    "Frightened of dogs.",
    "Uses Makaton signs alongside speech.",
    "School transport is arranged by the council; the escort knows the carers' address.",
    "Takes medication for ADHD each morning (prescribed by the community paediatrician).",
    "Must not have contact with her stepfather: see the care plan.",
    "Loves football; plays for the under-12s on Sunday mornings.",
    "Has an education, health and care plan; the virtual school is involved.",
    "Halal diet.",
    "Settles best with a familiar bedtime routine and a story.",
    "Asthma: brown inhaler morning and evening, blue inhaler as needed.",
)


@dataclass
class CareEpisode:
    """A child's time in care as the demo knows it, stored by the care history step."""

    child: Child
    entered_on: date
    left_on: date | None = None
    reason_left: str = ""


def _age_band(ctx: DemoContext) -> tuple[int, int]:
    bands = [band for band, _ in AGE_BANDS]
    return ctx.rng.choices(bands, weights=[w for _, w in AGE_BANDS])[0]


def _dob_for_age(ctx: DemoContext, age: int, on: date) -> date:
    """A date of birth that makes the child ``age`` on ``on``."""
    birthday = (
        on.replace(year=on.year - age) if not (on.month == 2 and on.day == 29) else date(on.year - age, 2, 28)
    )
    return birthday - timedelta(days=ctx.rng.randint(0, 364))


def _upn(ctx: DemoContext, dob: date, age: int, uasc: bool) -> str:
    rng = ctx.rng
    chance = 0.6 if uasc else 0.93 if age >= 5 else 0.5 if age >= 3 else 0.05
    if rng.random() >= chance:
        return ""
    school = rng.randint(2000, 4999)
    year = (dob.year + 5) % 100
    tail = f"{ctx.council.code[-3:]:0>3}{school:04d}{year:02d}{rng.randint(1, 999):03d}"
    return upn_check_letter(tail) + tail


def _person(
    ctx: DemoContext, *, dob: date, sex: str, ethnicity: str, pool: str | None, surname: str, uasc: bool
) -> Person:
    rng, faker = ctx.rng, ctx.faker
    age = age_on(dob, ctx.today)
    roll = rng.random()
    disability = Disability.YES if roll < 0.12 else Disability.NO if roll < 0.82 else Disability.NOT_KNOWN
    return Person(
        first_name=names.first_name(rng, faker, sex, pool, always=uasc),
        last_name=surname,
        date_of_birth=dob,
        sex=sex,
        ethnicity=ethnicity,
        religion=names.religion(rng, pool, child=True),
        first_language=names.first_language(rng, pool) if (uasc or age >= 2) else "English",
        disability=disability,
        disability_details=rng.choice(DISABILITY_DETAILS) if disability == Disability.YES else "",
        phone=faker.cellphone_number() if age >= 14 and rng.random() < 0.5 else "",
    )


def _days_in_care(ctx: DemoContext) -> int:
    """Days a child in care today has been in care (before capping at their age)."""
    band = ctx.rng.choices([(7, 365), (366, 730), (731, 1826), (1827, 5000)], weights=[35, 20, 25, 20])[0]
    return ctx.rng.randint(*band)


def _current_children(ctx: DemoContext, count: int) -> list[tuple[Person, Child, date]]:
    rng, faker, today = ctx.rng, ctx.faker, ctx.today
    made: list[tuple[Person, Child, date]] = []
    pool: str | None
    uasc_count = round(count * UASC_SHARE)
    while len(made) < count:
        if len(made) < uasc_count:  # an unaccompanied asylum-seeking child, usually a boy of 16 or 17
            age = rng.choice((14, 15, 16, 16, 17, 17, 17))
            dob = _dob_for_age(ctx, age, today)
            if rng.random() < 0.3 and age_on(date(dob.year, 1, 1), today) < 18:
                dob = date(dob.year, 1, 1)  # an age assessed, recorded as 1 January
                age = age_on(dob, today)
            pool, ethnicity = names.asylum_origin(rng)
            sex = Sex.MALE if rng.random() < 0.92 else Sex.FEMALE
            surname = names.last_name(rng, faker, pool, always=True)
            person = _person(
                ctx, dob=dob, sex=sex, ethnicity=ethnicity, pool=pool, surname=surname, uasc=True
            )
            entered = max(dob, today - timedelta(days=rng.randint(7, min(700, max(7, (age - 13) * 365)))))
            made.append((person, Child(uasc=True, upn=_upn(ctx, dob, age, True)), entered))
            continue
        group = rng.choices((1, 2, 3, 4), weights=(60, 25, 10, 5))[0]
        ethnicity = names.weighted(rng, names.CHILD_ETHNICITY_WEIGHTS)
        pool = names.pool_for(ethnicity)
        surname = names.last_name(rng, faker, pool)
        low, high = _age_band(ctx)
        age = rng.randint(low, high)
        family_entered = today - timedelta(days=_days_in_care(ctx))
        for _ in range(min(group, count - len(made))):
            dob = _dob_for_age(ctx, age, today)
            sex = Sex.MALE if rng.random() < 0.56 else Sex.FEMALE
            child_surname = surname if rng.random() < 0.8 else names.last_name(rng, faker, pool)
            person = _person(
                ctx, dob=dob, sex=sex, ethnicity=ethnicity, pool=pool, surname=child_surname, uasc=False
            )
            entered = max(dob + timedelta(days=rng.randint(0, 20)), family_entered)
            entered = min(entered, today - timedelta(days=1))
            child = Child(uasc=False, upn=_upn(ctx, dob, age, False))
            if rng.random() < 0.4:
                child.what_carers_need_to_know = rng.choice(WHAT_CARERS_NEED_TO_KNOW)
            made.append((person, child, entered))
            age = max(0, age - rng.randint(1, 4))
    return made


def _children_who_left(ctx: DemoContext, count: int) -> list[tuple[Person, Child, date, date, str]]:
    rng, faker = ctx.rng, ctx.faker
    made: list[tuple[Person, Child, date, date, str]] = []
    weights = [w for _, w, _, _ in LEAVING_REASONS]
    for _ in range(count):
        reason, _, youngest, oldest = rng.choices(LEAVING_REASONS, weights=weights)[0]
        left = ctx.between(ctx.history_start, ctx.today - timedelta(days=1))
        age = rng.randint(youngest, oldest)
        if reason == "Turned 18":
            dob = (
                left.replace(year=left.year - 18)
                if (left.month, left.day) != (2, 29)
                else date(left.year - 18, 3, 1)
            )
        else:
            dob = _dob_for_age(ctx, age, left)
        minimum_stay = 180 if reason in ("Special guardianship order granted", "Adopted") else 1
        stay = rng.choices([(1, 90), (91, 365), (366, 1095), (1096, 4000)], weights=[25, 30, 30, 15])[0]
        entered = max(dob, left - timedelta(days=max(minimum_stay, rng.randint(*stay))))
        ethnicity = names.weighted(rng, names.CHILD_ETHNICITY_WEIGHTS)
        pool = names.pool_for(ethnicity)
        sex = Sex.MALE if rng.random() < 0.56 else Sex.FEMALE
        surname = names.last_name(rng, faker, pool)
        person = _person(ctx, dob=dob, sex=sex, ethnicity=ethnicity, pool=pool, surname=surname, uasc=False)
        upn_age = age_on(dob, min(left, ctx.today))
        made.append((person, Child(uasc=False, upn=_upn(ctx, dob, upn_age, False)), entered, left, reason))
    return made


def build_children(ctx: DemoContext) -> None:
    rng = ctx.rng
    current = _current_children(ctx, ctx.size.children_in_care)
    left = _children_who_left(ctx, ctx.size.children_left_care)
    child_ids = rng.sample(range(1_000_000, 10_000_000), len(current) + len(left))
    social_workers = ctx.staff.get(Role.CHILDS_SOCIAL_WORKER, [])
    order = list(range(len(current)))
    rng.shuffle(order)
    allocation = {}
    if social_workers:
        allocation = {index: social_workers[n % len(social_workers)] for n, index in enumerate(order)}

    episodes: list[CareEpisode] = []
    people: list[Person] = []
    for index, (person, child, entered) in enumerate(current):
        ctx.stamp(person, entered)
        child.social_worker = allocation.get(index)
        episodes.append(CareEpisode(child, entered))
        people.append(person)
    for person, child, entered, left_on, reason in left:
        ctx.stamp(person, entered)
        episodes.append(CareEpisode(child, entered, left_on, reason))
        people.append(person)
    ctx.save(people)
    children = []
    for person, episode, child_id in zip(people, episodes, child_ids, strict=True):
        child = episode.child
        child.person = person
        child.child_id = str(child_id)
        ctx.stamp(child, episode.entered_on)
        children.append(child)
    ctx.save(children)
    for episode in episodes:
        note = f"Entered care on {episode.entered_on:%d/%m/%Y}"
        if episode.left_on is not None:
            note += f"; left care on {episode.left_on:%d/%m/%Y} ({episode.reason_left})"
        ctx.event(
            episode.child, episode.entered_on, changes={"child_id": [None, episode.child.child_id]}, note=note
        )
    ctx.records["care_episodes"].extend(episodes)
    ctx.records["children_in_care"].extend(e.child for e in episodes if e.left_on is None)
