"""The forecast page: the records as they stood on a date, the levers a manager tries, and the backtest."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from fostering.accounts.permissions import Perm, organisations_with
from fostering.core import clock
from fostering.core.views import StaffRequest
from fostering.deadlines.calendar import add_months

from . import charts, export
from .forecast import KIND_LABELS, TooLittleHistory, check, run, run_backtest
from .forms import ForecastForm
from .model import Levers

PAGE_SIMS = 2_000  # the page's futures (the command and the benchmark run 10,000)
THROUGHPUT = (
    ("visits", "Initial visits held"),
    ("applications", "Enquiries progressed to an application"),
    ("stage1", "Applications moving on to Stage 1"),
    ("stage2", "Stage 1 moving on to Stage 2"),
    ("ready_for_panel", "Stage 2 moving on to ready for panel"),
    ("approved_after_assessment", "Approved after an assessment"),
    ("kinship_approved", "Kinship carers approved"),
)
STAGE_LABELS = {
    "enquiry": "Enquiry (to the initial visit)",
    "visit": "Initial visit (to the decision)",
    "application": "Application (to Stage 1)",
    "stage1": "Stage 1",
    "stage2": "Stage 2",
    "ready_for_panel": "Ready for panel (to approval)",
    "viability": "Kinship: viability",
    "full_assessment": "Kinship: full assessment",
    "awaiting_decision": "Kinship: awaiting a decision (to approval)",
}


@login_required
def forecast_page(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.VIEW_FORECASTS)
    if not orgs:
        raise PermissionDenied
    organisation_id = min(orgs)
    today = clock.today()
    data = request.GET if "as_of_0" in request.GET else None
    initial = {"as_of": today, "campaign": 0, "faster": 0, "fewer_withdrawals": 0}
    form = ForecastForm(data, initial=initial)
    context: dict[str, object] = {"form": form, "query": request.GET.urlencode()}
    if data is not None and not form.is_valid():
        return render(request, "forecasts/forecast.html", context)
    params = form.cleaned_data if data is not None else {**initial, "target": None}
    levers = Levers(
        campaign=params["campaign"] / 100,
        faster=params["faster"] / 100,
        fewer_withdrawals=params["fewer_withdrawals"] / 100,
    )
    errors = check(
        organisation_id=organisation_id, as_of=params["as_of"], today=today, months=12, levers=levers
    )
    if errors:
        for field, message in errors.items():
            form.add_error(field if field in form.fields else None, message)
        return render(request, "forecasts/forecast.html", context)
    try:
        forecast = run(
            organisation_id=organisation_id, as_of=params["as_of"], levers=levers, n_sims=PAGE_SIMS
        )
    except TooLittleHistory as error:
        context["too_little"] = str(error)
        return render(request, "forecasts/forecast.html", context)
    backtest_from = add_months(params["as_of"], -12)
    try:
        backtest = run_backtest(
            organisation_id=organisation_id, as_of=backtest_from, today=params["as_of"], n_sims=PAGE_SIMS
        )
    except TooLittleHistory as error:
        backtest, context["backtest_missing"] = None, str(error)
    fmt = request.GET.get("format")
    if fmt == "csv":
        response = HttpResponse(export.as_csv(forecast, backtest), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="forecast-{forecast.as_of:%Y-%m-%d}.csv"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            export.as_xlsx(forecast, backtest),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="forecast-{forecast.as_of:%Y-%m-%d}.xlsx"'
        return response
    target = params.get("target")
    chance = None
    if target is not None:
        chance = float((forecast._samples["approvals"].sum(axis=1) >= target).mean())
    compared = forecast.compared
    before_totals = {t.kind: t for t in compared.approval_totals} if compared else {}
    context.update(
        totals=[
            {
                "label": t.label,
                "median": _n(t.p50),
                "range50": f"{_n(t.p25)} to {_n(t.p75)}",
                "range90": f"{_n(t.p5)} to {_n(t.p95)}",
                "before": before_totals.get(t.kind),
            }
            for t in forecast.approval_totals
        ],
        throughput=[
            (label, forecast.stage_throughput[key], compared.stage_throughput[key] if compared else None)
            for key, label in THROUGHPUT
        ],
        approvals_by_month=monthly_rows(forecast.months, forecast.approvals["all"]),
        children_by_month=monthly_rows(forecast.months, forecast.children["all"]),
        households_end=last_month_rows(forecast.households, compared.households if compared else None),
        places_end=last_month_rows(forecast.places),
        children_end=last_month_rows(forecast.children),
        bands_end=last_month_rows(forecast.children_by_band),
        sufficiency_rows=[
            {**row, "gap_cost": cost}
            for row, cost in zip(
                monthly_rows(forecast.months, forecast.sufficiency["gap"]),
                forecast.sufficiency["gap_cost"] or [None] * len(forecast.months),
                strict=True,
            )
        ],
        backtest_approvals=monthly_rows(
            backtest.months, backtest.forecast_approvals, backtest.actual_approvals
        )
        if backtest
        else None,
        backtest_children=monthly_rows(backtest.months, backtest.forecast_children, backtest.actual_children)
        if backtest
        else None,
        learnt=_learnt(forecast),
        backtest_table=[("Approvals a month", backtest.approvals), ("Children in care", backtest.children)]
        if backtest
        else None,
        forecast=forecast,
        backtest=backtest,
        target=target,
        chance=chance,
        charts={
            "approvals": charts.fan(
                forecast.months, forecast.approvals["all"], "Approvals a month", backtest=None
            ),
            "children": charts.fan(
                forecast.months, forecast.children["all"], "Children in care", backtest=None
            ),
            "backtest_children": charts.fan(
                backtest.months,
                backtest.forecast_children,
                "Children in care",
                actual=backtest.actual_children,
            )
            if backtest
            else None,
        },
    )
    return render(request, "forecasts/forecast.html", context)


def _n(value: float) -> str:
    return f"{value:,.0f}"


def monthly_rows(months, series, actual=None):  # type: ignore[no-untyped-def]
    """Rows of an accessible table: month, median, 50% range, 90% range (and what happened)."""
    return [
        {
            "month": month,
            "median": _n(series.p50[i]),
            "range50": f"{_n(series.p25[i])} to {_n(series.p75[i])}",
            "range90": f"{_n(series.p5[i])} to {_n(series.p95[i])}",
            "actual": None if actual is None else _n(actual[i]),
        }
        for i, month in enumerate(months)
    ]


def last_month_rows(table, compared=None):  # type: ignore[no-untyped-def]
    """One row per group: the figure at the end of the forecast (median, 90% range), and without the levers."""
    out = []
    for key, series in table.items():
        row = {
            "label": series.label,
            "median": _n(series.p50[-1]),
            "range90": f"{_n(series.p5[-1])} to {_n(series.p95[-1])}",
        }
        if compared is not None and key in compared:
            other = compared[key]
            row["before_median"] = _n(other.p50[-1])
            row["before_range90"] = f"{_n(other.p5[-1])} to {_n(other.p95[-1])}"
        out.append(row)
    return out


def _learnt(forecast):  # type: ignore[no-untyped-def]
    """What the pipeline learnt: per stage, the journeys now in it, conversion and mean months."""
    lines = [("Enquiries", forecast.learnt["enquiries"])]
    lines += [
        (f"Assessments: {KIND_LABELS[kind]}", counts)
        for kind, counts in forecast.learnt["assessments"].items()
    ]
    lines.append(("Kinship assessments", forecast.learnt["kinship"]))
    out = []
    for title, counts in lines:
        for i, stage in enumerate(counts.stages):
            conversion, months = counts.conversion[i], counts.mean_months[i]
            out.append(
                {
                    "line": title,
                    "stage": STAGE_LABELS.get(stage, stage),
                    "open": int(counts.open_now[i]),
                    "moved": f"{counts.moves[i]:.0f}",
                    "dropped": f"{counts.drops[i]:.0f}",
                    "conversion": "" if conversion != conversion else f"{conversion:.0%}",
                    "months": "" if months != months else f"{months:.1f}",
                }
            )
    return out
