"""The placement pages: the vacancy register's filters and counts, a referral made through its form, and a
refused end of placement shown beside the field."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.core import clock
from fostering.households.choices import PlacementType
from fostering.placements.models import Placement, Referral
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def duty_client(client, council):
    client.force_login(builders.staff(council, Role.DUTY_WORKER))
    return client


def test_the_vacancy_register_counts_places_and_filters_by_age_type_and_area(duty_client, council):
    young = builders.approved_household(council, name="Young household", age_min=0, age_max=4)
    teen = builders.approved_household(
        council, name="Teen household", age_min=11, age_max=18, placement_types=[PlacementType.LONG_TERM]
    )
    teen.household.postcode = "NN1 3AB"
    teen.household.save()
    child = builders.child(council, date_of_birth=date(2010, 1, 1))
    builders.in_care(child)
    builders.placement(child, teen, placement_type=PlacementType.LONG_TERM)
    builders.hold(young, kind="break", held_from=clock.today(), held_until=clock.today())

    body = duty_client.get(reverse("placements:vacancies"), {"show": "all"}).content.decode()
    counts = duty_client.get(reverse("placements:vacancies")).context["counts"]
    assert (counts.approved, counts.filled, counts.vacant, counts.unavailable) == (4, 1, 1, 2)
    assert "Young household" in body and "on a break until" in body

    def shown(**query: str) -> list[str]:
        return [row.name for row in duty_client.get(reverse("placements:vacancies"), query).context["rows"]]

    assert shown(show="all", age="3") == ["Young household"]
    assert shown(show="all", placement_type="short_term") == ["Young household"]
    assert shown(show="all", area="NN1") == ["Teen household"]
    assert shown(vacant="1") == ["Teen household"]
    assert shown() == ["Teen household"]  # by default only the households with a vacant place
    assert sorted(shown(show="all", age="3")) == ["Young household"]


def test_a_referral_made_through_the_form_goes_on_the_duty_teams_list(client, council):
    worker = builders.staff(council, Role.CHILDS_SOCIAL_WORKER)
    child = builders.child(council, social_worker=worker, first_name="Ruby", last_name="Vale")
    client.force_login(worker)
    today = clock.today()
    response = client.post(
        reverse("placements:referral_add", args=[child.pk]),
        {
            "referred_on_0": today.day,
            "referred_on_1": today.month,
            "referred_on_2": today.year,
            "start_kind": "emergency",
            "latest_start_on_0": today.day,
            "latest_start_on_1": today.month,
            "latest_start_on_2": today.year,
            "placement_type": "short_term",
            "pets": "no",
            "risks": ["going_missing"],
            "keep_same_school": "on",
        },
    )
    referral = Referral.objects.get(child=child)
    assert response.status_code == 302
    assert response["Location"] == reverse("placements:referral_detail", args=[referral.pk])
    assert (referral.start_kind, referral.risks, referral.referred_by) == (
        "emergency",
        ["going_missing"],
        worker,
    )
    listed = client.get(reverse("placements:referral_list")).content.decode()
    assert "Ruby Vale" in listed and "Emergency" in listed


def test_an_end_before_the_start_is_shown_beside_the_field(duty_client, council):
    fh = builders.approved_household(council)
    child = builders.child(council)
    builders.in_care(child)
    placement = builders.placement(child, fh, started_on=date(2024, 2, 1))
    response = duty_client.post(
        reverse("placements:end", args=[placement.pk]),
        {"ended_on_0": "31", "ended_on_1": "1", "ended_on_2": "2024", "reason_place_change": "CARPL"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "The end cannot be before the start (1 February 2024)" in body
    assert Placement.objects.get().ended_on is None


def test_recording_a_second_placement_shows_the_current_one_and_links_to_the_move(duty_client, council):
    here = builders.approved_household(council, name="Hill household")
    there = builders.approved_household(council, name="Dale household")
    child = builders.child(council, first_name="Ruby", last_name="Vale")
    builders.in_care(child)
    current = builders.placement(child, here, started_on=date(2024, 2, 1))
    response = duty_client.post(
        reverse("placements:start", args=[child.pk]),
        {
            "started_on_0": "1",
            "started_on_1": "3",
            "started_on_2": "2024",
            "start_kind": "planned",
            "placement_type": "short_term",
            "fostering_household": there.pk,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "Ruby Vale already has a placement from 1 February 2024" in body
    move = reverse("placements:move", args=[current.pk])
    detail = reverse("placements:detail", args=[current.pk])
    assert f'href="{move}">record a move from the current placement</a>' in body
    assert f'href="{detail}">open the current placement</a>' in body
    assert f'<a class="govuk-link" href="{detail}">Hill household' in body  # lives now with, named and linked
    assert list(Placement.objects.filter(child=child)) == [current]


def test_a_child_with_no_placement_is_placed_from_the_same_page(duty_client, council):
    home = builders.approved_household(council, name="Hill household")
    child = builders.child(council)
    builders.in_care(child)
    page = duty_client.get(reverse("placements:start", args=[child.pk])).content.decode()
    assert "No current placement" in page and 'id="already-placed"' not in page
    response = duty_client.post(
        reverse("placements:start", args=[child.pk]),
        {
            "started_on_0": "1",
            "started_on_1": "3",
            "started_on_2": "2024",
            "start_kind": "planned",
            "placement_type": "short_term",
            "fostering_household": home.pk,
        },
    )
    assert response["Location"] == reverse("children:care", args=[child.pk])
    assert Placement.objects.get(child=child).fostering_household == home


def _row(status: str, *, approved: int = 2, filled: int = 0, held: int = 0, vacant: int = 0, **extra):
    from fostering.placements.matching_data import VacancyRow

    return VacancyRow(
        household_id=1,
        name="Hill household",
        reference="FH-1",
        status=status,
        postcode="LE3 8RF",
        terms=None,
        approved=approved,
        filled=filled,
        held=held,
        unavailable=approved - filled - vacant,
        vacant=vacant,
        break_until=extra.pop("break_until", None),
        **extra,
    )


@pytest.mark.parametrize(
    ("row", "text", "mismatch"),
    [
        (_row("available", filled=1, vacant=1), "Available: 1 vacant place", False),
        (_row("available", filled=2), "Available, but all 2 places are filled", True),
        (_row("available", approved=1, filled=1), "Available, but its place is filled", True),
        (_row("available", approved=0), "Available, but no places are approved (no current terms)", True),
        (_row("available", filled=1, held=1), "Available, but no place is vacant: 1 held", False),
        (
            _row("available", break_until=date(2026, 1, 9)),
            "Available, but no place is vacant: the carers are on a break until 9 January 2026",
            False,
        ),
        (
            _row("available", open_allegation=True),
            "Available, but no place is vacant: there is an open allegation",
            False,
        ),
        (_row("full", filled=2), "Full", False),
        (_row("full", filled=1, held=1), "Full", False),
        (_row("full", filled=0), "Full, but no child is placed (2 approved)", True),
        (_row("full", approved=3, filled=1), "Full, but only 1 of 3 places filled", True),
        (_row("on_hold", filled=0), "On hold", False),
    ],
)
def test_the_status_is_shown_with_what_the_places_say_about_it(row, text, mismatch):
    assert (row.status_text, row.status_mismatch) == (text, mismatch)


def test_the_household_page_and_the_register_flag_a_status_the_places_contradict(client, council):
    from fostering.households.models import FosteringHousehold

    worker = builders.staff(council, Role.SERVICE_MANAGER)
    available = builders.approved_household(
        council, name="Hill household", number_of_children=1, sibling_group_max=1
    )
    full = builders.approved_household(council, name="Dale household", number_of_children=2)
    FosteringHousehold.objects.filter(pk=full.pk).update(status="full")
    child = builders.child(council)
    builders.in_care(child)
    builders.placement(child, available, started_on=date(2024, 2, 1))
    client.force_login(worker)

    page = client.get(reverse("households:detail", args=[available.pk])).content.decode()
    status = page.split('id="household-status">')[1].split("</dd>")[0]
    assert (
        status
        == 'Available, but its place is filled <strong class="govuk-tag govuk-tag--yellow">Check the status</strong>'
    )
    assert 'id="household-places">1 approved: 1 filled, 0 vacant</dd>' in page
    assert reverse("households:status_change", args=[available.pk]) in page
    page = client.get(reverse("households:detail", args=[full.pk])).content.decode()
    assert "Full, but no child is placed (2 approved)" in page and "Check the status" in page

    listing = client.get(reverse("households:list")).content.decode()
    assert "Available, but its place is filled <strong" in listing
    assert "Full, but no child is placed (2 approved) <strong" in listing

    register = client.get(reverse("placements:vacancies"), {"show": "all"}).content.decode()
    assert "Available, but its place is filled</span>" in register
    assert "Full, but no child is placed (2 approved)</span>" in register
    assert register.count("Check the status") == 2
