"""The records a figure counted, as a person reads them: a name, a link, and who may open them.

A figure keeps ``[kind, id]`` pairs; this turns them into rows in one query per kind. A drill-down lists
records only to a user whose permissions open that kind of record (the service manager opens them all);
others see the counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
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
    """A kind of record counted: its noun, its page, who may open it, and how its label is read: the
    model, the fields read in one query, and the label made from them."""

    noun: str
    url_name: str
    perm: Perm
    model: type[models.Model]
    fields: tuple[str, ...]
    label: Callable[..., str]

    def labels(self, ids: Sequence[int]) -> dict[int, str]:
        rows = self.model._default_manager.filter(pk__in=ids).values_list("pk", *self.fields)
        return {pk: self.label(*values) for pk, *values in rows}


def _name(first: str, last: str) -> str:
    return f"{first} {last}"


KINDS: dict[str, Kind] = {
    "household": Kind(
        "household",
        "households:detail",
        Perm.VIEW_HOUSEHOLD,
        FosteringHousehold,
        ("household__name", "reference"),
        lambda name, ref: f"{name} ({ref})",
    ),
    "child": Kind(
        "child", "children:detail", Perm.VIEW_CHILD, Child, ("person__first_name", "person__last_name"), _name
    ),
    "person": Kind("person", "people:detail", Perm.VIEW_PERSON, Person, ("first_name", "last_name"), _name),
    "enquiry": Kind(
        "enquiry",
        "recruitment:enquiry_detail",
        Perm.VIEW_ENQUIRY,
        Enquiry,
        ("person__first_name", "person__last_name", "received_at"),
        lambda first, last, at: f"{first} {last}, {at:%-d %B %Y}",
    ),
    "assessment": Kind(
        "assessment", "assessments:detail", Perm.VIEW_ASSESSMENT, Assessment, ("household__name",), str
    ),
    "item": Kind(
        "panel case",
        "panel:item_detail",
        Perm.VIEW_PANEL,
        PanelItem,
        ("household__name", "meeting__meets_on"),
        lambda name, on: f"{name}, panel on {on:%-d %B %Y}",
    ),
    "review": Kind(
        "household review",
        "households:review_detail",
        Perm.VIEW_HOUSEHOLD,
        HouseholdReview,
        ("fostering_household__household__name", "held_on"),
        lambda name, on: f"{name}, review on {on:%-d %B %Y}",
    ),
    "allegation": Kind(
        "allegation",
        "concerns:allegation_detail",
        Perm.VIEW_ALLEGATION,
        Allegation,
        ("fostering_household__household__name", "received_on"),
        lambda name, on: f"{name}, received {on:%-d %B %Y}",
    ),
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
    labels = {kind: KINDS[kind].labels(ids) for kind, ids in wanted.items()}
    out = []
    for kind, pk in refs:
        label = labels[kind].get(pk)
        if label is None:
            out.append(Listed(f"A {KINDS[kind].noun} no longer held (record {pk})", None))
        else:
            out.append(Listed(label, reverse(KINDS[kind].url_name, args=[pk])))
    return sorted(out, key=lambda r: r.label)
