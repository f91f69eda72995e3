"""The read side of practice alerts: the alerts of the children within the user's reach, and the figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from statistics import median
from typing import Any

from django.db.models import QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.children.models import Child
from fostering.children.selectors import child_list_for_user
from fostering.deadlines.calendar import working_days_between

from .choices import STAGE_ORDER, AlertKind, AlertStage, AlertTheme
from .models import AlertStageRecord, PracticeAlert

ALERT_PERMS = (Perm.RAISE_PRACTICE_ALERT, Perm.ANSWER_PRACTICE_ALERT, Perm.VIEW_IRO_REPORTS)
STATUS_CHOICES = [("open", "Open concerns"), ("resolved", "Resolved concerns"), ("all", "All alerts")]


def financial_year(on: date) -> int:
    """The year a financial year starts in (April to March)."""
    return on.year if on.month >= 4 else on.year - 1


def alert_list_for_user(
    *,
    user: User,
    status: str = "open",
    kind: str = "",
    theme: str = "",
    stage: str = "",
    reached: str = "",
    resolved_at: str = "",
    year: int | None = None,
    child: Child | None = None,
) -> QuerySet[PracticeAlert]:
    """The alerts of the children the user may open, in the councils where they raise, answer or read them.

    ``status``: open or resolved concerns, or all alerts; ``stage`` the stage a concern is at now,
    ``reached`` a stage it reached (at any time), ``resolved_at`` the stage it was resolved at; ``year`` the
    financial year it was raised in.
    """
    orgs = organisations_with(user, *ALERT_PERMS)
    alerts = PracticeAlert.objects.filter(
        organisation_id__in=orgs, child__in=child_list_for_user(user=user).order_by().values("pk")
    )
    if status == "open":
        alerts = alerts.filter(kind=AlertKind.CONCERN, resolved_on__isnull=True)
    elif status == "resolved":
        alerts = alerts.filter(kind=AlertKind.CONCERN, resolved_on__isnull=False)
    if kind:
        alerts = alerts.filter(kind=kind)
    if theme:
        alerts = alerts.filter(theme=theme)
    if stage:
        alerts = alerts.filter(stage=stage, resolved_on__isnull=True)
    if reached:
        alerts = alerts.filter(stages__stage=reached)
    if resolved_at:
        alerts = alerts.filter(resolved_stage=resolved_at)
    if year is not None:
        alerts = alerts.filter(raised_on__gte=date(year, 4, 1), raised_on__lt=date(year + 1, 4, 1))
    if child is not None:
        alerts = alerts.filter(child=child)
    return alerts.select_related("child__person", "raised_by", "addressed_to").order_by("-raised_on", "-id")


def alert_get_for_user(*, user: User, pk: int) -> PracticeAlert:
    """PracticeAlert.DoesNotExist when out of reach."""
    return alert_list_for_user(user=user, status="all").get(pk=pk)


def alert_stages(alert: PracticeAlert) -> list[AlertStageRecord]:
    return list(alert.stages.select_related("addressed_to", "responded_by").order_by("started_on", "id"))


def alert_moves(alert: PracticeAlert) -> list[Any]:
    return list(alert.moves.select_related("moved_by").order_by("moved_on", "id"))


@dataclass
class Figure:
    """One count of the figures page, with the list query that opens its alerts."""

    label: str
    count: int
    query: dict[str, str] = field(default_factory=dict)


@dataclass
class AlertFigures:
    year: int
    by_theme: list[tuple[str, Figure, Figure]]  # theme label, good practice, concerns
    reached: list[Figure]
    resolved_at: list[Figure]
    good_practice: Figure
    concerns: Figure
    open_now: Figure
    resolved: int
    resolve_days_median: float | None
    resolve_days_mean: float | None
    resolve_days_longest: int | None


def alert_figures(*, user: User, year: int) -> AlertFigures:
    """The IRO annual report's figures for the financial year starting in April of ``year``."""
    orgs = organisations_with(user, Perm.VIEW_IRO_REPORTS)
    alerts = PracticeAlert.objects.filter(
        organisation_id__in=orgs, raised_on__gte=date(year, 4, 1), raised_on__lt=date(year + 1, 4, 1)
    )
    rows = list(alerts.values_list("pk", "kind", "theme", "raised_on", "resolved_on", "resolved_stage"))
    furthest: dict[int, str] = {}
    for alert_id, stage in AlertStageRecord.objects.filter(alert__in=alerts).values_list("alert_id", "stage"):
        if alert_id not in furthest or STAGE_ORDER[stage] > STAGE_ORDER[furthest[alert_id]]:
            furthest[alert_id] = stage
    y = str(year)
    kinds = Counter((kind, theme) for _, kind, theme, *_ in rows)
    by_theme = [
        (
            label,
            Figure(
                "Good practice",
                kinds[(AlertKind.GOOD_PRACTICE, theme)],
                {"status": "all", "year": y, "kind": AlertKind.GOOD_PRACTICE, "theme": theme},
            ),
            Figure(
                "Concerns",
                kinds[(AlertKind.CONCERN, theme)],
                {"status": "all", "year": y, "kind": AlertKind.CONCERN, "theme": theme},
            ),
        )
        for theme, label in AlertTheme.choices
    ]
    reached_counts = Counter(furthest.values())
    reached = [
        Figure(label, reached_counts[stage], {"status": "all", "year": y, "reached": stage})
        for stage, label in AlertStage.choices
    ]
    resolved_rows = [
        (raised, resolved, at) for _, kind, _, raised, resolved, at in rows if resolved is not None
    ]
    at_counts = Counter(at for *_, at in resolved_rows)
    resolved_at = [
        Figure(label, at_counts[stage], {"status": "resolved", "year": y, "resolved_at": stage})
        for stage, label in AlertStage.choices
    ]
    days = [working_days_between(raised, resolved) for raised, resolved, _ in resolved_rows]
    good = sum(1 for _, kind, *_ in rows if kind == AlertKind.GOOD_PRACTICE)
    open_now = sum(1 for _, kind, _, _, resolved, _ in rows if kind == AlertKind.CONCERN and resolved is None)
    return AlertFigures(
        year=year,
        by_theme=by_theme,
        reached=reached,
        resolved_at=resolved_at,
        good_practice=Figure(
            "Good practice", good, {"status": "all", "year": y, "kind": AlertKind.GOOD_PRACTICE}
        ),
        concerns=Figure(
            "Concerns", len(rows) - good, {"status": "all", "year": y, "kind": AlertKind.CONCERN}
        ),
        open_now=Figure("Open now", open_now, {"status": "open", "year": y}),
        resolved=len(resolved_rows),
        resolve_days_median=float(median(days)) if days else None,
        resolve_days_mean=round(sum(days) / len(days), 1) if days else None,
        resolve_days_longest=max(days) if days else None,
    )
