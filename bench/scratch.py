"""What the job benchmarks share: the same command-line options and a scratch database of their own.

Each benchmark (matching, return903, payments, forecasts) builds the demo in ``var/bench/<name>-<scale>``
unless ``DATABASE_URL`` says otherwise, and reuses it with ``--skip-build``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"


def arguments(doc: str | None) -> argparse.ArgumentParser:
    """The options every job benchmark takes; a benchmark adds its own before parsing."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=["small", "county", "national"], default="county")
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    return parser


def open_scratch_database(name: str, scale: str) -> None:
    """Point Django at the benchmark's own database (SQLite under var/bench/ by default) and set it up."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_DIR / f'{name}-{scale}.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
