"""Writes for municipalities and regions. Every write runs in one transaction with its audit entry.

Invariant kept by every function here: in every scheme, every municipality is in exactly one region, and that
region belongs to the scheme. Built-in schemes are read-only; only custom schemes can be edited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from klankbord.accounts.types import Actor
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError

from .constants import SchemeKind
from .loader import LoadResult, load_national_parties, load_reference_data
from .models import Municipality, Party, Region, RegionMembership, RegionScheme
from .selectors import municipality_choices_clear, scheme_check

NAME_MAX_LENGTH = 80
RESERVED_SCHEME_SLUGS = {"nieuw"}  # URL segments next to /regio/<slug>/
_WHITESPACE = re.compile(r"\s+")


def _clean_name(name: str) -> str:
    cleaned = _WHITESPACE.sub(" ", name or "").strip()
    if not cleaned:
        raise DomainError(_("Vul een naam in."), code="required")
    if len(cleaned) > NAME_MAX_LENGTH:
        raise DomainError(
            _("Een naam is hoogstens %(max)d tekens lang.") % {"max": NAME_MAX_LENGTH}, code="max_length"
        )
    if any(not character.isprintable() for character in cleaned):
        raise DomainError(_("Een naam mag geen onzichtbare tekens bevatten."), code="invalid")
    return cleaned


def _unique_slug(name: str, taken: set[str], *, fallback: str, max_length: int = 40) -> str:
    base = slugify(name)[: max_length - 4].strip("-") or fallback
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _lock_editable(scheme: RegionScheme) -> RegionScheme:
    """Lock the scheme row (serialises edits of one scheme) and refuse built-in schemes."""
    locked = RegionScheme.objects.select_for_update().get(pk=scheme.pk)
    if locked.kind != SchemeKind.CUSTOM:
        raise DomainError(
            _("Een ingebouwde indeling kan niet worden gewijzigd. Maak een eigen indeling als kopie."),
            code="builtin",
        )
    return locked


def membership_validate(membership: RegionMembership) -> None:
    """A membership must point at a region of its own scheme (a rule across tables: no CHECK possible)."""
    region_scheme_id = (
        Region.objects.filter(pk=membership.region_id).values_list("scheme_id", flat=True).first()
    )
    if region_scheme_id != membership.scheme_id:
        raise DomainError(_("Deze regio hoort niet bij deze indeling."), code="scheme_mismatch")


@transaction.atomic
def reference_data_load(*, actor: Actor = None) -> LoadResult:
    """Load or update municipalities, built-in schemes and adjacency from the shipped files (idempotent)."""
    result = load_reference_data()
    result.parties_created = load_national_parties()
    if result.changed:
        audit_log(
            actor=actor,
            action="geo.reference.loaded",
            object_type="geo.municipality",
            data=result.as_audit_data(),
        )
    transaction.on_commit(municipality_choices_clear)
    return result


@transaction.atomic
def scheme_activate(*, actor: Actor, scheme: RegionScheme) -> RegionScheme:
    """Make ``scheme`` the active one; refused when any municipality lacks a region in it."""
    scheme = RegionScheme.objects.select_for_update().get(pk=scheme.pk)
    check = scheme_check(scheme)
    if not check.ok:
        names = ", ".join(check.missing[:5]) or _("onjuist gekoppelde gemeenten")
        raise DomainError(
            _("Deze indeling is niet volledig (%(names)s): elke gemeente moet in precies één regio zitten.")
            % {"names": names},
            code="incomplete",
        )
    if scheme.is_active:
        return scheme
    previous = RegionScheme.objects.select_for_update().filter(is_active=True).first()
    RegionScheme.objects.filter(is_active=True).update(is_active=False)
    RegionScheme.objects.filter(pk=scheme.pk).update(is_active=True)
    scheme.is_active = True
    audit_log(
        actor=actor,
        action="geo.scheme.activated",
        target=scheme,
        data={"scheme": scheme.slug, "previous": previous.slug if previous else None},
    )
    return scheme


@transaction.atomic
def scheme_create_custom(*, actor: Actor, name: str, copy_from: RegionScheme) -> RegionScheme:
    """A new, inactive custom scheme that starts as a full copy (regions and memberships) of ``copy_from``."""
    name = _clean_name(name)
    if RegionScheme.objects.filter(name__iexact=name).exists():
        raise DomainError(_("Er is al een indeling met deze naam."), code="duplicate")
    taken = set(RegionScheme.objects.values_list("slug", flat=True)) | RESERVED_SCHEME_SLUGS
    scheme = RegionScheme.objects.create(
        slug=_unique_slug(name, taken, fallback="indeling"), name=name, kind=SchemeKind.CUSTOM
    )
    source_regions = list(Region.objects.filter(scheme=copy_from))
    Region.objects.bulk_create([Region(scheme=scheme, code=r.code, name=r.name) for r in source_regions])
    new_pk = dict(Region.objects.filter(scheme=scheme).values_list("code", "pk"))
    old_code = {r.pk: r.code for r in source_regions}
    memberships = RegionMembership.objects.filter(scheme=copy_from, region__scheme=copy_from).values_list(
        "municipality_id", "region_id"
    )
    RegionMembership.objects.bulk_create(
        RegionMembership(
            scheme=scheme, region_id=new_pk[old_code[region_id]], municipality_id=municipality_id
        )
        for municipality_id, region_id in memberships
    )
    if not scheme_check(scheme).ok:
        raise DomainError(
            _("De bronindeling is niet volledig; kies een andere om te kopiëren."), code="incomplete"
        )
    audit_log(
        actor=actor,
        action="geo.scheme.created",
        target=scheme,
        data={"scheme": scheme.slug, "copy_from": copy_from.slug, "regions": len(source_regions)},
    )
    return scheme


@transaction.atomic
def scheme_delete(*, actor: Actor, scheme: RegionScheme) -> None:
    """Delete a custom scheme that is not active, with its regions and memberships."""
    scheme = _lock_editable(scheme)
    if scheme.is_active:
        raise DomainError(_("De actieve indeling kan niet worden verwijderd."), code="active")
    audit_log(
        actor=actor,
        action="geo.scheme.deleted",
        target=scheme,
        data={"scheme": scheme.slug, "name": scheme.name},
    )
    _delete_or_explain(
        scheme,
        _("Regio's van deze indeling zijn nog in gebruik (bijvoorbeeld bij signalen); verwijderen kan niet."),
    )


def _delete_or_explain(obj: Region | RegionScheme, message: str) -> None:
    """Delete ``obj``; when other apps still point at it (PROTECT/RESTRICT), refuse with ``message``."""
    try:
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError) as error:
        raise DomainError(message, code="in_use") from error


def _region_name_free(scheme: RegionScheme, name: str, *, exclude: Region | None = None) -> None:
    others = Region.objects.filter(scheme=scheme, name__iexact=name)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise DomainError(_("Deze indeling heeft al een regio met deze naam."), code="duplicate")


@transaction.atomic
def region_create(*, actor: Actor, scheme: RegionScheme, name: str) -> Region:
    """A new, empty region in a custom scheme; move municipalities into it with ``municipality_move``."""
    scheme = _lock_editable(scheme)
    name = _clean_name(name)
    _region_name_free(scheme, name)
    taken = set(Region.objects.filter(scheme=scheme).values_list("code", flat=True))
    region = Region.objects.create(scheme=scheme, name=name, code=_unique_slug(name, taken, fallback="regio"))
    audit_log(
        actor=actor, action="geo.region.created", target=region, data={"scheme": scheme.slug, "name": name}
    )
    return region


@transaction.atomic
def region_rename(*, actor: Actor, region: Region, name: str) -> Region:
    """Rename a region of a custom scheme (its code stays, so links keep working)."""
    _lock_editable(region.scheme)
    name = _clean_name(name)
    _region_name_free(region.scheme, name, exclude=region)
    old_name = region.name
    if name != old_name:
        region.name = name
        region.save(update_fields=["name"])
        audit_log(
            actor=actor,
            action="geo.region.renamed",
            target=region,
            data={"scheme": region.scheme.slug, "old_name": old_name, "name": name},
        )
    return region


@transaction.atomic
def region_delete(*, actor: Actor, region: Region) -> None:
    """Delete a region of a custom scheme; only an empty one, so no municipality ever loses its region."""
    _lock_editable(region.scheme)
    if RegionMembership.objects.filter(region=region).exists():
        raise DomainError(
            _("Deze regio bevat nog gemeenten. Verplaats ze eerst naar een andere regio."), code="not_empty"
        )
    audit_log(
        actor=actor,
        action="geo.region.deleted",
        target=region,
        data={"scheme": region.scheme.slug, "code": region.code, "name": region.name},
    )
    _delete_or_explain(
        region, _("Deze regio is nog in gebruik (bijvoorbeeld bij signalen); verwijderen kan niet.")
    )


@transaction.atomic
def municipality_move(*, actor: Actor, municipality: Municipality, region: Region) -> RegionMembership:
    """Put ``municipality`` in ``region``; it leaves its old region of that scheme in the same step."""
    scheme = _lock_editable(region.scheme)
    membership = RegionMembership.objects.select_for_update().filter(
        scheme=scheme, municipality=municipality
    ).first() or RegionMembership(scheme=scheme, municipality=municipality)
    old_region_id = membership.region_id if membership.pk else None
    if old_region_id == region.pk:
        return membership
    membership.region = region
    membership_validate(membership)
    membership.save()
    old_code = (
        Region.objects.filter(pk=old_region_id).values_list("code", flat=True).first()
        if old_region_id
        else None
    )
    audit_log(
        actor=actor,
        action="geo.municipality.moved",
        target=municipality,
        data={"scheme": scheme.slug, "municipality": municipality.code, "from": old_code, "to": region.code},
    )
    return membership


@transaction.atomic
def party_save(*, actor: Actor, party: Party, municipalities: Iterable[Municipality] | None = None) -> Party:
    """Create or change a party on the list (from the admin), with the municipalities where it holds seats."""
    created = party._state.adding
    party.full_clean(exclude=["municipalities"])
    party.save()
    if municipalities is not None:
        party.municipalities.set(list(municipalities))
    audit_log(
        actor=actor,
        action="geo.party.created" if created else "geo.party.changed",
        target=party,
        data={"code": party.code, "national": party.is_national, "seats": party.municipalities.count()},
    )
    return party


@transaction.atomic
def party_delete(*, actor: Actor, party: Party) -> None:
    """Take a party off the list. A person who chose it keeps the choice; it is shown by its code from then on."""
    audit_log(actor=actor, action="geo.party.deleted", target=party, data={"code": party.code})
    party.delete()


def parties_seed(
    *, councils: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]], everywhere: Iterable[str]
) -> int:
    """Seat national parties (``everywhere`` plus each council's own) and local parties in the named
    municipalities (idempotent; the demo's councils). Returns how many seats were added."""
    load_national_parties()
    national = {party.code: party for party in Party.objects.filter(is_national=True)}
    added = 0
    for place, (extra, local_names) in councils.items():
        municipality = Municipality.objects.get(name=place)
        local = [
            Party.objects.get_or_create(code=slugify(name)[:60], defaults={"name": name})[0]
            for name in local_names
        ]
        wanted = [national[code] for code in (*everywhere, *extra) if code in national] + local
        already = set(municipality.parties.values_list("pk", flat=True))
        municipality.parties.add(*[party for party in wanted if party.pk not in already])
        added += sum(1 for party in wanted if party.pk not in already)
    return added
