"""OC3 rows from the birthday contacts, and back."""

from __future__ import annotations

from datetime import date

import pytest

from fostering.children.models import Child
from tests import builders

from ..models import BirthdayContact, CareLeaver
from ..services import birthday_contact_record
from ..ssda903 import TABLES, export_rows, import_rows
from . import factories

pytestmark = pytest.mark.django_db

YEAR = (date(2025, 4, 1), date(2026, 3, 31))


def test_the_columns_are_the_dfes():
    assert TABLES == {"OC3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"]}


def test_export_gives_the_birthday_contact_of_the_year_and_a_blank_row_when_none_is_recorded():
    org = builders.organisation()
    # 19 on 10 June 2025 (left care at 18, so returned from 19)
    leaver = factories.care_leaver(
        org, born=date(2006, 6, 10), started_on=date(2021, 1, 1), ended_on=date(2024, 6, 10)
    )
    birthday_contact_record(
        care_leaver=leaver,
        age=19,
        contacted_on=date(2025, 6, 20),
        in_touch="YES",
        activity="F5",
        accommodation="D1",
        by=None,
    )
    # 20 on 2 February 2026: nothing recorded yet
    quiet = factories.care_leaver(
        org, born=date(2006, 2, 2), started_on=date(2021, 1, 1), ended_on=date(2024, 2, 2)
    )
    # 18 on 10 June 2025, left care on the birthday: looked after on it, no row
    factories.care_leaver(
        org, born=date(2007, 6, 10), started_on=date(2022, 1, 1), ended_on=date(2025, 6, 10)
    )
    rows = export_rows(org.pk, *YEAR)
    assert rows == {
        "OC3": sorted(
            [
                (leaver.child_id, {"IN_TOUCH": "YES", "ACTIV": "F5", "ACCOM": "D1"}),
                (quiet.child_id, {"IN_TOUCH": "", "ACTIV": "", "ACCOM": ""}),
            ],
            key=lambda row: Child.objects.get(pk=row[0]).child_id,
        )
    }
    assert export_rows(builders.organisation("Other", "991").pk, *YEAR) == {"OC3": []}


def test_import_then_export_gives_the_same_rows_and_a_second_import_writes_nothing():
    org = builders.organisation()
    first = factories.left_care(
        org, born=date(2006, 6, 10), started_on=date(2021, 1, 1), ended_on=date(2024, 6, 10)
    )
    second = factories.left_care(
        org, born=date(2005, 9, 1), started_on=date(2020, 1, 1), ended_on=date(2023, 9, 1)
    )
    rows = [
        (2, first.pk, {"IN_TOUCH": "YES", "ACTIV": "G5", "ACCOM": "U1"}),
        (3, second.pk, {"IN_TOUCH": "NO", "ACTIV": "0", "ACCOM": "0"}),
    ]
    assert import_rows(org.pk, "OC3", rows, year_end=YEAR[1]) == []
    assert import_rows(org.pk, "OC3", rows, year_end=YEAR[1]) == []
    assert BirthdayContact.objects.count() == 2 and CareLeaver.objects.count() == 2
    exported = dict(export_rows(org.pk, *YEAR)["OC3"])
    assert exported == {pk: values for _, pk, values in rows}
    assert list(BirthdayContact.objects.order_by("age").values_list("age", flat=True)) == [19, 20]


def test_import_without_the_year_takes_the_latest_birthday_and_stays_idempotent():
    org = builders.organisation()
    child = factories.left_care(
        org, born=date(2006, 6, 10), started_on=date(2021, 1, 1), ended_on=date(2024, 6, 10)
    )
    row = [(2, child.pk, {"IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "E1"})]
    assert import_rows(org.pk, "OC3", row) == []
    assert import_rows(org.pk, "OC3", row) == []
    assert BirthdayContact.objects.count() == 1


def test_a_young_person_never_in_care_long_enough_is_refused_with_the_reason():
    org = builders.organisation()
    child = factories.left_care(
        org, born=date(2006, 6, 10), started_on=date(2024, 5, 1), ended_on=date(2024, 6, 30)
    )
    refused = import_rows(
        org.pk, "OC3", [(7, child.pk, {"IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "E1"})], year_end=YEAR[1]
    )
    assert refused == [
        (
            7,
            "The young person was looked after for 60 days since their 14th birthday: a care leaver must have been "
            "looked after for at least 13 weeks (91 days) since 14, in care that ended after their 16th birthday",
        )
    ]
    assert not CareLeaver.objects.exists()


def test_an_unknown_code_is_refused_and_nothing_is_half_written():
    org = builders.organisation()
    child = factories.left_care(
        org, born=date(2006, 6, 10), started_on=date(2021, 1, 1), ended_on=date(2024, 6, 10)
    )
    refused = import_rows(
        org.pk, "OC3", [(4, child.pk, {"IN_TOUCH": "YES", "ACTIV": "Q9", "ACCOM": "E1"})], year_end=YEAR[1]
    )
    assert refused == [(4, "Choose the young person's activity from the DfE's list")]
    assert not CareLeaver.objects.exists() and not BirthdayContact.objects.exists()
