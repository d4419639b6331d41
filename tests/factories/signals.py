"""An independent check of disclosure control: exact rational elimination over everything published.

For one table or a group of linked tables (sharing their column totals), every suppressed entry is an unknown
and every row and column of every table (margins included) is an equation. An unknown can be derived
exactly iff its unit vector lies in the row space of the coefficient matrix.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import factory

from klankbord.signals.constants import Dimension
from klankbord.signals.disclosure import ProtectedTable
from klankbord.signals.models import EarlyWarning

Var = tuple


def _equations(tables: list[ProtectedTable], linked: bool) -> tuple[list[dict[Var, Fraction]], set[Var]]:
    equations, unknowns = [], set()
    for t, table in enumerate(tables):
        values = table.values
        n_rows, n_cols = len(values), len(values[0])

        def var(r: int, c: int, t: int = t, n_rows: int = n_rows) -> Var:
            return (-1, -1, c) if linked and r == n_rows - 1 else (t, r, c)

        lines = [[(r, c) for c in range(n_cols - 1)] + [(r, n_cols - 1)] for r in range(n_rows)]
        lines += [[(r, c) for r in range(n_rows - 1)] + [(n_rows - 1, c)] for c in range(n_cols)]
        for line in lines:
            equation: dict[Var, Fraction] = {}
            for position, (r, c) in enumerate(line):
                if values[r][c] is None:
                    sign = Fraction(-1) if position == len(line) - 1 else Fraction(1)
                    key = var(r, c)
                    equation[key] = equation.get(key, Fraction(0)) + sign
                    unknowns.add(key)
            equation = {key: value for key, value in equation.items() if value}
            if equation:
                equations.append(equation)
    return equations, unknowns


def _reduce(vector: dict[Var, Fraction], basis: list[tuple[Var, dict[Var, Fraction]]]) -> dict[Var, Fraction]:
    vector = dict(vector)
    for pivot, row in basis:
        factor = vector.get(pivot)
        if factor:
            for key, value in row.items():
                vector[key] = vector.get(key, Fraction(0)) - factor * value
            vector = {key: value for key, value in vector.items() if value}
    return vector


def derivable(tables: list[ProtectedTable], *, linked: bool = False) -> set[Var]:
    """Suppressed entries whose value follows exactly from the published ones."""
    equations, unknowns = _equations(tables, linked)
    basis: list[tuple[Var, dict[Var, Fraction]]] = []
    for equation in equations:
        reduced = _reduce(equation, basis)
        if not reduced:
            continue
        pivot = min(reduced)
        scale = reduced[pivot]
        row = {key: value / scale for key, value in reduced.items()}
        basis = [(p, _reduce(r, [(pivot, row)])) for p, r in basis]
        basis.append((pivot, row))
    return {unknown for unknown in unknowns if not _reduce({unknown: Fraction(1)}, basis)}


class EarlyWarningFactory(factory.django.DjangoModelFactory[EarlyWarning]):
    """A stored early warning (the state the warnings page lists), one region a month by default."""

    class Meta:
        model = EarlyWarning

    month = date(2026, 11, 1)
    dimension = Dimension.REGION
    key = factory.Sequence(lambda n: f"r{n}")
    label = factory.Sequence(lambda n: f"Regio {n}")
    observed = 9
    baseline_total = 12
    baseline_months = 12
    p_value = 0.001
    threshold = 0.01
