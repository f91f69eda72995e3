"""Pure rules of placing a child: which 903 codes a placement takes, and whether a household's terms fit.

No database here: the services and the matching pass plain facts in, so the same rules refuse a placement
and keep a household off the candidate list.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from fostering.core.validators import age_on
from fostering.households.choices import CarerType, PlacementType

from .choices import ExternalProviderKind
from .codes import PlaceCode, ProviderCode

# Temporary moves and arrangements that are not care do not count as a placement in the stability measures.
TEMPORARY_PLACES = frozenset({PlaceCode.T0, PlaceCode.T1, PlaceCode.T2, PlaceCode.T3, PlaceCode.T4})
RESIDENTIAL_PLACES = frozenset({PlaceCode.K2, PlaceCode.R1, PlaceCode.K1, PlaceCode.S1})
# Placement types that do not take one of the household's approved places.
NOT_A_PLACE = frozenset({PlacementType.STAYING_PUT})


def in_house_codes(carer_type: str, placement_type: str) -> tuple[str, str]:
    """(903 PLACE, PLACE_PROVIDER) for a placement with the council's own carers (PR1)."""
    provider = ProviderCode.PR1
    if placement_type == PlacementType.STAYING_PUT:
        return "", ""
    if placement_type == PlacementType.RESPITE:
        return PlaceCode.T3, provider
    if placement_type == PlacementType.SUPPORTED_LODGINGS or carer_type == CarerType.SUPPORTED_LODGINGS:
        return PlaceCode.K3, provider
    kinship = carer_type == CarerType.KINSHIP
    if placement_type == PlacementType.FOSTER_FOR_ADOPTION or carer_type == CarerType.FOSTER_FOR_ADOPTION:
        return (PlaceCode.U2 if kinship else PlaceCode.U5), provider
    if placement_type == PlacementType.LONG_TERM:
        return (PlaceCode.U1 if kinship else PlaceCode.U4), provider
    return (PlaceCode.U3 if kinship else PlaceCode.U6), provider


def external_codes(provider_kind: str, placement_type: str) -> tuple[str, str]:
    """(903 PLACE, PLACE_PROVIDER) for a placement outside the council's carers."""
    long_term = placement_type == PlacementType.LONG_TERM
    if provider_kind == ExternalProviderKind.RESIDENTIAL:
        return PlaceCode.K2, ProviderCode.PR4
    if provider_kind == ExternalProviderKind.SUPPORTED_ACCOMMODATION:
        return PlaceCode.K3, ProviderCode.PR4
    if provider_kind == ExternalProviderKind.PARENTS:
        return PlaceCode.P1, ProviderCode.PR0
    provider = ProviderCode.PR2 if provider_kind == ExternalProviderKind.OTHER_COUNCIL else ProviderCode.PR4
    return (PlaceCode.U4 if long_term else PlaceCode.U6), provider


@dataclass(frozen=True)
class Terms:
    number_of_children: int
    age_min: int
    age_max: int
    placement_types: tuple[str, ...]
    sibling_group_max: int
    named_child_id: int | None


@dataclass(frozen=True)
class PlacedChild:
    child_id: int
    sibling_group_id: int | None


@dataclass(frozen=True)
class IncomingChild:
    child_id: int
    date_of_birth: date | None
    sibling_group_id: int | None


def terms_refusals(
    terms: Terms | None,
    *,
    children: Sequence[IncomingChild],
    placement_type: str,
    on: date,
    placed: Collection[PlacedChild],
    held: int = 0,
) -> dict[str, str]:
    """Why ``children`` (one child or a sibling group) cannot be placed under ``terms`` on ``on``, by field.

    ``placed`` are the children living there that day in approved places; ``held`` the places kept for
    someone else. An empty dict means the terms of approval allow it."""
    if terms is None:
        return {"fostering_household": "The household has no terms of approval on that date"}
    errors: dict[str, str] = {}
    if placement_type not in NOT_A_PLACE and placement_type not in terms.placement_types:
        errors["placement_type"] = (
            f"The household is not approved for {PlacementType(placement_type).label.lower()} placements"
        )
    if terms.named_child_id is not None and any(c.child_id != terms.named_child_id for c in children):
        errors["fostering_household"] = "The household is approved only for a named child"
    for child in children:
        if child.date_of_birth is None:
            continue
        age = age_on(child.date_of_birth, on)
        if not terms.age_min <= age <= terms.age_max:
            errors["started_on"] = (
                f"The household is approved for children aged {terms.age_min} to {terms.age_max}; "
                f"the child will be {age} on that date"
            )
            break
    if placement_type not in NOT_A_PLACE:
        free = terms.number_of_children - len(placed) - held
        if len(children) > free:
            errors["fostering_household"] = (
                f"The household is approved for {terms.number_of_children} "
                f"child{'ren' if terms.number_of_children != 1 else ''} and has "
                f"{max(free, 0)} free place{'s' if free != 1 else ''} on that date"
            )
        groups = {c.sibling_group_id for c in children if c.sibling_group_id is not None}
        together = len(children) + sum(1 for p in placed if p.sibling_group_id in groups)
        if together > 1 and together > terms.sibling_group_max:
            errors.setdefault(
                "fostering_household",
                f"The household's largest sibling group is {terms.sibling_group_max}; "
                f"this would make a group of {together}",
            )
    return errors
