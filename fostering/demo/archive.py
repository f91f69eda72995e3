"""Build step: a few records from before the three years of history, kept under the retention schedule.

Two applications withdrawn about four years ago (past the three years an assessment that did not lead to
approval is kept), so the data protection report shows assessments due for disposal beside the enquiries
that closed without going further more than two years ago.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from fostering.assessments.choices import AssessmentKind, Stage, WithdrawalReason
from fostering.assessments.models import Assessment, StageChange
from fostering.people.choices import Ethnicity, MemberRole
from fostering.people.models import Household, HouseholdMember

from . import names
from .members import adult

if TYPE_CHECKING:
    from .generator import DemoContext

WITHDRAWN_LONG_AGO = 2


def build_archive(ctx: DemoContext) -> None:
    rng = ctx.rng
    for _ in range(WITHDRAWN_LONG_AGO):
        accepted = ctx.today - timedelta(days=rng.randint(4 * 365 + 30, 5 * 365))
        withdrawn = accepted + timedelta(days=rng.randint(30, 120))
        person = ctx.stamp(
            adult(
                ctx,
                age_at_day=rng.randint(28, 55),
                on=accepted,
                sex=rng.choice("FM"),
                ethnicity=Ethnicity.WBRI,
            ),
            accepted,
        )
        ctx.save([person])
        household = ctx.stamp(
            Household(
                name=f"{person.last_name} household",
                line_1=names.street_address(rng),
                town=rng.choice(ctx.towns),
                postcode=names.postcode(rng, ctx.council.postcode_areas),
            ),
            accepted,
        )
        ctx.save([household])
        ctx.save(
            [
                ctx.stamp(
                    HouseholdMember(
                        household=household, person=person, role=MemberRole.CARER, joined_on=accepted
                    ),
                    accepted,
                )
            ]
        )
        assessment = ctx.stamp(
            Assessment(
                kind=AssessmentKind.MAINSTREAM,
                household=household,
                application_accepted_on=accepted,
                stage=Stage.WITHDRAWN,
                withdrawal_reason=WithdrawalReason.AW1,
            ),
            accepted,
        )
        ctx.save([assessment])
        ctx.save(
            [
                ctx.stamp(
                    StageChange(
                        assessment=assessment, from_stage="", to_stage=Stage.APPLICATION, changed_on=accepted
                    ),
                    accepted,
                ),
                ctx.stamp(
                    StageChange(
                        assessment=assessment,
                        from_stage=Stage.APPLICATION,
                        to_stage=Stage.WITHDRAWN,
                        changed_on=withdrawn,
                        reason="The applicants withdrew: fostering was not as they expected",
                        withdrawal_reason=WithdrawalReason.AW1,
                    ),
                    withdrawn,
                ),
            ]
        )
        ctx.event(assessment, accepted)
