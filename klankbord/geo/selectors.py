"""Reads for municipalities and regions. Reference data is not confidential: no access selectors needed."""

from __future__ import annotations

import math
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, TypedDict

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .constants import PARTY_OTHER, PARTY_REF_PREFIX
from .models import Municipality, Party, Region, RegionMembership, RegionScheme

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class RegionCounts(TypedDict):
    municipality_count: int


EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def active_scheme() -> RegionScheme:
    """The scheme whose regions the network uses. The reference data load guarantees there is one."""
    return RegionScheme.objects.get(is_active=True)


def scheme_get(*, slug: str) -> RegionScheme:
    """The scheme with this slug, or 404."""
    return get_object_or_404(RegionScheme, slug=slug)


def region_get(*, scheme: RegionScheme, code: str) -> Region:
    """A region of ``scheme`` by code, or 404 (a code of another scheme is not found)."""
    return get_object_or_404(Region, scheme=scheme, code=code)


def region_names(*, pks: Iterable[int]) -> list[str]:
    """The names of these regions, alphabetically."""
    return list(Region.objects.filter(pk__in=set(pks)).order_by("name").values_list("name", flat=True))


def _regions_of(scheme: RegionScheme | None) -> QuerySet[Region]:
    """The regions of ``scheme``; of the active scheme (joined, no extra query) when it is None."""
    return Region.objects.filter(scheme=scheme) if scheme else Region.objects.filter(scheme__is_active=True)


def regions_by_name(*, scheme: RegionScheme | None = None) -> QuerySet[Region]:
    """The regions of ``scheme`` (default: the active one) by name, e.g. as the choices of a form field."""
    return _regions_of(scheme).order_by("name")


def region_names_by_pk(*, scheme: RegionScheme | None = None) -> dict[int, str]:
    """Region pk → name for the regions of ``scheme`` (default: the active one), in the regions' own order."""
    return dict(_regions_of(scheme).values_list("pk", "name"))


def region_ids_by_municipality(*, scheme: RegionScheme) -> dict[int, int]:
    """Municipality pk → pk of its region in ``scheme`` (one query)."""
    return dict(RegionMembership.objects.filter(scheme=scheme).values_list("municipality_id", "region_id"))


def active_region_ids_by_municipality_code() -> dict[str, int]:
    """Municipality code (CBS, as in the boundary data) → pk of its region in the active scheme (one query)."""
    memberships = RegionMembership.objects.filter(scheme__is_active=True)
    return dict(memberships.values_list("municipality__code", "region_id"))


def region_with_scheme(*, pk: int | None) -> Region | None:
    """The region with its scheme loaded, or None (no pk, or not found)."""
    if not pk:
        return None
    return Region.objects.select_related("scheme").filter(pk=pk).first()


def active_region_get(*, pk: int) -> Region:
    """A region of the active scheme, with its scheme, or 404."""
    return get_object_or_404(Region.objects.select_related("scheme"), pk=pk, scheme__is_active=True)


def municipality_or_none(*, pk: int | None) -> Municipality | None:
    """The municipality with this pk, or None (no pk, or not found)."""
    return Municipality.objects.filter(pk=pk).first() if pk else None


def municipality_get(*, pk: int | str) -> Municipality:
    """The municipality with this pk, for a pk a form already checked against ``municipality_choices``."""
    return Municipality.objects.get(pk=pk)


def municipalities_by_name() -> QuerySet[Municipality]:
    """Every municipality by name, e.g. as the choices of a form field."""
    return Municipality.objects.order_by("name")


def scheme_list() -> QuerySet[RegionScheme]:
    """All schemes, the active one first, each with ``region_count``."""
    return RegionScheme.objects.annotate(region_count=Count("regions", distinct=True)).order_by(
        "-is_active", "name"
    )


def region_of(municipality: Municipality, scheme: RegionScheme | None = None) -> Region:
    """The one region of ``municipality`` in ``scheme`` (default: the active scheme)."""
    if scheme is None:
        return Region.objects.get(scheme__is_active=True, memberships__municipality=municipality)
    return Region.objects.get(scheme=scheme, memberships__municipality=municipality)


def regions_of_scheme(scheme: RegionScheme) -> QuerySet[WithAnnotations[Region, RegionCounts]]:
    """The regions of ``scheme`` by name, each with ``municipality_count`` (one query)."""
    return (
        Region.objects.filter(scheme=scheme)
        .annotate(municipality_count=Count("memberships"))
        .order_by("name")
    )


def regions_with_municipalities(scheme: RegionScheme) -> QuerySet[Region]:
    """Regions with their memberships and municipalities prefetched (two queries, however large)."""
    memberships = RegionMembership.objects.select_related("municipality").order_by("municipality__name")
    return regions_of_scheme(scheme).prefetch_related(Prefetch("memberships", queryset=memberships))


def neighbouring_regions(region: Region) -> QuerySet[Region]:
    """Regions of the same scheme that share a municipal border with ``region``."""
    return (
        Region.objects.filter(
            scheme_id=region.scheme_id,
            memberships__municipality__neighbours__memberships__region=region,
        )
        .exclude(pk=region.pk)
        .distinct()
        .order_by("name")
    )


def scheme_neighbour_map(scheme: RegionScheme) -> dict[int, set[int]]:
    """Region pk → pks of the regions of ``scheme`` it borders, for a whole scheme in two queries."""
    region_of_municipality = region_ids_by_municipality(scheme=scheme)
    links = Municipality.neighbours.through.objects.values_list("from_municipality_id", "to_municipality_id")
    borders: dict[int, set[int]] = {region_id: set() for region_id in region_of_municipality.values()}
    for a, b in links:
        region_a, region_b = region_of_municipality.get(a), region_of_municipality.get(b)
        if region_a is not None and region_b is not None and region_a != region_b:
            borders[region_a].add(region_b)
    return borders


class HasCoordinates(Protocol):
    @property
    def latitude(self) -> Decimal | float: ...

    @property
    def longitude(self) -> Decimal | float: ...


def distance_km(a: HasCoordinates, b: HasCoordinates) -> float:
    """Great-circle (haversine) distance between two centroids, in kilometres."""
    lat1, lon1, lat2, lon2 = (
        math.radians(float(value)) for value in (a.latitude, a.longitude, b.latitude, b.longitude)
    )
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def sort_key(name: str) -> str:
    """Dutch alphabetical order: ignore case, accents and a leading 's- or 't ('s-Gravenhage under G)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    for prefix in ("'s-", "'s ", "'t ", "'t-"):
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


_CHOICES: list[tuple[int, str]] = []


def municipality_choices() -> list[tuple[int, str]]:
    """(pk, name) of every municipality in Dutch order, for form selects. Cached per process once loaded."""
    if not _CHOICES:
        rows = Municipality.objects.values_list("pk", "name")
        _CHOICES.extend(sorted(rows, key=lambda row: sort_key(row[1])))
    return list(_CHOICES)


def municipality_choices_clear() -> None:
    """Forget the cached choices (after the reference data changed)."""
    _CHOICES.clear()


@dataclass(frozen=True)
class SchemeCheck:
    """What would stop ``scheme`` from being a valid indeling; empty lists mean it is complete."""

    missing: list[str] = field(default_factory=list)  # names of municipalities without a region
    mismatched: list[int] = field(default_factory=list)  # membership ids whose region is of another scheme

    @property
    def ok(self) -> bool:
        return not self.missing and not self.mismatched


def scheme_check(scheme: RegionScheme) -> SchemeCheck:
    """Every municipality has one membership in ``scheme``, and each points at a region of ``scheme``."""
    missing = (
        Municipality.objects.exclude(memberships__scheme=scheme)
        .order_by("name")
        .values_list("name", flat=True)
    )
    wrong_region = RegionMembership.objects.filter(scheme=scheme).exclude(region__scheme=scheme)
    wrong_scheme = RegionMembership.objects.filter(region__scheme=scheme).exclude(scheme=scheme)
    mismatched = sorted(
        {*wrong_region.values_list("pk", flat=True), *wrong_scheme.values_list("pk", flat=True)}
    )
    return SchemeCheck(missing=list(missing), mismatched=mismatched)


# --- the party list ----------------------------------------------------------------------------------------------
#
# A person's party is stored encrypted with them, as a *party value*: ``"partij:<code>"`` for a party on the list,
# or the normalised free text typed under "Anders". Free text that names a listed party (its name, abbreviation
# or another spelling) is stored as that party, and older free text is read the same way, so "gl-pvda" and
# "GroenLinks-PvdA" are one party while "Lokaal Belang Bunnik" and "Lokaal Belang" stay two.


def party_normalise(text: str | None) -> str:
    """Free text as compared: spacing collapsed, case folded ('' when empty)."""
    return " ".join((text or "").split()).casefold()


@dataclass(frozen=True)
class PartyIndex:
    """The list as one snapshot (one query): names by code and codes by every spelling."""

    names: dict[str, str]
    codes_by_spelling: dict[str, frozenset[str]]

    def resolve(self, text: str) -> str | None:
        """The code of the one listed party that ``text`` names, or None (unknown, or ambiguous)."""
        codes = self.codes_by_spelling.get(party_normalise(text), frozenset())
        return next(iter(codes)) if len(codes) == 1 else None

    def value(self, text: str) -> str:
        """The party value for typed or stored ``text`` (a listed party's reference when it names one)."""
        if text.startswith(PARTY_REF_PREFIX):
            return text
        cleaned = " ".join(text.split())  # its length is the caller's to check (forms, services)
        code = self.resolve(cleaned) if cleaned else None
        return f"{PARTY_REF_PREFIX}{code}" if code else cleaned

    def key(self, value: str | None) -> str:
        """What matching compares: one key per party, whatever the spelling ('' when unknown)."""
        value = self.value(value or "")
        return value if value.startswith(PARTY_REF_PREFIX) else party_normalise(value)

    def label(self, value: str | None) -> str:
        """The party's name, or the free text."""
        value = value or ""
        if not value.startswith(PARTY_REF_PREFIX):
            return value
        code = value.removeprefix(PARTY_REF_PREFIX)
        return self.names.get(code, code)


def party_index() -> PartyIndex:
    """The whole party list as a ``PartyIndex`` (one query; small: national parties plus the local ones)."""
    names: dict[str, str] = {}
    spellings: dict[str, set[str]] = {}
    for party in Party.objects.only("code", "name", "abbreviation", "other_names"):
        names[party.code] = party.name
        for spelling in party.spellings():
            if spelling:
                spellings.setdefault(party_normalise(spelling), set()).add(party.code)
    return PartyIndex(names=names, codes_by_spelling={k: frozenset(v) for k, v in spellings.items()})


def party_value(*, choice: str, other: str = "") -> str:
    """The party value for a form's choice: a listed party's code, or ``PARTY_OTHER`` with the typed ``other``."""
    if choice and choice != PARTY_OTHER:
        return f"{PARTY_REF_PREFIX}{choice}"
    return party_index().value(other) if other.strip() else ""


def party_choice_of(value: str | None) -> tuple[str, str]:
    """(choice, other text) that shows a stored party value in a form again."""
    value = value or ""
    if value.startswith(PARTY_REF_PREFIX):
        return value.removeprefix(PARTY_REF_PREFIX), ""
    return (PARTY_OTHER, value) if value else ("", "")


def party_label(value: str | None) -> str:
    """The name of the party that ``value`` stands for (its free text when not on the list)."""
    if not (value or "").startswith(PARTY_REF_PREFIX):
        return value or ""
    return party_index().label(value)


def party_labels(values: Iterable[str]) -> dict[str, str]:
    """value → label for many values, with one query."""
    index = party_index()
    return {value: index.label(value) for value in values}


PartyChoices = list[tuple[str, "str | list[tuple[str, str]]"]]


def party_choices(*, municipality_id: int | None = None, everywhere: bool = False) -> PartyChoices:
    """Grouped choices for a party select: the parties seated in the municipality, the other national parties
    and "Anders". Without a municipality (or with ``everywhere``), every local party, grouped by municipality."""
    parties = list(Party.objects.prefetch_related("municipalities").order_by("name"))
    groups: PartyChoices = [("", _("Kies een partij"))]
    if municipality_id and not everywhere:
        seated = [p for p in parties if any(m.pk == municipality_id for m in p.municipalities.all())]
        name = Municipality.objects.filter(pk=municipality_id).values_list("name", flat=True).first() or ""
        if seated:
            groups.append((_("In de gemeenteraad van %(name)s") % {"name": name}, _pairs(seated)))
        seated_codes = {p.code for p in seated}
        national = [p for p in parties if p.is_national and p.code not in seated_codes]
        groups.append(
            (_("Andere landelijke partijen") if seated else _("Landelijke partijen"), _pairs(national))
        )
    else:
        groups.append((_("Landelijke partijen"), _pairs([p for p in parties if p.is_national])))
        by_place: dict[str, list[Party]] = {}
        for party in parties:
            for municipality in [] if party.is_national else party.municipalities.all():
                by_place.setdefault(municipality.name, []).append(party)
        for place in sorted(by_place, key=sort_key):
            groups.append((_("Lokaal in %(name)s") % {"name": place}, _pairs(by_place[place])))
    groups.append((_("Niet in de lijst"), [(PARTY_OTHER, _("Anders / niet vermeld (vul hieronder in)"))]))
    return groups


def _pairs(parties: Iterable[Party]) -> list[tuple[str, str]]:
    return [(party.code, party.name) for party in parties]


def party_is_offered(*, code: str, municipality_id: int | None) -> bool:
    """Whether ``code`` is a national party or one seated in the municipality (any listed party without one)."""
    parties = Party.objects.filter(code=code)
    if municipality_id:
        parties = parties.filter(Q(is_national=True) | Q(municipalities=municipality_id))
    return parties.exists()


# De-identification hides every party on the list (``deidentify.project.detect_listed_parties``). It asks for the
# names on every text, so they are cached per process: cleared when a party changes here (``apps.py`` connects
# the signals), and at most ``PARTY_NAMES_TTL`` seconds old when another process changed them.
PARTY_NAMES_TTL = 300.0
_PARTY_NAMES: list[tuple[float, tuple[str, ...]]] = []


def party_names_for_deidentification() -> tuple[str, ...]:
    """Every name, abbreviation and other spelling on the party list (at least two characters), cached."""
    now = time.monotonic()
    if _PARTY_NAMES and now - _PARTY_NAMES[0][0] < PARTY_NAMES_TTL:
        return _PARTY_NAMES[0][1]
    names: set[str] = set()
    for party in Party.objects.only("code", "name", "abbreviation", "other_names"):
        spellings = [party.name, party.abbreviation, *party.other_names.splitlines()]  # not the code: a slug
        names.update(spelling.strip() for spelling in spellings if len(spelling.strip()) > 1)
    _PARTY_NAMES[:] = [(now, tuple(sorted(names)))]
    return _PARTY_NAMES[0][1]


def party_names_clear(**_kwargs: object) -> None:
    """Forget the cached party names (a party was saved or deleted in this process)."""
    _PARTY_NAMES.clear()
