"""Coverage targets and vacancies: a coordinator's writes."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.accounts.types import Actor, User
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.geo.models import Region

from ..constants import VacancyStatus
from ..models import CoverageTarget, Vacancy
from ..workflow import CLOSE, VACANCY_WORKFLOW

MAX_TARGET = 50


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
