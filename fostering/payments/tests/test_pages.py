"""The payments pages: the officer drafts, the manager approves, the officer commits; the carer reads the
statement in plain English, downloads it, and asks about a line; the export and reconciliation add up."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from fostering.accounts.roles import Role
from tests import builders

from ..models import CarerAccess, PaymentQuery, PaymentRun, Remittance
from ..reports import EXPORT_COLUMNS
from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def march(council, monkeypatch):
    """A council with round rates and one child placed at skill level 2 since February."""
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 3, 31))
    f.rates(council)
    home = f.household(council, level=2, name="Patel household")
    f.placement(home, f.child(council, date(2013, 6, 1)), date(2026, 2, 1))
    return home


def _as(client, user):
    client.force_login(user)
    return client


def test_the_officer_drafts_the_manager_approves_and_the_officer_commits(client, council, march):
    officer = builders.staff(council, Role.PAYMENTS_OFFICER)
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    response = _as(client, officer).post(reverse("payments:run_draft"), {"period_0": "3", "period_1": "2026"})
    run = PaymentRun.objects.get()
    assert response["Location"] == reverse("payments:run_detail", args=[run.pk])
    page = client.get(reverse("payments:run_detail", args=[run.pk])).content.decode()
    assert "Fostering allowance for A.B., 1 to 31 March 2026, 31 nights at £35.00 a night" in page
    assert "Approve the run" not in page  # the officer cannot approve
    _as(client, manager).post(reverse("payments:run_approve", args=[run.pk]))
    run.refresh_from_db()
    assert (run.status, run.approved_by) == ("approved", manager)
    _as(client, officer).post(reverse("payments:run_commit", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == "committed" and run.total == Decimal("2015.00")  # 31 x (£35 + £30)
    # a committed run cannot be discarded: the reason is shown and nothing changes
    response = client.post(reverse("payments:run_discard", args=[run.pk]))
    assert "This run was committed on 31 March 2026 and cannot be changed" in response.content.decode()
    run.refresh_from_db()
    assert run.status == "committed"


def test_a_future_month_is_refused_beside_the_field(client, council, march):
    officer = builders.staff(council, Role.PAYMENTS_OFFICER)
    response = _as(client, officer).post(reverse("payments:run_draft"), {"period_0": "4", "period_1": "2026"})
    body = response.content.decode()
    assert "There is a problem" in body
    assert "April 2026 has not started yet" in body
    assert not PaymentRun.objects.exists()


@pytest.fixture
def committed(council, march, monkeypatch):
    from ..runs import run_approve, run_commit, run_draft

    run = run_draft(organisation=council, period=date(2026, 3, 1), by=None)
    run_approve(run=run, by=None)
    return run_commit(run=run, by=None)


def test_the_staff_statement_pages_refuse_a_carer(client, council, march, committed):
    """A carer reads their statement, its PDF and their questions in the portal (fostering/portal/tests/
    test_money.py); the staff statement pages refuse a carer's sign-in, even with access to the household."""
    carer = builders.staff(council, Role.CARER)
    CarerAccess.objects.create(organisation=council, user=carer, fostering_household=march)
    remittance = Remittance.objects.get()
    client.force_login(carer)
    assert client.get(reverse("payments:statement", args=[remittance.pk])).status_code == 404
    line = committed.lines.get(category="fee")
    assert client.post(reverse("payments:line_query", args=[line.pk]), {"question": "?"}).status_code == 404
    assert not PaymentQuery.objects.exists()


def test_the_officer_answers_a_query_and_sees_its_age(client, council, march, committed):
    officer = builders.staff(council, Role.PAYMENTS_OFFICER)
    line = committed.lines.first()
    query = PaymentQuery.objects.create(
        organisation=council, line=line, raised_on=date(2026, 3, 21), question="Why?"
    )
    listing = _as(client, officer).get(reverse("payments:queries")).content.decode()
    assert "Why?" in listing and ">10<" in listing  # raised 21 March, today 31 March
    client.post(
        reverse("payments:query_answer", args=[query.pk]), {"answer": "The rate is weekly.", "close": "on"}
    )
    query.refresh_from_db()
    assert (query.status, query.answer, query.closed_on) == (
        "closed",
        "The rate is weekly.",
        date(2026, 3, 31),
    )


def test_the_finance_export_and_reconciliation_add_up(client, council, march, committed):
    officer = builders.staff(council, Role.PAYMENTS_OFFICER)
    export = _as(client, officer).get(reverse("payments:run_detail", args=[committed.pk]), {"format": "csv"})
    rows = export.content.decode().splitlines()
    assert rows[0].split(",") == EXPORT_COLUMNS
    assert len(rows) == 1 + 2
    assert sum(Decimal(row.split(",")[14]) for row in rows[1:]) == Decimal("2015.00")
    page = client.get(reverse("payments:run_reconciliation", args=[committed.pk])).content.decode()
    assert "This is the first committed run" in page
    assert "No team recorded" in page and "£2,015.00" in page


def test_the_command_prints_a_json_summary_and_commits_only_an_approved_run(council, march):
    out = StringIO()
    call_command("payment_run", "--period", "2026-03", "--json", stdout=out)
    summary = json.loads(out.getvalue())
    assert summary | {"run": 0} == {
        "organisation": "990",
        "period": "2026-03",
        "run": 0,
        "status": "draft",
        "lines": 2,
        "households": 1,
        "total": "2015.00",
        "by_kind": {"normal": "2015.00"},
    }
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No approved run for March 2026"):
        call_command("payment_run", "--period", "2026-03", "--commit")
    with pytest.raises(CommandError, match="April 2026 has not started yet"):
        call_command("payment_run", "--period", "2026-04")


def test_an_open_query_is_in_the_payments_officers_work_with_its_ten_working_day_clock(
    client, council, committed
):
    from fostering.deadlines.items import work_items_for

    officer = builders.staff(council, Role.PAYMENTS_OFFICER)
    query = PaymentQuery.objects.create(
        organisation=council, line=committed.lines.first(), raised_on=date(2026, 3, 20), question="Why?"
    )
    (item,) = [
        i for i in work_items_for(officer, date(2026, 3, 31)) if i.deadline.rule == "payment_query_answer"
    ]
    # 10 working days from Friday 20 March 2026: Friday 3 April (Good Friday) and Easter Monday are bank holidays
    assert (item.deadline.due, item.deadline.status.value, item.url) == (
        date(2026, 4, 7),
        "due_soon",
        reverse("payments:query_detail", args=[query.pk]),
    )
    body = _as(client, officer).get(reverse("payments:query_detail", args=[query.pk])).content.decode()
    assert "Answer due" in body


def test_the_officer_gives_a_carer_their_households_statements(client, council, march):
    officer = builders.staff(council, Role.PAYMENTS_OFFICER)
    carer = builders.staff(council, Role.CARER, first_name="Priya", last_name="Patel")
    url = reverse("payments:carer_access", args=[march.pk])
    response = _as(client, officer).post(url, {"user": carer.pk})
    assert response["Location"] == reverse("payments:annual", args=[march.pk])
    assert CarerAccess.objects.get().user == carer
    again = client.post(url, {"user": carer.pk}).content.decode()
    assert "Priya Patel can already read this household&#x27;s statements" in again
    assert CarerAccess.objects.count() == 1


LONG_QUESTION = (
    "Why has the fostering allowance for our second child gone down since the uprating in April when the letter "
    "from the council said every allowance would rise by three and a half per cent this year?"
)


def test_a_long_question_is_cut_at_a_word_on_the_answer_page_and_the_list(client, council, march, committed):
    officer = builders.staff(council, Role.PAYMENTS_OFFICER)
    query = PaymentQuery.objects.create(
        organisation=council,
        line=committed.lines.first(),
        raised_on=date(2026, 3, 21),
        question=LONG_QUESTION,
    )
    assert LONG_QUESTION[117:121] == "ounc"  # 120 characters would cut "council"
    shown = " ".join(LONG_QUESTION.split()[:20]) + "…"
    answer = _as(client, officer).get(reverse("payments:query_answer", args=[query.pk])).content.decode()
    assert f'<span class="govuk-caption-l">{shown}</span>' in answer
    assert LONG_QUESTION[:120] + "<" not in answer
    listing = client.get(reverse("payments:queries")).content.decode()
    assert shown.replace("…", " …") in listing  # the template filter puts a space before the ellipsis
    assert LONG_QUESTION[:119] not in listing
