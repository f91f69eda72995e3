"""Carers' equality answers in the demo: about two thirds of the carers of approved households agreed to
them being held, on a day after they joined; the rest gave no consent. Made-up shares, near those of
England's adult population, with a few preferring not to say."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from fostering.people.choices import GenderIdentity, MemberRole, RelationshipStatus, SexualOrientation
from fostering.people.models import EqualityMonitoring, HouseholdMember

if TYPE_CHECKING:
    from .generator import DemoContext

CONSENTING = 0.65
ORIENTATION = [
    (SexualOrientation.HETEROSEXUAL, 86),
    (SexualOrientation.GAY_LESBIAN, 4),
    (SexualOrientation.BISEXUAL, 2),
    (SexualOrientation.OTHER, 1),
    (SexualOrientation.PREFER_NOT, 7),
]
IDENTITY = [(GenderIdentity.SAME, 94), (GenderIdentity.DIFFERENT, 1), (GenderIdentity.PREFER_NOT, 5)]
RELATIONSHIP = [
    (RelationshipStatus.MARRIED, 62),
    (RelationshipStatus.COHABITING, 14),
    (RelationshipStatus.SINGLE, 12),
    (RelationshipStatus.SEPARATED, 6),
    (RelationshipStatus.WIDOWED, 3),
    (RelationshipStatus.PREFER_NOT, 3),
]


def build_equality(ctx: DemoContext) -> None:
    def pick(options: Sequence[tuple[str, int]]) -> str:
        return ctx.rng.choices([value for value, _ in options], weights=[w for _, w in options])[0]

    carers = (
        HouseholdMember.objects.filter(
            organisation=ctx.organisation, role=MemberRole.CARER, household__fostering__isnull=False
        )
        .order_by("pk")
        .values_list("person_id", "joined_on")
        .distinct()
    )
    rows, seen = [], set()
    for person_id, joined_on in carers:
        if person_id in seen or ctx.rng.random() >= CONSENTING:
            continue
        seen.add(person_id)
        on = ctx.between(joined_on, ctx.today)
        rows.append(
            ctx.stamp(
                EqualityMonitoring(
                    person_id=person_id,
                    consented_on=on,
                    sexual_orientation=pick(ORIENTATION),
                    gender_identity=pick(IDENTITY),
                    relationship_status=pick(RELATIONSHIP),
                    sex_not_said=ctx.rng.random() < 0.02,
                    disability_not_said=ctx.rng.random() < 0.03,
                ),
                on,
            )
        )
    ctx.insert(rows)
