"""Writes of ambassador profiles. Each runs in one transaction with its audit entry (primitives only: never the
party, a conflict's name or a leave note)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.accounts.selectors import user_has_or_awaits_perm
from klankbord.accounts.types import Actor, User
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.geo.models import Municipality, Region, RegionScheme
from klankbord.geo.selectors import active_scheme, party_index
from klankbord.matching.models import Assignment
from klankbord.matching.selectors import assignments_to_reassign, reports_of_ambassador
from klankbord.matching.services import assignments_suspend_for_ambassador

from .constants import (
    MINUTES_MAX,
    TIME_ENTRY_MAX_AGE_DAYS,
    AmbassadorStatus,
    BackgroundRole,
    Competence,
    ConflictKind,
    Language,
    TimeActivity,
    TimeSource,
)
from .models import Ambassador, AmbassadorConflict, LeavePeriod, TimeEntry
from .selectors import ambassadors_with_stale_regions
from .workflow import AMBASSADOR_WORKFLOW

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Fields the coordinator manages; the ambassador manages OWN_FIELDS (and party, leave, pause) themselves.
PROFILE_FIELDS = (
    "home_municipality",
    "capacity",
    "gender",
    "languages",
    "availability_note",
    *(f"years_{role.value}" for role in BackgroundRole),
    *(f"score_{competence.value}" for competence in Competence),
    "assessed_on",
    "started_on",
    "vog_issued_on",
    "vog_valid_until",
)
OWN_FIELDS = ("gender", "languages", "availability_note")
LEAVE_MAX_DAYS = 366


def _check_languages(values: object) -> list[str]:
    if not isinstance(values, list | tuple | set):
        raise DomainError(_("Kies talen uit de lijst."), code="invalid_language")
    languages = [value for value in Language.values if value in set(values)]
    if len(languages) != len(set(values)):
        raise DomainError(_("Kies talen uit de lijst."), code="invalid_language")
    return languages


def _apply(ambassador: Ambassador, data: Mapping[str, object], allowed: tuple[str, ...]) -> list[str]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"fields not editable here: {sorted(unknown)}")
    changed = []
    for name, value in data.items():
        if name == "languages":
            value = _check_languages(value)
        if getattr(ambassador, name) != value:
            setattr(ambassador, name, value)
            changed.append(name)
    ambassador.full_clean(exclude=["user", "party"])
    return changed


@transaction.atomic
def ambassador_create(
    *, actor: Actor, user: User, home_municipality: Municipality, data: Mapping[str, object] | None = None
) -> Ambassador:
    """A profile for ``user``, whose role (held, or granted and awaiting its second confirmation) must let them
    act as ambassador."""
    if not user_has_or_awaits_perm(user, "ambassadors.manage_own_profile"):
        raise DomainError(_("Dit account heeft niet de rol regioambassadeur."), code="not_ambassador")
    if Ambassador.objects.filter(user=user).exists():
        raise DomainError(_("Dit account heeft al een ambassadeursprofiel."), code="duplicate")
    ambassador = Ambassador(user=user, home_municipality=home_municipality)
    _apply(ambassador, dict(data or {}), PROFILE_FIELDS)
    ambassador.save()
    audit_log(
        actor=actor,
        action="ambassadors.ambassador.created",
        target=ambassador,
        data={"user": user.pk, "home": home_municipality.code},
    )
    return ambassador


@transaction.atomic
def ambassador_update(*, actor: Actor, ambassador: Ambassador, data: Mapping[str, object]) -> list[str]:
    """Coordinator edit of the profile fields; returns the names of the fields that changed."""
    changed = _apply(ambassador, data, PROFILE_FIELDS)
    if changed:
        ambassador.save()
        audit_log(
            actor=actor, action="ambassadors.ambassador.updated", target=ambassador, data={"fields": changed}
        )
    return changed


@transaction.atomic
def ambassador_own_update(*, actor: Actor, ambassador: Ambassador, data: Mapping[str, object]) -> list[str]:
    """The ambassador edits their own availability, languages and (optional) gender."""
    _require_self(actor, ambassador)
    changed = _apply(ambassador, data, OWN_FIELDS)
    if changed:
        ambassador.save()
        audit_log(
            actor=actor,
            action="ambassadors.ambassador.updated_own",
            target=ambassador,
            data={"fields": changed},
        )
    return changed


def _require_self(actor: Actor, ambassador: Ambassador) -> None:
    if actor is None or actor.pk != ambassador.user_id:
        raise PermissionDenied


@transaction.atomic
def ambassador_party_set(
    *, actor: Actor, ambassador: Ambassador, consent: bool, party: str = ""
) -> Ambassador:
    """Store the party only with the ambassador's own explicit consent; without it, erase party and consent.

    Only the ambassador can do this: consent to process special category data is personal.
    """
    _require_self(actor, ambassador)
    party = party_index().value(party or "")  # a listed party however it was spelled, else normalised text
    if consent and not party:
        raise DomainError(_("Vul uw partij in, of geef geen toestemming."), code="party_required")
    if not consent and party:
        raise DomainError(_("Zonder toestemming slaan we uw partij niet op."), code="consent_required")
    if len(party) > 100:
        raise DomainError(_("Een partijnaam is hoogstens 100 tekens lang."), code="max_length")
    ambassador.party = party if consent else ""
    ambassador.party_consent_at = timezone.now() if consent else None
    ambassador.save(update_fields=["party", "party_consent_at", "updated_at"])
    audit_log(
        actor=actor, action="ambassadors.party.consent_set", target=ambassador, data={"consent": consent}
    )
    return ambassador


@transaction.atomic
def ambassador_regions_set(*, actor: Actor, ambassador: Ambassador, regions: Iterable[Region]) -> None:
    """Set the extra regions (of the active scheme); the home region is always served anyway."""
    scheme = active_scheme()
    regions = list(regions)
    if any(region.scheme_id != scheme.pk for region in regions):
        raise DomainError(_("Kies regio's van de actieve indeling."), code="wrong_scheme")
    ambassador.extra_regions.set(regions)
    Ambassador.objects.filter(pk=ambassador.pk).update(regions_review_needed=False)
    ambassador.regions_review_needed = False
    audit_log(
        actor=actor,
        action="ambassadors.regions.set",
        target=ambassador,
        data={"scheme": scheme.slug, "regions": sorted(region.code for region in regions)},
    )


@transaction.atomic
def ambassador_regions_realign(*, actor: Actor, scheme: RegionScheme | None = None) -> int:
    """After a scheme change: drop extra regions of other schemes and flag those profiles for review.

    Returns how many profiles were flagged. Idempotent: a second run finds nothing to do.
    """
    scheme = scheme or active_scheme()
    affected = list(ambassadors_with_stale_regions(scheme=scheme).values_list("pk", flat=True))
    if not affected:
        return 0
    Ambassador.extra_regions.through.objects.filter(ambassador_id__in=affected).exclude(
        region__scheme=scheme
    ).delete()
    Ambassador.objects.filter(pk__in=affected).update(regions_review_needed=True)
    audit_log(
        actor=actor,
        action="ambassadors.regions.realigned",
        object_type="ambassadors.ambassador",
        data={"scheme": scheme.slug, "flagged": len(affected)},
    )
    return len(affected)


@transaction.atomic
def ambassador_set_status(
    *, actor: Actor, ambassador: Ambassador, status: str, reason: str = ""
) -> list[Assignment]:
    """Activate, pause or end an ambassador. Returns the open assignments that now need a new ambassador.

    Those assignments stay open until the counsellor reassigns them through matching
    (``klankbord.matching.services.assignment_reassign``); they show up in
    ``klankbord.matching.selectors.assignments_to_reassign``. A paused ambassador keeps access to their cases
    meanwhile; an ended one loses it at once, and each member hears that a new ambassador is being sought
    (``klankbord.matching.services.assignments_suspend_for_ambassador``).
    """
    if status not in AmbassadorStatus.values:
        raise DomainError(_("Onbekende status."), code="invalid_status")
    locked = Ambassador.objects.select_for_update().get(pk=ambassador.pk)
    previous_status = locked.status
    if locked.status != status:
        previous = locked.status
        locked.status = AMBASSADOR_WORKFLOW.apply(previous, status)
        locked.status_changed_at = timezone.now()
        locked.status_note = "" if status == AmbassadorStatus.ACTIVE else reason.strip()
        locked.save(update_fields=["status", "status_changed_at", "status_note", "updated_at"])
        audit_log(
            actor=actor,
            action="ambassadors.ambassador.status_changed",
            target=locked,
            data={"from": previous, "to": status, "reason_given": bool(reason.strip())},
        )
    ambassador.status, ambassador.status_changed_at = locked.status, locked.status_changed_at
    ambassador.status_note = locked.status_note
    if status == AmbassadorStatus.ACTIVE:
        return []
    if status == AmbassadorStatus.ENDED and previous_status != AmbassadorStatus.ENDED:
        assignments_suspend_for_ambassador(actor=actor, ambassador=locked)
    return list(assignments_to_reassign().filter(ambassador=locked))


def _check_leave(starts_on: date, ends_on: date, today: date) -> None:
    if ends_on < starts_on:
        raise DomainError(_("De einddatum ligt voor de begindatum."), code="order")
    if ends_on < today:
        raise DomainError(_("Deze periode ligt helemaal in het verleden."), code="past")
    if (ends_on - starts_on).days >= LEAVE_MAX_DAYS:
        raise DomainError(
            _("Een verlofperiode duurt hoogstens een jaar; pauzeer anders uw ambassadeurschap."),
            code="too_long",
        )


@transaction.atomic
def leave_add(
    *, actor: Actor, ambassador: Ambassador, starts_on: date, ends_on: date, note: str = ""
) -> LeavePeriod:
    _check_leave(starts_on, ends_on, timezone.localdate())
    leave = LeavePeriod.objects.create(
        ambassador=ambassador, starts_on=starts_on, ends_on=ends_on, note=note.strip()
    )
    audit_log(
        actor=actor,
        action="ambassadors.leave.added",
        target=ambassador,
        data={"leave": leave.pk, "starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()},
    )
    return leave


@transaction.atomic
def leave_delete(*, actor: Actor, leave: LeavePeriod) -> None:
    audit_log(
        actor=actor, action="ambassadors.leave.deleted", target=leave.ambassador, data={"leave": leave.pk}
    )
    leave.delete()


@transaction.atomic
def conflict_add(
    *,
    actor: Actor,
    ambassador: Ambassador,
    kind: str,
    municipality: Municipality | None = None,
    name: str = "",
) -> AmbassadorConflict:
    """Declare whom the ambassador cannot serve: a municipality, or a named person or party."""
    name = " ".join((name or "").split())
    if kind == ConflictKind.MUNICIPALITY:
        if municipality is None:
            raise DomainError(_("Kies de gemeente."), code="municipality_required")
        name = ""
    elif kind in (ConflictKind.PERSON, ConflictKind.PARTY):
        if not name:
            raise DomainError(_("Vul de naam in."), code="name_required")
        municipality = None
        if kind == ConflictKind.PARTY:
            name = party_index().value(name)
    else:
        raise DomainError(_("Kies een soort belangenconflict."), code="invalid_kind")
    conflict = AmbassadorConflict.objects.create(
        ambassador=ambassador, kind=kind, municipality=municipality, name=name
    )
    audit_log(
        actor=actor,
        action="ambassadors.conflict.declared",
        target=ambassador,
        data={"conflict": conflict.pk, "kind": kind},
    )
    return conflict


@transaction.atomic
def conflict_delete(*, actor: Actor, conflict: AmbassadorConflict) -> None:
    audit_log(
        actor=actor,
        action="ambassadors.conflict.withdrawn",
        target=conflict.ambassador,
        data={"conflict": conflict.pk, "kind": conflict.kind},
    )
    conflict.delete()


def _refuse_if_ended(ambassador: Ambassador, message: StrOrPromise) -> None:
    """Refuse with ``message`` when the ambassador has stopped, read now (their access ends at once)."""
    if Ambassador.objects.filter(pk=ambassador.pk, status=AmbassadorStatus.ENDED).exists():
        raise DomainError(message, code="ambassador_ended")


def time_entry_date_check(entry_date: date, today: date) -> None:
    if entry_date > today:
        raise DomainError(_("Tijd kunt u niet vooruit schrijven."), code="future")
    if entry_date < today - timedelta(days=TIME_ENTRY_MAX_AGE_DAYS):
        raise DomainError(_("Deze datum ligt meer dan een jaar terug."), code="too_old")


@transaction.atomic
def time_entry_add(
    *,
    actor: Actor,
    ambassador: Ambassador,
    entry_date: date,
    activity: str,
    minutes: int,
    report_id: int | None = None,
    source: str = TimeSource.MANUAL,
) -> TimeEntry:
    """The ambassador logs time, optionally on a case they support or supported; not once they stopped
    (their status read now, as their access ends at once). ``source`` says whether a contact moment booked it."""
    _require_self(actor, ambassador)
    _refuse_if_ended(ambassador, _("U bent gestopt als ambassadeur en kunt geen tijd meer vastleggen."))
    if source not in TimeSource.values:
        raise DomainError(_("Onbekende herkomst."), code="invalid_source")
    time_entry_date_check(entry_date, timezone.localdate())
    if activity not in TimeActivity.values:
        raise DomainError(_("Kies een activiteit."), code="invalid_activity")
    if not 1 <= minutes <= MINUTES_MAX:
        raise DomainError(_("Vul tussen 1 en %(max)d minuten in.") % {"max": MINUTES_MAX}, code="minutes")
    if (
        report_id is not None
        and not reports_of_ambassador(ambassador=ambassador).filter(pk=report_id).exists()
    ):
        raise DomainError(_("Kies een melding die u begeleidt of begeleidde."), code="not_your_case")
    entry = TimeEntry.objects.create(
        ambassador=ambassador,
        report_id=report_id,
        date=entry_date,
        activity=activity,
        minutes=minutes,
        source=source,
    )
    audit_log(
        actor=actor,
        action="ambassadors.time.logged",
        target=ambassador,
        data={
            "entry": entry.pk,
            "minutes": minutes,
            "activity": activity,
            "report": report_id,
            "source": source,
        },
    )
    return entry


@transaction.atomic
def time_entry_delete(*, actor: Actor, entry: TimeEntry) -> None:
    """The ambassador deletes one of their own typed entries; not once they stopped (their record is then
    closed), and never an entry a contact moment booked (it stays with that moment, so the totals hold)."""
    _require_self(actor, entry.ambassador)
    _refuse_if_ended(
        entry.ambassador, _("U bent gestopt als ambassadeur en kunt geen tijd meer verwijderen.")
    )
    if entry.source == TimeSource.CONTACT_MOMENT:
        raise DomainError(
            _(
                "Deze tijd hoort bij een contactmoment op de zaak en telt daarom mee. U kunt hem hier niet "
                "verwijderen; klopt de duur niet, neem dan contact op met de vertrouwenspersoon."
            ),
            code="time_from_contact_moment",
        )
    audit_log(
        actor=actor,
        action="ambassadors.time.deleted",
        target=entry.ambassador,
        data={"entry": entry.pk, "minutes": entry.minutes},
    )
    entry.delete()


@transaction.atomic
def ambassador_vog_reminded(*, ambassador: Ambassador, on: date) -> None:
    """Record that the renewal reminder for the ambassador's VOG went out (so it goes out once)."""
    Ambassador.objects.filter(pk=ambassador.pk).update(vog_reminded_on=on)
    audit_log(
        actor=None,
        action="ambassadors.ambassador.vog_reminded",
        target=ambassador,
        data={"valid_until": ambassador.vog_valid_until.isoformat() if ambassador.vog_valid_until else None},
    )
