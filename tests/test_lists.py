"""List pages: the shared helper (pages, links with ellipses, bad page numbers, refused filters) and the
lists that use it (their default views, name searches and filters)."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator
from django.test import RequestFactory
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.core.lists import SEARCH_MAX_LENGTH, list_page, page_links
from fostering.recruitment.tests import factories as recruitment
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, service_manager):
    client.force_login(service_manager)
    return client


def _numbers(count: int, number: int) -> list[int | None]:
    return page_links(Paginator(range(count), 10).page(number))


def test_page_links_show_the_first_last_and_neighbours_with_ellipses_between():
    assert _numbers(200, 10) == [1, None, 9, 10, 11, None, 20]
    assert _numbers(200, 1) == [1, 2, None, 20]
    assert _numbers(30, 2) == [1, 2, 3]
    assert _numbers(5, 1) == [1]


@pytest.mark.parametrize(
    ("asked", "shown", "message"),
    [
        ("2", 2, ""),
        ("9", 3, "There is no page 9. Showing the last page, page 3."),
        ("abc", 1, "The page number must be a number. Showing the first page."),
        ("0", 1, "There is no such page. Showing the first page."),
        ("-4", 1, "There is no such page. Showing the first page."),
    ],
)
def test_a_page_past_the_end_or_not_a_number_shows_a_real_page_and_says_so(asked, shown, message):
    context = list_page(RequestFactory().get("/", {"page": asked, "q": "x"}), list(range(120)))
    assert (context["page_obj"].number, context["page_message"]) == (shown, message)
    assert context["query_without_page"] == "q=x&"


def test_children_default_to_those_in_care_now_with_a_choice_to_show_all(manager_client, council):
    in_care = builders.child(council, last_name="Incare")
    builders.in_care(in_care)
    builders.child(council, last_name="Notincare")

    def names(**query: str) -> list[str]:
        page = manager_client.get(reverse("children:list"), query).context["page_obj"]
        return [child.person.last_name for child in page]

    assert names() == ["Incare"]
    assert names(in_care="all") == ["Incare", "Notincare"]
    assert names(in_care="all", q="notin") == ["Notincare"]


def test_a_filter_value_that_is_not_valid_is_refused_beside_its_field(manager_client, council):
    response = manager_client.get(reverse("children:list"), {"in_care": "sometimes"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.context["filter"].form.errors["in_care"][0]
    assert 'class="govuk-error-message" id="id_in_care-error"' in response.content.decode()


def test_a_search_of_500_characters_is_refused_politely_and_shows_nothing_else(manager_client, council):
    recruitment.enquiry(council, first_name="Dana", last_name="Quill")
    for url in ("recruitment:enquiry_list", "children:list", "people:list", "households:list"):
        response = manager_client.get(reverse(url), {"q": "x" * 500})
        assert response.status_code == 200, url
        errors = response.context["filter"].form.errors["q"]
        assert f"at most {SEARCH_MAX_LENGTH} characters" in errors[0], url


def test_enquiries_are_searched_by_name_without_regard_to_case(manager_client, council):
    recruitment.enquiry(council, first_name="Dana", last_name="Quill")
    recruitment.enquiry(council, first_name="Eli", last_name="Marsh")
    page = manager_client.get(reverse("recruitment:enquiry_list"), {"q": "QUI"}).context["page_obj"]
    assert [enquiry.person.last_name for enquiry in page] == ["Quill"]


def test_households_and_people_are_searched_by_name(manager_client, council):
    builders.approved_household(council, name="Okafor household")
    builders.approved_household(council, name="Brennan household")
    page = manager_client.get(reverse("households:list"), {"q": "okaf"}).context["page_obj"]
    assert [fh.household.name for fh in page] == ["Okafor household"]
    people = manager_client.get(reverse("people:list"), {"q": "zzzz"}).context["page_obj"]
    assert list(people) == []


def test_lists_page_fifty_at_a_time_and_a_page_past_the_end_is_the_last(manager_client, council):
    for _ in range(53):
        recruitment.enquiry(council)
    first = manager_client.get(reverse("recruitment:enquiry_list"))
    assert (len(first.context["page_obj"]), first.context["page_obj"].paginator.num_pages) == (50, 2)
    assert 'aria-label="Page 2"' in first.content.decode()
    past = manager_client.get(reverse("recruitment:enquiry_list"), {"page": "99"})
    assert (past.status_code, len(past.context["page_obj"])) == (200, 3)
    assert "There is no page 99" in past.content.decode()


def test_referrals_offer_each_status_once(manager_client):
    form = manager_client.get(reverse("placements:referral_list")).context["filter"].form
    values = [value for value, _ in form.fields["status"].choices]
    assert len(values) == len(set(values))
    assert form["status"].value() == "to_place"


def test_my_work_groups_items_into_overdue_next_30_days_and_later(client, council, make_staff):
    ssw = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    builders.approved_household(council, ssw=ssw)
    client.force_login(ssw)
    context = client.get(reverse("mywork:home")).context
    items = context["items"]
    assert items, "an approved household has clocks for its worker"
    grouped = context["overdue"] + context["soon"] + context["later"]
    assert sorted(map(id, grouped)) == sorted(map(id, items))
    assert all(item.deadline.status == "overdue" for item in context["overdue"])
    assert all(item.deadline.status != "overdue" for item in context["soon"] + context["later"])
    assert list(context["page_obj"]) == context["later"][:25]
