"""The header search: records of every kind the user may open, scoped exactly as their lists are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fostering.accounts.permissions import ROLE_PERMISSIONS, Perm
from fostering.accounts.roles import STAFF_ROLES, Role
from fostering.assessments.tests import factories as assessment_factories
from fostering.audit.models import AuditEvent
from fostering.children.selectors import child_list_for_user
from fostering.recruitment.tests import factories as recruitment_factories
from fostering.search.registry import kinds
from fostering.search.selectors import PER_KIND
from tests import builders
from tests.markers import postgresql_only

pytestmark = pytest.mark.django_db

URL = "/search/"


def _search(client, text):
    response = client.get(URL, {"q": text})
    assert response.status_code == 200, response.status_code
    return response


def _titles(response, key):
    """The titles shown for one kind of record (empty if the kind is not shown at all)."""
    groups = {group["key"]: group for group in response.context["groups"]}
    return [record["title"] for record in groups[key]["records"]] if key in groups else None


def _group(response, key):
    return {group["key"]: group for group in response.context["groups"]}[key]


@pytest.fixture
def signed_in(client, service_manager):
    client.force_login(service_manager)
    return client


def test_the_page_is_at_search_and_every_kind_is_registered():
    assert reverse("search:results") == URL
    assert [kind.key for kind in kinds()] == ["children", "people", "households", "enquiries", "assessments"]


# ---------------------------------------------------------------------------------------------------------
# What matches


def test_a_child_is_found_by_first_name_last_name_both_and_part_of_a_name(signed_in, council):
    child = builders.child(council, first_name="Samiullah", last_name="Hakimi")
    builders.child(council, first_name="Ruby", last_name="Okafor")
    for text in ("Samiullah", "hakimi", "Samiullah Hakimi", "Hakimi Sami", "hakim"):
        response = _search(signed_in, text)
        assert _titles(response, "children") == ["Samiullah Hakimi"], text
        assert _group(response, "children")["records"][0]["url"] == reverse(
            "children:detail", args=[child.pk]
        )


def test_a_child_is_found_by_child_id_and_by_upn_whole_and_in_any_case(signed_in, council):
    child = builders.child(council, first_name="Ruby", last_name="Okafor")
    builders.child(council, first_name="Ada", last_name="Lovelace")
    assert _titles(_search(signed_in, child.child_id), "children") == ["Ruby Okafor"]
    assert _titles(_search(signed_in, child.child_id.lower()), "children") == ["Ruby Okafor"]
    assert _titles(_search(signed_in, child.upn), "children") == ["Ruby Okafor"]
    assert _titles(_search(signed_in, child.upn.lower()), "children") == ["Ruby Okafor"]
    # part of an identifier is not an identifier: C0000 would otherwise find every child
    assert _titles(_search(signed_in, child.child_id[:-1] + "X"), "children") == []


def test_a_household_is_found_by_name_and_by_reference(signed_in, council):
    household = builders.approved_household(council, name="Nowak household")
    builders.approved_household(council, name="Okonjo household")
    assert _titles(_search(signed_in, "Nowak"), "households") == ["Nowak household"]
    assert _titles(_search(signed_in, household.reference), "households") == ["Nowak household"]
    assert _titles(_search(signed_in, household.reference.lower()), "households") == ["Nowak household"]
    found = _group(_search(signed_in, household.reference), "households")["records"][0]
    assert found["url"] == reverse("households:detail", args=[household.pk])
    assert found["hint"].startswith(f"Reference {household.reference}")


def test_people_enquiries_and_assessments_are_found_by_name(signed_in, council):
    carer = builders.person(council, first_name="Marguerite", last_name="Delacroix")
    enquiry = recruitment_factories.enquiry(council, first_name="Bartholomew", last_name="Quince")
    assessment = assessment_factories.application(council, name="Vasquez household")
    response = _search(signed_in, "Delacroix")
    assert _titles(response, "people") == ["Marguerite Delacroix"]
    assert _group(response, "people")["records"][0]["url"] == reverse("people:detail", args=[carer.pk])
    response = _search(signed_in, "Bartholomew Quince")
    assert _titles(response, "enquiries") == ["Bartholomew Quince"]
    assert _group(response, "enquiries")["records"][0]["url"] == reverse(
        "recruitment:enquiry_detail", args=[enquiry.pk]
    )
    response = _search(signed_in, "vasquez")
    assert _titles(response, "assessments") == ["Vasquez household"]
    assert _group(response, "assessments")["records"][0]["url"] == reverse(
        "assessments:detail", args=[assessment.pk]
    )


def test_a_child_is_found_as_a_child_and_not_as_a_person(signed_in, council):
    """People leave out children in care (their record is reached through the child), as the list does."""
    builders.child(council, first_name="Zebedee", last_name="Marchbanks")
    response = _search(signed_in, "Marchbanks")
    assert _titles(response, "children") == ["Zebedee Marchbanks"]
    assert _titles(response, "people") == []


@postgresql_only
def test_on_postgresql_a_misspelt_name_is_still_found_by_trigram_similarity(signed_in, council):
    builders.child(council, first_name="Samiullah", last_name="Hakimi")
    builders.child(council, first_name="Ruby", last_name="Okafor")
    assert _titles(_search(signed_in, "Samiulah Hakimy"), "children") == ["Samiullah Hakimi"]


def test_results_are_grouped_with_counts_at_most_a_few_per_kind_and_a_link_to_the_whole_list(
    signed_in, council
):
    for n in range(PER_KIND + 2):
        builders.child(council, first_name="Alexandra", last_name=f"Child{n:02d}")
    response = _search(signed_in, "Alexandra")
    group = _group(response, "children")
    assert group["total"] == PER_KIND + 2
    assert len(group["records"]) == PER_KIND
    assert group["more"] is True
    assert group["list_url"] == "/children/?name=Alexandra"
    body = response.content.decode()
    assert 'href="/children/?name=Alexandra"' in body
    assert f"See all {PER_KIND + 2} in the list" in body
    assert _group(response, "households")["total"] == 0
    assert "No fostering households match." in body


# ---------------------------------------------------------------------------------------------------------
# Scope: a user never sees a result they could not open


def test_a_user_of_one_council_never_finds_another_councils_records(client, council, other_council):
    """The same names in both councils: a council's manager finds only their own, of every kind."""
    names = {
        "children": "Pemberton",
        "people": "Quillfeather",
        "households": "Thistlewood",
        "enquiries": "Brightwater",
        "assessments": "Marlowe",
    }
    urls = {}
    for org in (council, other_council):
        child = builders.child(org, first_name="Hollis", last_name="Pemberton")
        person = builders.person(org, first_name="Perpetua", last_name="Quillfeather")
        household = builders.approved_household(org, name="Thistlewood household")
        enquiry = recruitment_factories.enquiry(org, first_name="Octavia", last_name="Brightwater")
        assessment = assessment_factories.application(org, name="Marlowe household")
        urls[org.code] = {
            "children": reverse("children:detail", args=[child.pk]),
            "people": reverse("people:detail", args=[person.pk]),
            "households": reverse("households:detail", args=[household.pk]),
            "enquiries": reverse("recruitment:enquiry_detail", args=[enquiry.pk]),
            "assessments": reverse("assessments:detail", args=[assessment.pk]),
        }
    client.force_login(builders.staff(council, Role.SERVICE_MANAGER))
    for key, name in names.items():
        response = _search(client, name)
        assert [record["url"] for record in _group(response, key)["records"]] == [urls[council.code][key]], (
            key
        )
        body = response.content.decode()
        assert not [url for url in urls[other_council.code].values() if url in body], key


def test_a_role_that_cannot_open_children_gets_no_children_results(client, council):
    builders.child(council, first_name="Hollis", last_name="Pemberton")
    recruitment_factories.enquiry(council, first_name="Hollis", last_name="Pemberton")
    coordinator = builders.staff(council, Role.RECRUITMENT_COORDINATOR)
    assert not ROLE_PERMISSIONS[Role.RECRUITMENT_COORDINATOR] & {Perm.VIEW_CHILD, Perm.VIEW_CASELOAD_CHILD}
    client.force_login(coordinator)
    response = _search(client, "Pemberton")
    assert "children" not in {group["key"] for group in response.context["groups"]}
    assert _titles(response, "enquiries") == ["Hollis Pemberton"]
    assert "/children/" not in response.content.decode().split('id="main-content"')[1]
    # and nothing about children was read, so no read of children is recorded
    assert not AuditEvent.objects.filter(verb="searched").exists()


@pytest.mark.parametrize("role", sorted(STAFF_ROLES), ids=lambda role: role.value)
def test_each_role_finds_exactly_the_children_its_children_list_gives_it(client, council, role):
    """A child's social worker finds their own child and not a colleague's; a supervising social worker,
    and every other role, finds exactly the children the children list gives them."""
    user = builders.staff(council, role)
    colleague = builders.staff(council, Role.CHILDS_SOCIAL_WORKER)
    # the household is supervised by the user (a child's social worker supervises none)
    ssw = None if role == Role.CHILDS_SOCIAL_WORKER else user
    household = builders.approved_household(council, name="Thornbury household", ssw=ssw)
    placed = builders.child(council, first_name="Hollis", last_name="Pemberton", social_worker=colleague)
    builders.in_care(placed)
    builders.placement(placed, household)
    builders.child(council, first_name="Hollis", last_name="Pemberton", social_worker=user)
    builders.child(council, first_name="Hollis", last_name="Pemberton", social_worker=colleague)
    listed = sorted(
        reverse("children:detail", args=[child.pk])
        for child in child_list_for_user(user=user).filter(person__last_name="Pemberton")
    )
    client.force_login(user)
    response = client.get(URL, {"q": "Pemberton"})
    if response.status_code == 403:
        assert listed == []
        return
    groups = {group["key"]: group for group in response.context["groups"]}
    found = sorted(record["url"] for record in groups["children"]["records"]) if "children" in groups else []
    assert found == listed
    if role == Role.CHILDS_SOCIAL_WORKER:
        assert len(found) == 1


def test_a_carer_cannot_search_and_has_no_search_box(client, council):
    from fostering.portal.tests.factories import signed_up

    household = builders.approved_household(council, name="Pemberton household")
    carer, _ = signed_up(household)
    client.force_login(carer)
    # the search is a staff page: a carer's sign-in is kept to the portal, where there is no search box
    assert client.get(URL, {"q": household.reference}).status_code == 404
    home = client.get(reverse("mywork:home"), follow=True)
    assert home.redirect_chain[-1][0] == reverse("portal:home")
    assert 'id="header-search"' not in home.content.decode()


def test_the_search_box_is_in_the_header_for_staff_and_not_on_the_public_pages(client, signed_in, council):
    home = signed_in.get(reverse("mywork:home")).content.decode()
    header = home.split("</header>")[0]
    assert 'action="/search/"' in header and 'id="header-search"' in header
    signed_in.logout()
    public = client.get(reverse("recruitment:enquire", args=[council.code])).content.decode()
    assert 'id="header-search"' not in public


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client):
    response = client.get(URL, {"q": "Pemberton"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# ---------------------------------------------------------------------------------------------------------
# Bad input


def test_an_empty_search_prompts_and_runs_no_query_of_records(signed_in, council):
    builders.child(council)
    for params in ({}, {"q": ""}, {"q": "   "}):
        with CaptureQueriesContext(connection) as queries:
            response = signed_in.get(URL, params)
        assert response.status_code == 200
        assert "Type a name, a child ID, a UPN or a household’s reference" in response.content.decode()
        assert response.context["groups"] == []
        assert not [q for q in queries if "children_child" in q["sql"]]
    assert not AuditEvent.objects.filter(verb="searched").exists()


def test_a_search_of_500_characters_is_refused_beside_the_field_and_nothing_is_searched(signed_in, council):
    builders.child(council, first_name="A" * 10)
    with CaptureQueriesContext(connection) as queries:
        response = signed_in.get(URL, {"q": "A" * 500})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Search for at most 100 characters (you typed 500)" in body
    assert 'class="govuk-error-message"' in body and 'href="#q"' in body
    assert response.context["groups"] == []
    assert not [q for q in queries if "children_child" in q["sql"]]
    assert not AuditEvent.objects.filter(verb="searched").exists()
    # 100 characters are still searched
    assert "groups" in _search(signed_in, "A" * 100).context


def test_sql_and_html_in_a_search_are_shown_escaped_and_match_nothing(signed_in, council):
    builders.child(council, first_name="Robert", last_name="Tables")
    for text in ("Robert'); DROP TABLE children_child;--", "' OR '1'='1", '<script>alert("x")</script>'):
        response = _search(signed_in, text)
        body = response.content.decode()
        assert "<script>alert" not in body
        assert _group(response, "children")["total"] == 0 or text.startswith("Robert")
    body = _search(signed_in, '<script>alert("x")</script>').content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    # the table is still there and the child still found
    assert _titles(_search(signed_in, "Tables"), "children") == ["Robert Tables"]


# ---------------------------------------------------------------------------------------------------------
# The read of children is audited; the number of queries is pinned


def test_a_search_showing_children_writes_one_searched_event_naming_them(signed_in, council, service_manager):
    shown = [builders.child(council, first_name="Hollis", last_name=f"Pemberton{n}") for n in range(2)]
    builders.child(council, first_name="Ruby", last_name="Okafor")
    _search(signed_in, "Hollis")
    event = AuditEvent.objects.get(verb="searched")
    assert (event.actor, event.organisation_id, event.note) == (service_manager, council.pk, "search:results")
    assert event.changes == {"children": sorted(child.pk for child in shown), "search": "Hollis"}


def _queries(client, text):
    with CaptureQueriesContext(connection) as queries:
        _search(client, text)
    return len(queries)


def test_the_search_makes_one_query_per_kind_however_many_records_match(signed_in, council):
    """Pinned: the session and user (2), memberships (1), the header's organisation name (1), one query per
    kind of record (5), and the read event (1). Twelve matches of each kind cost what one does."""

    def one_of_each(n):
        household = builders.approved_household(council, name=f"Pemberton{n} household")
        builders.person(council, last_name=f"Pemberton{n}")
        child = builders.child(council, last_name=f"Pemberton{n}")
        builders.in_care(child)
        builders.placement(child, household)
        recruitment_factories.enquiry(council, last_name=f"Pemberton{n}")
        assessment_factories.application(council, name=f"Pemberton{n} household")

    one_of_each(0)
    few = _queries(signed_in, "Pemberton")
    for n in range(1, 12):
        one_of_each(n)
    many = _queries(signed_in, "Pemberton")
    assert few == many == 10
