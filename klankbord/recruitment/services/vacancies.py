"""Coverage targets and vacancies: a coordinator's writes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.accounts.types import Actor, User
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.geo.models import Region

from ..constants import VacancyStatus
from ..models import CoverageTarget, TimeGuidance, Vacancy
from ..workflow import CLOSE, VACANCY_WORKFLOW

MAX_TARGET = 50
MAX_HOURS_PER_MONTH = Decimal(80)


@transaction.atomic
def coverage_target_set(*, actor: User, region: Region, target: int | None) -> CoverageTarget | None:
    """Set the region's own target, or (``None``) return to the derived default."""
    if target is None:
        deleted, _rows = CoverageTarget.objects.filter(region=region).delete()
        if deleted:
            audit_log(actor=actor, action="recruitment.coverage_target.cleared", target=region)
        return None
    if not 0 <= target <= MAX_TARGET:
        raise DomainError(_("Kies een doel tussen 0 en %(max)d.") % {"max": MAX_TARGET}, code="range")
    row, _created = CoverageTarget.objects.update_or_create(
        region=region, defaults={"target": target, "updated_by": actor}
    )
    audit_log(actor=actor, action="recruitment.coverage_target.set", target=region, data={"target": target})
    return row


@transaction.atomic
def vacancy_open(*, actor: User, region: Region, positions: int, closes_on: date | None = None) -> Vacancy:
    """The coordinator confirms a region's gap: publish a vacancy there (one open vacancy per region)."""
    if not region.scheme.is_active:
        raise DomainError(_("Deze regio hoort niet bij de actieve regio-indeling."), code="inactive_scheme")
    if Vacancy.objects.select_for_update().filter(region=region, status=VacancyStatus.OPEN).exists():
        raise DomainError(_("Voor deze regio staat al een vacature open."), code="already_open")
    if not 1 <= positions <= MAX_TARGET:
        raise DomainError(_("Kies tussen 1 en %(max)d plaatsen.") % {"max": MAX_TARGET}, code="range")
    if closes_on is not None and closes_on < timezone.localdate():
        raise DomainError(_("De sluitingsdatum ligt in het verleden."), code="past")
    vacancy = Vacancy.objects.create(region=region, positions=positions, closes_on=closes_on, opened_by=actor)
    audit_log(
        actor=actor,
        action="recruitment.vacancy.opened",
        target=vacancy,
        data={
            "region": region.pk,
            "positions": positions,
            "closes_on": closes_on.isoformat() if closes_on else None,
        },
    )
    return vacancy


@transaction.atomic
def vacancy_close(*, actor: Actor, vacancy: Vacancy) -> bool:
    """Stop accepting applications. The procedure for those who applied goes on. False if already closed."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if not VACANCY_WORKFLOW.can(vacancy.status, CLOSE):
        return False
    vacancy.status, vacancy.closed_at = VACANCY_WORKFLOW.apply(vacancy.status, CLOSE), timezone.now()
    vacancy.save(update_fields=["status", "closed_at"])
    audit_log(actor=actor, action="recruitment.vacancy.closed", target=vacancy)
    return True


@transaction.atomic
def vacancy_close_when_filled(*, actor: Actor, vacancy: Vacancy, shortfall: int, onboarded: int) -> bool:
    """Close an open vacancy once it is filled: its positions are taken or its region reached the target.

    Called when an applicant for ``vacancy`` has been onboarded; ``shortfall`` is the region's coverage after it,
    ``onboarded`` the number of the vacancy's applicants onboarded so far. False when the vacancy stays open.
    """
    if vacancy.status != VacancyStatus.OPEN or (shortfall > 0 and onboarded < vacancy.positions):
        return False
    closed = vacancy_close(actor=actor, vacancy=vacancy)
    if closed:
        audit_log(
            actor=actor,
            action="recruitment.vacancy.filled",
            target=vacancy,
            data={"onboarded": onboarded, "shortfall": shortfall},
        )
    return closed


@transaction.atomic
def time_guidance_set(*, actor: User, hours_per_month: Decimal) -> TimeGuidance:
    """State ``hours_per_month`` as the time commitment in every vacancy text (usually the measured median)."""
    if not Decimal(0) < hours_per_month <= MAX_HOURS_PER_MONTH:
        raise DomainError(
            _("Kies een aantal uren per maand groter dan 0 en hoogstens %(max)s.")
            % {"max": MAX_HOURS_PER_MONTH},
            code="range",
        )
    guidance = TimeGuidance.objects.create(
        hours_per_month=hours_per_month.quantize(Decimal("0.1")), set_by=actor
    )
    audit_log(
        actor=actor,
        action="recruitment.time_guidance.set",
        target=guidance,
        data={"hours_per_month": str(guidance.hours_per_month)},
    )
    return guidance
