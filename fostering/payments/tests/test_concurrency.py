"""Two runs committed at the same moment on PostgreSQL (separate connections): one pays, the other is
refused by the database, and nothing is paid twice. SQLite serialises writers, so this runs on PostgreSQL;
the same guard is tested one after the other on both databases in test_runs.py."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.markers import postgresql_only

from ..choices import RunStatus
from ..models import LedgerEntry, PaymentRun, Remittance
from ..runs import run_approve, run_commit, run_draft
from . import factories as f

pytestmark = [
    pytest.mark.django_db(transaction=True),
    postgresql_only,  # needs separate connections
]


def _commit_at_once(runs: list[PaymentRun]) -> list[object]:
    barrier = threading.Barrier(len(runs))
    results: list[object] = [None] * len(runs)

    def commit(index: int) -> None:
        from django.db import connection as own

        try:
            barrier.wait()
            results[index] = run_commit(run=runs[index], by=None).status
        except ValidationError as refused:
            results[index] = refused.messages[0]
        finally:
            own.close()

    threads = [threading.Thread(target=commit, args=(i,)) for i in range(len(runs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _drafts(council, monkeypatch, *periods: date) -> list[PaymentRun]:
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 5, 31))
    runs = [run_draft(organisation=council, period=period, by=None) for period in periods]
    return [run_approve(run=run, by=None) for run in runs]


def test_two_runs_for_the_same_month_committed_at_once_pay_once(council, monkeypatch):
    f.rates(council)
    f.placement(f.household(council, level=2), f.child(council, date(2013, 6, 1)), date(2026, 2, 1))
    runs = _drafts(council, monkeypatch, date(2026, 5, 1), date(2026, 5, 1))
    results = _commit_at_once(runs)
    assert sorted(map(str, results)) == [
        "Another run for May 2026 has been committed: this one cannot be",
        "committed",
    ]
    assert PaymentRun.objects.filter(status=RunStatus.COMMITTED).count() == 1
    committed = PaymentRun.objects.get(status=RunStatus.COMMITTED)
    assert LedgerEntry.objects.count() == LedgerEntry.objects.filter(run=committed).count() == 2
    assert Remittance.objects.count() == 1


def test_runs_for_two_months_that_both_pay_the_same_month_cannot_both_commit(council, monkeypatch):
    f.rates(council)
    f.placement(f.household(council), f.child(council, date(2013, 6, 1)), date(2026, 2, 1))
    (march,) = _drafts(council, monkeypatch, date(2026, 3, 1))
    run_commit(run=march, by=None)
    runs = _drafts(council, monkeypatch, date(2026, 4, 1), date(2026, 5, 1))  # both would pay April
    results = _commit_at_once(runs)
    assert results.count("committed") == 1
    assert any("draft it again" in str(result) for result in results)
    april = LedgerEntry.objects.filter(service_month=date(2026, 4, 1))
    assert april.count() == 1
