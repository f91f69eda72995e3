"""The cases ready for a panel agenda, by kind of item, from the assessments, kinship and household records.

A case already on an agenda is not offered again while its item is open: on a meeting that was not
cancelled, not deferred, and not yet settled by the agency decision maker (a qualifying determination is
settled by the final decision).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet

from fostering.assessments.selectors import assessments_ready_for_panel
from fostering.households.choices import OPEN_STATUSES, ReviewKind
from fostering.households.models import FosteringHousehold, HouseholdReview
from fostering.households.selectors import reviews_awaiting_panel
from fostering.kinship.choices import OPEN_STAGES as KINSHIP_OPEN_STAGES
from fostering.kinship.choices import Stage as KinshipStage
from fostering.kinship.models import KinshipAssessment
from fostering.people.models import Household

from .choices import QUALIFYING, SUBJECT_OF, ItemKind, MeetingStatus, Recommendation
from .models import PanelItem

# Reviews that go to panel (first reviews, reviews following concerns, and annual reviews the reviewing
# officer referred), by the kind of item they become.
REVIEW_KINDS: dict[str, ItemKind] = {
    ReviewKind.FIRST: ItemKind.FIRST_REVIEW,
    ReviewKind.FOLLOWING_CONCERNS: ItemKind.FOLLOWING_CONCERNS,
    ReviewKind.ANNUAL: ItemKind.REFERRED_REVIEW,
}


def open_items(organisation_id: int) -> QuerySet[PanelItem]:
    return (
        PanelItem.objects.filter(organisation_id=organisation_id)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .exclude(recommendation=Recommendation.DEFER)
        .exclude(
            Q(decision__isnull=False)
            & (~Q(decision__outcome__in=list(QUALIFYING)) | ~Q(decision__final_outcome=""))
        )
    )


def _taken(organisation_id: int, kind: ItemKind) -> QuerySet[PanelItem]:
    field = SUBJECT_OF[kind]
    return open_items(organisation_id).filter(kind=kind).values_list(f"{field}_id", flat=True)  # type: ignore[return-value]


def ready(kind: ItemKind, organisation_id: int) -> QuerySet[Model]:
    """The records of the organisation that an item of this kind could be about now."""
    taken = _taken(organisation_id, kind)
    if kind == ItemKind.APPROVAL:
        return assessments_ready_for_panel(organisation_id).exclude(pk__in=taken)  # type: ignore[return-value]
    if kind in (ItemKind.KINSHIP_APPROVAL, ItemKind.REG25_EXTENSION):
        kinship = KinshipAssessment.objects.filter(organisation_id=organisation_id).select_related(
            "connected_household", "child__person"
        )
        if kind == ItemKind.KINSHIP_APPROVAL:
            kinship = kinship.filter(stage=KinshipStage.AWAITING_DECISION)
        else:
            kinship = kinship.filter(
                stage__in=KINSHIP_OPEN_STAGES,
                placed_on__isnull=False,
                extension_granted_on__isnull=True,
                panel_views_sought_on__isnull=True,
            )
        return kinship.exclude(pk__in=taken).order_by("started_on", "id")  # type: ignore[return-value]
    if kind in REVIEW_KINDS.values():
        review_kinds = [review_kind for review_kind, item_kind in REVIEW_KINDS.items() if item_kind == kind]
        heard = PanelItem.objects.filter(
            organisation_id=organisation_id, household_review__isnull=False
        ).exclude(Q(meeting__status=MeetingStatus.CANCELLED) | Q(recommendation=Recommendation.DEFER))
        return (
            reviews_awaiting_panel(organisation_id)
            .filter(kind__in=review_kinds, fostering_household__status__in=list(OPEN_STATUSES))
            .exclude(pk__in=heard.values_list("household_review_id", flat=True))
        )  # type: ignore[return-value]
    return (
        FosteringHousehold.objects.filter(organisation_id=organisation_id, status__in=list(OPEN_STATUSES))
        .exclude(pk__in=taken)
        .select_related("household")
        .order_by("reference")
    )  # type: ignore[return-value]


def is_ready(kind: ItemKind, subject: object) -> bool:
    pk = getattr(subject, "pk", None)
    organisation_id = getattr(subject, "organisation_id", None)
    if pk is None or organisation_id is None:
        return False
    return ready(kind, organisation_id).filter(pk=pk).exists()


def household_of(kind: ItemKind, subject: object) -> Household:
    if isinstance(subject, KinshipAssessment):
        return subject.connected_household
    if isinstance(subject, HouseholdReview):
        return subject.fostering_household.household
    return subject.household  # type: ignore[attr-defined, no-any-return]


@dataclass(frozen=True)
class ReadyCase:
    kind: ItemKind
    subject: Model
    label: str

    @property
    def value(self) -> str:
        return f"{self.kind.value}:{self.subject.pk}"


def _label(kind: ItemKind, subject: Model) -> str:
    if isinstance(subject, KinshipAssessment):
        return f"{subject.connected_household.name}, for {subject.child.person.full_name}"
    if isinstance(subject, HouseholdReview):
        return f"{subject.fostering_household} (review held {subject.held_on:%-d %B %Y})"
    if isinstance(subject, FosteringHousehold):
        return str(subject)
    return f"{subject.household.name}: {subject.get_kind_display()}"  # type: ignore[attr-defined]


def ready_cases(organisation_id: int) -> list[ReadyCase]:
    """Every case of the organisation that could go on an agenda now, kind by kind."""
    return [
        ReadyCase(kind, subject, _label(kind, subject))
        for kind in ItemKind
        for subject in ready(kind, organisation_id)
    ]


def find_case(organisation_id: int, value: str) -> ReadyCase | None:
    """The ready case a form's "kind:pk" value names, or None."""
    kind_code, _, pk = value.partition(":")
    if kind_code not in ItemKind.values or not pk.isdigit():
        return None
    kind = ItemKind(kind_code)
    subject = ready(kind, organisation_id).filter(pk=int(pk)).first()
    return ReadyCase(kind, subject, _label(kind, subject)) if subject is not None else None
