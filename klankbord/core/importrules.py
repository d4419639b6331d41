"""Two import-linter contract types for the app boundaries of docs/architecture.md (run by ``uv run lint-imports``).

``declared_dependencies``: an app of ``apps`` imports another app of ``apps`` only along an edge listed in
``allowed`` (``"support -> matching"``); an edge that is listed but no longer used also breaks the contract, so
the list in pyproject.toml stays the true picture of the domain.

``private_models``: an app's ``models`` are imported by another app only from modules that may know them: a
module whose dotted path (below the app) has one of the segments in ``public_importers`` (``services``,
``selectors``, ``permissions`` and the seeding and migration modules).

Only import-linter loads this module (a development dependency); the application never imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import grimp
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils
from importlinter.domain.contract import InvalidContractOptions
from importlinter.domain.imports import ImportExpression


@dataclass(frozen=True)
class Link:
    importer: str
    imported: str
    lines: tuple[int, ...]


def _links(graph: grimp.ImportGraph, importer: str, imported: str) -> Link:
    details = graph.get_import_details(importer=importer, imported=imported)
    return Link(importer, imported, tuple(detail["line_number"] for detail in details))


def _app_of(module: str, container: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == container else None


def _remove_ignored(contract: Contract, graph: grimp.ImportGraph) -> contract_utils.ImportRemoval:
    return contract_utils.remove_ignored_imports_and_report(
        graph=graph,
        ignore_imports=cast(list[ImportExpression], getattr(contract, "ignore_imports", None) or []),
        unmatched_alerting=contract_utils.AlertLevel.ERROR,
    )


def _render_links(heading: str, links: list[Link]) -> None:
    if not links:
        return
    output.print_error(heading, bold=False)
    output.new_line()
    for link in links:
        output.print_error(
            f"- {link.importer} -> {link.imported} (l.{', '.join(map(str, link.lines))})", bold=False
        )
    output.new_line()


class DeclaredDependenciesContract(Contract):
    type_name = "declared_dependencies"

    container = fields.StringField()
    apps = fields.ListField(subfield=fields.StringField())
    allowed = fields.ListField(subfield=fields.StringField())
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)

    def _apps(self) -> list[str]:
        return cast(list[str], self.apps)

    def _edges(self) -> set[tuple[str, str]]:
        edges = set()
        for edge in cast(list[str], self.allowed):
            importer, _arrow, imported = (part.strip() for part in edge.partition("->"))
            if not _arrow or importer not in self._apps() or imported not in self._apps():
                raise InvalidContractOptions({"allowed": f"{edge!r} is not '<app> -> <app>' of apps"})
            edges.add((importer, imported))
        return edges

    def validate(self) -> None:
        self._edges()

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        removal = _remove_ignored(self, graph)
        container, apps, edges = cast(str, self.container), set(self._apps()), self._edges()
        undeclared: list[Link] = []
        used: set[tuple[str, str]] = set()
        for importer in sorted(graph.modules):
            source = _app_of(importer, container)
            if source not in apps:
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                target = _app_of(imported, container)
                if target is None or target == source or target not in apps:
                    continue
                used.add((source, target))
                if (source, target) not in edges:
                    undeclared.append(_links(graph, importer, imported))
        unused = sorted(f"{a} -> {b}" for a, b in edges - used)
        return ContractCheck(
            kept=not (undeclared or unused),
            warnings=list(removal.warnings),
            ignored_import_count=removal.ignored_import_count,
            metadata={"undeclared": undeclared, "unused": unused},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        _render_links("Imports between apps along an undeclared dependency:", check.metadata["undeclared"])
        if check.metadata["unused"]:
            output.print_error("Declared dependencies that no import uses (remove them):", bold=False)
            output.new_line()
            for edge in check.metadata["unused"]:
                output.print_error(f"- {edge}", bold=False)
            output.new_line()


class PrivateModelsContract(Contract):
    type_name = "private_models"

    container = fields.StringField()
    public_importers = fields.ListField(subfield=fields.StringField())
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)

    def _may_import(self, importer: str) -> bool:
        return any(part in cast(list[str], self.public_importers) for part in importer.split(".")[2:])

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        removal = _remove_ignored(self, graph)
        container = cast(str, self.container)
        illegal: list[Link] = []
        for imported in sorted(graph.modules):
            parts = imported.split(".")
            if len(parts) < 3 or parts[0] != container or parts[2] != "models":
                continue
            for importer in sorted(graph.find_modules_that_directly_import(imported)):
                app = _app_of(importer, container)
                if app is not None and app != parts[1] and not self._may_import(importer):
                    illegal.append(_links(graph, importer, imported))
        return ContractCheck(
            kept=not illegal,
            warnings=list(removal.warnings),
            ignored_import_count=removal.ignored_import_count,
            metadata={"illegal": illegal},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        _render_links(
            "Imports of another app's models outside its services and selectors:", check.metadata["illegal"]
        )
