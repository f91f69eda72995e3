"""Run the DfE's SSDA903 validation rules on a folder of 903 CSV files and print the result as JSON.

Runs in its own environment (.venv-903, from requirements-903.txt), because the rules package pins
pandas < 2 and numpy < 1.25:

    .venv-903/bin/python scripts/validate_903.py --year 2026 --la E10000018 DIR

DIR holds this year's files (header.csv, episodes.csv, reviews.csv, uasc.csv ...) and, if the previous
year's are to be used, a ``prev/`` folder with the same names. The JSON printed on standard output:

    {"year": "2026", "local_authority": "...", "rules_run": 250, "seconds": 8.1,
     "errors": [{"rule": "103", "message": "...", "fields": ["ETHNIC"], "table": "Header",
                 "row": 4, "child": "1234567"}, ...],
     "failed_to_run": [{"rule": "231", "message": "..."}], "skipped": ["..."]}

A rule that raised is listed in ``failed_to_run`` and never counted as passed.
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import logging
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

REGISTRIES = {
    "2023": "lac2022_23",
    "2024": "lac2023_24",
    "2025": "lac2024_25",
    "2026": "lac2025_26",
    "2027": "lac2026_27",
}


def _files(folder: Path, description: str) -> list[dict[str, object]]:
    return [
        {"name": path.name, "description": description, "file_content": path.read_bytes()}
        for path in sorted(folder.glob("*.csv"))
    ]


def _why_not_run(validator: object, registry: dict[str, object], code: str) -> dict[str, object]:
    """What a rule that raised needs (its tables and fields), what the files lack, and what it raised."""
    from lac_validator.datastore import copy_datastore, create_datastore

    rule = registry.get(code)
    tables = [str(t) for t in (getattr(rule, "tables", None) or []) if t]
    fields = [str(f) for f in (getattr(rule, "affected_fields", None) or [])]
    dfs = validator.dfs  # type: ignore[attr-defined]
    missing_tables = [t for t in tables if t not in dfs]
    present = {str(c) for t in tables if t in dfs for c in dfs[t].columns}
    missing_fields = sorted({f for f in fields if present and f not in present})
    reason = ""
    try:
        with redirect_stdout(io.StringIO()):
            rule.func(copy_datastore(create_datastore(dfs, validator.metadata)))  # type: ignore[attr-defined,union-attr]
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"[:300]
    return {
        "rule": code,
        "message": getattr(rule, "message", "") or "",
        "tables": tables,
        "fields": sorted(set(fields)),
        "missing_tables": missing_tables,
        "missing_fields": missing_fields,
        "reason": reason,
    }


def validate(year: str, la: str, folder: Path) -> dict[str, object]:
    started = time.perf_counter()
    logging.disable(logging.CRITICAL)
    with redirect_stdout(io.StringIO()):
        from lac_validator.lac_validator import LacValidator

        registry = importlib.import_module(f"lac_validator.rules.{REGISTRIES[year]}").registry
        files = _files(folder, "This year")
        if (folder / "prev").is_dir():
            files += _files(folder / "prev", "Prev year")
        validator = LacValidator(
            metadata={"collectionYear": year, "localAuthority": la},
            files=files,  # type: ignore[arg-type]
            registry=registry,
        )
    errors = []
    for table, frame in validator.ds_results.items():
        if table == "metadata":
            continue
        for column in [c for c in frame.columns if str(c).startswith("ERR_")]:
            code = str(column)[4:]
            rule = registry.get(code)
            flagged = frame[frame[column] == True]  # noqa: E712 (a pandas mask)
            for row, child in zip(flagged.index, flagged["CHILD"], strict=True):
                errors.append(
                    {
                        "rule": code,
                        "message": rule.message if rule else "",
                        "fields": list(rule.affected_fields or []) if rule else [],
                        "table": table,
                        "row": int(row),
                        "child": "" if child != child else str(child),
                    }
                )
    errors.sort(key=lambda e: (str(e["rule"]), str(e["table"]), int(e["row"])))  # type: ignore[call-overload]
    return {
        "year": year,
        "local_authority": la,
        "rules_run": len(validator.dones),
        "seconds": round(time.perf_counter() - started, 2),
        "errors": errors,
        "failed_to_run": [_why_not_run(validator, registry, code) for code in validator.fails],
        "skipped": list(validator.skips),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", required=True, choices=sorted(REGISTRIES))
    parser.add_argument("--la", required=True, help="Upper-tier local authority code, e.g. E10000018")
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        parser.error(f"{args.folder} is not a folder")
    result = validate(args.year, args.la, args.folder)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
