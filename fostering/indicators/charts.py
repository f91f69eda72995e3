"""An indicator's trend as one Vega-Lite specification (Altair): drawn in the page by vega-embed and in
PDFs by vl-convert, so the two never differ. The page puts the same figures in a table beside it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import altair as alt

from .selectors import Row

BLUE, GREY = "#1d70b8", "#505a5f"


def trend_spec(row: Row) -> dict[str, Any] | None:
    points = [
        {"month": p.month.first_day.isoformat(), "value": float(p.value)}
        for p in row.points
        if p.value is not None
    ]
    if not points:
        return None
    indicator = row.indicator
    title = "Per cent" if indicator.is_percent else "Number"
    data = alt.Data(values=points)
    x = alt.X("month:T", title="Month", axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=6))
    line = (
        alt.Chart(data)
        .mark_line(point=True, color=BLUE)
        .encode(
            x=x, y=alt.Y("value:Q", title=title), tooltip=[alt.Tooltip("month:T", format="%B %Y"), "value:Q"]
        )
    )
    layers: list[alt.Chart] = [line]
    if row.target is not None and not indicator.pro_rata:
        target = float(Decimal(row.target.value))
        layers.append(
            alt.Chart(alt.Data(values=[{"target": target}]))
            .mark_rule(color=GREY, strokeDash=[4, 4])
            .encode(y="target:Q")
        )
    chart = alt.layer(*layers).properties(width="container", height=160, title=f"{indicator.title}: trend")
    return chart.to_dict()


def svg(spec: dict[str, Any]) -> str:
    """The chart drawn on the server, for PDFs and pages read without scripts."""
    import vl_convert as vlc

    return str(vlc.vegalite_to_svg(vl_spec={**spec, "width": 480}))
