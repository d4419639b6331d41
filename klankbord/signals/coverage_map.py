"""A coverage map of the Netherlands as SVG, from the municipal boundaries in ``klankbord/geo/data``.

Projection: equirectangular with longitude scaled by cos(52°), which is accurate enough at the scale of one
country. Municipalities are filled with the shade of their region; the shade compares the available
ambassadors with the demand (signals in the window). The page gives the same facts in a table.
Boundaries: CBS / PDOK, CC BY 4.0 (see klankbord/geo/data/ATTRIBUTION.md).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from klankbord.geo.selectors import active_region_ids_by_municipality_code

from .selectors import RegionCoverage

GEOJSON = Path(__file__).resolve().parents[1] / "geo" / "data" / "gemeenten_2026.geojson"
WIDTH = 480
SCALE_X = math.cos(math.radians(52))


@dataclass(frozen=True)
class Shade:
    key: str
    label: str
    fill: str


def shades() -> dict[str, Shade]:
    return {
        shade.key: shade
        for shade in (
            Shade("none", _("Geen vraag"), "#f2f2f2"),
            Shade("hidden", _("Vraag onder de drempel (niet getoond)"), "#d9d9d9"),
            Shade("uncovered", _("Vraag zonder ambassadeur"), "#b2182b"),
            Shade("tight", _("Krap: meer dan 10 signalen per jaar per ambassadeur"), "#f4a582"),
            Shade("covered", _("Gedekt: hooguit 10 signalen per jaar per ambassadeur"), "#4393c3"),
            Shade("demand", _("Vraag (aantal ambassadeurs onbekend)"), "#92c5de"),
        )
    }


def shade_of(row: RegionCoverage, years: float = 2.0) -> str:
    """The shade of a region; demand is annualised over the window (``years``) before comparing."""
    if row.demand is None:
        return "hidden"
    if row.demand == 0:
        return "none"
    if row.ambassadors is None:
        return "demand"
    if row.ambassadors == 0:
        return "uncovered"
    return "tight" if row.demand / years / row.ambassadors > 10 else "covered"


def _rings(geometry: dict) -> list[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


@cache
def municipality_paths() -> tuple[tuple[str, str], ...]:
    """(CBS code, SVG path data) for every municipality, projected once per process."""
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    points = [point for f in features for ring in _rings(f["geometry"]) for point in ring]
    min_x = min(lon for lon, _lat in points) * SCALE_X
    max_x = max(lon for lon, _lat in points) * SCALE_X
    max_y = max(lat for _lon, lat in points)
    factor = WIDTH / (max_x - min_x)
    paths = []
    for feature in features:
        data = []
        for ring in _rings(feature["geometry"]):
            coords = [
                f"{(lon * SCALE_X - min_x) * factor:.1f},{(max_y - lat) * factor:.1f}" for lon, lat in ring
            ]
            data.append("M" + "L".join(coords) + "Z")
        paths.append((feature["properties"]["gemeente_code"], "".join(data)))
    return tuple(paths)


@cache
def map_height() -> int:
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    points = [point for f in features for ring in _rings(f["geometry"]) for point in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return math.ceil(WIDTH * (max(lats) - min(lats)) / ((max(lons) - min(lons)) * SCALE_X))


def coverage_svg(rows: list[RegionCoverage], years: float = 2.0) -> SafeString:
    """The map; one ``<g>`` per region with its name and shade as the group's title."""
    region_of = active_region_ids_by_municipality_code()
    palette = shades()
    by_region = {row.region_id: row for row in rows}
    groups: dict[int, list[str]] = {}
    for code, path in municipality_paths():
        region_id = region_of.get(code)
        if region_id in by_region:
            groups.setdefault(region_id, []).append(path)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {map_height()}" role="img" class="map" '
        'aria-labelledby="coverage-map-title">',
        f'<title id="coverage-map-title">{escape(_("Dekking per regio: ambassadeurs tegenover vraag"))}</title>',
    ]
    for region_id, paths in groups.items():
        row = by_region[region_id]
        shade = palette[shade_of(row, years)]
        parts.append(f'<g fill="{shade.fill}" stroke="#ffffff" stroke-width="0.4">')
        parts.append(f"<title>{escape(row.name)}: {escape(shade.label)}</title>")
        parts.extend(f'<path d="{path}"/>' for path in paths)
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - names are escaped, paths are numbers
