"""The project's own rules, checked on the source: the habits of docs/architecture.md kept by a test."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOSTERING = ROOT / "fostering"
PURE_DEADLINE_MODULES = ["calendar.py", "rules.py", "status.py"]


def domain_modules() -> list[Path]:
    return [
        path
        for path in FOSTERING.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts and path.name != "testing.py"
    ]


def _type_checking_only(tree: ast.Module) -> set[ast.AST]:
    """The nodes under ``if TYPE_CHECKING:``: imports for type hints, never run, so never a query."""
    inside: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.body:
                inside.update(ast.walk(child))
    return inside


def imported_modules(path: Path, *, runtime_only: bool = False) -> set[str]:
    names: set[str] = set()
    tree = ast.parse(path.read_text())
    skipped = _type_checking_only(tree) if runtime_only else set()
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_deadline_calendar_rules_and_status_use_no_database():
    for name in PURE_DEADLINE_MODULES:
        modules = imported_modules(FOSTERING / "deadlines" / name)
        assert not {m for m in modules if m.startswith("django.db")}, name


def test_domain_code_asks_the_clock_module_what_day_it_is():
    """datetime.now(), date.today() and timezone.now() only in fostering/core/clock.py, so tests can fix time."""
    offenders = []
    for path in domain_modules():
        if path == FOSTERING / "core" / "clock.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"now", "today", "localdate"}
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in {"datetime", "date", "timezone"}
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_views_do_not_query_models_of_other_apps_directly():
    """Views read through selectors; a view importing another app's models would bypass the scope."""
    offenders = []
    for path in FOSTERING.glob("*/views.py"):
        app = path.parent.name
        for module in imported_modules(path, runtime_only=True):
            if (
                module.startswith("fostering.")
                and module.endswith(".models")
                and module.split(".")[1]
                not in {
                    app,
                    "accounts",
                }
            ):
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_forms_take_dates_through_the_core_date_input():
    """The GOV.UK date input is read in one place (``core.fields``, ``core.dates``): no form uses the raw one."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in domain_modules()
        if path.parent != FOSTERING / "core" and "crispy_forms_gds.fields" in imported_modules(path)
    ]
    assert offenders == []
