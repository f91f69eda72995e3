"""The write side of placements: referrals, holds, matches, external searches, placements and stability work.

Every function is keyword-only, takes ``by=`` the acting user, checks the permission, refuses bad input with
a ValidationError keyed by field, saves and writes its audit event in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import created_changes, record_event
from fostering.children.codes import SHORT_BREAK_STATUSES, RiskItem
from fostering.children.models import Child, PeriodOfCare
from fostering.concerns.models import Allegation
from fostering.core import clock
from fostering.core.validators import age_on, normalise_postcode, refuse_future_date, validate_postcode
from fostering.households.choices import CarerType, HouseholdStatus, PlacementType
from fostering.households.models import FosteringHousehold, TermsOfApproval

from .choices import (
    REFERRAL_TRANSITIONS,
    DpstOutcome,
    ExternalOutcome,
    ExternalProviderKind,
    HoldKind,
    MeetingOutcome,
    PetsAnswer,
    ReferralStatus,
)
from .codes import ReasonPlaceChange, StartKind
from .models import (
    DpstReferral,
    ExternalSearch,
    MatchDecision,
    Placement,
    Referral,
    StabilityMeeting,
    VacancyHold,
)
from .rules import (
    NOT_A_PLACE,
    IncomingChild,
    PlacedChild,
    Terms,
    external_codes,
    in_house_codes,
    terms_refusals,
)
from .selectors import placement_to_move_from

PLACEMENT_FIELDS = [
    "child",
    "started_on",
    "start_kind",
    "placement_type",
    "place",
    "provider",
    "fostering_household",
    "provider_name",
    "weekly_cost",
    "postcode",
    "planned_end_on",
    "step_down",
]


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def terms_on(fostering_household: FosteringHousehold, on: date) -> Terms | None:
    row = (
        TermsOfApproval.objects.filter(fostering_household=fostering_household, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .first()
    )
    if row is None:
        return None
    return Terms(
        row.number_of_children,
        row.age_min,
        row.age_max,
        tuple(row.placement_types),
        row.sibling_group_max,
        row.named_child_id,
    )


def open_on(placements: Any, on: date) -> Any:
    """Placements in which the child lives on ``on`` (started, and not yet left)."""
    return placements.filter(started_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))


def _active_holds(fostering_household: FosteringHousehold, on: date) -> list[VacancyHold]:
    return [
        hold
        for hold in fostering_household.vacancy_holds.filter(held_from__lte=on, held_until__gte=on)
        if hold.active_on(on)
    ]


def household_refusals(
    fostering_household: FosteringHousehold,
    *,
    children: Sequence[Child],
    placement_type: str,
    on: date,
    referral: Referral | None = None,
) -> dict[str, str]:
    """Why the household cannot take these children on that date: status, allegation, break, terms."""
    name = fostering_household.household.name
    if fostering_household.status not in (HouseholdStatus.AVAILABLE, HouseholdStatus.FULL):
        return {
            "fostering_household": f"{name} is {fostering_household.get_status_display().lower()}: "
            "it cannot take a placement"
        }
    allegation = (
        Allegation.objects.filter(fostering_household=fostering_household, received_on__lte=on)
        .filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=on))
        .first()
    )
    if allegation is not None:
        return {
            "fostering_household": f"{name} has an open allegation (received {_long(allegation.received_on)}): "
            "no new placement until it is concluded"
        }
    holds = _active_holds(fostering_household, on)
    ids = {c.pk for c in children}
    for hold in holds:
        if hold.kind == HoldKind.BREAK:
            return {"fostering_household": f"The carers are on a break until {_long(hold.held_until)}"}
    held_for_others = sum(
        1
        for hold in holds
        if hold.child_id not in ids and (referral is None or hold.referral_id != referral.pk)
    )
    living_there = (
        open_on(Placement.objects.filter(fostering_household=fostering_household), on)
        .exclude(placement_type__in=NOT_A_PLACE)
        .exclude(child_id__in=ids)
        .values_list("child_id", "child__sibling_group_id")
    )
    return terms_refusals(
        terms_on(fostering_household, on),
        children=[IncomingChild(c.pk, c.person.date_of_birth, c.sibling_group_id) for c in children],
        placement_type=placement_type,
        on=on,
        placed=[PlacedChild(child_id, group) for child_id, group in living_there],
        held=held_for_others,
    )


def _refuse_overlap(child: Child, started_on: date, ignore: Placement | None = None) -> None:
    others = child.placements.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=started_on))
    if ignore is not None:
        others = others.exclude(pk=ignore.pk)
    clash = others.order_by("started_on").first()
    if clash is not None:
        where = clash.fostering_household.household.name if clash.fostering_household else clash.provider_name
        raise ValidationError(
            {
                "started_on": f"{child.person} already has a placement from {_long(clash.started_on)}"
                + (f" with {where}" if where else "")
                + (f" until {_long(clash.ended_on)}" if clash.ended_on else "")
                + ": end it first, or record a move"
            }
        )


@transaction.atomic
def placement_start(
    *,
    child: Child,
    started_on: date,
    placement_type: str,
    start_kind: str = StartKind.PLANNED,
    fostering_household: FosteringHousehold | None = None,
    provider_kind: str = "",
    provider_name: str = "",
    provider_urn: str = "",
    weekly_cost: Decimal | None = None,
    postcode: str = "",
    planned_end_on: date | None = None,
    step_down: bool = False,
    referral: Referral | None = None,
    by: User | None,
) -> Placement:
    """The child moves in: with one of our households (within its terms of approval) or an outside provider."""
    require(by, Perm.PLACE_CHILD, child.organisation_id)
    locked = Child.objects.select_for_update().select_related("person").get(pk=child.pk)
    refuse_future_date(started_on, "started_on")
    if placement_type not in PlacementType.values:
        raise ValidationError({"placement_type": "Choose the placement type"})
    if start_kind not in StartKind.values:
        raise ValidationError({"start_kind": "Choose planned or emergency"})
    if planned_end_on is not None and planned_end_on <= started_on:
        raise ValidationError({"planned_end_on": "The planned end must be after the start"})
    period = (
        locked.periods_of_care.filter(started_on__lte=started_on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=started_on))
        .first()
    )
    if placement_type == PlacementType.STAYING_PUT:
        dob = locked.person.date_of_birth
        if dob is None or age_on(dob, started_on) < 18:
            raise ValidationError({"placement_type": "Staying Put is for young people aged 18 or over"})
        if period is not None:
            raise ValidationError({"placement_type": "Staying Put begins when care ends (reason E17)"})
    elif period is None:
        raise ValidationError({"started_on": f"{locked.person} is not in care on {_long(started_on)}"})
    elif placement_type == PlacementType.SHORT_BREAKS:
        status = (
            locked.legal_statuses.filter(started_on__lte=started_on)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=started_on))
            .first()
        )
        if status is None or status.code not in SHORT_BREAK_STATUSES:
            raise ValidationError(
                {"placement_type": "Short breaks are for children looked after under V3 or V4 (short breaks)"}
            )
    _refuse_overlap(locked, started_on)
    if (fostering_household is None) == (not provider_kind):
        raise ValidationError({"fostering_household": "Choose one of our households or an outside provider"})
    if fostering_household is not None:
        if fostering_household.organisation_id != child.organisation_id:
            raise ValidationError({"fostering_household": "Choose one of the council's own households"})
        errors = household_refusals(
            fostering_household,
            children=[locked],
            placement_type=placement_type,
            on=started_on,
            referral=referral,
        )
        if errors:
            raise ValidationError(errors)
        place, provider = in_house_codes(fostering_household.carer_type, placement_type)
        postcode = fostering_household.household.postcode
        provider_name = ""
    else:
        if provider_kind not in ExternalProviderKind.values:
            raise ValidationError({"provider_kind": "Choose the kind of provider"})
        if provider_kind != ExternalProviderKind.PARENTS and not provider_name.strip():
            raise ValidationError({"provider_name": "Enter the provider's name"})
        if weekly_cost is not None and weekly_cost < 0:
            raise ValidationError({"weekly_cost": "The weekly cost cannot be negative"})
        place, provider = external_codes(provider_kind, placement_type)
    if postcode:
        try:
            validate_postcode(postcode)
        except ValidationError as error:
            raise ValidationError({"postcode": error.messages}) from error
        postcode = normalise_postcode(postcode)
    placement = Placement(
        organisation_id=child.organisation_id,
        child=locked,
        period_of_care=period,
        started_on=started_on,
        planned_end_on=planned_end_on,
        start_kind=start_kind,
        placement_type=placement_type,
        place=place,
        provider=provider,
        fostering_household=fostering_household,
        provider_name=provider_name.strip(),
        provider_urn=provider_urn.strip(),
        weekly_cost=weekly_cost,
        postcode=postcode,
        step_down=step_down,
    )
    placement.stamp(by)
    placement.full_clean()
    placement.save()
    if referral is not None:
        _referral_move(referral, ReferralStatus.PLACED, started_on, "", by)
        referral.placement = placement
        referral.save(update_fields=["placement"])
        referral.holds.filter(released_on__isnull=True).update(released_on=started_on)
    VacancyHold.objects.filter(child=locked, released_on__isnull=True, kind=HoldKind.CHILD).update(
        released_on=started_on
    )
    record_event(
        actor=by, verb="placement_started", obj=child, changes=created_changes(placement, PLACEMENT_FIELDS)
    )
    return placement


def _end(placement: Placement, ended_on: date, reason: str, by: User | None) -> None:
    placement.ended_on = ended_on
    placement.reason_place_change = reason
    placement.ended_recorded_on = clock.today()
    placement.stamp(by)
    placement.full_clean()
    placement.save()


def _check_end(placement: Placement, ended_on: date, field: str) -> None:
    refuse_future_date(ended_on, field)
    if placement.ended_on is not None:
        raise ValidationError({field: f"The placement already ended on {_long(placement.ended_on)}"})
    if ended_on < placement.started_on:
        raise ValidationError({field: f"The end cannot be before the start ({_long(placement.started_on)})"})


@transaction.atomic
def placement_end(
    *, placement: Placement, ended_on: date, reason_place_change: str = "", by: User | None
) -> Placement:
    """The child left the placement on ``ended_on``. While the child stays in care, say why it ended."""
    require(by, Perm.PLACE_CHILD, placement.organisation_id)
    Child.objects.select_for_update().get(pk=placement.child_id)
    placement.refresh_from_db()
    _check_end(placement, ended_on, "ended_on")
    if reason_place_change and reason_place_change not in ReasonPlaceChange.values:
        raise ValidationError({"reason_place_change": "Choose why the placement ended"})
    if placement.period_of_care_id is not None and not reason_place_change:
        raise ValidationError({"reason_place_change": "Choose why the placement ended"})
    _end(placement, ended_on, reason_place_change, by)
    record_event(
        actor=by,
        verb="placement_ended",
        obj=placement.child,
        changes={
            "ended_on": [None, ended_on.isoformat()],
            "reason_place_change": [None, reason_place_change],
        },
    )
    return placement


@transaction.atomic
def placement_move(
    *, placement: Placement, moved_on: date, reason_place_change: str, by: User | None, **next_placement: Any
) -> Placement:
    """The child moves from one placement to the next on the same day: one ends, the next starts."""
    require(by, Perm.PLACE_CHILD, placement.organisation_id)
    Child.objects.select_for_update().get(pk=placement.child_id)
    placement.refresh_from_db()
    _check_end(placement, moved_on, "started_on")
    if reason_place_change not in ReasonPlaceChange.values:
        raise ValidationError({"reason_place_change": "Choose why the child is moving"})
    previous_place = placement.place
    _end(placement, moved_on, reason_place_change, by)
    record_event(
        actor=by,
        verb="placement_ended",
        obj=placement.child,
        changes={
            "ended_on": [None, moved_on.isoformat()],
            "reason_place_change": [None, reason_place_change],
        },
    )
    if "step_down" not in next_placement:
        next_placement["step_down"] = previous_place in {"K2", "R1"} and bool(
            next_placement.get("fostering_household")
        )
    return placement_start(child=placement.child, started_on=moved_on, by=by, **next_placement)


def placement_close_for_care_end(
    *, child: Child, period: PeriodOfCare, ended_on: date, staying_put: bool, by: User | None
) -> Placement | None:
    """Called as care ends: the current placement ends that day; with Staying Put the young person stays on
    with the same carers in a staying_put arrangement (no period of care). Returns the new arrangement."""
    current = open_on(Placement.objects.filter(child=child, period_of_care=period), ended_on).first()
    if current is None:
        current = Placement.objects.filter(child=child, period_of_care=period, ended_on__isnull=True).first()
    if current is not None and current.started_on > ended_on:
        raise ValidationError({"ended_on": "Care cannot end before the current placement started"})
    if staying_put and (current is None or current.fostering_household_id is None):
        raise ValidationError(
            {"reason_ended": "Staying Put needs a current placement with our foster carers"}
        )
    if current is not None and current.ended_on is None:
        _end(current, ended_on, "", by)
    if not staying_put or current is None:
        return None
    arrangement = Placement(
        organisation_id=child.organisation_id,
        child=child,
        period_of_care=None,
        started_on=ended_on,
        placement_type=PlacementType.STAYING_PUT,
        fostering_household=current.fostering_household,
        postcode=current.postcode,
    )
    arrangement.stamp(by)
    arrangement.save()
    record_event(
        actor=by,
        verb="staying_put_started",
        obj=child,
        changes=created_changes(arrangement, PLACEMENT_FIELDS),
    )
    return arrangement


# ---------------------------------------------------------------------------------------------------------
# Referrals

REFERRAL_FIELDS = [
    "child",
    "referred_on",
    "start_kind",
    "latest_start_on",
    "placement_type",
    "preferred_postcode_sector",
    "keep_same_school",
    "communication_needs",
    "cultural_needs",
    "lives_alongside",
    "pets",
    "risks",
    "additional_support",
]


@transaction.atomic
def referral_create(
    *,
    child: Child,
    referred_on: date,
    latest_start_on: date,
    placement_type: str,
    start_kind: str = StartKind.PLANNED,
    siblings: Sequence[Child] = (),
    preferred_postcode_sector: str = "",
    keep_same_school: bool = True,
    communication_needs: str = "",
    cultural_needs: str = "",
    lives_alongside: str = "",
    pets: str = PetsAnswer.NOT_KNOWN,
    risks: Sequence[str] = (),
    additional_support: str = "",
    by: User | None,
) -> Referral:
    """A child's social worker asks the duty team for a placement."""
    require(by, Perm.MAKE_REFERRAL, child.organisation_id)
    refuse_future_date(referred_on, "referred_on")
    errors: dict[str, str] = {}
    if latest_start_on < referred_on:
        errors["latest_start_on"] = "The latest start date must be on or after the referral date"
    if placement_type not in PlacementType.values or placement_type == PlacementType.STAYING_PUT:
        errors["placement_type"] = "Choose the kind of placement needed"
    if start_kind not in StartKind.values:
        errors["start_kind"] = "Choose planned or emergency"
    if any(code not in RiskItem.values for code in risks):
        errors["risks"] = "Choose risks from the list"
    if any(s.organisation_id != child.organisation_id or s.pk == child.pk for s in siblings):
        errors["siblings"] = "Siblings must be other children of the same council"
    if Referral.objects.filter(
        child=child, status__in=[ReferralStatus.OPEN, ReferralStatus.MATCHED]
    ).exists():
        errors["child"] = f"{child.person} already has an open referral"
    if errors:
        raise ValidationError(errors)
    referral = Referral(
        organisation_id=child.organisation_id,
        child=child,
        referred_on=referred_on,
        referred_by=by,
        start_kind=start_kind,
        latest_start_on=latest_start_on,
        placement_type=placement_type,
        preferred_postcode_sector=preferred_postcode_sector.strip().upper(),
        keep_same_school=keep_same_school,
        communication_needs=communication_needs,
        cultural_needs=cultural_needs,
        lives_alongside=lives_alongside,
        pets=pets,
        risks=sorted(risks),
        additional_support=additional_support,
        status_changed_on=referred_on,
    )
    referral.stamp(by)
    referral.full_clean()
    referral.save()
    referral.siblings.set(siblings)
    changes = created_changes(referral, REFERRAL_FIELDS) | {"siblings": [None, [str(s) for s in siblings]]}
    record_event(actor=by, verb="referral_made", obj=referral, changes=changes)
    return referral


def _referral_move(referral: Referral, to_status: str, on: date, reason: str, by: User | None) -> None:
    current = ReferralStatus(referral.status)
    target = ReferralStatus(to_status)
    if target not in REFERRAL_TRANSITIONS[current]:
        raise ValidationError(
            {"to_status": f"A referral that is {current.label.lower()} cannot become {target.label.lower()}"}
        )
    referral.status = target
    referral.status_changed_on = on
    referral.status_reason = reason
    referral.stamp(by)
    referral.save(
        update_fields=["status", "status_changed_on", "status_reason", "modified_at", "modified_by"]
    )
    record_event(
        actor=by, verb="referral_status_changed", obj=referral, changes={"status": [current, target]}
    )


@transaction.atomic
def referral_status_change(
    *, referral: Referral, to_status: str, changed_on: date, reason: str = "", by: User | None
) -> Referral:
    """Withdraw a referral, send it to an external search, or reopen it when a match falls through."""
    require(by, Perm.MATCH_PLACEMENT, referral.organisation_id)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    refuse_future_date(changed_on, "changed_on")
    if to_status == ReferralStatus.PLACED:
        raise ValidationError({"to_status": "A referral is placed by starting the placement"})
    if to_status == ReferralStatus.MATCHED:
        raise ValidationError({"to_status": "A referral is matched by recording the match"})
    if to_status in (ReferralStatus.WITHDRAWN, ReferralStatus.OPEN) and not reason.strip():
        raise ValidationError({"reason": "Give the reason"})
    _referral_move(referral, to_status, changed_on, reason, by)
    if to_status in (ReferralStatus.WITHDRAWN, ReferralStatus.OPEN):
        referral.matches.filter(withdrawn_on__isnull=True).update(withdrawn_on=changed_on)
        referral.holds.filter(released_on__isnull=True).update(released_on=changed_on)
    return referral


@transaction.atomic
def match_record(
    *,
    referral: Referral,
    fostering_household: FosteringHousehold,
    decided_on: date,
    information_shared: str,
    information_shared_on: date,
    met_child_before: bool = False,
    by: User | None,
) -> MatchDecision:
    """The duty team chooses a household that fits, and records what the carers were told and when."""
    from .matching_data import rank_for_referral

    require(by, Perm.MATCH_PLACEMENT, referral.organisation_id)
    referral = Referral.objects.select_for_update().select_related("child__person").get(pk=referral.pk)
    refuse_future_date(decided_on, "decided_on")
    refuse_future_date(information_shared_on, "information_shared_on")
    if not information_shared.strip():
        raise ValidationError({"information_shared": "Say what information was shared with the carers"})
    if fostering_household.organisation_id != referral.organisation_id:
        raise ValidationError({"fostering_household": "Choose one of the council's own households"})
    ranking = rank_for_referral(referral, on=decided_on)
    chosen = next((c for c in ranking.candidates if c.household_id == fostering_household.pk), None)
    if chosen is None:
        why = ranking.excluded.get(fostering_household.pk, "it does not fit the referral")
        raise ValidationError(
            {"fostering_household": f"{fostering_household.household.name} cannot be matched: {why}"}
        )
    decision = MatchDecision(
        organisation_id=referral.organisation_id,
        referral=referral,
        fostering_household=fostering_household,
        decided_on=decided_on,
        reasons="\n".join(chosen.reasons),
        information_shared=information_shared,
        information_shared_on=information_shared_on,
        met_child_before=met_child_before,
    )
    decision.stamp(by)
    decision.full_clean()
    decision.save()
    _referral_move(referral, ReferralStatus.MATCHED, decided_on, "", by)
    record_event(
        actor=by,
        verb="match_recorded",
        obj=referral,
        changes=created_changes(
            decision,
            ["fostering_household", "information_shared", "information_shared_on", "met_child_before"],
        ),
    )
    return decision


@transaction.atomic
def referral_place(
    *,
    referral: Referral,
    started_on: date,
    planned_end_on: date | None = None,
    reason_place_change: str = "",
    by: User | None,
) -> Placement:
    """Start the placement the referral was matched to. A child who is already placed moves in one step:
    the current placement ends that day with ``reason_place_change`` and the matched one starts (the same
    move as ``placement_move``); if the new placement is refused, the current one is not ended."""
    require(by, Perm.PLACE_CHILD, referral.organisation_id)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    match = (
        referral.matches.filter(withdrawn_on__isnull=True)
        .select_related("fostering_household__household")
        .first()
    )
    if referral.status != ReferralStatus.MATCHED or match is None:
        raise ValidationError({"started_on": "Record the match before placing the child"})
    new_placement: dict[str, Any] = {
        "placement_type": referral.placement_type,
        "start_kind": referral.start_kind,
        "fostering_household": match.fostering_household,
        "planned_end_on": planned_end_on,
        "referral": referral,
    }
    current = placement_to_move_from(referral.child)
    if current is None:
        return placement_start(child=referral.child, started_on=started_on, by=by, **new_placement)
    if not reason_place_change:
        raise ValidationError({"reason_place_change": "Choose why the child is moving"})
    return placement_move(
        placement=current,
        moved_on=started_on,
        reason_place_change=reason_place_change,
        by=by,
        **new_placement,
    )


@transaction.atomic
def external_search_record(
    *,
    referral: Referral,
    searched_on: date,
    provider_kind: str,
    provider_name: str,
    weekly_cost: Decimal,
    provider_urn: str = "",
    postcode: str = "",
    outcome: str = ExternalOutcome.SEARCHING,
    started_on: date | None = None,
    by: User | None,
) -> ExternalSearch:
    """When none of our households fits: the provider found outside and its weekly cost. An agreed search
    starts the external placement on ``started_on``."""
    require(by, Perm.MATCH_PLACEMENT, referral.organisation_id)
    referral = Referral.objects.select_for_update().select_related("child").get(pk=referral.pk)
    refuse_future_date(searched_on, "searched_on")
    if referral.status in (ReferralStatus.PLACED, ReferralStatus.WITHDRAWN):
        raise ValidationError({"provider_name": f"The referral is {referral.get_status_display().lower()}"})
    if weekly_cost < 0:
        raise ValidationError({"weekly_cost": "The weekly cost cannot be negative"})
    if outcome not in ExternalOutcome.values:
        raise ValidationError({"outcome": "Choose the outcome"})
    if outcome == ExternalOutcome.AGREED and started_on is None:
        raise ValidationError({"started_on": "Enter the date the placement starts"})
    search = ExternalSearch(
        organisation_id=referral.organisation_id,
        referral=referral,
        searched_on=searched_on,
        provider_kind=provider_kind,
        provider_name=provider_name.strip(),
        provider_urn=provider_urn.strip(),
        postcode=normalise_postcode(postcode) if postcode else "",
        weekly_cost=weekly_cost,
        outcome=outcome,
    )
    search.stamp(by)
    search.full_clean()
    search.save()
    if referral.status == ReferralStatus.OPEN:
        _referral_move(
            referral, ReferralStatus.EXTERNAL_SEARCH, searched_on, "No in-house household fits", by
        )
    record_event(
        actor=by,
        verb="external_search_recorded",
        obj=referral,
        changes=created_changes(search, ["provider_kind", "provider_name", "weekly_cost", "outcome"]),
    )
    if outcome == ExternalOutcome.AGREED and started_on is not None:
        search.placement = placement_start(
            child=referral.child,
            started_on=started_on,
            placement_type=referral.placement_type,
            start_kind=referral.start_kind,
            provider_kind=provider_kind,
            provider_name=provider_name,
            provider_urn=provider_urn,
            weekly_cost=weekly_cost,
            postcode=postcode,
            referral=referral,
            by=by,
        )
        search.save(update_fields=["placement"])
    return search


# ---------------------------------------------------------------------------------------------------------
# Holds on the vacancy register


@transaction.atomic
def hold_add(
    *,
    fostering_household: FosteringHousehold,
    kind: str,
    held_from: date,
    held_until: date,
    reason: str,
    child: Child | None = None,
    referral: Referral | None = None,
    by: User | None,
) -> VacancyHold:
    """Keep a place for a named child or a referral, or take the household off the register for a break."""
    require(by, Perm.MANAGE_HOLDS, fostering_household.organisation_id)
    errors: dict[str, str] = {}
    if kind not in HoldKind.values:
        errors["kind"] = "Choose what the hold is for"
    if held_until < held_from:
        errors["held_until"] = "The hold must end on or after it starts"
    if not reason.strip():
        errors["reason"] = "Give the reason"
    if kind == HoldKind.CHILD and child is None:
        errors["child"] = "Choose the child the place is kept for"
    if kind == HoldKind.REFERRAL and referral is None:
        errors["referral"] = "Choose the referral the place is kept for"
    for other in (child, referral):
        if other is not None and other.organisation_id != fostering_household.organisation_id:
            errors["child"] = "Choose a child of the same council"
    if fostering_household.carer_type == CarerType.KINSHIP and kind != HoldKind.BREAK:
        errors["kind"] = "A kinship household's place is for its named child"
    if errors:
        raise ValidationError(errors)
    hold = VacancyHold(
        organisation_id=fostering_household.organisation_id,
        fostering_household=fostering_household,
        kind=kind,
        child=child,
        referral=referral,
        held_from=held_from,
        held_until=held_until,
        reason=reason,
    )
    hold.stamp(by)
    hold.full_clean()
    hold.save()
    record_event(
        actor=by,
        verb="vacancy_hold_added",
        obj=fostering_household,
        changes=created_changes(hold, ["kind", "child", "referral", "held_from", "held_until", "reason"]),
    )
    return hold


@transaction.atomic
def hold_release(*, hold: VacancyHold, released_on: date, by: User | None) -> VacancyHold:
    require(by, Perm.MANAGE_HOLDS, hold.organisation_id)
    if hold.released_on is not None:
        raise ValidationError({"released_on": f"The hold was released on {_long(hold.released_on)}"})
    if released_on < hold.held_from:
        raise ValidationError({"released_on": f"The hold starts on {_long(hold.held_from)}"})
    hold.released_on = released_on
    hold.stamp(by)
    hold.save(update_fields=["released_on", "modified_at", "modified_by"])
    record_event(
        actor=by,
        verb="vacancy_hold_released",
        obj=hold.fostering_household,
        changes={"released_on": [None, released_on.isoformat()]},
    )
    return hold


# ---------------------------------------------------------------------------------------------------------
# Stability


@transaction.atomic
def stability_meeting_record(
    *, placement: Placement, held_on: date, attendees: str, outcome: str, notes: str = "", by: User | None
) -> StabilityMeeting:
    require(by, Perm.RECORD_STABILITY, placement.organisation_id)
    refuse_future_date(held_on, "held_on")
    if held_on < placement.started_on or (placement.ended_on is not None and held_on > placement.ended_on):
        raise ValidationError({"held_on": "The meeting must be held while the placement lasts"})
    if not attendees.strip():
        raise ValidationError({"attendees": "Say who attended"})
    if outcome not in MeetingOutcome.values:
        raise ValidationError({"outcome": "Choose the outcome"})
    meeting = StabilityMeeting(
        organisation_id=placement.organisation_id,
        placement=placement,
        held_on=held_on,
        attendees=attendees,
        outcome=outcome,
        notes=notes,
    )
    meeting.stamp(by)
    meeting.full_clean()
    meeting.save()
    record_event(
        actor=by,
        verb="stability_meeting_recorded",
        obj=placement.child,
        changes=created_changes(meeting, ["held_on", "attendees", "outcome"]),
    )
    return meeting


@transaction.atomic
def dpst_referral_record(
    *, placement: Placement, referred_on: date, reason: str, by: User | None
) -> DpstReferral:
    require(by, Perm.RECORD_STABILITY, placement.organisation_id)
    refuse_future_date(referred_on, "referred_on")
    if referred_on < placement.started_on:
        raise ValidationError({"referred_on": "The referral cannot be before the placement started"})
    if not reason.strip():
        raise ValidationError({"reason": "Say why support is needed"})
    if placement.dpst_referrals.filter(outcome=DpstOutcome.OPEN).exists():
        raise ValidationError({"referred_on": "The team is already supporting this placement"})
    dpst = DpstReferral(
        organisation_id=placement.organisation_id, placement=placement, referred_on=referred_on, reason=reason
    )
    dpst.stamp(by)
    dpst.full_clean()
    dpst.save()
    record_event(
        actor=by,
        verb="dpst_referral_made",
        obj=placement.child,
        changes=created_changes(dpst, ["referred_on", "reason"]),
    )
    return dpst


@transaction.atomic
def dpst_outcome_record(
    *, dpst: DpstReferral, outcome: str, outcome_on: date, by: User | None
) -> DpstReferral:
    require(by, Perm.RECORD_STABILITY, dpst.organisation_id)
    refuse_future_date(outcome_on, "outcome_on")
    if outcome not in DpstOutcome.values or outcome == DpstOutcome.OPEN:
        raise ValidationError({"outcome": "Choose the outcome"})
    if outcome_on < dpst.referred_on:
        raise ValidationError({"outcome_on": "The outcome cannot be before the referral"})
    dpst.outcome = outcome
    dpst.outcome_on = outcome_on
    dpst.stamp(by)
    dpst.save(update_fields=["outcome", "outcome_on", "modified_at", "modified_by"])
    record_event(
        actor=by,
        verb="dpst_outcome_recorded",
        obj=dpst.placement.child,
        changes={"outcome": ["open", outcome]},
    )
    return dpst
