"""The write side of data protection: the retention schedule, disposal, erasure requests, subject access.

Each verb checks the permission, validates, writes, and records its audit event in one transaction. A
disposal's event is a tombstone: kind, id, action, rule and dates, never the personal data it removed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, require
from fostering.assessments.models import Assessment
from fostering.audit.services import changes_between, record_event, snapshot
from fostering.children.models import Child
from fostering.core import clock
from fostering.people.models import Person
from fostering.recruitment.choices import EnquiryStage
from fostering.recruitment.models import Enquiry

from . import disposal
from .choices import (
    ALLOWED_ACTIONS,
    DEFAULTS,
    MINIMUM_YEARS,
    SCHEDULED_KINDS,
    DisposalAction,
    ErasureDecision,
    ErasureGrounds,
    RecordKind,
)
from .models import Disposal, ErasureRequest, RetentionRule
from .selectors import CANDIDATES, MODELS, long_date, schedule_for


@transaction.atomic
def schedule_ensure(*, organisation_id: int) -> dict[RecordKind, RetentionRule]:
    """Save the default rule of every kind the council has not saved yet (the schedule's first use)."""
    saved = set(RetentionRule.objects.filter(organisation_id=organisation_id).values_list("kind", flat=True))
    for kind in SCHEDULED_KINDS:
        if kind in saved:
            continue
        rule = RetentionRule(
            organisation_id=organisation_id,
            kind=kind,
            years=DEFAULTS[kind].years,
            action=DEFAULTS[kind].action,
        )
        rule.stamp(None)
        rule.save()
        record_event(
            actor=None,
            verb="retention_rule_created",
            obj=rule,
            changes={"years": [None, rule.years], "action": [None, rule.action]},
            note="The default of the retention schedule",
        )
    return schedule_for(organisation_id)


@transaction.atomic
def retention_rule_change(
    *, rule: RetentionRule, years: int, action: DisposalAction | str, by: User | None
) -> RetentionRule:
    require(by, Perm.MANAGE_DATA_PROTECTION, rule.organisation_id)
    kind = RecordKind(rule.kind)
    errors: dict[str, str] = {}
    if years < MINIMUM_YEARS[kind]:
        errors["years"] = f"Enter at least {MINIMUM_YEARS[kind]} years: the law sets this minimum"
    if years > 150:
        errors["years"] = "Enter 150 years or fewer"
    if action not in ALLOWED_ACTIONS[kind]:
        errors["action"] = f"A {kind.label.lower()} can only be anonymised: it has statutory value"
    if errors:
        raise ValidationError(errors)
    rule = RetentionRule.objects.select_for_update().get(pk=rule.pk)
    before = snapshot(rule, ["years", "action"])
    rule.years = years
    rule.action = action
    rule.stamp(by)
    rule.save()
    changes = changes_between(before, snapshot(rule, ["years", "action"]))
    if changes:
        record_event(actor=by, verb="retention_rule_changed", obj=rule, changes=changes)
    return rule


def _tombstone(
    *,
    organisation_id: int,
    kind: RecordKind,
    record_id: int,
    action: DisposalAction,
    rule: str,
    due_on: date,
    on: date,
    request: ErasureRequest | None,
    by: User | None,
) -> Disposal:
    tomb = Disposal(
        organisation_id=organisation_id,
        kind=kind,
        record_id=record_id,
        action=action,
        rule=rule,
        due_on=due_on,
        disposed_on=on,
        erasure_request=request,
    )
    tomb.stamp(by)
    tomb.save()
    record_event(
        actor=by,
        verb="record_disposed",
        obj=tomb,
        changes={
            "kind": [None, kind.value],
            "record_id": [None, record_id],
            "action": [None, action.value],
            "rule": [None, rule],
            "due_on": [None, due_on.isoformat()],
        },
    )
    return tomb


ANONYMISE: dict[RecordKind, Callable[[Any], int]] = {
    RecordKind.CHILD: disposal.anonymise_child,
    RecordKind.HOUSEHOLD: disposal.anonymise_fostering_household,
    RecordKind.ASSESSMENT: disposal.anonymise_assessment,
    RecordKind.ENQUIRY: disposal.anonymise_enquiry,
}


def _act(kind: RecordKind, record: Any, action: DisposalAction) -> tuple[int, bool]:
    """Anonymise or erase the record; (people kept because another record needs them, person erased)."""
    if kind == RecordKind.ENQUIRY and action == DisposalAction.ERASE:
        return 0, disposal.erase_enquiry(record)
    return ANONYMISE[kind](record), False


@transaction.atomic
def record_dispose(
    *, kind: RecordKind | str, record_id: int, organisation_id: int, by: User | None
) -> Disposal:
    """Dispose of one record whose retention period has ended, as its rule says (a manager's decision)."""
    require(by, Perm.MANAGE_DATA_PROTECTION, organisation_id)
    kind = RecordKind(kind)
    today = clock.today()
    record = (
        MODELS[kind].objects.select_for_update().filter(pk=record_id, organisation_id=organisation_id).first()
    )
    if (
        record is None
        or Disposal.objects.filter(organisation_id=organisation_id, kind=kind, record_id=record_id).exists()
    ):
        raise ValidationError({"confirm": "This record has already been disposed of"})
    due = next(CANDIDATES[kind](organisation_id, schedule_for(organisation_id)[kind], [record_id]), None)
    if due is None:
        raise ValidationError({"confirm": "No retention rule covers this record yet: it is still in use"})
    if not due.is_due(today):
        raise ValidationError(
            {"confirm": f"This record is not due for disposal until {long_date(due.due_on)}"}
        )
    person_id = getattr(record, "person_id", None)
    _, person_erased = _act(kind, record, due.action)
    tomb = _tombstone(
        organisation_id=organisation_id,
        kind=kind,
        record_id=record_id,
        action=due.action,
        rule=due.rule,
        due_on=due.due_on,
        on=today,
        request=None,
        by=by,
    )
    if person_erased and person_id is not None:
        _tombstone(
            organisation_id=organisation_id,
            kind=RecordKind.PERSON,
            record_id=person_id,
            action=DisposalAction.ERASE,
            rule=f"{due.rule} (nothing else held the person)",
            due_on=due.due_on,
            on=today,
            request=None,
            by=by,
        )
    return tomb


@transaction.atomic
def erasure_request_record(
    *,
    person: Person,
    received_on: date,
    grounds: ErasureGrounds | str,
    details: str = "",
    by: User | None,
) -> ErasureRequest:
    require(by, Perm.MANAGE_DATA_PROTECTION, person.organisation_id)
    if received_on > clock.today():
        raise ValidationError(
            {"received_on": "The date the request was received must be today or in the past"}
        )
    request = ErasureRequest(
        organisation_id=person.organisation_id,
        person=person,
        received_on=received_on,
        grounds=grounds,
        details=details,
    )
    request.stamp(by)
    request.save()
    # the event names the request, not the person (it outlives an agreed erasure)
    record_event(
        actor=by,
        verb="erasure_request_received",
        obj=request,
        changes={"received_on": [None, received_on.isoformat()], "grounds": [None, str(grounds)]},
    )
    return request


# What the service keeps whatever the request, and the law that keeps it (UK GDPR Article 17(3)(b)).
KEPT_BECAUSE = {
    "child": "the care record (kept to the 75th birthday: CPPCR Regulations 2010, reg 50)",
    "household": "household membership (records of foster carers and their households: FSR 2011, reg 32)",
    "progressed": "an enquiry that led to an assessment (part of the assessment record)",
}


def _erase_for_request(request: ErasureRequest, person: Person, on: date, by: User | None) -> str:
    """Erase what the law allows, and say what was erased and what was kept."""
    rule = f"Erasure request {request.pk} agreed"
    done: list[str] = []
    kept: list[str] = []
    for enquiry in Enquiry.objects.filter(person=person).order_by("pk"):
        if enquiry.stage == EnquiryStage.PROGRESSED:
            kept.append(KEPT_BECAUSE["progressed"])
            continue
        pk = enquiry.pk
        disposal.erase_enquiry(enquiry, with_person=False)
        _tombstone(
            organisation_id=request.organisation_id,
            kind=RecordKind.ENQUIRY,
            record_id=pk,
            action=DisposalAction.ERASE,
            rule=rule,
            due_on=on,
            on=on,
            request=request,
            by=by,
        )
        done.append(f"enquiry {pk} erased")
    # an assessment that did not lead to approval is kept by policy, not by law: anonymised now
    households = set(person.household_memberships.values_list("household_id", flat=True))
    applied = Assessment.objects.filter(organisation_id=request.organisation_id, household_id__in=households)
    rule_of_kind = schedule_for(request.organisation_id)[RecordKind.ASSESSMENT]
    disposed = set(
        Disposal.objects.filter(
            organisation_id=request.organisation_id, kind=RecordKind.ASSESSMENT
        ).values_list("record_id", flat=True)
    )
    anonymised: set[int] = set()
    for due in CANDIDATES[RecordKind.ASSESSMENT](
        request.organisation_id, rule_of_kind, list(applied.values_list("pk", flat=True))
    ):
        if due.record_id in disposed:
            continue
        assessment = Assessment.objects.select_related("household").get(pk=due.record_id)
        disposal.anonymise_assessment(assessment)
        _tombstone(
            organisation_id=request.organisation_id,
            kind=RecordKind.ASSESSMENT,
            record_id=due.record_id,
            action=DisposalAction.ANONYMISE,
            rule=rule,
            due_on=on,
            on=on,
            request=request,
            by=by,
        )
        anonymised.add(assessment.household_id)
        done.append(f"assessment {due.record_id} anonymised")
    if Child.objects.filter(person=person).exists():
        kept.append(KEPT_BECAUSE["child"])
    if person.household_memberships.exclude(household_id__in=anonymised).exists():
        kept.append(KEPT_BECAUSE["household"])
    if Person.objects.filter(pk=person.pk).exists() and disposal.person_erasable(person):
        pk = person.pk
        person.delete()
        _tombstone(
            organisation_id=request.organisation_id,
            kind=RecordKind.PERSON,
            record_id=pk,
            action=DisposalAction.ERASE,
            rule=rule,
            due_on=on,
            on=on,
            request=request,
            by=by,
        )
        done.append(f"person record {pk} erased")
    parts = []
    if done:
        parts.append("Erased: " + "; ".join(done) + ".")
    if kept:
        parts.append("Kept, as the law requires: " + "; ".join(dict.fromkeys(kept)) + ".")
    return " ".join(parts) or "Nothing to erase."


@transaction.atomic
def erasure_request_decide(
    *,
    request: ErasureRequest,
    decision: ErasureDecision | str,
    decided_on: date,
    reason: str,
    by: User | None,
) -> ErasureRequest:
    """Agree or refuse. An agreed request erases at once what the law allows (enquiries that did not lead
    to an assessment, then the person if nothing else holds them) and keeps the rest, saying why."""
    require(by, Perm.MANAGE_DATA_PROTECTION, request.organisation_id)
    request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    errors: dict[str, str] = {}
    if request.decision:
        errors["decision"] = "This request has already been decided"
    if decided_on > clock.today():
        errors["decided_on"] = "The date of the decision must be today or in the past"
    elif decided_on < request.received_on:
        errors["decided_on"] = (
            "The date of the decision must be on or after the date the request was received"
        )
    if decision == ErasureDecision.REFUSED and not reason.strip():
        errors["reason"] = "Give the reason for refusing the request"
    if errors:
        raise ValidationError(errors)
    outcome = ""
    if decision == ErasureDecision.AGREED and request.person_id is not None:
        person = Person.objects.get(pk=request.person_id)
        outcome = _erase_for_request(request, person, decided_on, by)
        request.refresh_from_db()
    request.decision = decision
    request.decided_on = decided_on
    request.decision_reason = reason
    request.outcome = outcome
    request.stamp(by)
    request.save()
    record_event(
        actor=by,
        verb="erasure_request_decided",
        obj=request,
        changes={"decision": ["", str(decision)], "decided_on": [None, decided_on.isoformat()]},
        note=outcome,
    )
    return request


@transaction.atomic
def subject_access_record(*, person: Person, by: User | None) -> None:
    """Record that a subject access export of the person was made (and by whom)."""
    require(by, Perm.EXPORT_SUBJECT_ACCESS, person.organisation_id)
    record_event(actor=by, verb="subject_access_exported", obj=person)
