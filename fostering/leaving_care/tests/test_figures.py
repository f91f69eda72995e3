"""The quarterly pack's care leaver figures: 94.7% (161/170) in suitable accommodation, 58.8% (100/170) in
education, employment or training; Staying Put counted from the placements."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fostering.children.models import Child
from tests import builders

from ..models import BirthdayContact, CareLeaver
from ..selectors import figures

pytestmark = pytest.mark.django_db


def test_the_seed_figures_from_170_birthday_contacts():
    org = builders.organisation()
    leavers = []
    for n in range(170):
        child = builders.child(org, date_of_birth=date(2006, 4, 1) + timedelta(days=n))
        leavers.append(CareLeaver(organisation=org, child=child, recorded_on=date(2024, 1, 1)))
    CareLeaver.objects.bulk_create(leavers)
    contacts = []
    for n, leaver in enumerate(CareLeaver.objects.order_by("id")):
        accommodation = "U1" if n < 161 else "S2"
        activity = "F2" if n < 100 else "G5"
        contacts.append(
            BirthdayContact(
                organisation=org,
                care_leaver=leaver,
                age=19,
                contacted_on=date(2025, 6, 1),
                in_touch="YES",
                activity=activity,
                accommodation=accommodation,
            )
        )
    BirthdayContact.objects.bulk_create(contacts)
    found = figures(CareLeaver.objects.all(), date(2025, 4, 1), date(2026, 3, 31), on=date(2026, 3, 31))
    assert (found.suitable_accommodation.numerator, found.suitable_accommodation.denominator) == (161, 170)
    assert found.suitable_accommodation.percent == "94.7%"
    assert found.in_education_employment_training.percent == "58.8%"
    assert {c.care_leaver.child_id for c in found.in_education_employment_training.counted} == set(
        Child.objects.order_by("id").values_list("pk", flat=True)[:100]
    )
    assert found.staying_put.count == 0
