import pytest

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200
    return sorted(row["id"] for row in response.json()["items"])


def test_a_childs_social_worker_sees_only_their_own_children(council_a, make_staff, make_child, client_for):
    # given two social workers of the same council, each with a child
    mine_sw = make_staff(council_a, Role.CHILDS_SOCIAL_WORKER)
    other_sw = make_staff(council_a, Role.CHILDS_SOCIAL_WORKER)
    mine = make_child(council_a, social_worker=mine_sw)
    theirs = make_child(council_a, social_worker=other_sw)
    client = client_for(mine_sw)
    # when / then
    assert ids(client.get("/api/v1/children")) == [mine.pk]
    assert client.get(f"/api/v1/children/{mine.pk}").status_code == 200
    assert client.get(f"/api/v1/children/{theirs.pk}").status_code == 404


def test_a_service_manager_sees_all_the_councils_children_and_none_of_anothers(
    council_a, council_b, manager_a, make_staff, make_child, client_for
):
    sw = make_staff(council_a, Role.CHILDS_SOCIAL_WORKER)
    allocated = make_child(council_a, social_worker=sw)
    unallocated = make_child(council_a)
    elsewhere = make_child(council_b)
    client = client_for(manager_a)
    assert ids(client.get("/api/v1/children")) == sorted([allocated.pk, unallocated.pk])
    response = client.get(f"/api/v1/children/{elsewhere.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
    assert not AuditEvent.objects.filter(verb="viewed").exists()


def test_a_role_without_access_to_children_sees_none(council_a, make_staff, make_child, client_for):
    child = make_child(council_a)
    client = client_for(make_staff(council_a, Role.SUPERVISING_SOCIAL_WORKER))
    assert ids(client.get("/api/v1/children")) == []
    assert client.get(f"/api/v1/children/{child.pk}").status_code == 404


def test_child_detail_shows_the_child_and_logs_the_read(
    council_a, manager_a, make_staff, make_child, client_for
):
    # given
    sw = make_staff(council_a, Role.CHILDS_SOCIAL_WORKER, first_name="Ravi", last_name="Kaur")
    child = make_child(council_a, social_worker=sw, first_name="Lily", last_name="Brown", ethnicity="WBRI")
    # when
    response = client_for(manager_a).get(f"/api/v1/children/{child.pk}")
    # then
    assert response.status_code == 200
    assert response.json() == {
        "id": child.pk,
        "organisation_id": council_a.pk,
        "child_id": child.child_id,
        "upn": child.upn,
        "uasc": False,
        "social_worker": {"id": sw.pk, "name": "Ravi Kaur"},
        "person": {
            "first_name": "Lily",
            "last_name": "Brown",
            "date_of_birth": "2015-03-02",
            "sex": "F",
            "ethnicity": "WBRI",
        },
        "deadlines": [],
    }
    event = AuditEvent.objects.get(verb="viewed")
    assert (event.actor, event.record_type, event.record_id, event.organisation_id) == (
        manager_a,
        "children.child",
        str(child.pk),
        council_a.pk,
    )


def test_children_list_does_not_log_reads(council_a, manager_a, make_child, client_for):
    make_child(council_a)
    client_for(manager_a).get("/api/v1/children")
    assert not AuditEvent.objects.filter(verb="viewed").exists()


def test_children_search_by_name_or_child_id(council_a, manager_a, make_child, client_for):
    lily = make_child(council_a, first_name="Lily", last_name="Brown")
    other = make_child(council_a, first_name="Omar", last_name="Ali")
    client = client_for(manager_a)
    assert ids(client.get("/api/v1/children", {"search": "lily"})) == [lily.pk]
    assert ids(client.get("/api/v1/children", {"search": other.child_id})) == [other.pk]


@pytest.mark.parametrize("rows", [1, 10])
def test_children_list_runs_a_fixed_number_of_queries(
    council_a, manager_a, make_staff, make_child, client_for, django_assert_num_queries, rows
):
    for _ in range(rows):
        make_child(council_a, social_worker=make_staff(council_a, Role.CHILDS_SOCIAL_WORKER))
    client = client_for(manager_a)
    # token, last used, memberships, count, page (with person and social worker joined), the read event
    with django_assert_num_queries(6):
        response = client.get("/api/v1/children")
    assert len(response.json()["items"]) == rows
