"""The household page lists the children placed, now and before; a supervising social worker opens the
children placed in the households allocated to them, and no others."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.households.choices import CarerType, PlacementType
from fostering.placements.services import placement_end
from tests import builders

pytestmark = pytest.mark.django_db


def _placed(council, fh, first_name: str, *, ended_on: date | None = None):
    child = builders.child(council, first_name=first_name, last_name="Hart", date_of_birth=date(2015, 3, 2))
    builders.in_care(child, started_on=date(2024, 1, 20))
    placement = builders.placement(child, fh, started_on=date(2024, 2, 1))
    if ended_on is not None:
        placement_end(placement=placement, ended_on=ended_on, reason_place_change="CHILD", by=None)
    return child


@pytest.fixture
def setting(council):
    ssw = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    theirs = builders.approved_household(council, name="Patel household", ssw=ssw, number_of_children=8)
    elsewhere = builders.approved_household(council, name="Okafor household")
    now = _placed(council, theirs, "Leo")
    before = _placed(council, theirs, "Mia", ended_on=date(2024, 5, 6))
    other = _placed(council, elsewhere, "Ola")
    return ssw, theirs, now, before, other


def test_a_supervising_social_worker_opens_the_children_placed_in_their_households(client, setting):
    ssw, _, now, before, other = setting
    client.force_login(ssw)
    assert client.get(reverse("children:detail", args=[now.pk])).status_code == 200
    assert client.get(reverse("children:detail", args=[before.pk])).status_code == 200
    assert client.get(reverse("children:care", args=[before.pk])).status_code == 200
    assert client.get(reverse("children:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("children:edit", args=[now.pk])).status_code == 403
    listed = client.get(reverse("children:list")).content.decode()
    assert "Leo Hart" in listed and "Mia Hart" in listed and "Ola Hart" not in listed


def test_the_household_page_lists_the_children_placed_now_and_before(client, setting):
    ssw, theirs, now, before, _ = setting
    client.force_login(ssw)
    page = client.get(reverse("households:detail", args=[theirs.pk])).content.decode()
    living = page.split('id="children-now"')[1].split("</table>")[0]
    earlier = page.split('id="children-before"')[1].split("</table>")[0]
    assert f'href="{reverse("children:detail", args=[now.pk])}">Leo Hart</a>' in living
    assert "1 February 2024" in living and "Living here now" in living and "Mia" not in living
    assert f'href="{reverse("children:detail", args=[before.pk])}">Mia Hart</a>' in earlier
    assert "6 May 2024 (Child requested the end)" in earlier


def test_a_user_who_may_not_open_the_child_sees_the_name_without_a_link(client, council, setting):
    _, theirs, now, _, _ = setting
    client.force_login(builders.staff(council, Role.TRAINING_COORDINATOR))
    page = client.get(reverse("households:detail", args=[theirs.pk])).content.decode()
    assert "Leo Hart" in page
    assert reverse("children:detail", args=[now.pk]) not in page


def test_a_kinship_household_names_its_named_child(client, council, service_manager):
    child = builders.child(council, first_name="Nia", last_name="Jones")
    fh = builders.approved_household(
        council,
        carer_type=CarerType.KINSHIP,
        placement_types=[PlacementType.LONG_TERM],
        named_child_id=child.pk,
    )
    client.force_login(service_manager)
    page = client.get(reverse("households:detail", args=[fh.pk])).content.decode()
    assert (
        f'Approved for <a class="govuk-link" href="{reverse("children:detail", args=[child.pk])}">Nia Jones</a>'
        in page
    )
    assert "(ID " not in page


def test_the_household_page_runs_the_same_queries_however_many_children_were_placed(client, council, setting):
    ssw, theirs, *_ = setting

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("households:detail", args=[theirs.pk])).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(ssw)
    few = queries()
    for n in range(3):
        _placed(council, theirs, f"Extra{n}", ended_on=date(2024, 4, 1 + n))
    assert queries() == few
