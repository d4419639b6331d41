"""``docs/architecture.md`` tells the truth about the boundaries: its graph is the code's import graph.

The domain edges must equal both the ``allowed`` pairs of the import contract and the imports the code makes; the
foundation edges must equal the imports between foundation packages. Imports made only for type annotations are
left out, as in the contracts. Every app the document names as an app exists.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
EDGE = re.compile(r"^\s+([a-z_]+) --> ([a-z_]+)$")
Edges = set[tuple[str, str]]


def _contracts() -> list[dict[str, Any]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["contracts"]


def _domain_apps() -> list[str]:
    contract = next(c for c in _contracts() if c["type"] == "declared_dependencies")
    return list(contract["apps"])


def _foundation_packages() -> list[str]:
    contract = next(c for c in _contracts() if c["type"] == "forbidden")
    names = [str(m).removeprefix("klankbord.") for m in contract["source_modules"]]
    return [name for name in names if name != "settings"]


def _declared_pairs() -> Edges:
    contract = next(c for c in _contracts() if c["type"] == "declared_dependencies")
    pairs = [str(p).split(" -> ") for p in contract["allowed"]]
    return {(a.strip(), b.strip()) for a, b in pairs}


def graph_edges(text: str) -> dict[str, Edges]:
    """The edges of each subgraph of the boundary graph (the mermaid block after "## Boundaries")."""
    section = text.split("## Boundaries", 1)[1]
    block = section.split("```mermaid", 1)[1].split("```", 1)[0]
    edges: dict[str, Edges] = {}
    current = ""
    for line in block.splitlines():
        if line.strip().startswith("subgraph "):
            current = line.split()[1].split("[")[0]
            edges[current] = set()
        elif line.strip() == "end":
            current = ""
        elif current and (match := EDGE.match(line)):
            edges[current].add((match[1], match[2]))
    return edges


@cache
def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("klankbord", exclude_type_checking_imports=True)


def _imports(a: str, b: str) -> bool:
    graph = _graph()
    return bool(
        graph.find_matching_direct_imports(import_expression=f"klankbord.{a}.** -> klankbord.{b}.**")
        or graph.direct_import_exists(importer=f"klankbord.{a}", imported=f"klankbord.{b}")
    )


def code_edges(packages: list[str]) -> Edges:
    return {(a, b) for a in packages for b in packages if a != b and _imports(a, b)}


def test_the_domain_graph_is_the_contract_and_the_code() -> None:
    drawn = graph_edges(DOC.read_text())["domain"]
    assert drawn == _declared_pairs()
    assert drawn == code_edges(_domain_apps())


def test_the_foundation_graph_is_the_code() -> None:
    assert graph_edges(DOC.read_text())["foundation"] == code_edges(_foundation_packages())


def test_every_app_the_document_names_exists() -> None:
    named = set(re.findall(r"^\| `klankbord\.([a-z_]+)` \|", DOC.read_text(), flags=re.M))
    assert named == set(_domain_apps()) | set(_foundation_packages())
    for name in named:
        assert (ROOT / "klankbord" / name / "__init__.py").exists(), name


@pytest.mark.parametrize(
    ("drawn", "expected"),
    [
        ('    subgraph domain["D"]\n        a --> b\n    end\n', {"domain": {("a", "b")}}),
        ('    subgraph foundation["F"]\n        x --> y\n        z\n    end\n', {"foundation": {("x", "y")}}),
    ],
)
def test_the_parser_reads_each_subgraph(drawn: str, expected: dict[str, Edges]) -> None:
    assert graph_edges(f"## Boundaries\n```mermaid\nflowchart TD\n{drawn}```\n") == expected


def test_a_missing_edge_is_noticed() -> None:
    text = DOC.read_text().replace("        support --> matching\n", "", 1)
    assert graph_edges(text)["domain"] != _declared_pairs()
