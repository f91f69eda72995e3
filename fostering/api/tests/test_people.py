from datetime import date

import pytest

from fostering.accounts.roles import Role
from fostering.people.services import address_move

pytestmark = pytest.mark.django_db


def test_people_list_shows_only_my_councils_people(council_a, council_b, manager_a, make_person, client_for):
    # given a person in each council
    ours = make_person(council_a, first_name="Amira", last_name="Shah")
    make_person(council_b, first_name="Bella", last_name="Jones")
    # when
    response = client_for(manager_a).get("/api/v1/people")
    # then
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [p["id"] for p in body["items"]] == [ours.pk]
    assert body["items"][0] == {
        "id": ours.pk,
        "organisation_id": council_a.pk,
        "first_name": "Amira",
        "last_name": "Shah",
        "preferred_name": "",
        "date_of_birth": "1980-05-01",
        "sex": "U",
        "ethnicity": "NOBT",
        "religion": "not_known",
        "first_language": "English",
        "disability": "not_known",
        "email": "",
        "phone": "",
    }


def test_children_are_not_listed_as_people(council_a, manager_a, make_person, make_child, client_for):
    adult = make_person(council_a)
    make_child(council_a)
    body = client_for(manager_a).get("/api/v1/people").json()
    assert [p["id"] for p in body["items"]] == [adult.pk]


def test_people_search_matches_every_word(council_a, manager_a, make_person, client_for):
    amira = make_person(council_a, first_name="Amira", last_name="Shah")
    make_person(council_a, first_name="Amira", last_name="Jones")
    body = client_for(manager_a).get("/api/v1/people", {"search": "amira sha"}).json()
    assert [p["id"] for p in body["items"]] == [amira.pk]


def test_people_are_paginated_fifty_to_a_page(council_a, manager_a, make_person, client_for):
    for n in range(51):
        make_person(council_a, last_name=f"Person{n:02d}")
    client = client_for(manager_a)
    first = client.get("/api/v1/people").json()
    second = client.get("/api/v1/people", {"page": 2}).json()
    assert (first["count"], len(first["items"])) == (51, 50)
    assert [p["last_name"] for p in second["items"]] == ["Person50"]


def test_person_detail_includes_addresses(council_a, manager_a, make_person, client_for):
    person = make_person(council_a, first_name="Amira", last_name="Shah")
    address = address_move(
        person=person,
        line_1="1 Mill Lane",
        town="Wrexford",
        postcode="le38rf",
        moved_on=date(2020, 4, 1),
        by=None,
    )
    response = client_for(manager_a).get(f"/api/v1/people/{person.pk}")
    assert response.status_code == 200
    assert response.json()["addresses"] == [
        {
            "id": address.pk,
            "line_1": "1 Mill Lane",
            "line_2": "",
            "town": "Wrexford",
            "county": "",
            "postcode": "LE3 8RF",
            "valid_from": "2020-04-01",
            "valid_to": None,
        }
    ]


def test_another_councils_person_is_404_not_403(council_b, manager_a, make_person, client_for):
    theirs = make_person(council_b)
    response = client_for(manager_a).get(f"/api/v1/people/{theirs.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_a_child_is_not_reachable_as_a_person(council_a, manager_a, make_child, client_for):
    child = make_child(council_a)
    assert client_for(manager_a).get(f"/api/v1/people/{child.person_id}").status_code == 404


@pytest.mark.parametrize("bad", ["0", "abc", str(2**63)])
def test_an_impossible_id_is_422(manager_a, client_for, bad):
    response = client_for(manager_a).get(f"/api/v1/people/{bad}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "id"]


@pytest.mark.parametrize("params", [{"page": 0}, {"search": "x" * 101}, {"search": "a\x00b"}])
def test_bad_list_parameters_are_422(manager_a, client_for, params):
    assert client_for(manager_a).get("/api/v1/people", params).status_code == 422


@pytest.mark.parametrize(
    "role", [Role.RECRUITMENT_COORDINATOR, Role.DUTY_WORKER, Role.SUPERVISING_SOCIAL_WORKER]
)
def test_roles_that_view_people_see_their_councils_people(
    council_a, make_staff, make_person, client_for, role
):
    person = make_person(council_a)
    body = client_for(make_staff(council_a, role)).get("/api/v1/people").json()
    assert [p["id"] for p in body["items"]] == [person.pk]


@pytest.mark.parametrize("rows", [1, 10])
def test_people_list_runs_a_fixed_number_of_queries(
    council_a, manager_a, make_person, client_for, django_assert_num_queries, rows
):
    for _ in range(rows):
        make_person(council_a)
    client = client_for(manager_a)
    # token, last used, memberships, count, page
    with django_assert_num_queries(5):
        response = client.get("/api/v1/people")
    assert len(response.json()["items"]) == rows
