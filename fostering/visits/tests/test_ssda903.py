"""The SWEpisodes table of the 903: export from the allocations, import back, idempotent."""

from __future__ import annotations

from datetime import date

import pytest

from fostering.accounts.roles import Role
from fostering.visits import ssda903
from fostering.visits.models import SocialWorkerAllocation
from fostering.visits.services import allocate_social_worker
from tests import builders

pytestmark = pytest.mark.django_db

YEAR = (date(2024, 4, 1), date(2025, 3, 31))


@pytest.fixture
def history(council):
    child = builders.child(council)
    builders.in_care(child, started_on=date(2023, 6, 1))
    first = builders.staff(council, Role.CHILDS_SOCIAL_WORKER)
    second = builders.staff(council, Role.CHILDS_SOCIAL_WORKER)
    third = builders.staff(council, Role.CHILDS_SOCIAL_WORKER)
    allocate_social_worker(
        child=child, worker=first, on=date(2023, 6, 1), reason="FCONTA", sw_id="SW100001", by=None
    )
    allocate_social_worker(
        child=child, worker=second, on=date(2024, 1, 8), reason="LEFTRL", sw_id="SW100002", by=None
    )
    allocate_social_worker(
        child=child, worker=third, on=date(2025, 5, 6), reason="TSPROC", sw_id="SW100003", by=None
    )
    not_in_care = builders.child(council)
    allocate_social_worker(child=not_in_care, worker=first, on=date(2024, 6, 1), reason="FCONTA", by=None)
    return child


def test_export_gives_the_episodes_open_in_the_year_with_an_end_after_it_left_blank(council, history):
    rows = ssda903.export_rows(council.pk, *YEAR)
    assert rows == {
        "SWEpisodes": [
            (
                history.pk,
                {"SW_ID": "SW100002", "SW_DECOM": "08/01/2024", "SW_DEC": "", "SW_REASON": "LEFTRL"},
            ),
        ]
    }
    assert set(ssda903.TABLES["SWEpisodes"]) == {"CHILD", "DOB"} | set(rows["SWEpisodes"][0][1])
    earlier = ssda903.export_rows(council.pk, date(2023, 4, 1), date(2024, 3, 31))["SWEpisodes"]
    assert [values["SW_DEC"] for _, values in earlier] == ["08/01/2024", ""]


def test_import_then_export_gives_the_same_rows_and_importing_twice_writes_once(
    council, history, other_council
):
    exported = ssda903.export_rows(council.pk, date(2023, 4, 1), date(2024, 3, 31))["SWEpisodes"]
    child = builders.child(other_council)
    builders.in_care(child, started_on=date(2023, 6, 1))
    rows = [(n, child.pk, values) for n, (_, values) in enumerate(exported, start=2)]
    assert ssda903.import_rows(other_council.pk, "SWEpisodes", rows) == []
    assert ssda903.import_rows(other_council.pk, "SWEpisodes", rows) == []
    assert SocialWorkerAllocation.objects.filter(child=child).count() == 2
    again = ssda903.export_rows(other_council.pk, date(2023, 4, 1), date(2024, 3, 31))["SWEpisodes"]
    assert [values for _, values in again] == [values for _, values in exported]


def test_a_later_year_closes_the_episode_an_earlier_year_left_open(council, other_council):
    child = builders.child(other_council)
    builders.in_care(child, started_on=date(2023, 6, 1))
    open_row = {"SW_ID": "SW700007", "SW_DECOM": "01/06/2023", "SW_DEC": "", "SW_REASON": "FCONTA"}
    assert ssda903.import_rows(other_council.pk, "SWEpisodes", [(2, child.pk, open_row)]) == []
    closed = open_row | {"SW_DEC": "01/09/2024"}
    assert ssda903.import_rows(other_council.pk, "SWEpisodes", [(2, child.pk, closed)]) == []
    assert SocialWorkerAllocation.objects.get(child=child).ended_on == date(2024, 9, 1)


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"SW_DECOM": "31/02/2024"}, "SW_DECOM '31/02/2024' is not a date that exists, written dd/mm/YYYY"),
        (
            {"SW_ID": "AB1234"},
            "SW_ID 'AB1234' does not begin with SW or XX followed by 2 to 8 letters or digits",
        ),
        ({"SW_REASON": "LAZINESS"}, "SW_REASON 'LAZINESS' is not a code of the DfE's list"),
        ({"SW_REASON": ""}, "SW_REASON is required for an episode that started on or after 1 April 2023"),
        ({"SW_DEC": "01/05/2024"}, "SW_DEC is not after SW_DECOM"),
    ],
)
def test_bad_rows_are_refused_with_the_reason_and_nothing_written(other_council, values, reason):
    child = builders.child(other_council)
    row = {"SW_ID": "SW123456", "SW_DECOM": "01/06/2024", "SW_DEC": "", "SW_REASON": "FCONTA"} | values
    assert ssda903.import_rows(other_council.pk, "SWEpisodes", [(5, child.pk, row)]) == [(5, reason)]
    assert not SocialWorkerAllocation.objects.exists()


def test_a_conflicting_or_overlapping_episode_is_refused(other_council):
    child = builders.child(other_council)
    row = {"SW_ID": "SW123456", "SW_DECOM": "01/06/2024", "SW_DEC": "", "SW_REASON": "FCONTA"}
    assert ssda903.import_rows(other_council.pk, "SWEpisodes", [(2, child.pk, row)]) == []
    refused = ssda903.import_rows(
        other_council.pk,
        "SWEpisodes",
        [
            (3, child.pk, row | {"SW_ID": "SW999999"}),
            (4, child.pk, row | {"SW_DECOM": "01/07/2024", "SW_REASON": "MANAGE"}),
        ],
    )
    assert [number for number, _ in refused] == [3, 4]
    assert "overlaps" in refused[1][1]
    assert SocialWorkerAllocation.objects.count() == 1
