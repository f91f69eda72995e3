"""The read side of data protection: the schedule, what is due for disposal and why, erasure requests.

Every kind of record has one function finding its candidates, each with the dated fact that starts its
retention period; a record is due when the period from that fact has passed. Disposed records (a
``Disposal`` tombstone) are never due again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Max, Q, QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.assessments.choices import Stage
from fostering.assessments.models import Assessment
from fostering.children.models import Child
from fostering.deadlines.calendar import add_months, to_london_date
from fostering.households.choices import CLOSED_STATUSES
from fostering.households.models import FosteringHousehold
from fostering.people.models import Person
from fostering.recruitment.choices import EnquiryStage
from fostering.recruitment.models import Enquiry

from .choices import DEFAULTS, SCHEDULED_KINDS, DisposalAction, RecordKind
from .models import Disposal, ErasureRequest, RetentionRule

# The enquiry stages that mean it went no further, and the assessment stages that did not lead to approval.
ENQUIRY_NO_FURTHER = (EnquiryStage.NOT_NOW, EnquiryStage.NOT_SUITABLE, EnquiryStage.WITHDRAWN)
ASSESSMENT_NOT_APPROVED = (Stage.WITHDRAWN, Stage.NOT_APPROVED)


def long_date(on: date) -> str:
    return f"{on.day} {on:%B %Y}"


@dataclass(frozen=True)
class Due:
    """One record and when its retention period ends, with the rule and the dated fact that say why."""

    kind: RecordKind
    record_id: int
    organisation_id: int
    label: str
    fact: str
    fact_on: date
    due_on: date
    rule: str
    action: DisposalAction

    @property
    def action_short(self) -> str:
        return self.action.label.split(" (")[0]

    def is_due(self, today: date) -> bool:
        return self.due_on <= today


def schedule_for(organisation_id: int) -> dict[RecordKind, RetentionRule]:
    """The council's rule for each scheduled kind; a kind the council has not saved yet has its default."""
    saved = {RecordKind(r.kind): r for r in RetentionRule.objects.filter(organisation_id=organisation_id)}
    return {
        kind: saved.get(kind)
        or RetentionRule(
            organisation_id=organisation_id,
            kind=kind,
            years=DEFAULTS[kind].years,
            action=DEFAULTS[kind].action,
        )
        for kind in SCHEDULED_KINDS
    }


def rule_text(rule: RetentionRule) -> str:
    kind = RecordKind(rule.kind)
    return f"{kind.label}: kept {rule.years} {DEFAULTS[kind].starts_at}"


def rule_list_for_user(*, user: User) -> QuerySet[RetentionRule]:
    return RetentionRule.objects.filter(
        organisation_id__in=organisations_with(user, Perm.MANAGE_DATA_PROTECTION)
    ).select_related("organisation")


def rule_get_for_user(*, user: User, pk: int) -> RetentionRule:
    return rule_list_for_user(user=user).get(pk=pk)


def _due(
    kind: RecordKind, rule: RetentionRule, record_id: int, org: int, label: str, fact: str, on: date
) -> Due:
    return Due(
        kind=kind,
        record_id=record_id,
        organisation_id=org,
        label=label,
        fact=fact,
        fact_on=on,
        due_on=add_months(on, 12 * rule.years),
        rule=rule_text(rule),
        action=DisposalAction(rule.action),
    )


def _children(org: int, rule: RetentionRule, pks: Iterable[int] | None) -> Iterator[Due]:
    children = Child.objects.filter(organisation_id=org, person__date_of_birth__isnull=False)
    if pks is not None:
        children = children.filter(pk__in=pks)
    for child in children.select_related("person"):
        born = child.person.date_of_birth
        assert born is not None
        yield _due(RecordKind.CHILD, rule, child.pk, org, str(child), f"Born on {long_date(born)}", born)


def _households(org: int, rule: RetentionRule, pks: Iterable[int] | None) -> Iterator[Due]:
    households = FosteringHousehold.objects.filter(organisation_id=org, status__in=CLOSED_STATUSES)
    if pks is not None:
        households = households.filter(pk__in=pks)
    households = households.annotate(ended_on=Max("status_changes__changed_on")).select_related("household")
    for fh in households:
        ended = fh.ended_on or fh.modified_at.date()  # type: ignore[attr-defined]
        fact = f"{fh.get_status_display()} on {long_date(ended)}"
        yield _due(RecordKind.HOUSEHOLD, rule, fh.pk, org, str(fh), fact, ended)


def _assessments(org: int, rule: RetentionRule, pks: Iterable[int] | None) -> Iterator[Due]:
    """Only the latest assessment of a household that is not approved to foster, nor assessed again since."""
    closed = Assessment.objects.filter(organisation_id=org, stage__in=ASSESSMENT_NOT_APPROVED)
    if pks is not None:
        closed = closed.filter(pk__in=pks)
    closed = closed.annotate(closed_on=Max("stage_changes__changed_on")).select_related("household")
    candidates = list(closed)
    household_ids = {a.household_id for a in candidates}
    approved = set(
        FosteringHousehold.objects.filter(household_id__in=household_ids).values_list(
            "household_id", flat=True
        )
    )
    latest: dict[int, int] = {}
    for household_id, pk in (
        Assessment.objects.filter(household_id__in=household_ids)
        .order_by("application_accepted_on", "id")
        .values_list("household_id", "pk")
    ):
        latest[household_id] = pk
    for assessment in candidates:
        if assessment.household_id in approved or latest.get(assessment.household_id) != assessment.pk:
            continue
        ended = assessment.closed_on or assessment.application_accepted_on  # type: ignore[attr-defined]
        fact = f"{assessment.get_stage_display()} on {long_date(ended)}"
        yield _due(RecordKind.ASSESSMENT, rule, assessment.pk, org, str(assessment), fact, ended)


def _enquiries(org: int, rule: RetentionRule, pks: Iterable[int] | None) -> Iterator[Due]:
    enquiries = Enquiry.objects.filter(organisation_id=org, stage__in=ENQUIRY_NO_FURTHER)
    if pks is not None:
        enquiries = enquiries.filter(pk__in=pks)
    enquiries = enquiries.annotate(closed_at=Max("stage_changes__changed_at")).select_related("person")
    for enquiry in enquiries:
        closed = to_london_date(enquiry.closed_at or enquiry.received_at)  # type: ignore[attr-defined]
        fact = f"Closed ({enquiry.get_stage_display().lower()}) on {long_date(closed)}"
        yield _due(RecordKind.ENQUIRY, rule, enquiry.pk, org, str(enquiry), fact, closed)


MODELS: dict[RecordKind, type[Any]] = {
    RecordKind.CHILD: Child,
    RecordKind.HOUSEHOLD: FosteringHousehold,
    RecordKind.ASSESSMENT: Assessment,
    RecordKind.ENQUIRY: Enquiry,
}

CANDIDATES: dict[RecordKind, Callable[[int, RetentionRule, Iterable[int] | None], Iterator[Due]]] = {
    RecordKind.CHILD: _children,
    RecordKind.HOUSEHOLD: _households,
    RecordKind.ASSESSMENT: _assessments,
    RecordKind.ENQUIRY: _enquiries,
}


def _disposed(org: int, kind: RecordKind) -> set[int]:
    return set(Disposal.objects.filter(organisation_id=org, kind=kind).values_list("record_id", flat=True))


def records_due(*, organisation_ids: Iterable[int], today: date) -> list[Due]:
    """Every record of the organisations whose retention period has ended, the longest overdue first."""
    found: list[Due] = []
    for org in organisation_ids:
        schedule = schedule_for(org)
        for kind, candidates in CANDIDATES.items():
            disposed = _disposed(org, kind)
            found.extend(
                due
                for due in candidates(org, schedule[kind], None)
                if due.is_due(today) and due.record_id not in disposed
            )
    found.sort(key=lambda d: (d.due_on, d.kind, d.record_id))
    return found


def records_due_for_user(*, user: User, today: date) -> list[Due]:
    return records_due(organisation_ids=organisations_with(user, Perm.MANAGE_DATA_PROTECTION), today=today)


def retention_of(*, user: User, kind: RecordKind, pk: int) -> Due | None:
    """The retention of one record the user may dispose of (due or not yet); None when no rule covers it
    yet (an open enquiry, a household still approved). Raises LookupError when it is out of reach or
    already disposed."""
    model = MODELS[kind]
    orgs = organisations_with(user, Perm.MANAGE_DATA_PROTECTION)
    org = (
        model.objects.filter(pk=pk, organisation_id__in=orgs)
        .values_list("organisation_id", flat=True)
        .first()
    )
    if org is None or pk in _disposed(org, kind):
        raise LookupError(f"No {kind.label.lower()} {pk} within reach")
    return next(CANDIDATES[kind](org, schedule_for(org)[kind], [pk]), None)


def record_of(*, kind: RecordKind, pk: int) -> Any:
    """The record itself, once ``retention_of`` has let the user in."""
    return MODELS[kind].objects.get(pk=pk)


def child_ids_of(people: Iterable[Person]) -> list[int]:
    """The child record ids of those of the people who are children (for the read audit)."""
    return list(Child.objects.filter(person__in=list(people)).values_list("pk", flat=True))


def disposal_list_for_user(*, user: User) -> QuerySet[Disposal]:
    return Disposal.objects.filter(
        organisation_id__in=organisations_with(user, Perm.MANAGE_DATA_PROTECTION)
    ).select_related("created_by")


def erasure_request_list_for_user(*, user: User) -> QuerySet[ErasureRequest]:
    return ErasureRequest.objects.filter(
        organisation_id__in=organisations_with(user, Perm.MANAGE_DATA_PROTECTION)
    ).select_related("person")


def erasure_request_get_for_user(*, user: User, pk: int) -> ErasureRequest:
    return erasure_request_list_for_user(user=user).get(pk=pk)


def person_for_data_protection(*, user: User, pk: int, perm: Perm) -> Person:
    """Anyone of the organisation, children included (a subject access request may come from a child).
    Raises LookupError when the person is out of reach."""
    person = Person.objects.filter(organisation_id__in=organisations_with(user, perm), pk=pk).first()
    if person is None:
        raise LookupError(f"No person {pk} within reach")
    return person


def people_search(*, user: User, search: str) -> QuerySet[Person]:
    people = Person.objects.filter(
        organisation_id__in=organisations_with(user, Perm.MANAGE_DATA_PROTECTION, Perm.EXPORT_SUBJECT_ACCESS)
    )
    words = search.split()
    if not words:
        return people.none()
    for word in words:
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return people.order_by("last_name", "first_name", "id")
