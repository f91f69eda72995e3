"""The forecasting models: pure numpy, no database (the records come in through ``history.py``).

Three Monte Carlo models, each learnt from counts and simulated month by month, every simulated future
drawing its own parameters from their posterior so the ranges carry the uncertainty of what was learnt:

- the recruitment pipeline (``simulate_chain``): journeys in a line of stages; each month a journey in a
  stage moves on, drops out or stays, at rates learnt from the recorded stage changes (moves and drops over
  the months journeys spent in the stage, so journeys still open count too). Rates are Gamma posteriors
  (Jeffreys prior); new journeys arrive as a Poisson stream. What moves on from the last stage is approved.
- children in care (``simulate_demand``): a Markov chain over (age band, placement type) learnt from
  month-end snapshots, each row a Dirichlet posterior of where a child in that state is a month later
  (including out of care), with entries as Poisson streams per state, like Data to Insight's
  cs-demand-model.
- households (``simulate_households``): open households by kind of carer and carers' age band, each month
  losing households at a hazard learnt from the past, gaining the pipeline's approvals.

``backtest`` compares a forecast with what happened and with two naive baselines.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

DAYS_PER_MONTH = 365.25 / 12
JEFFREYS = 0.5
# Months of the pooled (all kinds) rate added to a kind's own counts, so a kind with few journeys borrows
# strength from the others instead of forecasting from two or three cases.
POOLING_MONTHS = 6.0
PERCENTILES = (5, 25, 50, 75, 95)
MOVE, DROP, BACK = "move", "drop", "back"

LEVER_LIMITS = {
    "campaign": (0.0, 2.0),
    "faster": (0.0, 0.5),
    "fewer_withdrawals": (0.0, 0.9),
}


@dataclass(frozen=True)
class Levers:
    """What a manager can try: ``campaign`` 0.25 is a quarter more enquiries, ``faster`` 0.2 is stages a
    fifth shorter (same conversion), ``fewer_withdrawals`` 0.3 is three in ten fewer drop-outs."""

    campaign: float = 0.0
    faster: float = 0.0
    fewer_withdrawals: float = 0.0

    def errors(self) -> dict[str, str]:
        found = {}
        for name, (low, high) in LEVER_LIMITS.items():
            value = getattr(self, name)
            if not (low <= value <= high) or value != value:
                found[name] = f"Enter a value between {low * 100:g}% and {high * 100:g}%"
        return found

    @property
    def any(self) -> bool:
        return bool(self.campaign or self.faster or self.fewer_withdrawals)


NO_LEVERS = Levers()

# ---------------------------------------------------------------------------------------------------------
# Learning a line of stages from spells


@dataclass(frozen=True)
class Spell:
    """A journey's time in one stage: from ``start`` to ``end`` (None while still there), and how it left:
    moved on, dropped out, or went back a stage (counted as time, not as a move). ``arrival`` marks the
    first spell of a journey that started in this stage (a new enquiry, a new kinship assessment)."""

    stage: int
    start: date
    end: date | None = None
    outcome: str | None = None
    arrival: bool = False


@dataclass(frozen=True)
class StageCounts:
    """What was learnt of a line of stages over a window of months before the forecast date."""

    stages: tuple[str, ...]
    moves: np.ndarray
    drops: np.ndarray
    exposure: np.ndarray  # months journeys spent in each stage within the window
    arrivals: np.ndarray  # new journeys that started in each stage within the window
    window_months: float
    open_now: np.ndarray

    def pooled_with(self, pooled: StageCounts, months: float = POOLING_MONTHS) -> StageCounts:
        """This line's counts plus ``months`` of exposure at the pooled rates (partial pooling)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            move_rate = np.where(pooled.exposure > 0, pooled.moves / pooled.exposure, 0.0)
            drop_rate = np.where(pooled.exposure > 0, pooled.drops / pooled.exposure, 0.0)
        return StageCounts(
            self.stages,
            self.moves + move_rate * months,
            self.drops + drop_rate * months,
            self.exposure + months,
            self.arrivals,
            self.window_months,
            self.open_now,
        )

    @property
    def mean_months(self) -> np.ndarray:
        """Mean months in each stage (1 / rate of leaving), NaN where nothing left it."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.moves + self.drops > 0, self.exposure / (self.moves + self.drops), np.nan)

    @property
    def conversion(self) -> np.ndarray:
        """The share of journeys leaving each stage that moved on."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.moves + self.drops > 0, self.moves / (self.moves + self.drops), np.nan)


def learn_stages(
    spells: Iterable[Spell], stages: Sequence[str], *, as_of: date, window_start: date
) -> StageCounts:
    """Counts of a line of stages from spells, as things stood on ``as_of``: what happened after it is
    unknown (a spell ending later is open), and only the window from ``window_start`` teaches rates."""
    n = len(stages)
    moves, drops, exposure = np.zeros(n), np.zeros(n), np.zeros(n)
    arrivals, open_now = np.zeros(n), np.zeros(n, dtype=np.int64)
    for spell in spells:
        if spell.start > as_of:
            continue
        ended = spell.end is not None and spell.end <= as_of
        end = spell.end if ended and spell.end is not None else as_of
        overlap = (end - max(spell.start, window_start)).days
        if overlap > 0:
            exposure[spell.stage] += overlap / DAYS_PER_MONTH
        if ended and spell.end is not None and spell.end > window_start:
            if spell.outcome == MOVE:
                moves[spell.stage] += 1
            elif spell.outcome == DROP:
                drops[spell.stage] += 1
        if not ended:
            open_now[spell.stage] += 1
        if spell.arrival and spell.start > window_start:
            arrivals[spell.stage] += 1
    months = (as_of - window_start).days / DAYS_PER_MONTH
    return StageCounts(tuple(stages), moves, drops, exposure, arrivals, months, open_now)


# ---------------------------------------------------------------------------------------------------------
# Simulating


def _rates(rng: np.random.Generator, events: np.ndarray, exposure: np.ndarray, n_sims: int) -> np.ndarray:
    """Posterior draws of Poisson rates per month: Gamma(events + 1/2, exposure), shape (n_sims, len)."""
    exposure = np.maximum(exposure, 1e-9)
    return rng.gamma(events + JEFFREYS, 1.0 / exposure, size=(n_sims, len(events)))


def simulate_chain(
    counts: StageCounts,
    *,
    months: int,
    n_sims: int,
    rng: np.random.Generator,
    levers: Levers = NO_LEVERS,
    extra_arrivals: np.ndarray | None = None,
    campaign_applies: bool = True,
) -> np.ndarray:
    """Simulated journeys moving on from each stage, shape (n_sims, months, stages): the last stage's are
    the approvals (or, for enquiries, the journeys handed on to assessment).

    ``extra_arrivals`` (n_sims, months) join the first stage at the end of each month (the journeys another
    line hands on). A campaign multiplies this line's own arrivals when ``campaign_applies``.
    """
    n_stages = len(counts.stages)
    move = _rates(rng, counts.moves, counts.exposure, n_sims) / (1 - levers.faster)
    drop = (
        _rates(rng, counts.drops, counts.exposure, n_sims)
        * (1 - levers.fewer_withdrawals)
        / (1 - levers.faster)
    )
    leave = move + drop
    p_leave = -np.expm1(-leave)
    with np.errstate(invalid="ignore", divide="ignore"):
        p_move = np.where(leave > 0, p_leave * move / leave, 0.0)
        p_drop_given_stay = np.where(p_move < 1, (p_leave - p_move) / (1 - p_move), 0.0)
    arrive = np.zeros((n_sims, n_stages))
    if counts.window_months > 0:
        arrive = rng.gamma(counts.arrivals + JEFFREYS, 1.0 / counts.window_months, size=(n_sims, n_stages))
        arrive = np.where(counts.arrivals > 0, arrive, 0.0)
        if campaign_applies:
            arrive *= 1 + levers.campaign
    state = np.broadcast_to(counts.open_now, (n_sims, n_stages)).astype(np.int64)
    out = np.zeros((n_sims, months, n_stages), dtype=np.int64)
    for month in range(months):
        moved = rng.binomial(state, p_move)
        dropped = rng.binomial(state - moved, p_drop_given_stay)
        state = state - moved - dropped
        state[:, 1:] += moved[:, :-1]
        out[:, month] = moved
        state += rng.poisson(arrive)
        if extra_arrivals is not None:
            state[:, 0] += extra_arrivals[:, month]
    return out


def split(rng: np.random.Generator, flow: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Split a flow (n_sims, months) among groups with Dirichlet(weights + 1/2) shares drawn per future:
    shape (groups, n_sims, months)."""
    n_sims = flow.shape[0]
    shares = rng.dirichlet(np.asarray(weights, dtype=float) + JEFFREYS, size=n_sims)  # (n_sims, groups)
    parts = np.zeros((shares.shape[1], *flow.shape), dtype=np.int64)
    remaining, left = flow, np.ones(n_sims)
    for g in range(shares.shape[1]):
        p = np.clip(np.divide(shares[:, g], left, out=np.zeros(n_sims), where=left > 0), 0.0, 1.0)
        parts[g] = rng.binomial(remaining, p[:, None])
        remaining = remaining - parts[g]
        left = left - shares[:, g]
    return parts


def poisson_stream(
    rng: np.random.Generator, events: float, window_months: float, *, months: int, n_sims: int
) -> np.ndarray:
    """A Poisson stream at a rate learnt from ``events`` in ``window_months``: shape (n_sims, months)."""
    if window_months <= 0 or events <= 0:
        return np.zeros((n_sims, months), dtype=np.int64)
    rate = rng.gamma(events + JEFFREYS, 1.0 / window_months, size=(n_sims, 1))
    return rng.poisson(np.broadcast_to(rate, (n_sims, months)))


# ---------------------------------------------------------------------------------------------------------
# Children in care: a Markov chain over (age band, placement type)


@dataclass(frozen=True)
class DemandCounts:
    """Month-to-month moves between states (the last column is leaving care), entries per state over the
    window, and the children in each state on the forecast date."""

    states: tuple[tuple[str, str], ...]
    transitions: np.ndarray  # (K, K + 1)
    entries: np.ndarray  # (K,)
    window_months: float
    now: np.ndarray  # (K,)


def learn_demand(
    snapshots: Sequence[dict[int, int]], n_states: int, states: tuple[tuple[str, str], ...]
) -> DemandCounts:
    """Counts from month-end snapshots (child id -> state index), oldest first; the last is the forecast
    date. A child in a snapshot and not in the next left care; one in the next and not in this entered."""
    transitions = np.zeros((n_states, n_states + 1))
    entries = np.zeros(n_states)
    for before, after in itertools.pairwise(snapshots):
        for child, state in before.items():
            transitions[state, after.get(child, n_states)] += 1
        for child, state in after.items():
            if child not in before:
                entries[state] += 1
    now = np.zeros(n_states, dtype=np.int64)
    for state in snapshots[-1].values() if snapshots else ():
        now[state] += 1
    return DemandCounts(states, transitions, entries, float(max(len(snapshots) - 1, 0)), now)


def simulate_demand(
    counts: DemandCounts, *, months: int, n_sims: int, rng: np.random.Generator
) -> np.ndarray:
    """Children in each state at each month end, shape (n_sims, months, K).

    Each future draws its own transition matrix (each row a Dirichlet posterior) and entry rates. Each
    month the children who leave their state are drawn first (a binomial per state), then each of them
    picks where they go among the row's other ways out (a uniform draw against the cumulative shares):
    the same law as a multinomial per row, at the cost of the few children who move.
    """
    k = len(counts.states)
    # Prior: half a count on each way out seen from the row, on staying put and on leaving care.
    seen = counts.transitions > 0
    seen[:, k] = True
    seen[np.arange(k), np.arange(k)] = False  # staying is column 0 below
    width = int(seen.sum(axis=1).max()) + 1
    dest = np.full((k, width), k, dtype=np.int64)
    alpha = np.zeros((k, width))
    for row in range(k):
        ways = np.flatnonzero(seen[row])
        ways = ways[np.argsort(-counts.transitions[row, ways], kind="stable")]  # the commonest first
        dest[row, 0] = row
        alpha[row, 0] = counts.transitions[row, row] + JEFFREYS
        dest[row, 1 : 1 + len(ways)] = ways
        alpha[row, 1 : 1 + len(ways)] = counts.transitions[row, ways] + JEFFREYS
    gammas = rng.gamma(np.broadcast_to(np.maximum(alpha, 1e-300), (n_sims, k, width))) * (alpha > 0)
    probs = gammas / gammas.sum(axis=-1, keepdims=True)
    p_leave = 1.0 - probs[:, :, 0]
    moving = probs[:, :, 1:] / np.maximum(p_leave, 1e-300)[:, :, None]
    cumulative = np.cumsum(moving, axis=-1).reshape(n_sims * k, width - 1)
    cumulative[:, -1] = np.inf  # rounding never sends a child nowhere
    row_of_cell = np.tile(np.arange(k), n_sims)
    sim_of_cell = np.repeat(np.arange(n_sims), k)
    if counts.window_months > 0:
        entry = rng.gamma(counts.entries + JEFFREYS, 1.0 / counts.window_months, size=(n_sims, k))
        entry = np.where(counts.entries > 0, entry, 0.0)
    else:
        entry = np.zeros((n_sims, k))
    state = np.broadcast_to(counts.now, (n_sims, k)).astype(np.int64)
    out = np.zeros((n_sims, months, k), dtype=np.int64)
    for month in range(months):
        leavers = rng.binomial(state, p_leave)
        following = state - leavers + rng.poisson(entry)
        cells = np.repeat(np.arange(n_sims * k), leavers.ravel())
        if len(cells):
            u = rng.random(len(cells))
            # Inverse of the cumulative shares, column by column for the leavers not yet placed: the
            # commonest ways out come first, so most leavers are placed in the first column or two.
            choice = np.zeros(len(cells), dtype=np.int64)
            active = np.arange(len(cells))
            for column in range(width - 1):
                active = active[u[active] > cumulative[cells[active], column]]
                if not len(active):
                    break
                choice[active] += 1
            to = dest[row_of_cell[cells], 1 + choice]
            staying_in_care = to < k
            flat = sim_of_cell[cells[staying_in_care]] * k + to[staying_in_care]
            following += np.bincount(flat, minlength=n_sims * k).reshape(n_sims, k)
        state = following
        out[:, month] = state
    return out


# ---------------------------------------------------------------------------------------------------------
# Households


@dataclass(frozen=True)
class HouseholdCounts:
    """Open households by group (kind of carer and the oldest carer's age band) on the forecast date, the
    households lost in the window and the household-months at risk."""

    groups: tuple[tuple[str, str], ...]
    open_now: np.ndarray
    losses: np.ndarray
    exposure: np.ndarray
    window_months: float
    places: dict[str, float] = field(default_factory=dict)  # mean places per open household by kind


def simulate_households(
    counts: HouseholdCounts,
    approvals: dict[str, np.ndarray],
    *,
    months: int,
    n_sims: int,
    rng: np.random.Generator,
    entry_band: str,
) -> dict[str, np.ndarray]:
    """Open households of each kind at each month end (n_sims, months): losses at each group's hazard,
    the kind's approvals joining the ``entry_band`` group."""
    hazard = _rates(rng, counts.losses, counts.exposure, n_sims)
    p_loss = -np.expm1(-hazard)
    n_groups = len(counts.groups)
    state = np.broadcast_to(counts.open_now, (n_sims, n_groups)).astype(np.int64)
    kinds = sorted({kind for kind, _ in counts.groups} | set(approvals))
    out = {kind: np.zeros((n_sims, months), dtype=np.int64) for kind in kinds}
    entry = {
        kind: counts.groups.index((kind, entry_band))
        for kind, _ in counts.groups
        if (kind, entry_band) in counts.groups
    }
    for month in range(months):
        state = state - rng.binomial(state, p_loss)
        for kind, flow in approvals.items():
            if kind in entry:
                state[:, entry[kind]] += flow[:, month]
        for kind in kinds:
            columns = [i for i, (k, _) in enumerate(counts.groups) if k == kind]
            out[kind][:, month] = state[:, columns].sum(axis=1) if columns else 0
    return out


# ---------------------------------------------------------------------------------------------------------
# Summaries and the backtest


def bands(samples: np.ndarray) -> dict[str, np.ndarray]:
    """Mean and the 5th, 25th, 50th, 75th and 95th percentiles over the futures (axis 0)."""
    q = np.percentile(samples, PERCENTILES, axis=0)
    return {"mean": samples.mean(axis=0), **{f"p{p}": q[i] for i, p in enumerate(PERCENTILES)}}


@dataclass(frozen=True)
class Backtest:
    months: int
    mae: float
    coverage_90: float
    coverage_50: float
    mae_last_year: float  # the monthly figure of the year before, every month
    mae_same_month: float  # the same month a year before

    @property
    def better_baseline(self) -> float:
        return min(self.mae_last_year, self.mae_same_month)

    @property
    def beats_baselines(self) -> bool:
        return self.mae <= self.better_baseline


def backtest(
    samples: np.ndarray, actual: Sequence[float], year_before: Sequence[float], *, stock: bool = False
) -> Backtest:
    """Errors of a forecast (n_sims, months) against ``actual`` per month, and of the two naive baselines
    from ``year_before`` (the 12 months before the forecast date, oldest first).

    For a flow (approvals) "last year's figure" is the year before's monthly mean; for a stock (children in
    care) it is the last figure known. The forecast's point is the median of the futures.
    """
    actual_a = np.asarray(actual, dtype=float)
    before = np.asarray(year_before, dtype=float)
    n = len(actual_a)
    summary = bands(samples[:, :n])
    point = summary["p50"]
    inside_90 = (actual_a >= summary["p5"]) & (actual_a <= summary["p95"])
    inside_50 = (actual_a >= summary["p25"]) & (actual_a <= summary["p75"])
    level = before[-1] if stock else before.mean()
    same_month = before[:n]
    return Backtest(
        months=n,
        mae=float(np.abs(point - actual_a).mean()),
        coverage_90=float(inside_90.mean()),
        coverage_50=float(inside_50.mean()),
        mae_last_year=float(np.abs(level - actual_a).mean()),
        mae_same_month=float(np.abs(same_month - actual_a).mean()),
    )
