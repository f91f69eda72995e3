"""Factories that mirror the recruitment journey, each building on the last (through the services, by=None)."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from typing import Any

from fostering.accounts.models import Organisation, User
from fostering.deadlines.calendar import LONDON
from fostering.recruitment import services
from fostering.recruitment.choices import Channel, ScreeningOutcome, SourceKind
from fostering.recruitment.models import Enquiry, InformationEvent, Source

_counter = itertools.count(1)


def source(org: Organisation, name: str = "Local radio", kind: SourceKind = SourceKind.SOURCE) -> Source:
    return Source.objects.create(organisation=org, name=name, kind=kind)


def enquiry(
    org: Organisation,
    *,
    received_at: datetime = datetime(2024, 3, 4, 10, 0, tzinfo=LONDON),
    channel: Channel = Channel.PHONE,
    **values: Any,
) -> Enquiry:
    n = next(_counter)
    defaults: dict[str, Any] = {
        "first_name": "Alex",
        "last_name": f"Enquirer{n}",
        "email": f"enquirer{n}@example.com",
    }
    return services.enquiry_create(
        organisation=org, channel=channel, received_at=received_at, by=None, **(defaults | values)
    )


def responded_enquiry(org: Organisation, **values: Any) -> Enquiry:
    e = enquiry(org, **values)
    return services.enquiry_respond(
        enquiry=e,
        responded_at=datetime(2024, 3, 4, 11, 0, tzinfo=LONDON),
        channel=Channel.PHONE,
        by=None,
    )


def screened_enquiry(org: Organisation, **values: Any) -> Enquiry:
    e = responded_enquiry(org, **values)
    return services.screening_call_record(
        enquiry=e, called_on=date(2024, 3, 6), outcome=ScreeningOutcome.OFFER_VISIT, by=None
    )


def visited_enquiry(org: Organisation, *, worker: User | None = None, **values: Any) -> Enquiry:
    """An enquiry whose initial visit was held on 12 March 2024 and awaits the decision to progress."""
    e = screened_enquiry(org, **values)
    if worker is not None:
        services.initial_visit_offer(enquiry=e, offered_on=date(2024, 3, 7), worker=worker, by=None)
    return services.initial_visit_record(enquiry=e, visited_on=date(2024, 3, 12), by=None)


def event(org: Organisation, **values: Any) -> InformationEvent:
    defaults: dict[str, Any] = {
        "title": "Thinking of fostering? Come and talk to us",
        "starts_at": datetime(2024, 3, 20, 18, 30, tzinfo=LONDON),
        "format": "online",
        "capacity": 20,
    }
    return services.information_event_schedule(organisation=org, by=None, **(defaults | values))
