"""Statistical disclosure control for published tables: threshold k, complementary suppression, linked tables.

A 2-D table with margins is an (R+1) x (C+1) array: cells, row totals (last column), column totals (last
row) and the grand total. Flip the sign of the R + C margin entries (not the grand total) and every row and
every column of the array sums to zero. A set S of suppressed entries is then a set of edges of the
bipartite graph "row line - column line"; the values of S that are consistent with everything published
form an affine space whose directions are exactly the cycles of that graph. Hence:

    a suppressed entry can be derived exactly from the published ones  <=>  its edge is a bridge
    (lies on no cycle) of the graph of suppressed entries.

Per-line reasoning ("a line with exactly one suppressed entry gives it away by subtraction") is the special
case of a leaf; a bridge between two rectangles of suppressions is the case it misses.

Algorithm (``protect_table``):
1. Primary suppression: every entry (cell or margin) with 1 <= n < k. Zeros are published: a true zero
   describes nobody.
2. While some suppressed entry is a bridge: suppress the cheapest path of other entries that closes a
   cycle through it (Dijkstra over the complete bipartite graph; an already suppressed entry costs
   nothing, a published one its value, so small cells are sacrificed first; zeros are never used).
   Adding edges never turns a cycle edge into a bridge, so this ends after at most |S| rounds.
   (2b, linked tables only: see below.)
3. Because only positive entries are ever suppressed, the consistent values also satisfy n >= 0 near the
   true table, so non-negativity cannot pin a cell either (no suppressed cell is at a bound).
A cycle through a bridge always exists among positive entries: every line of the signed array sums to
zero, so no positive entry is a bridge of the graph of all positive entries (the two sides of a bridge
would have to sum to its value and to zero at once).

Linked tables (``protect_linked``) share the column margins (totals per period, and the grand total): the
same published counts appear in every table of the group. Two rules keep the union of their equations safe:
(a) every table suppresses exactly the same set S of shared totals (a total suppressed in one table is
forced into the others, repeated until nothing changes); (b) within each table the columns of S are joined
by suppressed entries that avoid the margin row (step 2b adds a cheapest such path). By (b) the null space of
each table, restricted to S, is the whole space {v on S : sum v = 0}, so any way one table can move its
hidden values can be matched by every other table on S: the combined system pins no entry either. The
tests check this independently with exact rational elimination.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.conf import settings

from .constants import DEFAULT_DISCLOSURE_K

Entry = tuple[int, int]  # (row, column) in the (R+1) x (C+1) array; index R / C is the margin
Node = tuple[str, int]  # ("r", row) or ("c", column): a line of the array


def threshold() -> int:
    return int(getattr(settings, "KLANKBORD_DISCLOSURE_K", DEFAULT_DISCLOSURE_K))


@dataclass
class Table:
    """Counts by row label x column label; margins are computed, never given."""

    rows: list[str]
    columns: list[str]
    cells: list[list[int]]
    title: str = ""
    row_heading: str = ""

    def full(self) -> list[list[int]]:
        """The (R+1) x (C+1) array: cells, row totals, column totals, grand total."""
        grid = [[*row, sum(row)] for row in self.cells]
        totals = [sum(grid[r][c] for r in range(len(grid))) for c in range(len(self.columns) + 1)]
        return [*grid, totals]


@dataclass
class ProtectedTable:
    """A table as published: ``values[r][c]`` is the count or None when suppressed (margins included)."""

    table: Table
    k: int
    values: list[list[int | None]]
    primary: set[Entry] = field(default_factory=set)
    complementary: set[Entry] = field(default_factory=set)

    @property
    def suppressed(self) -> set[Entry]:
        return self.primary | self.complementary

    def cell(self, row: int, column: int) -> int | None:
        return self.values[row][column]

    def rows_with_total(self) -> list[tuple[str, list[int | None]]]:
        labels = [*self.table.rows, "Totaal"]
        return list(zip(labels, self.values, strict=True))


def _bridges(n_rows: int, n_cols: int, edges: set[Entry]) -> set[Entry]:
    """Bridges of the bipartite multigraph row-node r <-> column-node c (Tarjan, iterative)."""
    adjacency: dict[Node, list[tuple[Node, Entry]]] = {}
    for r, c in edges:
        adjacency.setdefault(("r", r), []).append((("c", c), (r, c)))
        adjacency.setdefault(("c", c), []).append((("r", r), (r, c)))
    order: dict[Node, int] = {}
    low: dict[Node, int] = {}
    found: set[Entry] = set()
    for root in adjacency:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack: list[tuple[Node, Entry | None, Iterator[tuple[Node, Entry]]]] = [
            (root, None, iter(adjacency[root]))
        ]
        while stack:
            node, via, neighbours = stack[-1]
            advanced = False
            for neighbour, edge in neighbours:
                if edge == via:
                    continue
                if neighbour in order:
                    low[node] = min(low[node], order[neighbour])
                else:
                    order[neighbour] = low[neighbour] = len(order)
                    stack.append((neighbour, edge, iter(adjacency[neighbour])))
                    advanced = True
                    break
            if not advanced:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent] and via is not None:
                        found.add(via)
    return found


def _cheapest_path(
    grid: list[list[int]], suppressed: set[Entry], start: Node, goal: Node, skip: Entry | None, max_row: int
) -> list[Entry]:
    """Cheapest chain of positive entries from ``start`` to ``goal`` (rows < ``max_row``, never ``skip``).

    An entry already suppressed costs nothing, a published one its value; ties go to fewer entries.
    """
    n_cols = len(grid[0])
    best = {start: (0.0, 0)}
    previous: dict[Node, tuple[Node, Entry]] = {}
    queue: list[tuple[float, int, Node]] = [(0.0, 0, start)]
    while queue:
        cost, hops, node = heapq.heappop(queue)
        if node == goal:
            break
        if (cost, hops) > best.get(node, (float("inf"), 0)):
            continue
        side, index = node
        for other in range(n_cols) if side == "r" else range(max_row):
            entry = (index, other) if side == "r" else (other, index)
            value = grid[entry[0]][entry[1]]
            if entry == skip or value <= 0 or entry[0] >= max_row:
                continue
            candidate = ("c" if side == "r" else "r", other)
            new = (cost + (0.0 if entry in suppressed else float(value)), hops + 1)
            if new < best.get(candidate, (float("inf"), 0)):
                best[candidate] = new
                previous[candidate] = (node, entry)
                heapq.heappush(queue, (new[0], new[1], candidate))
    if goal not in previous:  # cannot happen for a consistent table (see module docstring)
        raise ValueError("no path of positive entries: the table is inconsistent")
    path, node = [], goal
    while node != start:
        node, entry = previous[node]
        path.append(entry)
    return path


def _margin_components(n_rows: int, suppressed: set[Entry]) -> list[set[int]]:
    """Columns of the suppressed shared totals, grouped by connectivity without the margin row."""
    margin = n_rows - 1
    parent: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for r, c in suppressed:
        if r != margin:
            parent[find(("r", r))] = find(("c", c))
    groups: dict[Node, set[int]] = {}
    for c in sorted(c for r, c in suppressed if r == margin):
        groups.setdefault(find(("c", c)), set()).add(c)
    return list(groups.values())


def _suppress(
    grid: list[list[int]], k: int, forced: set[Entry], connect_shared: bool
) -> tuple[set[Entry], set[Entry]]:
    n_rows, n_cols = len(grid), len(grid[0])
    primary = {(r, c) for r in range(n_rows) for c in range(n_cols) if 0 < grid[r][c] < k}
    suppressed = primary | {entry for entry in forced if grid[entry[0]][entry[1]] > 0}
    while True:
        if bridges := _bridges(n_rows, n_cols, suppressed):  # step 2
            bridge = min(bridges, key=lambda e: (grid[e[0]][e[1]], e))
            start, goal = ("r", bridge[0]), ("c", bridge[1])
            suppressed |= set(_cheapest_path(grid, suppressed, start, goal, bridge, n_rows))
            continue
        groups = _margin_components(n_rows, suppressed) if connect_shared else []
        if len(groups) <= 1:
            return primary, suppressed - primary
        first, second = min(groups[0]), min(groups[1])  # step 2b
        suppressed |= set(_cheapest_path(grid, suppressed, ("c", first), ("c", second), None, n_rows - 1))


def protect_table(
    table: Table, k: int | None = None, forced: set[Entry] | None = None, *, linked: bool = False
) -> ProtectedTable:
    """``table`` with primary and complementary suppression applied (see the module docstring)."""
    k = threshold() if k is None else k
    grid = table.full()
    primary, complementary = _suppress(grid, k, forced or set(), connect_shared=linked)
    hidden = primary | complementary
    values: list[list[int | None]] = [
        [None if (r, c) in hidden else value for c, value in enumerate(row)] for r, row in enumerate(grid)
    ]
    return ProtectedTable(table=table, k=k, values=values, primary=primary, complementary=complementary)


def protect_linked(tables: Sequence[Table], k: int | None = None) -> list[ProtectedTable]:
    """Protect tables that share their columns and column totals, consistently (see module docstring)."""
    shared: set[int] = set()  # column indexes whose total is suppressed somewhere (len(columns) = grand)
    while True:
        protected = []
        for table in tables:
            margin_row = len(table.rows)
            forced = {(margin_row, c) for c in shared}
            protected.append(protect_table(table, k, forced, linked=True))
        now = {c for p in protected for (r, c) in p.suppressed if r == len(p.table.rows)}
        if now <= shared:
            return protected
        shared |= now


def protect_counts(labels: list[str], counts: list[int], k: int | None = None) -> list[int | None]:
    """Counts without a published total (e.g. multiple-choice feedback): only primary suppression."""
    k = threshold() if k is None else k
    return [None if 0 < count < k else count for count in counts]
