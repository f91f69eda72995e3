"""The agency decision maker's decision on a panel recommendation, and what it does.

A decision agrees with the recommendation or differs from it with reasons. A positive decision takes
effect at once: an approval registers the household with the terms recommended and hands it to the
supervising social worker recorded on the item when it went on the agenda (else the assessing social
worker); new terms start from the decision date; a continued approval is recorded as the outcome. A
decision not to approve, or to terminate approval, is a qualifying determination: the letter is sent, the
applicant or carer has 28 days to make representations to the panel or apply to the Independent Review
Mechanism, and the decision takes effect with the final decision recorded after that.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, require
from fostering.assessments.choices import AssessmentKind
from fostering.assessments.services import assessment_decision_record
from fostering.audit.services import record_event
from fostering.core import clock
from fostering.households import services as households
from fostering.households.choices import CarerType, HouseholdStatus
from fostering.households.life import review_panel_outcome_record
from fostering.households.models import FosteringHousehold
from fostering.kinship import services as kinship
from fostering.kinship.choices import Outcome

from .choices import (
    ALLOWED,
    DECIDED_BY_ADM,
    QUALIFYING,
    REPRESENTATION_DAYS,
    Challenge,
    ItemKind,
    Recommendation,
)
from .models import Decision, PanelItem

CARER_TYPE = {
    AssessmentKind.MAINSTREAM: CarerType.MAINSTREAM,
    AssessmentKind.FAST_TRACK: CarerType.MAINSTREAM,
    AssessmentKind.SUPPORTED_LODGINGS: CarerType.SUPPORTED_LODGINGS,
}


def is_qualifying(item: PanelItem, outcome: str) -> bool:
    """A Regulation 25 extension is not an approval: declining it is not a qualifying determination."""
    return outcome in QUALIFYING and item.kind != ItemKind.REG25_EXTENSION


def representations_by(decision: Decision) -> date | None:
    """The last day of the 28-day window for representations or an IRM application."""
    if decision.letter_sent_on is None:
        return None
    return decision.letter_sent_on + timedelta(days=REPRESENTATION_DAYS)


def next_reference(organisation_id: int) -> str:
    numbers = [
        int(ref[3:])
        for ref in FosteringHousehold.objects.filter(
            organisation_id=organisation_id, reference__startswith="FH-"
        ).values_list("reference", flat=True)
        if ref[3:].isdigit()
    ]
    return f"FH-{max(numbers, default=0) + 1:04d}"


def _terms(item: PanelItem) -> dict[str, object]:
    return {
        "number_of_children": item.number_of_children,
        "age_min": item.age_min,
        "age_max": item.age_max,
        "placement_types": list(item.placement_types),
        "sibling_group_max": item.sibling_group_max or 1,
    }


def _take_effect(item: PanelItem, outcome: Recommendation, on: date, reasons: str, by: User | None) -> None:
    kind = ItemKind(item.kind)
    fh = item.fostering_household or (
        item.household_review.fostering_household if item.household_review else None
    )
    if kind == ItemKind.APPROVAL:
        assessment = item.assessment
        if assessment is None:
            raise ValidationError(
                {"agrees": "This approval has no assessment recorded: it cannot be decided here"}
            )
        approved = outcome == Recommendation.APPROVE
        if approved and assessment.kind in CARER_TYPE:
            item.fostering_household = households.household_register(
                household=assessment.household,
                reference=next_reference(item.organisation_id),
                carer_type=CARER_TYPE[AssessmentKind(assessment.kind)],
                approved_on=on,
                supervising_social_worker=item.supervising_social_worker
                or assessment.assessing_social_worker,
                by=by,
                **_terms(item),  # type: ignore[arg-type]
            )
            item.save(update_fields=["fostering_household"])
        assessment_decision_record(
            assessment=assessment, approved=approved, decided_on=on, reason=reasons, by=by
        )
    elif kind == ItemKind.KINSHIP_APPROVAL:
        connected = item.kinship_assessment
        assert connected is not None
        if outcome == Recommendation.APPROVE:
            kinship.outcome_record(
                assessment=connected,
                outcome=Outcome.APPROVED_CONNECTED_CARER,
                decided_on=on,
                reason=reasons,
                by=by,
            )
            item.fostering_household = households.household_register(
                household=connected.connected_household,
                reference=next_reference(item.organisation_id),
                carer_type=CarerType.KINSHIP,
                approved_on=on,
                supervising_social_worker=item.supervising_social_worker or connected.social_worker,
                named_child_id=connected.child_id,
                by=by,
                **_terms(item),  # type: ignore[arg-type]
            )
            item.save(update_fields=["fostering_household"])
        else:
            kinship.outcome_record(
                assessment=connected, outcome=Outcome.NEGATIVE, decided_on=on, reason=reasons, by=by
            )
    elif kind == ItemKind.REG25_EXTENSION:
        connected = item.kinship_assessment
        assert connected is not None
        views = f"{Recommendation(item.recommendation).label}: {item.reasons}"
        kinship.panel_views_record(assessment=connected, sought_on=item.meeting.meets_on, views=views, by=by)
        if outcome == Recommendation.APPROVE:
            kinship.nominated_officer_approve(assessment=connected, approved_on=on, by=by)
    if item.household_review is not None:
        review_panel_outcome_record(
            review=item.household_review, outcome=f"{outcome.label}: {reasons}"[:200], on=on, by=by
        )
    if kind in (ItemKind.APPROVAL, ItemKind.KINSHIP_APPROVAL, ItemKind.REG25_EXTENSION):
        return
    if fh is not None and outcome == Recommendation.APPROVE:
        households.terms_of_approval_change(fostering_household=fh, effective_from=on, by=by, **_terms(item))  # type: ignore[arg-type]
    elif fh is not None and outcome == Recommendation.TERMINATE:
        households.household_status_change(
            fostering_household=fh,
            to_status=HouseholdStatus.DEREGISTERED,
            changed_on=on,
            reason=f"Approval terminated after panel: {reasons}",
            by=by,
        )


@transaction.atomic
def decision_record(
    *,
    item: PanelItem,
    agrees: bool,
    decided_on: date,
    outcome: Recommendation | str = "",
    reasons: str = "",
    by: User | None,
) -> Decision:
    """The agency decision maker agrees with the recommendation, or differs from it with reasons."""
    require(by, Perm.DECIDE_ON_RECOMMENDATION, item.organisation_id)
    item = PanelItem.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=item.pk)
    if item.recommendation not in DECIDED_BY_ADM or item.recommended_on is None:
        raise ValidationError({"agrees": "There is no recommendation waiting for a decision on this item"})
    if Decision.objects.filter(item=item).exists():
        raise ValidationError({"agrees": "The decision on this recommendation has already been recorded"})
    errors: dict[str, str] = {}
    if decided_on > clock.today():
        errors["decided_on"] = "The date must be today or in the past"
    elif decided_on < item.recommended_on:
        errors["decided_on"] = (
            f"The decision cannot be dated before the panel's recommendation ({item.recommended_on:%-d %B %Y})"
        )
    recommended = Recommendation(item.recommendation)
    if agrees:
        final = recommended
    else:
        allowed = [r for r in ALLOWED[ItemKind(item.kind)] if r in DECIDED_BY_ADM and r != recommended]
        if outcome not in allowed:
            errors["outcome"] = "Choose the decision: " + ", ".join(r.label.lower() for r in allowed)
        elif outcome == Recommendation.APPROVE and item.number_of_children is None:
            errors["outcome"] = "The panel recommended no terms of approval: refer the case back to panel"
        if not reasons.strip():
            errors["reasons"] = "Give the reasons for differing from the panel's recommendation"
        final = Recommendation(outcome) if outcome in Recommendation.values else recommended
    if errors:
        raise ValidationError(errors)
    if by is None:
        raise ValidationError({"agrees": "A decision is made by an agency decision maker"})
    decision = Decision(
        organisation_id=item.organisation_id,
        item=item,
        decided_on=decided_on,
        decision_maker=by,
        agrees=agrees,
        outcome=final,
        reasons=reasons.strip(),
    )
    decision.stamp(by)
    decision.save()
    if not is_qualifying(item, final):
        _take_effect(item, final, decided_on, reasons.strip() or item.reasons, by)
    record_event(
        actor=by,
        verb="adm_decision_recorded",
        obj=item,
        changes={"decision": [None, final.value], "agrees": [None, agrees]},
        note=reasons.strip(),
    )
    return decision


@transaction.atomic
def determination_record(
    *,
    decision: Decision,
    letter_sent_on: date,
    challenge: Challenge | str = "",
    challenge_outcome: str = "",
    challenge_outcome_on: date | None = None,
    final_outcome: Recommendation | str = "",
    final_decided_on: date | None = None,
    final_reasons: str = "",
    by: User | None,
) -> Decision:
    """A qualifying determination: the letter, any representations or IRM application and its outcome,
    and the agency decision maker's final decision, which then takes effect."""
    require(by, Perm.DECIDE_ON_RECOMMENDATION, decision.organisation_id)
    decision = (
        Decision.objects.select_for_update(of=("self",)).select_related("item__meeting").get(pk=decision.pk)
    )
    item = decision.item
    if not is_qualifying(item, decision.outcome):
        raise ValidationError(
            {
                "letter_sent_on": "Only a decision not to approve, or to terminate, is a qualifying determination"
            }
        )
    if decision.final_outcome:
        raise ValidationError({"final_outcome": "The final decision has been recorded"})
    today = clock.today()
    errors: dict[str, str] = {}
    if letter_sent_on > today:
        errors["letter_sent_on"] = "The date must be today or in the past"
    elif letter_sent_on < decision.decided_on:
        errors["letter_sent_on"] = (
            f"The letter cannot be sent before the decision ({decision.decided_on:%-d %B %Y})"
        )
    window_ends = letter_sent_on + timedelta(days=REPRESENTATION_DAYS)
    if challenge in (Challenge.PANEL, Challenge.IRM):
        if challenge_outcome_on is not None and not challenge_outcome:
            errors["challenge_outcome"] = "Choose the outcome of the review"
        if challenge_outcome and challenge_outcome_on is None:
            errors["challenge_outcome_on"] = "Enter the date of the review's recommendation"
        elif challenge_outcome_on is not None and challenge_outcome_on < letter_sent_on:
            errors["challenge_outcome_on"] = "The review cannot be before the letter was sent"
    elif challenge_outcome or challenge_outcome_on:
        errors["challenge_outcome"] = (
            "An outcome is recorded only when representations were made or the IRM applied to"
        )
    if final_outcome:
        allowed = [r for r in ALLOWED[ItemKind(item.kind)] if r in DECIDED_BY_ADM]
        if final_outcome not in allowed:
            errors["final_outcome"] = "Choose the final decision: " + ", ".join(
                r.label.lower() for r in allowed
            )
        elif final_outcome == Recommendation.APPROVE and item.number_of_children is None:
            errors["final_outcome"] = (
                "The panel recommended no terms of approval: refer the case back to panel"
            )
        if final_decided_on is None:
            errors["final_decided_on"] = "Enter the date of the final decision"
        elif final_decided_on > today:
            errors["final_decided_on"] = "The date must be today or in the past"
        elif not challenge:
            errors["challenge"] = "Say whether representations were made or the IRM applied to"
        elif challenge == Challenge.NONE and final_decided_on <= window_ends:
            errors["final_decided_on"] = (
                f"Without representations the final decision comes after the 28 days end ({window_ends:%-d %B %Y})"
            )
        elif challenge != Challenge.NONE and (
            challenge_outcome_on is None or final_decided_on < challenge_outcome_on
        ):
            errors["final_decided_on"] = "The final decision comes after the review's recommendation"
        if not final_reasons.strip():
            errors["final_reasons"] = "Give the reasons for the final decision"
    if errors:
        raise ValidationError(errors)
    decision.letter_sent_on = letter_sent_on
    decision.challenge = challenge
    decision.challenge_outcome = challenge_outcome
    decision.challenge_outcome_on = challenge_outcome_on
    decision.final_outcome = final_outcome
    decision.final_decided_on = final_decided_on if final_outcome else None
    decision.final_reasons = final_reasons.strip()
    decision.stamp(by)
    decision.save()
    if final_outcome and final_decided_on is not None:
        _take_effect(item, Recommendation(final_outcome), final_decided_on, final_reasons.strip(), by)
    record_event(
        actor=by,
        verb="qualifying_determination_recorded",
        obj=item,
        changes={
            "letter_sent_on": [None, letter_sent_on.isoformat()],
            "final_outcome": [None, final_outcome or None],
        },
        note=final_reasons.strip(),
    )
    return decision
