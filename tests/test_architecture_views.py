"""Views stay thin: no ORM query and no audit call in any view module (docs/architecture.md, conventions 3-5).

A view reads confidential objects only through its app's access selectors, which check access, write the read
audit entry and raise Http404 for outsiders; writes go through services. This test parses every view module and
fails on anything that would let a view fetch or audit by itself.

Imports of a ``models`` module are allowed only under ``if TYPE_CHECKING:``: an annotation cannot query.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "klankbord"

FORBIDDEN_CALLS = frozenset({"get_object_or_404", "get_list_or_404"})
# Queryset methods: none of them is called on anything a view may legitimately hold.
QUERYSET_METHODS = frozenset(
    {
        "filter",
        "exclude",
        "select_related",
        "prefetch_related",
        "annotate",
        "aggregate",
        "order_by",
        "values_list",
        "get_or_create",
        "update_or_create",
        "bulk_create",
        "raw",
        "extra",
    }
)


def view_modules() -> list[Path]:
    """Every ``<app>/views.py`` and ``<app>/views/*.py``."""
    return sorted([*ROOT.glob("*/views.py"), *ROOT.glob("*/views/*.py")])


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes inside ``if TYPE_CHECKING:`` blocks."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for statement in node.body:
                inside.update(id(child) for child in ast.walk(statement))
    return inside


def _imported_modules(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = ("." * node.level) + (node.module or "")
    yield base
    if not node.module:  # ``from . import models``
        yield from (f"{base}{alias.name}" for alias in node.names)


def _is_models_module(name: str) -> bool:
    return "models" in name.lstrip(".").split(".")


def _is_audit_module(name: str) -> bool:
    return name == "klankbord.audit" or name.startswith("klankbord.audit.")


def _import_problems(node: ast.Import | ast.ImportFrom, type_only: bool) -> Iterator[str]:
    for name in _imported_modules(node):
        if _is_audit_module(name):
            yield f"line {node.lineno}: imports {name} (auditing belongs in selectors and services)"
        elif _is_models_module(name) and not type_only:
            yield f"line {node.lineno}: imports {name} (query through a selector)"


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def view_rule_violations(source: str) -> list[str]:
    """The rule breaches in one view module's source, as 'line N: what' strings (empty when it is clean)."""
    tree = ast.parse(source)
    type_only = _type_checking_nodes(tree)
    problems: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            problems.extend(_import_problems(node, id(node) in type_only))
        elif isinstance(node, ast.Attribute) and node.attr == "objects":
            problems.append(f"line {node.lineno}: uses a model manager (.objects)")
        elif isinstance(node, ast.Call):
            name = _call_name(node)
            if name in FORBIDDEN_CALLS:
                problems.append(f"line {node.lineno}: calls {name}")
            elif isinstance(node.func, ast.Attribute) and name in QUERYSET_METHODS:
                problems.append(f"line {node.lineno}: builds a queryset (.{name})")
            elif name in {"audit_log", "audit_read"}:
                problems.append(f"line {node.lineno}: calls {name}")
    return sorted(problems, key=lambda problem: int(problem.split(":")[0].split()[1]))


# --- the checker itself: every rule catches a planted breach, so this test cannot pass vacuously -------------

PLANTED = {
    "manager": "from klankbord.reports import selectors\n\ndef v(request):\n    return Report.objects.get(pk=1)\n",
    "get_object_or_404": "from django.shortcuts import get_object_or_404\n\ndef v(r, pk):\n"
    "    return get_object_or_404(Thing, pk=pk)\n",
    "get_list_or_404": "import django.shortcuts as s\n\ndef v(r):\n    return s.get_list_or_404(Thing)\n",
    "queryset": "def v(r, case):\n    return referrals(report=case).filter(pk=1).first()\n",
    "audit import": "from klankbord.audit.services import audit_read\n",
    "audit module import": "import klankbord.audit.services\n",
    "audit call": "def v(r, x):\n    audit_read(actor=r.user, target=x)\n",
    "absolute models import": "from klankbord.reports.models import Report\n",
    "relative models import": "from ..models import Escalation\n",
    "package models import": "from .models.application import Application\n",
    "bare relative models import": "from . import models\n",
    "plain models import": "import klankbord.geo.models\n",
}


@pytest.mark.parametrize("source", PLANTED.values(), ids=PLANTED.keys())
def test_the_checker_catches_a_planted_violation(source: str) -> None:
    assert view_rule_violations(source)


def test_the_checker_reports_the_line_of_the_violation() -> None:
    source = "from ..selectors import x\n\n\ndef v(request):\n    return Report.objects.all()\n"
    assert view_rule_violations(source) == ["line 5: uses a model manager (.objects)"]


def test_the_checker_allows_a_thin_view() -> None:
    source = (
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "from django.shortcuts import render\n"
        "from ..selectors import report_open_for_user\n"
        "if TYPE_CHECKING:\n"
        "    from ..models import Report\n"
        "def v(request, pk):\n"
        "    value = request.GET.get('tab')\n"
        "    return render(request, 'x.html', {'r': report_open_for_user(user=request.user, pk=pk)})\n"
    )
    assert view_rule_violations(source) == []


def test_the_checker_still_refuses_audit_imports_under_type_checking() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from klankbord.audit.models import A\n"
    assert view_rule_violations(source)


# --- the real view modules ---------------------------------------------------------------------------------


def test_there_are_view_modules_to_check() -> None:
    assert len(view_modules()) > 10


@pytest.mark.parametrize("path", view_modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_view_module_does_no_queries_and_no_auditing(path: Path) -> None:
    assert view_rule_violations(path.read_text()) == []
