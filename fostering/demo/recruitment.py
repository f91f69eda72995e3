"""Build step: recruitment. Sources and campaigns, three years of enquiries (a county's year: roughly 260-550
requests and 60-70 initial visits), information events every 2-3 weeks with bookings and attendance,
screening calls, initial visits and decisions to progress.

The shapes are those the recruitment services make: every enquiry starts with a stage change from "" to
"new" at its receipt, each later change is from the stage before (as ``choices.TRANSITIONS`` allows),
and the enquiry's stage is its last change's. Nothing is dated after ``ctx.today``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from fostering.accounts.roles import Role
from fostering.deadlines.calendar import LONDON
from fostering.people.models import Person
from fostering.recruitment.choices import (
    Attendance,
    Channel,
    Decision,
    EnquiryStage,
    EventFormat,
    ScreeningOutcome,
    SourceKind,
)
from fostering.recruitment.models import Enquiry, EventBooking, InformationEvent, Source, StageChange

if TYPE_CHECKING:
    from .generator import DemoContext

SOURCES = (
    ("Council website", SourceKind.SOURCE, 18),
    ("Search engine", SourceKind.SOURCE, 12),
    ("Word of mouth", SourceKind.SOURCE, 16),
    ("Existing foster carer", SourceKind.SOURCE, 10),
    ("Local radio", SourceKind.SOURCE, 5),
    ("Fostering Fortnight campaign", SourceKind.CAMPAIGN, 12),
    ("Social media campaign", SourceKind.CAMPAIGN, 15),
    ("Bus shelter adverts", SourceKind.CAMPAIGN, 6),
    ("Community event stall", SourceKind.SOURCE, 6),
)
CHANNELS = (
    (Channel.WEB, 38),
    (Channel.PHONE, 24),
    (Channel.EMAIL, 14),
    (Channel.SOCIAL_MEDIA, 12),
    (Channel.TEXT, 4),
    (Channel.EVENT, 8),
)
COUNTY_HOUSEHOLDS = 251
REASONS_NOT_NOW = (
    "Moving house this year",
    "A new baby is due",
    "Caring for a parent",
    "Spare room not ready",
)
REASONS_NOT_SUITABLE = ("No spare bedroom", "Health needs a GP's view first", "Working hours leave no time")
REASONS_PROGRESS = (
    "Clear motivation; room and time for a child",
    "Strong support network; experience with children",
    "Good understanding of the task; whole family keen",
)


@dataclass
class Journey:
    enquiry: Enquiry
    moves: list[tuple[EnquiryStage, datetime, str]] = field(default_factory=list)


def _channel(ctx: DemoContext) -> Channel:
    return ctx.rng.choices([c for c, _ in CHANNELS], weights=[w for _, w in CHANNELS])[0]


def _later(ctx: DemoContext, on: date, low: int, high: int) -> date:
    """A weekday ``low`` to ``high`` days after ``on``."""
    day = on + timedelta(days=ctx.rng.randint(low, high))
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def build_recruitment(ctx: DemoContext) -> None:
    rng = ctx.rng
    scale = ctx.size.open_households / COUNTY_HOUSEHOLDS
    sources = [
        ctx.stamp(
            Source(name=name, kind=kind, active=rng.random() > 0.1 or kind == SourceKind.SOURCE),
            ctx.history_start,
        )
        for name, kind, _ in SOURCES
    ]
    ctx.save(sources)
    weights = [w for _, _, w in SOURCES]
    coordinators = ctx.staff.get(Role.RECRUITMENT_COORDINATOR, [])
    visit_workers = ctx.staff.get(Role.INITIAL_VISIT_WORKER, [])

    # Information events every 2-3 weeks, alternately online and in person.
    events: list[InformationEvent] = []
    day = ctx.history_start + timedelta(days=rng.randint(3, 14))
    while day <= ctx.today + timedelta(days=30):
        online = len(events) % 2 == 0
        town = rng.choice(ctx.towns)
        starts = datetime.combine(day, time(18, 30), tzinfo=LONDON)
        events.append(
            ctx.stamp(
                InformationEvent(
                    title=f"Thinking of fostering? {'Online' if online else town} information evening",
                    starts_at=starts,
                    format=EventFormat.ONLINE if online else EventFormat.IN_PERSON,
                    venue="" if online else f"{town} Library, community room",
                    capacity=rng.choice((20, 25, 30, 40)),
                ),
                min(day - timedelta(days=21), ctx.today),
            )
        )
        day = _later(ctx, day, 14, 21)
    ctx.save(events)

    # Enquiries across three years.
    people: list[Person] = []
    enquiries: list[Enquiry] = []
    days = (ctx.today - ctx.history_start).days
    per_year = max(6, round(rng.randint(350, 400) * scale))
    total = per_year * days // 365
    for _ in range(total):
        received_on = ctx.history_start + timedelta(days=rng.randint(0, days))
        minutes = rng.randint(7 * 60, 22 * 60 - 1)
        received_at = datetime.combine(received_on, time(minutes // 60, minutes % 60), tzinfo=LONDON)
        first, last = ctx.faker.first_name(), ctx.faker.last_name()
        email = f"{first}.{last}.{rng.randint(1, 9999)}@example.com".lower() if rng.random() < 0.85 else ""
        phone = f"07700 9{rng.randint(0, 99999):05d}" if not email or rng.random() < 0.6 else ""
        person = ctx.stamp(Person(first_name=first, last_name=last, email=email, phone=phone), received_on)
        people.append(person)
        enquiries.append(
            ctx.stamp(
                Enquiry(
                    person=person,
                    channel=_channel(ctx),
                    source=rng.choices(sources, weights=weights)[0] if rng.random() < 0.9 else None,
                    received_at=received_at,
                    email=email,
                    phone=phone,
                    postcode="",
                    consent_keep_in_touch=rng.random() < 0.7,
                    consent_newsletter=rng.random() < 0.45,
                ),
                received_on,
            )
        )
    enquiries.sort(key=lambda e: e.received_at)
    ctx.save(people)
    for enquiry in enquiries:
        enquiry.person_id = enquiry.person.pk
    bookings: list[EventBooking] = []
    journeys = [_journey(ctx, e, events, bookings, coordinators, visit_workers) for e in enquiries]
    ctx.save(enquiries)
    for booking in bookings:
        booking.enquiry_id = booking.enquiry.pk
        booking.event_id = booking.event.pk
    ctx.save(bookings)

    changes: list[StageChange] = []
    for journey in journeys:
        before = ""
        for stage, at, reason in journey.moves:
            change = StageChange(
                enquiry_id=journey.enquiry.pk, from_stage=before, to_stage=stage, changed_at=at, reason=reason
            )
            ctx.stamp(change, at.date())
            change.created_at = change.modified_at = at
            changes.append(change)
            before = stage
        ctx.event(journey.enquiry, journey.enquiry.received_at, verb="demo_created")
    ctx.insert(changes)
    for source in sources:
        ctx.event(source, ctx.history_start)
    for event in events:
        ctx.event(event, event.created_at)
    ctx.records["enquiries"] = enquiries
    ctx.records["progressed_enquiries"] = [e for e in enquiries if e.stage == EnquiryStage.PROGRESSED]
    ctx.records["information_events"] = events


def _journey(
    ctx: DemoContext,
    enquiry: Enquiry,
    events: list[InformationEvent],
    bookings: list[EventBooking],
    coordinators: list,
    visit_workers: list,
) -> Journey:
    """Walk one enquiry through the stages as far as its age allows, setting its dated facts."""
    rng, today = ctx.rng, ctx.today
    journey = Journey(enquiry)
    moves = journey.moves
    stage = EnquiryStage.NEW
    moves.append((stage, enquiry.received_at, ""))

    def move(to: EnquiryStage, at: datetime, reason: str = "") -> None:
        nonlocal stage
        stage = to
        moves.append((to, at, reason))

    def finish() -> Journey:
        enquiry.stage = stage
        return journey

    responded_at = enquiry.received_at + timedelta(minutes=rng.choice((20, 45, 90, 110, 150, 300, 1500)))
    if rng.random() < 0.04 or responded_at.date() > today or responded_at > ctx.moment(today):
        if (today - enquiry.received_at.date()).days > 30:
            move(EnquiryStage.WITHDRAWN, enquiry.received_at + timedelta(days=30), "Could not be reached")
        return finish()
    enquiry.responded_at = responded_at
    enquiry.responded_by = rng.choice(coordinators) if coordinators else None
    enquiry.response_channel = rng.choice((Channel.PHONE, Channel.PHONE, Channel.EMAIL, Channel.TEXT))
    enquiry.response_notes = "Information pack sent; invited to the next information evening"
    move(EnquiryStage.RESPONDED, responded_at)

    ready_on = responded_at.date()
    if rng.random() < 0.4:
        upcoming = [e for e in events if e.starts_at.date() > ready_on + timedelta(days=2)]
        if upcoming:
            event = upcoming[0]
            booked_on = ready_on + timedelta(days=1)
            if booked_on <= today:
                booking = EventBooking(
                    event=event,
                    enquiry=enquiry,
                    booked_on=booked_on,
                    invited_on=ready_on,
                    reminded_on=event.starts_at.date() - timedelta(days=1)
                    if event.starts_at.date() - timedelta(days=1) <= today
                    else None,
                )
                ctx.stamp(booking, booked_on)
                bookings.append(booking)
                move(EnquiryStage.EVENT_BOOKED, ctx.moment(booked_on))
                if event.starts_at.date() >= today:
                    return finish()
                if rng.random() < 0.72:
                    booking.attendance = Attendance.ATTENDED
                    move(EnquiryStage.EVENT_ATTENDED, event.starts_at)
                else:
                    booking.attendance = Attendance.NO_SHOW
                    move(EnquiryStage.RESPONDED, event.starts_at + timedelta(days=1), "Did not attend")
                ready_on = event.starts_at.date()

    screening_share = 0.55 if stage == EnquiryStage.EVENT_ATTENDED else 0.12
    called_on = _later(ctx, ready_on, 2, 15)
    if rng.random() >= screening_share or called_on > today:
        if (today - ready_on).days > 90 and rng.random() < 0.8:
            move(EnquiryStage.WITHDRAWN, ctx.moment(ready_on + timedelta(days=60)), "No longer interested")
        return finish()
    enquiry.screening_call_on = called_on
    roll = rng.random()
    outcome = (
        ScreeningOutcome.OFFER_VISIT
        if roll < 0.78
        else ScreeningOutcome.NOT_NOW
        if roll < 0.92
        else ScreeningOutcome.NOT_SUITABLE
    )
    enquiry.screening_outcome = outcome
    screened_at = ctx.moment(called_on)
    move(EnquiryStage.SCREENING, screened_at)
    if outcome != ScreeningOutcome.OFFER_VISIT:
        ending = EnquiryStage.NOT_NOW if outcome == ScreeningOutcome.NOT_NOW else EnquiryStage.NOT_SUITABLE
        move(ending, screened_at, "Screening call")
        return finish()

    offered_on = _later(ctx, called_on, 0, 6)
    if offered_on > today:
        return finish()
    enquiry.initial_visit_offered_on = offered_on
    enquiry.initial_visit_worker = rng.choice(visit_workers) if visit_workers else None
    visited_on = _later(ctx, offered_on, 3, 14)
    if visited_on > today:
        return finish()
    enquiry.initial_visit_on = visited_on
    move(EnquiryStage.INITIAL_VISIT, ctx.moment(visited_on))
    record_on = _later(ctx, visited_on, 0, 3)
    if record_on <= today:
        enquiry.initial_visit_record_on = record_on
    decided_on = _later(ctx, visited_on, 1, 6)
    if decided_on > today:
        return finish()
    roll = rng.random()
    decision = (
        Decision.PROGRESS if roll < 0.62 else Decision.NOT_NOW if roll < 0.86 else Decision.NOT_SUITABLE
    )
    reasons = rng.choice(
        REASONS_PROGRESS
        if decision == Decision.PROGRESS
        else REASONS_NOT_NOW
        if decision == Decision.NOT_NOW
        else REASONS_NOT_SUITABLE
    )
    enquiry.decision, enquiry.decided_on, enquiry.decision_reasons = decision, decided_on, reasons
    feedback_on = decided_on + timedelta(days=rng.randint(0, 3))
    enquiry.feedback_given_on = feedback_on if feedback_on <= today else None
    target = {
        Decision.PROGRESS: EnquiryStage.PROGRESSED,
        Decision.NOT_NOW: EnquiryStage.NOT_NOW,
        Decision.NOT_SUITABLE: EnquiryStage.NOT_SUITABLE,
    }[decision]
    move(target, ctx.moment(decided_on), reasons)
    return finish()
