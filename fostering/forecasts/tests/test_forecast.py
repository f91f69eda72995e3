"""The forecast from the records as they stood on a date, its checks, the page, the downloads and the command."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from fostering.accounts.models import Organisation
from fostering.accounts.roles import Role
from fostering.assessments.models import Assessment
from fostering.assessments.models import StageChange as AssessmentStageChange
from fostering.core import clock
from fostering.demo.generator import build_scale
from fostering.forecasts import forecast, history, views
from fostering.forecasts.model import Levers
from tests import builders

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)
AS_OF = date(2025, 9, 1)


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch) -> Organisation:
    build_scale("small", seed=5, today=TODAY)
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.setattr(views, "PAGE_SIMS", 300)
    return Organisation.objects.get(code="990")


def test_history_reads_the_assessments_as_they_stood_on_the_date(demo):
    by_kind, _ = history.assessment_spells(demo.pk, AS_OF)
    open_then = sum(int(s.end is None) for spells in by_kind.values() for s in spells)
    # Recount: assessments accepted by then (not independent visitors) whose last change by then left them open.
    expected = 0
    for a in Assessment.objects.filter(organisation=demo, application_accepted_on__lte=AS_OF).exclude(
        kind="independent_visitor"
    ):
        last = (
            AssessmentStageChange.objects.filter(assessment=a, changed_on__lte=AS_OF)
            .order_by("changed_on", "id")
            .last()
        )
        expected += last is None or last.to_stage not in ("withdrawn", "approved", "not_approved")
    assert open_then == expected > 0
    # A later date sees the later changes: fewer or other journeys open, never the same spells.
    later, _ = history.assessment_spells(demo.pk, TODAY)
    assert sum(len(s) for s in later.values()) > sum(len(s) for s in by_kind.values())


def test_the_forecast_is_reproducible_and_the_levers_raise_approvals(demo):
    first = forecast.run(organisation_id=demo.pk, as_of=TODAY, n_sims=500, compare=False)
    again = forecast.run(organisation_id=demo.pk, as_of=TODAY, n_sims=500, compare=False)
    assert first.approvals["all"].p50 == again.approvals["all"].p50
    assert first.children["all"].mean == again.children["all"].mean
    assert len(first.months) == 12 and first.months[0] == date(2026, 4, 2)
    levers = Levers(campaign=1.0, faster=0.4, fewer_withdrawals=0.8)
    changed = forecast.run(organisation_id=demo.pk, as_of=TODAY, n_sims=500, levers=levers)
    assert changed.compared is not None
    assert changed.stage_throughput["applications"] > changed.compared.stage_throughput["applications"]
    assert sum(changed.approvals["all"].mean) > sum(changed.compared.approvals["all"].mean)


def test_requests_outside_the_records_or_the_sensible_ranges_are_refused(demo):
    errors = forecast.check(
        organisation_id=demo.pk, as_of=date(2026, 3, 3), today=TODAY, months=12, levers=Levers(campaign=3)
    )
    assert errors == {
        "campaign": "Enter a value between 0% and 200%",
        "as_of": "The forecast date must be today or in the past",
    }
    first = history.first_record(demo.pk)
    assert first is not None
    errors = forecast.check(
        organisation_id=demo.pk, as_of=date(2000, 1, 1), today=TODAY, months=30, levers=Levers()
    )
    assert errors == {
        "as_of": f"The forecast date must be on or after the day the records begin ({first:%-d %B %Y})",
        "months": "Months ahead must be between 1 and 24",
    }


def test_a_council_with_too_little_history_gets_no_forecast(council):
    builders.approved_household(council, approved_on=date(2026, 1, 5))
    with pytest.raises(forecast.TooLittleHistory, match="too little history"):
        forecast.run(organisation_id=council.pk, as_of=TODAY, n_sims=100)


def test_the_backtest_sets_the_forecast_against_what_happened_and_the_baselines(demo):
    result = forecast.run_backtest(organisation_id=demo.pk, as_of=date(2025, 3, 2), today=TODAY, n_sims=500)
    assert result is not None and len(result.months) == 12
    approvals = history.approvals_by_month(demo.pk, date(2025, 3, 2), 12)
    assert result.actual_approvals == [sum(v[k] for v in approvals.values()) for k in range(12)]
    assert result.actual_children == history.children_in_care_by_month(demo.pk, date(2025, 3, 2), 12)
    assert result.actual_children[-1] == len(history.care_snapshots(demo.pk, [TODAY])[0])
    assert 0 <= result.children.coverage_90 <= 1 and result.children.mae >= 0
    assert forecast.run_backtest(organisation_id=demo.pk, as_of=date(2026, 2, 15), today=TODAY) is None


def test_the_page_shows_the_forecast_the_levers_side_by_side_and_the_backtest(demo, client):
    manager = builders.staff(demo, Role.SERVICE_MANAGER)
    client.force_login(manager)
    url = reverse("forecasts:forecast")
    page = client.get(url)
    assert page.status_code == 200
    assert b'data-table="approval-totals"' in page.content and b'data-table="backtest"' in page.content
    assert b"Without the changes" not in page.content
    query = {"as_of_0": "2", "as_of_1": "3", "as_of_2": "2026", "campaign": "50", "faster": "20"}
    changed = client.get(url, {**query, "fewer_withdrawals": "30", "target": "5"})
    assert changed.status_code == 200
    assert b"Without the changes" in changed.content and b"The chance of meeting it" in changed.content
    refused = client.get(url, {**query, "fewer_withdrawals": "95"})
    assert b"Enter a value between 0% and 90%" in refused.content
    assert b'data-table="approval-totals"' not in refused.content
    future = client.get(url, {**query, "as_of_0": "3", "fewer_withdrawals": "0"})
    assert b"The forecast date must be today or in the past" in future.content


def test_the_downloads_hold_the_same_figures(demo, client):
    client.force_login(builders.staff(demo, Role.SERVICE_MANAGER))
    url = reverse("forecasts:forecast")
    text = client.get(url, {"format": "csv"}).content.decode()
    lines = text.splitlines()
    assert lines[0] == "section,group,month_end,mean,p5,p25,p50,p75,p95,actual"
    assert any(line.startswith("approvals,all,2026-04-02,") for line in lines)
    assert any(line.startswith("backtest_children_in_care,all,") for line in lines)
    book = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    rows = list(book.active.iter_rows(values_only=True))
    assert [str(v) for v in rows[0]] == lines[0].split(",")
    assert len(rows) == len(lines)


def test_staff_without_the_permission_cannot_open_the_page(demo, client):
    client.force_login(builders.staff(demo, Role.SUPERVISING_SOCIAL_WORKER))
    assert client.get(reverse("forecasts:forecast")).status_code == 403


def test_the_command_prints_the_forecast_and_the_backtest_as_json(demo):
    out = io.StringIO()
    call_command(
        "forecast", organisation="990", as_of=date(2025, 3, 2), months=12, futures=300, json=True, stdout=out
    )
    result = json.loads(out.getvalue())
    assert result["as_of"] == "2025-03-02" and len(result["months"]) == 12
    assert set(result["backtest"]["approvals"]) >= {"mae", "coverage_90", "mae_last_year", "mae_same_month"}
    assert len(result["backtest"]["actual_children_in_care"]) == 12
    with pytest.raises(CommandError, match="today or in the past"):
        call_command("forecast", organisation="990", as_of=date(2027, 1, 1), stdout=io.StringIO())
    with pytest.raises(CommandError, match="no organisation"):
        call_command("forecast", organisation="000", stdout=io.StringIO())
