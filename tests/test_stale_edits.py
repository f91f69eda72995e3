"""Two members of staff change the same record: the later save must not silently undo the earlier one.

Every edit form carries the version of the record it was read at (``fostering.core.versions``); a save
made from an older version is refused, the other person's change is shown beside what this user entered,
their input is kept, and they can save again on purpose.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.forms import MultiWidget
from django.test import Client
from django.urls import reverse

from fostering.accounts.models import Organisation
from fostering.accounts.roles import Role
from fostering.assessments.tests import factories as assessment_factories
from fostering.core.versions import FIELD, version_of
from fostering.core.views import submit
from fostering.kinship.tests import factories as kinship_factories
from fostering.people.forms import PersonEditForm
from fostering.people.models import Person
from fostering.people.services import PERSON_FIELDS, person_update
from fostering.recruitment.tests import factories as recruitment_factories
from tests import builders
from tests.markers import postgresql_only


def post_data(form: Any, **changes: Any) -> dict[str, Any]:
    """The form as the browser would send it back: every field with the value shown, but for ``changes``
    (Python values: dates, lists of records, booleans) typed into their fields."""
    data: dict[str, Any] = {}
    for bound in form:
        widget = bound.field.widget
        value = bound.value()
        if bound.name in changes:
            value = changes[bound.name]
            if isinstance(value, list | tuple):
                value = [getattr(v, "pk", v) for v in value]
        if isinstance(widget, MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for suffix, part in zip(widget.widgets_names, parts, strict=True):
                data[bound.html_name + suffix] = "" if part is None else str(part)
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        else:
            data[bound.html_name] = "" if value is None else str(value)
    return data


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_stale_save_of_a_persons_details_does_not_undo_the_other_change(council):
    """Given two workers who open the same person's details, when the first saves a new phone number
    and the second then saves a new surname, the phone number is kept and the second is told."""
    person = builders.person(council, first_name="Alex", last_name="Morgan", phone="01632 960000")
    first = signed_in(builders.staff(council, Role.SERVICE_MANAGER, first_name="Priya", last_name="Shah"))
    second = signed_in(builders.staff(council, Role.SERVICE_MANAGER, first_name="Tom", last_name="Reed"))
    url = reverse("people:edit", args=[person.pk])
    first_form = post_data(first.get(url).context["form"])
    second_form = post_data(second.get(url).context["form"])

    assert first.post(url, first_form | {"phone": "01632 961111"}).status_code == 302
    response = second.post(url, second_form | {"last_name": "Morgan-Reed"})

    person.refresh_from_db()
    assert (person.phone, person.last_name) == ("01632 961111", "Morgan")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Priya Shah changed these details after you opened this page" in page
    form = response.context["form"]
    assert form["last_name"].value() == "Morgan-Reed"  # what the second worker entered is kept
    conflict = form.conflict
    assert [(row.label, row.saved, row.entered) for row in conflict.rows] == [
        ("Last name", "Morgan", "Morgan-Reed"),
        ("Phone number (optional)", "01632 961111", "01632 960000"),
    ]

    # saving again, on purpose, from the page shown: the form now carries the current version
    again = second.post(url, post_data(form) | {"phone": "01632 961111"})
    assert again.status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.last_name) == ("01632 961111", "Morgan-Reed")


def test_an_untouched_person_form_saves(council):
    person = builders.person(council, first_name="Alex", last_name="Morgan")
    client = signed_in(builders.staff(council, Role.SERVICE_MANAGER))
    url = reverse("people:edit", args=[person.pk])
    assert (
        client.post(url, post_data(client.get(url).context["form"]) | {"phone": "0300 1"}).status_code == 302
    )
    assert Person.objects.get(pk=person.pk).phone == "0300 1"


# ---------------------------------------------------------------------------------------------------
# Every edit form of the service: a stale save is refused and changes nothing; a fresh one saves.


def _planned_meeting(org):
    from datetime import time, timedelta

    from fostering.core import clock
    from fostering.panel import services as panel

    builders.panel_members(org)
    return panel.meeting_schedule(
        organisation=org,
        meets_on=clock.today() + timedelta(days=21),
        starts_at=time(10, 0),
        format="in_person",
        venue="Council Chamber",
        by=None,
    )


def _item_before_recommendation(org):
    household = builders.approved_household(org, name="Sitting household")
    members = builders.panel_members(org)
    return builders.panel_item(
        org, kind="terms_change", subject=household, members=members, recommendation=None
    )


def _members(meeting_or_item):
    from fostering.panel.models import PanelMember

    org = meeting_or_item.organisation_id
    return list(PanelMember.objects.filter(organisation_id=org).order_by("id"))


def _child_with_siblings(org):
    child = builders.child(org, first_name="Ada")
    return child, builders.child(org, first_name="Ben"), builders.child(org, first_name="Cy")


@dataclass(frozen=True)
class EditForm:
    """An edit page: how to build its record, its url, and two different changes two workers make."""

    name: str
    build: Callable[[Organisation], Any]
    url: Callable[[Any], str]
    first: Callable[[Any], dict[str, Any]]
    second: Callable[[Any], dict[str, Any]]


EDIT_FORMS = [
    EditForm(
        "people:edit",
        lambda org: builders.person(org),
        lambda p: reverse("people:edit", args=[p.pk]),
        lambda p: {"phone": "01632 961111"},
        lambda p: {"last_name": "Morgan-Reed"},
    ),
    EditForm(
        "children:edit",
        lambda org: builders.child(org),
        lambda c: reverse("children:edit", args=[c.pk]),
        lambda c: {"first_language": "Welsh"},
        lambda c: {"preferred_name": "Jo"},
    ),
    EditForm(
        "children:needs",
        lambda org: builders.child(org),
        lambda c: reverse("children:needs", args=[c.pk]),
        lambda c: {"needs": "Speech therapy weekly"},
        lambda c: {"cultural_needs": "Halal food"},
    ),
    EditForm(
        "children:siblings",
        _child_with_siblings,
        lambda cs: reverse("children:siblings", args=[cs[0].pk]),
        lambda cs: {"siblings": [cs[1]], "live_together": True},
        lambda cs: {"siblings": [cs[1]], "live_together": False},
    ),
    EditForm(
        "concerns:allegation_progress",
        lambda org: builders.allegation(builders.approved_household(org, name="Concern household")),
        lambda a: reverse("concerns:allegation_progress", args=[a.pk]),
        lambda a: {"lado_referred_on": date(2025, 6, 3), "lado_outcome": "Threshold not met"},
        lambda a: {"lado_referred_on": date(2025, 6, 4), "strategy_meeting_on": date(2025, 6, 9)},
    ),
    EditForm(
        "assessments:skills_to_foster",
        lambda org: assessment_factories.application(org),
        lambda a: reverse("assessments:skills_to_foster", args=[a.pk]),
        lambda a: {"booked_on": date(2030, 5, 1)},
        lambda a: {"booked_on": date(2030, 6, 1)},
    ),
    EditForm(
        "assessments:mentor",
        lambda org: assessment_factories.application(org),
        lambda a: reverse("assessments:mentor", args=[a.pk]),
        lambda a: {"offered_on": a.application_accepted_on, "mentor_name": "Jan Carer"},
        lambda a: {"offered_on": a.application_accepted_on, "mentor_name": "Sam Carer"},
    ),
    EditForm(
        "assessments:agreement",
        lambda org: assessment_factories.application(org),
        lambda a: reverse("assessments:agreement", args=[a.pk]),
        lambda a: {"signed_on": a.application_accepted_on, "target_panel_on": date(2031, 1, 6)},
        lambda a: {"signed_on": a.application_accepted_on, "target_panel_on": date(2031, 2, 3)},
    ),
    EditForm(
        "kinship:placement",
        lambda org: kinship_factories.assessment(org),
        lambda a: reverse("kinship:placement", args=[a.pk]),
        lambda a: {"placed_on": date(2025, 1, 3)},
        lambda a: {"placed_on": date(2025, 1, 6)},
    ),
    EditForm(
        "recruitment:initial_visit",
        lambda org: recruitment_factories.visited_enquiry(org),
        lambda e: reverse("recruitment:initial_visit", args=[e.pk]),
        lambda e: {"record_written_on": date(2024, 3, 14)},
        lambda e: {"visited_on": date(2024, 3, 13)},
    ),
    EditForm(
        "panel:meeting_invite",
        _planned_meeting,
        lambda m: reverse("panel:meeting_invite", args=[m.pk]),
        lambda m: {"members": _members(m)[:3]},
        lambda m: {"members": _members(m)[2:]},
    ),
    EditForm(
        "panel:sitting",
        _item_before_recommendation,
        lambda i: reverse("panel:sitting", args=[i.pk]),
        lambda i: {"members": list(i.sitting.order_by("id"))[:4]},
        lambda i: {"members": list(i.sitting.order_by("id"))[1:]},
    ),
    EditForm(
        "returns903:authority",
        lambda org: org,
        lambda org: reverse("returns903:authority"),
        lambda org: {"local_authority_code": "E10000018"},
        lambda org: {"local_authority_code": "E10000019"},
    ),
]


def answers(data: dict[str, Any]) -> dict[str, Any]:
    """Form data without its version, lists in one order: what two copies of a page are compared on."""
    return {k: sorted(v) if isinstance(v, list) else v for k, v in data.items() if k != FIELD}


def shown(client: Client, url: str) -> dict[str, Any]:
    """What the edit page shows as saved now, field by field."""
    return answers(post_data(client.get(url).context["form"]))


@pytest.mark.parametrize("edit", EDIT_FORMS, ids=lambda e: e.name)
def test_every_edit_form_refuses_a_stale_save_and_saves_a_fresh_one(council, edit):
    """Given two workers who open the same edit page, when the first saves and the second then saves
    from their older copy, the second save is refused with the first worker named, nothing of the
    first change is undone, the second worker's input is kept, and saving again on purpose works."""
    record = edit.build(council)
    first = signed_in(builders.staff(council, Role.SERVICE_MANAGER, first_name="Priya", last_name="Shah"))
    second = signed_in(builders.staff(council, Role.SERVICE_MANAGER, first_name="Tom", last_name="Reed"))
    url = edit.url(record)
    first_copy, second_copy = first.get(url).context["form"], second.get(url).context["form"]

    saved = first.post(url, post_data(first_copy, **edit.first(record)))
    assert saved.status_code == 302, saved.context["form"].errors
    after_first = shown(first, url)
    assert after_first != answers(post_data(second_copy))

    refused = second.post(url, post_data(second_copy, **edit.second(record)))

    assert refused.status_code == 200
    assert "Priya Shah changed these details after you opened this page" in refused.content.decode()
    assert shown(first, url) == after_first  # nothing changed by the refused save
    kept = refused.context["form"]
    assert kept.conflict is not None and kept.conflict.rows  # each differing field: saved now, entered
    entered = answers(post_data(second_copy, **edit.second(record)))
    assert answers(post_data(kept)) == entered  # what the second worker entered is still in the form
    assert post_data(kept)[FIELD] != post_data(second_copy)[FIELD]  # and it carries the new version

    again = second.post(url, post_data(kept))  # the form now carries the version it was shown at
    assert again.status_code == 302, again.context["form"].errors
    assert shown(second, url) == entered


# ---------------------------------------------------------------------------------------------------
# The version itself, and two saves at the same moment.


def test_modified_at_comes_back_from_the_database_to_the_microsecond(council):
    """The version is modified_at: it must survive the database exactly (SQLite and PostgreSQL keep
    microseconds), or every edit would look stale."""
    person = builders.person(council)
    person.modified_at = person.modified_at.replace(microsecond=123457)
    person.save(update_fields=["modified_at"])
    assert version_of([Person.objects.get(pk=person.pk)]) == version_of([person])
    assert version_of([person]).endswith(".123457+00:00")


def test_a_post_without_a_version_claims_no_copy_and_saves(council):
    person = builders.person(council, last_name="Morgan")
    client = signed_in(builders.staff(council, Role.SERVICE_MANAGER))
    url = reverse("people:edit", args=[person.pk])
    data = post_data(client.get(url).context["form"], last_name="Morgan-Reed")
    del data[FIELD]
    assert client.post(url, data).status_code == 302
    assert Person.objects.get(pk=person.pk).last_name == "Morgan-Reed"


@pytest.mark.django_db(transaction=True)
@postgresql_only  # needs separate connections
def test_of_two_saves_from_the_same_version_at_once_only_the_first_passes(council):
    """The second save waits on the first one's row lock, then finds the record changed and is
    refused: both cannot pass the check before either commits."""
    person = builders.person(council, first_name="Alex", last_name="Morgan", phone="01632 960000")
    priya = builders.staff(council, Role.SERVICE_MANAGER, first_name="Priya", last_name="Shah")
    tom = builders.staff(council, Role.SERVICE_MANAGER, first_name="Tom", last_name="Reed")
    initial = {name: getattr(person, name) for name in PERSON_FIELDS}
    copy = post_data(PersonEditForm(initial=initial, record=person))
    first_inside, release, second_done = threading.Event(), threading.Event(), threading.Event()
    results: dict[str, Any] = {}

    def save(key: str, user, changes: dict[str, str], hold: bool) -> None:
        from django.db import connection as own

        try:
            record = Person.objects.get(pk=person.pk)
            form = PersonEditForm(copy | changes, initial=initial, record=record)

            def action(data: dict[str, Any]) -> Person:
                saved = person_update(person=record, by=user, **data)
                if hold:
                    first_inside.set()
                    release.wait(20)
                return saved

            results[key] = (submit(form, action), form)
        finally:
            if not hold:
                second_done.set()
            own.close()

    first = threading.Thread(target=save, args=("first", priya, {"phone": "01632 961111"}, True))
    first.start()
    assert first_inside.wait(20)
    second = threading.Thread(target=save, args=("second", tom, {"last_name": "Morgan-Reed"}, False))
    second.start()
    assert not second_done.wait(1)  # the second save waits on the first one's lock
    release.set()
    first.join(20)
    second.join(20)

    assert results["first"][0] is not None
    refused, form = results["second"]
    assert refused is None and form.conflict.changed_by == "Priya Shah"
    person.refresh_from_db()
    assert (person.phone, person.last_name) == ("01632 961111", "Morgan")
