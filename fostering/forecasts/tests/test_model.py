"""The pure models: what they learn from small exact inputs, and how the simulations behave."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from fostering.forecasts import model
from fostering.forecasts.model import DROP, MOVE, Levers, Spell, StageCounts

AS_OF = date(2026, 1, 1)
WINDOW = date(2025, 1, 1)


def counts(**values: object) -> StageCounts:
    defaults: dict[str, object] = {
        "stages": ("a", "b"),
        "moves": np.array([0.0, 0.0]),
        "drops": np.array([0.0, 0.0]),
        "exposure": np.array([12.0, 12.0]),
        "arrivals": np.array([0.0, 0.0]),
        "window_months": 12.0,
        "open_now": np.array([0, 0]),
    }
    return StageCounts(**{**defaults, **values})  # type: ignore[arg-type]


def test_stages_learn_moves_drops_exposure_and_open_journeys_as_they_stood():
    spells = [
        Spell(0, date(2025, 1, 1), date(2025, 3, 2), MOVE, arrival=True),  # 60 days, moved on
        Spell(1, date(2025, 3, 2), date(2025, 5, 1), DROP),  # 60 days, dropped
        Spell(0, date(2025, 12, 2), date(2026, 2, 1), MOVE, arrival=True),  # moves after as_of: open then
        Spell(0, date(2024, 6, 1), date(2024, 12, 1), DROP, arrival=True),  # before the window: not learnt
        Spell(1, date(2026, 3, 1)),  # starts after as_of: unknown then
    ]
    learnt = model.learn_stages(spells, ("a", "b"), as_of=AS_OF, window_start=WINDOW)
    assert learnt.moves.tolist() == [1, 0]
    assert learnt.drops.tolist() == [0, 1]
    assert learnt.open_now.tolist() == [1, 0]
    assert learnt.arrivals.tolist() == [1, 0]  # the first started on the window's first day, not after it
    assert learnt.exposure == pytest.approx([(60 + 30) / model.DAYS_PER_MONTH, 60 / model.DAYS_PER_MONTH])
    assert learnt.conversion[0] == 1.0 and learnt.conversion[1] == 0.0
    assert learnt.mean_months[0] == pytest.approx(90 / model.DAYS_PER_MONTH)


def test_pooling_adds_months_at_the_pooled_rates():
    own = counts(moves=np.array([0.0, 1.0]), exposure=np.array([2.0, 4.0]))
    pooled = counts(moves=np.array([10.0, 4.0]), drops=np.array([5.0, 0.0]), exposure=np.array([20.0, 8.0]))
    result = own.pooled_with(pooled, months=6)
    assert result.moves.tolist() == [3.0, 4.0]
    assert result.drops.tolist() == [1.5, 0.0]
    assert result.exposure.tolist() == [8.0, 10.0]


def test_a_chain_conserves_journeys_and_is_reproducible_with_a_seed():
    c = counts(
        moves=np.array([40.0, 30.0]),
        drops=np.array([20.0, 5.0]),
        open_now=np.array([7, 3]),
        arrivals=np.array([24.0, 0.0]),
    )
    first = model.simulate_chain(c, months=12, n_sims=500, rng=np.random.default_rng(1))
    again = model.simulate_chain(c, months=12, n_sims=500, rng=np.random.default_rng(1))
    assert first.shape == (500, 12, 2)
    assert np.array_equal(first, again)
    # Nothing leaves the second stage that did not enter it: journeys there plus those moving in.
    assert (first[:, :, 1].sum(axis=1) <= 3 + first[:, :, 0].sum(axis=1)).all()


def test_with_no_arrivals_and_certain_moves_every_open_journey_is_approved_in_the_first_months():
    c = counts(moves=np.array([0.0, 100000.0]), exposure=np.array([1.0, 10.0]), open_now=np.array([0, 5]))
    out = model.simulate_chain(c, months=3, n_sims=200, rng=np.random.default_rng(2))
    assert (out[:, :, 1].sum(axis=1) == 5).all()
    assert (out[:, 0, 1] == 5).all()


def test_levers_move_the_forecast_the_right_way():
    c = counts(
        moves=np.array([20.0, 10.0]),
        drops=np.array([20.0, 10.0]),
        exposure=np.array([60.0, 60.0]),
        arrivals=np.array([36.0, 0.0]),
        open_now=np.array([10, 10]),
    )

    def approvals(levers: Levers) -> float:
        out = model.simulate_chain(c, months=12, n_sims=4000, rng=np.random.default_rng(3), levers=levers)
        return float(out[:, :, -1].sum(axis=1).mean())

    base = approvals(Levers())
    assert approvals(Levers(campaign=0.5)) > base
    assert approvals(Levers(faster=0.3)) > base
    assert approvals(Levers(fewer_withdrawals=0.5)) > base


def test_levers_outside_sensible_ranges_are_refused_with_a_message():
    assert Levers(campaign=0.25, faster=0.2, fewer_withdrawals=0.3).errors() == {}
    assert Levers(campaign=-0.1, faster=0.6, fewer_withdrawals=1.0).errors() == {
        "campaign": "Enter a value between 0% and 200%",
        "faster": "Enter a value between 0% and 50%",
        "fewer_withdrawals": "Enter a value between 0% and 90%",
    }


def test_split_shares_a_flow_without_losing_any():
    flow = np.random.default_rng(4).poisson(5, size=(300, 12))
    parts = model.split(np.random.default_rng(5), flow, np.array([80.0, 10.0, 10.0]))
    assert parts.shape == (3, 300, 12)
    assert np.array_equal(parts.sum(axis=0), flow)
    assert parts[0].sum() > parts[1].sum()


def test_demand_learns_moves_exits_and_entries_from_snapshots():
    snapshots = [{1: 0, 2: 1}, {1: 0, 2: 0, 3: 1}, {1: 1, 3: 1}]
    learnt = model.learn_demand(snapshots, 2, (("0-4", "a"), ("0-4", "b")))
    # Child 1 stays in 0 then moves to 1; child 2 moves 1 -> 0 then leaves; child 3 enters in 1 and stays.
    assert learnt.transitions.tolist() == [[1, 1, 1], [1, 1, 0]]
    assert learnt.entries.tolist() == [0, 1]
    assert learnt.now.tolist() == [0, 2]
    assert learnt.window_months == 2


def test_demand_without_entries_never_grows_and_is_reproducible():
    learnt = model.DemandCounts(
        (("0-4", "a"), ("0-4", "b")),
        np.array([[90.0, 5.0, 5.0], [10.0, 85.0, 5.0]]),
        np.zeros(2),
        24.0,
        np.array([30, 20]),
    )
    out = model.simulate_demand(learnt, months=12, n_sims=300, rng=np.random.default_rng(6))
    again = model.simulate_demand(learnt, months=12, n_sims=300, rng=np.random.default_rng(6))
    assert np.array_equal(out, again)
    totals = out.sum(axis=2)
    assert (np.diff(totals, axis=1) <= 0).all() and (totals[:, 0] <= 50).all()
    # About 5% leave a month: after a year about 54% remain.
    assert totals[:, -1].mean() == pytest.approx(50 * 0.95**12, rel=0.1)


def test_households_lose_at_the_learnt_hazard_and_gain_the_approvals():
    counts_ = model.HouseholdCounts(
        (("mainstream", "under 55"), ("mainstream", "65 and over")),
        np.array([100, 0]),
        np.array([0.0, 0.0]),
        np.array([1e9, 1e9]),
        24.0,
    )
    approvals = {"mainstream": np.ones((50, 12), dtype=np.int64)}
    out = model.simulate_households(
        counts_, approvals, months=12, n_sims=50, rng=np.random.default_rng(7), entry_band="under 55"
    )
    assert out["mainstream"][:, -1].tolist() == [112] * 50


def test_backtest_errors_coverage_and_the_two_naive_baselines():
    samples = np.tile(np.array([[1.0, 2.0, 3.0]]), (100, 1))
    samples[:50] += 1  # median = value + 0.5; the 90% range is value to value + 1
    result = model.backtest(samples, actual=[1, 4, 3], year_before=[2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 8])
    assert result.mae == pytest.approx((0.5 + 1.5 + 0.5) / 3)
    assert result.coverage_90 == pytest.approx(2 / 3)
    assert result.mae_last_year == pytest.approx((1.5 + 1.5 + 0.5) / 3)  # the year's monthly mean, 2.5
    assert result.mae_same_month == pytest.approx((1 + 2 + 1) / 3)
    stock = model.backtest(samples, actual=[1, 4, 3], year_before=[2] * 11 + [8], stock=True)
    assert stock.mae_last_year == pytest.approx((7 + 4 + 5) / 3)  # the last figure known, 8
