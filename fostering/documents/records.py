"""The records documents and letters are kept on, and how each is found for a user.

Each kind is looked up through its own app's user-scoped selector, so a document is opened exactly when
its record is: out of reach (another council, another caseload, a role that does not see it) is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model
from django.http import Http404

from fostering.accounts.models import User
from fostering.assessments import selectors as assessments
from fostering.children import selectors as children
from fostering.households import selectors as households
from fostering.panel import selectors as panel
from fostering.people import selectors as people
from fostering.recruitment import selectors as recruitment

from .choices import RecordKind


@dataclass(frozen=True)
class RecordType:
    get_for_user: Callable[..., Any]
    detail: str
    name: Callable[[Any], str]
    # the worker whose My work shows the record's expiring documents (None: nobody's caseload), and the
    # app's list selector the worker's records are read through
    worker_field: str | None = None
    list_for_user: Callable[..., Any] | None = None


RECORDS: dict[str, RecordType] = {
    RecordKind.HOUSEHOLD: RecordType(
        households.household_get_for_user,
        "households:detail",
        lambda r: r.household.name,
        "supervising_social_worker",
        households.household_list_for_user,
    ),
    RecordKind.PERSON: RecordType(people.person_get_for_user, "people:detail", lambda r: r.full_name),
    RecordKind.CHILD: RecordType(
        children.child_get_for_user,
        "children:detail",
        lambda r: r.person.full_name,
        "social_worker",
        children.child_list_for_user,
    ),
    RecordKind.ASSESSMENT: RecordType(
        assessments.assessment_get_for_user,
        "assessments:detail",
        lambda r: r.household.name,
        "assessing_social_worker",
        assessments.assessment_list_for_user,
    ),
    RecordKind.PANEL_ITEM: RecordType(
        panel.item_get_for_user, "panel:item_detail", lambda r: r.household.name
    ),
    RecordKind.ENQUIRY: RecordType(
        recruitment.enquiry_get_for_user, "recruitment:enquiry_detail", lambda r: r.person.full_name
    ),
}

# The model of each kind, read from its selector's answer (for the template tag, which is given a record).
_LABELS = {
    "households.fosteringhousehold": RecordKind.HOUSEHOLD,
    "people.person": RecordKind.PERSON,
    "children.child": RecordKind.CHILD,
    "assessments.assessment": RecordKind.ASSESSMENT,
    "panel.panelitem": RecordKind.PANEL_ITEM,
    "recruitment.enquiry": RecordKind.ENQUIRY,
}


def kind_of(record: Model) -> str:
    return _LABELS[record._meta.label_lower]


def record_for_user(*, user: User, kind: str, pk: int) -> Any:
    """The record, through its app's selector; 404 when the user may not open it."""
    if kind not in RECORDS:
        raise Http404
    try:
        return RECORDS[kind].get_for_user(user=user, pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404("No such record") from missing


def record_name(kind: str, record: Any) -> str:
    return RECORDS[kind].name(record)
