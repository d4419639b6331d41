"""Reading the shipped reference data (``klankbord/geo/data``). Pure functions: files in, plain values out.

No database access here; ``loader.py`` writes what these functions return.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from .constants import SchemeKind

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITIES_CSV = DATA_DIR / "gemeenten.csv"
MUNICIPALITIES_TOPOJSON = DATA_DIR / "gemeenten_2026.topojson"
MUNICIPALITIES_GEOJSON = DATA_DIR / "gemeenten_2026.geojson"
PROVINCES_TOPOJSON = DATA_DIR / "provincies_2026.topojson"
PROVINCES_GEOJSON = DATA_DIR / "provincies_2026.geojson"
TOPOLOGY_OBJECT = "gemeenten"

_CODE = re.compile(r"^GM\d{4}$")
# A generous box around the Netherlands (WGS84): a centroid outside it means a broken row.
_LAT_RANGE = (Decimal("50.7"), Decimal("53.6"))
_LON_RANGE = (Decimal("3.3"), Decimal("7.3"))


class ReferenceDataError(ValueError):
    """The reference files are missing or inconsistent; the message says where."""


@dataclass(frozen=True)
class MunicipalityRow:
    code: str
    name: str
    province_code: str
    province_name: str
    safety_region_code: str
    safety_region_name: str
    police_unit_code: str
    police_unit_name: str
    riec_region: str
    corop_code: str
    corop_name: str
    latitude: Decimal
    longitude: Decimal

    def model_fields(self) -> dict[str, Any]:
        """The values for ``Municipality`` (everything except the code, which identifies the row)."""
        return {name: getattr(self, name) for name in MUNICIPALITY_FIELDS}


MUNICIPALITY_FIELDS = (
    "name",
    "province_code",
    "province_name",
    "safety_region_code",
    "safety_region_name",
    "police_unit_code",
    "police_unit_name",
    "riec_region",
    "corop_code",
    "corop_name",
    "latitude",
    "longitude",
)

_CSV_COLUMNS = {
    "code": "gemeente_code",
    "name": "gemeente_name",
    "province_code": "province_code",
    "province_name": "province_name",
    "safety_region_code": "veiligheidsregio_code",
    "safety_region_name": "veiligheidsregio_name",
    "police_unit_code": "politie_eenheid_code",
    "police_unit_name": "politie_eenheid_name",
    "riec_region": "riec_region",
    "corop_code": "corop_code",
    "corop_name": "corop_name",
}


def _coordinate(raw: str, bounds: tuple[Decimal, Decimal], where: str) -> Decimal:
    try:
        value = Decimal(raw).quantize(Decimal("0.00001"))
    except (InvalidOperation, TypeError) as error:
        raise ReferenceDataError(f"{where}: {raw!r} is not a coordinate") from error
    if not bounds[0] <= value <= bounds[1]:
        raise ReferenceDataError(f"{where}: {value} lies outside the Netherlands")
    return value


def _row(raw: dict[str, str], line: int) -> MunicipalityRow:
    where = f"{MUNICIPALITIES_CSV.name} line {line}"
    missing = [
        column for column in [*_CSV_COLUMNS.values(), "centroid_lat", "centroid_lon"] if not raw.get(column)
    ]
    if missing:
        raise ReferenceDataError(f"{where}: empty or missing column(s) {', '.join(missing)}")
    values = {field: raw[column].strip() for field, column in _CSV_COLUMNS.items()}
    if not _CODE.match(values["code"]):
        raise ReferenceDataError(f"{where}: {values['code']!r} is not a CBS code like GM0363")
    return MunicipalityRow(
        **values,
        latitude=_coordinate(raw["centroid_lat"], _LAT_RANGE, where),
        longitude=_coordinate(raw["centroid_lon"], _LON_RANGE, where),
    )


def read_municipalities(path: Path = MUNICIPALITIES_CSV) -> list[MunicipalityRow]:
    """All rows of ``gemeenten.csv``, validated; codes are unique."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [_row(raw, line) for line, raw in enumerate(csv.DictReader(handle), start=2)]
    codes = [row.code for row in rows]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ReferenceDataError(f"{path.name}: duplicate codes {', '.join(duplicates)}")
    return rows


# --- Built-in region schemes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchemeSpec:
    """A built-in scheme: how to read a municipality's region (code, name) from its row."""

    slug: str
    name: str
    kind: SchemeKind
    region_of: Callable[[MunicipalityRow], tuple[str, str]]

    def regions(self, rows: Iterable[MunicipalityRow]) -> dict[str, str]:
        """Region code → name; a code with two different names is an error in the data."""
        found: dict[str, str] = {}
        for row in rows:
            code, name = self.region_of(row)
            if found.setdefault(code, name) != name:
                raise ReferenceDataError(
                    f"{self.slug}: region {code} has two names ({found[code]!r}, {name!r})"
                )
        return found


BUILTIN_SCHEMES: tuple[SchemeSpec, ...] = (
    SchemeSpec("provincies", "Provincies", SchemeKind.PROVINCE, lambda r: (r.province_code, r.province_name)),
    SchemeSpec(
        "veiligheidsregios",
        "Veiligheidsregio's",
        SchemeKind.SAFETY_REGION,
        lambda r: (r.safety_region_code, r.safety_region_name),
    ),
    # RIEC regions are inferred from the police units (see data/ATTRIBUTION.md); their code is their name.
    SchemeSpec(
        "riec-regios", "RIEC-regio's", SchemeKind.RIEC, lambda r: (slugify(r.riec_region), r.riec_region)
    ),
    SchemeSpec("corop-gebieden", "COROP-gebieden", SchemeKind.COROP, lambda r: (r.corop_code, r.corop_name)),
)
DEFAULT_SCHEME_SLUG = "provincies"


# --- Topology: adjacency and outlines ----------------------------------------------------------------------


@cache
def read_topology(path: Path = MUNICIPALITIES_TOPOJSON) -> dict[str, Any]:
    """The parsed TopoJSON document (cached: it is immutable reference data)."""
    with path.open(encoding="utf-8") as handle:
        topology: dict[str, Any] = json.load(handle)
    if topology.get("type") != "Topology" or "arcs" not in topology:
        raise ReferenceDataError(f"{path.name} is not a TopoJSON topology")
    return topology


def _geometries(topology: dict[str, Any], name: str = TOPOLOGY_OBJECT) -> list[dict[str, Any]]:
    try:
        geometries: list[dict[str, Any]] = topology["objects"][name]["geometries"]
    except KeyError as error:
        raise ReferenceDataError(f"topology has no object {name!r}") from error
    return geometries


def _arc_indices(nested: Any) -> Iterator[int]:
    """Every arc index in a Polygon/MultiPolygon ``arcs`` value, however deeply nested."""
    for item in nested:
        if isinstance(item, list):
            yield from _arc_indices(item)
        else:
            yield item


def arc_id(index: int) -> int:
    """TopoJSON writes a reversed arc ``i`` as ``~i`` (= -i-1); both are the same border."""
    return ~index if index < 0 else index


def adjacency(topology: dict[str, Any] | None = None) -> set[tuple[str, str]]:
    """Pairs of codes (sorted, each pair once) whose geometries share at least one arc."""
    owners: dict[int, set[str]] = defaultdict(set)
    for geometry in _geometries(topology or read_topology()):
        for index in _arc_indices(geometry.get("arcs") or []):
            owners[arc_id(index)].add(geometry["id"])
    pairs: set[tuple[str, str]] = set()
    for codes in owners.values():
        ordered = sorted(codes)
        pairs.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    return pairs


Point = tuple[float, float]


def _decoded_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Absolute lon/lat points of every arc (undoing delta encoding and quantisation)."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])  # consecutive arcs share their joining point
    return points


def outlines(
    topology: dict[str, Any] | None = None, name: str = TOPOLOGY_OBJECT
) -> dict[str, list[list[list[Point]]]]:
    """Code → polygons → rings → (lon, lat) points, for drawing maps. Rings are closed."""
    topology = topology or read_topology()
    arcs = _decoded_arcs(topology)
    shapes: dict[str, list[list[list[Point]]]] = {}
    for geometry in _geometries(topology, name):
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shapes[geometry["id"]] = [[_ring(ring, arcs) for ring in polygon] for polygon in polygons]
    return shapes


def file_checksums() -> dict[str, str]:
    """SHA-256 of every shipped data file (compared with data/ATTRIBUTION.md by the tests)."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(DATA_DIR.iterdir())
        if path.suffix in {".csv", ".geojson", ".topojson"}
    }
