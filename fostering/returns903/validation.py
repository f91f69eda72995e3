"""Run the DfE's validation rules on a year's return, in their own environment (see ADR 6).

The rules package pins old pandas and numpy, so it lives in ``.venv-903`` and runs as a subprocess:
``scripts/validate_903.py`` prints JSON, read back here. Rules that failed to run are kept apart from
errors and are never counted as passed.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from .export import Return903

TIMEOUT_SECONDS = 900


class ValidatorUnavailable(Exception):
    """The rules' environment is missing or the run failed."""


@dataclass
class ValidationResult:
    year: int
    local_authority: str
    errors: list[dict[str, Any]] = field(default_factory=list)
    failed_to_run: list[dict[str, Any]] = field(default_factory=list)
    rules_run: int = 0
    seconds: float = 0.0

    @property
    def by_rule(self) -> list[dict[str, Any]]:
        """One entry per failing rule: its code, message, fields and the failing rows."""
        rules: dict[str, dict[str, Any]] = {}
        for error in self.errors:
            entry = rules.setdefault(
                error["rule"],
                {"rule": error["rule"], "message": error["message"], "fields": error["fields"], "rows": []},
            )
            entry["rows"].append(error)
        return sorted(rules.values(), key=lambda r: (-len(r["rows"]), r["rule"]))

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "local_authority": self.local_authority,
            "errors": self.errors,
            "failed_to_run": self.failed_to_run,
            "rules_run": self.rules_run,
            "seconds": self.seconds,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ValidationResult:
        return cls(
            year=int(data["year"]),
            local_authority=str(data["local_authority"]),
            errors=list(data.get("errors", [])),
            failed_to_run=list(data.get("failed_to_run", [])),
            rules_run=int(data.get("rules_run", 0)),
            seconds=float(data.get("seconds", 0.0)),
        )


def validator_python() -> Path:
    return Path(getattr(settings, "RETURNS_903_PYTHON", settings.BASE_DIR / ".venv-903" / "bin" / "python"))


def validator_script() -> Path:
    return Path(settings.BASE_DIR) / "scripts" / "validate_903.py"


def run_validator(folder: Path, *, year: int, local_authority: str) -> ValidationResult:
    """Validate the files in ``folder`` (and ``folder/prev``, last year's)."""
    python = validator_python()
    if not python.exists():
        raise ValidatorUnavailable(
            f"The DfE rules are not installed ({python} is missing): run scripts/bootstrap.sh"
        )
    completed = subprocess.run(
        [str(python), str(validator_script()), "--year", str(year), "--la", local_authority, str(folder)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    if completed.returncode != 0:
        raise ValidatorUnavailable(f"The DfE rules did not run: {completed.stderr.strip()[-2000:]}")
    return ValidationResult.from_dict(json.loads(completed.stdout))


def validate_return(
    current: Return903, previous: Return903 | None, *, local_authority: str
) -> ValidationResult:
    with tempfile.TemporaryDirectory(prefix="ssda903-") as tmp:
        folder = Path(tmp)
        current.write(folder)
        if previous is not None:
            previous.write(folder / "prev")
        return run_validator(folder, year=current.year, local_authority=local_authority)
