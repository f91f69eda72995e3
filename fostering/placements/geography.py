"""Distances between postcodes, from a small table of postcode district centroids (and area centroids as a
rougher fallback). Straight-line miles (haversine); a postcode whose district and area are not in the table
has no known distance."""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CENTROIDS = Path(__file__).resolve().parent / "data" / "postcode_centroids.csv"
EARTH_RADIUS_MILES = 3958.8
_AREA = re.compile(r"^[A-Z]+")


@dataclass(frozen=True)
class Distance:
    miles: float
    approximate: bool  # one of the postcodes was only placed by its area

    def describe(self) -> str:
        return f"{'about ' if self.approximate else ''}{self.miles:.0f} miles"


@cache
def _table() -> dict[str, tuple[float, float]]:
    with CENTROIDS.open(newline="") as handle:
        return {
            row["outward"]: (float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(handle)
        }


def outward_code(postcode: str) -> str:
    compact = re.sub(r"\s+", "", postcode or "").upper()
    return compact[:-3] if len(compact) >= 5 else compact


def postcode_area(postcode: str) -> str:
    match = _AREA.match(outward_code(postcode))
    return match.group(0) if match else ""


def locate(postcode: str) -> tuple[tuple[float, float], bool] | None:
    """(latitude, longitude) of the postcode's district, or of its area (approximate), or None."""
    table = _table()
    outward = outward_code(postcode)
    if outward in table:
        return table[outward], False
    area = postcode_area(postcode)
    if area in table:
        return table[area], True
    return None


def haversine_miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))


def distance(from_postcode: str, to_postcode: str) -> Distance | None:
    """Straight-line miles between two postcodes, or None when either cannot be placed."""
    if not from_postcode or not to_postcode:
        return None
    a, b = locate(from_postcode), locate(to_postcode)
    if a is None or b is None:
        return None
    if outward_code(from_postcode) == outward_code(to_postcode):
        return Distance(0.0, a[1])
    return Distance(haversine_miles(a[0], b[0]), a[1] or b[1])
