"""The forecast as rows, for the CSV and the spreadsheet (.xlsx) downloads: one row per figure and month."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from .forecast import BacktestResult, Forecast, Series

HEADER = ["section", "group", "month_end", "mean", "p5", "p25", "p50", "p75", "p95", "actual"]


def _series_rows(section: str, group: str, series: Series, forecast: Forecast) -> Iterator[list[Any]]:
    for i, month in enumerate(forecast.months):
        yield [
            section,
            group,
            month.isoformat(),
            *(round(getattr(series, k)[i], 2) for k in ("mean", "p5", "p25", "p50", "p75", "p95")),
            "",
        ]


def rows(forecast: Forecast, backtest: BacktestResult | None = None) -> Iterator[list[Any]]:
    yield HEADER
    for section, table in (
        ("approvals", forecast.approvals),
        ("households", forecast.households),
        ("places", forecast.places),
        ("children_in_care", forecast.children),
        ("children_in_care_by_age", forecast.children_by_band),
    ):
        for group, series in table.items():
            yield from _series_rows(section, str(group), series, forecast)
    for name in ("needed", "in_house_places", "gap"):
        series = forecast.sufficiency[name]
        assert isinstance(series, Series)
        yield from _series_rows("sufficiency", name, series, forecast)
    if backtest is not None:
        for section, series, actual in (
            ("backtest_approvals", backtest.forecast_approvals, backtest.actual_approvals),
            ("backtest_children_in_care", backtest.forecast_children, backtest.actual_children),
        ):
            for i, month in enumerate(backtest.months):
                yield [
                    section,
                    "all",
                    month.isoformat(),
                    *(round(getattr(series, k)[i], 2) for k in ("mean", "p5", "p25", "p50", "p75", "p95")),
                    actual[i],
                ]


def as_csv(forecast: Forecast, backtest: BacktestResult | None = None) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows(forecast, backtest))
    return out.getvalue()


def as_xlsx(forecast: Forecast, backtest: BacktestResult | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Forecast")
    for row in rows(forecast, backtest):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
