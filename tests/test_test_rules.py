"""Rules for the test suite itself: test modules share code only through ``tests.factories``.

A test module that imports another test module (or a conftest) runs that module's tests' setup at import time,
ties the two files together invisibly and breaks when either is renamed. Shared test data and helpers live in
``tests.factories``; fixtures reach tests through pytest's conftest mechanism, never through an import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SHARED = "tests.factories"


def _module_name(path: Path) -> str:
    """The dotted name of a file under ``tests/`` (``tests/geo/test_geo_api.py`` -> ``tests.geo.test_geo_api``)."""
    relative = path.relative_to(TESTS.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def _resolve(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The absolute module a ``from ... import`` names, resolving relative imports against ``importer``."""
    if node.level == 0:
        return node.module or ""
    package = importer.split(".") if is_package else importer.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _is_shared(module: str) -> bool:
    return module == SHARED or module.startswith(f"{SHARED}.")


def _imported_modules(tree: ast.AST, importer: str, is_package: bool) -> list[tuple[int, str]]:
    """Every module the source imports, as (line, absolute dotted name)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _resolve(node, importer, is_package)
            if node.module is None or module == "tests":  # ``from . import x``: the names are modules
                found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, module))
    return found


def import_violations(source: str, importer: str, *, is_package: bool = False) -> list[str]:
    """What ``source`` (the module ``importer``) imports from the test suite other than ``tests.factories``."""
    problems = []
    for line, module in _imported_modules(ast.parse(source), importer, is_package):
        if module == "tests" or not (module.startswith("tests.") and not _is_shared(module)):
            continue
        leaf = module.rsplit(".", 1)[-1]
        if importer.endswith("conftest") and leaf.startswith("test_"):
            problems.append(f"{importer}:{line}: a conftest imports the test module {module}")
        else:
            problems.append(f"{importer}:{line}: imports {module}; share code through {SHARED} instead")
    return problems


def _suite_files() -> list[Path]:
    return sorted(TESTS.rglob("*.py"))


def test_test_modules_share_code_only_through_the_factories_package() -> None:
    problems = []
    for path in _suite_files():
        problems += import_violations(
            path.read_text(encoding="utf-8"), _module_name(path), is_package=path.name == "__init__.py"
        )
    assert problems == []


def test_the_rule_sees_every_file_of_the_suite() -> None:
    names = {_module_name(path) for path in _suite_files()}
    assert {
        "tests.conftest",
        "tests.factories",
        "tests.factories.accounts",
        _module_name(Path(__file__)),
    } <= names


@pytest.mark.parametrize(
    ("source", "importer"),
    [
        ("from tests.factories import accounts", "tests.geo.test_geo_api"),
        ("from tests.factories.accounts import UserFactory", "tests.geo.test_geo_api"),
        ("import tests.factories.files", "tests.reports.test_reports_intake"),
        ("from tests import factories", "tests.reports.test_reports_intake"),
        ("from klankbord.geo.models import Municipality", "tests.geo.test_geo_api"),
        ("import pytest", "tests.conftest"),
        ("from .files import png_bytes", "tests.factories.browser"),
    ],
)
def test_the_checker_allows_the_factories_and_everything_outside_the_suite(
    source: str, importer: str
) -> None:
    assert import_violations(source, importer) == []


@pytest.mark.parametrize(
    ("source", "importer", "named"),
    [
        ("from tests.geo.test_geo_api import helper", "tests.geo.test_geo_views", "tests.geo.test_geo_api"),
        ("import tests.reports.conftest", "tests.messaging.test_messaging_views", "tests.reports.conftest"),
        ("from tests.reports.conftest import report", "tests.consent.conftest", "tests.reports.conftest"),
        ("from tests import conftest", "tests.geo.test_geo_api", "tests.conftest"),
        ("from .conftest import score", "tests.recruitment.test_selection", "tests.recruitment.conftest"),
        ("from .samples import pdf_bytes", "tests.recruitment.test_uploads", "tests.recruitment.samples"),
        ("from . import test_ics", "tests.recruitment.test_procedure", "tests.recruitment.test_ics"),
        (
            "def f():\n    from tests.support.conftest import SECRET\n",
            "tests.support.test_x",
            "tests.support",
        ),
    ],
)
def test_the_checker_refuses_imports_of_other_test_modules(source: str, importer: str, named: str) -> None:
    problems = import_violations(source, importer)
    assert len(problems) == 1
    assert named in problems[0]


def test_the_checker_says_when_a_conftest_imports_a_test_module() -> None:
    problems = import_violations("from tests.geo.test_geo_api import helper\n", "tests.geo.conftest")
    assert problems == ["tests.geo.conftest:1: a conftest imports the test module tests.geo.test_geo_api"]
