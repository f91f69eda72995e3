"""Two members of staff change the same record: the later save must not silently undo the earlier one.

Every edit form carries the version of the record it was read at (``fostering.core.versions``); a save
made from an older version is refused, the other person's change is shown beside what this user entered,
their input is kept, and they can save again on purpose.
"""

from __future__ import annotations

from typing import Any

from django.forms import MultiWidget
from django.test import Client
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.people.models import Person
from tests import builders


def post_data(form: Any) -> dict[str, Any]:
    """The form as the browser would send it back untouched: every field with the value shown."""
    data: dict[str, Any] = {}
    for bound in form:
        widget = bound.field.widget
        value = bound.value()
        if isinstance(widget, MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for suffix, part in zip(widget.widgets_names, parts, strict=True):
                data[bound.html_name + suffix] = "" if part is None else part
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        else:
            data[bound.html_name] = "" if value is None else value
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
