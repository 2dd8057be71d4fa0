"""The apps depend one way only: governance ← members ← meetings ← documents ← notices."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "governance": {"members", "meetings", "documents", "notices"},
    "members": {"meetings", "documents", "notices"},
    "meetings": {"documents", "notices"},
    "documents": {"notices"},
    "notices": set(),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_app_imports_only_the_apps_below_it(app):
    offences = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in (ROOT / app).rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in FORBIDDEN[app]
    ]
    assert offences == []


def test_the_check_sees_imports():
    source = ROOT / "meetings" / "views" / "public.py"
    assert "members.access" in imported_modules(source)


CLOCK_READINGS = ("timezone.now(", "timezone.localdate(", "date.today(", "datetime.now(")


def test_only_the_one_clock_reads_the_time():
    """Every "now" and "today" comes from config.clock, which the suite freezes."""
    offences = [
        f"{path.relative_to(ROOT)} reads the time with {reading}"
        for app in ("config", "governance", "members", "meetings", "documents", "api", "benchmarks")
        for path in (ROOT / app).rglob("*.py")
        if path != ROOT / "config" / "clock.py"
        for reading in CLOCK_READINGS
        if reading in path.read_text(encoding="utf-8")
    ]
    assert offences == []
