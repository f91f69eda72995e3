"""The read side of recruitment: everything is scoped to the organisations where the user may view enquiries."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with

from .choices import CLOSED_STAGES, OPEN_STAGES, EnquiryStage, ResponseStatus
from .models import Enquiry, EventBooking, InformationEvent, Source


def enquiry_list_for_user(
    *,
    user: User,
    search: str = "",
    stage: str = "",
    response: str = "",
    channel: str = "",
    source: str = "",
) -> QuerySet[Enquiry]:
    """Enquiries of the user's organisations. ``stage`` "open" (or "") is every open stage."""
    enquiries = Enquiry.objects.filter(organisation_id__in=organisations_with(user, Perm.VIEW_ENQUIRY))
    if search:
        enquiries = enquiries.filter(
            Q(person__last_name__icontains=search)
            | Q(person__first_name__icontains=search)
            | Q(email__iexact=search)
            | Q(postcode__iexact=search)
        )
    if stage == "all":
        pass
    elif stage in ("", "open"):
        enquiries = enquiries.filter(stage__in=OPEN_STAGES)
    elif stage == "closed":
        enquiries = enquiries.filter(stage__in=CLOSED_STAGES)
    else:
        enquiries = enquiries.filter(stage=stage)
    if response == ResponseStatus.AWAITING:
        enquiries = enquiries.filter(responded_at__isnull=True).order_by("received_at", "id")
    elif response == ResponseStatus.RESPONDED:
        enquiries = enquiries.filter(responded_at__isnull=False)
    if channel:
        enquiries = enquiries.filter(channel=channel)
    if source.isdigit():
        enquiries = enquiries.filter(source_id=int(source))
    return enquiries.select_related("person", "source", "responded_by", "initial_visit_worker")


def enquiry_get_for_user(*, user: User, pk: int) -> Enquiry:
    """Raises Enquiry.DoesNotExist when the enquiry is out of the user's reach."""
    return enquiry_list_for_user(user=user, stage="all").get(pk=pk)


def awaiting_decision_for_user(*, user: User) -> QuerySet[Enquiry]:
    """Initial visits awaiting the decision to progress: the weekly meeting's list, oldest visit first."""
    return (
        enquiry_list_for_user(user=user, stage=EnquiryStage.INITIAL_VISIT)
        .filter(initial_visit_on__isnull=False, decided_on__isnull=True)
        .order_by("initial_visit_on", "id")
    )


def sources_of(organisation_id: int, *, active_only: bool = True) -> QuerySet[Source]:
    sources = Source.objects.filter(organisation_id=organisation_id)
    return sources.filter(active=True) if active_only else sources


def event_list_for_user(*, user: User) -> QuerySet[InformationEvent]:
    events = InformationEvent.objects.filter(organisation_id__in=organisations_with(user, Perm.VIEW_ENQUIRY))
    return events.annotate(
        booked=Count("bookings"),
        attended=Count("bookings", filter=Q(bookings__attendance="attended")),
    ).order_by("-starts_at", "-id")


def event_get_for_user(*, user: User, pk: int) -> InformationEvent:
    return event_list_for_user(user=user).get(pk=pk)


def bookings_of(event: InformationEvent) -> QuerySet[EventBooking]:
    return event.bookings.select_related("enquiry__person").order_by("enquiry__person__last_name", "id")


def bookable_enquiries(event: InformationEvent) -> QuerySet[Enquiry]:
    return (
        Enquiry.objects.filter(
            organisation_id=event.organisation_id,
            stage__in=[EnquiryStage.RESPONDED, EnquiryStage.EVENT_BOOKED],
        )
        .exclude(bookings__event=event)
        .select_related("person")
        .order_by("person__last_name", "id")
    )


def initial_visit_workers(organisation_id: int) -> QuerySet[User]:
    """Staff of the organisation who may make initial visits."""
    from fostering.accounts.permissions import roles_with

    return (
        User.objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__ended_on__isnull=True,
            memberships__role__in=list(roles_with(Perm.RECORD_INITIAL_VISIT)),
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )
