"""The records a figure counted, as a person reads them: a name, a link, and who may open them.

A figure keeps ``[kind, id]`` pairs; this turns them into rows in one query per kind. A drill-down lists
records only to a user whose permissions open that kind of record (the service manager opens them all);
others see the counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.assessments.models import Assessment
from fostering.children.models import Child
from fostering.concerns.models import Allegation
from fostering.households.models import FosteringHousehold, HouseholdReview
from fostering.panel.models import PanelItem
from fostering.people.models import Person
from fostering.recruitment.models import Enquiry


@dataclass(frozen=True)
class Kind:
    noun: str
    url_name: str
    perm: Perm
    rows: Any  # callable: ids -> {id: label}


def _households(ids: Sequence[int]) -> dict[int, str]:
    return {
        pk: f"{name} ({ref})"
        for pk, name, ref in FosteringHousehold.objects.filter(pk__in=ids).values_list(
            "pk", "household__name", "reference"
        )
    }


def _children(ids: Sequence[int]) -> dict[int, str]:
    return {
        pk: f"{first} {last}"
        for pk, first, last in Child.objects.filter(pk__in=ids).values_list(
            "pk", "person__first_name", "person__last_name"
        )
    }


def _people(ids: Sequence[int]) -> dict[int, str]:
    return {
        pk: f"{first} {last}"
        for pk, first, last in Person.objects.filter(pk__in=ids).values_list("pk", "first_name", "last_name")
    }


def _enquiries(ids: Sequence[int]) -> dict[int, str]:
    return {
        pk: f"{first} {last}, {at:%-d %B %Y}"
        for pk, first, last, at in Enquiry.objects.filter(pk__in=ids).values_list(
            "pk", "person__first_name", "person__last_name", "received_at"
        )
    }


def _assessments(ids: Sequence[int]) -> dict[int, str]:
    return dict(Assessment.objects.filter(pk__in=ids).values_list("pk", "household__name"))


def _items(ids: Sequence[int]) -> dict[int, str]:
    return {
        pk: f"{name}, panel on {on:%-d %B %Y}"
        for pk, name, on in PanelItem.objects.filter(pk__in=ids).values_list(
            "pk", "household__name", "meeting__meets_on"
        )
    }


def _reviews(ids: Sequence[int]) -> dict[int, str]:
    return {
        pk: f"{name}, review on {on:%-d %B %Y}"
        for pk, name, on in HouseholdReview.objects.filter(pk__in=ids).values_list(
            "pk", "fostering_household__household__name", "held_on"
        )
    }


def _allegations(ids: Sequence[int]) -> dict[int, str]:
    return {
        pk: f"{name}, received {on:%-d %B %Y}"
        for pk, name, on in Allegation.objects.filter(pk__in=ids).values_list(
            "pk", "fostering_household__household__name", "received_on"
        )
    }


KINDS: dict[str, Kind] = {
    "household": Kind("household", "households:detail", Perm.VIEW_HOUSEHOLD, _households),
    "child": Kind("child", "children:detail", Perm.VIEW_CHILD, _children),
    "person": Kind("person", "people:detail", Perm.VIEW_PERSON, _people),
    "enquiry": Kind("enquiry", "recruitment:enquiry_detail", Perm.VIEW_ENQUIRY, _enquiries),
    "assessment": Kind("assessment", "assessments:detail", Perm.VIEW_ASSESSMENT, _assessments),
    "item": Kind("panel case", "panel:item_detail", Perm.VIEW_PANEL, _items),
    "review": Kind("household review", "households:review_detail", Perm.VIEW_HOUSEHOLD, _reviews),
    "allegation": Kind("allegation", "concerns:allegation_detail", Perm.VIEW_ALLEGATION, _allegations),
}


@dataclass(frozen=True)
class Listed:
    label: str
    url: str | None


def may_open(user: User, organisation_id: int, refs: Iterable[Sequence[Any]]) -> bool:
    """Whether the user may open every kind of record among ``refs`` in the council."""
    kinds = {kind for kind, _ in refs}
    return all(organisation_id in organisations_with(user, KINDS[kind].perm) for kind in kinds)


def listed(refs: Iterable[Sequence[Any]]) -> list[Listed]:
    """Each record's label and link, in the order given; a record no longer held says so."""
    refs = [(str(kind), int(pk)) for kind, pk in refs]
    wanted: dict[str, list[int]] = defaultdict(list)
    for kind, pk in refs:
        wanted[kind].append(pk)
    labels = {kind: KINDS[kind].rows(ids) for kind, ids in wanted.items()}
    out = []
    for kind, pk in refs:
        label = labels[kind].get(pk)
        if label is None:
            out.append(Listed(f"A {KINDS[kind].noun} no longer held (record {pk})", None))
        else:
            out.append(Listed(label, reverse(KINDS[kind].url_name, args=[pk])))
    return sorted(out, key=lambda r: r.label)
