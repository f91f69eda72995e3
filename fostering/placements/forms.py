from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from fostering.children.codes import RiskItem
from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm
from fostering.households.choices import PlacementType

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

DATE_HINT = "For example, 6 1 2026"
NEEDED_TYPES = [(v, label) for v, label in PlacementType.choices if v != PlacementType.STAYING_PUT]


def _date(label: str, required: bool = True, hint: str = DATE_HINT) -> DateInputField:
    return DateInputField(label=label, help_text=hint, required=required)


def _text(label: str, rows: int = 3, required: bool = False, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class ChildrenField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.person.full_name} ({obj.child_id})"


class HouseholdField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.household.name} ({obj.reference})"


class ReferralForm(ServiceForm):
    submit_label = "Make the referral"
    referred_on = _date("Date of the referral")
    start_kind = forms.ChoiceField(
        choices=StartKind.choices,
        widget=forms.RadioSelect,
        label="Planned or emergency",
        initial=StartKind.PLANNED,
    )
    latest_start_on = _date(
        "Latest start date", hint="The latest day the child can move. For example, 6 1 2026"
    )
    placement_type = forms.ChoiceField(
        choices=[("", "Choose the kind of placement"), *NEEDED_TYPES],
        label="Kind of placement needed",
        error_messages={"required": "Choose the kind of placement needed"},
    )
    siblings = ChildrenField(
        queryset=None,  # type: ignore[arg-type]
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Brothers and sisters to be placed together (optional)",
    )
    preferred_postcode_sector = forms.CharField(
        label="Preferred location: postcode sector (optional)",
        max_length=8,
        required=False,
        help_text="For example, LE3 8",
    )
    keep_same_school = forms.BooleanField(label="Keep the same school", required=False, initial=True)
    communication_needs = _text("Communication needs (optional)")
    cultural_needs = _text("Cultural, religious and language needs (optional)")
    lives_alongside = _text(
        "Who the child can live alongside (optional)", help_text="Ages and sexes of other children"
    )
    pets = forms.ChoiceField(
        choices=PetsAnswer.choices, widget=forms.RadioSelect, label="Pets", initial=PetsAnswer.NOT_KNOWN
    )
    risks = forms.MultipleChoiceField(
        choices=RiskItem.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Risks present",
        help_text="Leave a risk unticked when there is no known risk",
    )
    additional_support = _text("Additional support needed (optional)")

    def __init__(self, *args: Any, siblings: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["siblings"].queryset = siblings  # type: ignore[attr-defined]
        if not siblings.exists():
            del self.fields["siblings"]


class ReferralStatusForm(ServiceForm):
    submit_label = "Change the status"
    to_status = forms.ChoiceField(
        widget=forms.RadioSelect, label="New status", error_messages={"required": "Choose the new status"}
    )
    changed_on = _date("From")
    reason = _text("Reason", help_text="Needed to withdraw or reopen a referral")

    def __init__(self, *args: Any, current: ReferralStatus, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manual = REFERRAL_TRANSITIONS[current] - {ReferralStatus.PLACED, ReferralStatus.MATCHED}
        self.fields["to_status"].choices = [(s.value, s.label) for s in ReferralStatus if s in manual]  # type: ignore[attr-defined]


class MatchForm(ServiceForm):
    submit_label = "Record the match"
    fostering_household = forms.ChoiceField(
        widget=forms.RadioSelect, label="Household", error_messages={"required": "Choose the household"}
    )
    decided_on = _date("Date of the decision")
    information_shared = _text(
        "Information shared with the carers",
        rows=5,
        required=True,
        error_messages={"required": "Say what information was shared with the carers"},
        help_text="For example, the placement referral, the care plan, health needs, risks",
    )
    information_shared_on = _date("Date the information was shared")
    met_child_before = forms.BooleanField(label="The carers met the child before the move", required=False)

    def __init__(self, *args: Any, candidates: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fostering_household"].choices = candidates  # type: ignore[attr-defined]


class PlaceForm(ServiceForm):
    submit_label = "Place the child"
    started_on = _date("Date the child moves in")
    planned_end_on = _date("Planned end (optional)", required=False)
    reason_place_change = forms.ChoiceField(
        choices=[("", "Choose the reason"), *ReasonPlaceChange.choices],
        label="Why the child is moving (903 REASON_PLACE_CHANGE)",
        help_text="The current placement ends on the day the child moves in, with this reason",
        error_messages={"required": "Choose why the child is moving"},
    )

    def __init__(self, *args: Any, moving: bool, **kwargs: Any) -> None:
        """``moving``: the child has a current placement, which ends as the matched one starts."""
        if moving:
            self.submit_label = "Move the child"
        super().__init__(*args, **kwargs)
        if not moving:
            del self.fields["reason_place_change"]


class PlacementStartForm(ServiceForm):
    submit_label = "Record the placement"
    started_on = _date("Date the child moved in")
    start_kind = forms.ChoiceField(
        choices=StartKind.choices,
        widget=forms.RadioSelect,
        label="Planned or emergency",
        initial=StartKind.PLANNED,
    )
    placement_type = forms.ChoiceField(
        choices=[("", "Choose the placement type"), *PlacementType.choices],
        label="Placement type",
        error_messages={"required": "Choose the placement type"},
    )
    fostering_household = HouseholdField(
        queryset=None,  # type: ignore[arg-type]
        required=False,
        label="One of our households",
        empty_label="Not one of our households",
    )
    provider_kind = forms.ChoiceField(
        choices=[("", "Not an outside provider"), *ExternalProviderKind.choices],
        required=False,
        label="Or an outside provider",
    )
    provider_name = forms.CharField(
        label="Provider's name (outside providers)", max_length=200, required=False
    )
    provider_urn = forms.CharField(label="Ofsted URN (optional)", max_length=8, required=False)
    weekly_cost = forms.DecimalField(
        label="Weekly cost in pounds (outside providers)",
        min_value=0,
        max_digits=9,
        decimal_places=2,
        required=False,
    )
    postcode = forms.CharField(label="Placement postcode (outside providers)", max_length=8, required=False)
    planned_end_on = _date("Planned end (optional)", required=False)
    step_down = forms.BooleanField(label="A step-down from residential care", required=False)

    def __init__(self, *args: Any, households: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fostering_household"].queryset = households  # type: ignore[attr-defined]


class PlacementMoveForm(PlacementStartForm):
    submit_label = "Record the move"
    reason_place_change = forms.ChoiceField(
        choices=[("", "Choose the reason"), *ReasonPlaceChange.choices],
        label="Why the child is moving (903 REASON_PLACE_CHANGE)",
        error_messages={"required": "Choose why the child is moving"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["started_on"].label = "Date of the move"
        del self.fields["step_down"]


class PlacementEndForm(ServiceForm):
    submit_label = "Record the end"
    ended_on = _date("Date the child left")
    reason_place_change = forms.ChoiceField(
        choices=[("", "Choose the reason"), *ReasonPlaceChange.choices],
        required=False,
        label="Why the placement ended (903 REASON_PLACE_CHANGE)",
        help_text="Needed while the child stays in care",
    )


class ExternalSearchForm(ServiceForm):
    submit_label = "Record the search"
    searched_on = _date("Date of the search")
    provider_kind = forms.ChoiceField(
        choices=ExternalProviderKind.choices,
        widget=forms.RadioSelect,
        label="Kind of provider",
        error_messages={"required": "Choose the kind of provider"},
    )
    provider_name = forms.CharField(
        label="Provider's name", max_length=200, error_messages={"required": "Enter the provider's name"}
    )
    provider_urn = forms.CharField(label="Ofsted URN (optional)", max_length=8, required=False)
    postcode = forms.CharField(label="Placement postcode (optional)", max_length=8, required=False)
    weekly_cost = forms.DecimalField(
        label="Weekly cost in pounds",
        min_value=0,
        max_digits=9,
        decimal_places=2,
        error_messages={"required": "Enter the weekly cost"},
    )
    outcome = forms.ChoiceField(
        choices=ExternalOutcome.choices,
        widget=forms.RadioSelect,
        label="Outcome",
        initial=ExternalOutcome.SEARCHING,
    )
    started_on = _date("Date the placement starts (when agreed)", required=False)


class HoldForm(ServiceForm):
    submit_label = "Add the hold"
    kind = forms.ChoiceField(
        choices=HoldKind.choices,
        widget=forms.RadioSelect,
        label="What the hold is for",
        error_messages={"required": "Choose what the hold is for"},
    )
    child: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        required=False,
        label="Child (for a named child)",
    )
    referral: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        required=False,
        label="Referral (for a referral)",
    )
    held_from = _date("From")
    held_until = _date("Until")
    reason = _text("Reason", required=True, error_messages={"required": "Give the reason"})

    def __init__(self, *args: Any, children: QuerySet[Any], referrals: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children  # type: ignore[attr-defined]
        self.fields["referral"].queryset = referrals  # type: ignore[attr-defined]


class HoldReleaseForm(ServiceForm):
    submit_label = "Release the hold"
    released_on = _date("Released on")


class StabilityMeetingForm(ServiceForm):
    submit_label = "Record the meeting"
    held_on = _date("Date of the meeting")
    attendees = _text("Who attended", required=True, error_messages={"required": "Say who attended"})
    outcome = forms.ChoiceField(
        choices=MeetingOutcome.choices,
        widget=forms.RadioSelect,
        label="Outcome",
        error_messages={"required": "Choose the outcome"},
    )
    notes = _text("Notes (optional)", rows=5)


class DpstReferralForm(ServiceForm):
    submit_label = "Refer to the team"
    referred_on = _date("Date of the referral")
    reason = _text(
        "Why support is needed", required=True, error_messages={"required": "Say why support is needed"}
    )


class DpstOutcomeForm(ServiceForm):
    submit_label = "Record the outcome"
    outcome = forms.ChoiceField(
        choices=[c for c in DpstOutcome.choices if c[0] != DpstOutcome.OPEN],
        widget=forms.RadioSelect,
        label="Outcome",
        error_messages={"required": "Choose the outcome"},
    )
    outcome_on = _date("Date of the outcome")
