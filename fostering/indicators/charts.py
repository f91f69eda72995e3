"""An indicator's trend as one Vega-Lite specification (Altair): drawn in the page by vega-embed and in
PDFs by vl-convert, so the two never differ. The page puts the same figures in a table beside it.

Altair builds each indicator's chart once (its shape, with named datasets); a figure's chart is that
shape with its own figures as the datasets, so a dashboard of 16 charts costs no chart building."""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

import altair as alt

from .selectors import Row

BLUE, GREY = "#1d70b8", "#505a5f"


@lru_cache(maxsize=256)
def _shape(title: str, is_percent: bool, with_target: bool) -> dict[str, Any]:
    x = alt.X("month:T", title="Month", axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=6))
    line = (
        alt.Chart(alt.NamedData("points"))
        .mark_line(point=True, color=BLUE)
        .encode(
            x=x,
            y=alt.Y("value:Q", title="Per cent" if is_percent else "Number"),
            tooltip=[alt.Tooltip("month:T", format="%B %Y"), "value:Q"],
        )
    )
    layers: list[alt.Chart] = [line]
    if with_target:
        layers.append(
            alt.Chart(alt.NamedData("target")).mark_rule(color=GREY, strokeDash=[4, 4]).encode(y="target:Q")
        )
    chart = alt.layer(*layers).properties(width="container", height=160, title=f"{title}: trend")
    return chart.to_dict()


def warm() -> None:
    """Build every indicator's chart shapes, so a web process does it once as it starts (about a second),
    not in the first requests of the dashboard."""
    from .catalogue import INDICATORS

    for counted in INDICATORS:
        indicator = counted.indicator
        for with_target in (False, True):
            _shape(indicator.title, indicator.is_percent, with_target)


def trend_spec(row: Row) -> dict[str, Any] | None:
    points = [
        {"month": p.month.first_day.isoformat(), "value": float(p.value)}
        for p in row.points
        if p.value is not None
    ]
    if not points:
        return None
    indicator = row.indicator
    with_target = row.target is not None and not indicator.pro_rata
    spec = copy.deepcopy(_shape(indicator.title, indicator.is_percent, with_target))
    spec["datasets"] = {"points": points}
    if with_target:
        assert row.target is not None
        spec["datasets"]["target"] = [{"target": float(row.target.value)}]
    return spec


def svg(spec: dict[str, Any]) -> str:
    """The chart drawn on the server, for PDFs and pages read without scripts."""
    import vl_convert as vlc

    return str(vlc.vegalite_to_svg(vl_spec={**spec, "width": 480}))
