"""A council's forecast: the pipeline, households, children in care and sufficiency, and its backtest.

``check`` says what is wrong with a request (keyed by field, in GOV.UK wording); ``run`` makes the forecast
from the records as they stood on ``as_of``; ``run_backtest`` makes the forecast of 12 months before and
sets it against what happened since, with the two naive baselines.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import median
from typing import Any

import numpy as np

from fostering.deadlines.calendar import add_months
from fostering.households.choices import CarerType
from fostering.payments.choices import RunStatus
from fostering.payments.models import PaymentLine, PaymentRun
from fostering.placements.models import Placement

from . import history, model
from .model import NO_LEVERS, Backtest, Levers

N_SIMS = 10_000
SEED = 2026
MIN_HISTORY_MONTHS = 12
TARGET_KINDS = (CarerType.MAINSTREAM, CarerType.KINSHIP, CarerType.SUPPORTED_LODGINGS)
# The kinds whose places can take a child who would otherwise go to an agency (IFA) foster carer.
IN_HOUSE_FOSTER_KINDS = (CarerType.MAINSTREAM, CarerType.SPECIALIST, CarerType.FOSTER_FOR_ADOPTION)
KIND_LABELS = dict(CarerType.choices)


class TooLittleHistory(Exception):
    """The council's records do not go back far enough (or hold too few journeys) to learn from."""


@dataclass
class Series:
    """One forecast figure month by month: mean and percentiles over the simulated futures."""

    label: str
    mean: list[float]
    p5: list[float]
    p25: list[float]
    p50: list[float]
    p75: list[float]
    p95: list[float]

    @classmethod
    def of(cls, label: str, samples: np.ndarray) -> Series:
        b = model.bands(samples)
        return cls(label, *(list(map(float, b[k])) for k in ("mean", "p5", "p25", "p50", "p75", "p95")))

    def total_band(self, samples: np.ndarray) -> tuple[float, float, float, float, float]:
        totals = samples.sum(axis=1)
        q = np.percentile(totals, model.PERCENTILES)
        return tuple(float(x) for x in q)  # type: ignore[return-value]


@dataclass
class KindTotal:
    kind: str
    label: str
    p5: float
    p25: float
    p50: float
    p75: float
    p95: float
    mean: float


@dataclass
class Forecast:
    organisation_id: int
    as_of: date
    months: list[date]  # the end of each forecast month
    levers: Levers
    approvals: dict[str, Series]  # by kind, and "all"
    approval_totals: list[KindTotal]
    stage_throughput: dict[str, float]  # mean journeys reaching each stage over the months
    households: dict[str, Series]
    places: dict[str, Series]
    children: dict[str, Series]  # by placement type, and "all"
    children_by_band: dict[str, Series]
    sufficiency: dict[str, Any]
    learnt: dict[str, Any]
    seconds: float
    compared: Forecast | None = None  # the same forecast without the levers
    _samples: dict[str, np.ndarray] = field(default_factory=dict, repr=False)


def check(*, organisation_id: int, as_of: date, today: date, months: int, levers: Levers) -> dict[str, str]:
    """What is wrong with a forecast request, keyed by field (empty when it can go ahead)."""
    errors = dict(levers.errors())
    if as_of > today:
        errors["as_of"] = "The forecast date must be today or in the past"
    else:
        first = history.first_record(organisation_id)
        if first is not None and as_of < first:
            errors["as_of"] = (
                f"The forecast date must be on or after the day the records begin ({first:%-d %B %Y})"
            )
    if not 1 <= months <= 24:
        errors["months"] = "Months ahead must be between 1 and 24"
    return errors


def _enough(h: history.PipelineHistory, demand: model.DemandCounts) -> None:
    if h.first_record is None or add_months(h.first_record, MIN_HISTORY_MONTHS) > h.as_of:
        raise TooLittleHistory(
            f"There is too little history to learn from: the records must go back at least "
            f"{MIN_HISTORY_MONTHS} months before the forecast date"
        )
    journeys = (
        h.enquiries.moves.sum() + h.enquiries.drops.sum() + sum(c.moves.sum() for c in h.assessments.values())
    )
    if journeys < 10 or demand.transitions.sum() < 12:
        raise TooLittleHistory(
            "There is too little history to learn from: fewer than 10 recruitment journeys or 12 months "
            "of children in care are recorded before the forecast date"
        )


def _approvals(
    h: history.PipelineHistory, *, months: int, n_sims: int, rng: np.random.Generator, levers: Levers
) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    enquiry_moves = model.simulate_chain(h.enquiries, months=months, n_sims=n_sims, rng=rng, levers=levers)
    progressed = enquiry_moves[..., -1]
    kinds = sorted(h.assessments)
    weights = np.array([h.applications_by_kind.get(k, 0) for k in kinds], dtype=float)
    parts = model.split(rng, progressed, weights)
    out: dict[str, np.ndarray] = {kind: np.zeros((n_sims, months), dtype=np.int64) for kind in history.KINDS}
    throughput = {
        "visits": float(enquiry_moves[..., 0].sum(axis=1).mean()),
        "applications": float(progressed.sum(axis=1).mean()),
    }
    stage_sums = np.zeros(len(history.ASSESSMENT_STAGES))
    for i, kind in enumerate(kinds):
        moved = model.simulate_chain(
            h.assessments[kind],
            months=months,
            n_sims=n_sims,
            rng=rng,
            levers=levers,
            extra_arrivals=parts[i],
            campaign_applies=False,
        )
        stage_sums += moved.sum(axis=1).mean(axis=0)
        out[kind] += moved[..., -1]
    for name, value in zip(
        ("stage1", "stage2", "ready_for_panel", "approved_after_assessment"), stage_sums, strict=True
    ):
        throughput[name] = float(value)
    kin = model.simulate_chain(
        h.kinship, months=months, n_sims=n_sims, rng=rng, levers=levers, campaign_applies=False
    )
    out[CarerType.KINSHIP] += kin[..., -1]
    throughput["kinship_approved"] = float(kin[..., -1].sum(axis=1).mean())
    for kind in history.KINDS:
        out[kind] += model.poisson_stream(
            rng, h.unexplained_approvals[kind], h.enquiries.window_months, months=months, n_sims=n_sims
        )
    return out, throughput


def _weekly_costs(organisation_id: int, as_of: date) -> dict[str, Decimal | None]:
    """Median weekly cost of the external placements open on the day (IFA, residential), and the in-house
    cost of a child a week from the last committed payment run on or before it."""
    costs: dict[str, list[Decimal]] = {"ifa": [], "residential": []}
    for place, provider, cost in (
        Placement.objects.filter(
            organisation_id=organisation_id, started_on__lte=as_of, weekly_cost__isnull=False
        )
        .exclude(ended_on__lte=as_of)
        .values_list("place", "provider", "weekly_cost")
    ):
        kind = history.placement_type(place, provider, False)
        if kind in costs and cost is not None:
            costs[kind].append(cost)
    out: dict[str, Decimal | None] = {
        k: (Decimal(median(v)).quantize(Decimal("0.01")) if v else None) for k, v in costs.items()
    }
    run = (
        PaymentRun.objects.filter(
            organisation_id=organisation_id, status=RunStatus.COMMITTED, period__lte=as_of
        )
        .order_by("-period")
        .first()
    )
    out["in_house"] = None
    if run is not None:
        lines = PaymentLine.objects.filter(run=run, service_month=run.period, child__isnull=False)
        amount = sum((line.amount for line in lines), Decimal(0))
        child_days = sum(line.days for line in lines)
        children = lines.values("child_id").distinct().count()
        if children and child_days:
            out["in_house"] = (amount / Decimal(child_days) * 7).quantize(Decimal("0.01"))
    return out


def run(
    *,
    organisation_id: int,
    as_of: date,
    months: int = 12,
    levers: Levers = NO_LEVERS,
    n_sims: int = N_SIMS,
    seed: int = SEED,
    compare: bool = True,
) -> Forecast:
    """The forecast from the records as they stood on ``as_of``. Raises ``TooLittleHistory``."""
    started = time.perf_counter()
    h = history.pipeline_history(organisation_id, as_of)
    demand = history.demand_history(organisation_id, as_of)
    _enough(h, demand)
    households = history.household_history(organisation_id, as_of)
    costs = _weekly_costs(organisation_id, as_of)
    result = _simulate(organisation_id, as_of, months, levers, n_sims, seed, h, demand, households, costs)
    result.seconds = time.perf_counter() - started
    if compare and levers.any:
        result.compared = _simulate(
            organisation_id, as_of, months, Levers(), n_sims, seed, h, demand, households, costs
        )
    return result


def _simulate(
    organisation_id: int,
    as_of: date,
    months: int,
    levers: Levers,
    n_sims: int,
    seed: int,
    h: history.PipelineHistory,
    demand: model.DemandCounts,
    households: model.HouseholdCounts,
    costs: dict[str, Decimal | None],
) -> Forecast:
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    approvals, throughput = _approvals(h, months=months, n_sims=n_sims, rng=rng, levers=levers)
    every = np.sum(np.stack(list(approvals.values())), axis=0)
    approval_series = {kind: Series.of(KIND_LABELS[kind], s) for kind, s in approvals.items()}
    approval_series["all"] = Series.of("All kinds of carer", every)
    totals = []
    for kind, s in [*approvals.items(), ("all", every)]:
        q = [float(x) for x in np.percentile(s.sum(axis=1), model.PERCENTILES)]
        totals.append(
            KindTotal(
                kind,
                KIND_LABELS.get(kind, "All kinds of carer"),
                q[0],
                q[1],
                q[2],
                q[3],
                q[4],
                float(s.sum(axis=1).mean()),
            )
        )

    open_households = model.simulate_households(
        households, approvals, months=months, n_sims=n_sims, rng=rng, entry_band=history.ENTRY_BAND
    )
    household_series = {kind: Series.of(KIND_LABELS[kind], s) for kind, s in open_households.items()}
    place_samples = {kind: s * households.places.get(kind, 1.0) for kind, s in open_households.items()}
    place_series = {kind: Series.of(KIND_LABELS[kind], s) for kind, s in place_samples.items()}

    children = model.simulate_demand(demand, months=months, n_sims=n_sims, rng=rng)  # (n, months, K)
    n_types = len(history.PLACEMENT_TYPES)
    by_type = children.reshape(n_sims, months, len(history.AGE_BANDS), n_types)
    child_series = {
        kind: Series.of(history.PLACEMENT_TYPE_LABELS[kind], by_type[:, :, :, i].sum(axis=2))
        for i, kind in enumerate(history.PLACEMENT_TYPES)
    }
    child_series["all"] = Series.of("All children in care", children.sum(axis=2))
    band_series = {
        band: Series.of(f"Aged {band}", by_type[:, :, b, :].sum(axis=2))
        for b, (band, _, _) in enumerate(history.AGE_BANDS)
    }

    # Sufficiency: family placements needed from foster carers who are not kin (in-house and IFA) against
    # the in-house places forecast; the gap is bought from agencies.
    needed = by_type[:, :, :, 0].sum(axis=2) + by_type[:, :, :, 1].sum(axis=2)
    in_house_places = np.sum(
        np.stack([place_samples[k] for k in IN_HOUSE_FOSTER_KINDS if k in place_samples]), axis=0
    )
    gap = needed - in_house_places
    ifa, own = costs.get("ifa"), costs.get("in_house")
    saving = (ifa - own) if ifa is not None and own is not None else None
    weeks_per_month = Decimal("52.1775") / 12
    gap_series = Series.of("Places short (needed less forecast)", gap)
    gap_cost = (
        [
            (Decimal(str(max(g, 0.0))) * (ifa or 0) * weeks_per_month).quantize(Decimal("1"))
            for g in gap_series.p50
        ]
        if ifa is not None
        else []
    )
    per_household_places = Decimal(str(round(households.places.get(CarerType.MAINSTREAM, 1.0), 2)))
    sufficiency = {
        "needed": Series.of("Family places needed (in-house and IFA)", needed),
        "in_house_places": Series.of("In-house places forecast", in_house_places),
        "gap": gap_series,
        "gap_cost": gap_cost,
        "weekly_costs": costs,
        "saving_per_child_year": (saving * Decimal("52.1775")).quantize(Decimal("1"))
        if saving is not None
        else None,
        "places_per_household": per_household_places,
        "saving_per_household_year": (saving * Decimal("52.1775") * per_household_places).quantize(
            Decimal("1")
        )
        if saving is not None
        else None,
    }
    learnt = {
        "enquiries": h.enquiries,
        "assessments": h.assessments,
        "kinship": h.kinship,
        "unexplained": h.unexplained_approvals,
        "approvals_year_before": {k: sum(v) for k, v in h.approvals_by_month.items()},
    }
    return Forecast(
        organisation_id=organisation_id,
        as_of=as_of,
        months=[add_months(as_of, k) for k in range(1, months + 1)],
        levers=levers,
        approvals=approval_series,
        approval_totals=totals,
        stage_throughput=throughput,
        households=household_series,
        places=place_series,
        children=child_series,
        children_by_band=band_series,
        sufficiency=sufficiency,
        learnt=learnt,
        seconds=time.perf_counter() - started,
        _samples={"approvals": every, "children": children.sum(axis=2)},
    )


@dataclass
class BacktestResult:
    as_of: date
    months: list[date]
    approvals: Backtest
    children: Backtest
    actual_approvals: list[int]
    actual_children: list[int]
    forecast_approvals: Series
    forecast_children: Series
    baseline_approvals_same_month: list[int]
    baseline_children_same_month: list[int]
    baseline_approvals_level: float
    baseline_children_level: float


def run_backtest(
    *, organisation_id: int, as_of: date, today: date, n_sims: int = N_SIMS, seed: int = SEED
) -> BacktestResult | None:
    """The forecast made on ``as_of`` set against what happened up to ``today`` (at most 12 months; None
    when not one full month has passed)."""
    months = 0
    while months < 12 and add_months(as_of, months + 1) <= today:
        months += 1
    if months == 0:
        return None
    forecast = run(
        organisation_id=organisation_id, as_of=as_of, months=months, n_sims=n_sims, seed=seed, compare=False
    )
    actual_by_kind = history.approvals_by_month(organisation_id, as_of, months)
    actual = [sum(v[k] for v in actual_by_kind.values()) for k in range(months)]
    before_by_kind = history.approvals_by_month(organisation_id, add_months(as_of, -12), 12)
    before = [sum(v[k] for v in before_by_kind.values()) for k in range(12)]
    children_actual = history.children_in_care_by_month(organisation_id, as_of, months)
    children_before = history.children_in_care_by_month(organisation_id, add_months(as_of, -12), 12)
    return BacktestResult(
        as_of=as_of,
        months=forecast.months,
        approvals=model.backtest(forecast._samples["approvals"], actual, before),
        children=model.backtest(forecast._samples["children"], children_actual, children_before, stock=True),
        actual_approvals=actual,
        actual_children=children_actual,
        forecast_approvals=forecast.approvals["all"],
        forecast_children=forecast.children["all"],
        baseline_approvals_same_month=before[:months],
        baseline_children_same_month=children_before[:months],
        baseline_approvals_level=float(np.mean(before)),
        baseline_children_level=float(children_before[-1]),
    )
