"""The shipped reference files and the pure functions that read them (no database)."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from klankbord.geo.reference import (
    BUILTIN_SCHEMES,
    DATA_DIR,
    MUNICIPALITIES_CSV,
    ReferenceDataError,
    adjacency,
    arc_id,
    file_checksums,
    outlines,
    read_municipalities,
)


def test_the_csv_holds_342_municipalities_with_unique_codes() -> None:
    rows = read_municipalities()
    assert len(rows) == 342
    assert len({row.code for row in rows}) == 342


def test_every_shipped_file_matches_the_checksum_in_the_attribution() -> None:
    text = (DATA_DIR / "ATTRIBUTION.md").read_text(encoding="utf-8")
    listed = dict(
        (name, digest) for digest, name in re.findall(r"^([0-9a-f]{64})  (\S+)$", text, re.MULTILINE)
    )
    assert listed == file_checksums()
    assert "CC BY 4.0" in text and "Bron: CBS / PDOK" in text and "inferred" in text


def test_builtin_schemes_have_the_official_number_of_regions() -> None:
    rows = read_municipalities()
    sizes = {spec.slug: len(spec.regions(rows)) for spec in BUILTIN_SCHEMES}
    assert sizes == {"provincies": 12, "veiligheidsregios": 25, "riec-regios": 10, "corop-gebieden": 40}


def test_a_broken_row_is_reported_with_its_line_number(tmp_path: Path) -> None:
    lines = MUNICIPALITIES_CSV.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("GM", "XX", 1)
    broken = tmp_path / "gemeenten.csv"
    broken.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="line 4"):
        read_municipalities(broken)


def test_a_centroid_outside_the_netherlands_is_refused(tmp_path: Path) -> None:
    lines = MUNICIPALITIES_CSV.read_text(encoding="utf-8").splitlines()
    fields = lines[1].split(",")
    fields[-2] = "48.85"  # Paris
    lines[1] = ",".join(fields)
    broken = tmp_path / "gemeenten.csv"
    broken.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="outside the Netherlands"):
        read_municipalities(broken)


def test_a_reversed_arc_is_the_same_border() -> None:
    assert arc_id(5) == 5
    assert arc_id(~5) == 5
    assert arc_id(-1) == 0


def test_adjacency_follows_shared_arcs_in_either_direction() -> None:
    # Three squares: A and B share arc 1 (B walks it reversed), C touches nobody.
    topology = {
        "type": "Topology",
        "arcs": [[[0, 0], [0, 1]], [[0, 1], [1, 0]], [[5, 5], [1, 0]]],
        "objects": {
            "gemeenten": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": "GM0001", "arcs": [[0, 1]]},
                    {"type": "MultiPolygon", "id": "GM0002", "arcs": [[[~1]], [[0]]]},
                    {"type": "Polygon", "id": "GM0003", "arcs": [[2]]},
                ],
            }
        },
    }
    assert adjacency(topology) == {("GM0001", "GM0002")}


def test_the_real_topology_gives_869_neighbour_pairs() -> None:
    pairs = adjacency()
    assert len(pairs) == 869
    assert all(a < b for a, b in pairs)


def _inside(point: tuple[float, float], rings: list[list[tuple[float, float]]]) -> bool:
    x, y = point
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in pairwise(ring):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def test_decoded_outlines_are_closed_and_hold_their_centroid() -> None:
    shapes = outlines()
    assert len(shapes) == 342
    assert all(ring[0] == ring[-1] for polygons in shapes.values() for rings in polygons for ring in rings)
    outside = {
        row.name
        for row in read_municipalities()
        if not any(_inside((float(row.longitude), float(row.latitude)), rings) for rings in shapes[row.code])
    }
    # SOURCES.md: only these two centroids fall outside their own (simplified) polygon.
    assert outside == {"Rotterdam", "Reimerswaal"}
