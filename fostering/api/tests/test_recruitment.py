from datetime import datetime

import pytest

from fostering.accounts.roles import Role
from fostering.deadlines.calendar import LONDON
from fostering.recruitment.tests import factories

pytestmark = pytest.mark.django_db


def test_a_recruitment_coordinator_sees_their_councils_enquiries_and_never_anothers(
    council_a, council_b, make_staff, client_for
):
    coordinator = make_staff(council_a, Role.RECRUITMENT_COORDINATOR)
    mine = factories.enquiry(council_a, last_name="Mine")
    theirs = factories.enquiry(council_b, last_name="Theirs")
    client = client_for(coordinator)
    listed = client.get("/api/v1/enquiries").json()
    assert [row["id"] for row in listed["items"]] == [mine.pk]
    assert listed["items"][0]["name"] == mine.person.full_name
    assert client.get(f"/api/v1/enquiries/{theirs.pk}").status_code == 404


def test_an_enquiry_has_its_deadlines_and_stage_changes(council_a, make_staff, client_for):
    coordinator = make_staff(council_a, Role.RECRUITMENT_COORDINATOR)
    enquiry = factories.enquiry(council_a, received_at=datetime(2022, 9, 16, 16, 30, tzinfo=LONDON))
    body = client_for(coordinator).get(f"/api/v1/enquiries/{enquiry.pk}").json()
    assert body["stage"] == "new"
    assert body["deadlines"] == [
        {
            "rule": "enquiry_response",
            "due": "2022-09-20T10:30:00+01:00",
            "met_on": None,
            "status": "overdue",
            "title": "Respond to an enquiry",
            "subject": None,
        }
    ]
    assert [(c["from_stage"], c["to_stage"]) for c in body["stage_changes"]] == [(None, "new")]


def test_information_events_list_with_their_bookings(council_a, council_b, make_staff, client_for):
    coordinator = make_staff(council_a, Role.RECRUITMENT_COORDINATOR)
    event = factories.event(council_a, title="Spring evening")
    factories.event(council_b, title="Elsewhere")
    rows = client_for(coordinator).get("/api/v1/information-events").json()["items"]
    assert [(row["id"], row["title"], row["booked"], row["attended"]) for row in rows] == [
        (event.pk, "Spring evening", 0, 0)
    ]


def test_a_role_without_the_view_permission_sees_no_enquiries(council_a, make_staff, client_for):
    factories.enquiry(council_a)
    ssw = make_staff(council_a, Role.SUPERVISING_SOCIAL_WORKER)
    assert client_for(ssw).get("/api/v1/enquiries").json()["count"] == 0
