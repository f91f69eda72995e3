"""What an indicator is, and the rules that judge a value: RAG against the target, the quartile.

An indicator is data (code, title, topic, theme, value type, polarity, frequency, its RAG tolerance) with
a count in code (``counts.py``) that returns the records counted. These rules are pure: they take values
and return words, so the dashboard, the scrutiny pack and the API judge a figure the same way.

The RAG rule, stated once for every indicator:
- green when the target is met (at least the target for "high is good", at most for "low is good");
- amber when it is missed by no more than the indicator's tolerance (percentage points for a percentage,
  a share of the target for a number);
- red otherwise; no target, no RAG.
A yearly count followed month by month (approvals against the year's 25) is judged against the target
pro rata: by September, half the year's target.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

ValueType = Literal["percent", "number"]
Polarity = Literal["high", "low", "none"]
Frequency = Literal["monthly", "quarterly", "annual"]
Comparison = Literal[">=", "<="]

POLARITY_LABELS = {"high": "High is good", "low": "Low is good", "none": "Neither"}
FREQUENCY_LABELS = {"monthly": "Monthly", "quarterly": "Quarterly", "annual": "Annual (year to date)"}
VALUE_TYPE_LABELS = {"percent": "Percentage", "number": "Number"}


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str
    topic: str
    theme: str
    value_type: ValueType
    polarity: Polarity
    frequency: Frequency
    definition: str
    # how far a value may miss the target and still be amber: points for a percentage, a share of the
    # target for a number
    tolerance: Decimal = Decimal("5")
    pro_rata: bool = False
    # counted at the period's end (a snapshot) rather than over its window
    at_end: bool = False

    @property
    def is_percent(self) -> bool:
        return self.value_type == "percent"


def value_of(indicator: Indicator, numerator: int, denominator: int | None) -> Decimal | None:
    """A percentage to one decimal place, or the count; None when a percentage has nothing to divide by."""
    if not indicator.is_percent:
        return Decimal(numerator)
    if not denominator:
        return None
    return (Decimal(100) * numerator / denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)


def target_for_month(indicator: Indicator, target: Decimal, month_of_year: int) -> Decimal:
    """The target a value is judged against: pro rata for a yearly count (``month_of_year`` 1 = April)."""
    if indicator.pro_rata:
        return (target * month_of_year / 12).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return target


def rag(indicator: Indicator, value: Decimal | None, comparison: str, target: Decimal | None) -> str:
    """``green``, ``amber``, ``red``, or "" when there is no value or no target."""
    if value is None or target is None:
        return ""
    met = value >= target if comparison == ">=" else value <= target
    if met:
        return "green"
    allowance = indicator.tolerance if indicator.is_percent else abs(target) * indicator.tolerance / 100
    missed_by = target - value if comparison == ">=" else value - target
    return "amber" if missed_by <= allowance else "red"


def quartile(
    indicator: Indicator,
    value: Decimal | None,
    upper: Decimal | None,
    median: Decimal | None,
    lower: Decimal | None,
) -> int | None:
    """1 (the best quarter of councils) to 4, from the published thresholds; None without them."""
    if value is None or None in (upper, median, lower) or indicator.polarity == "none":
        return None
    assert upper is not None and median is not None and lower is not None
    if indicator.polarity == "high":
        return 1 if value >= upper else 2 if value >= median else 3 if value >= lower else 4
    return 1 if value <= lower else 2 if value <= median else 3 if value <= upper else 4


def target_problem(indicator: Indicator, comparison: str, value: Decimal) -> tuple[str, str] | None:
    """Why a target makes no sense for this indicator, as (the field at fault, the reason); None if it does."""
    if comparison not in (">=", "<="):
        return "comparison", "Choose whether the value should be at least or at most the target"
    if value < 0:
        return "value", "A target cannot be below zero"
    if indicator.is_percent and value > 100:
        return "value", "A percentage target must be 100 or less"
    if indicator.polarity == "high" and comparison == "<=":
        return (
            "comparison",
            f"A high value is good for “{indicator.title}”: the target must be a value to reach",
        )
    if indicator.polarity == "low" and comparison == ">=":
        return (
            "comparison",
            f"A low value is good for “{indicator.title}”: the target must be a value to stay under",
        )
    return None


def trend(indicator: Indicator, previous: Decimal | None, latest: Decimal | None) -> str:
    """``improving``, ``worsening``, ``same`` or ``up``/``down`` when neither is good; "" without both."""
    if previous is None or latest is None:
        return ""
    if latest == previous:
        return "same"
    up = latest > previous
    if indicator.polarity == "none":
        return "up" if up else "down"
    return "improving" if up == (indicator.polarity == "high") else "worsening"


TREND_LABELS = {
    "improving": "Improving",
    "worsening": "Getting worse",
    "same": "No change",
    "up": "Up",
    "down": "Down",
    "": "Not known",
}


def show(indicator: Indicator, value: Decimal | None) -> str:
    if value is None:
        return "No figure"
    if indicator.is_percent:
        return f"{value.normalize():f}%" if value == value.to_integral() else f"{value}%"
    return f"{int(value):,}" if value == value.to_integral() else f"{value}"
