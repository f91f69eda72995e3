"""Placements in the API (see fostering/api/api.py)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Placements"])
