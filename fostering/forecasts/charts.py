"""Fan charts as Vega-Lite specifications: the 90% and 50% ranges as bands, the median as a line, and what
happened (in a backtest) as points. The page puts each beside a table of the same figures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from .forecast import Series

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"


def fan(
    months: Sequence[date],
    series: Series,
    title: str,
    *,
    actual: Sequence[float] | None = None,
    backtest: Any = None,
) -> dict[str, Any]:
    values = [
        {
            "month": month.isoformat(),
            "p5": series.p5[i],
            "p25": series.p25[i],
            "p50": series.p50[i],
            "p75": series.p75[i],
            "p95": series.p95[i],
            **({"actual": actual[i]} if actual is not None else {}),
        }
        for i, month in enumerate(months)
    ]
    x = {"field": "month", "type": "temporal", "title": "Month ending", "axis": {"format": "%b %Y"}}
    layers: list[dict[str, Any]] = [
        {
            "mark": {"type": "area", "opacity": 0.25, "color": "#1d70b8"},
            "encoding": {
                "x": x,
                "y": {"field": "p5", "type": "quantitative", "title": title},
                "y2": {"field": "p95"},
            },
        },
        {
            "mark": {"type": "area", "opacity": 0.45, "color": "#1d70b8"},
            "encoding": {"x": x, "y": {"field": "p25", "type": "quantitative"}, "y2": {"field": "p75"}},
        },
        {
            "mark": {"type": "line", "color": "#0b0c0c", "strokeWidth": 2},
            "encoding": {"x": x, "y": {"field": "p50", "type": "quantitative"}},
        },
    ]
    if actual is not None:
        layers.append(
            {
                "mark": {"type": "point", "filled": True, "color": "#d4351c", "size": 60},
                "encoding": {"x": x, "y": {"field": "actual", "type": "quantitative"}},
            }
        )
    return {
        "$schema": SCHEMA,
        "description": f"{title}: median with 50% and 90% ranges"
        + (", and what happened" if actual is not None else ""),
        "width": "container",
        "height": 240,
        "data": {"values": values},
        "layer": layers,
    }
