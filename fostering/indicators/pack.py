"""The quarterly performance pack to scrutiny, in the seed's layout, as rows for the page, .xlsx and PDF.

Each row is one indicator at the quarter's end beside the quarter before: topic, theme, indicator, value
type, polarity, frequency, previous and latest period and value, trend, target, RAG, quartile, the
statistical neighbours' and England averages, and the numerator out of the denominator.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string

from fostering.accounts.models import Organisation

from . import charts
from .definitions import FREQUENCY_LABELS, POLARITY_LABELS, TREND_LABELS, VALUE_TYPE_LABELS, rag, show, trend
from .periods import Month
from .selectors import Row, dashboard

COLUMNS = (
    "Topic",
    "Theme",
    "Indicator",
    "Value type",
    "Polarity",
    "Frequency",
    "Previous period",
    "Previous value",
    "Latest period",
    "Latest value",
    "Out of",
    "Trend",
    "Target",
    "RAG",
    "Quartile",
    "Statistical neighbours",
    "England",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _at(row: Row, month: Month):  # type: ignore[no-untyped-def]
    return next((p for p in row.points if p.month == month), None)


def table(organisation_id: int, month: Month) -> list[dict[str, object]]:
    out = []
    for row in dashboard(organisation_id, upto=month, periods=4):
        indicator = row.indicator
        latest, previous = _at(row, month), _at(row, month.shift(-3))
        judged = (
            rag(indicator, latest.value, row.target.comparison, row.judged_against)
            if latest and row.target is not None
            else ""
        )
        comparator = row.comparator
        target = (
            f"{'≥' if row.target.comparison == '>=' else '≤'} {show(indicator, row.judged_against)}"
            if row.target is not None
            else ""
        )
        out.append(
            {
                "code": indicator.code,
                "cells": [
                    indicator.topic,
                    indicator.theme,
                    indicator.title,
                    VALUE_TYPE_LABELS[indicator.value_type],
                    POLARITY_LABELS[indicator.polarity],
                    FREQUENCY_LABELS[indicator.frequency],
                    previous.month.label() if previous else "",
                    show(indicator, previous.value) if previous else "Not available",
                    month.label(),
                    show(indicator, latest.value) if latest else "Not available",
                    (
                        f"{latest.numerator} out of {latest.denominator}"
                        if latest and latest.denominator is not None
                        else ""
                    ),
                    TREND_LABELS[trend(indicator, previous and previous.value, latest and latest.value)],
                    target,
                    judged.capitalize(),
                    str(row.quartile or "") if latest else "",
                    show(indicator, comparator.statistical_neighbours)
                    if comparator and comparator.statistical_neighbours is not None
                    else "",
                    show(indicator, comparator.england)
                    if comparator and comparator.england is not None
                    else "",
                ],
                "rag": judged,
                "row": row,
            }
        )
    return out


def filename(organisation: Organisation, month: Month, ext: str) -> str:
    return f"performance-pack-{organisation.code}-{month}.{ext}"


def xlsx_response(organisation: Organisation, month: Month, rows: list[dict[str, object]]) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"Quarter to {month.first_day:%b %Y}"
    sheet.append([f"{organisation.name}: fostering performance, quarter ending {month.last_day:%-d %B %Y}"])
    sheet["A1"].font = Font(bold=True)
    sheet.append(list(COLUMNS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row["cells"]))  # type: ignore[call-overload]
    sheet.freeze_panes = "D3"
    out = BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename(organisation, month, "xlsx")}"'
    return response


def pdf_bytes(
    organisation: Organisation, month: Month, rows: list[dict[str, object]], progress: Any = None
) -> bytes:
    """The pack as a PDF: the table, then each indicator's trend drawn on the server (vl-convert)."""
    from weasyprint import CSS, HTML

    figures = []
    for n, row in enumerate(rows):
        if progress is not None:
            progress(n, len(rows) + 1, f"Drawing the chart of {row['cells'][2]}")  # type: ignore[index]
        spec = charts.trend_spec(row["row"])  # type: ignore[arg-type]
        figures.append({"title": row["cells"][2], "svg": charts.svg(spec) if spec else ""})  # type: ignore[index]
    if progress is not None:
        progress(len(rows), len(rows) + 1, "Laying out the PDF")
    html = render_to_string(
        "indicators/pack_pdf.html",
        {"organisation": organisation, "month": month, "rows": rows, "columns": COLUMNS, "figures": figures},
    )
    stylesheet = CSS(filename=Path(__file__).parent / "static" / "indicators/pack_pdf.css")
    return bytes(HTML(string=html).write_pdf(stylesheets=[stylesheet]))
