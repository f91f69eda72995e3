"""The write side of practice alerts: raise, respond at a stage, escalate, resolve, and the council's clocks.

Every move of a concern goes through one function that locks the alert, checks the move against
``choices.TRANSITIONS``, closes the stage it leaves, writes an ``AlertMove`` row and the audit event.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import record_event
from fostering.children.models import Child, PeriodOfCare
from fostering.core.validators import future_date_errors

from .choices import COUNCIL_STAGES, FIRST_STAGE, RESOLVED, TRANSITIONS, AlertKind, AlertStage, AlertTheme
from .deadlines import council_clocks
from .models import AlertMove, AlertResponseClock, AlertStageRecord, PracticeAlert


def long_date(on: date) -> str:
    return f"{on.day} {on:%B %Y}"


def _in_care_on(child: Child, on: date) -> bool:
    return PeriodOfCare.objects.filter(child=child, started_on__lte=on).exclude(ended_on__lt=on).exists()


def _start_stage(
    alert: PracticeAlert, stage: str, started_on: date, addressed_to: User | None, by: User | None
) -> AlertStageRecord:
    days = council_clocks(alert.organisation_id)[stage] if stage in COUNCIL_STAGES else None
    record = AlertStageRecord(
        organisation_id=alert.organisation_id,
        alert=alert,
        stage=stage,
        started_on=started_on,
        addressed_to=addressed_to,
        response_working_days=days,
    )
    record.stamp(by)
    record.save()
    return record


def _move(
    alert: PracticeAlert, from_stage: str, to_stage: str, on: date, reason: str, by: User | None
) -> None:
    move = AlertMove(
        organisation_id=alert.organisation_id,
        alert=alert,
        from_stage=from_stage,
        to_stage=to_stage,
        moved_on=on,
        moved_by=by if getattr(by, "is_authenticated", False) else None,
        reason=reason,
    )
    move.stamp(by)
    move.save()


@transaction.atomic
def alert_raise(
    *,
    child: Child,
    kind: str,
    theme: str,
    text: str,
    raised_on: date,
    addressed_to: User | None = None,
    raised_by: User | None = None,
    by: User | None,
) -> PracticeAlert:
    """An IRO's good-practice note or concern about a child in care; a concern starts at the team manager."""
    require(by, Perm.RAISE_PRACTICE_ALERT, child.organisation_id)
    raiser = raised_by or by
    errors = future_date_errors("raised_on", raised_on)
    if kind not in AlertKind.values:
        errors["kind"] = "Choose whether this is good practice or a concern"
    if theme not in AlertTheme.values:
        errors["theme"] = "Choose the theme of the alert"
    if not text.strip():
        errors["text"] = "Write the alert to the child: what you saw and why it matters to them"
    if "raised_on" not in errors and not _in_care_on(child, raised_on):
        errors["raised_on"] = f"The child was not in care on {long_date(raised_on)}"
    if (
        addressed_to is not None
        and not addressed_to.memberships.filter(
            organisation_id=child.organisation_id, ended_on__isnull=True
        ).exists()
    ):
        errors["addressed_to"] = "Choose someone in the child's council"
    if raiser is None:
        errors["raised_on"] = "Say which IRO raised the alert"
    if errors:
        raise ValidationError(errors)
    assert raiser is not None
    to = addressed_to or child.social_worker
    concern = kind == AlertKind.CONCERN
    alert = PracticeAlert(
        organisation_id=child.organisation_id,
        child=child,
        kind=kind,
        theme=theme,
        text=text.strip(),
        raised_on=raised_on,
        raised_by=raiser,
        addressed_to=to,
        stage=FIRST_STAGE if concern else "",
    )
    alert.stamp(by)
    alert.save()
    if concern:
        _start_stage(alert, FIRST_STAGE, raised_on, to, by)
        _move(alert, "", FIRST_STAGE, raised_on, "", by)
    changes = {"practice alert": [None, f"{AlertKind(kind).label}: {AlertTheme(theme).label}"]}
    record_event(actor=by, verb="practice_alert_raised", obj=alert, changes=changes)
    record_event(actor=by, verb="practice_alert_raised", obj=child, changes=changes)
    return alert


def _locked(alert: PracticeAlert) -> PracticeAlert:
    return PracticeAlert.objects.select_for_update().select_related("child").get(pk=alert.pk)


def _current(alert: PracticeAlert) -> AlertStageRecord:
    stage = AlertStageRecord.objects.select_for_update().get(alert=alert, stage=alert.stage)
    return stage


def _closed_errors(alert: PracticeAlert, field: str) -> dict[str, str]:
    if not alert.is_concern:
        return {field: "A good-practice note has no stages: there is nothing to answer or escalate"}
    if alert.resolved_on is not None:
        return {
            field: f"The concern was resolved on {long_date(alert.resolved_on)} "
            f"({AlertStage(alert.resolved_stage).label.lower()}): it cannot move again"
        }
    return {}


@transaction.atomic
def alert_respond(
    *, alert: PracticeAlert, stage: str, response: str, responded_on: date, by: User | None
) -> AlertStageRecord:
    """The response of the person holding the concern at ``stage`` (the stage they were shown)."""
    require(by, Perm.ANSWER_PRACTICE_ALERT, alert.organisation_id)
    alert = _locked(alert)
    errors = _closed_errors(alert, "response")
    if not errors and stage != alert.stage:
        label = AlertStage(stage).label if stage in AlertStage.values else "That stage"
        errors["response"] = (
            f"{label} has closed: the concern is now at {AlertStage(alert.stage).label.lower()}"
        )
    if errors:
        raise ValidationError(errors)
    current = _current(alert)
    if current.stage not in COUNCIL_STAGES:
        raise ValidationError({"response": "Outside the council the IRO records the outcome by resolving it"})
    if current.responded_on is not None:
        raise ValidationError(
            {"response": f"{current.get_stage_display()} was answered on {long_date(current.responded_on)}"}
        )
    errors = future_date_errors("responded_on", responded_on)
    if not errors and responded_on < current.started_on:
        errors["responded_on"] = (
            f"The response cannot come before the stage started ({long_date(current.started_on)})"
        )
    if not response.strip():
        errors["response"] = "Write the response: what will be done for the child, by whom and when"
    if errors:
        raise ValidationError(errors)
    current.responded_on = responded_on
    current.response = response.strip()
    current.responded_by = by if getattr(by, "is_authenticated", False) else None
    current.stamp(by)
    current.save()
    record_event(
        actor=by,
        verb="practice_alert_answered",
        obj=alert,
        changes={current.get_stage_display(): ["no response", f"answered {long_date(responded_on)}"]},
    )
    return current


def _close_stage(current: AlertStageRecord, on: date, by: User | None) -> None:
    current.ended_on = on
    current.stamp(by)
    current.save()


@transaction.atomic
def alert_escalate(
    *,
    alert: PracticeAlert,
    to_stage: str,
    escalated_on: date,
    reason: str,
    addressed_to: User | None = None,
    by: User | None,
) -> AlertStageRecord:
    """The IRO is not satisfied: the concern moves to the next stage allowed by the stage table."""
    require(by, Perm.RAISE_PRACTICE_ALERT, alert.organisation_id)
    alert = _locked(alert)
    errors = _closed_errors(alert, "to_stage")
    if errors:
        raise ValidationError(errors)
    current = _current(alert)
    allowed = TRANSITIONS[alert.stage]
    errors = future_date_errors("escalated_on", escalated_on)
    if to_stage not in allowed:
        names = " or ".join(AlertStage(s).label.lower() for s in allowed)
        errors["to_stage"] = (
            f"From {current.get_stage_display().lower()} a concern moves only to {names}"
            if allowed
            else f"{current.get_stage_display()} is the last stage: mark the concern resolved"
        )
    if "escalated_on" not in errors and escalated_on < current.started_on:
        errors["escalated_on"] = (
            f"The concern cannot move before this stage started ({long_date(current.started_on)})"
        )
    if not reason.strip():
        errors["reason"] = "Say why the concern is not resolved at this stage"
    if (
        addressed_to is not None
        and not addressed_to.memberships.filter(
            organisation_id=alert.organisation_id, ended_on__isnull=True
        ).exists()
    ):
        errors["addressed_to"] = "Choose someone in the child's council"
    if errors:
        raise ValidationError(errors)
    _close_stage(current, escalated_on, by)
    following = _start_stage(alert, to_stage, escalated_on, addressed_to, by)
    _move(alert, current.stage, to_stage, escalated_on, reason.strip(), by)
    before = alert.stage
    alert.stage = to_stage
    alert.stamp(by)
    alert.save()
    record_event(
        actor=by,
        verb="practice_alert_escalated",
        obj=alert,
        changes={"stage": [AlertStage(before).label, AlertStage(to_stage).label]},
        note=reason.strip(),
    )
    return following


@transaction.atomic
def alert_resolve(
    *, alert: PracticeAlert, resolved_on: date, resolution: str = "", by: User | None
) -> PracticeAlert:
    """The IRO is satisfied: the concern is resolved at the stage it is held at."""
    require(by, Perm.RAISE_PRACTICE_ALERT, alert.organisation_id)
    alert = _locked(alert)
    errors = _closed_errors(alert, "resolved_on")
    if errors:
        raise ValidationError(errors)
    current = _current(alert)
    errors = future_date_errors("resolved_on", resolved_on)
    if not errors and resolved_on < current.started_on:
        errors["resolved_on"] = (
            f"The concern cannot be resolved before this stage started ({long_date(current.started_on)})"
        )
    if errors:
        raise ValidationError(errors)
    _close_stage(current, resolved_on, by)
    _move(alert, current.stage, RESOLVED, resolved_on, resolution.strip(), by)
    alert.resolved_on = resolved_on
    alert.resolved_stage = alert.stage
    alert.resolution = resolution.strip()
    alert.stamp(by)
    alert.save()
    record_event(
        actor=by,
        verb="practice_alert_resolved",
        obj=alert,
        changes={"resolved": [None, f"{current.get_stage_display()}, {long_date(resolved_on)}"]},
    )
    return alert


@transaction.atomic
def response_clock_set(
    *, organisation: Organisation, stage: str, working_days: int, by: User | None
) -> AlertResponseClock:
    """The council's response time for a stage; concerns already at that stage keep the clock they started with."""
    require(by, Perm.ALLOCATE_IRO, organisation.pk)
    errors: dict[str, str] = {}
    if stage not in COUNCIL_STAGES:
        errors["stage"] = "Choose one of the council's stages"
    if not 1 <= working_days <= 60:
        errors["working_days"] = "The response time must be between 1 and 60 working days"
    if errors:
        raise ValidationError(errors)
    clock, created = AlertResponseClock.objects.select_for_update().get_or_create(
        organisation=organisation, stage=stage, defaults={"working_days": working_days}
    )
    before = None if created else clock.working_days
    clock.working_days = working_days
    clock.stamp(by)
    clock.save()
    record_event(
        actor=by,
        verb="practice_alert_clock_set",
        obj=clock,
        changes={AlertStage(stage).label: [before, working_days]},
    )
    return clock
