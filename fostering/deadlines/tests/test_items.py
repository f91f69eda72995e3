from datetime import date, datetime, time

import pytest

from fostering.deadlines import items
from fostering.deadlines.calendar import LONDON, OfficeHours
from fostering.deadlines.items import (
    Deadline,
    WorkItem,
    count_by_status,
    register_work_provider,
    unregister_work_provider,
    work_items_for,
)
from fostering.deadlines.status import DeadlineStatus

OFFICE = OfficeHours(opens=time(9, 0), closes=time(17, 0))


def test_compute_annual_review():
    deadline = Deadline.compute("annual_review", date(2024, 3, 10), today=date(2025, 3, 4))
    assert deadline == Deadline(
        rule="annual_review", due=date(2025, 3, 10), met_on=None, status=DeadlineStatus.DUE_SOON
    )
    assert deadline.title == "Household review"
    assert deadline.as_dict() == {
        "rule": "annual_review",
        "due": "2025-03-10",
        "met_on": None,
        "status": "due_soon",
    }


def test_compute_uses_the_rules_own_window_and_variant():
    # annual_review turns due soon 20 working days out; on 10 Feb 2025 the review is 19 working days away.
    assert Deadline.compute("annual_review", date(2024, 3, 10), today=date(2025, 2, 10)).status is (
        DeadlineStatus.DUE_SOON
    )
    assert Deadline.compute("annual_review", date(2024, 3, 10), today=date(2025, 2, 7)).status is (
        DeadlineStatus.ON_TRACK
    )
    kinship = Deadline.compute("tsd_standards", date(2025, 1, 31), today=date(2026, 2, 2), variant="kinship")
    assert (kinship.due, kinship.status) == (date(2026, 7, 31), DeadlineStatus.ON_TRACK)


def test_compute_enquiry_response_met_late():
    deadline = Deadline.compute(
        "enquiry_response",
        datetime(2022, 9, 16, 16, 30, tzinfo=LONDON),
        met_on=datetime(2022, 9, 20, 11, 0, tzinfo=LONDON),
        today=date(2022, 9, 21),
        office=OFFICE,
    )
    assert deadline.as_dict() == {
        "rule": "enquiry_response",
        "due": "2022-09-20T10:30:00+01:00",
        "met_on": "2022-09-20T11:00:00+01:00",
        "status": "met_late",
    }


@pytest.fixture
def no_providers(monkeypatch):
    monkeypatch.setattr(items, "_providers", [])


def _item(title, due, status=DeadlineStatus.ON_TRACK):
    return WorkItem(
        deadline=Deadline(rule="annual_review", due=due, met_on=None, status=status),
        title=title,
        subject="Smith household",
        url="/households/1/",
        organisation_id=1,
    )


def test_work_items_are_gathered_once_and_sorted(no_providers):
    def reviews(user, today):
        return [_item("Annual review", date(2025, 3, 10)), _item("Annual review", date(2025, 3, 3))]

    def enquiries(user, today):
        return [
            _item("Respond to enquiry", datetime(2025, 3, 10, 10, 30, tzinfo=LONDON)),
            _item("Check DBS", date(2025, 3, 10)),
        ]

    register_work_provider(reviews)
    register_work_provider(reviews)
    register_work_provider(enquiries)
    result = work_items_for(object(), date(2025, 3, 1))
    assert [(i.title, i.deadline.due) for i in result] == [
        ("Annual review", date(2025, 3, 3)),
        ("Respond to enquiry", datetime(2025, 3, 10, 10, 30, tzinfo=LONDON)),
        ("Annual review", date(2025, 3, 10)),
        ("Check DBS", date(2025, 3, 10)),
    ]
    unregister_work_provider(enquiries)
    assert len(work_items_for(object(), date(2025, 3, 1))) == 2


def test_count_by_status_has_every_status():
    assert count_by_status([]) == {"on_track": 0, "due_soon": 0, "overdue": 0, "met": 0, "met_late": 0}
    work = [
        _item("a", date(2025, 3, 3), DeadlineStatus.OVERDUE),
        _item("b", date(2025, 3, 4), DeadlineStatus.OVERDUE),
        _item("c", date(2025, 3, 5), DeadlineStatus.DUE_SOON),
    ]
    assert count_by_status(work) == {"on_track": 0, "due_soon": 1, "overdue": 2, "met": 0, "met_late": 0}
