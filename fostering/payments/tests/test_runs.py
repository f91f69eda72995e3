"""Payment runs, computed by hand: each test gives the facts, runs the month, and checks every line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fostering.accounts.roles import Role
from fostering.concerns.models import Allegation
from fostering.households.choices import CarerType
from tests import builders

from ..choices import Category, LineKind, RunStatus
from ..models import LedgerEntry, PaymentLine, PaymentRun, Remittance
from ..runs import run_approve, run_commit, run_discard, run_draft
from ..services import fee_level_set
from . import factories as f


@pytest.fixture
def paid(council, monkeypatch):
    """A council with round rates; ``pay(month, today)`` drafts, approves and commits that month's run."""
    f.rates(council)

    def pay(period: date, today: date) -> PaymentRun:
        monkeypatch.setattr("fostering.core.clock.today", lambda: today)
        run = run_draft(organisation=council, period=period, by=None)
        run_approve(run=run, by=None)
        return run_commit(run=run, by=None)

    return pay


def lines(run: PaymentRun) -> list[tuple[str, str, date, date, int, Decimal]]:
    return [
        (line.category, line.kind, line.from_on, line.to_on, line.days, line.amount)
        for line in run.lines.order_by("category", "from_on")
    ]


def test_a_placement_from_a_wednesday_to_the_next_tuesday_pays_six_nights(council, paid):
    # given a 12-year-old placed on Wednesday 4 March 2026 who left on Tuesday 10 March, at skill level 2
    home = f.household(council, level=2)
    f.placement(home, f.child(council, date(2013, 6, 1)), date(2026, 3, 4), date(2026, 3, 10))
    # when March is paid
    run = paid(date(2026, 3, 1), date(2026, 3, 31))
    # then 6 nights (Wednesday to Monday): allowance 6 x £35 = £210, fee 6 x £30 = £180
    assert lines(run) == [
        ("allowance", "normal", date(2026, 3, 4), date(2026, 3, 9), 6, Decimal("210.00")),
        ("fee", "normal", date(2026, 3, 4), date(2026, 3, 9), 6, Decimal("180.00")),
    ]
    assert run.total == Decimal("390.00")
    allowance = run.lines.get(category=Category.ALLOWANCE)
    assert allowance.description == (
        "Fostering allowance for A.B., 4 to 9 March 2026, 6 nights at £35.00 a night (weekly £245.00, age 11 to 15)"
    )
    assert run.lines.get(category=Category.FEE).description == (
        "Carer's fee for A.B., 4 to 9 March 2026, 6 nights at £30.00 a night (weekly £210.00, skill level 2)"
    )
    assert Remittance.objects.get(run=run, fostering_household=home).total == Decimal("390.00")


def test_a_birthday_moves_the_child_to_the_higher_band_from_that_day(council, paid):
    # given a child placed since February who turns 11 on 15 March 2026 (no fee level recorded)
    home = f.household(council)
    f.placement(home, f.child(council, date(2015, 3, 15)), date(2026, 2, 1))
    run = paid(date(2026, 3, 1), date(2026, 3, 31))
    # then 1-14 March at £30 a night (age 5 to 10) = £420, 15-31 March 17 nights at £35 = £595
    assert lines(run) == [
        ("allowance", "normal", date(2026, 3, 1), date(2026, 3, 14), 14, Decimal("420.00")),
        ("allowance", "normal", date(2026, 3, 15), date(2026, 3, 31), 17, Decimal("595.00")),
    ]


def test_a_placement_ended_in_the_system_three_weeks_late_is_recovered_in_one_line(council, paid):
    # given a child placed since February, paid for all of March
    home = f.household(council)
    placement = f.placement(home, f.child(council, date(2013, 6, 1)), date(2026, 2, 1))
    march = paid(date(2026, 3, 1), date(2026, 3, 30))
    assert march.total == Decimal("1085.00")  # 31 nights at £35
    # when the end (the child left on 10 March) is recorded three weeks later, on 31 March
    placement.ended_on, placement.ended_recorded_on = date(2026, 3, 10), date(2026, 3, 31)
    placement.save()
    april = paid(date(2026, 4, 1), date(2026, 4, 30))
    # then April's run recovers 10 to 31 March: 22 nights at £35 = £770, and pays nothing for April
    assert lines(april) == [
        ("allowance", "recovery", date(2026, 3, 10), date(2026, 3, 31), 22, Decimal("-770.00"))
    ]
    line = april.lines.get()
    assert line.description == (
        "Recovery of fostering allowance for A.B., 10 to 31 March 2026, 22 nights at £35.00 a night: "
        "paid but not owed: the child was not placed with you on these nights as the record now shows"
    )
    assert sum(e.amount for e in LedgerEntry.objects.filter(service_month=date(2026, 3, 1))) == Decimal(
        "315.00"
    )


def test_a_fee_level_raised_from_two_months_back_pays_two_arrears_lines(council, paid):
    # given a child placed since 2025 with a level 1 carer, paid January to March 2026 at £140 a week
    home = f.household(council, level=1)
    f.placement(home, f.child(council, date(2013, 6, 1)), date(2025, 6, 1))
    for month, today in [(1, date(2026, 1, 31)), (2, date(2026, 2, 28)), (3, date(2026, 3, 31))]:
        paid(date(2026, month, 1), today)
    # when on 1 April the household moves to level 2 (£210) with effect from 1 February
    fee_level_set(fostering_household=home, level=2, valid_from=date(2026, 2, 1), by=None)
    april = paid(date(2026, 4, 1), date(2026, 4, 1))
    # then February (28 nights x £10 more = £280) and March (31 x £10 = £310) are paid as arrears
    arrears = [line for line in lines(april) if line[1] == LineKind.ARREARS]
    assert arrears == [
        ("fee", "arrears", date(2026, 2, 1), date(2026, 2, 28), 28, Decimal("280.00")),
        ("fee", "arrears", date(2026, 3, 1), date(2026, 3, 31), 31, Decimal("310.00")),
    ]
    assert april.lines.get(kind="arrears", service_month=date(2026, 2, 1)).description == (
        "Arrears of carer's fee for A.B., 1 to 28 February 2026, 28 nights at £10.00 a night: "
        "now owed £210.00 a week, skill level 2, paid £140.00 a week"
    )
    # and April itself is paid at level 2: 30 nights x £30 = £900
    assert april.lines.get(category="fee", kind="normal").amount == Decimal("900.00")


def test_a_respite_weekend_pays_two_nights(council, paid):
    # given a respite stay from Friday 6 March to Sunday 8 March 2026
    home = f.household(council, level=2, carer_type=CarerType.SHORT_BREAKS)
    f.placement(
        home, f.child(council, date(2016, 1, 1), "Cal", "Day"), date(2026, 3, 6), date(2026, 3, 8), "respite"
    )
    run = paid(date(2026, 3, 1), date(2026, 3, 31))
    # then Friday and Saturday nights at £60 = £120, with no separate allowance or fee
    assert lines(run) == [("nights", "normal", date(2026, 3, 6), date(2026, 3, 7), 2, Decimal("120.00"))]
    assert run.lines.get().description == "Respite for C.D., 6 to 7 March 2026, 2 nights at £60.00 a night"


def test_a_one_to_one_carer_is_paid_a_retainer_between_placements(council, paid):
    # given a One to One carer whose young person left on 10 March and the next arrived on 25 March
    home = f.household(council, carer_type=CarerType.SPECIALIST)
    f.placement(home, f.child(council, date(2011, 1, 1)), date(2026, 1, 5), date(2026, 3, 10), "one_to_one")
    f.placement(home, f.child(council, date(2012, 1, 1), "Dan", "Eve"), date(2026, 3, 25), None, "one_to_one")
    run = paid(date(2026, 3, 1), date(2026, 3, 31))
    # then the retainer covers 10 to 24 March: 15 days at £50 = £750
    retainer = run.lines.get(category=Category.RETAINER)
    assert (retainer.from_on, retainer.to_on, retainer.days, retainer.amount) == (
        date(2026, 3, 10),
        date(2026, 3, 24),
        15,
        Decimal("750.00"),
    )
    assert retainer.description == (
        "One to One retainer between placements, 10 to 24 March 2026, 15 days at £50.00 a day (weekly £350.00)"
    )
    # and the One to One fee is paid for 1-9 March (9 x £100) and 25-31 March (7 x £100)
    fees = sorted(run.lines.filter(category=Category.SCHEME_FEE).values_list("amount", flat=True))
    assert fees == [Decimal("700.00"), Decimal("900.00")]


def test_an_open_allegation_pays_the_full_fee_then_the_reduced_retainer(council, paid):
    # given a level 2 carer with no child placed and an allegation received on 1 January 2026, still open
    home = f.household(council, level=2)
    Allegation.objects.create(
        organisation=council, fostering_household=home, received_on=date(2026, 1, 1), summary="x"
    )
    run = paid(date(2026, 2, 1), date(2026, 2, 28))
    # then the first 8 weeks (to 25 February) are paid at the full fee, £30 a day: 25 days = £750,
    # and 26-28 February at the reduced £70 a week: 3 days = £30
    assert lines(run) == [
        ("retainer", "normal", date(2026, 2, 1), date(2026, 2, 25), 25, Decimal("750.00")),
        ("retainer", "normal", date(2026, 2, 26), date(2026, 2, 28), 3, Decimal("30.00")),
    ]


def test_kinship_carers_are_paid_from_the_first_day_of_the_regulation_24_placement(council, paid):
    # given a kinship household approved on 1 April 2026, with the child placed under Regulation 24 on 10 March
    kin = f.child(council, date(2013, 6, 1))
    home = f.household(
        council, carer_type=CarerType.KINSHIP, approved_on=date(2026, 4, 1), named_child_id=kin.pk
    )
    f.placement(home, kin, date(2026, 3, 10), None, "short_term")
    run = paid(date(2026, 3, 1), date(2026, 3, 31))
    # then March pays 10-31 March: 22 nights at £35 = £770
    assert lines(run) == [
        ("allowance", "normal", date(2026, 3, 10), date(2026, 3, 31), 22, Decimal("770.00"))
    ]


def test_a_mainstream_household_is_not_paid_before_its_approval(council, paid):
    home = f.household(council, approved_on=date(2026, 3, 20))
    f.placement(home, f.child(council, date(2013, 6, 1)), date(2026, 3, 10))
    run = paid(date(2026, 3, 1), date(2026, 3, 31))
    assert lines(run) == [
        ("allowance", "normal", date(2026, 3, 20), date(2026, 3, 31), 12, Decimal("420.00"))
    ]


def test_a_placement_recorded_late_is_paid_as_arrears_for_the_earlier_month(council, paid):
    home = f.household(council)
    paid(date(2026, 2, 1), date(2026, 2, 28))
    # the child arrived on 20 February but was recorded in March
    f.placement(home, f.child(council, date(2013, 6, 1)), date(2026, 2, 20))
    march = paid(date(2026, 3, 1), date(2026, 3, 31))
    assert lines(march) == [
        ("allowance", "arrears", date(2026, 2, 20), date(2026, 2, 28), 9, Decimal("315.00")),
        ("allowance", "normal", date(2026, 3, 1), date(2026, 3, 31), 31, Decimal("1085.00")),
    ]
    assert march.lines.get(kind="arrears").description.endswith(
        "not paid before: it was recorded after the run for that month"
    )


def test_a_repeated_run_pays_nothing_twice(council, paid, monkeypatch):
    home = f.household(council, level=2)
    f.placement(home, f.child(council, date(2013, 6, 1)), date(2026, 2, 1))
    paid(date(2026, 3, 1), date(2026, 3, 31))
    # a second run for March is refused with the reason
    with pytest.raises(ValidationError) as refused:
        run_draft(organisation=council, period=date(2026, 3, 1), by=None)
    assert "was committed on 31 March 2026" in str(refused.value)
    # April's run pays April only: March is not paid again
    april = paid(date(2026, 4, 1), date(2026, 4, 30))
    assert {line.service_month for line in april.lines.all()} == {date(2026, 4, 1)}
    # two drafts of May approved side by side: the first commits, the second is refused and writes nothing
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 5, 31))
    first, second = (run_draft(organisation=council, period=date(2026, 5, 1), by=None) for _ in range(2))
    run_approve(run=first, by=None)
    run_approve(run=second, by=None)
    run_commit(run=first, by=None)
    entries = LedgerEntry.objects.count()
    with pytest.raises(ValidationError) as clash:
        run_commit(run=second, by=None)
    assert "Another run for May 2026 has been committed" in str(clash.value)
    second.refresh_from_db()
    assert second.status == RunStatus.APPROVED
    assert LedgerEntry.objects.count() == entries
    assert not Remittance.objects.filter(run=second).exists()


def test_a_run_drafted_before_another_paid_the_same_months_cannot_commit(council, paid, monkeypatch):
    home = f.household(council)
    f.placement(home, f.child(council, date(2013, 6, 1)), date(2026, 2, 1))
    paid(date(2026, 3, 1), date(2026, 3, 31))
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 5, 31))
    # April and May drafted at once: both would pay April
    april = run_draft(organisation=council, period=date(2026, 4, 1), by=None)
    may = run_draft(organisation=council, period=date(2026, 5, 1), by=None)
    for run in (april, may):
        run_approve(run=run, by=None)
    run_commit(run=april, by=None)
    with pytest.raises(ValidationError) as stale:
        run_commit(run=may, by=None)
    assert "Another run has paid some of these months since this one was drafted" in str(stale.value)


def test_a_run_for_a_future_month_is_refused(council, paid, monkeypatch):
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 3, 31))
    with pytest.raises(ValidationError) as refused:
        run_draft(organisation=council, period=date(2026, 4, 1), by=None)
    assert refused.value.message_dict == {
        "period": ["April 2026 has not started yet: a run pays days up to the end of a month that has begun"]
    }
    assert not PaymentRun.objects.exists()


def test_a_committed_run_cannot_be_changed(council, paid):
    run = paid(date(2026, 3, 1), date(2026, 3, 31))
    for change in (run_approve, run_discard, run_commit):
        with pytest.raises(ValidationError) as refused:
            change(run=run, by=None)
        assert refused.value.message_dict["status"] == [
            "This run was committed on 31 March 2026 and cannot be changed: "
            "any correction is paid or recovered in the next month's run"
        ]
    run.refresh_from_db()
    assert run.status == RunStatus.COMMITTED


def test_a_draft_cannot_be_committed_before_a_manager_approves_it(council, paid, monkeypatch):
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 3, 31))
    run = run_draft(organisation=council, period=date(2026, 3, 1), by=None)
    with pytest.raises(ValidationError) as refused:
        run_commit(run=run, by=None)
    assert "A manager must approve it first" in str(refused.value)
    assert not LedgerEntry.objects.exists()


def test_only_a_manager_approves_and_never_a_run_they_drafted(council, paid, monkeypatch):
    from fostering.core.errors import NotAllowed

    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 3, 31))
    officer = builders.staff(council, Role.PAYMENTS_OFFICER)
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    social_worker = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    with pytest.raises(NotAllowed):
        run_draft(organisation=council, period=date(2026, 3, 1), by=social_worker)
    run = run_draft(organisation=council, period=date(2026, 3, 1), by=officer)
    with pytest.raises(NotAllowed):
        run_approve(run=run, by=officer)
    own = run_draft(organisation=council, period=date(2026, 3, 1), by=manager)
    with pytest.raises(ValidationError) as refused:
        run_approve(run=own, by=manager)
    assert refused.value.message_dict == {"status": ["You drafted this run: another manager approves it"]}
    run_approve(run=run, by=manager)
    assert run_commit(run=run, by=officer).status == RunStatus.COMMITTED
    assert PaymentLine.objects.filter(run=run).count() == 0
