"""The write side of recruitment: enquiries, responses, events, screening calls, initial visits, decisions.

Every move between stages goes through ``enquiry_move``, which records a StageChange: the funnel report
counts those, never typed totals.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, has_perm, require
from fostering.audit.services import created_changes, record_event
from fostering.core import clock
from fostering.core.phone import normalise_phone
from fostering.core.validators import normalise_postcode, validate_postcode
from fostering.core.validators import refuse_future_date as _past_date
from fostering.deadlines.calendar import LONDON
from fostering.people.models import Person
from fostering.people.services import person_create

from .choices import (
    CLOSED_STAGES,
    DECISION_STAGE,
    REASON_REQUIRED,
    TRANSITIONS,
    Attendance,
    Channel,
    Decision,
    EnquiryStage,
    EventFormat,
    ScreeningOutcome,
)
from .models import (
    Enquiry,
    EnquiryRepeat,
    EventBooking,
    InformationEvent,
    Source,
    StageChange,
    UsedFormToken,
)

DAY_STARTS = time(9, 0)  # a move dated by a day (a visit, a decision) is placed at the start of that day

ENQUIRY_FIELDS = ["channel", "source", "received_at", "email", "phone", "postcode"]
ENQUIRY_FIELDS += ["consent_keep_in_touch", "consent_newsletter"]


def _moment_of(enquiry: Enquiry, at: datetime | date | None) -> datetime:
    """When a move happened: now, a moment, or a day (a dated fact), never before the enquiry's last move."""
    if at is None:
        return clock.now()
    if isinstance(at, datetime):
        return at
    moment = datetime.combine(at, DAY_STARTS, LONDON)
    last = enquiry.stage_changes.order_by("-changed_at", "-id").values_list("changed_at", flat=True).first()
    return max(moment, last) if last is not None else moment


def enquiry_move(
    *,
    enquiry: Enquiry,
    to_stage: EnquiryStage,
    at: datetime | date | None = None,
    reason: str = "",
    by: User | None,
) -> StageChange:
    """Move an enquiry to another stage, as the transition table allows, and record the move.

    ``at`` is when it happened (now if not given; a day for a dated fact such as a visit), so the funnel
    counts each move in the month it happened. Called inside the services below (which check their own
    permission), and through ``enquiry_close``.
    """
    current = EnquiryStage(enquiry.stage)
    if to_stage not in TRANSITIONS[current]:
        raise ValidationError(
            {"to_stage": f"An enquiry at '{current.label.lower()}' cannot move to '{to_stage.label.lower()}'"}
        )
    if to_stage in REASON_REQUIRED and not reason.strip():
        raise ValidationError({"reason": "Give the reason"})
    change = StageChange(
        organisation_id=enquiry.organisation_id,
        enquiry=enquiry,
        from_stage=current,
        to_stage=to_stage,
        changed_at=_moment_of(enquiry, at),
        reason=reason,
    )
    change.stamp(by)
    change.save()
    enquiry.stage = to_stage
    enquiry.stamp(by)
    enquiry.save(update_fields=["stage", "modified_at", "modified_by"])
    record_event(
        actor=by,
        verb="enquiry_stage_changed",
        obj=enquiry,
        changes={"stage": [current.value, to_stage.value]},
        note=reason,
    )
    return change


@transaction.atomic
def enquiry_close(*, enquiry: Enquiry, reason: str, by: User | None) -> StageChange:
    """Close an enquiry: the enquirer withdrew or could not be reached."""
    require(by, Perm.CHANGE_ENQUIRY, enquiry.organisation_id)
    return enquiry_move(enquiry=enquiry, to_stage=EnquiryStage.WITHDRAWN, reason=reason, by=by)


def open_duplicate(*, organisation: Organisation, email: str, phone: str) -> tuple[str, Enquiry] | None:
    """An open enquiry of the same person (same email or phone) in the organisation, with the field."""
    open_enquiries = Enquiry.objects.filter(organisation=organisation).exclude(stage__in=CLOSED_STAGES)
    if email:
        found = open_enquiries.filter(email__iexact=email).first()
        if found is not None:
            return "email", found
    if phone:
        digits = phone.replace(" ", "")
        found = open_enquiries.filter(Q(phone=phone) | Q(phone=digits)).first()
        if found is not None:
            return "phone", found
    return None


def _contact(email: str, phone: str, postcode: str) -> tuple[str, str, str]:
    """Email, phone and postcode as they are kept (lower case, the number's usual form, 'LE3 8RF'),
    or a ValidationError beside the field."""
    email, phone, postcode = email.strip().lower(), phone.strip(), postcode.strip()
    if not email and not phone:
        raise ValidationError({"email": "Enter an email address or a phone number, so we can contact you"})
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValidationError as error:
            raise ValidationError({"phone": error.messages}) from None
    if postcode:
        try:
            validate_postcode(postcode)
        except ValidationError as error:
            raise ValidationError({"postcode": error.messages}) from None
        postcode = normalise_postcode(postcode)
    return email, phone, postcode


@transaction.atomic
def enquiry_create(
    *,
    organisation: Organisation,
    first_name: str,
    last_name: str,
    channel: Channel,
    received_at: datetime,
    email: str = "",
    phone: str = "",
    postcode: str = "",
    source: Source | None = None,
    consent_keep_in_touch: bool = False,
    consent_newsletter: bool = False,
    by: User | None,
) -> Enquiry:
    """Record an enquiry (logged by staff, or from the public form with ``by=None``) and its enquirer."""
    require(by, Perm.CHANGE_ENQUIRY, organisation.pk)
    email, phone, postcode = _contact(email, phone, postcode)
    if received_at > clock.now():
        raise ValidationError({"received_at": "The enquiry must have been received already"})
    if source is not None and source.organisation_id != organisation.pk:
        raise ValidationError({"source": "Choose one of the organisation's sources"})
    # Staff are told of an open enquiry; the public form never says (see public_enquiry_receive).
    duplicate = open_duplicate(organisation=organisation, email=email, phone=phone)
    if duplicate is not None:
        field, earlier = duplicate
        raise ValidationError(
            {
                field: f"An enquiry with this {'email address' if field == 'email' else 'phone number'} "
                f"is already open (received {earlier.received_at:%d/%m/%Y}): we will be in touch"
            }
        )
    person = None
    if email:
        person = Person.objects.filter(organisation=organisation, email__iexact=email).first()
    if person is None and phone:
        person = Person.objects.filter(organisation=organisation, phone=phone).first()
    if person is None:
        person = person_create(
            organisation=organisation,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email,
            phone=phone,
            by=by if by is not None and has_perm(by, Perm.CHANGE_PERSON, organisation.pk) else None,
        )
    enquiry = Enquiry(
        organisation=organisation,
        person=person,
        channel=channel,
        source=source,
        received_at=received_at,
        email=email,
        phone=phone,
        postcode=postcode,
        consent_keep_in_touch=consent_keep_in_touch,
        consent_newsletter=consent_newsletter,
    )
    enquiry.stamp(by)
    enquiry.full_clean()
    enquiry.save()
    change = StageChange(
        organisation=organisation,
        enquiry=enquiry,
        from_stage="",
        to_stage=EnquiryStage.NEW,
        changed_at=received_at,
    )
    change.stamp(by)
    change.save()
    record_event(
        actor=by, verb="enquiry_received", obj=enquiry, changes=created_changes(enquiry, ENQUIRY_FIELDS)
    )
    return enquiry


class FormTokenUsed(Exception):
    """The public form's token was sent before: this post is a replay or a second click."""


def _use_form_token(*, organisation: Organisation, nonce: str, at: datetime, max_age: timedelta) -> None:
    """Record the token's one use (a unique row, so two posts at the same moment cannot both pass)."""
    UsedFormToken.objects.filter(used_at__lt=at - max_age).delete()
    token = UsedFormToken(organisation=organisation, nonce=nonce, used_at=at)
    token.stamp(None)
    try:
        with transaction.atomic():
            token.save()
    except IntegrityError:
        raise FormTokenUsed from None


@transaction.atomic
def public_enquiry_receive(
    *,
    organisation: Organisation,
    nonce: str,
    token_max_age: timedelta,
    first_name: str,
    last_name: str,
    email: str = "",
    phone: str = "",
    postcode: str = "",
    source: Source | None = None,
    consent_keep_in_touch: bool = False,
    consent_newsletter: bool = False,
) -> Enquiry | EnquiryRepeat:
    """An enquiry from the public form, sent with the one-use token of the page the person was shown.

    The person is never told whether an enquiry of theirs is open: a second one while the first is open
    is recorded on the first (``EnquiryRepeat``, flagged to the team) and thanked the same way.
    Raises FormTokenUsed for a token sent before; nothing is saved then.
    """
    received_at = clock.now()
    _use_form_token(organisation=organisation, nonce=nonce, at=received_at, max_age=token_max_age)
    email, phone, postcode = _contact(email, phone, postcode)
    if source is not None and source.organisation_id != organisation.pk:
        raise ValidationError({"source": "Choose one of the organisation's sources"})
    duplicate = open_duplicate(organisation=organisation, email=email, phone=phone)
    if duplicate is None:
        return enquiry_create(
            organisation=organisation,
            first_name=first_name,
            last_name=last_name,
            email=email,
            phone=phone,
            postcode=postcode,
            source=source,
            consent_keep_in_touch=consent_keep_in_touch,
            consent_newsletter=consent_newsletter,
            channel=Channel.WEB,
            received_at=received_at,
            by=None,
        )
    matched_on, earlier = duplicate
    repeat = EnquiryRepeat(
        organisation=organisation,
        enquiry=earlier,
        received_at=received_at,
        matched_on=matched_on,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        phone=phone,
        postcode=postcode,
    )
    repeat.stamp(None)
    repeat.save()
    record_event(
        actor=None,
        verb="enquiry_repeated",
        obj=earlier,
        changes={"repeat": [None, {"matched_on": matched_on, "received_at": received_at.isoformat()}]},
        note=f"The public form was sent again with the same {repeat.get_matched_on_display().lower()}",
    )
    return repeat


@transaction.atomic
def enquiry_respond(
    *, enquiry: Enquiry, responded_at: datetime, channel: Channel, notes: str = "", by: User | None
) -> Enquiry:
    """Record the response to an enquiry: who made contact (``by``), how and when. Meets the 2-hour clock."""
    require(by, Perm.CHANGE_ENQUIRY, enquiry.organisation_id)
    if enquiry.responded_at is not None:
        raise ValidationError({"responded_at": "A response has been recorded already"})
    if responded_at > clock.now():
        raise ValidationError({"responded_at": "The response must have been made already"})
    if responded_at < enquiry.received_at.replace(second=0, microsecond=0):  # staff give the minute
        raise ValidationError({"responded_at": "The response cannot be before the enquiry was received"})
    enquiry.responded_at = responded_at
    enquiry.responded_by = by
    enquiry.response_channel = channel
    enquiry.response_notes = notes
    enquiry.stamp(by)
    enquiry.save()
    record_event(
        actor=by,
        verb="enquiry_responded",
        obj=enquiry,
        changes={"responded_at": [None, responded_at.isoformat()], "response_channel": [None, channel]},
    )
    # (a response given to the minute may read a few seconds before the receipt: keep the moves in order)
    enquiry_move(
        enquiry=enquiry, to_stage=EnquiryStage.RESPONDED, at=max(responded_at, enquiry.received_at), by=by
    )
    return enquiry


@transaction.atomic
def information_event_schedule(
    *,
    organisation: Organisation,
    title: str,
    starts_at: datetime,
    format: EventFormat,
    capacity: int,
    venue: str = "",
    by: User | None,
) -> InformationEvent:
    require(by, Perm.CHANGE_ENQUIRY, organisation.pk)
    if format == EventFormat.IN_PERSON and not venue.strip():
        raise ValidationError({"venue": "Enter the venue of an event held in person"})
    if capacity < 1:
        raise ValidationError({"capacity": "The event must have room for at least 1 person"})
    event = InformationEvent(
        organisation=organisation,
        title=title,
        starts_at=starts_at,
        format=format,
        venue=venue,
        capacity=capacity,
    )
    event.stamp(by)
    event.full_clean()
    event.save()
    record_event(
        actor=by,
        verb="information_event_scheduled",
        obj=event,
        changes=created_changes(event, ["title", "starts_at", "format", "venue", "capacity"]),
    )
    return event


@transaction.atomic
def event_book(
    *,
    event: InformationEvent,
    enquiry: Enquiry,
    booked_on: date,
    invited_on: date | None = None,
    by: User | None,
) -> EventBooking:
    """Book an enquirer on an event (the invitation's date is recorded, no email is sent)."""
    require(by, Perm.CHANGE_ENQUIRY, event.organisation_id)
    if enquiry.organisation_id != event.organisation_id:
        raise ValidationError({"enquiry": "Choose an enquiry of the same organisation"})
    _past_date(booked_on, "booked_on")
    if EventBooking.objects.filter(event=event, enquiry=enquiry).exists():
        raise ValidationError({"enquiry": f"{enquiry.person.full_name} is booked on this event already"})
    if event.bookings.count() >= event.capacity:
        raise ValidationError({"enquiry": f"The event is full ({event.capacity} places)"})
    if EnquiryStage(enquiry.stage) not in (EnquiryStage.RESPONDED, EnquiryStage.EVENT_BOOKED):
        raise ValidationError(
            {
                "enquiry": "Only an enquiry that has been responded to can be booked "
                f"(this one is {enquiry.get_stage_display().lower()})"
            }
        )
    if invited_on is not None and invited_on > booked_on:
        raise ValidationError({"invited_on": "The invitation cannot be after the booking"})
    booking = EventBooking(
        organisation_id=event.organisation_id,
        event=event,
        enquiry=enquiry,
        booked_on=booked_on,
        invited_on=invited_on,
    )
    booking.stamp(by)
    booking.save()
    record_event(actor=by, verb="event_booked", obj=enquiry, changes={"event": [None, str(event)]})
    if enquiry.stage != EnquiryStage.EVENT_BOOKED:
        enquiry_move(enquiry=enquiry, to_stage=EnquiryStage.EVENT_BOOKED, at=booked_on, by=by)
    return booking


@transaction.atomic
def booking_update(
    *,
    booking: EventBooking,
    reminded_on: date | None = None,
    attendance: Attendance | None = None,
    by: User | None,
) -> EventBooking:
    """Record the reminder's date, and after the event whether the enquirer came."""
    require(by, Perm.CHANGE_ENQUIRY, booking.organisation_id)
    event = booking.event
    if reminded_on is not None:
        _past_date(reminded_on, "reminded_on")
        if reminded_on < booking.booked_on:
            raise ValidationError({"reminded_on": "The reminder cannot be before the booking"})
        booking.reminded_on = reminded_on
    if attendance is not None and attendance != Attendance.BOOKED:
        if event.starts_at > clock.now():
            raise ValidationError({"attendance": "Attendance can be recorded after the event"})
        booking.attendance = attendance
    booking.stamp(by)
    booking.save()
    record_event(
        actor=by,
        verb="event_booking_updated",
        obj=booking.enquiry,
        changes={"attendance": [None, booking.attendance], "reminded_on": [None, str(booking.reminded_on)]},
    )
    enquiry = booking.enquiry
    if enquiry.stage == EnquiryStage.EVENT_BOOKED:
        if attendance == Attendance.ATTENDED:
            enquiry_move(enquiry=enquiry, to_stage=EnquiryStage.EVENT_ATTENDED, at=event.starts_at, by=by)
        elif attendance == Attendance.NO_SHOW:
            enquiry_move(
                enquiry=enquiry,
                to_stage=EnquiryStage.RESPONDED,
                at=max(event.starts_at, clock.now()),
                reason="Did not attend",
                by=by,
            )
    return booking


@transaction.atomic
def screening_call_record(
    *, enquiry: Enquiry, called_on: date, outcome: ScreeningOutcome, notes: str = "", by: User | None
) -> Enquiry:
    require(by, Perm.CHANGE_ENQUIRY, enquiry.organisation_id)
    _past_date(called_on, "called_on")
    if enquiry.responded_at is not None and called_on < enquiry.responded_at.date():
        raise ValidationError({"called_on": "The screening call cannot be before the first response"})
    if enquiry.screening_call_on is not None:
        raise ValidationError({"called_on": "A screening call has been recorded already"})
    enquiry.screening_call_on = called_on
    enquiry.screening_outcome = outcome
    enquiry.screening_notes = notes
    enquiry.stamp(by)
    enquiry.save()
    record_event(
        actor=by,
        verb="screening_call_recorded",
        obj=enquiry,
        changes={"screening_call_on": [None, called_on.isoformat()], "screening_outcome": [None, outcome]},
    )
    enquiry_move(enquiry=enquiry, to_stage=EnquiryStage.SCREENING, at=called_on, by=by)
    if outcome != ScreeningOutcome.OFFER_VISIT:
        ending = EnquiryStage.NOT_NOW if outcome == ScreeningOutcome.NOT_NOW else EnquiryStage.NOT_SUITABLE
        enquiry_move(enquiry=enquiry, to_stage=ending, at=called_on, reason=notes or "Screening call", by=by)
    return enquiry


@transaction.atomic
def initial_visit_offer(*, enquiry: Enquiry, offered_on: date, worker: User, by: User | None) -> Enquiry:
    """Offer an initial visit and allocate the worker who will make it (meets initial_visit_offer)."""
    require(by, Perm.RECORD_INITIAL_VISIT, enquiry.organisation_id)
    if enquiry.stage != EnquiryStage.SCREENING or enquiry.screening_call_on is None:
        raise ValidationError({"offered_on": "Record the screening call before offering a visit"})
    _past_date(offered_on, "offered_on")
    if offered_on < enquiry.screening_call_on:
        raise ValidationError({"offered_on": "The offer cannot be before the screening call"})
    if not worker.memberships.filter(organisation_id=enquiry.organisation_id, ended_on__isnull=True).exists():
        raise ValidationError({"worker": "The worker must work for the same organisation"})
    enquiry.initial_visit_offered_on = offered_on
    enquiry.initial_visit_worker = worker
    enquiry.stamp(by)
    enquiry.save()
    record_event(
        actor=by,
        verb="initial_visit_offered",
        obj=enquiry,
        changes={"initial_visit_offered_on": [None, offered_on.isoformat()], "worker": [None, str(worker)]},
    )
    return enquiry


@transaction.atomic
def initial_visit_record(
    *, enquiry: Enquiry, visited_on: date, record_written_on: date | None = None, by: User | None
) -> Enquiry:
    """Record the initial visit and, when written, the date of its record."""
    require(by, Perm.RECORD_INITIAL_VISIT, enquiry.organisation_id)
    if enquiry.screening_call_on is None:
        raise ValidationError({"visited_on": "Record the screening call before the visit"})
    if enquiry.stage not in (EnquiryStage.SCREENING, EnquiryStage.INITIAL_VISIT):
        raise ValidationError({"visited_on": f"The enquiry is {enquiry.get_stage_display().lower()}"})
    _past_date(visited_on, "visited_on")
    if visited_on < enquiry.screening_call_on:
        raise ValidationError(
            {
                "visited_on": f"The visit cannot be before the screening call ({enquiry.screening_call_on:%d/%m/%Y})"
            }
        )
    if record_written_on is not None:
        _past_date(record_written_on, "record_written_on")
        if record_written_on < visited_on:
            raise ValidationError({"record_written_on": "The record cannot be written before the visit"})
    first = enquiry.initial_visit_on is None
    enquiry.initial_visit_on = visited_on
    enquiry.initial_visit_record_on = record_written_on
    if enquiry.initial_visit_worker_id is None and by is not None:
        enquiry.initial_visit_worker = by
    enquiry.stamp(by)
    enquiry.save()
    record_event(
        actor=by,
        verb="initial_visit_recorded",
        obj=enquiry,
        changes={
            "initial_visit_on": [None, visited_on.isoformat()],
            "initial_visit_record_on": [None, record_written_on.isoformat() if record_written_on else None],
        },
    )
    if first:
        enquiry_move(enquiry=enquiry, to_stage=EnquiryStage.INITIAL_VISIT, at=visited_on, by=by)
    return enquiry


@transaction.atomic
def progress_decision_record(
    *,
    enquiry: Enquiry,
    decision: Decision,
    decided_on: date,
    reasons: str,
    feedback_given_on: date | None = None,
    by: User | None,
) -> Enquiry:
    """The decision to progress (or not now, not suitable), taken at the weekly meeting, with reasons."""
    require(by, Perm.DECIDE_PROGRESS, enquiry.organisation_id)
    if enquiry.initial_visit_on is None or enquiry.stage != EnquiryStage.INITIAL_VISIT:
        raise ValidationError({"decided_on": "A decision follows an initial visit: record the visit first"})
    _past_date(decided_on, "decided_on")
    if decided_on < enquiry.initial_visit_on:
        raise ValidationError(
            {"decided_on": f"The decision cannot be before the visit ({enquiry.initial_visit_on:%d/%m/%Y})"}
        )
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for the decision"})
    if feedback_given_on is not None:
        _past_date(feedback_given_on, "feedback_given_on")
        if feedback_given_on < decided_on:
            raise ValidationError({"feedback_given_on": "Feedback cannot be given before the decision"})
    enquiry.decision = decision
    enquiry.decided_on = decided_on
    enquiry.decision_reasons = reasons
    enquiry.feedback_given_on = feedback_given_on
    enquiry.stamp(by)
    enquiry.save()
    record_event(
        actor=by,
        verb="progress_decision_recorded",
        obj=enquiry,
        changes={"decision": [None, decision.value], "decided_on": [None, decided_on.isoformat()]},
        note=reasons,
    )
    enquiry_move(enquiry=enquiry, to_stage=DECISION_STAGE[decision], at=decided_on, reason=reasons, by=by)
    return enquiry
