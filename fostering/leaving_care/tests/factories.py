"""Young people who left care, made through the children's own services."""

from __future__ import annotations

from datetime import date

from fostering.accounts.models import Organisation, User
from fostering.children.models import Child
from fostering.children.services import care_end, care_start
from tests import builders

from ..models import CareLeaver
from ..services import care_leaver_record


def left_care(
    org: Organisation,
    *,
    born: date = date(2007, 6, 10),
    started_on: date = date(2022, 9, 1),
    ended_on: date | None = date(2025, 6, 10),
    reason: str = "E6",
    social_worker: User | None = None,
    **person: object,
) -> Child:
    child = builders.child(org, social_worker=social_worker, date_of_birth=born, **person)
    care_start(child=child, started_on=started_on, category_of_need="N1", legal_status="C2", by=None)
    if ended_on is not None:
        care_end(child=child, ended_on=ended_on, reason_ended=reason, by=None)
    return child


def care_leaver(org: Organisation, *, adviser: User | None = None, **values: object) -> CareLeaver:
    child = left_care(org, **values)  # type: ignore[arg-type]
    return care_leaver_record(child=child, recorded_on=date(2025, 6, 11), personal_adviser=adviser, by=None)
