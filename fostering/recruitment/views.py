from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from fostering.accounts.models import Organisation
from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.audit.selectors import timeline_for
from fostering.core import clock
from fostering.core.forms import ServiceForm
from fostering.core.http import client_address
from fostering.core.lists import list_page
from fostering.core.views import StaffRequest, paginate, record_form_page, render_form, submit
from fostering.deadlines.rules import due_date

from . import services
from .choices import (
    TRANSITIONS,
    Attendance,
    Channel,
    Decision,
    EnquiryStage,
    EventFormat,
    ScreeningOutcome,
)
from .deadlines import enquiry_deadlines
from .filters import EnquiryFilter
from .forms import (
    BookingForm,
    BookingUpdateForm,
    CloseForm,
    DecisionForm,
    EnquiryForm,
    EventForm,
    InitialVisitForm,
    PublicEnquiryForm,
    ResponseForm,
    ScreeningCallForm,
    VisitOfferForm,
    at,
)
from .models import Enquiry, EnquiryRepeat, InformationEvent
from .references import enquiry_reference, repeat_reference
from .selectors import (
    awaiting_decision_for_user,
    bookable_enquiries,
    bookings_of,
    enquiry_get_for_user,
    event_get_for_user,
    event_list_for_user,
    initial_visit_workers,
    sources_of,
)

SALT = "fostering.recruitment.enquire"


def min_seconds_to_submit() -> float:
    return float(getattr(settings, "FOSTERING_ENQUIRY_MIN_SECONDS", 3))


def form_max_age() -> timedelta:
    """How long a shown form can be sent (2 hours unless set)."""
    return timedelta(seconds=float(getattr(settings, "FOSTERING_ENQUIRY_FORM_MAX_AGE", 2 * 60 * 60)))


def form_token(organisation: Organisation, started: float | None = None) -> str:
    """The signed token of one showing of the form: the council's form, when it was shown (seconds since
    the epoch) and a random nonce, so it is good once, on that council's form, for ``form_max_age``."""
    moment = clock.now().timestamp() if started is None else started
    return signing.dumps({"o": organisation.pk, "t": moment, "n": secrets.token_hex(16)}, salt=SALT)


def _token_of_a_person(request: HttpRequest, organisation: Organisation) -> dict[str, Any] | None:
    """The token, or None for a filled honeypot, a missing, tampered or borrowed token, or a form sent
    too fast or too late."""
    if request.POST.get("website", "").strip():
        return None
    try:
        token = signing.loads(request.POST.get("started", ""), salt=SALT)
        started, nonce = float(token["t"]), str(token["n"])
    except (signing.BadSignature, TypeError, ValueError, KeyError):
        return None
    if token.get("o") != organisation.pk:
        return None
    elapsed = clock.now().timestamp() - started
    if not min_seconds_to_submit() <= elapsed <= form_max_age().total_seconds():
        return None
    return {"t": started, "n": nonce}


def posts_per_hour() -> int:
    return int(getattr(settings, "FOSTERING_ENQUIRY_POSTS_PER_HOUR", 10))


def _over_the_limit(request: HttpRequest) -> bool:
    """Count this post against the sender's address in the current clock hour (Django's cache)."""
    hour = clock.now().strftime("%Y%m%d%H")
    key = f"recruitment:enquire:{client_address(request)}:{hour}"
    cache.add(key, 0, timeout=60 * 60 + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60 * 60 + 60)
        count = 1
    return count > posts_per_hour()


def enquire(request: HttpRequest, code: str) -> HttpResponse:
    """The public front door: anyone may ask about fostering with the organisation, no sign-in."""
    organisation = get_object_or_404(Organisation, code=code)
    sources = list(sources_of(organisation.pk).values_list("pk", "name"))
    form = PublicEnquiryForm(request.POST or None, sources=sources)
    started: float | None = None
    if request.method == "POST":
        if _over_the_limit(request):
            response = render(
                request, "recruitment/too_many.html", {"organisation": organisation}, status=429
            )
            response["Retry-After"] = "3600"
            return response
        token = _token_of_a_person(request, organisation)
        if token is None:
            return redirect("recruitment:enquire_thanks", code=code)
        started = token["t"]  # a form shown again with errors keeps the moment it was first shown

        def receive(data: dict[str, Any]) -> object:
            return services.public_enquiry_receive(
                organisation=organisation,
                nonce=token["n"],
                token_max_age=form_max_age(),
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                postcode=data["postcode"],
                source=sources_of(organisation.pk).filter(pk=data["source"]).first()
                if data["source"]
                else None,
                consent_keep_in_touch=data["consent_keep_in_touch"],
                consent_newsletter=data["consent_newsletter"],
            )

        try:
            received = submit(form, receive)
        except services.FormTokenUsed:
            received = True
        if received is not None:
            if isinstance(received, Enquiry | EnquiryRepeat):
                _remember_thanks(request, received)
            return redirect("recruitment:enquire_thanks", code=code)
    return render(
        request,
        "recruitment/enquire.html",
        {"form": form, "organisation": organisation, "started": form_token(organisation, started)},
    )


def _remember_thanks(request: HttpRequest, received: Enquiry | EnquiryRepeat) -> None:
    """The reference and the time the team will reply by, for the thank-you page that follows."""
    # sent again while one is open: a reference of its own, so the person is told nothing more
    ref = enquiry_reference(received.pk) if isinstance(received, Enquiry) else repeat_reference(received.pk)
    reply_by = due_date("enquiry_response", received.received_at)
    request.session[THANKS_KEY] = {"reference": ref, "reply_by": reply_by.isoformat()}


THANKS_KEY = "recruitment:thanks"


def enquire_thanks(request: HttpRequest, code: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, code=code)
    thanks = request.session.get(THANKS_KEY) or {}
    reply_by = datetime.fromisoformat(thanks["reply_by"]) if thanks.get("reply_by") else None
    return render(
        request,
        "recruitment/thanks.html",
        {"organisation": organisation, "reference": thanks.get("reference"), "reply_by": reply_by},
    )


def _enquiry_or_404(request: StaffRequest, pk: int) -> Enquiry:
    try:
        return enquiry_get_for_user(user=request.user, pk=pk)
    except Enquiry.DoesNotExist as missing:
        raise Http404("No such enquiry") from missing


def _event_or_404(request: StaffRequest, pk: int) -> InformationEvent:
    try:
        return event_get_for_user(user=request.user, pk=pk)
    except InformationEvent.DoesNotExist as missing:
        raise Http404("No such event") from missing


@login_required
def enquiry_list(request: StaffRequest) -> HttpResponse:
    """The recruitment team's working list: open enquiries by response status, oldest unanswered first."""
    if not organisations_with(request.user, Perm.VIEW_ENQUIRY):
        raise PermissionDenied
    context = list_page(request, None, EnquiryFilter, defaults={"stage": "open"})
    moment = clock.now()
    for enquiry in context["page_obj"]:
        enquiry.response_clock = enquiry_deadlines(enquiry, today=moment)[0]
    return render(
        request,
        "recruitment/enquiry_list.html",
        {"can_add": bool(organisations_with(request.user, Perm.CHANGE_ENQUIRY)), **context},
    )


@login_required
def enquiry_detail(request: StaffRequest, pk: int) -> HttpResponse:
    enquiry = _enquiry_or_404(request, pk)
    user, org = request.user, enquiry.organisation_id
    stage = EnquiryStage(enquiry.stage)
    change = has_perm(user, Perm.CHANGE_ENQUIRY, org)
    visit = has_perm(user, Perm.RECORD_INITIAL_VISIT, org)
    return render(
        request,
        "recruitment/enquiry_detail.html",
        {
            "enquiry": enquiry,
            "deadlines": enquiry_deadlines(enquiry, today=clock.now()),
            "stage_changes": enquiry.stage_changes.select_related("created_by"),
            "bookings": enquiry.bookings.select_related("event"),
            "repeats": list(enquiry.repeats.all()),
            "reference": enquiry_reference(enquiry.pk),
            "can": {
                "respond": change and enquiry.responded_at is None,
                "screening": change
                and enquiry.screening_call_on is None
                and EnquiryStage.SCREENING in TRANSITIONS[stage],
                "offer": visit
                and stage == EnquiryStage.SCREENING
                and enquiry.screening_outcome == ScreeningOutcome.OFFER_VISIT,
                "visit": visit
                and stage in (EnquiryStage.SCREENING, EnquiryStage.INITIAL_VISIT)
                and enquiry.screening_outcome == ScreeningOutcome.OFFER_VISIT,
                "decide": has_perm(user, Perm.DECIDE_PROGRESS, org) and stage == EnquiryStage.INITIAL_VISIT,
                "close": change and EnquiryStage.WITHDRAWN in TRANSITIONS[stage],
                "history": has_perm(user, Perm.VIEW_HISTORY, org),
                # the hand-over to the assessment team, which refuses a second start from one enquiry
                "assess": has_perm(user, Perm.START_ASSESSMENT, org) and stage == EnquiryStage.PROGRESSED,
            },
        },
    )


@login_required
def enquiry_history(request: StaffRequest, pk: int) -> HttpResponse:
    enquiry = _enquiry_or_404(request, pk)
    if not has_perm(request.user, Perm.VIEW_HISTORY, enquiry.organisation_id):
        raise PermissionDenied
    return render(
        request, "recruitment/history.html", {"enquiry": enquiry, "events": timeline_for(enquiry)[:500]}
    )


@login_required
def enquiry_add(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.CHANGE_ENQUIRY)
    if not orgs:
        raise PermissionDenied
    organisation = Organisation.objects.filter(pk__in=orgs).order_by("name").first()
    assert organisation is not None
    sources = list(sources_of(organisation.pk).values_list("pk", "name"))
    form = EnquiryForm(request.POST or None, sources=sources)

    def create(data: dict[str, Any]) -> Enquiry:
        return services.enquiry_create(
            organisation=organisation,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            postcode=data["postcode"],
            source=sources_of(organisation.pk).filter(pk=data["source"]).first() if data["source"] else None,
            consent_keep_in_touch=data["consent_keep_in_touch"],
            consent_newsletter=data["consent_newsletter"],
            channel=Channel(data["channel"]),
            received_at=at(data["received_on"], data["received_time"]),
            by=request.user,
        )

    if request.method == "POST" and (enquiry := submit(form, create)) is not None:
        messages.success(request, "The enquiry has been recorded")
        return redirect("recruitment:enquiry_detail", pk=enquiry.pk)
    return render_form(request, form, heading="Log an enquiry", back_url=reverse("recruitment:enquiry_list"))


def _enquiry_action(
    request: StaffRequest,
    pk: int,
    perm: Perm,
    make_form: Callable[[Enquiry], ServiceForm],
    action: Callable[[Enquiry, dict[str, Any]], Any],
    heading: str,
    done: str,
) -> HttpResponse:
    """A form page that records one thing about it through one service function."""
    record = _enquiry_or_404(request, pk)
    return record_form_page(
        request,
        record,
        perm=perm,
        make_form=make_form,
        action=action,
        heading=heading,
        done=done,
        detail_url=reverse("recruitment:enquiry_detail", args=[record.pk]),
        caption=record.person.full_name,
    )


@login_required
def enquiry_respond(request: StaffRequest, pk: int) -> HttpResponse:
    def respond(enquiry: Enquiry, data: dict[str, Any]) -> Enquiry:
        return services.enquiry_respond(
            enquiry=enquiry,
            responded_at=at(data["responded_on"], data["responded_time"]),
            channel=Channel(data["channel"]),
            notes=data["notes"],
            by=request.user,
        )

    return _enquiry_action(
        request,
        pk,
        Perm.CHANGE_ENQUIRY,
        lambda e: ResponseForm(request.POST or None),
        respond,
        "Record the response",
        "The response has been recorded",
    )


@login_required
def screening_call(request: StaffRequest, pk: int) -> HttpResponse:
    return _enquiry_action(
        request,
        pk,
        Perm.CHANGE_ENQUIRY,
        lambda e: ScreeningCallForm(request.POST or None),
        lambda e, data: services.screening_call_record(
            enquiry=e,
            called_on=data["called_on"],
            outcome=ScreeningOutcome(data["outcome"]),
            notes=data["notes"],
            by=request.user,
        ),
        "Record the screening call",
        "The screening call has been recorded",
    )


@login_required
def visit_offer(request: StaffRequest, pk: int) -> HttpResponse:
    def offer(enquiry: Enquiry, data: dict[str, Any]) -> Enquiry:
        worker = initial_visit_workers(enquiry.organisation_id).get(pk=data["worker"])
        return services.initial_visit_offer(
            enquiry=enquiry, offered_on=data["offered_on"], worker=worker, by=request.user
        )

    return _enquiry_action(
        request,
        pk,
        Perm.RECORD_INITIAL_VISIT,
        lambda e: VisitOfferForm(
            request.POST or None,
            workers=[(u.pk, u.get_full_name()) for u in initial_visit_workers(e.organisation_id)],
        ),
        offer,
        "Offer an initial visit",
        "The offer has been recorded",
    )


@login_required
def initial_visit(request: StaffRequest, pk: int) -> HttpResponse:
    return _enquiry_action(
        request,
        pk,
        Perm.RECORD_INITIAL_VISIT,
        lambda e: InitialVisitForm(
            request.POST or None,
            initial={"visited_on": e.initial_visit_on, "record_written_on": e.initial_visit_record_on},
            record=e,
        ),
        lambda e, data: services.initial_visit_record(
            enquiry=e,
            visited_on=data["visited_on"],
            record_written_on=data["record_written_on"],
            by=request.user,
        ),
        "Record the initial visit",
        "The initial visit has been recorded",
    )


@login_required
def decision(request: StaffRequest, pk: int) -> HttpResponse:
    return _enquiry_action(
        request,
        pk,
        Perm.DECIDE_PROGRESS,
        lambda e: DecisionForm(request.POST or None),
        lambda e, data: services.progress_decision_record(
            enquiry=e,
            decision=Decision(data["decision"]),
            decided_on=data["decided_on"],
            reasons=data["reasons"],
            feedback_given_on=data["feedback_given_on"],
            by=request.user,
        ),
        "Record the decision to progress",
        "The decision has been recorded",
    )


@login_required
def enquiry_close(request: StaffRequest, pk: int) -> HttpResponse:
    return _enquiry_action(
        request,
        pk,
        Perm.CHANGE_ENQUIRY,
        lambda e: CloseForm(request.POST or None),
        lambda e, data: services.enquiry_close(enquiry=e, reason=data["reason"], by=request.user),
        "Close the enquiry",
        "The enquiry has been closed",
    )


@login_required
def decisions(request: StaffRequest) -> HttpResponse:
    """The weekly decision to progress meeting: initial visits awaiting a decision."""
    if not organisations_with(request.user, Perm.DECIDE_PROGRESS):
        raise PermissionDenied
    moment = clock.now()
    enquiries = list(awaiting_decision_for_user(user=request.user)[:200])
    for enquiry in enquiries:
        enquiry.decision_clock = enquiry_deadlines(enquiry, today=moment)[-1]  # type: ignore[attr-defined]
    return render(request, "recruitment/decisions.html", {"enquiries": enquiries})


@login_required
def event_list(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, Perm.VIEW_ENQUIRY):
        raise PermissionDenied
    return render(
        request,
        "recruitment/event_list.html",
        {
            "can_add": bool(organisations_with(request.user, Perm.CHANGE_ENQUIRY)),
            **paginate(request, event_list_for_user(user=request.user)),
        },
    )


@login_required
def event_add(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.CHANGE_ENQUIRY)
    if not orgs:
        raise PermissionDenied
    organisation = Organisation.objects.filter(pk__in=orgs).order_by("name").first()
    assert organisation is not None
    form = EventForm(request.POST or None)

    def schedule(data: dict[str, Any]) -> InformationEvent:
        return services.information_event_schedule(
            organisation=organisation,
            title=data["title"],
            starts_at=at(data["starts_on"], data["start_time"]),
            format=EventFormat(data["format"]),
            venue=data["venue"],
            capacity=data["capacity"],
            by=request.user,
        )

    if request.method == "POST" and (event := submit(form, schedule)) is not None:
        messages.success(request, "The event has been scheduled")
        return redirect("recruitment:event_detail", pk=event.pk)
    return render_form(
        request, form, heading="Schedule an information event", back_url=reverse("recruitment:event_list")
    )


@login_required
def event_detail(request: StaffRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    change = has_perm(request.user, Perm.CHANGE_ENQUIRY, event.organisation_id)
    return render(
        request,
        "recruitment/event_detail.html",
        {"event": event, "bookings": bookings_of(event), "can": {"book": change, "update": change}},
    )


def _event_action(
    request: StaffRequest,
    pk: int,
    make_form: Callable[[InformationEvent], ServiceForm],
    action: Callable[[InformationEvent, dict[str, Any]], Any],
    heading: str,
    done: str,
) -> HttpResponse:
    event = _event_or_404(request, pk)
    if not has_perm(request.user, Perm.CHANGE_ENQUIRY, event.organisation_id):
        raise PermissionDenied
    form = make_form(event)
    if request.method == "POST" and submit(form, lambda data: action(event, data)) is not None:
        messages.success(request, done)
        return redirect("recruitment:event_detail", pk=event.pk)
    return render_form(
        request,
        form,
        heading=heading,
        back_url=reverse("recruitment:event_detail", args=[event.pk]),
        caption=str(event),
    )


@login_required
def booking_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _event_action(
        request,
        pk,
        lambda ev: BookingForm(
            request.POST or None,
            enquiries=[(e.pk, e.person.full_name) for e in bookable_enquiries(ev)[:500]],
        ),
        lambda ev, data: services.event_book(
            event=ev,
            enquiry=bookable_enquiries(ev).get(pk=data["enquiry"]),
            booked_on=data["booked_on"],
            invited_on=data["invited_on"],
            by=request.user,
        ),
        "Book an enquirer on the event",
        "The place has been booked",
    )


@login_required
def booking_update(request: StaffRequest, pk: int) -> HttpResponse:
    return _event_action(
        request,
        pk,
        lambda ev: BookingUpdateForm(
            request.POST or None, bookings=[(b.pk, b.enquiry.person.full_name) for b in bookings_of(ev)]
        ),
        lambda ev, data: services.booking_update(
            booking=bookings_of(ev).get(pk=data["booking"]),
            reminded_on=data["reminded_on"],
            attendance=Attendance(data["attendance"]),
            by=request.user,
        ),
        "Record a reminder or attendance",
        "The booking has been updated",
    )
