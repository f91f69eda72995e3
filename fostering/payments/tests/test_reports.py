"""The reconciliation explains the difference from the previous run exactly; the annual statement follows
the tax year (6 April to 5 April) by the day each run was paid."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ..reports import annual_statement, reconcile, tax_year_of
from ..runs import run_approve, run_commit, run_draft
from . import factories as f

pytestmark = pytest.mark.django_db


def _pay(council, monkeypatch, period: date, today: date):
    monkeypatch.setattr("fostering.core.clock.today", lambda: today)
    run = run_draft(organisation=council, period=period, by=None)
    return run_commit(run=run_approve(run=run, by=None), by=None)


def test_the_difference_from_the_previous_run_is_explained_to_the_penny(council, monkeypatch):
    f.rates(council)
    home = f.household(council, level=1)
    leaving = f.placement(home, f.child(council, date(2013, 6, 1)), date(2026, 1, 1))
    f.placement(home, f.child(council, date(2018, 6, 1), "Ben", "Cole"), date(2026, 1, 1))
    february = _pay(council, monkeypatch, date(2026, 2, 1), date(2026, 2, 28))
    # the first child left on 20 February, recorded on 2 March; a third child arrived on 10 March
    leaving.ended_on, leaving.ended_recorded_on = date(2026, 2, 20), date(2026, 3, 2)
    leaving.save()
    f.placement(home, f.child(council, date(2020, 6, 1), "Cy", "Dee"), date(2026, 3, 10))
    march = _pay(council, monkeypatch, date(2026, 3, 1), date(2026, 3, 31))
    report = reconcile(march)
    assert report.previous == february
    assert report.difference == march.total - february.total
    assert sum(item.amount for item in report.explained) == report.difference
    labels = {item.label: item.amount for item in report.explained}
    # C.D. (aged 5): 22 nights at £30 allowance (age 5 to 10) + £20 fee (level 1) = £1,100
    assert labels["New placements and retainers"] == Decimal("1100.00")
    # A.B. was paid 28 nights in February at £35 + £20 = £1,540
    assert labels["Ended placements and retainers"] == Decimal("-1540.00")
    # recovered: 20 to 28 February, 9 nights at £55 = £495
    assert labels["Recoveries: this run's less the previous run's"] == Decimal("-495.00")
    assert [row[0] for row in report.by_category] == ["Fostering allowance", "Carer's fee"]


def test_the_annual_statement_counts_runs_paid_in_the_tax_year(council, monkeypatch):
    f.rates(council)
    home = f.household(council)
    f.placement(home, f.child(council, date(2013, 6, 1)), date(2026, 3, 1))
    _pay(council, monkeypatch, date(2026, 3, 1), date(2026, 4, 5))  # paid 5 April: 2025/26
    _pay(council, monkeypatch, date(2026, 4, 1), date(2026, 4, 6))  # paid 6 April: 2026/27
    assert (tax_year_of(date(2026, 4, 5)), tax_year_of(date(2026, 4, 6))) == (2025, 2026)
    statement = annual_statement(home, 2025)
    assert statement.total == Decimal("1085.00")  # March: 31 nights at £35
    assert annual_statement(home, 2026).total == Decimal("1050.00")  # April: 30 nights
    assert statement.by_category == [("Fostering allowance", Decimal("1085.00"))]
    assert "not tax advice" in statement.note


def test_the_tax_year_page_lists_only_the_statements_paid_in_that_tax_year(client, council, monkeypatch):
    from django.urls import reverse

    from fostering.accounts.roles import Role
    from tests import builders

    f.rates(council)
    home = f.household(council)
    f.placement(home, f.child(council, date(2013, 6, 1)), date(2026, 2, 1))
    _pay(council, monkeypatch, date(2026, 2, 1), date(2026, 2, 28))  # paid 28 February: 2025/26
    _pay(council, monkeypatch, date(2026, 3, 1), date(2026, 4, 5))  # paid 5 April: 2025/26
    _pay(council, monkeypatch, date(2026, 4, 1), date(2026, 4, 6))  # paid 6 April: 2026/27
    client.force_login(builders.staff(council, Role.PAYMENTS_OFFICER))

    def listed(year: int) -> str:
        page = client.get(reverse("payments:annual", args=[home.pk]), {"year": year}).content.decode()
        return page.split('id="tax-year-statements">')[1].split("</ul>")[0]

    earlier = listed(2025)
    assert ">February 2026</a>" in earlier and ">March 2026</a>: £1,085.00, paid 5 April 2026" in earlier
    assert "April 2026</a>: £1,050.00" not in earlier
    later = listed(2026)
    assert ">April 2026</a>: £1,050.00, paid 6 April 2026" in later
    assert "February 2026" not in later and "March 2026" not in later
    assert "No statements were paid in this tax year." in listed(2024)
