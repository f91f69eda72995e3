"""Equality monitoring of carers: answers kept only with the person's consent, cleared when it is withdrawn.

The answers are counted, never named, in Ofsted's fostering data collection. The audit trail records that
answers were recorded or withdrawn and when consent was given, never the answers themselves.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import record_event
from fostering.core.validators import refuse_future_date

from .models import EqualityMonitoring, Person

ANSWERS = (
    "sexual_orientation",
    "gender_identity",
    "relationship_status",
    "sex_not_said",
    "disability_not_said",
)


@transaction.atomic
def equality_monitoring_record(
    *,
    person: Person,
    consented_on: date,
    sexual_orientation: str,
    gender_identity: str,
    relationship_status: str,
    sex_not_said: bool = False,
    disability_not_said: bool = False,
    by: User | None,
) -> EqualityMonitoring:
    require(by, Perm.CHANGE_PERSON, person.organisation_id)
    refuse_future_date(consented_on, "consented_on")
    row = EqualityMonitoring.objects.select_for_update().filter(person=person).first()
    created = row is None
    if row is None:
        row = EqualityMonitoring(organisation_id=person.organisation_id, person=person)
    row.consented_on = consented_on
    row.sexual_orientation, row.gender_identity = sexual_orientation, gender_identity
    row.relationship_status = relationship_status
    row.sex_not_said, row.disability_not_said = sex_not_said, disability_not_said
    row.stamp(by)
    row.full_clean()
    row.save()
    record_event(
        actor=by,
        verb="equality_monitoring_recorded" if created else "equality_monitoring_changed",
        obj=person,
        changes={"consented_on": [None, consented_on.isoformat()]},
        note="The answers are not kept in the history.",
    )
    return row


@transaction.atomic
def equality_monitoring_withdraw(*, person: Person, by: User | None) -> None:
    """The person withdrew their consent: the answers are deleted."""
    require(by, Perm.CHANGE_PERSON, person.organisation_id)
    deleted, _ = EqualityMonitoring.objects.filter(person=person).delete()
    if deleted:
        record_event(
            actor=by, verb="equality_monitoring_withdrawn", obj=person, note="The answers were deleted."
        )
