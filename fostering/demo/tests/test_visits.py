"""The demo's social worker histories and visits: shapes the 903 rules accept, visits mostly in time."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from fostering.accounts.models import Organisation
from fostering.children.models import Child
from fostering.deadlines.status import DeadlineStatus
from fostering.demo.generator import build_scale
from fostering.visits.deadlines import visit_clocks
from fostering.visits.models import ChildVisit, SocialWorkerAllocation
from fostering.visits.ssda903 import export_rows

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture
def small() -> Organisation:
    build_scale("small", seed=7, today=TODAY)
    return Organisation.objects.get(code="990")


def test_every_child_in_care_has_a_history_ending_with_their_social_worker(small):
    in_care = Child.objects.filter(
        organisation=small, periods_of_care__ended_on__isnull=True, social_worker__isnull=False
    )
    assert in_care.exists()
    by_child: dict[int, list[SocialWorkerAllocation]] = {}
    for allocation in SocialWorkerAllocation.objects.filter(organisation=small).order_by("started_on"):
        by_child.setdefault(allocation.child_id, []).append(allocation)
    changes = 0
    for child in in_care:
        history = by_child[child.pk]
        assert history[0].reason == "FCONTA"
        assert history[0].started_on == child.periods_of_care.get(ended_on__isnull=True).started_on
        assert history[-1].ended_on is None and history[-1].worker_id == child.social_worker_id
        for before, after in pairwise(history):
            assert before.ended_on == after.started_on  # SW10a: each episode starts as the last ends
            assert after.started_on - before.started_on >= timedelta(days=3)  # SW09
            assert after.reason != "FCONTA" and after.worker_id != before.worker_id
        assert all(a.sw_id.startswith("SW") and len(a.sw_id) == 8 for a in history)  # SW02
        changes += len(history) - 1
    assert changes > 0


def test_visits_are_mostly_in_time_with_some_late_and_each_by_the_worker_allocated_then(small):
    visits = list(ChildVisit.objects.filter(organisation=small))
    assert (
        len(visits)
        > 10 * Child.objects.filter(organisation=small, periods_of_care__ended_on__isnull=True).count()
    )
    allocations = list(SocialWorkerAllocation.objects.filter(organisation=small))
    for visit in visits[:200]:
        [held] = [
            a
            for a in allocations
            if a.child_id == visit.child_id
            and a.started_on <= visit.visited_on
            and (a.ended_on is None or visit.visited_on < a.ended_on)
        ]
        assert held.worker_id == visit.visited_by_id
    clocks = visit_clocks(None, today=TODAY, query=None).values()
    overdue = sum(1 for clock in clocks if clock.status is DeadlineStatus.OVERDUE)
    assert 0 < overdue < 0.35 * len(clocks)


def test_the_demo_swepisodes_have_one_row_per_episode_open_in_the_year(small):
    rows = export_rows(small.pk, date(2025, 4, 1), date(2026, 3, 31))["SWEpisodes"]
    assert rows
    assert all(values["SW_REASON"] for _, values in rows)
    open_rows = [child for child, values in rows if values["SW_DEC"] == ""]
    assert len(open_rows) == len(set(open_rows))
